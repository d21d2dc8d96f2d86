"""Starting the app: first paint without pandas, --startup-check, refusals, first-run profile."""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialogButtonBox

from tests.ui.window_fixtures import make_window
from tracker.config import Settings
from tracker.domain.changes import Changes
from tracker.domain.entries import Episode, FoodEntry, Profile, WaterEntry
from tracker.services import diary, profile
from tracker.services.context import Context
from tracker.ui.settings.profile_dialog import ProfileDialog
from tracker.ui.settings.settings_dialog import SettingsDialog
from tracker.ui.shell import app as app_module

COMMAND = Path(sys.executable).with_name("nutrient-tracker")

# Runs the real start-up (the command line's own path to the window) in a fresh
# interpreter and notes, at the moment the first paint is reported, which modules had
# been imported and whether the garbage collector was running; and again once it quit.
_IMPORTS_AT_FIRST_PAINT = """
import gc, json, sys
from tracker.cli.main import main
from tracker.ui.shell import app
watched = sys.argv[2].split(",")
seen = {}
report = app.process_age_ms
def spy():
    seen.update({name: name in sys.modules for name in watched})
    seen["collector on at first paint"] = gc.isenabled()
    return report()
app.process_age_ms = spy
status = main(["--db", sys.argv[1], "--startup-check"])
seen["collector on after"] = gc.isenabled()
print(json.dumps(seen))
sys.exit(status)
"""
# Heavy libraries, and the desktop pieces (tray, reminders, settings, quick log), which
# are installed after the first paint and so add nothing to it.
_NOT_BEFORE_FIRST_PAINT = ("pandas", "pyqtgraph", "numpy", "tracker.ui.shell.desktop",
                           "tracker.ui.shell.tray", "tracker.ui.shell.reminders_ui",
                           "tracker.domain.reminders", "tracker.ui.shell.quick_window",
                           "tracker.ui.shell.instance_link", "tracker.ui.settings.settings_dialog",
                           "tracker.ui.settings.first_run", "tracker.ui.shell.theme",
                           # and, in a diary without a self-experiment, the trials' code
                           "tracker.services.experiments.trials")


def _env(tmp_path: Path) -> dict[str, str]:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    env.pop(app_module.SCREENSHOT_ENV, None)
    return env


@pytest.fixture
def seeded(ctx: Context) -> Path:
    """A diary with today's foods, drinks and an episode, closed so a process can open it."""
    from tracker.services.foods.catalog import search_foods

    today = dt.date.today()
    profile.set_profile(ctx, Profile("male", dt.date(1980, 6, 1)))
    for hit, hour in zip(search_foods(ctx, "oatmeal", 2), (7, 13), strict=True):
        diary.add_entry(ctx, FoodEntry(today, dt.time(hour), hit.id, 120.0, 120.0, "g"))
    diary.add_entry(ctx, WaterEntry(today, dt.time(9), 500.0))
    diary.add_entry(ctx, Episode(today, dt.time(22), "cramp", "calf", 6))
    assert ctx.diary.path is not None
    return ctx.diary.path


