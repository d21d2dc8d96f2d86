"""View → Weekly charts / Relationships open the charts on a seeded diary."""

from __future__ import annotations

import datetime as dt
import threading
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtGui import QImage

from tests.ui.window_fixtures import NOW, make_window
from tracker.domain.entries import DayFactors, Episode, Profile, WaterEntry
from tracker.services import diary, profile
from tracker.services.context import Context
from tracker.services.foods.catalog import search_foods
from tracker.ui.charts import charts_window


def _seed(ctx: Context, days: int) -> None:
    profile.set_profile(ctx, Profile("female", dt.date(1985, 4, 2)))
    spinach = search_foods(ctx, "spinach raw", 1)[0].id
    for offset in range(days):
        day = NOW.date() - dt.timedelta(days=offset)
        grams = 40.0 if offset % 3 else 200.0
        diary.add_entry(ctx, diary.new_food_entry(ctx, spinach, day, dt.time(12, 0),
                                                  grams=grams))
        diary.add_entry(ctx, WaterEntry(day, dt.time(9, 0), 750.0))
        if offset % 3:
            diary.add_entry(ctx, Episode(day, dt.time(22, 0), "cramp", "calf", 5))
        diary.set_factors(ctx, DayFactors(day, complete=True))


def test_weekly_and_relationship_views_open_from_the_menu(qtbot: Any, ctx: Context,
                                                          tmp_path: Path) -> None:
    _seed(ctx, 30)
    window = make_window(qtbot, ctx, tmp_path / "settings.toml")
    window.acts.weekly_action.trigger()
    charts = window._charts
    assert isinstance(charts, charts_window.ChartsWindow)
    qtbot.waitExposed(charts)
    assert charts.panel.currentIndex() == charts_window.WEEKLY_TAB
    qtbot.waitUntil(lambda: "Diary from" in charts.period_label.text(), timeout=60_000)

    window.acts.relationships_action.trigger()
    assert window._charts is charts  # one charts window, brought forward again
    assert charts.panel.currentIndex() == charts_window.RELATIONSHIP_TAB

    out = charts.panel.relationship.save_png(tmp_path / "relationship.png")
    image = QImage(str(out))
    assert not image.isNull() and image.width() > 300


def test_charts_window_refresh_picks_up_new_entries(qtbot: Any, ctx: Context,
                                                    tmp_path: Path) -> None:
    _seed(ctx, 5)
    window = make_window(qtbot, ctx, tmp_path / "settings.toml")
    window.acts.weekly_action.trigger()
    charts = window._charts
    qtbot.waitUntil(lambda: "Diary from" in charts.period_label.text(), timeout=60_000)
    first_label = charts.period_label.text()
    earlier = NOW.date() - dt.timedelta(days=40)
    diary.add_entry(ctx, WaterEntry(earlier, dt.time(9, 0), 500.0))
    charts.refresh()
    qtbot.waitUntil(lambda: f"{earlier:%d %b %Y}" in charts.period_label.text(),
                    timeout=60_000)
    assert charts.period_label.text() != first_label


