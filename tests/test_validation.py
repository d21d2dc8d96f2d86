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


@pytest.mark.parametrize(("text", "words"), [
    ("2026-02-30", "is not a day on the calendar"), ("2026-13-01", "is not a day on the calendar"),
    ("20-11-2026", "is not a date; use YYYY-MM-DD"), ("", "is not a date; use YYYY-MM-DD"),
    ("today", "is not a date; use YYYY-MM-DD"),
])
def test_impossible_dates_refused(text: str, words: str) -> None:
    with pytest.raises(UserError, match=words) as err:
        v.parse_date(text)
    assert err.value.field == "date"


@pytest.mark.parametrize(("text", "words"), [
    ("24:00", r"is not a time of day \(00:00 to 23:59\)"),
    ("12:60", r"is not a time of day \(00:00 to 23:59\)"),
    ("7", "is not a time; use HH:MM"), ("noon", "is not a time; use HH:MM"),
    ("-1:00", "is not a time; use HH:MM"),
])
def test_impossible_times_refused(text: str, words: str) -> None:
    with pytest.raises(UserError, match=words) as err:
        v.parse_time(text)
    assert err.value.field == "time"


def test_valid_date_and_time() -> None:
    assert v.parse_date(" 2024-02-29 ") == dt.date(2024, 2, 29)
    assert v.parse_time("7:05") == dt.time(7, 5)


@pytest.mark.parametrize(("grams", "words"), [
    (0.0, "The amount must be more than zero"), (-1.0, "The amount must be more than zero"),
    (float("nan"), "The amount must be a real number"),
    (float("inf"), "The amount must be a real number"),
    (5000.1, "is more than 5000 g in one entry"), (1e308, "is more than 5000 g in one entry"),
])
def test_food_amounts_refused(grams: float, words: str) -> None:
    with pytest.raises(UserError, match=words) as err:
        v.check_food_entry(FoodEntry(DAY, NOON, "sr28:11457", grams, 1, "g"))
    assert err.value.field == "grams"


def test_negative_zero_water_refused_and_max_accepted() -> None:
    with pytest.raises(UserError, match="The volume must be more than zero") as err:
        v.check_water_entry(WaterEntry(DAY, NOON, -0.0))
    assert err.value.field == "volume_ml"
    assert v.check_water_entry(WaterEntry(DAY, NOON, 5000.0)).volume_ml == 5000.0


@pytest.mark.parametrize("intensity", [0, 11, -3])
def test_intensity_outside_range_refused(intensity: int) -> None:
    with pytest.raises(UserError, match="Intensity must be a whole number from 1 to 10") as err:
        v.check_episode(Episode(DAY, NOON, "twitch", "calf", intensity))
    assert err.value.field == "intensity"


def test_unknown_episode_kind_refused() -> None:
    with pytest.raises(UserError, match="Kind must be one of twitch, cramp") as err:
        v.check_episode(Episode(DAY, NOON, "sneeze", "calf", 3))
    assert err.value.field == "kind"


def test_text_with_nul_refused() -> None:
    with pytest.raises(UserError, match="Notes contains a NUL character") as err:
        v.check_text("a\x00b", "Notes", "notes")
    assert err.value.field == "notes"


@pytest.mark.parametrize(("text", "grams", "unit"), [
    ("1 cup", 30.0, "cup"), ("1/2 cup", 15.0, "cup"), ("1 1/2 cups", 45.0, "cup"),
    ("30 g", 30.0, "g"), ("1.5 oz", 42.524, "oz"), ("2 bunch", 680.0, "bunch"), ("45", 45.0, "g"),
])
def test_amount_strings_resolve_to_grams(text: str, grams: float, unit: str) -> None:
    amount = parse_amount(text, SPINACH)
    assert amount.grams == pytest.approx(grams, rel=1e-4)
    assert amount.unit == unit


@pytest.mark.parametrize(("text", "words"), [
    ("0 cup", "The amount must be more than zero"),
    ("-1 cup", "is not an amount; try '1 cup', '30 g' or '1.5 oz'"),
    ("abc", "is not an amount; try"), ("1/0 cup", "'1/0' is not a number"),
    ("3 spoonfuls", "Spinach, raw has no measure 'spoonfuls'; use grams, ounces or one of: "
                    "cup, bunch"),
    ("6 kg", "6000 g is more than 5000 g in one entry"),
    ("nan g", "is not an amount; try"), ("", "is not an amount; try"),
])
def test_bad_amount_strings_refused(text: str, words: str) -> None:
    with pytest.raises(UserError) as err:
        parse_amount(text, SPINACH)
    assert words in err.value.message
    assert err.value.field == "amount"


def test_profile_rules() -> None:
    today = dt.date(2026, 11, 25)
    with pytest.raises(UserError, match="Pregnancy and lactation apply to a female") as err:
        v.check_profile(Profile("male", dt.date(1990, 1, 1), "pregnancy"), today)
    assert err.value.field == "life_stage"
    with pytest.raises(UserError, match="birth date is in the future") as err:
        v.check_profile(Profile("female", dt.date(2030, 1, 1)), today)
    assert err.value.field == "birth_date"
    assert v.check_profile(Profile("female", dt.date(1990, 1, 1), "lactation"), today)


def test_age_on_birthday_boundary() -> None:
    person = Profile("female", dt.date(2007, 11, 25))
    assert person.age_years(dt.date(2026, 11, 24)) < 19
    assert person.age_years(dt.date(2026, 11, 25)) == 19
    leap = Profile("male", dt.date(2004, 2, 29))
    assert 21 < leap.age_years(dt.date(2026, 1, 1)) < 22
