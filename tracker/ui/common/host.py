"""What a dialog flow needs from the window that opens it, as a type mypy can check.

Flows and dialogs depend on this protocol rather than on the main window class,
so the window can import them without an import cycle.
"""

from __future__ import annotations

import datetime as dt
from typing import Protocol

from PySide6.QtGui import QUndoStack

from tracker.config import Settings
from tracker.domain.entries import Entry
from tracker.services.context import Context
from tracker.ui.common.change_bus import ChangeBus


class DiaryHost(Protocol):
    """The open diary, its settings, undo stack and broadcast, and the day on show."""

    ctx: Context
    settings: Settings
    bus: ChangeBus
    undo_stack: QUndoStack
    quick_intensity: int

    @property
    def date(self) -> dt.date: ...

    def today(self) -> dt.date: ...

    def now_time(self) -> dt.time: ...

    def save_entry(self, entry: Entry, old: Entry | None = None) -> None: ...

    def show_error(self, message: str) -> None: ...
