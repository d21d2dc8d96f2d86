"""Weekly aggregation for the charts: means over logged days, episodes over all days."""

from __future__ import annotations

from datetime import date, timedelta

import numpy as np
import pandas as pd
import pytest

from tests.synthetic import make_daily
from tracker.analysis.weekly import daily_episodes, last_weeks, weekly_summary

# The weekly chart's nutrient bars: percent of target for the four focus nutrients.
NUTRIENT_PERCENT_COLUMNS = ("magnesium_pct", "calcium_pct", "vitamin_d_pct", "vitamin_b12_pct")


def _monday(day: date) -> date:
    return day - timedelta(days=day.weekday())


def test_weekly_means_use_logged_days_only() -> None:
    frame = make_daily(days=75, seed=21, logged_share=0.6)
    weekly = weekly_summary(frame)
    by_week: dict[date, list[pd.Series]] = {}
    for stamp, row in frame.iterrows():
        by_week.setdefault(_monday(stamp.date()), []).append(row)
    assert [d.date() for d in weekly.index] == sorted(by_week)
    for monday, rows in by_week.items():
        got = weekly.loc[pd.Timestamp(monday)]
        logged = [r for r in rows if r["logged"]]
        assert got["episodes"] == sum(int(r["episodes"]) for r in rows)
        assert got["logged_days"] == len(logged)
        assert got["days"] == len(rows)
        for col in (*NUTRIENT_PERCENT_COLUMNS, "drinks_ml", "caffeine_mg"):
            if logged:
                assert got[col] == pytest.approx(sum(r[col] for r in logged) / len(logged))
            else:
                assert np.isnan(got[col])


def test_unlogged_zero_drinks_do_not_lower_the_weekly_mean() -> None:
    frame = make_daily(days=14, seed=2, logged_share=1.0)
    frame["drinks_ml"] = 1500.0
    frame.loc[frame.index[3:6], ["logged", "drinks_ml"]] = [False, 0.0]
    weekly = weekly_summary(frame)
    assert weekly["drinks_ml"].tolist() == [1500.0] * len(weekly)
    assert weekly["drinks_pct"].iloc[0] == pytest.approx(75.0)


def test_daily_episodes_cover_every_calendar_day() -> None:
    frame = make_daily(days=30, seed=5)
    gappy = frame.drop(frame.index[10:13])
    per_day = daily_episodes(gappy)
    assert len(per_day) == 30
    assert per_day.iloc[10:13].tolist() == [0, 0, 0]
    assert per_day.sum() == gappy["episodes"].sum()


def test_last_weeks_takes_the_most_recent() -> None:
    weekly = weekly_summary(make_daily(days=120, seed=6))
    assert last_weeks(weekly, 4).index.tolist() == weekly.index[-4:].tolist()
    assert len(last_weeks(weekly, 52)) == len(weekly)


def test_empty_frame_gives_an_empty_summary() -> None:
    weekly = weekly_summary(make_daily(days=3, seed=1).iloc[0:0])
    assert weekly.empty
    assert "episodes" in weekly.columns


def test_weekly_share_of_days_with_each_day_factor_exposure() -> None:
    nan = float("nan")
    days = pd.date_range("2026-03-02", periods=7, freq="D")  # Monday to Sunday
    frame = pd.DataFrame({
        "logged": [True, True, True, False, True, True, True],
        "magnesium_pct": 100.0, "calcium_pct": 100.0, "vitamin_d_pct": 100.0,
        "vitamin_b12_pct": 100.0, "drinks_ml": 2000.0, "drinks_target_ml": 2000.0,
        "caffeine_mg": 100.0, "caffeine_limit_mg": 400.0, "episodes": 1,
        "alcohol_g": [0.0, 14.0, 28.0, 50.0, 0.0, 0.0, 10.0],
        "sleep_hours": [6.0, 8.0, 6.5, nan, 7.0, 8.0, 5.0],
        "stress": [4, 1, 5, nan, 2, 3, 2],
        "exercise_min": [0.0, 0.0, 30.0, 30.0, 30.0, 60.0, nan],
    }, index=days)
    week = weekly_summary(frame).iloc[0]
    # Alcohol counts on logged days only: 14 and 28 g of 6 logged days (the 50 g is unlogged).
    assert week["alcohol_days_pct"] == pytest.approx(100 * 2 / 6)
    # Sleep: 6, 6.5 and 5 hours are under 7, of 6 nights given.
    assert week["short_sleep_days_pct"] == pytest.approx(50.0)
    # Stress 4 and 5 on 2 of 6 days given.
    assert week["high_stress_days_pct"] == pytest.approx(100 * 2 / 6)
    # Usual exercise is the median of 0, 0, 30, 30, 30, 60 = 30 min, so 45 min or more is
    # strenuous: the one 60-minute day of 6 given.
    assert week["hard_exercise_days_pct"] == pytest.approx(100 / 6)
    assert week["potassium_pct"] != week["potassium_pct"]  # not in the frame: unknown
