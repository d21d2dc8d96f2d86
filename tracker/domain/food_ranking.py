"""How well a food fits a search: its standing on its own plus how it matches the words.

A food's *static quality* says how likely it is to be what people mean at all
(commonly eaten, short plain description, not a baby food or a brand); it is
computed once per food. The *match score* (``food_match.Matcher``) says where
the query words sit in the description; the weights for both live here.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence

from tracker.domain.foods import Food
from tracker.domain.search_text import compound_terms, index_terms, words

# Leading description parts that name a category or a maker rather than the
# food; ranking looks past them, so "Beverages, coffee, brewed" is headed by "coffee".
CATEGORY_HEADS = frozenset({
    "beverages", "alcoholic beverage", "alcoholic beverages", "carbonated beverage", "carbonated",
    "babyfood", "fish", "snacks", "candies", "cereals ready to eat", "fast foods",
    "restaurant", "spices", "nuts", "seeds", "game meat", "mollusks", "crustaceans",
    "usda commodity", "school lunch",
})

_GROUP_PENALTY = {
    "Baby Foods": 1.5,
    "American Indian/Alaska Native Foods": 1.2,
    "Restaurant Foods": 0.8,
    "Fast Foods": 0.8,
    "Snacks": 0.6,
}
# Forms that are rarely what a search for the plain food means.
_UNUSUAL_FORMS = frozenset({
    "powder", "dry", "dried", "dehydrated", "concentrate", "mix", "imitation", "substitute",
    "frozen", "canned", "formula", "infant", "instant", "low", "reduced", "meatless", "human",
})
# Qualifiers that mark the plain, everyday form when they come right after the name.
_PLAIN_FORMS = frozenset({
    "raw", "whole", "plain", "regular", "all", "fresh", "generic", "brewed", "granulated", "table",
})
_BRAND = re.compile(r"\b[A-Z][A-Z'&.-]{2,}\b")
_SEGMENT_SEP = "|"

SURVEY_BONUS = 1.0
BRAND_PENALTY = 1.2
UNUSUAL_FORM_PENALTY = 0.3
PLAIN_FORM_BONUS = 0.3
# Household measures are recorded mostly for foods people actually eat.
PORTION_BONUS = 0.1
PORTION_BONUS_CAP = 6
LENGTH_PENALTY_PER_CHAR = 0.008
BOOST_WEIGHT = 4.0

# A query word equal to a description word counts more than one that only starts it.
WORD_MATCH = {2: 1.0, 1: 0.5}
# Where in the description a word sits: the naming part, the first qualifier, the rest.
PART_WEIGHTS = (1.0, 0.6)
FIRST_WORD_BONUS = 0.5
COMMON_NAME_WEIGHT = 0.8
WHOLE_QUERY_IN_HEAD_BONUS = 0.5
# Rewards a head the query covers ("Milk" over "Milk shakes" for "milk").
HEAD_COVERAGE_WEIGHT = 0.5
# English puts the noun last ("chocolate milk" is milk) and so does the naming
# part of a description ("Candies, milk chocolate" is chocolate): when a
# query of several words ends in that noun, the food is the kind asked for.
HEAD_NOUN_BONUS = 1.5


def _is_brand_segment(segment: str) -> bool:
    letters = [ch for ch in segment if ch.isalpha()]
    return len(letters) >= 2 and sum(ch.isupper() for ch in letters) >= 0.8 * len(letters)


def segments(name: str) -> list[list[str]]:
    """The description's comma-separated parts as word lists, the naming part first."""
    raw = [part for part in name.split(",") if words(part)]
    parts = [words(part) for part in raw]
    moved: list[list[str]] = []
    while len(parts) > 1 and (" ".join(parts[0]) in CATEGORY_HEADS or _is_brand_segment(raw[0])):
        moved.append(parts.pop(0))
        raw.pop(0)
    return parts + moved


def encode_segments(parts: Sequence[Sequence[str]]) -> str:
    """``segments`` as one stored string, read back by ``decode_segments``."""
    return _SEGMENT_SEP.join(" ".join(part) for part in parts)


def decode_segments(text: str) -> list[list[str]]:
    return [part.split() for part in text.split(_SEGMENT_SEP)] if text else []


def index_columns(name: str, common_names: Sequence[str]) -> tuple[str, str, str]:
    """Text for the full-text columns head, body and common."""
    parts = segments(name)
    head = " ".join(index_terms(" ".join(parts[0])) + compound_terms(parts[0])) if parts else ""
    body = " ".join(term for part in parts[1:]
                    for term in index_terms(" ".join(part)) + compound_terms(part))
    common = " ".join(term for text in common_names
                      for term in index_terms(text) + compound_terms(words(text)))
    return head, body, common


def static_quality(food: Food) -> float:
    """How plausible the food is as a search result regardless of the query."""
    name = food.name
    score = SURVEY_BONUS if food.survey else 0.0
    score -= _GROUP_PENALTY.get(food.group, 0.0)
    if _BRAND.search(name):
        score -= BRAND_PENALTY
    if _UNUSUAL_FORMS.intersection(words(name)):
        score -= UNUSUAL_FORM_PENALTY
    qualifiers = [word for part in segments(name)[1:3] for word in part]
    if _PLAIN_FORMS.intersection(qualifiers):
        score += PLAIN_FORM_BONUS
    score += PORTION_BONUS * min(len(food.portions), PORTION_BONUS_CAP)
    return score - LENGTH_PENALTY_PER_CHAR * len(name)


def total_score(match: float, quality: float, boost: float = 0.0) -> float:
    """What results are sorted by: the match, the food's own standing, the user's habits."""
    return match + quality + BOOST_WEIGHT * boost


# A food logged this many times in the habit window counts as fully frequent.
FREQUENT_ENTRIES = 20
# Days over which the pull of a recently logged food halves.
RECENCY_HALF_LIFE_DAYS = 14.0
# A user's own food is as plausible a result as a commonly eaten SR28 food.
CUSTOM_FOOD_QUALITY = SURVEY_BONUS


def habit_boost(entries: int, days_since_last: int) -> float:
    """0..1: how strongly a user's own logging says they mean this food."""
    if entries <= 0:
        return 0.0
    frequency = min(1.0, math.log1p(entries) / math.log1p(FREQUENT_ENTRIES))
    recency = 0.5 ** (max(days_since_last, 0) / RECENCY_HALF_LIFE_DAYS)
    return 0.5 * frequency + 0.5 * recency


def custom_quality(name: str) -> float:
    """Static quality for a food the user defined."""
    return CUSTOM_FOOD_QUALITY - LENGTH_PENALTY_PER_CHAR * len(name)
