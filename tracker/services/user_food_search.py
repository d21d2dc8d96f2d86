"""Searching the person's own foods (custom foods, recipes, saved meals) by the SR28 rules.

Their names are scored by the same matcher, aliases and habit boost as SR28
foods, so "my soy milk" and "Soymilk, original" compete fairly in one list.
Each name is taken apart once and kept, so a keystroke over thousands of
recipes and meals costs a dictionary lookup per name plus the scoring.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from tracker.domain.food_aliases import aliases_for
from tracker.domain.food_match import Described, Matcher
from tracker.domain.food_ranking import custom_quality, segments, total_score
from tracker.domain.foods import FoodHit
from tracker.domain.search_text import QueryWord, compounds, word_blob, words

# Taken-apart names kept between searches; cleared when it grows past this.
_KEPT = 50_000


@dataclass(frozen=True)
class _Named:
    """What scoring needs of one name, computed once."""

    described: Described
    blob: str
    quality: float


_parsed: dict[str, _Named] = {}


def _named(name: str) -> _Named:
    found = _parsed.get(name)
    if found is None:
        if len(_parsed) >= _KEPT:
            _parsed.clear()
        parts = segments(name)
        common_words = [words(alias) for alias in aliases_for(name, described=False)]
        every = [w for part in parts + common_words
                 for w in [*part, *(c for _, c in compounds(part))]]
        found = _parsed[name] = _Named(Described.of(parts, common_words), word_blob(every),
                                       custom_quality(name))
    return found


def user_food_hits(rows: Iterable[tuple[str, str, str]], parsed: Sequence[QueryWord],
                   boosts: Mapping[str, float]) -> list[FoodHit]:
    """The (id, name, group) ``rows`` matching ``parsed``, scored like SR28 foods."""
    if not parsed:
        return []
    matcher = Matcher(parsed)
    hits = []
    for food_id, name, group in rows:
        named = _named(name)
        if not matcher.may_match(named.blob):
            continue
        match = matcher.score(named.described)
        if match is not None:
            score = total_score(match, named.quality, boosts.get(food_id, 0.0))
            hits.append(FoodHit(food_id, name, group, score))
    return hits
