"""How much of a food: a quantity, a unit from the food's household measures, and a preview.

The quantity accepts "1", "1.5", "1/2" or "1 1/2"; a person may also type the
unit into it ("2 cups", "6000 g"). Amounts are resolved by the domain's
``parse_amount`` and checked by its validation, so the form refuses exactly
what the command line refuses, with the same words.
"""

from __future__ import annotations

import re

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QGridLayout, QHBoxLayout, QLabel, QLineEdit, QWidget

from tracker.domain import validation
from tracker.domain.amounts import Amount, parse_amount
from tracker.domain.errors import UserError
from tracker.domain.foods import Food, Portion, usual_portion
from tracker.domain.nutrients import BY_KEY, FOCUS
from tracker.ui.common.field_errors import FieldError

MASS_UNITS: tuple[str, ...] = ("g", "oz")
_QUANTITY = re.compile(r"\d+\s+\d+/\d+|\d+/\d+|\d*[.,]?\d+")
_STARTS_WITH_NUMBER = re.compile(r"\s*[\d.,]")
_LETTER = re.compile(r"[^\W\d_]")


def portion_label(portion: Portion) -> str:
    """``cup (30 g)``: the weight of one of the measure, as the quantity counts them."""
    return f"{portion.description} ({portion.grams / portion.amount:.4g} g)"


def format_value(value: float, decimals: int) -> str:
    """Enough decimals to tell small portions apart, none once the number is large."""
    places = max(decimals, 1) if value < 100 else 0
    return f"{value:,.{places}f}"


def resolve_amount(text: str, unit: Portion | str, food: Food) -> Amount:
    """The amount ``text`` of ``unit`` (or the amount and unit both typed in ``text``)."""
    text = text.strip()
    if not text:
        raise UserError("Type how much you had, e.g. 1, 1.5 or 1/2.", "amount")
    if _STARTS_WITH_NUMBER.match(text) and _LETTER.search(text):
        return parse_amount(text, food)
    if not _QUANTITY.fullmatch(text):
        # Not a plain quantity: let the shared checks say what is wrong with it.
        value = validation.parse_number(text, "The amount", "amount")
        validation.check_amount(value, "The amount", "amount", 1e6, "")
        text = f"{value:f}".rstrip("0").rstrip(".")
    if isinstance(unit, str):
        return parse_amount(f"{text} {unit}", food)
    resolved = parse_amount(f"{text} {unit.description}", food)
    # Two measures may share a description; weigh by the one the person picked.
    grams = resolved.amount / unit.amount * unit.grams
    validation.check_amount(grams, "The amount", "amount", validation.MAX_ENTRY_GRAMS, "g")
    return Amount(resolved.amount, unit.description, grams)


