"""Managing the supplement products a person takes: a list beside the product form.

Each save goes straight to the diary through ``services.supplements``;
products are definitions, not diary entries, so they are not undone like entries.
"""

from __future__ import annotations

from PySide6.QtCore import (
    QAbstractListModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QListView,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from tracker.domain.entries import SupplementProduct
from tracker.domain.errors import UserError
from tracker.services import supplements
from tracker.services.context import Context
from tracker.ui.supplements.supplement_product_form import SupplementProductForm, describe_per_unit

_Index = QModelIndex | QPersistentModelIndex


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
        self.new_button.clicked.connect(self.new_product)
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

    def _show_selected(self, current: QModelIndex, previous: QModelIndex) -> None:
        product = self.model.product_at(current.row()) if current.isValid() else None
        if product is not None and self._dirty:
            # Keep the edited product selected until the person says what to do with the edits;
            # asking later, outside this selection change, lets a save reload the list safely.
            selection = self.list_view.selectionModel()
            selection.blockSignals(True)
            self.list_view.setCurrentIndex(previous)
            selection.blockSignals(False)
            QTimer.singleShot(0, lambda: self._switch_to(product.id))
            return
        self.delete_button.setEnabled(product is not None)
        if product is not None:
            self.form.load(product)
            self.status.setText("")
            self._dirty = False

    def _switch_to(self, product_id: str) -> None:
        if self._leave_edits():
            self.reload(select_id=product_id)

    def _leave_edits(self) -> bool:
        """True when the form may be emptied: nothing unsaved, or saved or discarded on asking."""
        if not self._dirty:
            return True
        answer = QMessageBox.question(
            self, "Unsaved supplement", "Save the changes to this supplement first?",
            QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Discard
            | QMessageBox.StandardButton.Cancel)
        if answer == QMessageBox.StandardButton.Save:
            return self.save()
        if answer == QMessageBox.StandardButton.Discard:
            self._dirty = False
            return True
        return False

    def new_product(self) -> None:
        """The New button: an empty form, once any unsaved edits are dealt with."""
        if self._leave_edits():
            self.start_new()

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
        self._dirty = False
        self.reload(select_id=saved.id)
        self.status.setText(f"Saved {saved.name}.")
        self.productsChanged.emit()
        return True

    def _mark_edited(self) -> None:
        self._dirty = True
        self.status.setText("")

    def reject(self) -> None:
        """Close, first offering to save what was typed since the last save."""
        if self._leave_edits():
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
