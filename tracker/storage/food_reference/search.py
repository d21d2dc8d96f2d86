"""Searching the food reference: candidates from its full-text index, ranked by match.

Loaded on the first search, not with the reference itself: looking foods up by id
(as the day view does before its first paint) needs none of the ranking code.
"""

from __future__ import annotations

import heapq
import sqlite3
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from tracker.domain.food_aliases import with_synonyms
from tracker.domain.food_match import Described, Matcher
from tracker.domain.food_ranking import decode_segments, total_score
from tracker.domain.foods import FoodHit
from tracker.domain.search_text import (
    QueryWord,
    compounds,
    joined,
    parse_query,
    word_blob,
    words,
)
from tracker.storage.batches import in_batches
from tracker.storage.food_reference.vocabulary import Vocabulary

# Candidates taken from the index per search, in static-quality order; the
# final order is decided among these, which bounds the work per keystroke.
CANDIDATES = 120
SHORT_QUERY_CANDIDATES = 40
# Parsed candidates kept between keystrokes; cleared when it grows past this.
_ROW_CACHE = 20_000
_ID_PREFIX = "sr28:"
_CANDIDATE_COLUMNS = "rowid, id, name, grp, common, aliases, terms, quality"


def _fts_word(word: QueryWord) -> str:
    # Only [a-z0-9] survive parse_query, and each form is quoted, so no user
    # input can reach FTS5 as syntax.
    star = "*" if word.prefix else ""
    return "(" + " OR ".join(f'"{form}"{star}' for form in word.forms) + ")"


def _readings(parsed: Sequence[QueryWord]) -> list[list[QueryWord]]:
    """The query as typed, and with each two neighbouring words joined ("soy milk" -> "soymilk")."""
    readings = [list(parsed)]
    for i in range(len(parsed) - 1):
        readings.append([*parsed[:i], joined(parsed[i], parsed[i + 1]), *parsed[i + 2:]])
    return readings


@dataclass(frozen=True)
class _Candidate:
    """What ranking needs of one food, parsed once and kept while the reference is open."""

    rowid: int
    id: str
    name: str
    group: str
    common: tuple[str, ...]
    quality: float
    described: Described
    blob: str

    @classmethod
    def from_row(cls, row: Sequence[Any]) -> _Candidate:
        rowid, food_id, name, group, common, aliases, terms, quality = row
        names = tuple(common.split("\n")) if common else ()
        parts = decode_segments(terms)
        also = aliases.split("\n") if aliases else []
        common_words = [words(n) for n in (*names, *also)]
        blob = word_blob([w for part in parts + common_words
                          for w in [*part, *(c for _, c in compounds(part))]])
        return cls(rowid, food_id, name, group, names, quality,
                   Described.of(parts, common_words), blob)


class FoodSearch:
    """The search state of one open reference: parsed candidates and the vocabulary.

    Not locked itself: ``FoodReference.search`` calls it holding the reference's lock.
    """

    def __init__(self, conn: sqlite3.Connection) -> None:
        self._conn = conn
        self._vocabulary = Vocabulary(conn)
        self._rows: dict[int, _Candidate] = {}
        self._rowid_of: dict[str, int] = {}
        self._absent: set[str] = set()

    def search(self, query: str, limit: int, boosts: Mapping[str, float]) -> list[FoodHit]:
        parsed = with_synonyms(parse_query(query))
        if not parsed or limit <= 0:
            return []
        hits = self._search(parsed, limit, boosts)
        if not hits:
            corrected = self._vocabulary.correct(parsed)
            if corrected != parsed:
                hits = self._search(corrected, limit, boosts)
        return hits

    def _fts_rowids(self, parsed: Sequence[QueryWord]) -> set[int]:
        # Each way of reading the query (its words, or two neighbours joined
        # into one) is one alternative; a food matching any of them is a candidate.
        readings = _readings(parsed)
        anywhere = " OR ".join(
            "(" + " AND ".join(_fts_word(word) for word in reading) + ")" for reading in readings)
        headed = " OR ".join(
            "({head} : " + " AND ".join([_fts_word(reading[0])]
                                        + [_fts_word(word) for word in reading[1:]]) + ")"
            for reading in readings)
        sql = "SELECT rowid FROM food_fts WHERE food_fts MATCH ? ORDER BY rowid LIMIT ?"
        # One or two letters say little yet; the best-standing foods will do.
        bound = CANDIDATES if sum(len(w.text) for w in parsed) >= 3 else SHORT_QUERY_CANDIDATES
        rowids = {r for (r,) in self._conn.execute(sql, (anywhere, bound))}
        rowids.update(r for (r,) in self._conn.execute(sql, (headed, bound)))
        return rowids

    def _make_room(self, coming: int) -> None:
        if len(self._rows) + coming > _ROW_CACHE:
            self._rows.clear()
            self._rowid_of.clear()

    def _remember(self, rows: Iterable[Sequence[Any]]) -> None:
        for row in rows:
            candidate = _Candidate.from_row(row)
            self._rows[candidate.rowid] = candidate
            self._rowid_of[candidate.id] = candidate.rowid

    def _fetch(self, column: str, keys: Sequence[Any]) -> None:
        """Read the candidates whose ``column`` ("rowid" or "id") is in ``keys``, in
        batches SQLite's parameter limit allows."""
        self._make_room(len(keys))
        for chunk, marks in in_batches(keys):
            self._remember(self._conn.execute(
                f"SELECT {_CANDIDATE_COLUMNS} FROM food WHERE {column} IN ({marks})", chunk))

    def _by_rowid(self, rowids: Collection[int]) -> list[_Candidate]:
        self._fetch("rowid", [r for r in rowids if r not in self._rows])
        return [self._rows[r] for r in rowids if r in self._rows]

    def _by_id(self, ids: Iterable[str]) -> list[_Candidate]:
        wanted = [i for i in ids if i.startswith(_ID_PREFIX) and i not in self._absent]
        missing = [i for i in wanted if i not in self._rowid_of]
        self._fetch("id", missing)
        self._absent.update(i for i in missing if i not in self._rowid_of)
        return self._by_rowid([self._rowid_of[i] for i in wanted if i in self._rowid_of])

    def _search(
        self, parsed: Sequence[QueryWord], limit: int, boosts: Mapping[str, float]
    ) -> list[FoodHit]:
        candidates = {c.rowid: c for c in self._by_rowid(self._fts_rowids(parsed))}
        # The user's own foods are scored whether or not the index window reached them.
        matcher = Matcher(parsed)
        for candidate in self._by_id(boosts):
            if matcher.may_match(candidate.blob):
                candidates.setdefault(candidate.rowid, candidate)
        ceiling = matcher.best_possible()
        scored: list[tuple[float, int, FoodHit]] = []
        kept: list[float] = []  # min-heap of the ``limit`` best scores so far
        for c in sorted(candidates.values(), key=lambda c: c.rowid):
            boost = boosts.get(c.id, 0.0)
            # Candidates come best-standing first; one that could not beat the
            # current last place even with a perfect match is not scored at all.
            if len(kept) >= limit and total_score(ceiling, c.quality, boost) < kept[0]:
                continue
            match = matcher.score(c.described)
            if match is None:
                continue
            score = total_score(match, c.quality, boost)
            if len(kept) < limit:
                heapq.heappush(kept, score)
            else:
                heapq.heappushpop(kept, score)
            scored.append((-score, c.rowid, FoodHit(c.id, c.name, c.group, score, c.common)))
        scored.sort(key=lambda item: (item[0], item[1]))
        return [hit for _, _, hit in scored[:limit]]
