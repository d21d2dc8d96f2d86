"""Acceptance tests for the shortfall ↔ twitch relationship on generated diaries."""

from __future__ import annotations

import json

import numpy as np
import pandas as pd
import pytest

from tests.synthetic import Effect, make_daily
from tracker.analysis.exposures import rolling_percent
from tracker.analysis.relationship import analyze_relationships

SPEC_KEYS = {
    "enough_data", "flagged", "shortfall_days", "adequate_days", "episodes_per_day_shortfall",
    "episodes_per_day_adequate", "rate_ratio", "ci95", "p_value_adjusted", "window_days",
    "lag_days",
}
EXPOSURE_KEYS = {"magnesium", "calcium", "vitamin_d", "vitamin_b12", "drinks", "caffeine"}
# The rules README and docs/relationship-statistics.md promise: at least 14 logged days and
# 5 days on each side before anything is flagged; intake over 1, 3 or 7 days against
# episodes 0, 1 or 2 days later, for 6 exposures: 6 x 3 x 3 = 54 comparisons under Holm.
MIN_LOGGED_DAYS = 14
MIN_GROUP_DAYS = 5
WINDOWS = (1, 3, 7)
COMPARISONS = 54


@pytest.mark.parametrize(("column", "key"), [
    ("magnesium_pct", "magnesium"), ("vitamin_d_pct", "vitamin_d"), ("drinks_ml", "drinks"),
])
@pytest.mark.parametrize("seed", [0, 1, 2])
def test_the_driving_exposure_is_flagged_and_the_others_are_not(column: str, key: str,
                                                                 seed: int) -> None:
    frame = make_daily(days=240, seed=seed, effect=Effect(column))
    result = analyze_relationships(frame)["nutrients"]
    finding = result[key]
    assert finding["flagged"], finding["message"]
    assert finding["rate_ratio"] > 1
    assert finding["ci95"][0] > 1
    assert finding["p_value_adjusted"] < 0.05
    assert finding["episodes_per_day_shortfall"] > finding["episodes_per_day_adequate"]
    assert "not proof of cause" in finding["message"]
    assert "doctor" in finding["message"]
    assert [k for k, v in result.items() if v["flagged"]] == [key]


def test_caffeine_above_its_limit_is_the_exposure() -> None:
    frame = make_daily(days=365, seed=4, effect=Effect("caffeine_mg"))
    finding = analyze_relationships(frame)["nutrients"]["caffeine"]
    assert finding["flagged"], finding["message"]
    days = frame[frame["logged"]]
    assert finding["shortfall_days"] < (days["caffeine_mg"] <= days["caffeine_limit_mg"]).sum()


def test_independent_episodes_are_rarely_flagged() -> None:
    flagged = 0
    for seed in range(100, 110):
        result = analyze_relationships(make_daily(days=240, seed=seed))["nutrients"]
        flagged += any(v["flagged"] for v in result.values())
    assert flagged <= 1


def test_ten_logged_days_say_how_many_more_are_needed() -> None:
    frame = make_daily(days=10, seed=3, logged_share=1.0,
                       effect=Effect("magnesium_pct", rate_exposed=5.0, rate_other=0.0))
    result = analyze_relationships(frame)["nutrients"]
    for finding in result.values():
        assert not finding["flagged"]
        assert not finding["enough_data"]
        assert finding["rate_ratio"] is None and finding["ci95"] is None
        assert finding["days_needed"] == MIN_LOGGED_DAYS - 10
        assert f"Log {MIN_LOGGED_DAYS - 10} more days" in finding["message"]


def test_unlogged_days_count_toward_neither_group() -> None:
    frame = make_daily(days=60, seed=8, logged_share=0.5)
    finding = analyze_relationships(frame)["nutrients"]["magnesium"]
    window = finding["window_days"]
    # A day is analysable only if it is logged, so groups can never exceed logged days.
    assert finding["shortfall_days"] + finding["adequate_days"] <= frame["logged"].sum()
    assert window in WINDOWS


