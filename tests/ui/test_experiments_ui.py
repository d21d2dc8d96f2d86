"""Self-experiments in the window: the planning dialog, the day's banner, the result view
and the weekly chart's bands, driven through their real widgets."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt

from tests.experiment_diaries import Shape, fill, magnesium, start_trial
from tests.ui.window_fixtures import NOW, make_window
from tracker.domain.changes import Changes
from tracker.domain.experiments.plan import with_defaults
from tracker.services.context import Context
from tracker.services.experiments import trials as experiments
from tracker.ui.experiments.plan_dialog import PlanDialog
from tracker.ui.experiments.result_dialog import ResultDialog

TODAY = NOW.date()


def _plan_dialog(qtbot: Any, ctx: Context) -> PlanDialog:
    dialog = PlanDialog(ctx, TODAY)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: not dialog.estimating, timeout=20000)
    return dialog


def test_planning_says_what_the_plan_can_show(qtbot: Any, ctx: Context) -> None:
    magnesium(ctx)
    dialog = _plan_dialog(qtbot, ctx)
    assert dialog.plan().kind == "supplement"
    assert (dialog.plan().block_days, dialog.plan().washin_days) == (14, 3)
    text = dialog.summary.text()
    assert "168 days" in text and "24 weeks" in text
    assert "0.0022" in text  # 2 / C(12, 6)
    assert dialog.detectable is not None and f"{dialog.detectable:.2f} times" in text
    dialog.kind.setCurrentIndex(1)  # caffeine
    dialog.pairs.setValue(3)
    qtbot.waitUntil(lambda: not dialog.estimating, timeout=20000)
    assert dialog.plan().block_days == 7 and dialog.plan().washin_days == 1
    assert "can never reach p = 0.05" in dialog.summary.text()
    assert "no realistic chance" in dialog.summary.text()
    assert dialog.start_button.isEnabled()


def test_a_dose_above_the_upper_limit_asks_for_confirmation(qtbot: Any, ctx: Context) -> None:
    magnesium(ctx)
    dialog = _plan_dialog(qtbot, ctx)
    dialog.units.setValue(2.0)  # 400 mg against the 350 mg limit
    assert not dialog.limit_warning.isHidden()
    assert "upper limit of 350 mg" in dialog.limit_warning.text()
    assert not dialog.start_button.isEnabled()
    dialog.confirm.setChecked(True)
    assert dialog.start_button.isEnabled()
    started: list[Any] = []
    dialog.started.connect(started.append)
    qtbot.mouseClick(dialog.start_button, Qt.MouseButton.LeftButton)
    assert len(started) == 1
    assert experiments.current(ctx, TODAY) == started[0]
    assert started[0].plan.units == 2.0


def test_start_refusal_shows_in_the_dialog(qtbot: Any, ctx: Context) -> None:
    experiments.start(ctx, with_defaults("drinks-min", TODAY, 1, min_ml=2000.0), TODAY)
    dialog = _plan_dialog(qtbot, ctx)
    dialog.kind.setCurrentIndex(2)
    qtbot.mouseClick(dialog.start_button, Qt.MouseButton.LeftButton)
    assert "already running" in dialog.errors.message()
    assert dialog.isVisible()


def test_day_view_banner_follows_the_trial(qtbot: Any, ctx: Context, tmp_path: Path) -> None:
    product = magnesium(ctx)
    start = TODAY - dt.timedelta(days=15)  # week 3, the second block's second day
    trial = experiments.start(ctx, with_defaults("supplement", start, 4, block_days=7,
                                                 pairs=5, product_id=product.id, units=1.0),
                              start)
    window = make_window(qtbot, ctx, tmp_path / "settings.toml")
    phase = trial.phases[2]
    expected = ("Week 3 of 10: magnesium ON — 1 capsule today" if phase == "on" else
                "Week 3 of 10: magnesium OFF — no Magnesium glycinate today")
    assert window.phase_banner.isVisible()
    assert window.phase_banner.text().startswith(expected)
    window.show_date(start - dt.timedelta(days=3))
    assert window.phase_banner.text().startswith("Self-experiment on magnesium starts")
    window.show_date(start + dt.timedelta(days=80))  # after the last of its 70 days
    assert not window.phase_banner.isVisible()
    window.show_date(TODAY)
    assert window.phase_banner.isVisible()
    experiments.stop(ctx, TODAY, abandon=True)
    window.bus.publish(Changes(experiments=True))
    assert not window.phase_banner.isVisible()


def test_plan_from_the_menu_shows_the_banner(qtbot: Any, ctx: Context, tmp_path: Path,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    window = make_window(qtbot, ctx, tmp_path / "settings.toml")
    assert not window.phase_banner.isVisible()

    def run(dialog: PlanDialog) -> int:
        dialog.kind.setCurrentIndex(1)
        dialog.start_date.setDate(dialog.start_date.date().addDays(-1))  # today
        dialog.start_trial()
        return 1

    monkeypatch.setattr(PlanDialog, "exec", run)
    window.acts.plan_experiment_action.trigger()
    assert window.phase_banner.isVisible()
    assert window.phase_banner.text().startswith("Week 1 of 12: caffeine limit")


def test_result_view_says_the_answer_and_the_caveats(qtbot: Any, ctx: Context) -> None:
    shape = Shape(rate_ratio=0.4)
    trial = start_trial(ctx, shape, 3)
    fill(ctx, trial, shape, 4)
    dialog = ResultDialog(ctx, trial.plan.end + dt.timedelta(days=1))
    qtbot.addWidget(dialog)
    dialog.show()
    verdict = dialog.outcome["verdict"]
    headline = dialog.headline.text()
    assert {"helped": "It helped", "no_clear_difference": "No clear difference",
            "worse": "worse", "not_enough_data": "Not enough"}[verdict] in headline
    assert "Rate ratio ON / OFF" in dialog.figures.text()
    assert "95 % interval" in dialog.figures.text()
    caveats = dialog.caveats.text()
    assert "not blinded" in caveats and "doctor" in caveats and "about you only" in caveats
    assert dialog.table.rowCount() == 12


def test_weekly_chart_shades_the_blocks(qtbot: Any) -> None:
    import pandas as pd

    from tracker.analysis.weekly import WEEKLY_COLUMNS
    from tracker.ui.charts.weekly_chart import WeeklyChart

    weeks = pd.date_range("2026-01-05", periods=8, freq="7D", name="week")
    weekly = pd.DataFrame({c: 50.0 for c in WEEKLY_COLUMNS}, index=weeks)
    chart = WeeklyChart()
    qtbot.addWidget(chart)
    blocks = [(dt.date(2026, 1, 12), dt.date(2026, 1, 18), "on"),
              (dt.date(2026, 1, 19), dt.date(2026, 1, 25), "off")]
    chart.set_data(weekly, blocks)
    assert chart.band_spans(weekly) == [(0.5, 1.5, "on"), (1.5, 2.5, "off")]
    assert len(chart.panels[0].bands) == 2
    assert "self-experiment ON" in chart.hover_text(1)
    chart.set_data(weekly)
    assert chart.panels[0].bands == [] and chart.bands_note.isHidden()


def test_stop_from_the_menu_asks_then_publishes(qtbot: Any, ctx: Context,
                                                tmp_path: Path) -> None:
    from PySide6.QtWidgets import QMessageBox

    from tests.ui.window_fixtures import when_dialog_opens

    start = TODAY - dt.timedelta(days=10)
    experiments.start(ctx, with_defaults("drinks-min", start, 3, min_ml=2000.0), start)
    window = make_window(qtbot, ctx, tmp_path / "settings.toml")
    assert window.phase_banner.isVisible()
    seen: list[Changes] = []
    window.bus.changed.connect(seen.append)

    def press_stop(box: QMessageBox) -> None:
        assert "Talk to a doctor" in box.text()
        stop = next(b for b in box.buttons() if b.text() == "Stop and analyse")
        stop.click()

    when_dialog_opens(press_stop)
    window.acts.stop_experiment_action.trigger()
    assert [c.experiments for c in seen] == [True]
    assert experiments.current(ctx, TODAY) is None
    assert experiments.trials(ctx)[0].status == "stopped"
    assert not window.phase_banner.isVisible()  # it ended yesterday
    window.show_date(TODAY - dt.timedelta(days=3))  # within the days it ran
    assert window.phase_banner.text().startswith("Week 2 of 12: drinks")


def test_tray_menu_shows_todays_phase(qtbot: Any, ctx: Context, tmp_path: Path) -> None:
    from PySide6.QtWidgets import QApplication

    from tracker.ui.shell.desktop import Desktop

    window = make_window(qtbot, ctx, tmp_path / "settings.toml")
    Desktop(window, QApplication.instance(), None, tray_available=False)
    tray = window.desktop.tray
    assert not tray.phase_action.isVisible()
    start = TODAY - dt.timedelta(days=7)  # week 2, the second block's first day
    trial = experiments.start(ctx, with_defaults("caffeine-limit", start, 6, limit_mg=100.0),
                              start)
    window.bus.publish(Changes(experiments=True))
    phase = trial.phases[1]
    task = ("at most 100 mg caffeine today" if phase == "on" else "your usual caffeine today")
    assert tray.phase_action.isVisible() and not tray.phase_action.isEnabled()
    assert tray.phase_action.text() == (f"Week 2 of 12: caffeine limit {phase.upper()} — "
                                        f"{task} (wash-in day: not counted)")
    assert tray.menu.actions()[0] is tray.phase_action
