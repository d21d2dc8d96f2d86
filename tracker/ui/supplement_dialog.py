"""Supplements: managing the products a person takes, and logging a dose of one.

Products are saved through ``services.supplements`` as the person edits them.
A dose is only returned by ``SupplementDoseDialog.entry()``: the main window
stores it through an undo command, so logging it can be undone.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable

from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QMessageBox,
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
from tracker.ui.entry_form import from_qdate, from_qtime, to_qdate, to_qtime
from tracker.ui.field_errors import FieldError, FormErrors
from tracker.ui.supplement_product_form import SupplementProductForm, describe_per_unit

_Index = QModelIndex | QPersistentModelIndex


def _plural(unit_label: str, units: float | None) -> str:
    """``tablet`` for one, ``tablets`` otherwise; abbreviations such as ml stay as they are."""
    if units == 1 or unit_label.endswith("s") or unit_label in ("ml", "mg", "g"):
        return unit_label
    return f"{unit_label}s"


class SupplementProductModel(QAbstractListModel):
    """The person's products by name; the product itself is under ``Qt.UserRole``."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._products: list[SupplementProduct] = []

    def set_products(self, products: list[SupplementProduct]) -> None:
        self.beginResetModel()
        self._products = list(products)
        self.endResetModel()

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._products)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or not 0 <= index.row() < len(self._products):
            return None
        product = self._products[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return product.name
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"Per {product.unit_label}: {describe_per_unit(product)}"
        if role == Qt.ItemDataRole.UserRole:
            return product
        return None

    def product_at(self, row: int) -> SupplementProduct | None:
        return self._products[row] if 0 <= row < len(self._products) else None

    def row_of(self, product_id: str) -> int:
        return next((i for i, p in enumerate(self._products) if p.id == product_id), -1)


class SupplementProductsDialog(QDialog):
    """List, add, edit and delete supplement products; each save goes straight to the diary."""

    productsChanged = Signal()

    def __init__(self, ctx: Context, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("My supplements")
        self._ctx = ctx
        self.model = SupplementProductModel(self)
        self.list_view = QListView()
        self.list_view.setModel(self.model)
        self.list_view.setMinimumWidth(200)
        self.form = SupplementProductForm()
        self.new_button = QPushButton("New supplement")
        self.delete_button = QPushButton("Delete")
        self.save_button = QPushButton("Save supplement")
        self.status = QLabel()
        self.status.setStyleSheet("color: #2e7d32;")
        for button in (self.new_button, self.delete_button, self.save_button):
            button.setAutoDefault(False)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)

        left = QVBoxLayout()
        left.addWidget(QLabel("Supplements you take"))
        left.addWidget(self.list_view, 1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.new_button)
        buttons.addWidget(self.delete_button)
        left.addLayout(buttons)
        right = QVBoxLayout()
        right.addWidget(self.form)
        save_row = QHBoxLayout()
        save_row.addWidget(self.status, 1)
        save_row.addWidget(self.save_button)
        right.addLayout(save_row)
        right.addStretch(1)
        body = QHBoxLayout()
        body.addLayout(left, 1)
        body.addLayout(right, 2)
        layout = QVBoxLayout(self)
        layout.addLayout(body)
        layout.addWidget(close)

        self.list_view.selectionModel().currentChanged.connect(self._show_selected)
        self.new_button.clicked.connect(self.start_new)
        self.delete_button.clicked.connect(self.delete_selected)
        self.save_button.clicked.connect(self.save)
        self.form.edited.connect(self._mark_edited)
        self._dirty = False
        self.form.name_edit.returnPressed.connect(self.save)
        self.reload()
        self.start_new()

    def reload(self, select_id: str | None = None) -> None:
        self.model.set_products(supplements.products(self._ctx))
        row = self.model.row_of(select_id) if select_id else -1
        if row >= 0:
            self.list_view.setCurrentIndex(self.model.index(row))
        self.delete_button.setEnabled(row >= 0)

    def _show_selected(self, current: QModelIndex) -> None:
        product = self.model.product_at(current.row()) if current.isValid() else None
        self.delete_button.setEnabled(product is not None)
        if product is not None:
            self.form.load(product)
            self.status.setText("")
            self._dirty = False

    def start_new(self) -> None:
        self.list_view.clearSelection()
        self.list_view.setCurrentIndex(QModelIndex())
        self.delete_button.setEnabled(False)
        self.form.load(None)
        self.status.setText("")
        self._dirty = False
        self.form.name_edit.setFocus()

    def save(self) -> bool:
        """Save the form; a mistake is shown beside its field and nothing is stored."""
        try:
            saved = supplements.save_product(self._ctx, self.form.product())
        except UserError as error:
            self.form.errors.show(error)
            self.status.setText("")
            return False
        self.form.errors.clear()
        self.reload(select_id=saved.id)
        self._dirty = False
        self.status.setText(f"Saved {saved.name}.")
        self.productsChanged.emit()
        return True

    def _mark_edited(self) -> None:
        self._dirty = True
        self.status.setText("")

    def reject(self) -> None:
        """Close, first offering to save what was typed since the last save."""
        if self._dirty:
            answer = QMessageBox.question(
                self, "Unsaved supplement", "Save the changes to this supplement first?",
                QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Discard
                | QMessageBox.StandardButton.Cancel)
            if answer == QMessageBox.StandardButton.Cancel or (
                    answer == QMessageBox.StandardButton.Save and not self.save()):
                return
        super().reject()

    def delete_selected(self) -> None:
        product = self.model.product_at(self.list_view.currentIndex().row())
        if product is None:
            return
        answer = QMessageBox.question(self, "Delete supplement",
                                      f"Delete {product.name}? This cannot be undone.")
        if answer != QMessageBox.StandardButton.Yes:
            return
        try:
            supplements.delete_product(self._ctx, product.id)
        except UserError as error:
            self.form.errors.show(UserError(
                f"{product.name} cannot be deleted: {error.message}"))
            return
        self.reload()
        self.start_new()
        self.status.setText(f"Deleted {product.name}.")
        self.productsChanged.emit()


class SupplementDoseDialog(QDialog):
    """Pick a product and how many units were taken; ``entry()`` returns the dose."""

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
        self.errors = FormErrors(self.general_error)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText("Save" if dose else "Add")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

        form = QFormLayout()
        form.addRow("Supplement", self._with_error(self.product_combo, "product"))
        units_row = QHBoxLayout()
        units_row.addWidget(self.units_edit)
        units_row.addWidget(self.unit_label)
        units_row.addStretch(1)
        form.addRow("How many", self._with_error(units_row, "units", self.units_edit))
        when_row = QHBoxLayout()
        when_row.addWidget(self.date_edit)
        when_row.addWidget(QLabel("at"))
        when_row.addWidget(self.time_edit)
        when_row.addStretch(1)
        form.addRow("When", self._with_error(when_row, "date", self.date_edit))
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

    def _with_error(self, item: QWidget | QHBoxLayout, field: str,
                    widget: QWidget | None = None) -> QVBoxLayout:
        error = FieldError()
        column = QVBoxLayout()
        column.setSpacing(2)
        if isinstance(item, QWidget):
            column.addWidget(item)
        else:
            column.addLayout(item)
        column.addWidget(error)
        self.errors.add(field, error, widget or (item if isinstance(item, QWidget) else None))
        return column

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

    def entry(self) -> SupplementDose:
        """The dose as filled in (the accepted one once OK was pressed); raises UserError."""
        if self._accepted is not None:
            return self._accepted
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
            dose = self.entry()
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
