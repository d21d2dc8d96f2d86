"""The chart widgets show what the analysis computed, and save it as PNG."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from PySide6.QtCore import QPointF
from pytestqt.qtbot import QtBot

from tests.synthetic import Effect, make_daily
from tests.ui.window_fixtures import shown
from tracker.analysis.episode_calendar import calendar_grid
from tracker.analysis.relationship import analyze_relationships, chosen_points
from tracker.analysis.scatter import trend_line
from tracker.analysis.weekly import daily_episodes, weekly_summary
from tracker.domain.errors import UserError
from tracker.ui.charts.heatmap import EpisodeHeatmap
from tracker.ui.charts.relationship_view import RelationshipView
from tracker.ui.charts.weekly_chart import WeeklyChart

# The ranges the weekly chart offers (README: "over 4–52 weeks"): the last 4, 12, 26 or 52.
RANGES = (4, 12, 26, 52)


@pytest.fixture
def weekly_chart(qtbot: QtBot) -> WeeklyChart:
    return shown(qtbot, WeeklyChart(), 1000, 700)


@pytest.fixture
def heatmap(qtbot: QtBot) -> EpisodeHeatmap:
    return shown(qtbot, EpisodeHeatmap(), 900, 300)


@pytest.fixture
def relationship_view(qtbot: QtBot) -> RelationshipView:
    return shown(qtbot, RelationshipView(), 1000, 700)


def _close(a: list[float], b: list[float]) -> bool:
    return np.allclose(np.asarray(a, dtype=float), np.nan_to_num(np.asarray(b, dtype=float)))


@pytest.mark.parametrize("weeks", RANGES)
def test_weekly_bars_are_the_weekly_means(weekly_chart: WeeklyChart, weeks: int) -> None:
    weekly = weekly_summary(make_daily(days=420, seed=31, logged_share=0.7))
    weekly_chart.set_data(weekly)
    weekly_chart.set_weeks(weeks)
    shown = weekly.iloc[-weeks:]
    assert weekly_chart.visible_weeks() == list(shown.index)
    for column in ("magnesium_pct", "calcium_pct", "vitamin_d_pct", "vitamin_b12_pct",
                   "drinks_pct", "caffeine_pct"):
        # Bars stop at 300 % of target; taller means are cut (and marked, see below).
        assert _close(weekly_chart.bar_heights(column),
                      np.minimum(shown[column].to_numpy(dtype=float), 300.0).tolist())
    assert weekly_chart.episode_values() == shown["episodes"].astype(float).tolist()


def test_outliers_are_cut_at_300_percent_with_a_marker_and_their_true_value(
        weekly_chart: WeeklyChart) -> None:
    frame = make_daily(days=84, seed=35, logged_share=1.0)
    # Vitamin B12 commonly runs at 1,000-2,000 % of target (fortified foods, supplements).
    frame["vitamin_b12_pct"] = np.linspace(1000.0, 2000.0, len(frame))
    weekly = weekly_summary(frame)
    weekly_chart.set_data(weekly)
    weekly_chart.set_weeks(12)
    assert max(weekly_chart.bar_heights("vitamin_b12_pct")) == 300.0
    cut = weekly_chart.cut_bars("vitamin_b12_pct")
    assert sorted(cut) == list(range(12))
    true_mean = weekly.iloc[-1]["vitamin_b12_pct"]
    assert cut[11] == f"Vitamin B12: {true_mean:,.0f} % (bar cut at 300 %)"
    assert weekly_chart.cut_bars("magnesium_pct") == {}
    # Pointing at a marker shows the true value in its tooltip.
    marker = weekly_chart.panels[0].cut
    x, y = marker.getData()[0][-1], marker.getData()[1][-1]
    (spot, *_) = marker.pointsAt(QPointF(float(x), float(y)))
    assert marker.opts["hoverable"]
    assert marker.opts["tip"](x=x, y=y, data=spot.data()) == cut[11]
    # The axis is scaled to the cut bars, not to 2,000 %: magnesium stays readable.
    top = weekly_chart.panels[0].plot.viewRange()[1][1]
    assert 300.0 < top <= 340.0
    weekly_chart.show_week(11)
    assert f"B12 {true_mean:.0f} %," in weekly_chart.hover_label.text()


def test_range_selector_changes_the_weeks_shown(weekly_chart: WeeklyChart, qtbot: QtBot) -> None:
    weekly_chart.set_data(weekly_summary(make_daily(days=200, seed=32)))
    with qtbot.waitSignal(weekly_chart.weeksChanged) as signal:
        weekly_chart.range_box.setCurrentIndex(0)
    assert [weekly_chart.range_box.itemData(i) for i in range(weekly_chart.range_box.count())] \
        == list(RANGES)
    assert signal.args == [4]
    assert len(weekly_chart.bar_heights("magnesium_pct")) == 4


def test_hover_shows_the_weeks_values(weekly_chart: WeeklyChart) -> None:
    weekly = weekly_summary(make_daily(days=120, seed=33, logged_share=1.0))
    weekly_chart.set_data(weekly)
    weekly_chart.set_weeks(4)
    weekly_chart.show_week(2)
    row = weekly.iloc[-2]
    text = weekly_chart.hover_label.text()
    assert f"magnesium {row['magnesium_pct']:.0f} %" in text
    assert f"{int(row['episodes'])} twitch episodes" in text
    assert f"{row['drinks_ml']:,.0f} ml" in text


def test_week_without_logging_says_so(weekly_chart: WeeklyChart) -> None:
    frame = make_daily(days=28, seed=34, logged_share=1.0)
    frame.loc[frame.index[7:14], "logged"] = False
    weekly_chart.set_data(weekly_summary(frame))
    weekly_chart.set_weeks(4)
    no_log = [i for i, w in enumerate(weekly_chart.visible_weeks())
              if weekly_summary(frame).loc[w, "logged_days"] == 0]
    assert no_log
    assert "no food logged" in weekly_chart.hover_text(no_log[0])
    assert weekly_chart.bar_heights("magnesium_pct")[no_log[0]] == 0.0


def test_weekly_chart_saves_a_png(weekly_chart: WeeklyChart, tmp_path: Path) -> None:
    weekly_chart.set_data(weekly_summary(make_daily(days=100, seed=35)))
    saved = weekly_chart.save_png(tmp_path / "weekly.png")
    assert saved.exists() and saved.stat().st_size > 1000
    assert saved.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_saving_into_a_missing_folder_is_a_user_error(weekly_chart: WeeklyChart,
                                                      tmp_path: Path) -> None:
    weekly_chart.set_data(weekly_summary(make_daily(days=30, seed=36)))
    with pytest.raises(UserError, match="Could not save"):
        weekly_chart.save_png(tmp_path / "no-such-folder" / "chart.png")


def test_heatmap_cells_hold_each_days_count(heatmap: EpisodeHeatmap) -> None:
    frame = make_daily(days=90, seed=37)
    per_day = daily_episodes(frame)
    heatmap.set_weeks(None)
    heatmap.set_data(calendar_grid(frame))
    for stamp, count in per_day.items():
        assert heatmap.value_at(stamp.date()) == count
    grid = np.array(heatmap.grid())
    assert np.isfinite(grid).sum() == len(per_day)
    assert np.nansum(grid) == per_day.sum()
    first = per_day.index[0].date()
    row, col = heatmap.cell_of(first) or (-1, -1)
    assert row == first.weekday() and col == 0
    assert heatmap.hover_text(row, col).endswith(
        f"{int(per_day.iloc[0])} twitch episode{'s' if per_day.iloc[0] != 1 else ''}")


def test_heatmap_range_keeps_the_latest_weeks(heatmap: EpisodeHeatmap, tmp_path: Path) -> None:
    frame = make_daily(days=400, seed=38)
    per_day = daily_episodes(frame)
    heatmap.set_data(calendar_grid(frame))
    heatmap.set_weeks(12)
    assert len(heatmap.grid()[0]) == 12
    assert heatmap.value_at(per_day.index[-1].date()) == per_day.iloc[-1]
    assert heatmap.value_at(per_day.index[0].date()) is None
    saved = heatmap.save_png(tmp_path / "calendar")
    assert saved.suffix == ".png" and saved.stat().st_size > 1000


def _relationship_data(days: int, seed: int, effect: Effect | None = None,
                       logged_share: float = 0.85) -> tuple[dict, dict]:
    frame = make_daily(days=days, seed=seed, effect=effect, logged_share=logged_share)
    result = analyze_relationships(frame)
    return result, chosen_points(frame, result)


def test_relationship_view_shows_the_flagged_finding(relationship_view: RelationshipView,
                                                     tmp_path: Path) -> None:
    result, points = _relationship_data(240, 0, Effect("magnesium_pct"))
    relationship_view.set_data(result, points)
    finding = result["nutrients"]["magnesium"]
    assert finding["flagged"]
    assert relationship_view.current == "magnesium"
    assert relationship_view.bar_heights() == pytest.approx(
        [finding["episodes_per_day_shortfall"], finding["episodes_per_day_adequate"]])
    bounds = relationship_view.whisker_bounds()
    assert bounds == [pytest.approx(tuple(finding["episodes_per_day_shortfall_ci95"])),
                      pytest.approx(tuple(finding["episodes_per_day_adequate_ci95"]))]
    assert relationship_view.scatter_count() == len(points["magnesium"].percent)
    assert relationship_view.whisker_segments() == 6
    text = relationship_view.findings_text()
    assert "not proof of cause" in text and "doctor" in text and "blood test" in text
    assert "Linked with more twitching" in text
    assert relationship_view.save_png(tmp_path / "rel.png").stat().st_size > 1000


def test_switching_exposure_redraws(relationship_view: RelationshipView) -> None:
    result, points = _relationship_data(240, 1, Effect("magnesium_pct"))
    relationship_view.set_data(result, points)
    relationship_view.exposure_box.setCurrentIndex(
        relationship_view.exposure_box.findData("caffeine"))
    assert relationship_view.current == "caffeine"
    finding = result["nutrients"]["caffeine"]
    assert relationship_view.bar_heights()[0] == pytest.approx(
        finding["episodes_per_day_shortfall"])
    assert "Caffeine" in relationship_view.findings_text()
    slope, intercept = relationship_view.trend_coefficients() or (np.nan, np.nan)
    pts = points["caffeine"]
    expected = np.polyfit(pts.percent, pts.episodes, 1)
    assert (slope, intercept) == pytest.approx(tuple(expected))


def test_too_few_days_show_the_days_needed(relationship_view: RelationshipView) -> None:
    result, points = _relationship_data(10, 2, logged_share=1.0)
    relationship_view.set_data(result, points)
    assert relationship_view.whisker_bounds() is None
    assert relationship_view.whisker_segments() == 0
    text = relationship_view.findings_text()
    assert "Not enough data yet" in text
    assert "Log 4 more days" in text


def test_trend_line_needs_spread() -> None:
    assert trend_line(np.array([100.0, 100.0, 100.0]), np.array([1.0, 2.0, 3.0])) is None
    slope, intercept = trend_line(np.array([0.0, 1.0, 2.0]), np.array([1.0, 3.0, 5.0])) or (0, 0)
    assert (slope, intercept) == pytest.approx((2.0, 1.0))


def test_protective_pattern_is_headed_as_such(relationship_view: RelationshipView) -> None:
    result, points = _relationship_data(
        240, 0, Effect("magnesium_pct", rate_exposed=0.3, rate_other=1.5))
    relationship_view.set_data(result, points)
    relationship_view.select("magnesium")
    assert "Fewer episodes, not more" in relationship_view.findings_text()
    assert "— linked" not in relationship_view.exposure_box.currentText()


def test_pointing_at_a_bar_shows_that_week(weekly_chart: WeeklyChart, qtbot: QtBot) -> None:
    weekly = weekly_summary(make_daily(days=120, seed=39, logged_share=1.0))
    weekly_chart.set_data(weekly)
    weekly_chart.set_weeks(12)
    qtbot.waitExposed(weekly_chart)
    plot = weekly_chart.panels[0].plot
    scene_pos = plot.vb.mapViewToScene(QPointF(3.1, 50.0))
    weekly_chart.graphics.scene().sigMouseMoved.emit(scene_pos)
    assert weekly_chart.hover_label.text() == weekly_chart.hover_text(3)
    week = weekly.index[-9]
    assert f"{week.day} {week:%b %Y}" in weekly_chart.hover_label.text()


def test_pointing_at_a_calendar_cell_shows_that_day(heatmap: EpisodeHeatmap, qtbot: QtBot) -> None:
    frame = make_daily(days=60, seed=40)
    heatmap.set_data(calendar_grid(frame))
    qtbot.waitExposed(heatmap)
    scene_pos = heatmap.plot.vb.mapViewToScene(QPointF(2.5, 3.5))
    heatmap.graphics.scene().sigMouseMoved.emit(scene_pos)
    assert heatmap.hover_label.text() == heatmap.hover_text(3, 2)
    assert "twitch episode" in heatmap.hover_label.text()
