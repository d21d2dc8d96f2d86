"""The relationship analysis: its output contract, the primary set, exploratory views, wording."""

from __future__ import annotations

import json

import numpy as np
import pandas as pd
import pytest

from tests.simulated_diaries import Driver, Scenario, simulate
from tests.synthetic import Effect, make_daily
from tracker.analysis.relationship import analyze_relationships

KEYS = {"magnesium", "calcium", "vitamin_d", "vitamin_b12", "potassium", "drinks", "caffeine",
        "alcohol", "sleep", "stress", "exercise"}
FIELDS = {
    "enough_data", "flagged", "shortfall_days", "adequate_days", "episodes_per_day_shortfall",
    "episodes_per_day_adequate", "rate_ratio", "ci95", "p_value_adjusted", "window_days",
    "lag_days", "adjusted_rate_ratio", "adjusted_ci95", "primary", "days_needed_for_doubling",
}


@pytest.fixture(scope="module")
def year() -> dict:
    """A year's diary where short sleep quadruples the rate the same day."""
    frame = simulate(365, 11, Scenario((Driver("sleep", 4.0, 1, 0),))).frame
    return analyze_relationships(frame)


def test_output_is_the_documented_contract_and_json(year: dict) -> None:
    assert set(year) == {"exposures", "nutrients", "model"}
    assert set(year["exposures"]) == KEYS
    # "nutrients" stays as an alias for one release.
    assert year["nutrients"] == year["exposures"]
    for finding in year["exposures"].values():
        assert set(finding) >= FIELDS
        assert finding["primary"] is True
        assert finding["comparisons"] == 11
        if finding["enough_data"]:
            low, high = finding["adjusted_ci95"]
            assert low <= finding["adjusted_rate_ratio"] <= high
            assert finding["shortfall_days"] >= 10 and finding["adequate_days"] >= 10
    json.dumps(year, allow_nan=False)


def test_the_model_says_what_it_adjusted_for(year: dict) -> None:
    model = year["model"]
    assert set(model["exposures_tested"]) == KEYS
    adjusted = model["adjusted_for"]
    for expected in ("day of the week (weekend or weekday)", "a slow trend over time",
                     "caffeine the day before",
                     "drinks the day before", "alcohol the same day", "sleep two nights before",
                     "stress the day before"):
        assert expected in adjusted
    assert "statsmodels" in model["kind"]
    assert model["days"] > 300 and model["parameters"] > 11


def test_holm_runs_over_the_eleven_primary_exposures_only(year: dict) -> None:
    findings = [f for f in year["exposures"].values() if f["p_value"] is not None]
    raw = sorted((f["p_value"], f["p_value_adjusted"]) for f in findings)
    # Holm by hand: the i-th smallest p times (11 - i), kept increasing, capped at 1.
    running = 0.0
    for i, (p, adjusted) in enumerate(raw):
        running = max(running, min(1.0, p * (11 - i)))
        assert adjusted == pytest.approx(running, rel=0.01, abs=1e-3)


def test_a_finding_is_flagged_only_below_the_stated_holm_level(year: dict) -> None:
    """Holm at 4 %, not 5 % (docs/relationship-statistics.md), and the model says so."""
    assert year["model"]["flagged_below_p_value_adjusted"] == 0.04
    for finding in year["exposures"].values():
        if finding["flagged"]:
            assert finding["p_value_adjusted"] < 0.04
        elif finding["p_value_adjusted"] is not None and finding["adjusted_ci95"][0] > 1:
            assert finding["p_value_adjusted"] >= 0.04


def test_the_driver_is_flagged_with_the_same_day_caveat(year: dict) -> None:
    sleep = year["exposures"]["sleep"]
    assert sleep["flagged"], sleep["message"]
    assert sleep["adjusted_ci95"][0] > 1 and sleep["p_value_adjusted"] < 0.05
    assert sleep["same_day"] and sleep["lag_days"] == 0
    assert "may have led to it rather than the other way round" in sleep["message"]
    assert "not proof of cause" in sleep["message"] and "doctor" in sleep["message"]
    assert sleep["days_needed_for_doubling"] is None
    assert [k for k, v in year["exposures"].items() if v["flagged"]] == ["sleep"]


def test_exploratory_views_are_labelled_and_never_flagged(year: dict) -> None:
    for finding in year["exposures"].values():
        views = finding["exploratory"]
        assert views, finding["label"]
        timings = {(v["window_days"], v["lag_days"]) for v in views}
        assert (finding["window_days"], finding["lag_days"]) not in timings
        assert all(v["exploratory"] is True and v["flagged"] is False for v in views)
        assert "p_value" not in views[0] and "p_value_adjusted" not in views[0]
    magnesium = {(v["window_days"], v["lag_days"]) for v in year["exposures"]["magnesium"]
                 ["exploratory"]}
    assert magnesium == {(w, lag) for w in (1, 3, 7, 28) for lag in (0, 1, 2)} - {(3, 1)}
    sleep = {(v["window_days"], v["lag_days"]) for v in year["exposures"]["sleep"]
             ["exploratory"]}
    assert sleep == {(w, lag) for w in (1, 3) for lag in (0, 1, 2)} - {(1, 0)}


def test_unflagged_exposures_say_how_many_more_days(year: dict) -> None:
    for finding in year["exposures"].values():
        if finding["flagged"]:
            continue
        days = finding["days_needed_for_doubling"]
        assert isinstance(days, int) and days >= 0
        if days > 0:
            assert f"About {days} more logged days to detect a doubling" in finding["message"]


