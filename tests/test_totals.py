"""Daily totals through the services: against a hand computation from raw SR28, upper limits,
unknown values, drinks, the daily frame and the week means."""

from __future__ import annotations

import datetime as dt
import gzip
import math
from pathlib import Path

import numpy as np
import pytest

from tracker.analysis.intake import period_intake
from tracker.analysis.totals import daily_frame as analysis_daily_frame
from tracker.domain.entries import (
    CaffeineEntry,
    DayFactors,
    Episode,
    Profile,
    SupplementDose,
    SupplementProduct,
    WaterEntry,
)
from tracker.domain.errors import UserError
from tracker.domain.foods import Food
from tracker.domain.intake import IntakeRows
from tracker.domain.reference import Target
from tracker.services import diary, profile, supplements, totals
from tracker.services.context import Context
from tracker.services.foods import catalog as foods

DAY = dt.date(2026, 11, 20)
NOON = dt.time(12, 0)
MILK, BROCCOLI, ALMONDS, SALMON, COFFEE, BANANA = (
    "01077", "11090", "12061", "15236", "14209", "09040")
# SR28 nutrient numbers (NUTR_DEF.txt) of the nutrients checked against the raw data.
SR28_NUMBER = {"magnesium": "304", "calcium": "301", "vitamin_d": "328", "vitamin_b12": "418",
               "potassium": "306", "sodium": "307", "caffeine": "262", "energy": "208"}
VITAMIN_D_IU = "324"
# Vitamin D: 1 µg = 40 IU (IOM 2011, Dietary Reference Intakes for Calcium and Vitamin D).
IU_PER_UG = 40.0
# The rows ``day`` shows and the unit of each daily-frame column (``day --json`` contract).
SHOWN_UNITS = {"magnesium": "mg", "calcium": "mg", "vitamin_d": "ug", "vitamin_b12": "ug",
               "potassium": "mg", "sodium": "mg", "caffeine": "mg", "drinks": "ml",
               "water_total": "ml", "energy": "kcal"}


def _sr28_values(sr28_dir: Path, ndb: set[str]) -> dict[str, dict[str, float]]:
    """Per-100 g values straight from the raw NUT_DATA file, by NDB number then SR28 number."""
    out: dict[str, dict[str, float]] = {n: {} for n in ndb}
    with gzip.open(sr28_dir / "NUT_DATA.txt.gz", "rt", encoding="latin-1") as handle:
        for line in handle:
            fields = line.split("^")
            number = fields[0].strip("~")
            if number in ndb:
                out[number][fields[1].strip("~")] = float(fields[2])
    return out


def _sr28_grams(sr28_dir: Path, ndb: str, description: str) -> float:
    with open(sr28_dir / "WEIGHT.txt", encoding="latin-1") as handle:
        for line in handle:
            fields = [f.strip("~") for f in line.rstrip("\r\n").split("^")]
            if fields[0] == ndb and fields[3] == description and float(fields[2]) == 1.0:
                return float(fields[4])
    raise LookupError(description)


def _per_100g(values: dict[str, float], key: str) -> float:
    number = SR28_NUMBER[key]
    if number in values:
        return values[number]
    assert key == "vitamin_d"
    return values[VITAMIN_D_IU] / IU_PER_UG


@pytest.fixture
def person(ctx: Context) -> Context:
    profile.set_profile(ctx, Profile("female", dt.date(1980, 5, 1)))
    return ctx


def _eat(ctx: Context, ndb: str, grams: float | None = None, amount: str | None = None,
         day: dt.date = DAY) -> None:
    entry = diary.new_food_entry(ctx, f"sr28:{ndb}", day, NOON, grams=grams, amount=amount)
    diary.add_entry(ctx, entry)


def _supplement(ctx: Context, name: str, per_unit: dict[str, float], units: float = 1.0,
                day: dt.date = DAY) -> None:
    product = supplements.save_product(ctx, SupplementProduct(name, per_unit))
    diary.add_entry(ctx, SupplementDose(day, NOON, product.id, units))


