"""Log → My foods, recipes and meals: the person's own foods, to edit or delete.

Deleting something entries use is refused with what uses it; every change is
one undo step of the window.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from tracker.domain.changes import Changes
from tracker.domain.errors import UserError
from tracker.domain.foods import MEAL_PREFIX, FoodHit
from tracker.services.context import Context
from tracker.services.foods import catalog as foods
from tracker.ui.foods.food_search_model import FoodSearchModel

if TYPE_CHECKING:
    from tracker.ui.foods.food_flows import FoodFlows


class OwnFoodsDialog(QDialog):
    """The own foods as a list: New recipe, Edit, Delete."""

    def __init__(self, ctx: Context, flows: FoodFlows, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("My foods, recipes and meals")
        self._ctx = ctx
        self._flows = flows
        self.model = FoodSearchModel(self)
        self.view = QTreeView()
        self.view.setModel(self.model)
        self.view.setRootIsDecorated(False)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.header().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.view.setAccessibleName("My foods, recipes and meals")
        self.new_button = QPushButton("&New recipe…")
        self.edit_button = QPushButton("&Edit…")
        self.delete_button = QPushButton("&Delete")
        for button in (self.new_button, self.edit_button, self.delete_button):
            button.setAutoDefault(False)
        self.new_button.clicked.connect(lambda: self._flows.new_recipe())
        self.edit_button.clicked.connect(self.edit_selected)
        self.delete_button.clicked.connect(self.delete_selected)
        self.view.activated.connect(lambda _index: self.edit_selected())
        QShortcut(QKeySequence(Qt.Key.Key_Delete), self.view, self.delete_selected,
                  context=Qt.ShortcutContext.WidgetShortcut)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        buttons = QHBoxLayout()
        for button in (self.new_button, self.edit_button, self.delete_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        note = QLabel("Editing keeps the days already logged as they were, unless you ask "
                      "for them to be updated. Something still in use cannot be deleted.")
        note.setWordWrap(True)
        note.setStyleSheet("color: #555;")
        layout = QVBoxLayout(self)
        layout.addWidget(self.view, 1)
        layout.addLayout(buttons)
        layout.addWidget(note)
        layout.addWidget(close)
        self.resize(640, 480)
        self.reload()
        self.view.setFocus()

    def reload(self, changes: Changes | None = None) -> None:
        if changes is not None and not (changes.foods or changes.everything):
            return
        rows = foods.own_food_names(self._ctx)
        groups = (("Recipes", "recipe:"), ("My foods", "custom:"), ("Saved meals", MEAL_PREFIX))
        self.model.set_groups([(title, sorted(
            (FoodHit(i, name, group) for i, name, group in rows if i.startswith(prefix)),
            key=lambda hit: hit.name.casefold())) for title, prefix in groups])
        first = self.model.first_hit_row()
        if first >= 0:
            self.view.setCurrentIndex(self.model.index(first, 0))

    def selected(self) -> FoodHit | None:
        index = self.view.currentIndex()
        return self.model.hit_at(index.row()) if index.isValid() else None

    def edit_selected(self) -> None:
        hit = self.selected()
        if hit is None:
            return
        if hit.id.startswith(MEAL_PREFIX):
            self._flows.host.show_error("A saved meal is changed by saving a new one from the "
                                        "day's entries; delete the old one here.")
            return
        try:
            self._flows.edit_food(foods.get_food(self._ctx, hit.id))
        except UserError as exc:
            self._flows.host.show_error(exc.message)

    def delete_selected(self) -> None:
        hit = self.selected()
        if hit is None:
            return
        if hit.id.startswith(MEAL_PREFIX):
            from tracker.ui.foods.food_commands import DeleteMeal

            try:
                self._flows.push(DeleteMeal(self._ctx, self._flows.host.bus, hit.id))
            except UserError as exc:
                self._flows.host.show_error(exc.message)
            return
        try:
            food = foods.get_food(self._ctx, hit.id)
        except UserError as exc:
            self._flows.host.show_error(exc.message)
            return
        self._flows.delete_food(food)
