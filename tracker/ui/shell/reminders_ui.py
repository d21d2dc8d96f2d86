"""Reminders while the app runs: a tray notification, or a banner in the window without one.

The rules (when, how often, never just after a log) are in
``tracker.domain.reminders``; this module only asks them once a minute, with
the window's injectable clock, and shows what they say. Nothing runs while
reminders are off, and the timer stops when the app quits.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QWidget

from tracker.domain import reminders
from tracker.domain.errors import UserError
from tracker.services import diary

if TYPE_CHECKING:
    from tracker.ui.shell.main_window import MainWindow
    from tracker.ui.shell.tray import Tray

TICK_MS = 60_000


class ReminderBanner(QFrame):
    """A non-modal strip above the day: the message, an optional action, and Dismiss."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("reminder_banner")
        self.setStyleSheet("#reminder_banner { background: #e8f1fb; border: 1px solid #9fc3e6;"
                           " border-radius: 4px; } QLabel { color: #1f3a57; }")
        self.message = QLabel(self)
        self.message.setWordWrap(True)
        self.action_button = QPushButton(self)
        self.dismiss_button = QPushButton("Dismiss", self)
        row = QHBoxLayout(self)
        row.setContentsMargins(8, 4, 8, 4)
        row.addWidget(self.message, 1)
        row.addWidget(self.action_button)
        row.addWidget(self.dismiss_button)
        self.dismiss_button.clicked.connect(self.hide)
        self._action: object = None
        self.action_button.clicked.connect(self._run_action)
        self.hide()

    def show_message(self, text: str, action_text: str = "", action: object = None) -> None:
        self.message.setText(text)
        self._action = action
        self.action_button.setText(action_text)
        self.action_button.setVisible(bool(action_text))
        self.show()

    def _run_action(self) -> None:
        action = self._action
        self.hide()
        if callable(action):
            action()


class Reminders(QObject):
    """Checks the reminder rules each minute while on; ``check()`` is the one step tests call."""

    def __init__(self, window: MainWindow, tray: Tray | None) -> None:
        super().__init__(window)
        self.window = window
        self.tray = tray
        self.fired: set[str] = set()
        self._fired_day: dt.date | None = None
        self.last_shown: reminders.Reminder | None = None
        self.timer = QTimer(self)
        self.timer.setInterval(TICK_MS)
        self.timer.timeout.connect(self.check)
        if tray is not None and tray.icon is not None:
            tray.icon.messageClicked.connect(self._notification_clicked)
        self.apply_settings()

    @property
    def enabled(self) -> bool:
        return bool(self.window.settings.get("reminders"))

    def apply_settings(self) -> None:
        """Start or stop with the setting (called again after Settings is saved)."""
        if self.enabled:
            self.timer.start()
        else:
            self.timer.stop()

    def stop(self) -> None:
        self.timer.stop()

    def _times(self) -> tuple[tuple[dt.time, ...], dt.time | None]:
        settings = self.window.settings
        try:
            meals = reminders.parse_times(str(settings.get("meal_times")))
            evening = reminders.parse_times(str(settings.get("evening_time")))
        except UserError:
            return (), None
        return meals, (evening[0] if evening else None)

    def check(self) -> reminders.Reminder | None:
        """Show the reminder due now, if any; returns it."""
        if not self.enabled:
            return None
        now = self.window.clock()
        if self._fired_day != now.date():
            self.fired, self._fired_day = set(), now.date()
        meals, evening = self._times()
        factors = diary.day(self.window.ctx, now.date()).factors
        due = reminders.due(now, meals, evening, self.fired, self.window.last_logged_at,
                            bool(factors and factors.complete))
        if due is None:
            return None
        self.fired.add(due.key)
        self.last_shown = due
        shown = self.tray is not None and self.tray.notify("Nutrient Tracker", due.message)
        if not shown:
            if due.kind == "evening":
                self.window.banner.show_message(due.message, "Complete",
                                                self.window.mark_today_complete)
            else:
                self.window.banner.show_message(due.message, "Open diary",
                                                self.window.show_and_raise)
        return due

    def _notification_clicked(self) -> None:
        if self.last_shown is not None and self.last_shown.kind == "evening":
            self.window.mark_today_complete()
        self.window.show_and_raise()

    def missed_day_note(self) -> str | None:
        """At start: a note about a day with nothing logged since the app was last open."""
        settings = self.window.settings
        today = self.window.clock().date()
        try:
            last_open = dt.date.fromisoformat(str(settings.get("last_open_date")))
        except ValueError:
            last_open = None
        settings.set("last_open_date", today.isoformat())
        if not self.enabled or last_open is None:
            return None
        logged = diary.days_with_entries(self.window.ctx, last_open, today)
        note = reminders.missed_day_note(today, last_open, logged)
        if note:
            self.window.banner.show_message(note, "Show that day", lambda: self.window.show_date(
                min(d for d in _days(last_open, today) if d not in logged)))
        return note


def _days(first: dt.date, last: dt.date) -> list[dt.date]:
    return [first + dt.timedelta(days=i) for i in range((last - first).days)]
