"""Settings…: the profile, the unit drinks are shown in, and the quick-button sizes."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from tracker.config import Settings
from tracker.domain import validation
from tracker.domain.errors import UserError
from tracker.services import profile as profile_service
from tracker.services.context import Context
from tracker.ui.common.field_errors import FieldError, FormErrors
from tracker.ui.day.entry_dialogs import WATER_UNITS
from tracker.ui.settings.profile_dialog import ProfileForm


class SettingsDialog(QDialog):
    """Saves the profile through the service and the rest to the settings file."""

    def __init__(self, ctx: Context, settings: Settings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.settings = settings
        self.setWindowTitle("Settings")
        profile_box = QGroupBox("Profile (chooses your reference intakes)", self)
        self.profile_form = ProfileForm(profile_service.get_profile(ctx), profile_box)
        QVBoxLayout(profile_box).addWidget(self.profile_form)
        drinks_box = QGroupBox("Drinks", self)
        self.unit_combo = QComboBox(drinks_box)
        for key, label in WATER_UNITS.items():
            self.unit_combo.addItem(label, key)
        self.unit_combo.setCurrentIndex(list(WATER_UNITS).index(settings.get("water_unit")))
        self.glass_edit = QLineEdit(f"{settings.get('glass_ml'):g}", drinks_box)
        self.bottle_edit = QLineEdit(f"{settings.get('bottle_ml'):g}", drinks_box)
        self.drinks_error = FieldError(drinks_box)
        self.errors = FormErrors(self.drinks_error, recheck=self._sizes)
        form = QFormLayout(drinks_box)
        form.addRow("Show drinks in &unit:", self.unit_combo)
        for label, edit, key in (("&Glass button (ml):", self.glass_edit, "glass_ml"),
                                 ("B&ottle button (ml):", self.bottle_edit, "bottle_ml")):
            form.addRow(label, edit)
            message = FieldError(drinks_box)
            form.addRow("", message)
            self.errors.add(key, message, edit)
        form.addRow(self.drinks_error)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(profile_box)
        layout.addWidget(drinks_box)
        layout.addWidget(buttons)

    def _sizes(self) -> tuple[float, float]:
        return (self._size(self.glass_edit, "glass_ml"),
                self._size(self.bottle_edit, "bottle_ml"))

    def _size(self, edit: QLineEdit, key: str) -> float:
        what = "The glass size" if key == "glass_ml" else "The bottle size"
        value = validation.parse_number(edit.text(), what, key)
        return validation.check_amount(value, what, key, validation.MAX_WATER_ML, "ml")

    def message(self) -> str:
        return self.profile_form.errors.message() or self.errors.message()

    def accept(self) -> None:
        self.errors.clear()
        self.profile_form.errors.clear()
        try:
            glass, bottle = self._sizes()
        except UserError as exc:
            self.errors.show(exc)
            return
        try:
            profile = self.profile_form.profile()
            if profile != profile_service.get_profile(self.ctx):
                profile_service.set_profile(self.ctx, profile)
        except UserError as exc:
            self.profile_form.errors.show(exc)
            return
        self.settings.set("water_unit", self.unit_combo.currentData())
        self.settings.set("glass_ml", glass)
        self.settings.set("bottle_ml", bottle)
        super().accept()
