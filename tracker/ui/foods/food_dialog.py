"""Add or edit a food entry: search as you type, pick a portion, see what it gives.

The dialog never writes the entry: ``saved_entry()`` returns it and the main window
stores it through an undo command (or through ``saver``, whose UserError is
shown here so the person can fix the input). Keyboard use: type, Down, Enter,
type the quantity, Tab to the unit, Enter to add.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from tracker.domain import validation
from tracker.domain.entries import FoodEntry
from tracker.domain.errors import UserError
from tracker.domain.foods import MEAL_PREFIX, Food, FoodHit
from tracker.domain.meals import Meal
from tracker.services.context import Context
from tracker.services.foods import catalog as foods
from tracker.services.foods import meals, recent
from tracker.ui.common.entry_form import from_qdate, from_qtime, to_qdate, to_qtime
from tracker.ui.common.field_errors import FieldError, FormErrors
from tracker.ui.foods.food_search_panel import FoodSearchPanel
from tracker.ui.foods.portion_picker import PortionPicker, PortionPreview

# Logs a saved meal at a day and time; raises UserError.
MealSaver = Callable[[Meal, dt.date, dt.time], None]


class FoodDialog(QDialog):
    """Search a food and say how much; ``saved_entry()`` is the FoodEntry (same id when editing).

    ``foodCreated`` fires when the person made a food of their own from here: it is
    stored at once, whether or not this dialog's entry is then saved.
    """

    foodCreated = Signal(object)  # Food

    def __init__(self, ctx: Context, date: dt.date, time: dt.time,
                 parent: QWidget | None = None, entry: FoodEntry | None = None, *,
                 saver: Callable[[FoodEntry], None] | None = None,
                 meal_saver: MealSaver | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Edit food" if entry else "Add food")
        self._ctx = ctx
        self._editing = entry
        self._saver = saver
        self._meal_saver = meal_saver
        self._food: Food | None = None
        self._meal: Meal | None = None
        self._accepted: FoodEntry | None = None
        self._build_widgets(entry.date if entry else date, entry.time if entry else time)
        self.search_panel.highlighted.connect(self.choose_food)
        self.search_panel.picked.connect(self._pick)
        self.search_panel.enteredWithoutMatch.connect(self._focus_amount_if_chosen)
        self.search_panel.searchFailed.connect(lambda error: self.errors.show(error, False))
        self.picker.changed.connect(self.refresh_preview)
        self.create_button.clicked.connect(self.create_custom_food)
        self.run_search()
        if entry is not None:
            self._load_entry(entry)
        else:
            self.search_edit.setFocus()

    def _build_widgets(self, date: dt.date, time: dt.time) -> None:
        self.search_panel = FoodSearchPanel(
            self._ctx, self, meals=self._editing is None and self._meal_saver is not None)
        self.search_edit = self.search_panel.search_edit
        self.results_caption = self.search_panel.caption
        self.model = self.search_panel.model
        self.results = self.search_panel.results
        self.run_search = self.search_panel.run_search
        self.create_button = QPushButton("Create custom food…")
        self.create_button.setAutoDefault(False)

        self.food_label = QLabel("Choose a food from the list.")
        self.food_label.setWordWrap(True)
        self.food_label.setStyleSheet("font-weight: bold;")
        self.picker = PortionPicker()
        self.preview = PortionPreview()
        self.date_edit = QDateEdit(to_qdate(date))
        self.date_edit.setCalendarPopup(True)
        self.date_edit.setDisplayFormat("yyyy-MM-dd")
        self.time_edit = QTimeEdit(to_qtime(time))
        self.time_edit.setDisplayFormat("HH:mm")
        self.general_error = FieldError()
        self.errors = FormErrors(self.general_error, recheck=self.build)
        self.food_error = FieldError()
        self.errors.add("food", self.food_error, self.search_edit)
        self.errors.add("amount", self.picker.error, self.picker.quantity_edit)
        self.errors.add("grams", self.picker.error, self.picker.quantity_edit)
        self.errors.add("unit", self.picker.error, self.picker.unit_combo)
        self.when_error = FieldError()
        self.errors.add("date", self.when_error, self.date_edit)

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText("Save" if self._editing else "Add")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

        search_row = QHBoxLayout()
        search_row.addWidget(self.search_edit, 1)
        search_row.addWidget(self.create_button)
        portion_box = QGroupBox("How much")
        portion_form = QFormLayout(portion_box)
        portion_form.addRow(self.food_label)
        amount_column = QVBoxLayout()
        amount_column.setSpacing(2)
        amount_column.addWidget(self.picker)
        amount_column.addWidget(self.picker.error)
        amount_label = QLabel("&Amount")
        amount_label.setBuddy(self.picker.quantity_edit)
        portion_form.addRow(amount_label, amount_column)
        when_row = QHBoxLayout()
        when_row.addWidget(self.date_edit)
        when_row.addWidget(QLabel("at"))
        when_row.addWidget(self.time_edit)
        when_row.addStretch(1)
        when_column = QVBoxLayout()
        when_column.setSpacing(2)
        when_column.addLayout(when_row)
        when_column.addWidget(self.when_error)
        portion_form.addRow("When", when_column)
        portion_form.addRow("This gives", self.preview)
        layout = QVBoxLayout(self)
        find_label = QLabel("&Find a food")
        find_label.setBuddy(self.search_edit)
        layout.addWidget(find_label)
        layout.addLayout(search_row)
        layout.addWidget(self.food_error)
        layout.addWidget(self.results_caption)
        layout.addWidget(self.results, 1)
        layout.addWidget(portion_box)
        layout.addWidget(self.general_error)
        layout.addWidget(self.buttons)
        self.setTabOrder(self.search_edit, self.results)
        self.setTabOrder(self.results, self.picker.quantity_edit)
        self.setTabOrder(self.picker.quantity_edit, self.picker.unit_combo)
        self.setTabOrder(self.picker.unit_combo, self.date_edit)
        self.setTabOrder(self.date_edit, self.time_edit)
        self.resize(720, 620)
        self.picker.set_food(None)

    def _pick(self, hit: FoodHit) -> None:
        if self.choose_food(hit):
            if self._meal is not None:
                self.accept()  # a saved meal is logged in one step
            else:
                self._focus_amount_if_chosen()

    def _focus_amount_if_chosen(self) -> None:
        if self._food is not None:
            self.picker.quantity_edit.setFocus()
            self.picker.quantity_edit.selectAll()

    # --- food and portion ---------------------------------------------------------------

    def choose_food(self, hit: FoodHit | Food) -> bool:
        """Make ``hit`` the food (or saved meal) being logged; False (with the reason
        shown) if it is gone."""
        try:
            if isinstance(hit, FoodHit) and hit.id.startswith(MEAL_PREFIX):
                self._set_meal(meals.find_meal(self._ctx, hit.id))
                return True
            food = hit if isinstance(hit, Food) else foods.get_food(self._ctx, hit.id)
        except UserError as error:
            self.errors.show(error, focus=False)
            return False
        # The amount logged last time, as food diaries offer it: a habit takes no typing.
        # A quantity the person has typed already stays theirs.
        typed = self.picker.quantity_edit.isModified() and self.picker.quantity_edit.text()
        last = None if typed else recent.last_amount(self._ctx, food)
        self._set_food(food, *(last or (None, None)))
        return True

    def _set_meal(self, meal: Meal) -> None:
        self._meal = meal
        self._food = None
        count = len(meal.items)
        self.food_label.setText(f"Saved meal: {meal.name} — its {count} "
                                f"entr{'y' if count == 1 else 'ies'} are logged at once")
        self.picker.set_food(None)
        self.preview.show_portion(None, None)
        self.ok_button.setText("Log meal")

    def meal(self) -> Meal | None:
        return self._meal

    def _set_food(self, food: Food, amount: float | None = None, unit: str | None = None) -> None:
        self._food = food
        self._meal = None
        self.ok_button.setText("Save" if self._editing else "Add")
        self.food_error.set_message("")
        self.search_edit.setStyleSheet("")
        self.food_label.setText(food.name)
        self.picker.set_food(food, amount, unit)

    def food(self) -> Food | None:
        return self._food

    def _load_entry(self, entry: FoodEntry) -> None:
        try:
            food = foods.get_food(self._ctx, entry.food_id)
        except UserError as error:
            self.errors.show(error, focus=False)
            return
        known = {p.description for p in food.portions} | {"g", "oz"}
        if entry.unit in known:
            self._set_food(food, entry.amount, entry.unit)
        else:  # the measure is no longer offered; grams always are
            self._set_food(food, entry.grams, "g")
        self._focus_amount_if_chosen()

    def refresh_preview(self) -> None:
        """Recompute the preview; a quantity that cannot be used is explained under it."""
        try:
            grams = self.picker.amount().grams if self._food else None
        except UserError as error:
            self.picker.error.set_message(error.message if self.picker.quantity_edit.text()
                                          else "")
            self.preview.show_portion(self._food, None)
            return
        self.picker.error.set_message("")
        self.picker.quantity_edit.setStyleSheet("")
        self.preview.show_portion(self._food, grams)

    # --- result -------------------------------------------------------------------------

    def _when(self) -> tuple[dt.date, dt.time]:
        day = validation.check_date(from_qdate(self.date_edit.date()))
        return day, from_qtime(self.time_edit.time())

    def saved_entry(self) -> FoodEntry:
        """The entry saved when OK was pressed."""
        if self._accepted is None:
            raise RuntimeError("the dialog was not accepted")
        return self._accepted

    def build(self) -> FoodEntry:
        """A new entry as the fields describe it, checked; raises UserError."""
        if self._food is None:
            raise UserError("Choose a food: type its name and pick it from the list.", "food")
        amount = self.picker.amount()
        day, time = self._when()
        entry = FoodEntry(day, time, self._food.id, amount.grams, amount.amount, amount.unit)
        if self._editing is not None:
            entry = dataclasses.replace(entry, id=self._editing.id)
        return validation.check_food_entry(entry)

    def accept(self) -> None:
        if self._meal is not None and self._meal_saver is not None:
            try:
                self._meal_saver(self._meal, *self._when())
            except UserError as error:
                self.errors.show(error)
                return
            self.errors.clear()
            super().accept()
            return
        try:
            entry = self.build()
            if self._saver is not None:
                self._saver(entry)
        except UserError as error:
            self.errors.show(error)
            return
        self.errors.clear()
        self._accepted = entry
        super().accept()

    def message(self) -> str:
        """The error on show, or an empty string."""
        return self.errors.message()

    def create_custom_food(self) -> None:
        """Open the custom food form; a food created there is picked right away."""
        from tracker.ui.foods.custom_food_dialog import CustomFoodDialog

        dialog = CustomFoodDialog(self._ctx, self, name=self.search_edit.text().strip())
        if dialog.exec() and dialog.food() is not None:
            created = dialog.food()
            assert created is not None
            self.foodCreated.emit(created)
            self.search_edit.setText(created.name)
            self.run_search()
            self._set_food(created)
            self._focus_amount_if_chosen()
