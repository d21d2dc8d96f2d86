"""Reminders with a fake clock: meal times, the evening check with its one-click Complete,
quiet for 30 minutes after a log, off until turned on, stopped at quit, and a missed day.

No test waits for a real clock: the window's clock is a variable the test moves.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QApplication

from tracker.config import Settings
from tracker.domain import reminders
from tracker.domain.changes import Changes
from tracker.domain.entries import WaterEntry
from tracker.services import diary
from tracker.services.context import Context
from tracker.ui.shell.desktop import Desktop
from tracker.ui.shell.main_window import MainWindow

DAY = dt.date(2026, 3, 10)


class FakeClock:
    def __init__(self) -> None:
        self.now = dt.datetime.combine(DAY, dt.time(7, 0))

    def __call__(self) -> dt.datetime:
        return self.now

    def at(self, hh_mm: str) -> None:
        hours, minutes = map(int, hh_mm.split(":"))
        self.now = dt.datetime.combine(DAY, dt.time(hours, minutes))


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


def _window(qtbot: Any, ctx: Context, path: Path, clock: FakeClock, on: bool = True) -> Any:
    settings = Settings(path)
    settings.set("reminders", on)
    window = MainWindow(ctx, settings, clock=clock)
    qtbot.addWidget(window)
    window.show()
    Desktop(window, QApplication.instance(), None, tray_available=False)
    return window


def test_meal_reminders_come_once_each_in_the_window_banner(
        qtbot: Any, ctx: Context, tmp_path: Path, clock: FakeClock) -> None:
    window = _window(qtbot, ctx, tmp_path / "s.toml", clock)
    check = window.desktop.reminders.check
    assert window.desktop.reminders.timer.isActive()
    clock.at("08:00")
    assert check() is None
    clock.at("08:31")
    assert check().message == "Anything to log so far today?"
    assert window.banner.isVisible() and window.banner.message.text().startswith("Anything")
    clock.at("08:45")
    assert check() is None, "once per reminder"
    clock.at("12:31")
    assert check().message == "Anything to log since 08:30?"
    clock.at("15:00")
    assert check() is None, "a reminder missed by over two hours is dropped, not shown late"


def test_no_reminder_within_30_minutes_of_a_log_and_since_names_the_last_log(
        qtbot: Any, ctx: Context, tmp_path: Path, clock: FakeClock) -> None:
    window = _window(qtbot, ctx, tmp_path / "s.toml", clock)
    check = window.desktop.reminders.check
    clock.at("12:10")
    window.log_water(250.0)
    clock.at("12:35")
    assert check() is None, "25 minutes after a log"
    clock.at("12:41")
    assert check().message == "Anything to log since 12:10?"


def test_evening_check_marks_today_complete_in_one_click(
        qtbot: Any, ctx: Context, tmp_path: Path, clock: FakeClock) -> None:
    window = _window(qtbot, ctx, tmp_path / "s.toml", clock)
    clock.at("21:35")
    due = window.desktop.reminders.check()
    assert (due.kind, due.message) == ("evening", "Mark today complete?")
    assert window.banner.action_button.text() == "Complete"
    window.banner.action_button.click()
    factors = diary.day(ctx, DAY).factors
    assert factors is not None and factors.complete
    assert not window.banner.isVisible()
    window.undo_stack.undo()
    after = diary.day(ctx, DAY).factors
    assert after is None or not after.complete, "one undo step takes it back"


def test_a_complete_day_gets_no_evening_check(qtbot: Any, ctx: Context, tmp_path: Path,
                                             clock: FakeClock) -> None:
    window = _window(qtbot, ctx, tmp_path / "s.toml", clock)
    window.mark_today_complete()
    clock.at("21:40")
    assert window.desktop.reminders.check() is None


def test_reminders_are_off_until_turned_on_and_stop_at_quit(
        qtbot: Any, ctx: Context, tmp_path: Path, clock: FakeClock) -> None:
    window = _window(qtbot, ctx, tmp_path / "s.toml", clock, on=False)
    reminders_ui = window.desktop.reminders
    assert not reminders_ui.timer.isActive()
    clock.at("12:31")
    assert reminders_ui.check() is None
    window.settings.set("reminders", True)
    window.bus.publish(Changes(settings=True))
    assert reminders_ui.timer.isActive()
    assert reminders_ui.check() is not None
    window.quit_app()
    assert not reminders_ui.timer.isActive()


def test_after_a_missed_day_a_gentle_note_next_start(qtbot: Any, ctx: Context, tmp_path: Path,
                                                    clock: FakeClock) -> None:
    diary.add_entry(ctx, WaterEntry(DAY - dt.timedelta(days=3), dt.time(9), 250.0))
    settings = Settings(tmp_path / "s.toml")
    settings.set("last_open_date", (DAY - dt.timedelta(days=2)).isoformat())
    window = _window(qtbot, ctx, tmp_path / "s.toml", clock)
    note = window.desktop.reminders.missed_day_note()
    assert note is not None and note.startswith("Sunday 08 March has nothing logged")
    assert window.banner.isVisible()
    window.banner.action_button.click()
    assert window.date == DAY - dt.timedelta(days=2)
    assert Settings(tmp_path / "s.toml").get("last_open_date") == DAY.isoformat()
    assert window.desktop.reminders.missed_day_note() is None, "once per start"


def test_rules_without_a_window() -> None:
    now = dt.datetime(2026, 3, 10, 19, 5)
    meals = reminders.parse_times("8:30, 12:30,19:00")
    assert meals == (dt.time(8, 30), dt.time(12, 30), dt.time(19, 0))
    got = reminders.due(now, meals, dt.time(21, 30), set(), None, False)
    assert got == reminders.Reminder("meal 19:00", "meal", "Anything to log since 12:30?")
    assert reminders.due(now, meals, None, {"meal 19:00"}, None, False) is None
    assert reminders.due(now, meals, None, set(), now - dt.timedelta(minutes=29), False) is None
    assert reminders.due(now, meals, None, set(), now - dt.timedelta(minutes=31),
                         False) is not None
    with pytest.raises(Exception, match="not a time"):
        reminders.parse_times("noon")
