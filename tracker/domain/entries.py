"""Diary entries: what a person logs, each with a stable id made when it is created.

Every entry belongs to a diary ``date`` (the user's local calendar day) and has
a local ``time``; both are stored as entered and never derived from UTC.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

EPISODE_KINDS: tuple[str, ...] = ("twitch", "cramp", "spasm", "tingling")
SIDES: tuple[str, ...] = ("left", "right", "both", "none")
BODY_SITES: tuple[str, ...] = (
    "calf", "thigh", "foot", "toes", "shin", "hamstring", "knee", "eyelid",
    "hand", "arm", "back", "other",
)
SEXES: tuple[str, ...] = ("male", "female")
LIFE_STAGES: tuple[str, ...] = ("general", "pregnancy", "lactation")
# Which table the reference intakes come from: US/Canadian DRI or EFSA's values.
REFERENCE_SETS: tuple[str, ...] = ("dri", "efsa")


def new_id() -> str:
    """A fresh entry id; made once, when the user creates the entry."""
    import uuid  # here, not at the top: the window paints before anyone logs anything

    return uuid.uuid4().hex


@dataclass(frozen=True)
class FoodEntry:
    date: dt.date
    time: dt.time
    food_id: str
    grams: float
    amount: float  # how many of ``unit``, as the user chose it (e.g. 1.5 cup)
    unit: str  # "g", "oz" or a portion description from the food
    id: str = field(default_factory=new_id)


@dataclass(frozen=True)
class WaterEntry:
    date: dt.date
    time: dt.time
    volume_ml: float
    id: str = field(default_factory=new_id)


@dataclass(frozen=True)
class CaffeineEntry:
    """Caffeine logged by hand (energy drink, tablet); foods carry their own."""

    date: dt.date
    time: dt.time
    caffeine_mg: float
    label: str
    id: str = field(default_factory=new_id)


@dataclass(frozen=True)
class SupplementProduct:
    """A product the user takes; ``per_unit`` holds registry keys in registry units."""

    name: str
    per_unit: dict[str, float]
    unit_label: str = "unit"
    id: str = field(default_factory=new_id)


@dataclass(frozen=True)
class SupplementDose:
    date: dt.date
    time: dt.time
    product_id: str
    units: float
    id: str = field(default_factory=new_id)


@dataclass(frozen=True)
class Episode:
    date: dt.date
    time: dt.time
    kind: str
    body_site: str
    intensity: int
    side: str = "none"
    duration_s: int | None = None
    notes: str = ""
    id: str = field(default_factory=new_id)


@dataclass(frozen=True)
class DayFactors:
    """Optional context for a day; ``complete`` marks logging as finished."""

    date: dt.date
    sleep_hours: float | None = None
    stress: int | None = None
    exercise_min: int | None = None
    complete: bool = False
    notes: str = ""


@dataclass(frozen=True)
class Profile:
    sex: str
    birth_date: dt.date
    life_stage: str = "general"
    reference_set: str = "dri"  # one of REFERENCE_SETS

    def age_years(self, on: dt.date) -> float:
        """Age in (fractional) years on ``on``, for choosing a reference band."""
        years = on.year - self.birth_date.year
        anniversary_passed = (on.month, on.day) >= (self.birth_date.month, self.birth_date.day)
        if not anniversary_passed:
            years -= 1
        last = _add_years(self.birth_date, years)
        following = _add_years(self.birth_date, years + 1)
        return years + (on - last).days / max((following - last).days, 1)


def _add_years(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February in a common year
        return day.replace(year=day.year + years, day=28)


Entry = FoodEntry | WaterEntry | CaffeineEntry | SupplementDose | Episode


@dataclass(frozen=True)
class DayEntries:
    """Everything logged on one diary day, each list sorted by time."""

    date: dt.date
    foods: tuple[FoodEntry, ...] = ()
    water: tuple[WaterEntry, ...] = ()
    caffeine: tuple[CaffeineEntry, ...] = ()
    doses: tuple[SupplementDose, ...] = ()
    episodes: tuple[Episode, ...] = ()
    factors: DayFactors | None = None

    @property
    def is_empty(self) -> bool:
        return not (self.foods or self.water or self.caffeine or self.doses or self.episodes)
