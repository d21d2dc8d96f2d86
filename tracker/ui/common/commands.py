"""Undoable diary edits: each QUndoCommand calls services and says what changed.

Every run (the first, an undo, a redo) ends with one ``Changes`` published on
the ``ChangeBus``. A command that fails the first time it runs (bad input,
diary busy) marks itself obsolete so the undo stack drops it, and keeps the
error for the caller to show; a later undo or redo that fails is reported
through ``ChangeBus.failed``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtGui import QUndoCommand

from tracker.domain.changes import Changes
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
from tracker.ui.common.change_bus import ChangeBus

KIND_LABELS: dict[type, str] = {
    FoodEntry: "food", WaterEntry: "drink", CaffeineEntry: "caffeine",
    SupplementDose: "supplement dose", Episode: "episode",
}


def _add(ctx: Context, entry: Entry) -> None:
    # The service's TypeVar is constrained to single kinds; a command holds any kind.
    diary.add_entry(ctx, entry)


def _update(ctx: Context, entry: Entry) -> None:
    diary.update_entry(ctx, entry)


class DiaryCommand(QUndoCommand):
    """Runs ``_do``/``_undo``, publishes what they changed, and turns a UserError into a
    report instead of a crash."""

    def __init__(self, ctx: Context, bus: ChangeBus, text: str) -> None:
        super().__init__(text)
        self.ctx = ctx
        self.bus = bus
        self.error: UserError | None = None
        self._done_once = False

    def _do(self) -> Changes:
        raise NotImplementedError

    def _undo(self) -> Changes:
        raise NotImplementedError

    def _run(self, action: Callable[[], Changes]) -> None:
        try:
            changes = action()
        except UserError as exc:
            if not self._done_once:
                # First run: drop the command so the stack never holds an edit that
                # did not happen; the caller shows ``error`` and keeps the input.
                self.error = exc
                self.setObsolete(True)
            else:
                self.bus.failed.emit(exc.message)
            return
        self.bus.publish(changes)

    def redo(self) -> None:
        self._run(self._do)
        if self.error is None:
            self._done_once = True

    def undo(self) -> None:
        self._run(self._undo)


class AddEntry(DiaryCommand):
    """Log a new entry; undo deletes it, redo stores the very same entry (same id)."""

    def __init__(self, ctx: Context, bus: ChangeBus, entry: Entry) -> None:
        super().__init__(ctx, bus, f"Add {KIND_LABELS[type(entry)]}")
        self.entry = entry

    def _do(self) -> Changes:
        _add(self.ctx, self.entry)
        return Changes.of(self.entry)

    def _undo(self) -> Changes:
        diary.delete_entry(self.ctx, self.entry)
        return Changes.removed(self.entry)


class EditEntry(DiaryCommand):
    """Replace an entry's values; undo puts the old values back."""

    def __init__(self, ctx: Context, bus: ChangeBus, old: Entry, new: Entry) -> None:
        if old.id != new.id or type(old) is not type(new):
            raise ValueError("an edit keeps the entry's kind and id")
        super().__init__(ctx, bus, f"Edit {KIND_LABELS[type(new)]}")
        self.old = old
        self.new = new

    def _do(self) -> Changes:
        _update(self.ctx, self.new)
        return Changes.of(self.old, self.new)

    def _undo(self) -> Changes:
        _update(self.ctx, self.old)
        return Changes.of(self.new, self.old)


class DeleteEntry(DiaryCommand):
    """Delete an entry; undo re-adds it with the same id, so redo deletes it again."""

    def __init__(self, ctx: Context, bus: ChangeBus, entry: Entry) -> None:
        super().__init__(ctx, bus, f"Delete {KIND_LABELS[type(entry)]}")
        self.entry = entry

    def _do(self) -> Changes:
        diary.delete_entry(self.ctx, self.entry)
        return Changes.removed(self.entry)

    def _undo(self) -> Changes:
        _add(self.ctx, self.entry)
        return Changes.of(self.entry)


class CopyFoods(DiaryCommand):
    """Copy one day's foods to another ("copy the previous day"); undo removes the copies."""

    def __init__(self, ctx: Context, bus: ChangeBus, source: dt.date,
                 target: dt.date) -> None:
        super().__init__(ctx, bus, f"Copy foods of {source:%a %d %b}")
        self.source = source
        self.target = target
        self.copies: list[FoodEntry] = []

    def _do(self) -> Changes:
        if self.copies:  # redo stores the same copies (same ids) as the first run
            for entry in self.copies:
                diary.add_entry(self.ctx, entry)
        else:
            self.copies = diary.copy_foods(self.ctx, self.source, self.target)
        return Changes(dates=frozenset([self.target]), focus_date=self.target)

    def _undo(self) -> Changes:
        for entry in self.copies:
            diary.delete_entry(self.ctx, entry)
        return Changes(dates=frozenset([self.target]), focus_date=self.target)


class SetFactors(DiaryCommand):
    """Save a day's sleep, stress, exercise and completeness; undo restores the old ones."""

    def __init__(self, ctx: Context, bus: ChangeBus, old: DayFactors | None,
                 new: DayFactors) -> None:
        super().__init__(ctx, bus, f"Day factors of {new.date:%a %d %b}")
        self.old = old or DayFactors(new.date)
        self.new = new

    def _do(self) -> Changes:
        diary.set_factors(self.ctx, self.new)
        return Changes.of(self.new)

    def _undo(self) -> Changes:
        diary.set_factors(self.ctx, self.old)
        return Changes.of(self.old)
