"""What the day view and the CLI show about a day's and a week's intake.

Plain dataclasses, so the window and the command line never see pandas; the
totals service fills them. ``state`` follows one rule (``intake_state``) for
every nutrient.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

# The rows the day view and ``day --json`` show, in order, with their units.
SHOWN: tuple[tuple[str, str, str], ...] = (
    ("magnesium", "Magnesium", "mg"),
    ("calcium", "Calcium", "mg"),
    ("vitamin_d", "Vitamin D", "ug"),
    ("vitamin_b12", "Vitamin B12", "ug"),
    ("potassium", "Potassium", "mg"),
    ("sodium", "Sodium", "mg"),
    ("caffeine", "Caffeine", "mg"),
    ("drinks", "Drinks", "ml"),
    ("water_total", "Total water", "ml"),
    ("energy", "Energy", "kcal"),
)
SHOWN_KEYS: tuple[str, ...] = tuple(key for key, _, _ in SHOWN)


def intake_state(amount: float | None, target: float | None, limited_amount: float | None,
                 upper_limit: float | None) -> str:
    """Where an intake stands: a ceiling crossed is a warning and wins over a goal met.

    ``limited_amount`` is the part the ceiling counts (supplements only for
    magnesium). Amounts are known lower bounds, so a crossed ceiling or a met
    target is certain even when some foods lack data.
    """
    if upper_limit is not None and limited_amount is not None and limited_amount > upper_limit:
        return "above_limit"
    if amount is None:
        return "unknown"
    if target is not None:
        return "met" if amount >= target else "short"
    if upper_limit is not None:
        return "within_limit"
    return "no_target"


@dataclass(frozen=True)
class Contribution:
    """One entry's share of a nutrient, for "where did it come from" lists."""

    label: str
    amount: float
    source: str  # "food", "supplement", "caffeine" or "water"
    entry_id: str


@dataclass(frozen=True)
class NutrientDay:
    """One nutrient on one day, against the person's target and ceiling.

    ``amount`` is None when food was logged but none of it has a value for
    this nutrient; ``known_fraction`` is None when no food was logged.
    """

    key: str
    label: str
    unit: str
    amount: float | None
    from_food: float | None
    from_supplements: float
    target: float | None
    target_kind: str | None
    upper_limit: float | None
    upper_limit_kind: str | None
    upper_limit_applies_to: str | None
    percent_of_target: float | None
    percent_of_upper_limit: float | None
    state: str
    known_fraction: float | None
    missing_foods: tuple[str, ...] = ()
    top_entries: tuple[Contribution, ...] = ()
    source: str = ""
    upper_limit_source: str = ""
    note: str = ""  # what the target covers, or why there is none
    upper_limit_note: str = ""


@dataclass(frozen=True)
class DaySummary:
    """A diary day's totals, in ``SHOWN`` order; ``notice`` explains missing targets."""

    date: dt.date
    complete: bool
    logged: bool
    food_grams: float
    nutrients: dict[str, NutrientDay]
    notice: str | None = None
    reference_set: str | None = None  # "dri" or "efsa"; None without a profile

    @property
    def drinks_ml(self) -> float:
        return self.nutrients["drinks"].amount or 0.0


@dataclass(frozen=True)
class NutrientWeek:
    """A nutrient's mean over the logged days of a week that have a known amount."""

    key: str
    label: str
    unit: str
    mean_amount: float | None
    mean_percent_of_target: float | None
    days_with_data: int


@dataclass(frozen=True)
class WeekSummary:
    """Means over the logged days among the 7 days ``first`` .. ``last``."""

    first: dt.date
    last: dt.date
    logged_days: int
    nutrients: dict[str, NutrientWeek] = field(default_factory=dict)


_UNIT_TEXT = {"ug": "µg"}
_DECIMALS = {"vitamin_d": 1, "vitamin_b12": 1}
STATE_TEXT: dict[str, str] = {
    "short": "below target", "met": "target met", "above_limit": "above upper limit",
    "within_limit": "within limit", "no_target": "no target", "unknown": "no data",
}


def unit_text(unit: str) -> str:
    """How a unit is written for people (µg, not ug)."""
    return _UNIT_TEXT.get(unit, unit)


def format_amount(value: float | None, unit: str, key: str = "") -> str:
    """An amount as people read it: "412 mg", "3.2 µg"; "–" when unknown."""
    if value is None:
        return "–"
    decimals = _DECIMALS.get(key, 0)
    if decimals == 0 and 0 < abs(value) < 10 and unit not in ("ml", "kcal"):
        decimals = 1
    return f"{value:,.{decimals}f} {unit_text(unit)}"