def test_day_matches_hand_computation_from_sr28(person: Context, sr28_dir: Path) -> None:
    grams = {BROCCOLI: 150.0, ALMONDS: 28.0, SALMON: 170.0, COFFEE: 474.0, BANANA: 118.0}
    for ndb, g in grams.items():
        _eat(person, ndb, grams=g)
    _eat(person, MILK, amount="1 cup")
    grams[MILK] = _sr28_grams(sr28_dir, MILK, "cup")
    _supplement(person, "Magnesium glycinate", {"magnesium": 120.0, "vitamin_d": 25.0}, 2)
    diary.add_entry(person, CaffeineEntry(DAY, NOON, 80.0, "energy drink"))
    diary.add_entry(person, WaterEntry(DAY, NOON, 750.0))

    raw = _sr28_values(sr28_dir, set(grams))
    day = totals.day_summary(person, DAY)
    extra = {"magnesium": 240.0, "vitamin_d": 50.0, "caffeine": 80.0}
    for key in SR28_NUMBER:
        expected = sum(g * _per_100g(raw[ndb], key) / 100.0 for ndb, g in grams.items())
        expected += extra.get(key, 0.0)
        got = day.nutrients[key].amount
        assert got == pytest.approx(expected, rel=1e-3), key
        assert day.nutrients[key].known_fraction == 1.0
    water_in_food = sum(g * raw[ndb]["255"] / 100.0 for ndb, g in grams.items())
    assert day.nutrients["water_total"].amount == pytest.approx(750.0 + water_in_food, rel=1e-3)
    drinks = 750.0 + sum(grams[n] * raw[n]["255"] / 100.0 for n in (COFFEE, MILK))
    assert day.drinks_ml == pytest.approx(drinks, rel=1e-3)
    magnesium = day.nutrients["magnesium"]
    assert magnesium.from_supplements == pytest.approx(240.0)
    assert magnesium.amount is not None
    assert magnesium.percent_of_target == pytest.approx(100 * magnesium.amount / 320.0)


def test_vitamin_d_on_a_label_in_iu_is_kept_in_micrograms(person: Context) -> None:
    # 1 µg = 40 IU (IOM 2011): 1000 IU is 25 µg, 400 IU is 10 µg.
    assert supplements.vitamin_d_ug(1000.0, "IU") == pytest.approx(25.0)
    assert supplements.vitamin_d_ug(400.0, "iu") == pytest.approx(10.0)
    for unit in ("ug", "µg", "mcg"):
        assert supplements.vitamin_d_ug(25.0, unit) == 25.0
    with pytest.raises(UserError) as err:
        supplements.vitamin_d_ug(25.0, "mg")
    assert err.value.field == "vitamin_d" and "µg or IU" in err.value.message
    dose = supplements.vitamin_d_ug(2000.0, "IU")
    _supplement(person, "Vitamin D3 2000 IU", {"vitamin_d": dose})
    vitamin_d = totals.day_summary(person, DAY).nutrients["vitamin_d"]
    assert vitamin_d.amount == pytest.approx(50.0)
    assert vitamin_d.percent_of_target == pytest.approx(100 * 50 / 15)  # RDA 15 µg


def test_a_foods_vitamin_d_given_only_in_iu_counts_in_micrograms(person: Context) -> None:
    # SR28 gives sr28:16613 10 IU of vitamin D per 100 g and no µg value: 0.25 µg per 100 g.
    _eat(person, "16613", grams=200.0)
    vitamin_d = totals.day_summary(person, DAY).nutrients["vitamin_d"]
    assert vitamin_d.amount == pytest.approx(0.5)
    assert vitamin_d.known_fraction == 1.0


def test_supplement_magnesium_counts_toward_the_upper_limit(person: Context) -> None:
    _supplement(person, "Magnesium citrate", {"magnesium": 200.0}, 2)
    magnesium = totals.day_summary(person, DAY).nutrients["magnesium"]
    assert magnesium.state == "above_limit"
    assert magnesium.upper_limit_applies_to == "supplements"
    assert magnesium.percent_of_upper_limit == pytest.approx(100 * 400 / 350)


def test_food_magnesium_does_not_count_toward_the_upper_limit(person: Context) -> None:
    _eat(person, ALMONDS, grams=250.0)  # about 675 mg, all from food
    _supplement(person, "Magnesium oxide", {"magnesium": 100.0})
    magnesium = totals.day_summary(person, DAY).nutrients["magnesium"]
    assert magnesium.amount is not None and magnesium.amount > 350 + 100
    assert magnesium.state == "met"
    assert magnesium.percent_of_upper_limit == pytest.approx(100 * 100 / 350)


def test_calcium_and_vitamin_d_limits_count_food_and_supplements(person: Context) -> None:
    _eat(person, MILK, grams=1000.0)  # 1130 mg calcium
    _supplement(person, "Calcium", {"calcium": 700.0, "vitamin_d": 20.0}, 2)
    _supplement(person, "Vitamin D 4000 IU", {"vitamin_d": 100.0})
    day = totals.day_summary(person, DAY)
    assert day.nutrients["calcium"].state == "above_limit"
    assert day.nutrients["vitamin_d"].state == "above_limit"