def test_first_paint_happens_before_pandas_pyqtgraph_and_the_desktop_pieces_load(
        seeded: Path, tmp_path: Path, ctx: Context) -> None:
    ctx.close()
    done = subprocess.run([sys.executable, "-P", "-c", _IMPORTS_AT_FIRST_PAINT, str(seeded),
                           ",".join(_NOT_BEFORE_FIRST_PAINT)],
                          env=_env(tmp_path), capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    seen = json.loads(done.stdout.strip().splitlines()[-1])
    assert {name for name in _NOT_BEFORE_FIRST_PAINT if seen[name]} == set()
    # Off while the window's modules load, and on again once it has painted.
    assert seen["collector on at first paint"] is False
    assert seen["collector on after"] is True


def test_startup_check_prints_the_time_to_first_paint(seeded: Path, tmp_path: Path,
                                                      ctx: Context) -> None:
    ctx.close()
    done = subprocess.run([str(COMMAND), "--db", str(seeded), "--startup-check"],
                          env=_env(tmp_path), capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert re.fullmatch(r"first paint: \d+\.\d ms", done.stdout.strip())


def test_a_file_that_is_not_a_diary_is_refused_in_one_line(tmp_path: Path) -> None:
    bogus = tmp_path / "notes.txt"
    bogus.write_text("shopping list\n")
    done = subprocess.run([str(COMMAND), "--db", str(bogus), "--startup-check"],
                          env=_env(tmp_path), capture_output=True, text=True, timeout=120)
    assert done.returncode != 0
    assert "Traceback" not in done.stderr
    assert "not a Nutrient Tracker diary" in done.stderr
    assert bogus.read_text() == "shopping list\n"


def test_a_second_window_on_the_same_diary_is_refused(seeded: Path, tmp_path: Path,
                                                      ctx: Context, qapp: Any) -> None:
    from tracker.ui.safety.single_instance import acquire_diary_lock

    ctx.close()
    lock = acquire_diary_lock(seeded)
    assert lock is not None
    try:
        done = subprocess.run([str(COMMAND), "--db", str(seeded), "--startup-check"],
                              env=_env(tmp_path), capture_output=True, text=True, timeout=120)
    finally:
        lock.unlock()
    assert done.returncode == 1
    assert "already open" in done.stderr


def test_profile_dialog_refuses_until_sex_is_chosen_then_saves(qtbot: Any,
                                                               ctx: Context) -> None:
    dialog = ProfileDialog(ctx)
    qtbot.addWidget(dialog)
    dialog.show()
    buttons = dialog.findChild(QDialogButtonBox)
    assert buttons is not None
    buttons.button(QDialogButtonBox.StandardButton.Save).click()
    assert dialog.isVisible() and "sex" in dialog.message()
    assert profile.get_profile(ctx) is None
    form = dialog.form
    form.sex_combo.setCurrentIndex(form.sex_combo.findData("female"))
    form.stage_combo.setCurrentIndex(form.stage_combo.findData("pregnancy"))
    # No birth date is assumed: the age band (and so the targets) would be a guess.
    assert form.birth_edit.text() == ""
    buttons.button(QDialogButtonBox.StandardButton.Save).click()
    assert dialog.isVisible() and "birth date" in dialog.message()
    assert profile.get_profile(ctx) is None
    qtbot.keyClicks(form.birth_edit, "1992-06-31")
    buttons.button(QDialogButtonBox.StandardButton.Save).click()
    assert "1992-06-31 is not a day on the calendar" in dialog.message()
    form.birth_edit.clear()
    qtbot.keyClicks(form.birth_edit, "1992-06-03")
    buttons.button(QDialogButtonBox.StandardButton.Save).click()
    assert not dialog.isVisible()
    saved = profile.get_profile(ctx)
    assert saved is not None and (saved.sex, saved.life_stage, saved.birth_date) == (
        "female", "pregnancy", dt.date(1992, 6, 3))


def test_pregnancy_is_not_offered_for_a_male_profile(qtbot: Any, ctx: Context) -> None:
    dialog = ProfileDialog(ctx)
    qtbot.addWidget(dialog)
    form = dialog.form
    form.sex_combo.setCurrentIndex(form.sex_combo.findData("male"))
    assert not form.stage_combo.isEnabled()
    assert form.stage_combo.currentData() == "general"


def test_first_run_asks_inside_the_window_after_it_paints(qtbot: Any, ctx: Context,
                                                          tmp_path: Path) -> None:
    window = make_window(qtbot, ctx, tmp_path / "settings.toml")
    app_module._after_first_paint(window).wait()
    assert window.side.panel is not None, "totals load once the window has painted"
    assert QApplication.activeModalWidget() is None, "no dialog in the way"
    panel = window.first_run
    assert panel.isVisible()
    form = panel.profile_form
    form.sex_combo.setCurrentIndex(form.sex_combo.findData("male"))
    form.birth_edit.setText("1979-02-14")
    form.reference_combo.setCurrentIndex(form.reference_combo.findData("efsa"))
    panel.units_combo.setCurrentIndex(panel.units_combo.findData("us"))
    qtbot.mouseClick(panel.reminders_check, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(panel.save_button, Qt.MouseButton.LeftButton)
    saved = profile.get_profile(ctx)
    assert saved is not None and (saved.sex, saved.reference_set) == ("male", "efsa")
    reread = Settings(tmp_path / "settings.toml")
    assert (reread.get("units"), reread.get("reminders"), reread.get("first_run_done")) == \
        ("us", True, True)
    assert not panel.isVisible()
    assert "Settings → Profile" not in window.side.notice.text()


def test_first_run_may_be_left_for_later_and_the_totals_point_to_settings(
        qtbot: Any, ctx: Context, tmp_path: Path) -> None:
    window = make_window(qtbot, ctx, tmp_path / "settings.toml")
    app_module._after_first_paint(window).wait()
    qtbot.mouseClick(window.first_run.later_button, Qt.MouseButton.LeftButton)
    assert profile.get_profile(ctx) is None
    assert Settings(tmp_path / "settings.toml").get("first_run_done") is True
    assert not Settings(tmp_path / "settings.toml").get("reminders")
    notice = window.side.panel.notice.text()
    assert "Settings → Profile" in notice and "nutrient-tracker profile" not in notice
    opened: list[str] = []
    window.flows.open_settings = opened.append  # type: ignore[method-assign]
    window.side.panel.notice.linkActivated.emit("settings:Profile")
    assert opened == ["Profile"]
    window.close()
    again = make_window(qtbot, ctx, tmp_path / "settings.toml")
    app_module._after_first_paint(again).wait()
    assert not hasattr(again, "first_run"), "asked once only"


def test_settings_change_units_and_refuse_a_bad_glass_size(qtbot: Any, ctx: Context,
                                                           tmp_path: Path) -> None:
    profile.set_profile(ctx, Profile("female", dt.date(1990, 2, 3)))
    window = make_window(qtbot, ctx, tmp_path / "settings.toml")
    dialog = SettingsDialog(ctx, window.settings, window)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.glass_edit.setText("-250")
    dialog.accept()
    assert dialog.isVisible() and "glass" in dialog.message()
    assert window.settings.get("glass_ml") != -250
    dialog.glass_edit.setText("300")
    dialog.units_combo.setCurrentIndex(dialog.units_combo.findData("us"))
    dialog.accept()
    assert (window.settings.get("glass_ml"), window.settings.get("units")) == (300.0, "us")
    window.bus.publish(Changes(settings=True))
    assert window.acts.glass_action.text() == "Glass 10.1 fl oz"


def test_a_diary_in_a_folder_that_cannot_be_made_is_refused_in_one_line(tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the diary's folder should be\n")
    done = subprocess.run([str(COMMAND), "--db", str(blocker / "diary.sqlite3"),
                           "--startup-check"],
                          env=_env(tmp_path), capture_output=True, text=True, timeout=120)
    assert done.returncode != 0
    assert "Traceback" not in done.stderr
    assert "cannot be opened" in done.stderr
