"""Checks on what a user types, each failing with a UserError they can act on.

The same functions serve the forms, the CLI and the importer, so a value is
accepted or refused the same way wherever it comes from.
"""

from __future__ import annotations

import datetime as dt
import math
import re

from tracker.domain.entries import (
    EPISODE_KINDS,
    LIFE_STAGES,
    REFERENCE_SETS,
    SEXES,
    SIDES,
    CaffeineEntry,
    DayFactors,
    Episode,
    FoodEntry,
    Profile,
    SupplementDose,
    SupplementProduct,
    WaterEntry,
)
from tracker.domain.errors import UserError
from tracker.domain.nutrients import BY_KEY

MAX_ENTRY_GRAMS = 5000.0
MAX_WATER_ML = 5000.0
MAX_CAFFEINE_MG = 2000.0
MAX_SUPPLEMENT_UNITS = 100.0
MAX_TEXT = 500
MAX_NAME = 200
MAX_DURATION_S = 24 * 3600
EARLIEST_DATE = dt.date(1900, 1, 1)

_DATE_RE = re.compile(r"\d{4}-\d{2}-\d{2}")
_TIME_RE = re.compile(r"(\d{1,2}):(\d{2})")


def parse_date(text: str, field: str = "date") -> dt.date:
    """An ISO date ``YYYY-MM-DD`` that exists on the calendar."""
    text = text.strip()
    if not _DATE_RE.fullmatch(text):
        raise UserError(f"{text!r} is not a date; use YYYY-MM-DD, e.g. 2026-11-20.", field)
    try:
        day = dt.date.fromisoformat(text)
    except ValueError:
        raise UserError(f"{text} is not a day on the calendar.", field) from None
    return check_date(day, field)


def check_date(day: dt.date, field: str = "date") -> dt.date:
    if day < EARLIEST_DATE or day.year > 2200:
        raise UserError(f"{day.isoformat()} is outside the years a diary can hold.", field)
    return day


def parse_time(text: str, field: str = "time") -> dt.time:
    """A local clock time ``HH:MM`` (24-hour)."""
    match = _TIME_RE.fullmatch(text.strip())
    if not match:
        raise UserError(f"{text!r} is not a time; use HH:MM, e.g. 08:30.", field)
    hour, minute = int(match.group(1)), int(match.group(2))
    if hour > 23 or minute > 59:
        raise UserError(f"{text} is not a time of day (00:00 to 23:59).", field)
    return dt.time(hour, minute)


def parse_number(text: str | float, what: str, field: str) -> float:
    """A finite number from a form field or CLI argument."""
    if isinstance(text, str):
        cleaned = text.strip().replace(",", ".") if text.count(",") == 1 and "." not in text \
            else text.strip()
        try:
            value = float(cleaned)
        except ValueError:
            raise UserError(f"{what} must be a number, not {text!r}.", field) from None
    else:
        value = float(text)
    if not math.isfinite(value):
        raise UserError(f"{what} must be a real number.", field)
    return value


def check_amount(value: float, what: str, field: str, maximum: float, unit: str) -> float:
    """A positive, finite amount no larger than ``maximum``."""
    value = parse_number(value, what, field)
    if value <= 0:
        raise UserError(f"{what} must be more than zero.", field)
    if value > maximum:
        raise UserError(f"{what} of {value:g} {unit} is more than {maximum:g} {unit} "
                        "in one entry; split it or check the number.", field)
    return value + 0.0  # turns -0.0 into 0.0 so it reads back identically


def check_text(text: str, what: str, field: str, maximum: int = MAX_TEXT,
               required: bool = False) -> str:
    if "\x00" in text:
        raise UserError(f"{what} contains a NUL character.", field)
    if any("\ud800" <= char <= "\udfff" for char in text):
        raise UserError(f"{what} contains a broken character that cannot be stored.", field)
    # The raw length is what gets stored, so it is the one the diary's CHECK sees.
    if len(text) > maximum:
        raise UserError(f"{what} is longer than {maximum} characters.", field)
    text = text.strip()
    if required and not text:
        raise UserError(f"{what} is required.", field)
    return text


def check_food_entry(entry: FoodEntry) -> FoodEntry:
    check_date(entry.date)
    check_amount(entry.grams, "The amount", "grams", MAX_ENTRY_GRAMS, "g")
    check_amount(entry.amount, "The amount", "amount", 1e6, entry.unit or "units")
    check_text(entry.unit, "The unit", "unit", MAX_NAME, required=True)
    if not entry.food_id:
        raise UserError("Choose a food.", "food")
    return entry


