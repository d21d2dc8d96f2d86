"""Searching the person's own foods (custom foods, recipes, saved meals) by the SR28 rules.

Their names are scored by the same matcher, aliases and habit boost as SR28
foods, so "my soy milk" and "Soymilk, original" compete fairly in one list.
The names are indexed once (each word, its singular forms, neighbouring
words joined, aliases), so a keystroke over thousands of recipes and meals
looks up the query's words and scores only the names holding them.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from tracker.domain.food_aliases import aliases_for
from tracker.domain.food_match import Described, Matcher
from tracker.domain.food_ranking import custom_quality, segments, total_score
from tracker.domain.foods import FoodHit
from tracker.domain.search_text import QueryWord, compounds, joined, variants, words


@dataclass(frozen=True)
class _Named:
    """What scoring needs of one name, computed once."""

    id: str
    name: str
    group: str
    described: Described
    quality: float


# Names taken apart, kept between index builds (names rarely change); bounded.
_KEPT = 50_000
_parsed: dict[str, tuple[Described, float, frozenset[str]]] = {}


def _named(food_id: str, name: str, group: str) -> tuple[_Named, frozenset[str]]:
    """The name taken apart, and every term it can be found by."""
    found = _parsed.get(name)
    if found is None:
        if len(_parsed) >= _KEPT:
            _parsed.clear()
        parts = segments(name)
        common = [words(alias) for alias in aliases_for(name, described=False)]
        terms = frozenset(form for part in parts + common
                          for word in [*part, *(c for _, c in compounds(part))]
                          for form in variants(word))
        found = _parsed[name] = (Described.of(parts, common), custom_quality(name), terms)
    described, quality, terms = found
    return _Named(food_id, name, group, described, quality), terms


class OwnFoodIndex:
    """The person's own foods, searchable by term; built once per state of the diary."""

    def __init__(self, rows: Iterable[tuple[str, str, str]]) -> None:
        self._named: list[_Named] = []
        postings: dict[str, set[int]] = {}
        for row, (food_id, name, group) in enumerate(rows):
            named, terms = _named(food_id, name, group)
            self._named.append(named)
            for term in terms:
                postings.setdefault(term, set()).add(row)
        self._postings = postings
        self._terms = sorted(postings)

    def __len__(self) -> int:
        return len(self._named)

    def _rows_with(self, word: QueryWord) -> set[int]:
        found: set[int] = set()
        for form in word.forms:
            if word.prefix:
                start = bisect.bisect_left(self._terms, form)
                for term in self._terms[start:]:
                    if not term.startswith(form):
                        break
                    found |= self._postings[term]
            else:
                found |= self._postings.get(form, set())
        return found

    def _candidates(self, parsed: Sequence[QueryWord]) -> set[int]:
        """Rows holding every query word, alone or joined with its neighbour."""
        reach: list[set[int]] = [set(range(len(self._named)))]
        for i, word in enumerate(parsed):
            rows = reach[-1] & self._rows_with(word)
            if i >= 1:
                rows |= reach[-2] & self._rows_with(joined(parsed[i - 1], word))
            reach.append(rows)
        return reach[-1]

    def hits(self, parsed: Sequence[QueryWord], boosts: Mapping[str, float],
             skip: str | None = None) -> list[FoodHit]:
        """Own foods matching ``parsed`` (ids starting with ``skip`` left out), scored."""
        if not parsed:
            return []
        matcher = Matcher(parsed)
        found = []
        for row in self._candidates(parsed):
            named = self._named[row]
            if skip is not None and named.id.startswith(skip):
                continue
            match = matcher.score(named.described)
            if match is not None:
                score = total_score(match, named.quality, boosts.get(named.id, 0.0))
                found.append(FoodHit(named.id, named.name, named.group, score))
        return found
