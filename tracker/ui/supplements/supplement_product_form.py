"""The form for one supplement product: its name, what a unit is, and the amounts per unit.

Amounts are typed as printed on the label; vitamin D may be given in µg or IU
and is kept in µg. Empty fields mean the product does not contain that nutrient.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from tracker.domain import validation
from tracker.domain.entries import SupplementProduct, new_id
from tracker.domain.errors import UserError
from tracker.domain.nutrients import BY_KEY, FOCUS, SUPPLEMENT_NUTRIENTS
from tracker.services.supplements import vitamin_d_ug
from tracker.ui.common.field_errors import FieldError, FormErrors, typed_amounts

UNIT_LABELS: tuple[str, ...] = ("tablet", "capsule", "softgel", "gummy", "drop", "scoop",
                                "ml", "sachet")
VITAMIN_D_UNITS: tuple[str, ...] = ("µg", "IU")
# Labels give minerals as the element ("magnesium (as citrate) 200 mg"), which is what counts.
_ROW_LABELS = {"magnesium": "Magnesium (elemental)", "calcium": "Calcium (elemental)"}


def unit_text(unit: str) -> str:
    """A registry unit as people read it (µg rather than ug)."""
    return "µg" if unit == "ug" else unit


def format_amount(value: float) -> str:
    return f"{value:,.2f}".rstrip("0").rstrip(".") if value < 10 else f"{value:,.0f}"


def describe_per_unit(product: SupplementProduct, units: float = 1.0) -> str:
    """``Magnesium 200 mg · Vitamin D 25 µg`` for ``units`` units of the product."""
    parts = [f"{BY_KEY[key].label} {format_amount(value * units)} {unit_text(BY_KEY[key].unit)}"
             for key, value in sorted(product.per_unit.items(),
                                      key=lambda kv: SUPPLEMENT_NUTRIENTS.index(kv[0])
                                      if kv[0] in SUPPLEMENT_NUTRIENTS else 99)]
    return " · ".join(parts) if parts else "no nutrients given"


class SupplementProductForm(QWidget):
    """Edits one product; ``product()`` returns it or raises the UserError to show."""

    edited = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._id = new_id()
        self.general_error = FieldError()
        self.errors = FormErrors(self.general_error, recheck=self.product)
        self.name_edit = QLineEdit()
        self.name_edit.setPlaceholderText("e.g. Magnesium citrate 200")
        self.unit_combo = QComboBox()
        self.unit_combo.setEditable(True)
        self.unit_combo.addItems(UNIT_LABELS)
        self.amount_edits: dict[str, QLineEdit] = {}
        self.vitamin_d_unit = QComboBox()
        self.vitamin_d_unit.addItems(VITAMIN_D_UNITS)
        self.vitamin_d_note = QLabel()
        self.vitamin_d_note.setStyleSheet("color: #555;")

        top = QFormLayout()
        self._add_row(top, "Name", self.name_edit, "name")
        self._add_row(top, "One unit is a", self.unit_combo, "unit_label")

        main_box = QGroupBox("Amount in one unit (as printed on the label)")
        main_form = QFormLayout(main_box)
        other_box = QGroupBox("Other nutrients (optional)")
        other_form = QFormLayout(other_box)
        for key in SUPPLEMENT_NUTRIENTS:
            self._add_nutrient_row(main_form if key in FOCUS else other_form, key)

        note = QLabel("Leave a nutrient empty if the product has none. Supplements are "
                      "counted apart from food, because the upper limit for magnesium "
                      "applies to supplements only.")
        note.setWordWrap(True)
        note.setStyleSheet("color: #555;")
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(note)
        layout.addWidget(main_box)
        layout.addWidget(other_box)
        layout.addWidget(self.general_error)
        self.name_edit.textEdited.connect(self.edited)
        self.unit_combo.editTextChanged.connect(self.edited)
        self.vitamin_d_unit.currentIndexChanged.connect(self._update_vitamin_d_note)
        self.vitamin_d_unit.currentIndexChanged.connect(self.edited)

    def _add_row(self, form: QFormLayout, label: str, widget: QWidget, field: str) -> None:
        error = FieldError()
        column = QVBoxLayout()
        column.setSpacing(2)
        column.addWidget(widget)
        column.addWidget(error)
        form.addRow(label, column)
        self.errors.add(field, error, widget)

    def _add_nutrient_row(self, form: QFormLayout, key: str) -> None:
        entry = BY_KEY[key]
        edit = QLineEdit()
        edit.setFixedWidth(120)
        edit.setAccessibleName(f"{entry.label} per unit")
        edit.textEdited.connect(self.edited)
        self.amount_edits[key] = edit
        row = QHBoxLayout()
        row.addWidget(edit)
        if key == "vitamin_d":
            row.addWidget(self.vitamin_d_unit)
            row.addWidget(self.vitamin_d_note)
            edit.textEdited.connect(self._update_vitamin_d_note)
        else:
            row.addWidget(QLabel(unit_text(entry.unit)))
        row.addStretch(1)
        error = FieldError()
        column = QVBoxLayout()
        column.setSpacing(2)
        column.addLayout(row)
        column.addWidget(error)
        form.addRow(_ROW_LABELS.get(key, entry.label), column)
        self.errors.add(key, error, edit)

    def _update_vitamin_d_note(self) -> None:
        text = self.amount_edits["vitamin_d"].text().strip()
        note = ""
        if text and self.vitamin_d_unit.currentText() == "IU":
            try:
                value = validation.parse_number(text, "Vitamin D", "vitamin_d")
                note = f"= {format_amount(vitamin_d_ug(value, 'IU'))} µg"
            except UserError:  # a half-typed number simply shows no conversion yet
                note = ""
        self.vitamin_d_note.setText(note)

    def load(self, product: SupplementProduct | None) -> None:
        """Fill the form from ``product``, or empty it for a new one."""
        self.errors.clear()
        self._id = product.id if product else new_id()
        self.name_edit.setText(product.name if product else "")
        self.unit_combo.setEditText(product.unit_label if product else UNIT_LABELS[0])
        self.vitamin_d_unit.setCurrentText("µg")
        for key, edit in self.amount_edits.items():
            value = product.per_unit.get(key) if product else None
            edit.setText("" if value is None else f"{value:g}")
        self._update_vitamin_d_note()

    def product(self) -> SupplementProduct:
        """The product as typed; raises UserError naming the field at fault."""
        per_unit = typed_amounts(self.amount_edits, self.vitamin_d_unit.currentText())
        product = SupplementProduct(self.name_edit.text(), per_unit,
                                    self.unit_combo.currentText(), id=self._id)
        return validation.check_supplement_product(product)
