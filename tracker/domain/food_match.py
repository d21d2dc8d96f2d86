"""How query words meet a food's description: where each word sits, and how much that says.

The head of a description ("Milk" in "Milk, whole") names the food, later
parts only qualify it ("milk" in "Crackers, milk"); common names and aliases
name it too. Query words may also meet description words written together or
apart ("soy milk" and "Soymilk", "cornflakes" and "Corn Flakes").
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from tracker.domain.food_ranking import (
    COMMON_NAME_WEIGHT,
    FIRST_WORD_BONUS,
    HEAD_COVERAGE_WEIGHT,
    HEAD_NOUN_BONUS,
    PART_WEIGHTS,
    WHOLE_QUERY_IN_HEAD_BONUS,
    WORD_MATCH,
)
from tracker.domain.search_text import QueryWord, compounds, joined

# (position, word, how many description words it spans, length of its first word)
Token = tuple[int, str, int, int]
_NO_MATCH: tuple[int, ...] = ()


def _tokens(part: Sequence[str]) -> tuple[Token, ...]:
    found = [(i, word, 1, len(word)) for i, word in enumerate(part)]
    found.extend((i, word, 2, len(part[i])) for i, word in compounds(part))
    return tuple(found)


@dataclass(frozen=True)
class Described:
    """A food's description and common names taken apart once for scoring many queries."""

    parts: tuple[tuple[Token, ...], ...]
    common: tuple[tuple[Token, ...], ...]
    head_length: int
    common_lengths: tuple[int, ...]
    head_end: tuple[Token, ...]  # the head's last word, and its last two joined

    @classmethod
    def of(cls, parts: Sequence[Sequence[str]], common: Sequence[Sequence[str]]) -> Described:
        head = parts[0] if parts else []
        head_end = tuple(t for t in _tokens(head)
                         if t[0] + t[2] == len(head)) if head else ()
        return cls(tuple(_tokens(p) for p in parts), tuple(_tokens(c) for c in common if c),
                   len(head), tuple(len(c) for c in common if c), head_end)


