"""The search half of the food dialog: a field searched as you type and the matching foods.

With the field empty it lists the person's saved meals, the foods they logged
lately and the foods they log most, as three labelled groups. Keys follow
what a keyboard user expects: Down moves into the list, Up from the first
row goes back, Enter picks (the best match, from the field).
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QModelIndex, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTreeView,
    QWidget,
)

from tracker.domain.errors import UserError
from tracker.domain.foods import FoodHit
from tracker.services.context import Context
from tracker.services.foods import catalog as foods
from tracker.services.foods.recent import quick_picks
from tracker.ui.foods.food_search_model import FoodSearchModel

SEARCH_DELAY_MS = 120
RESULT_LIMIT = 40
RECENT_LIMIT = 8
GROUP_TITLES = ("Saved meals", "Recent", "Frequent")
# Wide enough for most SR28 group names; the food's own name gets the rest.
KIND_COLUMN_WIDTH = 230
_ENTER_KEYS = (Qt.Key.Key_Return, Qt.Key.Key_Enter)


class FoodSearchPanel(QObject):
    """Owns the search field, caption and results view that the dialog lays out."""

    highlighted = Signal(object)  # FoodHit under the cursor (click or arrow keys)
    picked = Signal(object)  # FoodHit chosen with Enter or a double click
    enteredWithoutMatch = Signal()
    searchFailed = Signal(object)  # UserError

    def __init__(self, ctx: Context, parent: QWidget, *, meals: bool = True) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self._meals = meals
        self.search_edit = QLineEdit(parent)
        self.search_edit.setPlaceholderText("Type a food, e.g. spinach, milk, almonds")
        self.search_edit.setClearButtonEnabled(True)
        self.caption = QLabel(parent)
        self.caption.setStyleSheet("color: #555;")
        self.model = FoodSearchModel(parent)
        self.results = QTreeView(parent)
        self.results.setModel(self.model)
        self.results.setRootIsDecorated(False)
        self.results.setUniformRowHeights(True)
        self.results.setAlternatingRowColors(True)
        self.results.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.results.setMinimumHeight(200)
        header = self.results.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Interactive)
        header.resizeSection(1, KIND_COLUMN_WIDTH)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(SEARCH_DELAY_MS)
        self._timer.timeout.connect(self.run_search)
        self.search_edit.textEdited.connect(lambda _text: self._timer.start())
        self.search_edit.installEventFilter(self)
        self.results.installEventFilter(self)
        self.results.selectionModel().currentChanged.connect(self._highlight_row)
        self.results.activated.connect(self._pick_row)

    def run_search(self) -> None:
        """Show matches for the typed text, or the person's usual meals and foods when empty."""
        self._timer.stop()
        query = self.search_edit.text().strip()
        try:
            if query:
                self.model.set_hits(foods.search_foods(self._ctx, query, RESULT_LIMIT,
                                                       meals=self._meals))
            else:
                picks = quick_picks(self._ctx, RECENT_LIMIT)
                self.model.set_groups(list(zip(GROUP_TITLES, (
                    picks.meals if self._meals else [], picks.recent, picks.frequent),
                    strict=True)))
        except UserError as error:
            self.searchFailed.emit(error)
            return
        found = bool(self.model.hits())
        if query:
            caption = (f"Best matches for “{query}”" if found else
                       f"No food matches “{query}”. Check the spelling, try fewer words, "
                       "or create a custom food.")
        else:
            caption = ("Your saved meals and recent and frequent foods (type above to search "
                       "all foods)" if found else
                       "Foods you log will be listed here for one-click adding.")
        self.caption.setText(caption)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() != QEvent.Type.KeyPress or not isinstance(event, QKeyEvent):
            return super().eventFilter(watched, event)
        key = event.key()
        if watched is self.search_edit:
            if key == Qt.Key.Key_Down and self.model.hits():
                self._focus_results()
                return True
            if key in _ENTER_KEYS:
                # Enter in the field picks the best match rather than closing the dialog.
                if self._timer.isActive():
                    self.run_search()
                if self.model.hits():
                    current = self.results.currentIndex()
                    first = self.model.index(self.model.first_hit_row(), 0)
                    self._pick_row(current if current.isValid() else first)
                else:
                    self.enteredWithoutMatch.emit()
                return True
        if watched is self.results:
            if key in _ENTER_KEYS:
                self._pick_row(self.results.currentIndex())
                return True
            if key == Qt.Key.Key_Up and (self.results.currentIndex().row()
                                         <= self.model.first_hit_row()):
                self.search_edit.setFocus()
                return True
        return super().eventFilter(watched, event)

    def _focus_results(self) -> None:
        self.results.setFocus()
        if not self.results.currentIndex().isValid():
            self.results.setCurrentIndex(self.model.index(self.model.first_hit_row(), 0))

    def _highlight_row(self, current: QModelIndex) -> None:
        hit = self.model.hit_at(current.row()) if current.isValid() else None
        if hit is not None:
            self.highlighted.emit(hit)

    def _pick_row(self, index: QModelIndex) -> None:
        hit: FoodHit | None = self.model.hit_at(index.row()) if index.isValid() else None
        if hit is not None:
            self.picked.emit(hit)
