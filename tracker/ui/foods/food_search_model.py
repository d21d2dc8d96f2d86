"""A table model over food search results: the food's name and its group, custom foods marked."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QWidget

from tracker.domain.foods import FoodHit
from tracker.services.foods import CUSTOM_GROUP

_Index = QModelIndex | QPersistentModelIndex
MY_FOOD = "My food"
HEADERS = ("Food", "Kind")


def is_custom(hit: FoodHit) -> bool:
    return hit.id.startswith("custom:")


class FoodSearchModel(QAbstractTableModel):
    """Rows of ``FoodHit``; the hit itself is under ``Qt.UserRole``."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._hits: list[FoodHit] = []

    def set_hits(self, hits: Sequence[FoodHit]) -> None:
        self.beginResetModel()
        self._hits = list(hits)
        self.endResetModel()

    def hits(self) -> list[FoodHit]:
        return list(self._hits)

    def hit_at(self, row: int) -> FoodHit | None:
        return self._hits[row] if 0 <= row < len(self._hits) else None

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._hits)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if (orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole
                and 0 <= section < len(HEADERS)):
            return HEADERS[section]
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        hit = self.hit_at(index.row()) if index.isValid() else None
        if hit is None:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            if index.column() == 0:
                return hit.name
            if is_custom(hit):
                return MY_FOOD if hit.group == CUSTOM_GROUP else f"{MY_FOOD} · {hit.group}"
            return hit.group
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
