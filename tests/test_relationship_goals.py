"""The issue's goals, checked on a few simulated diaries each (the benchmark runs hundreds).

benchmarks/bench_relationship_power.py measures each goal on 200 diaries per
cell and docs/relationship-statistics.md quotes the table; these tests are
the same scenarios on fewer diaries, so a change that breaks honesty,
adjustment or power fails CI. Where the benchmark shows a goal is not reached
at the issue's length, the test checks the level the method does reach
(written in each test), so a regression still shows.
"""

from __future__ import annotations

import math

import pytest

from tests.simulated_diaries import Driver, Scenario, simulate
from tracker.analysis.relationship import analyze_relationships


def _flags(days: int, seed: int, scenario: Scenario | None = None) -> set[str]:
    result = analyze_relationships(simulate(days, seed, scenario or Scenario()).frame)
    result = result["exposures"]
    return {key for key, finding in result.items() if finding["flagged"]}


@pytest.mark.parametrize("days", [30, 90, 180, 365])
def test_with_no_effect_anywhere_nothing_is_flagged(days: int) -> None:
    """Goal: at most 5 % of diaries get any flag (benchmark: 200 diaries per length)."""
    flagged = [_flags(days, 40_000 + days + i) for i in range(8)]
    assert sum(bool(f) for f in flagged) == 0, flagged


def test_caffeine_driving_is_not_blamed_on_magnesium() -> None:
    """Heavy-coffee days skip the magnesium-rich snack; caffeine alone triples episodes."""
    scenario = Scenario((Driver("caffeine", 3.0, 1, 0),), coffee_skips_magnesium=True)
    runs = [_flags(180, 41_000 + i, scenario) for i in range(8)]
    assert sum("magnesium" in f for f in runs) == 0, runs
    assert sum("caffeine" in f for f in runs) >= 5, runs


def test_stress_driving_is_not_blamed_on_short_sleep() -> None:
    """Stressful days come with short nights; stress alone triples episodes."""
    scenario = Scenario((Driver("stress", 3.0, 1, 0),), stress_cuts_sleep=True)
    runs = [_flags(180, 42_000 + i, scenario) for i in range(8)]
    assert sum("sleep" in f for f in runs) == 0, runs
    assert sum("stress" in f for f in runs) >= 4, runs


def test_adjustment_removes_the_borrowed_magnesium_association() -> None:
    """The simple magnesium ratio borrows caffeine's effect; the adjusted one does not."""
    scenario = Scenario((Driver("caffeine", 3.0, 1, 0),), coffee_skips_magnesium=True)
    simple = adjusted = 0.0
    for i in range(6):
        magnesium = analyze_relationships(
            simulate(180, 43_000 + i, scenario).frame)["exposures"]["magnesium"]
        simple += math.log(magnesium["rate_ratio"]) / 6
        adjusted += math.log(magnesium["adjusted_rate_ratio"]) / 6
    # Geometric means over the six diaries: about 1.6 simple against about 1.1 adjusted.
    assert math.exp(simple) > 1.4
    assert math.exp(adjusted) < 1.25


def test_a_fourfold_effect_is_found_in_a_year() -> None:
    """Power at a level the benchmark shows is reached: fourfold in a year's diary.

    The benchmark finds 75-100 % per exposure on 20 diaries each; here two diaries
    for each of six exposures, of which at least 9 of 12 must be flagged. (The
    issue's goals, doubling at 120 days and fourfold at 90, are not reached; the
    benchmark table gives the figures.)
    """
    keys = ["magnesium", "drinks", "caffeine", "alcohol", "sleep", "stress"]
    found = [key in _flags(365, 44_000 + 100 * index + i, Scenario((Driver(key, 4.0),)))
             for index, key in enumerate(keys) for i in range(2)]
    assert sum(found) >= 9, found
