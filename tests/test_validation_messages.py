"""Every refusal a person can meet, word for word, with the field it is shown beside.

The limits are the product's (README, "What the diary accepts"): 5,000 g of food
or 5,000 ml of water in one entry, 2,000 mg of caffeine, 100 units of a
supplement, 500 characters of text (200 for names, 2,000 for notes), days from
1900 to 2200, intensity 1 to 10, stress 1 to 5, sleep 0 to 24 hours, exercise
0 to 1,440 minutes, durations up to 24 hours; each is checked on both sides of
its edge here, written as a literal.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest

from tracker.domain import validation as v
from tracker.domain.entries import (
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

DAY = dt.date(2026, 11, 20)
NOON = dt.time(12, 0)
TODAY = dt.date(2026, 11, 25)


def _refused(check: Callable[[], Any]) -> UserError:
    with pytest.raises(UserError) as info:
        check()
    return info.value


REFUSALS: list[tuple[str, Callable[[], Any], str, str | None]] = [
    ("day before 1900", lambda: v.check_date(dt.date(1899, 12, 31)),
     "1899-12-31 is outside the years a diary can hold.", "date"),
    ("day after 2200", lambda: v.check_date(dt.date(2201, 1, 1), "birth_date"),
     "2201-01-01 is outside the years a diary can hold.", "birth_date"),
    ("parsed day after 2200", lambda: v.parse_date("2201-01-01", "start"),
     "2201-01-01 is outside the years a diary can hold.", "start"),
    ("not a date", lambda: v.parse_date(" 1/2/2026 ", "start"),
     "'1/2/2026' is not a date; use YYYY-MM-DD, e.g. 2026-11-20.", "start"),
    ("not on the calendar", lambda: v.parse_date("2025-02-29", "end"),
     "2025-02-29 is not a day on the calendar.", "end"),
    ("not a time", lambda: v.parse_time("7.30", "at"),
     "'7.30' is not a time; use HH:MM, e.g. 08:30.", "at"),
    ("hour 24", lambda: v.parse_time("24:00"), "24:00 is not a time of day (00:00 to 23:59).",
     "time"),
    ("minute 60", lambda: v.parse_time("23:60"), "23:60 is not a time of day (00:00 to 23:59).",
     "time"),
    ("text for a number", lambda: v.parse_number("lots", "Sleep", "sleep_hours"),
     "Sleep must be a number, not 'lots'.", "sleep_hours"),
    ("two commas", lambda: v.parse_number("1,000,5", "Sleep", "sleep_hours"),
     "Sleep must be a number, not '1,000,5'.", "sleep_hours"),
    ("comma and point", lambda: v.parse_number("1,000.5", "Sleep", "sleep_hours"),
     "Sleep must be a number, not '1,000.5'.", "sleep_hours"),
    ("infinite text", lambda: v.parse_number("inf", "Sleep", "sleep_hours"),
     "Sleep must be a real number.", "sleep_hours"),
    ("NaN number", lambda: v.parse_number(float("nan"), "Stress", "stress"),
     "Stress must be a real number.", "stress"),
    ("zero amount", lambda: v.check_amount(0.0, "The volume", "volume_ml", 5000.0, "ml"),
     "The volume must be more than zero.", "volume_ml"),
    ("amount over the maximum",
     lambda: v.check_amount(5000.5, "The volume", "volume_ml", 5000.0, "ml"),
     "The volume of 5000.5 ml is more than 5000 ml in one entry; split it or check the number.",
     "volume_ml"),
    ("NUL in text", lambda: v.check_text("a\x00", "The label", "label"),
     "The label contains a NUL character.", "label"),
    ("lone surrogate", lambda: v.check_text("tea \ud83d", "The label", "label"),
     "The label contains a broken character that cannot be stored.", "label"),
    ("first surrogate", lambda: v.check_text("\ud800", "The label", "label"),
     "The label contains a broken character that cannot be stored.", "label"),
    ("low surrogate", lambda: v.check_text("\udfff", "The label", "label"),
     "The label contains a broken character that cannot be stored.", "label"),
    ("text too long", lambda: v.check_text("x" * 501, "Notes", "notes"),
     "Notes is longer than 500 characters.", "notes"),
    ("spaces count toward the length", lambda: v.check_text(" " * 11, "Tag", "tag", 10),
     "Tag is longer than 10 characters.", "tag"),
    ("required text blank", lambda: v.check_text("   ", "The name", "name", required=True),
     "The name is required.", "name"),
    ("food over 5000 g", lambda: v.check_food_entry(FoodEntry(DAY, NOON, "sr28:1", 5001, 1, "g")),
     "The amount of 5001 g is more than 5000 g in one entry; split it or check the number.",
     "grams"),
    ("food count over a million",
     lambda: v.check_food_entry(FoodEntry(DAY, NOON, "sr28:1", 10, 1_000_001, "slice")),
     "The amount of 1e+06 slice is more than 1e+06 slice in one entry; split it or check the "
     "number.", "amount"),
    ("food count over a million without a unit",
     lambda: v.check_food_entry(FoodEntry(DAY, NOON, "sr28:1", 10, 2_000_000, "")),
     "The amount of 2e+06 units is more than 1e+06 units in one entry; split it or check the "
     "number.", "amount"),
    ("food count without a unit",
     lambda: v.check_food_entry(FoodEntry(DAY, NOON, "sr28:1", 10, 0, "")),
     "The amount must be more than zero.", "amount"),
    ("food unit blank", lambda: v.check_food_entry(FoodEntry(DAY, NOON, "sr28:1", 10, 1, " ")),
     "The unit is required.", "unit"),
    ("food unit too long",
     lambda: v.check_food_entry(FoodEntry(DAY, NOON, "sr28:1", 10, 1, "u" * 201)),
     "The unit is longer than 200 characters.", "unit"),
    ("no food chosen", lambda: v.check_food_entry(FoodEntry(DAY, NOON, "", 10, 1, "g")),
     "Choose a food.", "food"),
    ("food in 1899", lambda: v.check_food_entry(FoodEntry(dt.date(1899, 1, 1), NOON, "f", 1, 1,
                                                          "g")),
     "1899-01-01 is outside the years a diary can hold.", "date"),
    ("water over 5000 ml", lambda: v.check_water_entry(WaterEntry(DAY, NOON, 5000.5)),
     "The volume of 5000.5 ml is more than 5000 ml in one entry; split it or check the number.",
     "volume_ml"),
    ("water in 2201", lambda: v.check_water_entry(WaterEntry(dt.date(2201, 1, 1), NOON, 250)),
     "2201-01-01 is outside the years a diary can hold.", "date"),
    ("caffeine over 2000 mg", lambda: v.check_caffeine_entry(CaffeineEntry(DAY, NOON, 2001, "")),
     "Caffeine of 2001 mg is more than 2000 mg in one entry; split it or check the number.",
     "caffeine_mg"),
    ("caffeine of zero", lambda: v.check_caffeine_entry(CaffeineEntry(DAY, NOON, 0, "")),
     "Caffeine must be more than zero.", "caffeine_mg"),
    ("caffeine label too long",
     lambda: v.check_caffeine_entry(CaffeineEntry(DAY, NOON, 80, "l" * 201)),
     "The label is longer than 200 characters.", "label"),
    ("caffeine in 1899",
     lambda: v.check_caffeine_entry(CaffeineEntry(dt.date(1899, 6, 1), NOON, 80, "")),
     "1899-06-01 is outside the years a diary can hold.", "date"),
    ("product without a name",
     lambda: v.check_supplement_product(SupplementProduct(" ", {"magnesium": 100})),
     "The product name is required.", "name"),
    ("product name too long",
     lambda: v.check_supplement_product(SupplementProduct("n" * 201, {"magnesium": 100})),
     "The product name is longer than 200 characters.", "name"),
    ("product unit blank",
     lambda: v.check_supplement_product(SupplementProduct("Mag", {"magnesium": 100}, "")),
     "The unit is required.", "unit_label"),
    ("product unit too long",
     lambda: v.check_supplement_product(SupplementProduct("Mag", {"magnesium": 100}, "u" * 41)),
     "The unit is longer than 40 characters.", "unit_label"),
    ("product without amounts", lambda: v.check_supplement_product(SupplementProduct("Mag", {})),
     "Give at least one nutrient amount per unit.", "per_unit"),
    ("product with an unknown nutrient",
     lambda: v.check_supplement_product(SupplementProduct("Mag", {"mana": 1})),
     "Unknown nutrient 'mana'.", "mana"),
    ("product amount not a number",
     lambda: v.check_supplement_product(SupplementProduct("D3", {"vitamin_d": "much"})),
     "Vitamin D must be a number, not 'much'.", "vitamin_d"),
    ("product amount negative",
     lambda: v.check_supplement_product(SupplementProduct("Mag", {"magnesium": -0.5})),
     "Magnesium cannot be negative.", "magnesium"),
    ("product amount implausible",
     lambda: v.check_supplement_product(SupplementProduct("Mag", {"calcium": 100_000.5})),
     "Calcium of 100000 per unit is not plausible.", "calcium"),
    ("dose over 100 units",
     lambda: v.check_supplement_dose(SupplementDose(DAY, NOON, "p", 100.5)),
     "The number of units of 100.5 units is more than 100 units in one entry; split it or check "
     "the number.", "units"),
    ("dose of zero", lambda: v.check_supplement_dose(SupplementDose(DAY, NOON, "p", 0)),
     "The number of units must be more than zero.", "units"),
    ("dose in 2201",
     lambda: v.check_supplement_dose(SupplementDose(dt.date(2201, 1, 1), NOON, "p", 1)),
     "2201-01-01 is outside the years a diary can hold.", "date"),
    ("episode kind", lambda: v.check_episode(Episode(DAY, NOON, "itch", "calf", 3)),
     "Kind must be one of twitch, cramp, spasm, tingling.", "kind"),
    ("episode side", lambda: v.check_episode(Episode(DAY, NOON, "cramp", "calf", 3, "up")),
     "Side must be one of left, right, both, none.", "side"),
    ("episode without a body site", lambda: v.check_episode(Episode(DAY, NOON, "cramp", " ", 3)),
     "The body site is required.", "body_site"),
    ("episode body site too long",
     lambda: v.check_episode(Episode(DAY, NOON, "cramp", "b" * 201, 3)),
     "The body site is longer than 200 characters.", "body_site"),
    ("intensity a boolean", lambda: v.check_episode(Episode(DAY, NOON, "cramp", "calf", True)),
     "Intensity must be a whole number from 1 to 10.", "intensity"),
    ("intensity a fraction",
     lambda: v.check_episode(Episode(DAY, NOON, "cramp", "calf", 2.5)),  # type: ignore[arg-type]
     "Intensity must be a whole number from 1 to 10.", "intensity"),
    ("intensity 11", lambda: v.check_episode(Episode(DAY, NOON, "cramp", "calf", 11)),
     "Intensity must be a whole number from 1 to 10.", "intensity"),
    ("intensity 0", lambda: v.check_episode(Episode(DAY, NOON, "cramp", "calf", 0)),
     "Intensity must be a whole number from 1 to 10.", "intensity"),
    ("negative duration",
     lambda: v.check_episode(Episode(DAY, NOON, "cramp", "calf", 3, duration_s=-1)),
     "Duration must be between 0 seconds and 24 hours.", "duration_s"),
    ("duration over a day",
     lambda: v.check_episode(Episode(DAY, NOON, "cramp", "calf", 3, duration_s=86_401)),
     "Duration must be between 0 seconds and 24 hours.", "duration_s"),
    ("episode notes too long",
     lambda: v.check_episode(Episode(DAY, NOON, "cramp", "calf", 3, notes="n" * 2001)),
     "Notes is longer than 2000 characters.", "notes"),
    ("episode in 1899", lambda: v.check_episode(Episode(dt.date(1899, 1, 1), NOON, "cramp",
                                                        "calf", 3)),
     "1899-01-01 is outside the years a diary can hold.", "date"),
    ("sleep over 24 h", lambda: v.check_day_factors(DayFactors(DAY, sleep_hours=24.5)),
     "Sleep must be between 0 and 24 hours.", "sleep_hours"),
    ("negative sleep", lambda: v.check_day_factors(DayFactors(DAY, sleep_hours=-0.5)),
     "Sleep must be between 0 and 24 hours.", "sleep_hours"),
    ("sleep as text",
     lambda: v.check_day_factors(DayFactors(DAY, sleep_hours="long")),  # type: ignore[arg-type]
     "Sleep must be a number, not 'long'.", "sleep_hours"),
    ("stress 6", lambda: v.check_day_factors(DayFactors(DAY, stress=6)),
     "Stress must be from 1 to 5.", "stress"),
    ("stress 0", lambda: v.check_day_factors(DayFactors(DAY, stress=0)),
     "Stress must be from 1 to 5.", "stress"),
    ("exercise over a day", lambda: v.check_day_factors(DayFactors(DAY, exercise_min=1441)),
     "Exercise must be between 0 and 1440 minutes.", "exercise_min"),
    ("negative exercise", lambda: v.check_day_factors(DayFactors(DAY, exercise_min=-1)),
     "Exercise must be between 0 and 1440 minutes.", "exercise_min"),
    ("day notes too long", lambda: v.check_day_factors(DayFactors(DAY, notes="n" * 2001)),
     "The day's notes is longer than 2000 characters.", "notes"),
    ("day factors in 2201", lambda: v.check_day_factors(DayFactors(dt.date(2201, 1, 1))),
     "2201-01-01 is outside the years a diary can hold.", "date"),
    ("profile sex", lambda: v.check_profile(Profile("other", dt.date(1990, 1, 1)), TODAY),
     "Sex must be male or female (it selects the reference intakes).", "sex"),
    ("profile life stage",
     lambda: v.check_profile(Profile("female", dt.date(1990, 1, 1), "menopause"), TODAY),
     "Life stage must be one of general, pregnancy, lactation.", "life_stage"),
    ("profile reference set",
     lambda: v.check_profile(Profile("female", dt.date(1990, 1, 1), "general", "who"), TODAY),
     "The reference set must be one of dri, efsa.", "reference_set"),
    ("lactation for a male profile",
     lambda: v.check_profile(Profile("male", dt.date(1990, 1, 1), "lactation"), TODAY),
     "Pregnancy and lactation apply to a female profile only.", "life_stage"),
    ("birth date tomorrow",
     lambda: v.check_profile(Profile("female", dt.date(2026, 11, 26)), TODAY),
     "The birth date is in the future.", "birth_date"),
    ("birth date before 1900",
     lambda: v.check_profile(Profile("female", dt.date(1899, 12, 31)), TODAY),
     "1899-12-31 is outside the years a diary can hold.", "birth_date"),
    ("born today", lambda: v.check_profile(Profile("female", TODAY), TODAY),
     "The reference intakes in this app are for ages 1 and over.", "birth_date"),
    ("under one year old",
     lambda: v.check_profile(Profile("female", dt.date(2025, 11, 26)), TODAY),
     "The reference intakes in this app are for ages 1 and over.", "birth_date"),
]


@pytest.mark.parametrize(("check", "message", "field"), [r[1:] for r in REFUSALS],
                         ids=[r[0] for r in REFUSALS])
def test_refusal_message_and_field(check: Callable[[], Any], message: str,
                                   field: str | None) -> None:
    error = _refused(check)
    assert error.message == message
    assert error.field == field


def test_the_edges_themselves_are_accepted() -> None:
    assert v.check_date(dt.date(1900, 1, 1)) == dt.date(1900, 1, 1)
    assert v.check_date(dt.date(2200, 12, 31)) == dt.date(2200, 12, 31)
    assert v.parse_time(" 23:59 ") == dt.time(23, 59)
    assert v.parse_time("0:00") == dt.time(0, 0)
    assert v.check_food_entry(FoodEntry(DAY, NOON, "f", 5000, 1_000_000, "slice")).grams == 5000
    assert v.check_caffeine_entry(CaffeineEntry(DAY, NOON, 2000, "l" * 200)).caffeine_mg == 2000
    assert v.check_supplement_dose(SupplementDose(DAY, NOON, "p", 100)).units == 100
    product = SupplementProduct("n" * 200, {"magnesium": 0, "calcium": 100_000}, "u" * 40)
    assert v.check_supplement_product(product) is product
    episode = Episode(DAY, NOON, "cramp", "b" * 200, 10, duration_s=86_400, notes="n" * 2000)
    assert v.check_episode(episode) is episode
    assert v.check_episode(Episode(DAY, NOON, "twitch", "calf", 1, duration_s=0)).intensity == 1
    factors = DayFactors(DAY, sleep_hours=24, stress=5, exercise_min=1440, notes="n" * 2000)
    assert v.check_day_factors(factors) is factors
    assert v.check_day_factors(DayFactors(DAY, sleep_hours=0, stress=1, exercise_min=0))
    assert v.check_profile(Profile("female", dt.date(2025, 11, 25)), TODAY)
    assert v.check_profile(Profile("female", dt.date(1990, 1, 1), "pregnancy", "efsa"), TODAY)
    assert v.check_profile(Profile("male", dt.date(1990, 1, 1), "general"), TODAY)


def test_numbers_as_people_type_them() -> None:
    assert v.parse_number(" 7,5 ", "Sleep", "sleep_hours") == 7.5
    assert v.parse_number("1e3", "Sleep", "sleep_hours") == 1000.0
    assert v.parse_number(8, "Sleep", "sleep_hours") == 8.0
    assert v.check_amount("2,5", "The amount", "grams", 5000.0, "g") == 2.5
    assert v.check_amount(5000, "The amount", "grams", 5000.0, "g") == 5000.0


def test_text_is_kept_stripped_and_a_blank_optional_text_is_empty() -> None:
    assert v.check_text("  calf  ", "The body site", "body_site") == "calf"
    assert v.check_text("   ", "Notes", "notes") == ""
    assert v.check_text("x" * 500, "Notes", "notes") == "x" * 500
    assert v.check_text("n" * 10, "Tag", "tag", 10) == "n" * 10
    assert v.check_text("é ✓ 🙂", "Notes", "notes") == "é ✓ 🙂"


def test_a_profile_is_checked_against_today_by_default() -> None:
    tomorrow = dt.date.today() + dt.timedelta(days=1)
    assert _refused(lambda: v.check_profile(Profile("female", tomorrow))).message == (
        "The birth date is in the future.")