def check_water_entry(entry: WaterEntry) -> WaterEntry:
    check_date(entry.date)
    check_amount(entry.volume_ml, "The volume", "volume_ml", MAX_WATER_ML, "ml")
    return entry


def check_caffeine_entry(entry: CaffeineEntry) -> CaffeineEntry:
    check_date(entry.date)
    check_amount(entry.caffeine_mg, "Caffeine", "caffeine_mg", MAX_CAFFEINE_MG, "mg")
    check_text(entry.label, "The label", "label", MAX_NAME)
    return entry


def check_supplement_product(product: SupplementProduct) -> SupplementProduct:
    check_text(product.name, "The product name", "name", MAX_NAME, required=True)
    check_text(product.unit_label, "The unit", "unit_label", 40, required=True)
    if not product.per_unit:
        raise UserError("Give at least one nutrient amount per unit.", "per_unit")
    for key, value in product.per_unit.items():
        if key not in BY_KEY:
            raise UserError(f"Unknown nutrient {key!r}.", key)
        amount = parse_number(value, BY_KEY[key].label, key)
        if amount < 0:
            raise UserError(f"{BY_KEY[key].label} cannot be negative.", key)
        if amount > 100_000:
            raise UserError(f"{BY_KEY[key].label} of {amount:g} per unit is not plausible.", key)
    return product


def check_supplement_dose(dose: SupplementDose) -> SupplementDose:
    check_date(dose.date)
    check_amount(dose.units, "The number of units", "units", MAX_SUPPLEMENT_UNITS, "units")
    return dose


def check_episode(episode: Episode) -> Episode:
    check_date(episode.date)
    if episode.kind not in EPISODE_KINDS:
        raise UserError(f"Kind must be one of {', '.join(EPISODE_KINDS)}.", "kind")
    if episode.side not in SIDES:
        raise UserError(f"Side must be one of {', '.join(SIDES)}.", "side")
    check_text(episode.body_site, "The body site", "body_site", MAX_NAME, required=True)
    if isinstance(episode.intensity, bool) or not isinstance(episode.intensity, int) \
            or not 1 <= episode.intensity <= 10:
        raise UserError("Intensity must be a whole number from 1 to 10.", "intensity")
    if episode.duration_s is not None and not 0 <= episode.duration_s <= MAX_DURATION_S:
        raise UserError("Duration must be between 0 seconds and 24 hours.", "duration_s")
    check_text(episode.notes, "Notes", "notes", 2000)
    return episode


def check_day_factors(factors: DayFactors) -> DayFactors:
    check_date(factors.date)
    if factors.sleep_hours is not None:
        hours = parse_number(factors.sleep_hours, "Sleep", "sleep_hours")
        if not 0 <= hours <= 24:
            raise UserError("Sleep must be between 0 and 24 hours.", "sleep_hours")
    if factors.stress is not None and not 1 <= factors.stress <= 5:
        raise UserError("Stress must be from 1 to 5.", "stress")
    if factors.exercise_min is not None and not 0 <= factors.exercise_min <= 1440:
        raise UserError("Exercise must be between 0 and 1440 minutes.", "exercise_min")
    check_text(factors.notes, "The day's notes", "notes", 2000)
    return factors


def check_profile(profile: Profile, today: dt.date | None = None) -> Profile:
    if profile.sex not in SEXES:
        raise UserError("Sex must be male or female (it selects the reference intakes).", "sex")
    if profile.life_stage not in LIFE_STAGES:
        raise UserError(f"Life stage must be one of {', '.join(LIFE_STAGES)}.", "life_stage")
    if profile.reference_set not in REFERENCE_SETS:
        raise UserError(f"The reference set must be one of {', '.join(REFERENCE_SETS)}.",
                        "reference_set")
    if profile.life_stage != "general" and profile.sex != "female":
        raise UserError("Pregnancy and lactation apply to a female profile only.", "life_stage")
    today = today or dt.date.today()
    check_date(profile.birth_date, "birth_date")
    if profile.birth_date > today:
        raise UserError("The birth date is in the future.", "birth_date")
    if profile.age_years(today) < 1:
        raise UserError("The reference intakes in this app are for ages 1 and over.", "birth_date")
    return profile

