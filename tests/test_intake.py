"""The intake kernel against a plain loop over entries, on diaries hypothesis makes up."""

from __future__ import annotations

import datetime as dt
import math

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from tracker.analysis.intake import KEYS, period_intake
from tracker.domain.entries import SupplementProduct
from tracker.domain.foods import Food
from tracker.domain.intake import IntakeRows

FIRST = dt.date(2026, 1, 1)
DAYS = 6
SOME_KEYS = ("magnesium", "calcium", "caffeine", "water", "vitamin_d")

values = st.one_of(st.none(), st.floats(0, 500, allow_nan=False))


@st.composite
def diaries(draw: st.DrawFn) -> tuple[IntakeRows, dict[str, Food], dict[str, SupplementProduct]]:
    foods = {}
    for i in range(draw(st.integers(1, 4))):
        nutrients = dict.fromkeys(KEYS, 0.0) | {k: draw(values) for k in SOME_KEYS}
        foods[f"sr28:{i:05d}"] = Food(f"sr28:{i:05d}", f"Food {i}", "Test", nutrients,
                                      beverage=draw(st.booleans()))
    food_ids = [*foods, "sr28:99999"]  # one id the reference no longer has
    day_text = st.integers(0, DAYS - 1).map(lambda d: (FIRST + dt.timedelta(days=d)).isoformat())
    food_rows = draw(st.lists(st.tuples(day_text, st.sampled_from(food_ids),
                                        st.floats(1, 900, allow_nan=False)), max_size=25))
    products = {"p1": SupplementProduct("Mag", {"magnesium": 150.0}, id="p1"),
                "p2": SupplementProduct("Multi", {"calcium": 200.0, "caffeine": 50.0}, id="p2")}
    dose_rows = draw(st.lists(st.tuples(day_text, st.sampled_from(["p1", "p2"]),
                                        st.floats(0.5, 4, allow_nan=False)), max_size=8))
    caffeine_rows = draw(st.lists(st.tuples(day_text, st.floats(1, 300, allow_nan=False)),
                                  max_size=5))
    water_rows = draw(st.lists(st.tuples(day_text, st.floats(50, 1000, allow_nan=False)),
                               max_size=6))
    complete = sorted(set(draw(st.lists(day_text, max_size=3))))
    rows = IntakeRows(
        foods=[(d, "12:00", f"f{i}", fid, g, g, "g") for i, (d, fid, g) in enumerate(food_rows)],
        water=[(d, "12:00", f"w{i}", ml) for i, (d, ml) in enumerate(water_rows)],
        caffeine=[(d, "12:00", f"c{i}", mg, "") for i, (d, mg) in enumerate(caffeine_rows)],
        doses=[(d, "12:00", f"d{i}", pid, u) for i, (d, pid, u) in enumerate(dose_rows)],
        episodes=[], complete=complete)
    return rows, foods, products


def _naive(rows: IntakeRows, foods: dict[str, Food], products: dict[str, SupplementProduct],
           key: str, day: str) -> tuple[float, float | None]:
    """(total or NaN, known fraction or None) of ``key`` on ``day``, one entry at a time."""
    mass = known_mass = food_total = 0.0
    for d, _, _, fid, grams, _, _ in rows.foods:
        if d != day:
            continue
        mass += grams
        food = foods.get(fid)
        value = food.nutrients.get(key) if food else None
        if value is not None:
            known_mass += grams
            food_total += value * grams / 100
    total = math.nan if mass > 0 and known_mass == 0 else food_total
    total += sum(products[pid].per_unit.get(key, 0.0) * units
                 for d, _, _, pid, units in rows.doses if d == day)
    if key == "caffeine":
        total += sum(mg for d, _, _, mg, _ in rows.caffeine if d == day)
    return total, (known_mass / mass if mass else None)


@settings(max_examples=150, deadline=None)
@given(diaries())
def test_kernel_matches_a_plain_loop(diary: tuple[IntakeRows, dict[str, Food],
                                                  dict[str, SupplementProduct]]) -> None:
    rows, foods, products = diary
    rows.foods.reverse()  # storage returns diary order; the kernel must not rely on it
    period = period_intake(rows, foods, products, FIRST, FIRST + dt.timedelta(days=DAYS - 1))
    for index in range(DAYS):
        day = (FIRST + dt.timedelta(days=index)).isoformat()
        for key in SOME_KEYS:
            total, known = _naive(rows, foods, products, key, day)
            got = period.total(key)[index]
            assert (math.isnan(got) and math.isnan(total)) or math.isclose(
                got, total, rel_tol=1e-9, abs_tol=1e-9), (key, day)
            fraction = period.known_fraction(key)[index]
            if known is None:
                assert np.isnan(fraction)
            else:
                assert math.isclose(fraction, known)
        water = sum(ml for d, _, _, ml in rows.water if d == day)
        beverage_water = sum(
            g * (foods[fid].nutrients["water"] or 0.0) / 100
            for d, _, _, fid, g, _, _ in rows.foods
            if d == day and fid in foods and foods[fid].beverage)
        assert math.isclose(period.drinks_ml[index], water + beverage_water, abs_tol=1e-9)
        has_food = any(d == day for d, *_ in rows.foods)
        assert period.logged[index] == (has_food or day in rows.complete)


def test_a_dose_of_a_product_no_longer_known_adds_nothing_and_no_warning_is_printed() -> None:
    import warnings

    rows = IntakeRows(foods=[], water=[], caffeine=[],
                      doses=[("2026-01-01", "08:00", "d1", "gone", 2.0),
                             ("2026-01-02", "08:00", "d2", "p1", 1.0)],
                      episodes=[], complete=["2026-01-01", "2026-01-02"])
    products = {"p1": SupplementProduct("Mag", {"magnesium": 150.0}, id="p1")}
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        period = period_intake(rows, {}, products, FIRST, FIRST + dt.timedelta(days=1))
        fraction = period.known_fraction("magnesium")
    assert period.from_supplements("magnesium").tolist() == [0.0, 150.0]
    assert np.isnan(fraction).all()  # no food on either day


def test_a_supplement_dose_is_listed_among_its_own_day_s_entries() -> None:
    """Two units of a 150 mg magnesium supplement on the second day: 300 mg, shown in that
    day's list of what gave its magnesium, and nothing listed on the first day."""
    from tracker.analysis.day_view import summarise_day

    rows = IntakeRows(foods=[], water=[], caffeine=[],
                      doses=[("2026-01-02", "08:00", "d2", "p1", 2.0)],
                      episodes=[], complete=["2026-01-01", "2026-01-02"])
    products = {"p1": SupplementProduct("Mag", {"magnesium": 150.0}, id="p1")}
    period = period_intake(rows, {}, products, FIRST, FIRST + dt.timedelta(days=1))
    first, second = (summarise_day(period, i, {}, {}, products).nutrients["magnesium"]
                     for i in (0, 1))
    assert first.top_entries == ()
    assert [(c.label, c.amount, c.source, c.entry_id) for c in second.top_entries] == [
        ("Mag — 2 unit", 300.0, "supplement", "d2")]