def test_caffeine_limit_is_lower_in_pregnancy(ctx: Context) -> None:
    profile.set_profile(ctx, Profile("female", dt.date(1994, 1, 1), "pregnancy"))
    _eat(ctx, COFFEE, grams=474.0)  # about 190 mg
    diary.add_entry(ctx, CaffeineEntry(DAY, NOON, 60.0, "cola"))
    caffeine = totals.day_summary(ctx, DAY).nutrients["caffeine"]
    assert caffeine.upper_limit == 200
    assert caffeine.state == "above_limit"
    assert caffeine.target is None and caffeine.percent_of_target is None
    labels = [c.label for c in caffeine.top_entries]
    assert labels[0].startswith("Beverages, coffee") and "cola" in labels


def test_unknown_values_lower_known_fraction_and_are_not_zero(person: Context) -> None:
    mystery = foods.add_custom_food(person, "Grandma's stew", 300.0,
                                    {"energy": 450.0, "water": 200.0}, per="serving")
    diary.add_entry(person, diary.new_food_entry(person, mystery.id, DAY, NOON, grams=300.0))
    _eat(person, BROCCOLI, grams=100.0)
    magnesium = totals.day_summary(person, DAY).nutrients["magnesium"]
    assert magnesium.known_fraction == pytest.approx(100.0 / 400.0)
    assert magnesium.amount == pytest.approx(21.0)  # broccoli only: the stew is unknown
    assert magnesium.missing_foods == ("Grandma's stew",)
    energy = totals.day_summary(person, DAY).nutrients["energy"]
    assert energy.known_fraction == 1.0 and energy.missing_foods == ()


def test_a_day_of_unknown_food_is_unknown_not_zero(person: Context) -> None:
    mystery = foods.add_custom_food(person, "Street food", 250.0, {"energy": 500.0})
    diary.add_entry(person, diary.new_food_entry(person, mystery.id, DAY, NOON, grams=250.0))
    day = totals.day_summary(person, DAY)
    assert day.nutrients["magnesium"].amount is None
    assert day.nutrients["magnesium"].state == "unknown"
    assert day.nutrients["magnesium"].known_fraction == 0.0
    frame = totals.daily_frame(person, DAY, DAY)
    assert math.isnan(frame.loc[str(DAY), "magnesium_mg"])
    assert math.isnan(frame.loc[str(DAY), "magnesium_pct"])


def test_week_mean_skips_unknown_and_unlogged_days(person: Context) -> None:
    mystery = foods.add_custom_food(person, "Street food", 250.0, {"energy": 500.0})
    _eat(person, ALMONDS, grams=100.0, day=DAY - dt.timedelta(days=1))  # 270 mg
    _eat(person, ALMONDS, grams=50.0, day=DAY - dt.timedelta(days=3))  # 135 mg
    diary.add_entry(person, diary.new_food_entry(person, mystery.id, DAY, NOON, grams=250.0))
    diary.add_entry(person, WaterEntry(DAY - dt.timedelta(days=2), NOON, 500.0))  # not logged
    week = totals.week_summary(person, DAY)
    assert week.logged_days == 3
    magnesium = week.nutrients["magnesium"]
    assert magnesium.days_with_data == 2
    assert magnesium.mean_amount == pytest.approx((270.0 + 135.0) / 2)
    assert magnesium.mean_percent_of_target == pytest.approx(100 * (270 + 135) / 2 / 320)
    assert week.nutrients["energy"].days_with_data == 3


def test_drinks_count_water_and_beverages_but_not_food_water(person: Context) -> None:
    diary.add_entry(person, WaterEntry(DAY, NOON, 500.0))
    _eat(person, COFFEE, grams=200.0)
    _eat(person, BROCCOLI, grams=200.0)
    day = totals.day_summary(person, DAY)
    coffee_water = 200.0 * 99.39 / 100
    broccoli_water = 200.0 * 89.3 / 100
    assert day.drinks_ml == pytest.approx(500.0 + coffee_water)
    assert day.nutrients["water_total"].amount == pytest.approx(
        500.0 + coffee_water + broccoli_water)
    assert day.nutrients["drinks"].target == 2200  # woman 46: 2.2 L of drinks
    tops = day.nutrients["drinks"].top_entries
    assert [c.source for c in tops] == ["water", "food"]