@dataclass
class Matcher:
    """Scores descriptions against one query, remembering each word's match.

    Besides the query's words it tries each two neighbouring words as one
    ("soy milk" finds "Soymilk"), and each two neighbouring description words
    as one ("cornflakes" finds "Corn Flakes"). A joined pair stands for both
    of its query words, so it scores as two words matched in that place.
    """

    query: Sequence[QueryWord]

    def __post_init__(self) -> None:
        self._seen: dict[str, tuple[int, ...]] = {}
        self._seen_pairs: dict[tuple[str, int], tuple[int, ...]] = {}
        self._pairs = [joined(a, b) for a, b in zip(self.query, self.query[1:], strict=False)]
        self._units: list[QueryWord] = [*self.query, *self._pairs]
        self._n = len(self.query)
        # Matching keeps a word's first letter, so other words are skipped unseen.
        self._initials = frozenset(form[:1] for unit in self._units for form in unit.forms)

    def _match(self, word: str, span: int, first_length: int) -> tuple[int, ...]:
        """Per query unit: 2 if ``word`` is it, 1 if it starts with it, else 0 (empty: none).

        A word start counts on two joined words only if it reaches into the
        second: "orange" (or "carrots", singular "carrot") being typed starts
        "orangejuice" but names only the first word; "cornfla" reaches into
        "Corn Flakes".
        """
        if span == 1:
            found = self._seen.get(word)
            if found is None:
                kinds = [q.match(word) for q in self._units]
                found = self._seen[word] = tuple(kinds) if any(kinds) else _NO_MATCH
            return found
        key = (word, first_length)
        found = self._seen_pairs.get(key)
        if found is None:
            kinds = [kind if kind != 1 or any(len(form) > first_length and word.startswith(form)
                                              for form in unit.forms) else 0
                     for kind, unit in ((q.match(word), q) for q in self._units)]
            found = self._seen_pairs[key] = tuple(kinds) if any(kinds) else _NO_MATCH
        return found

    def best_possible(self) -> float:
        """No description can score more than this; lets search skip hopeless candidates."""
        per_word = max(WORD_MATCH.values()) + max(PART_WEIGHTS[0] + FIRST_WORD_BONUS,
                                                   COMMON_NAME_WEIGHT)
        bonus = WHOLE_QUERY_IN_HEAD_BONUS + HEAD_COVERAGE_WEIGHT + HEAD_NOUN_BONUS
        return per_word * self._n + bonus

    def may_match(self, blob: str) -> bool:
        """False when no description with these words (``word_blob``) can match the query."""
        singles = [word.may_match(blob) for word in self.query]
        if all(singles) or not self._pairs:
            return all(singles)
        n = self._n
        reachable = [True] + [False] * n
        for i in range(1, n + 1):
            reachable[i] = (reachable[i - 1] and singles[i - 1]) or (
                i >= 2 and reachable[i - 2] and self._pairs[i - 2].may_match(blob))
        return reachable[n]

    def _segment(self, best: Sequence[float]) -> float | None:
        """The best total over the ways to cover the query by single words and joined pairs.

        ``best`` holds each word's best value, then each joined pair's (already
        counting both words it stands for).
        """
        n = self._n
        totals: list[float | None] = [0.0] + [None] * n
        for i in range(1, n + 1):
            options = []
            before = totals[i - 1]
            if before is not None and best[i - 1]:
                options.append(before + best[i - 1])
            if i >= 2:
                two_back = totals[i - 2]
                if two_back is not None and best[n + i - 2]:
                    options.append(two_back + best[n + i - 2])
            totals[i] = max(options) if options else None
        return totals[n]

    def _in_head(self, hits: Sequence[bool]) -> bool:
        """Every query word was found in the naming part, alone or in a joined pair."""
        n = self._n
        return all(hits[i] or (i > 0 and hits[n + i - 1]) or (i < n - 1 and hits[n + i])
                   for i in range(n))

    def _ends_on_head_noun(self, described: Described) -> bool:
        """The query, of two words or more, ends on the head's last word (or last pair).

        One word typed for two ("cornflakes") counts as two words.
        """
        n = self._n
        last_units = [n - 1] + ([len(self._units) - 1] if self._pairs else [])
        for _, word, span, first in described.head_end:
            if span == 1 and n == 1:
                continue
            matched = self._match(word, span, first)
            if matched and any(matched[unit] for unit in last_units):
                return True
        return False

    def _value(self, unit: int, kind: int, place: float) -> float:
        """What matching query unit ``unit`` (a word, or a pair counting twice) is worth."""
        value = WORD_MATCH[kind] + place
        return 2 * value if unit >= self._n else value

    def score(self, described: Described) -> float | None:
        """The match score, or None when some query word is not in the food."""
        best = [0.0] * len(self._units)
        head_hits, covered = self._score_parts(described, best)
        # A common name (or an everyday alias) holding the whole query names the
        # food as well as its head does: "crisps" is what Britons call potato chips.
        naming_bonus = max((self._score_name(name, length, best) for name, length
                            in zip(described.common, described.common_lengths, strict=True)),
                           default=0.0)
        total = self._segment(best)
        if total is None:
            return None
        head_bonus = WHOLE_QUERY_IN_HEAD_BONUS if self._in_head(head_hits) else 0.0
        if described.head_length:
            head_bonus += HEAD_COVERAGE_WEIGHT * len(covered) / described.head_length
            if self._ends_on_head_noun(described):
                total += HEAD_NOUN_BONUS
        return total + max(head_bonus, naming_bonus)

    def _score_parts(self, described: Described, best: list[float]
                     ) -> tuple[list[bool], set[int]]:
        """Raise ``best`` by the description's parts; which units hit the head, which
        head words were matched."""
        head_hits = [False] * len(self._units)
        covered: set[int] = set()
        seen, initials = self._seen, self._initials
        for si, part in enumerate(described.parts):
            place = PART_WEIGHTS[si] if si < len(PART_WEIGHTS) else 0.0
            for wi, word, span, first in part:
                if word[:1] not in initials:
                    continue
                matched = seen.get(word) if span == 1 else None
                if matched is None:
                    matched = self._match(word, span, first)
                if not matched:
                    continue
                if si == 0:
                    covered.update(range(wi, wi + span))
                bonus = FIRST_WORD_BONUS if si == wi == 0 else 0.0
                self._raise(best, matched, place, bonus, head_hits if si == 0 else None)
        return head_hits, covered

    def _raise(self, best: list[float], matched: tuple[int, ...], place: float, bonus: float,
               hits: list[bool] | None) -> None:
        for qi, kind in enumerate(matched):
            if kind:
                value = self._value(qi, kind, place) + bonus
                if value > best[qi]:
                    best[qi] = value
                if hits is not None:
                    hits[qi] = True

    def _score_name(self, name: tuple[Token, ...], length: int, best: list[float]) -> float:
        """Raise ``best`` by one common name; the naming bonus if it holds the whole query."""
        in_name = [False] * len(self._units)
        covered: set[int] = set()
        for wi, word, span, first in name:
            if word[:1] not in self._initials:
                continue
            matched = self._match(word, span, first)
            if matched:
                covered.update(range(wi, wi + span))
                self._raise(best, matched, COMMON_NAME_WEIGHT, 0.0, in_name)
        if not covered or self._segment([float(hit) for hit in in_name]) is None:
            return 0.0
        return WHOLE_QUERY_IN_HEAD_BONUS + HEAD_COVERAGE_WEIGHT * len(covered) / length
