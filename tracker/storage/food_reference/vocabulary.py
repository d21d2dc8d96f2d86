"""The indexed words of the food reference, for finding what a misspelt word meant."""

from __future__ import annotations

import bisect
import sqlite3
from collections.abc import Sequence

from tracker.domain.search_text import TYPO_MIN_LENGTH, QueryWord, edits1

# At most this many spellings stand in for a word that matched nothing.
MAX_CORRECTIONS = 6


class Vocabulary:
    """Every indexed word with the number of foods holding it, read on first need."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self._conn = conn
        self._sorted: list[str] | None = None
        self._counts: dict[str, int] = {}

    def _words(self) -> list[str]:
        if self._sorted is None:
            rows = self._conn.execute("SELECT term, foods FROM vocab ORDER BY term").fetchall()
            self._sorted = [term for term, _ in rows]
            self._counts = dict(rows)
        return self._sorted

    def _has_prefix(self, prefix: str) -> bool:
        ordered = self._words()
        at = bisect.bisect_left(ordered, prefix)
        return at < len(ordered) and ordered[at].startswith(prefix)

    def _known(self, word: QueryWord) -> bool:
        self._words()
        return any(self._has_prefix(form) if word.prefix else form in self._counts
                   for form in word.forms)

    def correct(self, parsed: Sequence[QueryWord]) -> list[QueryWord]:
        """``parsed`` with each long word that matches nothing replaced by its near spellings.

        A near spelling is one edit away (a letter deleted, inserted, changed,
        or two swapped); the most common ones in the index are kept.
        """
        corrected: list[QueryWord] = []
        for word in parsed:
            if len(word.text) < TYPO_MIN_LENGTH or self._known(word):
                corrected.append(word)
                continue
            near = {candidate for form in {word.text, *word.forms} for candidate in edits1(form)}
            # Whole words first: "latte" means "late" sooner than "batter".
            spellings = {c for c in near if c in self._counts}
            prefix = False
            if not spellings and word.prefix:
                spellings = {c for c in near if self._has_prefix(c)}
                prefix = True
            if not spellings:
                corrected.append(word)
                continue
            ranked = sorted(spellings, key=lambda s: (-self._counts.get(s, 0), s))
            corrected.append(QueryWord(word.text, tuple(ranked[:MAX_CORRECTIONS]), prefix))
        return corrected
