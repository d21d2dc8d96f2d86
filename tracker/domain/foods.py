"""Foods as the app sees them: per-100 g nutrient values and household portions."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Portion:
    """A household measure: ``amount`` ``description`` weighs ``grams`` (e.g. 1 cup = 30 g)."""

    amount: float
    description: str
    grams: float

    @property
    def label(self) -> str:
        amount = f"{self.amount:g}"
        return f"{amount} {self.description}"


# The kinds of food an id can name, by prefix.
SR28_PREFIX = "sr28:"
CUSTOM_PREFIX = "custom:"
RECIPE_PREFIX = "recipe:"
MEAL_PREFIX = "meal:"
IMPORTED_PREFIX = "imported:"
VERSION_MARK = "@"


def base_id(food_id: str) -> str:
    """The food a versioned id belongs to: "custom:ab12@3" -> "custom:ab12"."""
    return food_id.split(VERSION_MARK, 1)[0]


def version_of(food_id: str) -> int:
    """The version a stored id names; an id without a mark is the first version."""
    _, mark, number = food_id.partition(VERSION_MARK)
    return int(number) if mark else 1


def versioned_id(base: str, version: int) -> str:
    """The id of ``version`` of the food ``base``; the first version keeps the plain id,
    so entries logged before foods had versions still name it."""
    return base if version == 1 else f"{base}{VERSION_MARK}{version}"


# Measures of volume; SR28 lists them first for many foods eaten whole.
_VOLUME_MEASURES = ("cup", "tbsp", "tsp", "fl oz")


def usual_portion(portions: Sequence[Portion]) -> Portion | None:
    """The measure a food's first log starts with, before the person has logged it.

    SR28 lists volumes first even for foods eaten whole ("1 cup, mashed" before
    "1 medium" for bananas, apples and peaches); where a volume comes first and a
    medium item is listed, one medium item is the likelier portion. Otherwise the
    first measure, as SR28 orders them (a large egg before a medium one)."""
    if not portions:
        return None
    first = portions[0]
    if first.description.startswith(_VOLUME_MEASURES):
        medium = next((p for p in portions if p.description.startswith("medium")), None)
        if medium is not None:
            return medium
    return first


@dataclass(frozen=True)
class Food:
    """A food with values per 100 g; ``None`` means the value is unknown, not zero.

    ``known`` holds, for a food made of others (a recipe), the share of its
    ingredients' weight whose value for a nutrient is known, where that is
    between 0 and 1: the value is then a known lower bound.
    """

    id: str  # "sr28:11457", "custom:<uuid hex>[@version]", "recipe:<uuid hex>[@version]"
    name: str
    group: str
    nutrients: dict[str, float | None]
    portions: tuple[Portion, ...] = ()
    common_names: tuple[str, ...] = ()
    survey: bool = False
    beverage: bool = False
    known: dict[str, float] = field(default_factory=dict)

    @property
    def is_custom(self) -> bool:
        return self.id.startswith(CUSTOM_PREFIX)

    @property
    def is_recipe(self) -> bool:
        return self.id.startswith(RECIPE_PREFIX)

    def per_grams(self, key: str, grams: float) -> float | None:
        """Amount of nutrient ``key`` in ``grams`` of this food, or None if unknown."""
        value = self.nutrients.get(key)
        return None if value is None else value * grams / 100.0

    def known_fraction(self, key: str) -> float:
        """How much of this food's weight has a known value for ``key`` (0 to 1)."""
        if self.nutrients.get(key) is None:
            return 0.0
        return self.known.get(key, 1.0)


@dataclass(frozen=True)
class FoodHit:
    """One search result, light enough to list thousands of."""

    id: str
    name: str
    group: str
    score: float = 0.0
    common_names: tuple[str, ...] = field(default=())