def test_ten_logged_days_say_how_many_more_are_needed() -> None:
    frame = make_daily(days=10, seed=3, logged_share=1.0,
                       effect=Effect("magnesium_pct", rate_exposed=5.0, rate_other=0.0))
    result = analyze_relationships(frame)
    for finding in result["exposures"].values():
        assert not finding["flagged"] and not finding["enough_data"]
        assert finding["rate_ratio"] is None and finding["adjusted_rate_ratio"] is None
        assert finding["days_needed"] == 4
        assert "Log 4 more days" in finding["message"]
    assert result["model"]["exposures_tested"] == [] and result["model"]["days"] == 0


def test_unlogged_days_count_toward_neither_group() -> None:
    frame = simulate(90, 4).frame
    result = analyze_relationships(frame)["exposures"]
    logged = int(frame["logged"].sum())
    for key in ("magnesium", "calcium", "drinks", "caffeine", "alcohol"):
        finding = result[key]
        assert finding["shortfall_days"] + finding["adequate_days"] <= logged


def test_unlogged_zero_drinks_do_not_make_shortfall_days() -> None:
    frame = make_daily(days=90, seed=9, logged_share=0.6)
    frame.loc[frame["logged"], "drinks_ml"] = frame["drinks_target_ml"] * 1.2
    assert (frame.loc[~frame["logged"], "drinks_ml"] == 0).all()
    finding = analyze_relationships(frame)["exposures"]["drinks"]
    assert finding["shortfall_days"] == 0
    assert not finding["enough_data"]
    assert "at or above your drinks target" in finding["message"]


def test_frames_without_the_new_columns_leave_those_exposures_unknown() -> None:
    result = analyze_relationships(make_daily(days=120, seed=5))["exposures"]
    for key in ("potassium", "alcohol", "sleep", "stress", "exercise"):
        assert result[key]["shortfall_days"] == result[key]["adequate_days"] == 0
        assert not result[key]["enough_data"]
    assert result["magnesium"]["enough_data"]


def test_excluded_days_are_not_outcome_days() -> None:
    frame = simulate(120, 6).frame
    full = analyze_relationships(frame)["exposures"]["caffeine"]
    frame["excluded"] = False
    frame.iloc[60:90, frame.columns.get_loc("excluded")] = True
    part = analyze_relationships(frame)["exposures"]["caffeine"]
    # Caffeine counts the same day, so it is known exactly on logged days.
    dropped = int(frame["logged"].iloc[60:90].sum())
    assert part["shortfall_days"] + part["adequate_days"] == (
        full["shortfall_days"] + full["adequate_days"] - dropped)


def test_date_and_datetime_indexes_give_the_same_answer() -> None:
    by_datetime = analyze_relationships(make_daily(days=120, seed=11))
    by_date = analyze_relationships(make_daily(days=120, seed=11, date_index=True))
    assert by_datetime == by_date


def test_same_frame_same_answer() -> None:
    frame = simulate(150, 12).frame
    assert analyze_relationships(frame) == analyze_relationships(frame)


def test_missing_calendar_rows_are_treated_as_unlogged() -> None:
    frame = simulate(120, 14).frame
    gappy = frame.drop(frame.index[30:40])
    filled = frame.copy()
    filled.loc[filled.index[30:40], "logged"] = False
    filled.loc[filled.index[30:40], ["sleep_hours", "stress", "exercise_min"]] = np.nan
    filled.loc[filled.index[30:40], "episodes"] = np.nan
    assert analyze_relationships(gappy) == analyze_relationships(filled)


def test_empty_frame_asks_for_days() -> None:
    frame = make_daily(days=5, seed=1).iloc[0:0]
    result = analyze_relationships(frame)["exposures"]
    assert all(v["days_needed"] == 14 for v in result.values())


def test_missing_column_is_reported() -> None:
    with pytest.raises(ValueError, match="episodes"):
        analyze_relationships(pd.DataFrame({"logged": [True]}))


def test_fewer_episodes_with_the_exposure_is_not_flagged() -> None:
    # Episodes come with high stress *absent*: a protective-looking association.
    frame = simulate(365, 15, Scenario((Driver("stress", 0.25, 1, 0),))).frame
    finding = analyze_relationships(frame)["exposures"]["stress"]
    assert finding["enough_data"]
    assert finding["adjusted_ci95"][1] < 1
    assert not finding["flagged"]
    assert "less frequent" in finding["message"]


def test_a_diary_without_any_episode_says_there_is_nothing_to_compare() -> None:
    frame = simulate(120, 6).frame
    frame["episodes"] = frame["episodes"].where(frame["episodes"].isna(), 0.0)
    result = analyze_relationships(frame)
    assert result["model"]["days"] == 0 and result["model"]["exposures_tested"] == []
    for key in ("magnesium", "caffeine", "sleep"):
        finding = result["exposures"][key]
        assert finding["shortfall_days"] >= 10 and finding["adequate_days"] >= 10
        assert (finding["episodes_per_day_shortfall"], finding["episodes_per_day_adequate"]) == (
            0.0, 0.0)
        assert not finding["flagged"] and not finding["enough_data"]
        days = finding["shortfall_days"] + finding["adequate_days"]
        assert finding["message"] == (f"No twitching logged on any of the {days} days that "
                                      "could be analysed, so there is nothing to compare yet.")
