"""The issue's goals, checked on a few simulated diaries each (the benchmark runs hundreds).

benchmarks/bench_relationship_power.py measures each goal on 200 diaries per
cell (1,000 with no effect) in the goal world (tests/goal_world.py) and 100 in
the harsher robustness world (tests/simulated_diaries.py);
docs/relationship-statistics.md quotes the tables. These tests are the same
scenarios on fewer diaries with fixed seeds, so a change that breaks honesty,
adjustment or power fails CI. Where the benchmark shows a goal is not reached,
the test checks the level the method does reach (written in each test), so a
regression still shows.
"""

from __future__ import annotations

import math
from collections.abc import Callable

import numpy as np
import pytest

from tests import goal_world, simulated_diaries
from tests.simulated_diaries import Driver, Scenario, SimulatedDiary
from tracker.analysis.relationship import analyze_relationships

World = Callable[[int, int, Scenario], SimulatedDiary]


def _flags(world: World, days: int, seed: int, scenario: Scenario | None = None) -> set[str]:
    result = analyze_relationships(world(days, seed, scenario or Scenario()).frame)
    return {key for key, finding in result["exposures"].items() if finding["flagged"]}


@pytest.mark.parametrize("world", [goal_world.simulate, simulated_diaries.simulate],
                         ids=["goal", "robust"])
def test_with_no_effect_anywhere_few_diaries_get_a_flag(world: World) -> None:
    """Goal: at most 5 % of diaries get any flag, at 30, 90, 180 and 365 days.

    Ten diaries per length: at most 3 of the 40 may get a flag (the benchmark
    measures the rate on 1,000 per length; a test twice as liberal as the goal
    would flag about 4 here, one three times as liberal about 6).
    """
    flagged = [_flags(world, days, 40_000 + days + i) for days in (30, 90, 180, 365)
               for i in range(10)]
    assert sum(bool(f) for f in flagged) <= 3, [f for f in flagged if f]


def test_caffeine_driving_is_not_blamed_on_magnesium() -> None:
    """Heavy-coffee stretches skip the magnesium-rich snack; caffeine alone triples episodes.

    Goal: caffeine flagged and magnesium not in at least 80 % of 180-day diaries
    (benchmark: 199 of 200, magnesium wrongly flagged in 1). Here at least 6 of 8
    with caffeine flagged and magnesium not, and magnesium flagged in at most one:
    one of these eight seeds is that rare diary.
    """
    scenario = Scenario((Driver("caffeine", 3.0, 1, 0),), coffee_skips_magnesium=True)
    runs = [_flags(goal_world.simulate, 180, 41_000 + i, scenario) for i in range(8)]
    assert sum("caffeine" in f and "magnesium" not in f for f in runs) >= 6, runs
    assert sum("magnesium" in f for f in runs) <= 1, runs


def test_stress_driving_is_not_blamed_on_short_sleep() -> None:
    """Stressful days cut that night's and the next night's sleep; stress alone triples episodes.

    Goal as above (benchmark: 183 of 200, short sleep wrongly flagged in 1). Here at
    least 7 of 8, short sleep never.
    """
    scenario = Scenario((Driver("stress", 3.0, 1, 0),), stress_cuts_sleep=True)
    runs = [_flags(goal_world.simulate, 180, 42_000 + i, scenario) for i in range(8)]
    assert sum("sleep" in f for f in runs) == 0, runs
    assert sum("stress" in f for f in runs) >= 7, runs


def test_adjustment_removes_the_borrowed_magnesium_association() -> None:
    """The simple magnesium ratio borrows caffeine's effect; the adjusted one does not."""
    scenario = Scenario((Driver("caffeine", 3.0, 1, 0),), coffee_skips_magnesium=True)
    simple = adjusted = 0.0
    for i in range(6):
        magnesium = analyze_relationships(simulated_diaries.simulate(
            180, 43_000 + i, scenario).frame)["exposures"]["magnesium"]
        simple += math.log(magnesium["rate_ratio"]) / 6
        adjusted += math.log(magnesium["adjusted_rate_ratio"]) / 6
    # Geometric means over the six diaries: about 1.6 simple against about 1.1 adjusted.
    assert math.exp(simple) > 1.4
    assert math.exp(adjusted) < 1.25