class PortionPreview(QWidget):
    """The portion's weight and its focus nutrients (and caffeine, where the food has any)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.keys: tuple[str, ...] = (*FOCUS, "caffeine")
        self.values: dict[str, QLabel] = {}
        self._captions: dict[str, QLabel] = {}
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(16)
        for column, key in enumerate(("grams", *self.keys)):
            caption = self._captions[key] = QLabel("Weight" if key == "grams"
                                                   else BY_KEY[key].label)
            caption.setStyleSheet("color: #555;")
            value = self.values[key] = QLabel("–")
            value.setStyleSheet("font-weight: bold;")
            grid.addWidget(caption, 0, column)
            grid.addWidget(value, 1, column)
        grid.setColumnStretch(len(self.keys) + 1, 1)

    def show_portion(self, food: Food | None, grams: float | None) -> None:
        """Show ``grams`` of ``food``; unknown values read "unknown", never 0."""
        has_caffeine = bool(food and food.nutrients.get("caffeine"))
        self._captions["caffeine"].setVisible(has_caffeine)
        self.values["caffeine"].setVisible(has_caffeine)
        if food is None or grams is None:
            for label in self.values.values():
                label.setText("–")
            return
        self.values["grams"].setText(f"{grams:,.1f} g" if grams < 10 else f"{grams:,.0f} g")
        for key in self.keys:
            amount = food.per_grams(key, grams)
            entry = BY_KEY[key]
            unit = "µg" if entry.unit == "ug" else entry.unit
            self.values[key].setText("unknown" if amount is None
                                     else f"{format_value(amount, entry.decimals)} {unit}")

    def text(self) -> str:
        """Everything shown, as one line; for tests and screen readers."""
        return " · ".join(f"{self._captions[k].text()} {label.text()}"
                          for k, label in self.values.items() if not label.isHidden())


class PortionPicker(QWidget):
    """Quantity field and unit combo for one food, with a red message under them."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._food: Food | None = None
        self._units: list[Portion | str] = []
        self._chosen_mass_unit: str | None = None  # "g" or "oz" when the person picked it
        self._mass_units: tuple[str, ...] = MASS_UNITS
        self.quantity_edit = QLineEdit()
        self.quantity_edit.setPlaceholderText("e.g. 1 or 1/2")
        self.quantity_edit.setFixedWidth(110)
        self.quantity_edit.setAccessibleName("Quantity")
        self.unit_combo = QComboBox()
        self.unit_combo.setAccessibleName("Unit")
        self.unit_combo.setMinimumWidth(220)
        self.error = FieldError()
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.quantity_edit)
        row.addWidget(self.unit_combo, 1)
        self.quantity_edit.textChanged.connect(self.changed)
        self.unit_combo.currentIndexChanged.connect(self.changed)
        self.unit_combo.activated.connect(self._remember_mass_unit)
        self.setFocusProxy(self.quantity_edit)

    def set_food(self, food: Food | None, amount: float | None = None,
                 unit: str | None = None) -> None:
        """Offer ``food``'s measures; keep a unit and quantity the person already chose."""
        self._food = food
        self._units = [*(food.portions if food else ()), *self._mass_units]
        self.unit_combo.blockSignals(True)
        self.unit_combo.clear()
        self.unit_combo.addItems([portion_label(u) if isinstance(u, Portion) else u
                                  for u in self._units])
        usual = usual_portion(food.portions) if food else None
        wanted = (unit if unit is not None else self._chosen_mass_unit
                  or (usual.description if usual else None))
        index = next((i for i, u in enumerate(self._units)
                      if (u.description if isinstance(u, Portion) else u) == wanted), 0)
        self.unit_combo.setCurrentIndex(index)
        self.unit_combo.blockSignals(False)
        if amount is not None:
            self.quantity_edit.setText(f"{amount:g}")
        elif not self.quantity_edit.isModified() or not self.quantity_edit.text():
            self.quantity_edit.setText("100" if self.current_unit() == "g" else "1")
        self.quantity_edit.setEnabled(food is not None)
        self.unit_combo.setEnabled(food is not None)
        self.changed.emit()

    def set_units(self, units: str) -> None:
        """US units offer ounces before grams for the foods chosen from now on (an entry
        being edited keeps the unit it was logged in)."""
        self._mass_units = ("oz", "g") if units == "us" else MASS_UNITS

    def _remember_mass_unit(self) -> None:
        unit = self.current_unit()
        self._chosen_mass_unit = unit if isinstance(unit, str) else None

    def current_unit(self) -> Portion | str | None:
        index = self.unit_combo.currentIndex()
        return self._units[index] if 0 <= index < len(self._units) else None

    def select_unit(self, label_start: str) -> None:
        """Choose the first unit whose label starts with ``label_start`` (e.g. "cup")."""
        index = next((i for i in range(self.unit_combo.count())
                      if self.unit_combo.itemText(i).startswith(label_start)), -1)
        if index < 0:
            raise ValueError(f"no unit starting with {label_start!r}")
        self.unit_combo.setCurrentIndex(index)

    def amount(self) -> Amount:
        """The resolved amount; raises UserError (field "amount") when it is not usable."""
        unit = self.current_unit()
        if self._food is None or unit is None:
            raise UserError("Choose a food from the list first.", "food")
        return resolve_amount(self.quantity_edit.text(), unit, self._food)
