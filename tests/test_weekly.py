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
