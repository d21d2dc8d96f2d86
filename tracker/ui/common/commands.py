"""Undoable diary edits: each QUndoCommand calls one service and reports what happened.

A command that fails the first time it runs (bad input, diary busy) marks itself
obsolete so the undo stack drops it, and keeps the error for the caller to show.
A later undo or redo that fails is reported through ``DiaryEvents.editFailed``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoCommand

from tracker.domain.entries import (
    CaffeineEntry,
    DayFactors,
    Entry,
    Episode,
    FoodEntry,
    SupplementDose,
    WaterEntry,
)
from tracker.domain.errors import UserError
from tracker.services import diary
from tracker.services.context import Context

KIND_LABELS: dict[type, str] = {
    FoodEntry: "food", WaterEntry: "drink", CaffeineEntry: "caffeine",
    SupplementDose: "supplement dose", Episode: "episode",
}


def _add(ctx: Context, entry: Entry) -> None:
    # The service's TypeVar is constrained to single kinds; a command holds any kind.
    diary.add_entry(ctx, entry)


def _update(ctx: Context, entry: Entry) -> None:
    diary.update_entry(ctx, entry)


class DiaryEvents(QObject):
    """What the commands did to the diary, for the views to follow."""

    entryAdded = Signal(object)
    entryChanged = Signal(object)
    entryDeleted = Signal(object)
    factorsChanged = Signal(object)
    foodsCopied = Signal(object)
    editFailed = Signal(str)


class DiaryCommand(QUndoCommand):
    """Runs ``_do``/``_undo`` and turns a UserError into a report instead of a crash."""

    def __init__(self, ctx: Context, events: DiaryEvents, text: str) -> None:
        super().__init__(text)
        self.ctx = ctx
        self.events = events
        self.error: UserError | None = None
        self._done_once = False

    def _do(self) -> None:
        raise NotImplementedError

    def _undo(self) -> None:
        raise NotImplementedError

    def _run(self, action: Callable[[], None]) -> None:
        try:
            action()
        except UserError as exc:
            if not self._done_once:
                # First run: drop the command so the stack never holds an edit that
                # did not happen; the caller shows ``error`` and keeps the input.
                self.error = exc
                self.setObsolete(True)
            else:
                self.events.editFailed.emit(exc.message)

    def redo(self) -> None:
        self._run(self._do)
        if self.error is None:
            self._done_once = True

    def undo(self) -> None:
        self._run(self._undo)


class AddEntry(DiaryCommand):
    """Log a new entry; undo deletes it, redo stores the very same entry (same id)."""

    def __init__(self, ctx: Context, events: DiaryEvents, entry: Entry) -> None:
        super().__init__(ctx, events, f"Add {KIND_LABELS[type(entry)]}")
        self.entry = entry

    def _do(self) -> None:
        _add(self.ctx, self.entry)
        self.events.entryAdded.emit(self.entry)

    def _undo(self) -> None:
        diary.delete_entry(self.ctx, self.entry)
        self.events.entryDeleted.emit(self.entry)


class EditEntry(DiaryCommand):
    """Replace an entry's values; undo puts the old values back."""

    def __init__(self, ctx: Context, events: DiaryEvents, old: Entry, new: Entry) -> None:
        if old.id != new.id or type(old) is not type(new):
            raise ValueError("an edit keeps the entry's kind and id")
        super().__init__(ctx, events, f"Edit {KIND_LABELS[type(new)]}")
        self.old = old
        self.new = new

    def _do(self) -> None:
        _update(self.ctx, self.new)
        self.events.entryChanged.emit(self.new)

    def _undo(self) -> None:
        _update(self.ctx, self.old)
        self.events.entryChanged.emit(self.old)


class DeleteEntry(DiaryCommand):
    """Delete an entry; undo re-adds it with the same id, so redo deletes it again."""

    def __init__(self, ctx: Context, events: DiaryEvents, entry: Entry) -> None:
        super().__init__(ctx, events, f"Delete {KIND_LABELS[type(entry)]}")
        self.entry = entry

    def _do(self) -> None:
        diary.delete_entry(self.ctx, self.entry)
        self.events.entryDeleted.emit(self.entry)

    def _undo(self) -> None:
        _add(self.ctx, self.entry)
        self.events.entryAdded.emit(self.entry)


class CopyFoods(DiaryCommand):
    """Copy one day's foods to another ("copy yesterday"); undo removes the copies."""

    def __init__(self, ctx: Context, events: DiaryEvents, source: dt.date,
                 target: dt.date) -> None:
        super().__init__(ctx, events, f"Copy foods of {source:%a %d %b}")
        self.source = source
        self.target = target
        self.copies: list[FoodEntry] = []

    def _do(self) -> None:
        if self.copies:  # redo stores the same copies (same ids) as the first run
            for entry in self.copies:
                diary.add_entry(self.ctx, entry)
        else:
            self.copies = diary.copy_foods(self.ctx, self.source, self.target)
        self.events.foodsCopied.emit(self.target)

    def _undo(self) -> None:
        for entry in self.copies:
            diary.delete_entry(self.ctx, entry)
        self.events.foodsCopied.emit(self.target)


class SetFactors(DiaryCommand):
    """Save a day's sleep, stress, exercise and completeness; undo restores the old ones."""

    def __init__(self, ctx: Context, events: DiaryEvents, old: DayFactors | None,
                 new: DayFactors) -> None:
        super().__init__(ctx, events, f"Day factors of {new.date:%a %d %b}")
        self.old = old or DayFactors(new.date)
        self.new = new

    def _do(self) -> None:
        diary.set_factors(self.ctx, self.new)
        self.events.factorsChanged.emit(self.new)

    def _undo(self) -> None:
        diary.set_factors(self.ctx, self.old)
        self.events.factorsChanged.emit(self.old)
