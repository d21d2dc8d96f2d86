"""The recipe editor: search to add ingredients with their amounts, see a serving's nutrients.

Per-serving magnesium, calcium, vitamin D and B12 update with every change,
marked "partly known" when an ingredient lacks the value. Editing a saved
recipe offers to move the entries from a date on to the new version; without
that, days already logged keep the version they were logged with.

The dialog stores nothing itself: ``saver`` gets a ``RecipeRequest`` and pushes
the undoable command, raising a UserError the form shows beside its field.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from tracker.domain import validation
from tracker.domain.errors import UserError
from tracker.domain.foods import Food, FoodHit
from tracker.domain.nutrients import BY_KEY, FOCUS
from tracker.domain.recipes import Recipe, RecipeItem
from tracker.services.context import Context
from tracker.services.foods import catalog as foods
from tracker.services.foods import recipes
from tracker.ui.common.entry_form import from_qdate, to_qdate
from tracker.ui.common.field_errors import FieldError, FormErrors
from tracker.ui.foods.food_search_panel import FoodSearchPanel
from tracker.ui.foods.portion_picker import PortionPicker, format_value
from tracker.ui.foods.recipe_items_model import RecipeItemsModel

INGREDIENT_KIND_WIDTH = 130


@dataclass(frozen=True)
class RecipeRequest:
    """What the person asked to save; ``recipe_id`` is set when editing."""

    name: str
    items: tuple[RecipeItem, ...]
    servings: str
    cooked_grams: str | None
    recipe_id: str | None = None
    update_from: dt.date | None = None


class ServingTotals(QWidget):
    """One serving's focus nutrients and weight, each "partly known" where data is missing."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(18)
        self.values: dict[str, QLabel] = {}
        for column, key in enumerate(("grams", *FOCUS)):
            caption = QLabel("Serving" if key == "grams" else BY_KEY[key].label)
            caption.setStyleSheet("color: #555;")
            value = self.values[key] = QLabel("–")
            value.setStyleSheet("font-weight: bold;")
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            grid.addWidget(caption, 0, column)
            grid.addWidget(value, 1, column)
        grid.setColumnStretch(len(FOCUS) + 1, 1)

    def show_food(self, food: Food | None, serving_grams: float | None) -> None:
        if food is None or serving_grams is None:
            for label in self.values.values():
                label.setText("–")
            return
        self.values["grams"].setText(f"{serving_grams:,.0f} g")
        for key in FOCUS:
            entry = BY_KEY[key]
            amount = food.per_grams(key, serving_grams)
            unit = "µg" if entry.unit == "ug" else entry.unit
            if amount is None:
                self.values[key].setText("unknown")
                continue
            text = f"{format_value(amount, entry.decimals)} {unit}"
            known = food.known_fraction(key)
            if known < 1.0:
                text += f"\npartly known ({100 * known:.0f} %)"
            self.values[key].setText(text)

    def text(self) -> str:
        return " · ".join(label.text().replace("\n", " ") for label in self.values.values())


