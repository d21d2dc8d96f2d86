"""An import as one undoable step: undo takes back everything it added or changed."""

from __future__ import annotations

from tracker.domain.changes import Changes
from tracker.services.context import Context
from tracker.services.transfer.importer import ImportReceipt, redo_import, undo_import
from tracker.ui.common.change_bus import ChangeBus
from tracker.ui.common.commands import DiaryCommand


class ImportBundle(DiaryCommand):
    """An import the Import window wrote (off the GUI thread) before this command is
    pushed, so its first run only announces it; undo and redo then rewrite the diary."""

    def __init__(self, ctx: Context, bus: ChangeBus, receipt: ImportReceipt) -> None:
        super().__init__(ctx, bus, f"Import {receipt.plan.source.name}")
        self.receipt = receipt
        self._written = True

    def _do(self) -> Changes:
        if self._written:
            self._written = False
        else:
            redo_import(self.ctx, self.receipt)
        return Changes.whole_diary()

    def _undo(self) -> Changes:
        undo_import(self.ctx, self.receipt)
        return Changes.whole_diary()
