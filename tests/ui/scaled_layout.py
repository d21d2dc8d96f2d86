"""Layout at one screen scale: run by test_layout_scaling.py in a child pytest per factor.

``QT_SCALE_FACTOR`` only takes effect if it is set before the QApplication exists,
so each factor needs its own process; this module is named so that the suite
itself does not collect it. On a busy day (25 entries, long SR28 names, foods
without data) at 1067×667 logical pixels (1600×1000 at 150 %), no text may be
cut, the food's name gets the widest column and nothing scrolls sideways.

With ``NUTRIENT_TRACKER_LAYOUT_SHOTS`` set to a folder, the tests also save what
they showed there (the day view, the totals, the food dialog, the weekly chart).
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QSize
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QWidget

from tests.busy_day import seed_busy_day, seed_weeks
from tests.ui.layout_checks import clipped, horizontal_scroll_bars
from tracker.config import Settings
from tracker.services.context import Context
from tracker.services.foods import catalog as foods
from tracker.ui.day.day_model import COLUMN_COUNT, KIND_COLUMN, WHAT_COLUMN
from tracker.ui.day.nutrient_bar import BELOW, INSIDE

FACTOR = float(os.environ.get("QT_SCALE_FACTOR", "1"))
SHOTS = os.environ.get("NUTRIENT_TRACKER_LAYOUT_SHOTS")
DAY = dt.date(2026, 3, 10)
LAPTOP = QSize(1067, 667)  # 1600×1000 pixels at 150 % scaling


def _now() -> dt.datetime:
    return dt.datetime.combine(DAY, dt.time(20, 30))


def _settle() -> None:
    for _ in range(5):
        QApplication.processEvents()


def _save(widget: QWidget, name: str) -> None:
    """Keep a picture of ``widget``: from the X server when there is one, as a person sees it."""
    if not SHOTS:
        return
    _settle()
    folder = Path(SHOTS)
    folder.mkdir(parents=True, exist_ok=True)
    screen = QGuiApplication.primaryScreen()
    picture = None
    if QGuiApplication.platformName() == "xcb" and widget.isWindow() and screen is not None:
        picture = screen.grabWindow(widget.winId())
    if picture is None or picture.isNull():
        picture = widget.grab()
    assert picture.save(str(folder / f"{name}-{FACTOR:g}x.png"), "PNG")


@pytest.fixture
def busy(ctx: Context) -> Context:
    seed_busy_day(ctx, DAY)
    return ctx


def _window(qtbot: Any, ctx: Context, size: QSize, tmp_path: Path) -> Any:
    from tracker.ui.shell.main_window import MainWindow

    window = MainWindow(ctx, Settings(tmp_path / "settings.toml"), clock=_now)
    qtbot.addWidget(window)
    window.resize(size)
    window.show()
    qtbot.waitExposed(window)
    window.start_totals()
    qtbot.waitUntil(lambda: window.side.panel is not None and window.side.panel.isVisible())
    _settle()
    return window


def _text_column_widths(window: Any) -> dict[int, int]:
    header = window.table.horizontalHeader()
    return {column: header.sectionSize(column) for column in range(COLUMN_COUNT)
            if column != KIND_COLUMN}


def test_the_scale_is_the_one_asked_for(qtbot: Any) -> None:
    widget = QWidget()
    qtbot.addWidget(widget)
    widget.show()
    assert widget.devicePixelRatioF() == pytest.approx(FACTOR)


def test_busy_day_on_a_laptop_screen_shows_every_text_whole(qtbot: Any, busy: Context,
                                                             tmp_path: Path) -> None:
    window = _window(qtbot, busy, LAPTOP, tmp_path)
    assert window.size() == LAPTOP
    assert window.model.rowCount() == 25
    assert clipped(window) == []
    assert horizontal_scroll_bars(window) == []
    widths = _text_column_widths(window)
    assert max(widths, key=lambda column: widths[column]) == WHAT_COLUMN, widths
    panel = window.side.panel
    # The totals fit the window's height: nothing below the footer is cut off.
    footer = panel.footer.mapTo(window, panel.footer.rect().bottomLeft())
    assert footer.y() < window.centralWidget().geometry().bottom()
    _save(window, "day-view")
    _save(panel, "totals")


def test_the_list_of_foods_without_data_opens_without_cutting_anything(
        qtbot: Any, busy: Context, tmp_path: Path) -> None:
    window = _window(qtbot, busy, LAPTOP, tmp_path)
    lacking = window.side.panel.lacking
    assert lacking.toggle.text() == "8 foods lack some values — show"
    lacking.toggle.click()
    _settle()
    assert lacking.toggle.text() == "8 foods lack some values — hide"
    assert lacking.list.isVisible() and lacking.list.count() == 8
    assert lacking.list.height() >= 2 * lacking.list.fontMetrics().lineSpacing()
    assert clipped(window) == []
    assert horizontal_scroll_bars(window) == []
    _save(window.side.panel, "totals-foods-without-data")


def test_bars_place_their_figures_where_they_fit(qtbot: Any, busy: Context,
                                                 tmp_path: Path) -> None:
    laptop = _window(qtbot, busy, LAPTOP, tmp_path)
    placements = {row.bar.placement() for row in laptop.side.panel.rows.values()}
    assert len(placements) == 1  # one rule for all, so the notches line up
    wide = _window(qtbot, busy, QSize(3840, 2160), tmp_path)
    bars = [row.bar for row in wide.side.panel.rows.values()]
    assert {bar.placement() for bar in bars} == {INSIDE}
    assert clipped(wide) == []
    narrow = laptop.side.panel.rows["caffeine"].bar
    if narrow.placement() == BELOW:
        top, bottom = narrow.track_span()
        assert narrow.text_rect().top() > bottom


def test_the_smallest_window_fits_1280_by_720_and_cuts_nothing(qtbot: Any, busy: Context,
                                                               tmp_path: Path) -> None:
    window = _window(qtbot, busy, QSize(400, 300), tmp_path)
    smallest = window.size()
    assert smallest.width() <= LAPTOP.width() and smallest.height() <= LAPTOP.height()
    assert smallest == window.minimumSize() or smallest == window.minimumSizeHint()
    assert clipped(window) == []
    assert horizontal_scroll_bars(window) == []


def test_a_4k_window_grows_gracefully(qtbot: Any, busy: Context, tmp_path: Path) -> None:
    window = _window(qtbot, busy, QSize(3840, 2160), tmp_path)
    assert clipped(window) == []
    widths = _text_column_widths(window)
    assert max(widths, key=lambda column: widths[column]) == WHAT_COLUMN
    # The totals grow with the window but stay beside the names, not across the screen.
    assert window.side.width() <= 0.35 * window.width()
    assert window.side.width() >= window.side.minimumSizeHint().width()


def test_food_dialog_with_a_long_name_shows_every_text_whole(qtbot: Any, busy: Context,
                                                             tmp_path: Path) -> None:
    from tracker.ui.foods.food_dialog import FoodDialog

    dialog = FoodDialog(busy, DAY, dt.time(12, 40))
    qtbot.addWidget(dialog)
    dialog.search_edit.setText("digiorno pizza cheese stuffed crust")
    dialog.run_search()
    dialog.choose_food(foods.get_food(busy, "sr28:21473"))
    dialog.picker.quantity_edit.setText("2")
    dialog.show()
    qtbot.waitExposed(dialog)
    _settle()
    assert dialog.width() <= LAPTOP.width() and dialog.height() <= LAPTOP.height()
    assert "DIGIORNO Pizza" in dialog.food_label.text()
    assert clipped(dialog) == []
    assert horizontal_scroll_bars(dialog) == []
    _save(dialog, "food-dialog")


def test_weekly_chart_on_a_laptop_screen(qtbot: Any, busy: Context, tmp_path: Path) -> None:
    from tracker.ui.charts.charts_window import WEEKLY_TAB

    seed_weeks(busy, DAY, 12)
    window = _window(qtbot, busy, LAPTOP, tmp_path)
    window.show_charts("weekly")
    charts = window._charts
    charts.finish_work()  # the charts compute on a worker thread
    charts.resize(LAPTOP)
    charts.panel.setCurrentIndex(WEEKLY_TAB)
    qtbot.waitExposed(charts)
    _settle()
    chart = charts.panel.weekly
    assert chart.cut_bars("vitamin_b12_pct"), "the B12 tablets should run past the cap"
    assert clipped(charts) == []
    _save(charts, "weekly-chart")