class RecipeDialog(QDialog):
    """Make a new recipe (optionally from ``items``) or edit ``recipe``."""

    def __init__(self, ctx: Context, saver: Callable[[RecipeRequest], None],
                 parent: QWidget | None = None, *, recipe: Recipe | None = None,
                 items: Sequence[RecipeItem] = (), today: dt.date | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"Edit recipe: {recipe.name}" if recipe else "New recipe")
        self._ctx = ctx
        self._saver = saver
        self._recipe = recipe
        self._food: Food | None = None
        self._build(today or dt.date.today())
        self.search_panel.highlighted.connect(self.choose_food)
        self.search_panel.picked.connect(self._pick)
        self.search_panel.enteredWithoutMatch.connect(self.add_ingredient)
        self.search_panel.searchFailed.connect(lambda error: self.errors.show(error, False))
        self.add_button.clicked.connect(self.add_ingredient)
        self.remove_button.clicked.connect(self.remove_ingredient)
        for signal in (self.name_edit.textChanged, self.servings_edit.textChanged,
                       self.cooked_edit.textChanged):
            signal.connect(self.refresh_totals)
        self.picker.quantity_edit.installEventFilter(self)
        self.search_panel.run_search()
        self._load(recipe, items)
        self.name_edit.setFocus()

    def _build(self, today: dt.date) -> None:
        self.name_edit = QLineEdit()
        self.name_edit.setPlaceholderText("e.g. Lentil soup")
        self.servings_edit = QLineEdit("1")
        self.servings_edit.setFixedWidth(70)
        self.cooked_edit = QLineEdit()
        self.cooked_edit.setPlaceholderText("optional")
        self.cooked_edit.setFixedWidth(90)
        self.search_panel = FoodSearchPanel(self._ctx, self, meals=False)
        self.search_edit = self.search_panel.search_edit
        self.search_edit.setPlaceholderText("Find an ingredient, e.g. lentils, spinach")
        # Half the dialog's width: the food's name needs it more than its group.
        self.search_panel.results.header().resizeSection(1, INGREDIENT_KIND_WIDTH)
        self.picker = PortionPicker()
        self.food_label = QLabel("Choose an ingredient from the list.")
        self.food_label.setWordWrap(True)
        self.add_button = QPushButton("&Add ingredient")
        self.add_button.setAutoDefault(False)
        self.items_model = RecipeItemsModel(self)
        self.items_view = QTableView()
        self.items_view.setModel(self.items_model)
        self.items_view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.items_view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.items_view.verticalHeader().hide()
        self.items_view.horizontalHeader().setSectionResizeMode(
            0, QHeaderView.ResizeMode.Stretch)
        self.items_view.setAccessibleName("Ingredients")
        self.remove_button = QPushButton("&Remove ingredient")
        self.remove_button.setAutoDefault(False)
        QShortcut(QKeySequence(Qt.Key.Key_Delete), self.items_view, self.remove_ingredient,
                  context=Qt.ShortcutContext.WidgetShortcut)
        self.totals = ServingTotals()
        self.update_check = QCheckBox("Also update the entries from")
        self.update_date = QDateEdit(to_qdate(today))
        self.update_date.setCalendarPopup(True)
        self.update_date.setDisplayFormat("yyyy-MM-dd")
        self.update_date.setEnabled(False)
        self.update_check.toggled.connect(self.update_date.setEnabled)
        self.general_error = FieldError()
        self.errors = FormErrors(self.general_error)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self._lay_out()

    def _lay_out(self) -> None:
        form = QFormLayout()
        name_label = QLabel("&Name")
        name_label.setBuddy(self.name_edit)
        form.addRow(name_label, self.errors.beside(self.name_edit, "name"))
        size = QHBoxLayout()
        size.addWidget(QLabel("Makes"))
        size.addWidget(self.servings_edit)
        size.addWidget(QLabel("servings; finished dish weighs"))
        size.addWidget(self.cooked_edit)
        size.addWidget(QLabel("g"))
        size.addStretch(1)
        size_error = FieldError()
        size_column = QVBoxLayout()
        size_column.setSpacing(2)
        size_column.addLayout(size)
        size_column.addWidget(size_error)
        self.errors.add("servings", size_error, self.servings_edit)
        self.errors.add("cooked_grams", size_error, self.cooked_edit)
        form.addRow("Size", size_column)
        find = QGroupBox("Add an ingredient")
        find_layout = QVBoxLayout(find)
        find_layout.addWidget(self.search_edit)
        find_layout.addWidget(self.search_panel.caption)
        find_layout.addWidget(self.search_panel.results, 1)
        find_layout.addWidget(self.food_label)
        amount_row = QHBoxLayout()
        amount_row.addWidget(self.picker, 1)
        amount_row.addWidget(self.add_button)
        find_layout.addLayout(amount_row)
        find_layout.addWidget(self.picker.error)
        self.errors.add("amount", self.picker.error, self.picker.quantity_edit)
        self.errors.add("food", self.picker.error, self.search_edit)
        items = QGroupBox("Ingredients")
        items_layout = QVBoxLayout(items)
        items_layout.addWidget(self.items_view, 1)
        items_error = FieldError()
        self.errors.add("items", items_error, None)
        items_layout.addWidget(items_error)
        remove_row = QHBoxLayout()
        remove_row.addStretch(1)
        remove_row.addWidget(self.remove_button)
        items_layout.addLayout(remove_row)
        items_layout.addWidget(QLabel("<b>One serving gives</b>"))
        items_layout.addWidget(self.totals)
        columns = QHBoxLayout()
        columns.addWidget(find, 1)
        columns.addWidget(items, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addLayout(columns, 1)
        update_row = QHBoxLayout()
        update_row.addWidget(self.update_check)
        update_row.addWidget(self.update_date)
        update_row.addStretch(1)
        self.update_note = QLabel("Days already logged keep the recipe as it was unless you "
                                  "ask for them to be updated.")
        self.update_note.setStyleSheet("color: #555;")
        layout.addLayout(update_row)
        layout.addWidget(self.update_note)
        for widget in (self.update_check, self.update_date, self.update_note):
            widget.setVisible(self._recipe is not None)
        layout.addWidget(self.general_error)
        layout.addWidget(self.buttons)
        self.setTabOrder(self.name_edit, self.servings_edit)
        self.setTabOrder(self.servings_edit, self.cooked_edit)
        self.setTabOrder(self.cooked_edit, self.search_edit)
        self.setTabOrder(self.search_edit, self.search_panel.results)
        self.setTabOrder(self.search_panel.results, self.picker.quantity_edit)
        self.setTabOrder(self.picker.quantity_edit, self.picker.unit_combo)
        self.setTabOrder(self.picker.unit_combo, self.add_button)
        self.setTabOrder(self.add_button, self.items_view)
        self.resize(980, 640)
        self.picker.set_food(None)

    def _load(self, recipe: Recipe | None, items: Sequence[RecipeItem]) -> None:
        given = list(recipe.items) if recipe else list(items)
        known = foods.get_foods(self._ctx, [i.food_id for i in given])
        self.items_model.set_items([(i, known[i.food_id].name if i.food_id in known
                                     else i.food_id) for i in given])
        if recipe is not None:
            self.name_edit.setText(recipe.name)
            self.servings_edit.setText(f"{recipe.servings:g}")
            if recipe.cooked_grams is not None:
                self.cooked_edit.setText(f"{recipe.cooked_grams:g}")
        self.refresh_totals()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # Enter in the amount adds the ingredient; it must not save the recipe.
        if (watched is self.picker.quantity_edit and event.type() == QEvent.Type.KeyPress
                and isinstance(event, QKeyEvent)
                and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)):
            self.add_ingredient()
            return True
        return super().eventFilter(watched, event)

    # --- ingredients --------------------------------------------------------------------

    def choose_food(self, hit: FoodHit | Food) -> bool:
        try:
            food = hit if isinstance(hit, Food) else foods.get_food(self._ctx, hit.id)
        except UserError as error:
            self.errors.show(error, focus=False)
            return False
        self._food = food
        self.food_label.setText(food.name)
        self.picker.set_food(food)
        return True

    def _pick(self, hit: FoodHit) -> None:
        if self.choose_food(hit):
            self.picker.quantity_edit.setFocus()
            self.picker.quantity_edit.selectAll()

    def add_ingredient(self) -> None:
        """Add the chosen food in the amount typed, then go back to the search field."""
        try:
            if self._food is None:
                raise UserError("Choose an ingredient from the list first.", "food")
            amount = self.picker.amount()
        except UserError as error:
            self.errors.show(error)
            return
        self.errors.clear()
        self.items_model.append(RecipeItem(self._food.id, amount.grams, amount.amount,
                                           amount.unit), self._food.name)
        self.refresh_totals()
        self.search_edit.selectAll()
        self.search_edit.setFocus()

    def remove_ingredient(self) -> None:
        rows = self.items_view.selectionModel().selectedRows()
        if rows:
            self.items_model.remove(rows[0].row())
            self.refresh_totals()

    # --- totals and saving --------------------------------------------------------------

    def refresh_totals(self) -> None:
        """Recompute one serving; an unusable size leaves the totals blank, not wrong."""
        items = self.items_model.items()
        if not items:
            self.totals.show_food(None, None)
            return
        try:
            food = recipes.draft_food(self._ctx, self.name_edit.text(), items,
                                      self.servings_edit.text(),
                                      self.cooked_edit.text().strip() or None)
        except UserError:
            self.totals.show_food(None, None)
            return
        self.totals.show_food(food, food.portions[0].grams)

    def request(self) -> RecipeRequest:
        update = None
        if self._recipe is not None and self.update_check.isChecked():
            update = validation.check_date(from_qdate(self.update_date.date()), "update_from")
        return RecipeRequest(self.name_edit.text(), tuple(self.items_model.items()),
                             self.servings_edit.text(),
                             self.cooked_edit.text().strip() or None,
                             self._recipe.id if self._recipe else None, update)

    def accept(self) -> None:
        try:
            self._saver(self.request())
        except UserError as error:
            self.errors.show(error)
            return
        self.errors.clear()
        super().accept()

    def message(self) -> str:
        return self.errors.message()