def test_daily_frame_contract(person: Context) -> None:
    first = DAY - dt.timedelta(days=4)
    _eat(person, ALMONDS, grams=100.0, day=first)
    diary.set_factors(person, DayFactors(first + dt.timedelta(days=1), complete=True))
    diary.add_entry(person, Episode(first + dt.timedelta(days=2), NOON, "twitch", "calf", 4))
    diary.add_entry(person, Episode(first + dt.timedelta(days=2), NOON, "cramp", "calf", 6))
    _supplement(person, "Magnesium", {"magnesium": 100.0}, day=first + dt.timedelta(days=1))
    frame = totals.daily_frame(person, first, DAY)
    assert list(frame.index.date) == [first + dt.timedelta(days=i) for i in range(5)]
    for column in ("logged", "magnesium_pct", "calcium_pct", "vitamin_d_pct", "vitamin_b12_pct",
                   "drinks_ml", "drinks_target_ml", "caffeine_mg", "caffeine_limit_mg",
                   "episodes", "magnesium_mg", "magnesium_known_fraction", "water_total_ml"):
        assert column in frame.columns, column
    assert frame["logged"].tolist() == [True, True, False, False, False]
    assert frame["episodes"].tolist() == [0, 0, 2, 0, 0]
    assert frame["magnesium_pct"].iloc[0] == pytest.approx(100 * 270 / 320)
    # A day marked complete with no food: what was taken is its intake, not unknown.
    assert frame["magnesium_mg"].iloc[1] == pytest.approx(100.0)
    assert math.isnan(frame["magnesium_known_fraction"].iloc[1])
    assert frame["magnesium_pct"].iloc[2:].isna().all()
    assert frame["caffeine_limit_mg"].eq(400).all()
    assert frame["drinks_target_ml"].eq(2200).all()


def test_frame_and_day_summary_agree(person: Context) -> None:
    for offset, ndb, g in ((0, MILK, 300.0), (0, SALMON, 120.0), (1, COFFEE, 400.0),
                           (1, BANANA, 90.0), (2, ALMONDS, 40.0)):
        _eat(person, ndb, grams=g, day=DAY - dt.timedelta(days=offset))
    _supplement(person, "B12", {"vitamin_b12": 500.0}, day=DAY - dt.timedelta(days=1))
    frame = totals.daily_frame(person, DAY - dt.timedelta(days=2), DAY)
    for offset in range(3):
        date = DAY - dt.timedelta(days=offset)
        day = totals.day_summary(person, date)
        row = frame.loc[str(date)]
        for key, unit in SHOWN_UNITS.items():
            assert row[f"{key}_{unit}"] == pytest.approx(day.nutrients[key].amount), key


def test_empty_day_without_profile_adds_up_and_explains(ctx: Context) -> None:
    day = totals.day_summary(ctx, DAY)
    assert day.notice is not None and "profile set" in day.notice
    assert not day.logged
    assert day.nutrients["magnesium"].target is None
    assert day.nutrients["magnesium"].amount == 0.0
    assert day.nutrients["magnesium"].known_fraction is None
    with pytest.raises(UserError, match="profile set") as err:
        totals.targets(ctx, DAY)
    assert err.value.field == "profile"
    frame = totals.daily_frame(ctx, DAY, DAY)
    assert np.isnan(frame["magnesium_target_mg"]).all()


def test_own_target_is_used(person: Context) -> None:
    profile.set_target_override(person, "magnesium", 400)
    _eat(person, ALMONDS, grams=100.0)
    magnesium = totals.day_summary(person, DAY).nutrients["magnesium"]
    assert (magnesium.target, magnesium.target_kind) == (400, "custom")
    assert magnesium.percent_of_target == pytest.approx(100 * 270 / 400)
    assert totals.daily_frame(person, DAY, DAY)["magnesium_target_mg"].iloc[0] == 400


def test_a_period_ending_before_it_starts_is_refused(person: Context) -> None:
    with pytest.raises(UserError, match=r"The period ends \(2026-11-19\) before it starts") as err:
        totals.daily_frame(person, DAY, DAY - dt.timedelta(days=1))
    assert err.value.field == "date"


def test_sodium_above_its_cdrr_is_a_warning(person: Context) -> None:
    _eat(person, "02047", grams=7.0)  # table salt: about 2.7 g sodium
    sodium = totals.day_summary(person, DAY).nutrients["sodium"]
    assert (sodium.target, sodium.upper_limit, sodium.upper_limit_kind) == (1500, 2300, "CDRR")
    assert sodium.state == "above_limit"


