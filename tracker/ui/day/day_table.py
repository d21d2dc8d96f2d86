"""The day's entries as a table: one row per entry, widths set once from the font."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QWidget

from tracker.domain.entries import Entry
from tracker.ui.day.day_model import WHAT_COLUMN, DayModel

# Typical widest contents per column (the "What" column stretches instead).
_COLUMN_SAMPLES = {0: "00:00", 1: "■ Supplement", 3: "225 g · 1.5 cup, diced"}
_NUMBER_SAMPLE = "9999.99"


class DayTable(QTableView):
    """Read-only rows, selected whole; editing goes through the window's commands."""

    def __init__(self, model: DayModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setModel(model)
        self.day_model = model
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setAlternatingRowColors(True)
        self.setWordWrap(False)
        self.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.setAccessibleName("Entries of the day")
        self._size_columns()

    def _size_columns(self) -> None:
        # Widths from the font, not from the contents: measuring every cell on each
        # change would cost more than the 16 ms an added entry may take to show.
        header = self.horizontalHeader()
        metrics = self.fontMetrics()
        padding = metrics.horizontalAdvance("MM")
        for column in range(self.day_model.columnCount()):
            title = str(self.day_model.headerData(column, Qt.Orientation.Horizontal))
            lines = [*title.splitlines(), _COLUMN_SAMPLES.get(column, _NUMBER_SAMPLE)]
            header.resizeSection(column, max(map(metrics.horizontalAdvance, lines)) + padding)
        header.setSectionResizeMode(WHAT_COLUMN, QHeaderView.ResizeMode.Stretch)
        header.setMinimumSectionSize(metrics.horizontalAdvance("00:00") + padding // 2)
        rows = self.verticalHeader()
        rows.hide()
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        rows.setDefaultSectionSize(metrics.height() + metrics.height() // 2)

    def selected_entry(self) -> Entry | None:
        rows = self.selectionModel().selectedRows()
        return self.day_model.entry_at(rows[0].row()) if rows else None

    def select_entry(self, entry_id: str) -> None:
        row = self.day_model.row_of(entry_id)
        if row >= 0:
            self.selectRow(row)
