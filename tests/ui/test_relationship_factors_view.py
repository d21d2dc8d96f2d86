"""The relationship view and the weekly chart with all eleven factors and the adjusted estimates."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from pytestqt.qtbot import QtBot

from tests.simulated_diaries import Driver, Scenario, simulate
from tests.ui.window_fixtures import shown
from tracker.analysis.relationship import analyze_relationships, chosen_points
from tracker.analysis.weekly import weekly_summary
from tracker.ui.charts.relationship_view import RelationshipView
from tracker.ui.charts.weekly_chart import WeeklyChart

LABELS = ("Magnesium", "Calcium", "Vitamin D", "Vitamin B12", "Potassium", "Drinks",
          "Caffeine", "Alcohol", "Sleep", "Stress", "Exercise")


@pytest.fixture(scope="module")
def year() -> tuple[Any, dict[str, Any], dict[str, Any]]:
    """A year in which short nights quadruple the next day's episodes."""
    frame = simulate(365, 11, Scenario((Driver("sleep", 4.0, 1, 0),))).frame
    result = analyze_relationships(frame)
    return frame, result, chosen_points(frame, result)


@pytest.fixture
def view(qtbot: QtBot, year: tuple[Any, dict[str, Any], dict[str, Any]]) -> RelationshipView:
    widget = shown(qtbot, RelationshipView(), 1100, 760)
    _, result, points = year
    widget.set_data(result, points)
    return widget


def test_the_flagged_factor_opens_with_both_estimates_and_the_caveat(
        view: RelationshipView, year: tuple[Any, dict[str, Any], dict[str, Any]]) -> None:
    sleep = year[1]["exposures"]["sleep"]
    assert sleep["flagged"]
    assert view.current == "sleep"
    assert [view.exposure_box.itemText(i).split(" — ")[0]
            for i in range(view.exposure_box.count())] == list(LABELS)
    assert view.exposure_box.itemText(view.exposure_box.currentIndex()) == "Sleep — linked"
    text = view.findings_text()
    assert "Sleep: Linked with more twitching" in text
    low, high = sleep["adjusted_ci95"]
    assert (f"allowing for the other factors: {sleep['adjusted_rate_ratio']:.2g} times</b> "
            f"({low:.2g} to {high:.2g})") in text
    assert f"Simple: {sleep['rate_ratio']:.2g} times the rate" in text
    assert "may have led to it rather than the other way round" in text
    assert "Exploratory, never flagged" in text
    assert view.bar_heights() == pytest.approx(
        [sleep["episodes_per_day_shortfall"], sleep["episodes_per_day_adequate"]])


def test_the_glance_line_lists_every_factor(view: RelationshipView) -> None:
    text = view.findings_text()
    glance = text.split("All eleven at a glance — ", 1)[1].split("</p>", 1)[0]
    assert [part.split(":")[0].replace("<b>", "").replace("</b>", "")
            for part in glance.rstrip(".").split("; ")] == list(LABELS)
    assert "<b>Sleep</b>: linked" in glance


def test_sleep_is_drawn_in_hours_against_the_seven_hour_line(view: RelationshipView) -> None:
    assert view.target_line.value() == 7.0
    assert view.scatter_plot.getAxis("bottom").labelText == "Sleep, night before (h)"
    assert view.bar_plot.getAxis("bottom").labelText == (
        "Sleep, night before; episodes that day")
    ticks = view.bar_plot.getAxis("bottom")._tickLevels[0]
    assert ticks[0][1].startswith("Under 7 h (") and ticks[1][1].startswith("7 h or more (")


def test_an_unflagged_factor_says_how_many_more_days(qtbot: QtBot) -> None:
    frame = simulate(100, 3).frame
    result = analyze_relationships(frame)
    view = shown(qtbot, RelationshipView(), 1100, 760)
    view.set_data(result, chosen_points(frame, result))
    findings = result["exposures"]
    key = next(k for k, f in findings.items()
               if not f["flagged"] and f["days_needed_for_doubling"])
    view.select(key)
    more = findings[key]["days_needed_for_doubling"]
    assert f"about {more} more logged days to detect a doubling" in view.findings_text()
    assert f"About {more} more logged days to detect a doubling" in view.findings_text()


def test_magnesium_stays_in_percent_of_target(view: RelationshipView) -> None:
    view.select("magnesium")
    assert view.target_line.value() == 100.0
    assert view.scatter_plot.getAxis("bottom").labelText == (
        "Magnesium, 3 days before (% of target)")


def test_the_view_saves_what_it_shows(view: RelationshipView, tmp_path: Path) -> None:
    saved = view.save_png(tmp_path / "relationship.png")
    assert saved.stat().st_size > 5000


def test_weekly_chart_shows_the_day_factors_and_the_adjusted_link(
        qtbot: QtBot, year: tuple[Any, dict[str, Any], dict[str, Any]]) -> None:
    frame, result, _ = year
    weekly = weekly_summary(frame)
    chart = shown(qtbot, WeeklyChart(), 1100, 900)
    chart.set_data(weekly, (), result["exposures"])
    chart.set_weeks(12)
    shares = [float(v) for v in weekly["short_sleep_days_pct"].iloc[-12:].fillna(0.0)]
    assert chart.bar_heights("short_sleep_days_pct") == pytest.approx(shares)
    assert chart.bar_heights("potassium_pct") == pytest.approx(
        [min(float(v), 300.0) for v in weekly["potassium_pct"].iloc[-12:].fillna(0.0)])
    sleep = result["exposures"]["sleep"]
    text = chart.linked_label.text()
    assert text.startswith("Linked with more twitching, allowing for the other factors: sleep (")
    assert f"{sleep['adjusted_rate_ratio']:.2g} times the rate" in text
    shown_weeks = weekly.iloc[-12:]
    week = next(i for i in range(12) if shown_weeks["logged_days"].iloc[i] > 0
                and shown_weeks["short_sleep_days_pct"].notna().iloc[i])
    chart.show_week(week)
    assert (f"sleep under 7 h {shown_weeks['short_sleep_days_pct'].iloc[week]:.0f} %"
            in chart.hover_label.text())


def test_weekly_chart_says_when_nothing_is_linked(qtbot: QtBot) -> None:
    frame = simulate(120, 5).frame
    result = analyze_relationships(frame)
    chart = shown(qtbot, WeeklyChart(), 1000, 800)
    chart.set_data(weekly_summary(frame), (), result["exposures"])
    tested = sum(f["enough_data"] for f in result["exposures"].values())
    assert chart.linked_label.text() == (
        f"No factor is linked with more twitching yet ({tested} of 11 have enough days to "
        f"test; see Twitching and intake).")
