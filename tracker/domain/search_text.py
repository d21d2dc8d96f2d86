"""Words as food search sees them: folded, split, singular, and one typo away.

Both the food index and the user's query go through the same functions, so
"Carrots" in a description and "carrot" typed by a user meet on one form.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

_WORD = re.compile(r"[a-z0-9]+")
_APOSTROPHES = re.compile(r"['\u2019`]")
_LETTERS = "abcdefghijklmnopqrstuvwxyz"

# A word this long or longer may carry one typo and still be found.
TYPO_MIN_LENGTH = 5
# Words beyond this many are ignored: no food description needs more, and it
# bounds the work a pasted paragraph can cause.
MAX_QUERY_WORDS = 12

# Plurals the suffix rules below would get wrong.
_IRREGULAR = {"leaves": "leaf", "halves": "half", "loaves": "loaf", "knives": "knife"}
_KEEP_ENDINGS = ("ss", "us", "is")
_ES_ENDINGS = ("ches", "shes", "sses", "xes", "zes", "oes")
_LINKING_WORDS = frozenset({"and", "with", "without", "not", "the", "for", "from", "added"})


def fold(text: str) -> str:
    """Lower case without accents or apostrophes ("Kellogg's Café" -> "kelloggs cafe")."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return _APOSTROPHES.sub("", plain)


def words(text: str) -> list[str]:
    """The searchable words of ``text``, folded, in order."""
    return _WORD.findall(fold(text))


def singular(word: str) -> str:
    """A crude English singular, applied alike to index and query, so only consistency matters."""
    if word in _IRREGULAR:
        return _IRREGULAR[word]
    if len(word) <= 3 or not word.endswith("s") or word.endswith(_KEEP_ENDINGS):
        return word
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith(_ES_ENDINGS):
        return word[:-2]
    return word[:-1]


def variants(word: str) -> tuple[str, ...]:
    """``word`` and the singular forms a query may use for it.

    "-ies" has two singulars ("cherries" -> "cherry", "cookies" -> "cookie"),
    so both are kept.
    """
    base = singular(word)
    if base == word:
        return (word,)
    if word.endswith("ies") and base.endswith("y"):
        return (word, base, word[:-1])
    return (word, base)


def index_terms(text: str) -> list[str]:
    """Words of ``text`` for the full-text index: each word with its singular forms."""
    return [form for word in words(text) for form in variants(word)]


def compounds(part: Sequence[str]) -> list[tuple[int, str]]:
    """Neighbouring words written as one, with where each starts ("whole wheat" -> "wholewheat").

    People write "wholewheat" for SR28's "whole-wheat" and "cornflakes" for
    "Corn Flakes". Only words of three or more letters join ("soy milk" does,
    "2% milk" and "no tapioca" do not), and never the little words that
    only link others.
    """
    pairs = enumerate(zip(part, part[1:], strict=False))
    return [(i, first + second) for i, (first, second) in pairs
            if _joinable(first) and _joinable(second)]


def _joinable(word: str) -> bool:
    return len(word) >= 3 and word.isalpha() and word not in _LINKING_WORDS


def compound_terms(part: Sequence[str]) -> list[str]:
    """``compounds`` of ``part`` for the full-text index, with their singular forms."""
    return [form for _, word in compounds(part) for form in variants(word)]


def edits1(word: str) -> set[str]:
    """Every string one deletion, transposition, substitution or insertion from ``word``."""
    splits = [(word[:i], word[i:]) for i in range(len(word) + 1)]
    deletes = {a + b[1:] for a, b in splits if b}
    transposes = {a + b[1] + b[0] + b[2:] for a, b in splits if len(b) > 1}
    replaces = {a + c + b[1:] for a, b in splits if b for c in _LETTERS}
    inserts = {a + c + b for a, b in splits for c in _LETTERS}
    return (deletes | transposes | replaces | inserts) - {word}


@dataclass(frozen=True)
class QueryWord:
    """One word of a query: the forms it accepts and whether it may be a word's start.

    ``prefix`` is true for the word still being typed (the last one, with no
    space after it), which then matches any word beginning with one of ``forms``.
    """

    text: str
    forms: tuple[str, ...]
    prefix: bool

    def match(self, word: str) -> int:
        """2 if ``word`` is this word (in any form), 1 if it starts with it, else 0."""
        # Singular forms only change a word's end, so a different first letter
        # rules a word out cheaply; most words of most candidates go this way.
        if not any(word[:1] == form[:1] for form in self.forms):
            return 0
        if any(form in self.forms for form in variants(word)):
            return 2
        if self.prefix and any(word.startswith(form) for form in self.forms):
            return 1
        return 0

    def may_match(self, blob: str) -> bool:
        """A quick test against ``word_blob`` output: False means no word of it matches."""
        end = "" if self.prefix else " "
        return any(f" {form}{end}" in blob for form in self.forms)


def word_blob(all_words: Iterable[str]) -> str:
    """Every form of ``all_words`` in one string, for ``QueryWord.may_match``."""
    return " " + " ".join(form for word in all_words for form in variants(word)) + " "


def joined(first: QueryWord, second: QueryWord) -> QueryWord:
    """Two query words read as one ("soy milk" -> "soymilk"), still a prefix if the second is."""
    text = first.text + second.text
    return QueryWord(text, (singular(text),), second.prefix)


def parse_query(query: str) -> list[QueryWord]:
    """The words of a search box entry; empty when there is nothing to search for."""
    found = words(query)
    if not found:
        return []
    still_typing = bool(_WORD.search(fold(query)[-1:])) and len(found) <= MAX_QUERY_WORDS
    found = found[:MAX_QUERY_WORDS]
    parsed = []
    for position, word in enumerate(found):
        prefix = still_typing and position == len(found) - 1
        parsed.append(QueryWord(word, (singular(word),), prefix))
    return parsed