def test_unlogged_zero_drinks_do_not_make_shortfall_days() -> None:
    frame = make_daily(days=90, seed=9, logged_share=0.6)
    # Every logged day meets the drinks target; unlogged days read as 0 ml.
    frame.loc[frame["logged"], "drinks_ml"] = frame["drinks_target_ml"] * 1.2
    assert (frame.loc[~frame["logged"], "drinks_ml"] == 0).all()
    finding = analyze_relationships(frame)["nutrients"]["drinks"]
    assert finding["shortfall_days"] == 0
    assert not finding["enough_data"]
    assert f"All {finding['adequate_days']} days" in finding["message"]
    assert "at or above your drinks target" in finding["message"]


def test_rolling_mean_skips_missing_days_instead_of_counting_zero() -> None:
    value = np.array([120.0, np.nan, 120.0, 120.0, np.nan, np.nan, np.nan])
    target = np.where(np.isfinite(value), 100.0, np.nan)
    pct = rolling_percent(value, target, 3)
    assert pct[2] == pytest.approx(120.0)
    assert pct[3] == pytest.approx(120.0)
    # Unlogged days have no value of their own, and a window with only one of
    # three days logged is too thin to trust.
    assert np.isnan(pct[1]) and np.isnan(pct[4])
    assert np.isnan(rolling_percent(value, target, 7)[3])
    # Four of seven days logged at 80 % and three missing: the mean is 80 %,
    # not the 46 % that counting missing days as zero would give.
    logged = np.array([80.0] * 4 + [np.nan] * 3 + [80.0, np.nan])
    week = rolling_percent(logged, np.where(np.isfinite(logged), 100.0, np.nan), 7)
    assert week[3] == pytest.approx(80.0)
    assert week[7] == pytest.approx(80.0)
    assert np.isnan(week[8])


def test_date_and_datetime_indexes_give_the_same_answer() -> None:
    by_datetime = analyze_relationships(make_daily(days=120, seed=11))
    by_date = analyze_relationships(make_daily(days=120, seed=11, date_index=True))
    assert by_datetime == by_date


def test_same_frame_same_answer() -> None:
    frame = make_daily(days=150, seed=12, effect=Effect("calcium_pct"))
    assert analyze_relationships(frame) == analyze_relationships(frame)


def test_output_has_the_documented_shape_and_is_json() -> None:
    result = analyze_relationships(make_daily(days=200, seed=13))
    assert set(result) == {"nutrients"}
    assert set(result["nutrients"]) == EXPOSURE_KEYS
    for finding in result["nutrients"].values():
        assert set(finding) >= SPEC_KEYS
        assert finding["comparisons"] == COMPARISONS
        assert isinstance(finding["message"], str) and finding["message"]
        if finding["enough_data"]:
            assert finding["shortfall_days"] >= MIN_GROUP_DAYS
            assert finding["adequate_days"] >= MIN_GROUP_DAYS
            low, high = finding["ci95"]
            assert low <= finding["rate_ratio"] <= high
    json.dumps(result, allow_nan=False)


def test_missing_calendar_rows_are_treated_as_unlogged() -> None:
    frame = make_daily(days=120, seed=14)
    gappy = frame.drop(frame.index[30:40])
    filled = frame.copy()
    filled.loc[filled.index[30:40], "logged"] = False
    a = analyze_relationships(gappy)["nutrients"]["magnesium"]
    b = analyze_relationships(filled)["nutrients"]["magnesium"]
    assert a["logged_days"] == b["logged_days"]


def test_empty_frame_asks_for_days() -> None:
    frame = make_daily(days=5, seed=1).iloc[0:0]
    result = analyze_relationships(frame)["nutrients"]
    assert all(v["days_needed"] == MIN_LOGGED_DAYS for v in result.values())


def test_missing_column_is_reported() -> None:
    with pytest.raises(ValueError, match="episodes"):
        analyze_relationships(pd.DataFrame({"logged": [True]}))


def test_fewer_episodes_on_shortfall_days_is_not_flagged() -> None:
    # Episodes come with magnesium at or above target instead of below it.
    frame = make_daily(days=240, seed=0, effect=Effect("magnesium_pct", rate_exposed=0.3,
                                                       rate_other=1.5))
    finding = analyze_relationships(frame)["nutrients"]["magnesium"]
    assert finding["enough_data"]
    assert finding["rate_ratio"] < 1
    assert finding["p_value_adjusted"] < 0.05
    assert not finding["flagged"]
    assert "less frequent" in finding["message"]
