"""Create a food of one's own (a home recipe, a packaged food) from its label, or edit one.

Amounts are per serving or per 100 g, as the label prints them; fields left
empty stay unknown rather than zero. A new food is stored through
``services.foods.add_custom_food`` and is found by search like any SR28 food.
An edit is a new version: days already logged keep the old one unless the
person asks for the entries from a date on to use the new one, and the edit
is saved through ``edit_saver`` as one undoable step.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from tracker.domain import validation
from tracker.domain.errors import UserError
from tracker.domain.foods import Food, Portion
from tracker.domain.nutrients import BY_KEY, FOCUS, NUTRIENTS
from tracker.services.context import Context
from tracker.services.foods import catalog as foods
from tracker.services.foods.edits import FoodEdit, edit_custom_food
from tracker.ui.common.entry_form import from_qdate, to_qdate
from tracker.ui.common.field_errors import FieldError, FormErrors, typed_amounts
from tracker.ui.supplements.supplement_product_form import VITAMIN_D_UNITS, unit_text

PORTION_ROWS = 3


class _PortionRow:
    """One optional household measure: "1 slice = 25 g"."""

    def __init__(self) -> None:
        self.amount = QLineEdit()
        self.amount.setPlaceholderText("1")
        self.amount.setFixedWidth(60)
        self.name = QLineEdit()
        self.name.setPlaceholderText("e.g. slice, bar, cup")
        self.grams = QLineEdit()
        self.grams.setFixedWidth(80)

    def portion(self) -> Portion | None:
        texts = (self.amount.text().strip(), self.name.text().strip(), self.grams.text().strip())
        if not any(texts):
            return None
        amount = validation.parse_number(texts[0] or "1", "Portion amount", "portions")
        if not texts[1]:
            raise UserError("Give each portion a name, e.g. slice.", "portions")
        if not texts[2]:
            raise UserError(f"Say how many grams one {texts[1]} weighs.", "portions")
        grams = validation.parse_number(texts[2], "Portion weight", "portions")
        return Portion(amount, texts[1], grams)


# Saves an edit (the callable makes it) as one undoable step; raises UserError.
EditSaver = Callable[[str, Callable[[], FoodEdit]], None]


class CustomFoodDialog(QDialog):
    """The form for a new custom food (or an edit of ``editing``); ``food()`` is the stored
    food once saved."""

    def __init__(self, ctx: Context, parent: QWidget | None = None, name: str = "", *,
                 editing: Food | None = None, edit_saver: EditSaver | None = None,
                 today: dt.date | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"Edit {editing.name}" if editing else "Create custom food")
        self._ctx = ctx
        self._food: Food | None = None
        self._editing = editing
        self._edit_saver = edit_saver
        self.general_error = FieldError()
        self.errors = FormErrors(self.general_error, recheck=self.checked)
        self.name_edit = QLineEdit(name)
        self.name_edit.setPlaceholderText("e.g. Grandma's lentil soup")
        self.serving_edit = QLineEdit()
        self.serving_edit.setPlaceholderText("grams")
        self.serving_edit.setFixedWidth(100)
        self.per_serving = QRadioButton("one serving")
        self.per_100g = QRadioButton("100 g")
        self.per_serving.setChecked(True)
        self._per_group = QButtonGroup(self)
        self._per_group.addButton(self.per_serving)
        self._per_group.addButton(self.per_100g)
        self.beverage_check = QCheckBox("This is a drink")
        self.vitamin_d_unit = QComboBox()
        self.vitamin_d_unit.addItems(VITAMIN_D_UNITS)
        self.amount_edits: dict[str, QLineEdit] = {}
        self.portion_rows: list[_PortionRow] = []
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setText("Save changes" if editing else "Create food")
        self.update_check = QCheckBox("Also update the entries from")
        self.update_date = QDateEdit(to_qdate(today or dt.date.today()))
        self.update_date.setCalendarPopup(True)
        self.update_date.setDisplayFormat("yyyy-MM-dd")
        self.update_date.setEnabled(False)
        self.update_check.toggled.connect(self.update_date.setEnabled)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

        body = QWidget()
        column = QVBoxLayout(body)
        column.addLayout(self._top_form())
        column.addWidget(self._nutrient_box("Main nutrients", list(FOCUS), 1))
        column.addWidget(self._nutrient_box("Other nutrients (optional)",
                                            [n.key for n in NUTRIENTS if n.key not in FOCUS], 2))
        column.addWidget(self._portions_box())
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(body)
        layout = QVBoxLayout(self)
        layout.addWidget(scroll, 1)
        if editing is not None:
            update_row = QHBoxLayout()
            update_row.addWidget(self.update_check)
            update_row.addWidget(self.update_date)
            update_row.addStretch(1)
            layout.addLayout(update_row)
            note = QLabel("Days already logged keep the food as it was unless you ask for "
                          "them to be updated.")
            note.setStyleSheet("color: #555;")
            layout.addWidget(note)
            self._load(editing)
        layout.addWidget(self.general_error)
        layout.addWidget(self.buttons)
        self.resize(620, 720)
        self.name_edit.setFocus()

    def _load(self, food: Food) -> None:
        """Show ``food`` per 100 g, its serving and its other portions."""
        self.name_edit.setText(food.name)
        serving = next((p for p in food.portions if p.description == "serving"), None)
        if serving is not None:
            self.serving_edit.setText(f"{serving.grams / serving.amount:g}")
        self.per_100g.setChecked(True)
        self.beverage_check.setChecked(food.beverage)
        self.vitamin_d_unit.setCurrentIndex(0)
        for key, edit in self.amount_edits.items():
            value = food.nutrients.get(key)
            edit.setText("" if value is None else f"{value:g}")
        others = [p for p in food.portions if p.description != "serving"]
        while len(self.portion_rows) < len(others):
            self.add_portion_row()
        for row, portion in zip(self.portion_rows, others, strict=False):
            row.amount.setText(f"{portion.amount:g}")
            row.name.setText(portion.description)
            row.grams.setText(f"{portion.grams:g}")

    def _top_form(self) -> QFormLayout:
        form = QFormLayout()
        form.addRow("Name", self.errors.beside(self.name_edit, "name", self.name_edit))
        serving_row = QHBoxLayout()
        serving_row.addWidget(self.serving_edit)
        serving_row.addWidget(QLabel("g"))
        serving_row.addStretch(1)
        form.addRow("One serving weighs",
                    self.errors.beside(serving_row, "serving_grams", self.serving_edit))
        per_row = QHBoxLayout()
        per_row.addWidget(self.per_serving)
        per_row.addWidget(self.per_100g)
        per_row.addStretch(1)
        form.addRow("Amounts below are for", self.errors.beside(per_row, "per", None))
        form.addRow("", self.beverage_check)
        note = QLabel("Copy the numbers from the label. Leave a field empty when it is not "
                      "given: it will count as unknown, not as zero.")
        note.setWordWrap(True)
        note.setStyleSheet("color: #555;")
        form.addRow(note)
        return form

    def _nutrient_box(self, title: str, keys: list[str], columns: int) -> QGroupBox:
        box = QGroupBox(title)
        grid = QGridLayout(box)
        grid.setHorizontalSpacing(18)
        for i, key in enumerate(keys):
            entry = BY_KEY[key]
            edit = QLineEdit()
            edit.setFixedWidth(90)
            edit.setAccessibleName(entry.label)
            self.amount_edits[key] = edit
            row = QHBoxLayout()
            row.addWidget(edit)
            row.addWidget(self.vitamin_d_unit if key == "vitamin_d"
                          else QLabel(unit_text(entry.unit)))
            row.addStretch(1)
            r, c = divmod(i, columns)
            grid.addWidget(QLabel(entry.label), r, 2 * c)
            grid.addLayout(self.errors.beside(row, key, edit), r, 2 * c + 1)
        return box

    def _portions_box(self) -> QGroupBox:
        box = QGroupBox("Other portions (optional)")
        self._portion_grid = QGridLayout(box)
        for c, text in enumerate(("Amount", "Name", "Weighs (g)")):
            self._portion_grid.addWidget(QLabel(text), 0, c)
        self.add_portion_button = QPushButton("Add another portion")
        self.add_portion_button.setAutoDefault(False)
        self.add_portion_button.clicked.connect(self.add_portion_row)
        error = FieldError()
        self.errors.add("portions", error, None)
        self._portion_grid.addWidget(error, 50, 0, 1, 3)
        self._portion_grid.addWidget(self.add_portion_button, 51, 0, 1, 3)
        for _ in range(PORTION_ROWS):
            self.add_portion_row()
        return box

    def add_portion_row(self) -> _PortionRow:
        row = _PortionRow()
        r = len(self.portion_rows) + 1
        self._portion_grid.addWidget(row.amount, r, 0)
        self._portion_grid.addWidget(row.name, r, 1)
        self._portion_grid.addWidget(row.grams, r, 2)
        self.errors.watch("portions", row.amount, row.name, row.grams)
        self.portion_rows.append(row)
        return row

    def checked(self) -> tuple[float, dict[str, float], list[Portion]]:
        """Serving grams, nutrients and portions as typed; raises UserError, stores nothing."""
        validation.check_text(self.name_edit.text(), "Food name", "name", validation.MAX_NAME,
                              required=True)
        if not self.serving_edit.text().strip():
            raise UserError("Say how many grams one serving weighs (the label gives it).",
                            "serving_grams")
        serving = validation.parse_number(self.serving_edit.text(), "Serving weight",
                                          "serving_grams")
        nutrients = typed_amounts(self.amount_edits, self.vitamin_d_unit.currentText())
        portions = [p for p in (row.portion() for row in self.portion_rows) if p is not None]
        if not nutrients:
            raise UserError("Fill in at least one nutrient from the label.", "magnesium")
        return serving, nutrients, portions

    def _create(self) -> Food:
        serving, nutrients, portions = self.checked()
        if self._editing is not None and self._edit_saver is not None:
            return self._edit(serving, nutrients, portions)
        return foods.add_custom_food(
            self._ctx, self.name_edit.text(), serving, nutrients,
            per="serving" if self.per_serving.isChecked() else "100g", portions=portions,
            beverage=self.beverage_check.isChecked())

    def _edit(self, serving: float, nutrients: dict[str, float],
              portions: list[Portion]) -> Food:
        assert self._editing is not None and self._edit_saver is not None
        food_id = self._editing.id
        update = (validation.check_date(from_qdate(self.update_date.date()), "update_from")
                  if self.update_check.isChecked() else None)
        per = "serving" if self.per_serving.isChecked() else "100g"

        def edit() -> FoodEdit:
            return edit_custom_food(self._ctx, food_id, self.name_edit.text(), serving,
                                    nutrients, per, portions, group=self._editing.group
                                    if self._editing else foods.CUSTOM_GROUP,
                                    beverage=self.beverage_check.isChecked(),
                                    update_from=update)

        self._edit_saver(self.name_edit.text(), edit)
        return foods.get_food(self._ctx, food_id)

    def accept(self) -> None:
        try:
            self._food = self._create()
        except UserError as error:
            self.errors.show(error)
            return
        self.errors.clear()
        super().accept()

    def food(self) -> Food | None:
        """The food created, once the dialog was accepted."""
        return self._food

    def message(self) -> str:
        return self.errors.message()
