"""A table model over food search results: the food's name and its group, own foods marked.

Rows may be headings ("Saved meals", "Recent", "Frequent") between groups of
results; a heading is shown bold, cannot be selected, and arrow keys skip it.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor, QFont
from PySide6.QtWidgets import QWidget

from tracker.domain.foods import CUSTOM_PREFIX, MEAL_PREFIX, RECIPE_PREFIX, FoodHit
from tracker.services.foods.catalog import CUSTOM_GROUP

_Index = QModelIndex | QPersistentModelIndex
MY_FOOD = "My food"
MY_RECIPE = "My recipe"
MY_MEAL = "Saved meal"
HEADERS = ("Food", "Kind")
HEADING_TEXT = "#2b2b2b"
HEADING_BACKGROUND = "#e4e8ee"


def is_custom(hit: FoodHit) -> bool:
    """The person's own: a custom food, a recipe or a saved meal."""
    return hit.id.startswith((CUSTOM_PREFIX, RECIPE_PREFIX, MEAL_PREFIX))


def kind_text(hit: FoodHit) -> str:
    if hit.id.startswith(RECIPE_PREFIX):
        return MY_RECIPE
    if hit.id.startswith(MEAL_PREFIX):
        return MY_MEAL
    if hit.id.startswith(CUSTOM_PREFIX):
        return MY_FOOD if hit.group == CUSTOM_GROUP else f"{MY_FOOD} · {hit.group}"
    return hit.group


class FoodSearchModel(QAbstractTableModel):
    """Rows of ``FoodHit`` (the hit under ``Qt.UserRole``) and group headings."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._rows: list[FoodHit | str] = []

    def set_hits(self, hits: Sequence[FoodHit]) -> None:
        self.set_rows(hits)

    def set_groups(self, groups: Sequence[tuple[str, Sequence[FoodHit]]]) -> None:
        """Labelled groups, each heading followed by its hits; empty groups are left out."""
        rows: list[FoodHit | str] = []
        for title, hits in groups:
            if hits:
                rows += [title, *hits]
        self.set_rows(rows)

    def set_rows(self, rows: Sequence[FoodHit | str]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def hits(self) -> list[FoodHit]:
        return [row for row in self._rows if isinstance(row, FoodHit)]

    def headings(self) -> list[str]:
        return [row for row in self._rows if isinstance(row, str)]

    def hit_at(self, row: int) -> FoodHit | None:
        found = self._rows[row] if 0 <= row < len(self._rows) else None
        return found if isinstance(found, FoodHit) else None

    def first_hit_row(self) -> int:
        return next((i for i, row in enumerate(self._rows) if isinstance(row, FoodHit)), -1)

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._rows)

    def flags(self, index: _Index) -> Qt.ItemFlag:
        if index.isValid() and isinstance(self._rows[index.row()], str):
            return Qt.ItemFlag.NoItemFlags  # a heading: not picked, skipped by the keys
        return super().flags(index)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if (orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole
                and 0 <= section < len(HEADERS)):
            return HEADERS[section]
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        if isinstance(row, str):
            return self._heading(row, index.column(), role)
        hit = row
        if role == Qt.ItemDataRole.DisplayRole:
            return hit.name if index.column() == 0 else kind_text(hit)
        if role == Qt.ItemDataRole.ToolTipRole:
            also = f"\nAlso called: {', '.join(hit.common_names)}" if hit.common_names else ""
            return f"{hit.name}{also}"
        if role == Qt.ItemDataRole.FontRole and index.column() == 0 and is_custom(hit):
            font = QFont()
            font.setItalic(True)
            return font
        if role == Qt.ItemDataRole.ForegroundRole and index.column() == 1:
            return Qt.GlobalColor.darkGray
        if role == Qt.ItemDataRole.UserRole:
            return hit
        return None

    @staticmethod
    def _heading(title: str, column: int, role: int) -> object:
        if role == Qt.ItemDataRole.DisplayRole:
            return title if column == 0 else ""
        if role == Qt.ItemDataRole.FontRole:
            font = QFont()
            font.setBold(True)
            return font
        # A heading cannot be picked, but it must read as clearly as the rows it heads.
        if role == Qt.ItemDataRole.ForegroundRole:
            return QColor(HEADING_TEXT)
        if role == Qt.ItemDataRole.BackgroundRole:
            return QColor(HEADING_BACKGROUND)
        if role == Qt.ItemDataRole.AccessibleTextRole and column == 0:
            return f"{title}:"
        return None
