"""The day view's table model: one row per entry, nutrients in registry units.

An unknown nutrient value shows as "?" (not 0), because a food without a
measured value must not read as containing none of it.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor, QIcon, QPixmap

from tracker.domain.entries import Entry
from tracker.domain.nutrients import FOCUS, nutrient
from tracker.ui.day_rows import DayRow

_Index = QModelIndex | QPersistentModelIndex

KIND_COLOURS: dict[str, str] = {
    "Food": "#2e7d32", "Drink": "#0277bd", "Water": "#0288d1", "Caffeine": "#6d4c41",
    "Supplement": "#7b1fa2", "Episode": "#c62828",
}
_FIXED = ("Time", "Kind", "What", "Amount")
COLUMN_COUNT = len(_FIXED) + len(FOCUS)
WHAT_COLUMN = 2
UNKNOWN = "?"


_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)


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


class DayModel(QAbstractTableModel):
    """Rows of one diary day, sorted by time; read-only, edits go through commands."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[DayRow] = []
        self._cells: list[tuple[str, ...]] = []
        self._colours = {kind: QColor(colour) for kind, colour in KIND_COLOURS.items()}
        self._swatches = {kind: _swatch(colour) for kind, colour in self._colours.items()}

    def set_rows(self, rows: list[DayRow]) -> None:
        # Texts are made once here; the view asks for them many times per paint.
        self.beginResetModel()
        self._rows = list(rows)
        self._cells = [tuple(self._display(row, column) for column in range(COLUMN_COUNT))
                       for row in self._rows]
        self.endResetModel()

    def rows(self) -> list[DayRow]:
        return list(self._rows)

    def entry_at(self, row: int) -> Entry | None:
        return self._rows[row].entry if 0 <= row < len(self._rows) else None

    def row_of(self, entry_id: str) -> int:
        """The row showing the entry with ``entry_id``, or -1."""
        return next((i for i, r in enumerate(self._rows) if r.entry.id == entry_id), -1)

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else COLUMN_COUNT

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            if section < len(_FIXED):
                return _FIXED[section]
            key = FOCUS[section - len(_FIXED)]
            return f"{_short_label(key)}\n{unit_text(nutrient(key).unit)}"
        if role == Qt.ItemDataRole.ToolTipRole and section >= len(_FIXED):
            key = FOCUS[section - len(_FIXED)]
            return f"{nutrient(key).label} in this entry; ? means the food's value is unknown"
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        row_number = index.row()
        if not 0 <= row_number < len(self._rows):
            return None
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._cells[row_number][column]
        if column == 1 and role == Qt.ItemDataRole.DecorationRole:
            return self._swatches[self._rows[row_number].kind]
        if column == 1 and role == Qt.ItemDataRole.ForegroundRole:
            return self._colours[self._rows[row_number].kind]
        if role == Qt.ItemDataRole.TextAlignmentRole and column >= len(_FIXED):
            return _RIGHT
        if role == Qt.ItemDataRole.ToolTipRole:
            text = self._cells[row_number][column]
            if column >= len(_FIXED) and text == UNKNOWN:
                return "Not known for this food in the reference data"
            return text or None
        if role == Qt.ItemDataRole.UserRole:
            return self._rows[row_number].entry
        return None

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