def test_a_fourfold_effect_is_found_in_three_months() -> None:
    """Goal: a fourfold effect flagged in at least 80 % of 90-day diaries.

    The benchmark reaches it for magnesium, calcium, potassium, drinks,
    caffeine, short sleep and stress (80.5-92.5 % of 200 diaries each) but not
    for vitamin D, B12, alcohol and hard exercise; the doubling at 120 days is
    reached for none (14.5-43 %). Here four diaries for each of the seven, of
    which at least 21 of 28 must be flagged (23 are).
    """
    keys = ["magnesium", "calcium", "potassium", "drinks", "caffeine", "sleep", "stress"]
    found = [key in _flags(goal_world.simulate, 90, 44_000 + 100 * index + i,
                           Scenario((Driver(key, 4.0),)))
             for index, key in enumerate(keys) for i in range(4)]
    assert sum(found) >= 21, found


def test_known_states_replace_what_the_diary_says() -> None:
    """The benchmark's bound puts the true exposure in place of the diary's reading.

    A 60-day no-effect diary read with magnesium "short" on the even days and
    not on the odd ones: every day's episodes are known, so the comparison has
    30 days on each side whatever the diary's magnesium was.
    """
    diary = goal_world.simulate(60, 45_000, Scenario())
    alternate = np.array([1.0 if day % 2 == 0 else 0.0 for day in range(60)])
    magnesium = analyze_relationships(diary.frame,
                                      known_states={"magnesium": alternate})["exposures"][
        "magnesium"]
    assert (magnesium["shortfall_days"], magnesium["adequate_days"]) == (30, 30)
    as_read = analyze_relationships(diary.frame)["exposures"]["magnesium"]
    assert (as_read["shortfall_days"], as_read["adequate_days"]) != (30, 30)
    # A known acute exposure is the truth at its own timing: no second timing added.
    caffeine = analyze_relationships(diary.frame, known_states={"caffeine": alternate})[
        "exposures"]["caffeine"]
    assert (caffeine["shortfall_days"], caffeine["adjusted_both_days"]) == (30, False)


def test_same_day_factors_are_judged_over_the_day_and_the_day_before() -> None:
    """Caffeine, drinks, sleep and stress act the same day; each is also in the model
    the day before, and its adjusted ratio counts both together. Alcohol, judged the
    day after to keep out drinking because of a bad day, has its same-day column
    for adjustment only. Slow factors keep one timing."""
    from tracker.analysis.design import build_design, primary_exposures
    from tracker.analysis.exposures import normalise

    daily = normalise(goal_world.simulate(120, 46_000, Scenario()).frame)
    primary = primary_exposures(daily)
    keys = ("magnesium", "caffeine", "alcohol", "sleep", "stress", "drinks")
    design = build_design(daily, primary, keys)
    assert {key: design.names[column] for key, column in design.other_timing.items()} == {
        "caffeine": "caffeine@1", "sleep": "sleep@1", "stress": "stress@1",
        "drinks": "drinks@1"}
    assert "alcohol@0" in design.names
    found = analyze_relationships(goal_world.simulate(120, 46_000, Scenario()).frame)
    assert found["exposures"]["caffeine"]["adjusted_both_days"] is True
    assert found["exposures"]["caffeine"]["adjusted_timing"] == "same day and day before"
    assert found["exposures"]["sleep"]["adjusted_timing"] == "night before and two nights before"
    assert found["exposures"]["magnesium"]["adjusted_both_days"] is False
    assert found["exposures"]["alcohol"]["adjusted_both_days"] is False
    assert found["exposures"]["magnesium"]["adjusted_timing"] == "3 days before"
    assert ("counting caffeine the same day and the day before together"
            in found["exposures"]["caffeine"]["message"])
