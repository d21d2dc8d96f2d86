"""Logging a dose of a supplement, and (re-exported) the dialog managing the products.

A dose is only returned by ``SupplementDoseDialog.saved_entry()``: the main window
stores it through an undo command, so logging it can be undone.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from tracker.domain import validation
from tracker.domain.entries import SupplementDose, SupplementProduct
from tracker.domain.errors import UserError
from tracker.services import supplements
from tracker.services.context import Context
from tracker.ui.common.entry_form import from_qdate, from_qtime, to_qdate, to_qtime
from tracker.ui.common.field_errors import FieldError, FormErrors
from tracker.ui.supplements.supplement_product_form import describe_per_unit
from tracker.ui.supplements.supplement_products_dialog import (
    SupplementProductModel,
    SupplementProductsDialog,
)

__all__ = ["SupplementDoseDialog", "SupplementProductModel", "SupplementProductsDialog"]


def _plural(unit_label: str, units: float | None) -> str:
    """``tablet`` for one, ``tablets`` otherwise; abbreviations such as ml stay as they are."""
    if units == 1 or unit_label.endswith("s") or unit_label in ("ml", "mg", "g"):
        return unit_label
    return f"{unit_label}s"


class SupplementDoseDialog(QDialog):
    """Pick a product and how many units were taken; ``saved_entry()`` is the saved dose.

    ``productsChanged`` fires for each product saved or deleted through "Manage my
    supplements…"; those are stored at once, whether or not a dose is then logged.
    """

    productsChanged = Signal()

    def __init__(self, ctx: Context, date: dt.date, time: dt.time,
                 parent: QWidget | None = None, dose: SupplementDose | None = None, *,
                 saver: Callable[[SupplementDose], None] | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Edit supplement dose" if dose else "Log a supplement")
        self._ctx = ctx
        self._dose = dose
        self._saver = saver
        self._accepted: SupplementDose | None = None
        self.model = SupplementProductModel(self)
        self.product_combo = QComboBox()
        self.product_combo.setModel(self.model)
        self.units_edit = QLineEdit(f"{dose.units:g}" if dose else "1")
        self.units_edit.setMaximumWidth(100)
        self.unit_label = QLabel()
        self.date_edit = QDateEdit(to_qdate(dose.date if dose else date))
        self.date_edit.setCalendarPopup(True)
        self.date_edit.setDisplayFormat("yyyy-MM-dd")
        self.time_edit = QTimeEdit(to_qtime(dose.time if dose else time))
        self.time_edit.setDisplayFormat("HH:mm")
        self.preview = QLabel()
        self.preview.setWordWrap(True)
        self.empty_note = QLabel("You have not added any supplements yet. "
                                 "Add the ones you take, then log a dose here.")
        self.empty_note.setWordWrap(True)
        self.manage_button = QPushButton("Manage my supplements…")
        self.manage_button.setAutoDefault(False)
        self.general_error = FieldError()
        self.errors = FormErrors(self.general_error, recheck=self.build)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText("Save" if dose else "Add")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

        form = QFormLayout()
        form.addRow("Supplement", self.errors.beside(self.product_combo, "product"))
        units_row = QHBoxLayout()
        units_row.addWidget(self.units_edit)
        units_row.addWidget(self.unit_label)
        units_row.addStretch(1)
        form.addRow("How many", self.errors.beside(units_row, "units", self.units_edit))
        when_row = QHBoxLayout()
        when_row.addWidget(self.date_edit)
        when_row.addWidget(QLabel("at"))
        when_row.addWidget(self.time_edit)
        when_row.addStretch(1)
        form.addRow("When", self.errors.beside(when_row, "date", self.date_edit))
        form.addRow("This gives", self.preview)
        layout = QVBoxLayout(self)
        layout.addWidget(self.empty_note)
        layout.addLayout(form)
        manage_row = QHBoxLayout()
        manage_row.addWidget(self.manage_button)
        manage_row.addStretch(1)
        layout.addLayout(manage_row)
        layout.addWidget(self.general_error)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(420)

        self.product_combo.currentIndexChanged.connect(self._update_preview)
        self.units_edit.textEdited.connect(self._update_preview)
        self.manage_button.clicked.connect(self.manage_products)
        self.units_edit.setFocus()
        self.reload_products(dose.product_id if dose else None)

    def reload_products(self, select_id: str | None = None) -> None:
        current = self.selected_product()
        self.model.set_products(supplements.products(self._ctx))
        wanted = select_id or (current.id if current else None)
        row = self.model.row_of(wanted) if wanted else -1
        self.product_combo.setCurrentIndex(max(row, 0) if self.model.rowCount() else -1)
        has_any = self.model.rowCount() > 0
        self.empty_note.setVisible(not has_any)
        self.ok_button.setEnabled(has_any)
        self.manage_button.setText("Manage my supplements…" if has_any
                                   else "Add my supplements…")
        if not has_any:
            self.manage_button.setFocus()
        self._update_preview()

    def selected_product(self) -> SupplementProduct | None:
        return self.model.product_at(self.product_combo.currentIndex())

    def manage_products(self) -> None:
        """Open the products dialog; a product added there is the one chosen here."""
        before = {p.id for p in supplements.products(self._ctx)}
        dialog = SupplementProductsDialog(self._ctx, self)
        dialog.productsChanged.connect(self.productsChanged)
        dialog.exec()
        added = [p.id for p in supplements.products(self._ctx) if p.id not in before]
        self.reload_products(added[-1] if added else None)

    def _units(self) -> float:
        units = validation.parse_number(self.units_edit.text(), "The number of units", "units")
        return validation.check_amount(units, "The number of units", "units",
                                       validation.MAX_SUPPLEMENT_UNITS, "units")

    def _update_preview(self) -> None:
        product = self.selected_product()
        if product is None:
            self.unit_label.setText("")
            self.preview.setText("")
            return
        try:
            units = self._units()
        except UserError:
            units = None
        self.unit_label.setText(_plural(product.unit_label, units))
        self.preview.setText(describe_per_unit(product, units) if units is not None
                             else "type how many you took")

    def saved_entry(self) -> SupplementDose:
        """The dose saved when OK was pressed."""
        if self._accepted is None:
            raise RuntimeError("the dialog was not accepted")
        return self._accepted

    def build(self) -> SupplementDose:
        """A new dose as the fields describe it, checked; raises UserError."""
        product = self.selected_product()
        if product is None:
            raise UserError("Choose a supplement, or add one with 'Manage my supplements'.",
                            "product")
        units = self._units()
        day = validation.check_date(from_qdate(self.date_edit.date()))
        dose = SupplementDose(day, from_qtime(self.time_edit.time()), product.id, units)
        if self._dose is not None:
            dose = dataclasses.replace(dose, id=self._dose.id)
        return validation.check_supplement_dose(dose)

    def accept(self) -> None:
        try:
            dose = self.build()
            if self._saver is not None:
                self._saver(dose)
        except UserError as error:
            self.errors.show(error)
            return
        self.errors.clear()
        self._accepted = dose
        super().accept()

    def message(self) -> str:
        """The error on show, or an empty string."""
        return self.errors.message()
