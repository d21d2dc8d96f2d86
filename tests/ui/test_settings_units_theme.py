"""Settings round trip, units on entry and display, and the theme switch."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QApplication

from tests.ui.window_fixtures import NOW, make_window
from tracker.cli.main import main
from tracker.config import Settings
from tracker.domain.changes import Changes
from tracker.domain.entries import FoodEntry, Profile, WaterEntry
from tracker.services import desktop_files, diary, profile
from tracker.services.context import Context
from tracker.ui.settings.settings_dialog import SettingsDialog
from tracker.ui.shell import theme

TODAY = NOW.date()


def test_settings_round_trip(qtbot: Any, ctx: Context, tmp_path: Path) -> None:
    path = tmp_path / "settings.toml"
    window = make_window(qtbot, ctx, path)
    dialog = SettingsDialog(ctx, window.settings, window)
    qtbot.addWidget(dialog)
    form = dialog.profile_form
    form.sex_combo.setCurrentIndex(form.sex_combo.findData("female"))
    form.birth_edit.setText("1990-03-01")
    form.stage_combo.setCurrentIndex(form.stage_combo.findData("lactation"))
    form.reference_combo.setCurrentIndex(form.reference_combo.findData("efsa"))
    dialog.units_combo.setCurrentIndex(dialog.units_combo.findData("us"))
    dialog.theme_combo.setCurrentIndex(dialog.theme_combo.findData("dark"))
    dialog.glass_edit.setText("330")
    dialog.reminders_check.setChecked(True)
    dialog.meal_edit.setText("7:45,13:00 ; 18:30")
    dialog.evening_edit.setText("22:00")
    dialog.close_combo.setCurrentIndex(dialog.close_combo.findData("tray"))
    dialog.login_check.setChecked(True)
    dialog.accept()
    assert dialog.result() == SettingsDialog.DialogCode.Accepted, dialog.message()
    reread = Settings(path)
    assert {k: reread.get(k) for k in ("units", "theme", "glass_ml", "reminders", "meal_times",
                                       "evening_time", "close_to_tray")} == {
        "units": "us", "theme": "dark", "glass_ml": 330.0, "reminders": True,
        "meal_times": "07:45, 13:00, 18:30", "evening_time": "22:00", "close_to_tray": "tray"}
    saved = profile.get_profile(ctx)
    assert saved is not None and (saved.life_stage, saved.reference_set) == ("lactation", "efsa")
    assert desktop_files.starts_at_login()
    again = SettingsDialog(ctx, reread, window)
    qtbot.addWidget(again)
    assert (again.units_combo.currentData(), again.theme_combo.currentData(),
            again.meal_edit.text(), again.close_combo.currentData(),
            again.login_check.isChecked(),
            again.profile_form.reference_combo.currentData()) == (
        "us", "dark", "07:45, 13:00, 18:30", "tray", True, "efsa")
    again.login_check.setChecked(False)
    again.accept()
    assert not desktop_files.starts_at_login()
    theme.apply_theme("system")


def test_a_bad_reminder_time_saves_nothing(qtbot: Any, ctx: Context, tmp_path: Path) -> None:
    window = make_window(qtbot, ctx, tmp_path / "settings.toml")
    dialog = SettingsDialog(ctx, window.settings, window, tab="Reminders")
    qtbot.addWidget(dialog)
    assert dialog.tabs.currentIndex() == 2
    dialog.units_combo.setCurrentIndex(dialog.units_combo.findData("us"))
    dialog.meal_edit.setText("noon")
    dialog.accept()
    assert "not a time" in dialog.message()
    assert Settings(tmp_path / "settings.toml").get("units") == "metric"


def test_us_units_show_oz_and_fl_oz_while_the_diary_keeps_g_and_ml(
        qtbot: Any, ctx: Context, tmp_path: Path, capsys: pytest.CaptureFixture[str],
        diary_path: Path) -> None:
    profile.set_profile(ctx, Profile("male", dt.date(1980, 1, 1)))
    diary.add_entry(ctx, diary.new_food_entry(ctx, "sr28:11457", TODAY, dt.time(12),
                                              grams=150))
    diary.add_entry(ctx, WaterEntry(TODAY, dt.time(9), 500.0))
    settings = Settings(tmp_path / "settings.toml")
    settings.set("units", "us")
    window = make_window(qtbot, ctx, tmp_path / "settings.toml")
    amounts = {window.model.index(r, c).data() for r in range(window.model.rowCount())
               for c in range(window.model.columnCount())}
    # 150 g / 28.349523125 = 5.29 oz; 500 ml / 29.5735295625 = 16.9 fl oz = 2.1 cups
    assert {"5.3 oz", "16.9 fl oz (2.1 cups)"} <= amounts, amounts
    window.start_totals()
    assert window.side.drinks_text.text().startswith("16.9 fl oz (2.1 cups) of ")
    window.log_water(float(settings.get("glass_ml")))
    assert sorted(w.volume_ml for w in diary.day(ctx, TODAY).water) == [250.0, 500.0]
    stored = [e for e in diary.day(ctx, TODAY).foods if isinstance(e, FoodEntry)]
    assert [(e.grams, e.unit) for e in stored] == [(150.0, "g")]
    window.close()
    ctx.close()
    assert main(["--db", str(diary_path), "day", "--date", TODAY.isoformat(), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["drinks_ml"] == 750.0 and data["food_grams"] == 150.0


def test_theme_switch_dark_light_system_and_charts_follow(qtbot: Any, ctx: Context,
                                                          tmp_path: Path) -> None:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    original = app.palette().color(QPalette.ColorRole.Window)
    window = make_window(qtbot, ctx, tmp_path / "settings.toml")
    window.settings.set("theme", "dark")
    window.bus.publish(Changes(settings=True))
    dark_window = app.palette().color(QPalette.ColorRole.Window)
    assert dark_window.lightness() < 80
    assert app.palette().color(QPalette.ColorRole.WindowText).lightness() > 200
    window.show_charts("weekly")
    import pyqtgraph as pg

    plots = window._charts.findChildren(pg.GraphicsView)
    assert plots and all(p.backgroundBrush().color().lightness() < 60 for p in plots)
    window.settings.set("theme", "light")
    window.bus.publish(Changes(settings=True))
    assert app.palette().color(QPalette.ColorRole.Window).lightness() > 200
    assert all(p.backgroundBrush().color().lightness() > 240 for p in plots)
    window.settings.set("theme", "system")
    window.bus.publish(Changes(settings=True))
    assert app.palette().color(QPalette.ColorRole.Window) == original
    window._charts.close()