def test_the_daily_frame_column_by_column_from_rows_summed_by_hand() -> None:
    """Three days built from rows, not through the diary: one with food, a supplement, hand-
    logged caffeine and water; one marked complete with nothing eaten; one not logged at all
    but with episodes and sleep given. Each figure below is worked by hand."""
    first = dt.date(2026, 3, 2)
    d0, d1, d2 = (str(first + dt.timedelta(days=i)) for i in range(3))
    # per 100 g: 100 mg magnesium, 10 mg caffeine, 50 g water, calcium unknown; a drink
    tea = Food("sr28:99001", "Tea with milk", "Beverages",
               {"magnesium": 100.0, "caffeine": 10.0, "water": 50.0, "calcium": None},
               beverage=True)
    pill = SupplementProduct("Magnesium", {"magnesium": 50.0}, id="p1")
    rows = IntakeRows(foods=[(d0, "08:00", "e1", tea.id, 200.0, 200.0, "g")],
                      water=[(d0, "09:00", "w1", 500.0)],
                      caffeine=[(d0, "10:00", "c1", 30.0, "espresso")],
                      doses=[(d0, "08:00", "s1", "p1", 2.0)],
                      episodes=[(d2, 3)], complete=[d1],
                      factors=[(d2, 6.5, 4, 30)])
    period = period_intake(rows, {tea.id: tea}, {"p1": pill}, first,
                           first + dt.timedelta(days=2))
    goals = {
        "magnesium": Target("magnesium", "mg", 400.0, "RDA", 350.0, "UL", "supplements", "s"),
        "calcium": Target("calcium", "mg", 1000.0, "RDA", None, None, "total", "s"),
        "caffeine": Target("caffeine", "mg", None, None, 400.0, "LIMIT", "total", "s"),
        "drinks": Target("drinks", "ml", 2000.0, "AI", None, None, "total", "s"),
        "water_total": Target("water_total", "ml", 2700.0, "AI", None, None, "total", "s"),
    }
    frame = analysis_daily_frame(period, [goals, goals, dict(goals)])
    nan = math.nan

    def column(name: str) -> list[float]:
        return [round(float(v), 9) if not math.isnan(v) else nan for v in frame[name]]

    def same(name: str, expected: list[float]) -> None:
        got = column(name)
        assert len(got) == len(expected), name
        for g, e in zip(got, expected, strict=True):
            assert (math.isnan(g) and math.isnan(e)) or g == e, (name, got, expected)

    assert frame.index.name == "date"
    assert frame.index.freqstr == "D"
    assert list(frame.index.date) == [first + dt.timedelta(days=i) for i in range(3)]
    assert frame["logged"].tolist() == [True, True, False]
    assert frame["complete"].tolist() == [False, True, False]
    assert frame["food_entries"].tolist() == [1, 0, 0]
    assert frame["food_grams"].tolist() == [200.0, 0.0, 0.0]
    assert frame["episodes"].tolist() == [0, 0, 3]
    assert frame["episodes"].dtype == "int64"
    same("magnesium_food_mg", [200.0, 0.0, nan])
    same("magnesium_supplements_mg", [100.0, 0.0, nan])  # 2 pills of 50 mg
    same("magnesium_mg", [300.0, 0.0, nan])
    same("magnesium_known_fraction", [1.0, nan, nan])
    same("magnesium_target_mg", [400.0, 400.0, 400.0])
    same("magnesium_pct", [75.0, 0.0, nan])
    same("magnesium_upper_limit_mg", [350.0, 350.0, 350.0])
    # food logged but its calcium unknown: unknown, not zero
    same("calcium_mg", [nan, 0.0, nan])
    same("calcium_known_fraction", [0.0, nan, nan])
    same("calcium_upper_limit_mg", [nan, nan, nan])
    # 20 mg in the tea and 30 mg logged by hand
    same("caffeine_mg", [50.0, 0.0, nan])
    same("caffeine_food_mg", [50.0, 0.0, nan])
    same("caffeine_limit_mg", [400.0, 400.0, 400.0])
    assert "caffeine_target_mg" not in frame and "caffeine_pct" not in frame
    # 500 ml of water and the 100 g of water in 200 g of tea
    same("drinks_ml", [600.0, 0.0, nan])
    same("water_total_ml", [600.0, 0.0, nan])
    same("water_total_known_fraction", [1.0, nan, nan])
    same("drinks_target_ml", [2000.0, 2000.0, 2000.0])
    same("drinks_pct", [30.0, 0.0, nan])
    same("water_total_target_ml", [2700.0, 2700.0, 2700.0])
    assert "drinks_upper_limit_ml" not in frame
    same("vitamin_d_target_ug", [nan, nan, nan])
    # day factors stay on a day without food
    same("sleep_hours", [nan, nan, 6.5])
    same("stress", [nan, nan, 4.0])
    same("exercise_min", [nan, nan, 30.0])
