"""The nutrient registry: one entry per nutrient, which every other module reads.

Keys are the names used everywhere (database columns, JSON, CSV headers are
``f"{key}_{unit}"``); ``sr28`` is the USDA SR28 nutrient number the food
builder takes the value from.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Nutrient:
    key: str
    label: str
    unit: str
    sr28: str
    decimals: int = 0

    @property
    def column(self) -> str:
        """Column name with the unit in it, e.g. ``magnesium_mg``."""
        return f"{self.key}_{self.unit}"


NUTRIENTS: tuple[Nutrient, ...] = (
    Nutrient("energy", "Energy", "kcal", "208"),
    Nutrient("protein", "Protein", "g", "203", 1),
    Nutrient("fat", "Fat", "g", "204", 1),
    Nutrient("carbohydrate", "Carbohydrate", "g", "205", 1),
    Nutrient("fiber", "Fiber", "g", "291", 1),
    Nutrient("sugars", "Sugars", "g", "269", 1),
    Nutrient("water", "Water", "g", "255", 0),
    Nutrient("caffeine", "Caffeine", "mg", "262"),
    Nutrient("alcohol", "Alcohol", "g", "221", 1),
    Nutrient("calcium", "Calcium", "mg", "301"),
    Nutrient("magnesium", "Magnesium", "mg", "304"),
    Nutrient("potassium", "Potassium", "mg", "306"),
    Nutrient("sodium", "Sodium", "mg", "307"),
    Nutrient("phosphorus", "Phosphorus", "mg", "305"),
    Nutrient("iron", "Iron", "mg", "303", 1),
    Nutrient("zinc", "Zinc", "mg", "309", 1),
    # SR28 number 328 is vitamin D in µg; where a food lacks it the builder
    # falls back to number 324 (IU) divided by IU_PER_UG_VITAMIN_D.
    Nutrient("vitamin_d", "Vitamin D", "ug", "328", 1),
    Nutrient("vitamin_b12", "Vitamin B12", "ug", "418", 2),
    Nutrient("vitamin_b6", "Vitamin B6", "mg", "415", 2),
    Nutrient("folate_dfe", "Folate (DFE)", "ug", "435"),
    Nutrient("vitamin_c", "Vitamin C", "mg", "401", 1),
)

BY_KEY: dict[str, Nutrient] = {n.key: n for n in NUTRIENTS}

VITAMIN_D_IU_SR28 = "324"
IU_PER_UG_VITAMIN_D = 40.0

# The nutrients the app is about: shortfalls linked to muscle twitching.
FOCUS: tuple[str, ...] = ("magnesium", "calcium", "vitamin_d", "vitamin_b12")

# Nutrients a supplement product can declare per unit.
SUPPLEMENT_NUTRIENTS: tuple[str, ...] = (
    "magnesium", "calcium", "vitamin_d", "vitamin_b12", "potassium", "sodium",
    "zinc", "iron", "vitamin_b6", "folate_dfe", "vitamin_c", "caffeine",
)


def nutrient(key: str) -> Nutrient:
    """The registry entry for ``key``; KeyError names the unknown key."""
    try:
        return BY_KEY[key]
    except KeyError:
        raise KeyError(f"unknown nutrient {key!r}") from None
