"""The day view's table model: one row per entry, nutrients in registry units.

An unknown nutrient value shows as "?" (not 0), because a food without a
measured value must not read as containing none of it.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QIcon,
    QPainter,
    QPixmap,
    QStandardItem,
    QStandardItemModel,
)

from tracker.domain.entries import Entry
from tracker.domain.nutrients import FOCUS, nutrient
from tracker.ui.day.day_rows import DayRow

KIND_COLOURS: dict[str, str] = {
    "Food": "#2e7d32", "Drink": "#0277bd", "Water": "#0288d1", "Caffeine": "#6d4c41",
    "Supplement": "#7b1fa2", "Episode": "#c62828",
}
# The letter in each kind's box, so the kinds differ by more than colour.
KIND_LETTERS: dict[str, str] = {
    "Food": "F", "Drink": "D", "Water": "W", "Caffeine": "C", "Supplement": "S",
    "Episode": "E",
}
_FIXED = ("Time", "Kind", "What", "Amount")
COLUMN_COUNT = len(_FIXED) + len(FOCUS)
TIME_COLUMN, KIND_COLUMN, WHAT_COLUMN, AMOUNT_COLUMN = range(len(_FIXED))
NUMBER_COLUMNS = tuple(range(len(_FIXED), COLUMN_COUNT))
UNKNOWN = "?"
# Short headers keep the nutrient columns as narrow as their numbers; the
# tooltip and the accessible name give the full name.
_SHORT_LABELS = {"magnesium": "Mg", "calcium": "Ca", "vitamin_d": "Vit D",
                 "vitamin_b12": "B12"}
_ICON_SIZES = (16, 24, 32, 48)


_RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter


def kind_icon(kind: str, colour: QColor) -> QIcon:
    """A rounded box in the kind's colour with its initial, drawn for each screen scale.

    Made once per model: the view then paints plain pixmaps, with no Python per cell.
    """
    icon = QIcon()
    for size in _ICON_SIZES:
        pixmap = QPixmap(size, size)
        pixmap.fill(Qt.GlobalColor.transparent)
        painter = QPainter(pixmap)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(colour)
        box = QRectF(0.5, 0.5, size - 1.0, size - 1.0)
        painter.drawRoundedRect(box, size / 5, size / 5)
        font = QFont()
        font.setBold(True)
        font.setPixelSize(round(size * 0.68))
        painter.setFont(font)
        painter.setPen(QColor("white"))
        painter.drawText(box, Qt.AlignmentFlag.AlignCenter, KIND_LETTERS[kind])
        painter.end()
        icon.addPixmap(pixmap)
    return icon


def unit_text(unit: str) -> str:
    return "µg" if unit == "ug" else unit


_HEADERS: tuple[str, ...] = (*_FIXED, *(
    f"{_SHORT_LABELS[key]}\n{unit_text(nutrient(key).unit)}" for key in FOCUS))
_HEADER_NAMES: tuple[str, ...] = (
    "Time", "Kind of entry", "What", "Amount",
    *(f"{nutrient(key).label}, {unit_text(nutrient(key).unit)}" for key in FOCUS))
_HEADER_TIPS: tuple[str | None, ...] = (
    None, "Kind of entry: F food, D drink, W water, C caffeine, S supplement, E episode",
    None, None, *(
        f"{nutrient(key).label} ({unit_text(nutrient(key).unit)}) in this entry; ? means "
        "the food's value is unknown" for key in FOCUS))


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
        # Drawn the first time a row of the kind shows (not all six before the first paint).
        self._icons: dict[str, QIcon] = {}
        for column, title in enumerate(_HEADERS):
            header = QStandardItem(title)
            header.setData(_HEADER_NAMES[column], Qt.ItemDataRole.AccessibleTextRole)
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
            if column == KIND_COLUMN:
                # The box alone shows the kind; its word is the tooltip and what a
                # screen reader says.
                item.setIcon(self._icon(row.kind))
                item.setToolTip(row.kind)
                item.setData(row.kind, Qt.ItemDataRole.AccessibleTextRole)
                item.setData(f"Kind of entry: {row.kind}",
                             Qt.ItemDataRole.AccessibleDescriptionRole)
            elif column >= len(_FIXED):
                item.setTextAlignment(_RIGHT)
                if text == UNKNOWN:
                    item.setToolTip("Not known for this food in the reference data")
            elif text:
                item.setToolTip(text)
            items.append(item)
        return items

    def _icon(self, kind: str) -> QIcon:
        if kind not in self._icons:
            self._icons[kind] = kind_icon(kind, self._colours[kind])
        return self._icons[kind]

    def rows(self) -> list[DayRow]:
        return list(self._rows)

    def entry_at(self, row: int) -> Entry | None:
        return self._rows[row].entry if 0 <= row < len(self._rows) else None

    def row_of(self, entry_id: str) -> int:
        """The row showing the entry with ``entry_id``, or -1."""
        return next((i for i, r in enumerate(self._rows) if r.entry.id == entry_id), -1)

    def texts(self, column: int, first: int = 0, last: int = -1) -> list[str]:
        """What ``column`` shows on rows ``first`` to ``last`` (default: all), for sizing it."""
        end = len(self._rows) if last < 0 else last + 1
        return [self._display(row, column) for row in self._rows[first:end]]

    @staticmethod
    def _display(row: DayRow, column: int) -> str:
        if column == TIME_COLUMN:
            return row.time.strftime("%H:%M")
        if column == KIND_COLUMN:
            return ""
        if column == WHAT_COLUMN:
            return row.description
        if column == AMOUNT_COLUMN:
            return row.amount
        key = FOCUS[column - len(_FIXED)]
        if key not in row.focus:
            return ""
        value = row.focus[key]
        if value is None:
            return UNKNOWN
        return f"{value:.{nutrient(key).decimals}f}"