def test_charts_are_computed_off_the_gui_thread_and_once_more_after_a_change(
        qtbot: Any, ctx: Context, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from tracker.services import analysis

    _seed(ctx, 5)
    threads: list[bool] = []
    release = threading.Event()
    computed = analysis.chart_data

    def slow_chart_data(*args: Any, **kwargs: Any) -> Any:
        threads.append(threading.current_thread() is threading.main_thread())
        release.wait(30)
        return computed(*args, **kwargs)

    monkeypatch.setattr(analysis, "chart_data", slow_chart_data)
    window = make_window(qtbot, ctx, tmp_path / "settings.toml")
    window.acts.weekly_action.trigger()
    charts = window._charts
    qtbot.waitUntil(lambda: threads == [False], timeout=10_000)
    # The window answers while the charts compute: a glass logged now is in the diary.
    window.acts.glass_action.trigger()
    assert len(diary.day(ctx, NOW.date()).water) >= 1
    release.set()
    # The glass arrived while computing, so the charts are computed once more.
    qtbot.waitUntil(lambda: len(threads) == 2 and "Diary from" in charts.period_label.text(),
                    timeout=60_000)
    assert threads == [False, False]


def _open_charts(qtbot: Any, ctx: Context, tmp_path: Path) -> tuple[Any, Any]:
    window = make_window(qtbot, ctx, tmp_path / "settings.toml")
    window.acts.weekly_action.trigger()
    charts = window._charts
    qtbot.waitExposed(charts)
    return window, charts


def _redrawn_with(qtbot: Any, charts: Any, day: dt.date) -> None:
    qtbot.waitUntil(lambda: f"{day:%d %b %Y}" in charts.period_label.text(), timeout=5000)


def test_an_entry_logged_in_the_window_redraws_open_charts(qtbot: Any, ctx: Context,
                                                           tmp_path: Path) -> None:
    _seed(ctx, 5)
    window, charts = _open_charts(qtbot, ctx, tmp_path)
    earlier = NOW.date() - dt.timedelta(days=40)
    window.save_entry(WaterEntry(earlier, dt.time(9, 0), 500.0))
    _redrawn_with(qtbot, charts, earlier)
    window.undo_stack.undo()  # the undo is an operation too
    qtbot.waitUntil(lambda: f"{earlier:%d %b %Y}" not in charts.period_label.text(),
                    timeout=5000)


def test_hidden_charts_redraw_when_shown_again(qtbot: Any, ctx: Context,
                                               tmp_path: Path) -> None:
    _seed(ctx, 5)
    window, charts = _open_charts(qtbot, ctx, tmp_path)
    charts.hide()
    earlier = NOW.date() - dt.timedelta(days=30)
    window.save_entry(WaterEntry(earlier, dt.time(9, 0), 500.0))
    assert f"{earlier:%d %b %Y}" not in charts.period_label.text()  # no work while hidden
    charts.show()
    _redrawn_with(qtbot, charts, earlier)


def test_an_import_redraws_open_charts(qtbot: Any, ctx: Context, tmp_path: Path,
                                       food_cache_dir: Path) -> None:
    from tests.ui.window_fixtures import when_dialog_opens
    from tracker.services.transfer.export import export_bundle
    from tracker.storage.diary import Diary

    earlier = NOW.date() - dt.timedelta(days=50)
    with Context(Diary.open(tmp_path / "other.sqlite3"), food_cache_dir) as other:
        diary.add_entry(other, WaterEntry(earlier, dt.time(9, 0), 300.0))
        export_bundle(other, earlier, earlier, tmp_path / "bundle")
    _seed(ctx, 5)
    window, charts = _open_charts(qtbot, ctx, tmp_path)

    def run_import(dialog: Any) -> None:
        dialog.imported.connect(lambda _summary: dialog.accept())
        dialog.path_edit.setText(str(tmp_path / "bundle"))
        dialog.start_check()
        qtbot.waitUntil(dialog.import_button.isEnabled, timeout=5000)
        dialog.start_import()

    when_dialog_opens(run_import)
    window.flows.open_import()
    _redrawn_with(qtbot, charts, earlier)


def test_a_restore_redraws_open_charts_and_drops_undo(qtbot: Any, ctx: Context,
                                                      tmp_path: Path) -> None:
    from tests.ui.window_fixtures import when_dialog_opens
    from tracker.services.safety import backup
    _seed(ctx, 5)
    backup.backup_now(ctx, now=dt.datetime(2026, 3, 1, 9, tzinfo=dt.UTC))
    window, charts = _open_charts(qtbot, ctx, tmp_path)
    earlier = NOW.date() - dt.timedelta(days=60)
    window.save_entry(WaterEntry(earlier, dt.time(9, 0), 500.0))
    _redrawn_with(qtbot, charts, earlier)

    def restore_oldest(dialog: Any) -> None:
        dialog.confirm = lambda title, text: True
        dialog.diaryRestored.connect(lambda _result: dialog.accept())
        dialog.table.selectRow(dialog.model.rowCount() - 1)
        dialog.restore_selected()

    when_dialog_opens(restore_oldest)
    window.flows.open_backups()
    qtbot.waitUntil(lambda: f"{earlier:%d %b %Y}" not in charts.period_label.text(),
                    timeout=5000)
    assert not window.undo_stack.canUndo()
