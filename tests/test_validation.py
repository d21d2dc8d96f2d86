"""Validation refuses what a user should correct, with a message naming the field."""

from __future__ import annotations

import datetime as dt

import pytest

from tracker.domain import validation as v
from tracker.domain.amounts import parse_amount
from tracker.domain.entries import Episode, FoodEntry, Profile, WaterEntry
from tracker.domain.errors import UserError
from tracker.domain.foods import Food, Portion

SPINACH = Food("sr28:11457", "Spinach, raw", "Vegetables", {"magnesium": 79.0},
               (Portion(1, "cup", 30.0), Portion(1, "bunch", 340.0)))
DAY = dt.date(2026, 11, 20)
NOON = dt.time(12, 0)


@pytest.mark.parametrize("text", ["2026-02-30", "2026-13-01", "20-11-2026", "", "today"])
def test_impossible_dates_refused(text: str) -> None:
    with pytest.raises(UserError) as err:
        v.parse_date(text)
    assert err.value.field == "date"


@pytest.mark.parametrize("text", ["24:00", "12:60", "7", "noon", "-1:00"])
def test_impossible_times_refused(text: str) -> None:
    with pytest.raises(UserError):
        v.parse_time(text)


def test_valid_date_and_time() -> None:
    assert v.parse_date(" 2024-02-29 ") == dt.date(2024, 2, 29)
    assert v.parse_time("7:05") == dt.time(7, 5)


@pytest.mark.parametrize("grams", [0.0, -1.0, float("nan"), float("inf"), 5000.1, 1e308])
def test_food_amounts_refused(grams: float) -> None:
    with pytest.raises(UserError) as err:
        v.check_food_entry(FoodEntry(DAY, NOON, "sr28:11457", grams, 1, "g"))
    assert err.value.field == "grams"


def test_negative_zero_water_refused_and_max_accepted() -> None:
    with pytest.raises(UserError):
        v.check_water_entry(WaterEntry(DAY, NOON, -0.0))
    assert v.check_water_entry(WaterEntry(DAY, NOON, 5000.0)).volume_ml == 5000.0


@pytest.mark.parametrize("intensity", [0, 11, -3])
def test_intensity_outside_range_refused(intensity: int) -> None:
    with pytest.raises(UserError) as err:
        v.check_episode(Episode(DAY, NOON, "twitch", "calf", intensity))
    assert err.value.field == "intensity"


def test_unknown_episode_kind_refused() -> None:
    with pytest.raises(UserError) as err:
        v.check_episode(Episode(DAY, NOON, "sneeze", "calf", 3))
    assert err.value.field == "kind"


def test_text_with_nul_refused() -> None:
    with pytest.raises(UserError):
        v.check_text("a\x00b", "Notes", "notes")


@pytest.mark.parametrize(("text", "grams", "unit"), [
    ("1 cup", 30.0, "cup"), ("1/2 cup", 15.0, "cup"), ("1 1/2 cups", 45.0, "cup"),
    ("30 g", 30.0, "g"), ("1.5 oz", 42.524, "oz"), ("2 bunch", 680.0, "bunch"), ("45", 45.0, "g"),
])
def test_amount_strings_resolve_to_grams(text: str, grams: float, unit: str) -> None:
    amount = parse_amount(text, SPINACH)
    assert amount.grams == pytest.approx(grams, rel=1e-4)
    assert amount.unit == unit


@pytest.mark.parametrize("text", ["0 cup", "-1 cup", "abc", "1/0 cup", "3 spoonfuls", "6 kg",
                                  "nan g", ""])
def test_bad_amount_strings_refused(text: str) -> None:
    with pytest.raises(UserError) as err:
        parse_amount(text, SPINACH)
    assert err.value.message


def test_profile_rules() -> None:
    today = dt.date(2026, 11, 25)
    with pytest.raises(UserError):
        v.check_profile(Profile("male", dt.date(1990, 1, 1), "pregnancy"), today)
    with pytest.raises(UserError):
        v.check_profile(Profile("female", dt.date(2030, 1, 1)), today)
    assert v.check_profile(Profile("female", dt.date(1990, 1, 1), "lactation"), today)


def test_age_on_birthday_boundary() -> None:
    person = Profile("female", dt.date(2007, 11, 25))
    assert person.age_years(dt.date(2026, 11, 24)) < 19
    assert person.age_years(dt.date(2026, 11, 25)) == 19
    leap = Profile("male", dt.date(2004, 2, 29))
    assert 21 < leap.age_years(dt.date(2026, 1, 1)) < 22
