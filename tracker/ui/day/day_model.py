"""The day view's table model: one row per entry, nutrients in registry units.

An unknown nutrient value shows as "?" (not 0), because a food without a
measured value must not read as containing none of it.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QIcon, QPixmap, QStandardItem, QStandardItemModel

from tracker.domain.entries import Entry
from tracker.domain.nutrients import FOCUS, nutrient
from tracker.ui.day.day_rows import DayRow

KIND_COLOURS: dict[str, str] = {
    "Food": "#2e7d32", "Drink": "#0277bd", "Water": "#0288d1", "Caffeine": "#6d4c41",
    "Supplement": "#7b1fa2", "Episode": "#c62828",
}
_FIXED = ("Time", "Kind", "What", "Amount")
COLUMN_COUNT = len(_FIXED) + len(FOCUS)
WHAT_COLUMN = 2
UNKNOWN = "?"


_RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter


def _swatch(colour: QColor) -> QIcon:
    # Made once: a bare QColor decoration would have the view build a pixmap per cell
    # on every paint.
    pixmap = QPixmap(12, 12)
    pixmap.fill(colour)
    return QIcon(pixmap)


def unit_text(unit: str) -> str:
    return "µg" if unit == "ug" else unit


def _short_label(key: str) -> str:
    label = nutrient(key).label
    return label.replace("Vitamin ", "Vit. ") if key == "vitamin_d" else label.replace(
        "Vitamin ", "")


_HEADERS: tuple[str, ...] = (*_FIXED, *(
    f"{_short_label(key)}\n{unit_text(nutrient(key).unit)}" for key in FOCUS))
_HEADER_TIPS: tuple[str | None, ...] = (*(None for _ in _FIXED), *(
    f"{nutrient(key).label} in this entry; ? means the food's value is unknown"
    for key in FOCUS))


def _one_inserted(old: list[str], new: list[str]) -> int | None:
    """The position of the one id ``new`` adds to ``old``, all else in order; else None."""
    if len(new) != len(old) + 1:
        return None
    position = next((i for i, (a, b) in enumerate(zip(old, new, strict=False)) if a != b),
                    len(old))
    return position if new[:position] + new[position + 1:] == old else None


class DayModel(QStandardItemModel):
    """Rows of one diary day, sorted by time; read-only, edits go through commands.

    The cells live in Qt's own item storage rather than behind a Python ``data()``:
    the view then paints without calling into Python once per cell and role, which
    is what lets an added entry show within one frame. The domain entries stay in
    ``rows()``, the one source the cells are made from.
    """

    def __init__(self, parent: Any = None) -> None:
        super().__init__(0, COLUMN_COUNT, parent)
        self._rows: list[DayRow] = []
        self._colours = {kind: QColor(colour) for kind, colour in KIND_COLOURS.items()}
        self._swatches = {kind: _swatch(colour) for kind, colour in self._colours.items()}
        for column, title in enumerate(_HEADERS):
            header = QStandardItem(title)
            tip = _HEADER_TIPS[column]
            if tip:
                header.setToolTip(tip)
            self.setHorizontalHeaderItem(column, header)

    def set_rows(self, rows: list[DayRow]) -> None:
        ids = [r.entry.id for r in rows]
        inserted = _one_inserted([r.entry.id for r in self._rows], ids)
        if inserted is not None and rows[:inserted] + rows[inserted + 1:] == self._rows:
            # The common case, one new entry: an insert keeps the rows above as they
            # are, so the view repaints only what moved.
            self._rows = list(rows)
            self.insertRow(inserted, self._items(rows[inserted]))
            return
        self.beginResetModel()
        self.blockSignals(True)
        try:
            self.setRowCount(0)
            for row in rows:
                self.appendRow(self._items(row))
        finally:
            self.blockSignals(False)
        self._rows = list(rows)
        self.endResetModel()

    def _items(self, row: DayRow) -> list[QStandardItem]:
        items = []
        for column in range(COLUMN_COUNT):
            text = self._display(row, column)
            item = QStandardItem(text)
            item.setEditable(False)
            item.setData(row.entry, Qt.ItemDataRole.UserRole)
            if column == 1:
                item.setIcon(self._swatches[row.kind])
                item.setForeground(self._colours[row.kind])
            if column >= len(_FIXED):
                item.setTextAlignment(_RIGHT)
                if text == UNKNOWN:
                    item.setToolTip("Not known for this food in the reference data")
            elif text:
                item.setToolTip(text)
            items.append(item)
        return items

    def rows(self) -> list[DayRow]:
        return list(self._rows)

    def entry_at(self, row: int) -> Entry | None:
        return self._rows[row].entry if 0 <= row < len(self._rows) else None

    def row_of(self, entry_id: str) -> int:
        """The row showing the entry with ``entry_id``, or -1."""
        return next((i for i, r in enumerate(self._rows) if r.entry.id == entry_id), -1)

    @staticmethod
    def _display(row: DayRow, column: int) -> str:
        if column == 0:
            return row.time.strftime("%H:%M")
        if column == 1:
            return row.kind
        if column == 2:
            return row.description
        if column == 3:
            return row.amount
        key = FOCUS[column - len(_FIXED)]
        if key not in row.focus:
            return ""
        value = row.focus[key]
        if value is None:
            return UNKNOWN
        return f"{value:.{nutrient(key).decimals}f}"
