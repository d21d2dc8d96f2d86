"""What counts as an exposed day, and which days are unknown: literal examples."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from tracker.analysis.exposures import (
    BY_KEY,
    EXPOSURES,
    Exposure,
    _nutrient,
    exposure_by_outcome_day,
    exposure_points,
    is_exposed,
    lagged,
    min_logged_days,
    normalise,
    reference_value,
    rolling_mean,
    rolling_percent,
    shifted,
    usual_exercise_threshold,
    value_and_reference,
)

NAN = np.nan


def _frame(days: int, **columns: list[float]) -> pd.DataFrame:
    base: dict[str, list[float] | list[bool]] = {
        "logged": [True] * days, "magnesium_pct": [100.0] * days,
        "calcium_pct": [100.0] * days, "vitamin_d_pct": [100.0] * days,
        "vitamin_b12_pct": [100.0] * days, "drinks_ml": [2000.0] * days,
        "drinks_target_ml": [2000.0] * days, "caffeine_mg": [100.0] * days,
        "caffeine_limit_mg": [400.0] * days, "episodes": [0.0] * days,
    }
    base.update(columns)
    return normalise(pd.DataFrame(base, index=pd.date_range("2026-03-02", periods=days)))


def _state(frame: pd.DataFrame, key: str, window: int | None = None,
           lag: int | None = None) -> list[float]:
    exposure = BY_KEY[key]
    out = exposure_by_outcome_day(frame, exposure, window or exposure.window,
                                  exposure.lag if lag is None else lag)
    return [None if np.isnan(v) else v for v in out]  # type: ignore[misc]


def test_eleven_exposures_with_the_documented_primary_timings() -> None:
    timings = {e.key: (e.window, e.lag) for e in EXPOSURES}
    assert timings == {
        "magnesium": (3, 1), "calcium": (3, 1), "vitamin_d": (28, 1), "vitamin_b12": (28, 1),
        "potassium": (3, 1), "drinks": (1, 0), "caffeine": (1, 0), "alcohol": (1, 1),
        "sleep": (1, 0), "stress": (1, 0), "exercise": (1, 0),
    }
    assert {e.key for e in EXPOSURES if e.acute} == {
        "drinks", "caffeine", "alcohol", "sleep", "stress"}


def test_alcohol_counts_from_one_standard_drink_of_14_grams() -> None:
    frame = _frame(4, alcohol_g=[0.0, 13.9, 14.0, 40.0])
    # Lag 1: the day after drinking; the first day has no day before it.
    assert _state(frame, "alcohol") == [None, 0.0, 0.0, 1.0]
    assert _state(frame, "alcohol", lag=0) == [0.0, 0.0, 1.0, 1.0]


def test_short_sleep_is_under_seven_hours_and_high_stress_is_four_or_five() -> None:
    frame = _frame(5, sleep_hours=[6.9, 7.0, 8.5, NAN, 3.0], stress=[3, 4, 5, 1, NAN])
    assert _state(frame, "sleep") == [1.0, 0.0, 0.0, None, 1.0]
    assert _state(frame, "stress") == [0.0, 1.0, 1.0, 0.0, None]


def test_day_factors_count_on_days_without_food() -> None:
    frame = _frame(3, logged=[False, False, True], sleep_hours=[6.0, 8.0, 6.0],
                   caffeine_mg=[900.0, 0.0, 500.0])
    assert _state(frame, "sleep") == [1.0, 0.0, 1.0]
    # Caffeine comes from the food log: unknown on the two unlogged days.
    assert _state(frame, "caffeine") == [None, None, 1.0]


def test_strenuous_exercise_is_relative_to_the_persons_usual() -> None:
    # Median of 0, 20, 30, 30, 40, 90 minutes is 30: strenuous from 45 minutes.
    minutes = [0.0, 20.0, 30.0, 30.0, 40.0, 90.0]
    assert usual_exercise_threshold(np.array(minutes)) == 45.0
    assert _state(_frame(6, exercise_min=minutes), "exercise") == [
        0.0, 0.0, 0.0, 0.0, 0.0, 1.0]
    # Someone who rarely exercises: half an hour is already strenuous for them.
    assert usual_exercise_threshold(np.array([0.0, 0.0, 10.0, 30.0])) == 30.0
    assert usual_exercise_threshold(np.array([NAN, NAN])) is None


def test_windows_are_never_filled_from_unlogged_days() -> None:
    # Magnesium at 50 % on logged days; the unlogged day reads 0 but must not count.
    frame = _frame(6, logged=[True, True, False, True, False, False],
                   magnesium_pct=[150.0, 150.0, 0.0, 60.0, 0.0, 0.0])
    # Outcome day t uses days t-3..t-1 (lag 1), with day t-1 logged and at least
    # 2 of the 3 logged. Day 4 sees days 1-3: (150 + 60) / 2 = 105 %, adequate;
    # counting the unlogged day as zero would give 70 %, a shortfall.
    assert _state(frame, "magnesium") == [None, None, 0.0, None, 0.0, None]


def test_rolling_mean_skips_missing_days_instead_of_counting_zero() -> None:
    logged = np.array([80.0] * 4 + [NAN] * 3 + [80.0, NAN])
    week = rolling_percent(logged, np.where(np.isfinite(logged), 100.0, NAN), 7)
    # Four of seven days logged at 80 % and three missing: 80 %, not 46 %.
    assert week[3] == pytest.approx(80.0)
    assert week[7] == pytest.approx(80.0)
    assert np.isnan(week[8])


def test_unlogged_zero_drinks_are_unknown_not_a_shortfall() -> None:
    frame = _frame(4, logged=[True, False, True, False],
                   drinks_ml=[2500.0, 0.0, 2500.0, 0.0])
    assert _state(frame, "drinks") == [0.0, None, 0.0, None]


def test_twenty_eight_day_window_needs_fourteen_logged_days() -> None:
    logged = [True] * 13 + [False] * 14 + [True] * 3
    frame = _frame(30, logged=logged, vitamin_d_pct=[50.0] * 30)
    state = _state(frame, "vitamin_d")
    # Day 13 (the first with 13 logged days before it) is still too thin, and the
    # window ending on day 28 holds only 14 logged days once day 28 itself is logged.
    assert state[13] is None
    assert state[29] == 1.0


def test_excluded_days_and_missing_optional_columns() -> None:
    frame = _frame(3)
    assert frame["excluded"].tolist() == [False, False, False]
    assert frame["sleep_hours"].isna().all() and frame["alcohol_g"].isna().all()


def _values(array: np.ndarray) -> list[float | None]:
    return [None if np.isnan(v) else float(v) for v in array]


def test_a_window_needs_half_its_days_rounded_up() -> None:
    assert [min_logged_days(w) for w in (1, 2, 3, 7, 28)] == [1, 1, 2, 4, 14]


def test_a_frame_without_a_required_column_is_refused_by_name() -> None:
    frame = pd.DataFrame({"logged": [True]}, index=pd.date_range("2026-03-02", periods=1))
    with pytest.raises(ValueError) as info:
        normalise(frame)
    assert str(info.value) == (
        "daily frame lacks columns: magnesium_pct, calcium_pct, vitamin_d_pct, vitamin_b12_pct, "
        "drinks_ml, drinks_target_ml, caffeine_mg, caffeine_limit_mg, episodes")


def test_normalising_sorts_days_fills_gaps_and_keeps_the_last_duplicate() -> None:
    base = _frame(1).iloc[:0]
    rows = pd.DataFrame({c: [None] * 4 for c in base.columns},
                        index=[pd.Timestamp(t) for t in ("2026-03-05", "2026-03-02", "2026-03-05",
                                                           "2026-03-03 06:00")])
    rows["logged"] = [True, True, True, None]
    rows["episodes"] = [1, 2, 3, "?"]
    rows["excluded"] = [False, True, None, False]
    out = normalise(rows)
    assert [d.isoformat() for d in out.index.date] == [
        "2026-03-02", "2026-03-03", "2026-03-04", "2026-03-05"]
    assert out["logged"].tolist() == [True, False, False, True]
    assert _values(out["episodes"].to_numpy()) == [2.0, None, None, 3.0]
    assert out["excluded"].tolist() == [True, False, False, False]
    assert out["episodes"].dtype == float
    assert out["logged"].dtype == bool and out["excluded"].dtype == bool
    assert normalise(_frame(0)).empty


def test_a_reference_of_zero_or_an_unlogged_day_gives_no_value() -> None:
    frame = _frame(3, drinks_target_ml=[2000.0, 0.0, 2000.0], logged=[True, True, False])
    value, reference = value_and_reference(frame, BY_KEY["drinks"])
    assert _values(value) == [2000.0, None, None]
    assert _values(reference) == [2000.0, None, None]
    sleep, seven = value_and_reference(_frame(2, logged=[False, False], sleep_hours=[6.0, NAN]),
                                       BY_KEY["sleep"])
    assert _values(sleep) == [6.0, None]
    assert _values(seven) == [7.0, None]


def test_an_exercise_reference_needs_some_exercise_given() -> None:
    value, reference = value_and_reference(_frame(2), BY_KEY["exercise"])
    assert _values(value) == [None, None]
    assert _values(reference) == [None, None]


def test_where_the_chart_draws_each_line() -> None:
    frame = _frame(4, exercise_min=[20.0, 40.0, 60.0, 80.0])
    lines = {e.key: reference_value(frame, e) for e in EXPOSURES}
    assert lines == {"magnesium": 100.0, "calcium": 100.0, "vitamin_d": 100.0,
                     "vitamin_b12": 100.0, "potassium": 100.0, "drinks": 100.0,
                     "caffeine": 100.0, "alcohol": 14.0, "sleep": 7.0, "stress": 4.0,
                     "exercise": 75.0}
    assert reference_value(_frame(2), BY_KEY["exercise"]) is None


def test_at_the_line_itself() -> None:
    at = np.array([99.9, 100.0, 100.0 - 1e-10, 100.1, NAN])
    assert is_exposed(at, BY_KEY["magnesium"]).tolist() == [True, False, True, False, False]
    assert is_exposed(at, BY_KEY["caffeine"]).tolist() == [False, False, False, True, False]
    assert is_exposed(at, BY_KEY["alcohol"]).tolist() == [False, True, True, True, False]


def test_caffeine_exactly_at_the_limit_is_within_it() -> None:
    frame = _frame(3, caffeine_mg=[400.0, 400.5, 399.0])
    assert _state(frame, "caffeine") == [0.0, 1.0, 0.0]


def test_shifting_and_lagging_by_days() -> None:
    days = np.array([1.0, 2.0, 3.0])
    assert _values(shifted(days, 0)) == [1.0, 2.0, 3.0]
    assert _values(shifted(days, 2)) == [None, None, 1.0]
    assert _values(shifted(days, 3)) == [None, None, None]
    assert _values(shifted(days, -1)) == [None, None, None]
    assert _values(lagged(days, 0)) == [1.0, 2.0, 3.0]
    assert _values(lagged(days, 1)) == [2.0, 3.0, None]
    assert _values(lagged(days, 3)) == [None, None, None]


def test_rolling_mean_of_day_values() -> None:
    hours = np.array([6.0, 8.0, NAN, 7.0])
    # a three-day mean needs two days with a value
    assert _values(rolling_mean(hours, 3)) == [None, 7.0, None, 7.5]
    assert _values(rolling_mean(hours, 1)) == [6.0, 8.0, None, 7.0]


def test_scatter_points_in_percent_for_a_nutrient() -> None:
    frame = _frame(4, magnesium_pct=[50.0, 150.0, 90.0, 120.0], episodes=[0.0, 2.0, 1.0, 3.0],
                   excluded=[False, False, True, False])
    points = exposure_points(frame, "magnesium", 1, 1)
    # day t's value against the episodes of day t + 1; day 3 is set aside, day 4 has no next day
    assert [d.isoformat() for d in points.index.date] == ["2026-03-02", "2026-03-03"]
    assert points["percent"].tolist() == [50.0, 150.0]
    assert points["episodes"].tolist() == [2.0, 1.0]
    assert points["exposed"].tolist() == [True, False]


def test_scatter_points_in_hours_for_sleep() -> None:
    frame = _frame(3, sleep_hours=[6.0, 8.0, 5.0], episodes=[1.0, 0.0, 2.0])
    points = exposure_points(frame, "sleep", 2, 0)
    assert points["percent"].tolist() == [6.0, 7.0, 6.5]
    assert points["episodes"].tolist() == [1.0, 0.0, 2.0]
    assert points["exposed"].tolist() == [True, False, True]


def test_a_nutrient_exposure_is_a_shortfall_below_its_target() -> None:
    magnesium = Exposure("magnesium", "Magnesium", "magnesium_pct", 100.0, False, False, True, 3,
                         1, False, "intake", "below your magnesium target", "at or above it",
                         "at or above your magnesium target", "% of target", "below target",
                         "at or above target")
    assert BY_KEY["magnesium"] == magnesium
    # The registry is built once at import; building it again gives the same definition.
    assert _nutrient("magnesium", "Magnesium", "magnesium", 3) == magnesium
    vitamin_d = _nutrient("vitamin_d", "Vitamin D", "vitamin D", 28)
    assert vitamin_d == BY_KEY["vitamin_d"]
    assert (vitamin_d.exposed_phrase, vitamin_d.other_alone, vitamin_d.window) == (
        "below your vitamin D target", "at or above your vitamin D target", 28)


def test_scatter_points_for_drinks_are_percent_of_the_days_target() -> None:
    frame = _frame(3, drinks_ml=[1000.0, 2500.0, 3000.0],
                   drinks_target_ml=[2000.0, 2000.0, 2400.0], episodes=[1.0, 0.0, 0.0])
    points = exposure_points(frame, "drinks", 1, 0)
    assert points["percent"].tolist() == [50.0, 125.0, 125.0]
    assert points["exposed"].tolist() == [True, False, False]


def test_a_day_value_written_as_text_is_unknown() -> None:
    frame = _frame(3, sleep_hours=["6.5", "n/a", ""])  # type: ignore[list-item]
    value, _ = value_and_reference(frame, BY_KEY["sleep"])
    assert _values(value) == [6.5, None, None]


def test_a_limit_of_one_milligram_still_counts() -> None:
    frame = _frame(2, caffeine_mg=[0.5, 2.0], caffeine_limit_mg=[1.0, 1.0])
    assert _state(frame, "caffeine") == [0.0, 1.0]


def test_a_window_counts_the_days_inside_it_only() -> None:
    value = np.array([100.0, 100.0, 100.0, 100.0, NAN, NAN, 100.0])
    pct = rolling_percent(value, np.full(7, 100.0), 3)
    # the window ending on the last day holds one day with a value of the two it needs
    assert _values(pct) == [None, 100.0, 100.0, 100.0, None, None, None]


def test_no_arithmetic_warning_reaches_the_terminal() -> None:
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert _values(rolling_percent(np.array([0.0, 5.0]), np.array([0.0, 0.0]), 1)) == [
            None, float("inf")]
        assert is_exposed(np.array([NAN, 50.0]), BY_KEY["magnesium"]).tolist() == [False, True]
