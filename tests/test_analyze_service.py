"""The analysis service and the ``analyze`` command on diaries built through the services."""

from __future__ import annotations

import datetime as dt
import json
import random
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from tracker.cli.main import main
from tracker.domain.entries import CaffeineEntry, DayFactors, Episode, Profile, WaterEntry
from tracker.services import analysis, diary, profile
from tracker.services.context import Context

FIRST = dt.date(2026, 1, 5)
EXPOSURE_KEYS = {"magnesium", "calcium", "vitamin_d", "vitamin_b12", "potassium", "drinks",
                 "caffeine", "alcohol", "sleep", "stress", "exercise"}


def _log_days(ctx: Context, days: int, seed: int = 1, start: dt.date = FIRST) -> None:
    """Complete days of water and coffee; low-water stretches bring two or three episodes."""
    rng = random.Random(seed)
    profile.set_profile(ctx, Profile("female", dt.date(1980, 5, 1)))
    low = False
    for i in range(days):
        day = start + dt.timedelta(days=i)
        if rng.random() < 0.25:
            low = not low
        diary.add_entry(ctx, WaterEntry(day, dt.time(10, 0), 600.0 if low else 3200.0))
        diary.add_entry(ctx, CaffeineEntry(day, dt.time(9, 0), 100.0, "coffee"))
        diary.set_factors(ctx, DayFactors(day, complete=True))
        for _ in range(rng.choice((2, 3)) if low else rng.choice((0, 0, 1))):
            diary.add_entry(ctx, Episode(day, dt.time(rng.randrange(24), 0), "twitch", "calf", 4))


def test_low_drinks_driving_episodes_are_flagged(ctx: Context) -> None:
    _log_days(ctx, 70)
    result = analysis.analyze(ctx)["nutrients"]
    assert set(result) == EXPOSURE_KEYS
    drinks = result["drinks"]
    assert drinks["flagged"], drinks["message"]
    assert drinks["logged_days"] == 70
    assert drinks["rate_ratio"] > 1 and drinks["ci95"][0] > 1
    # Caffeine stayed under the limit every day, so there is nothing to compare.
    assert not result["caffeine"]["enough_data"]
    assert "at least 10 on each side" in result["caffeine"]["message"]


def test_ten_logged_days_ask_for_four_more(ctx: Context) -> None:
    _log_days(ctx, 10)
    for finding in analysis.analyze(ctx)["nutrients"].values():
        assert not finding["flagged"]
        assert finding["rate_ratio"] is None
        assert "Log 4 more days" in finding["message"]


def test_default_period_is_first_to_last_logged_day(ctx: Context) -> None:
    _log_days(ctx, 20, start=FIRST)
    assert analysis.period(ctx) == (FIRST, FIRST + dt.timedelta(days=19))
    later = FIRST + dt.timedelta(days=10)
    assert analysis.period(ctx, later) == (later, FIRST + dt.timedelta(days=19))
    only_part = analysis.analyze(ctx, later)["nutrients"]["drinks"]
    assert only_part["logged_days"] == 10


def test_empty_diary_needs_fourteen_days(ctx: Context) -> None:
    result = analysis.analyze(ctx)["nutrients"]
    assert all(v["days_needed"] == 14 and not v["flagged"] for v in result.values())


def test_chart_data_covers_the_period(ctx: Context) -> None:
    _log_days(ctx, 30)
    data = analysis.chart_data(ctx)
    assert (data.first, data.last) == (FIRST, FIRST + dt.timedelta(days=29))
    assert int(data.weekly["logged_days"].sum()) == 30
    assert data.calendar.first_monday <= FIRST
    assert set(data.points) == EXPOSURE_KEYS
    assert data.relationship["nutrients"]["drinks"]["logged_days"] == 30


def test_analyze_json_prints_the_documented_shape(ctx: Context, diary_path: Path,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    _log_days(ctx, 40)
    ctx.close()
    assert main(["--db", str(diary_path), "analyze", "--json"]) == 0
    printed = json.loads(capsys.readouterr().out)
    assert set(printed) == {"exposures", "nutrients", "model", "experiments"}
    assert printed["experiments"]["excluded"] == []
    assert set(printed["exposures"]) == EXPOSURE_KEYS
    assert printed["nutrients"] == printed["exposures"]  # the alias kept for one release
    for finding in printed["exposures"].values():
        for key in ("enough_data", "flagged", "shortfall_days", "adequate_days",
                    "episodes_per_day_shortfall", "episodes_per_day_adequate", "rate_ratio",
                    "ci95", "p_value_adjusted", "window_days", "lag_days",
                    "adjusted_rate_ratio", "adjusted_ci95", "primary",
                    "days_needed_for_doubling"):
            assert key in finding
        assert finding["primary"] is True
    drinks = printed["exposures"]["drinks"]
    assert drinks["enough_data"] and drinks["adjusted_rate_ratio"] > 1
    assert "adjusted_for" in printed["model"] and "day of the week (weekend or weekday)" \
        not in printed["model"]["adjusted_for"]  # 40 days: too few for the weekend column
    assert "a slow trend over time" in printed["model"]["adjusted_for"]


def test_analyze_text_names_each_exposure_and_the_caveat(
        ctx: Context, diary_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _log_days(ctx, 12)
    ctx.close()
    assert main(["--db", str(diary_path), "analyze", "--from", FIRST.isoformat()]) == 0
    out = capsys.readouterr().out
    for label in ("Magnesium", "Calcium", "Vitamin D", "Vitamin B12", "Potassium", "Drinks",
                  "Caffeine", "Alcohol", "Sleep", "Stress", "Exercise"):
        assert f"{label}: needs more days" in out
    assert "Log 2 more days" in out
    assert "blood test" in out


def test_backwards_period_is_a_user_error(ctx: Context, diary_path: Path,
                                          capsys: pytest.CaptureFixture[str]) -> None:
    ctx.close()
    code = main(["--db", str(diary_path), "analyze", "--from", "2026-03-01", "--to", "2026-02-01"])
    assert code == 2
    assert "before it starts" in capsys.readouterr().err


def test_charts_panel_shows_a_diarys_chart_data(ctx: Context, qtbot: QtBot) -> None:
    from tracker.ui.charts.panel import ChartsPanel

    _log_days(ctx, 70)
    data = analysis.chart_data(ctx)
    panel = ChartsPanel()
    qtbot.addWidget(panel)
    panel.set_chart_data(data)
    assert panel.count() == 3
    assert panel.relationship.current == "drinks"
    assert "Linked with more twitching" in panel.relationship.findings_text()
    assert panel.weekly.bar_heights("drinks_pct")[-1] == pytest.approx(
        float(data.weekly["drinks_pct"].iloc[-1]))
    assert panel.calendar.value_at(FIRST) == int(data.calendar.counts[FIRST.weekday(), 0])
