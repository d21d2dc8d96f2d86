"""Settings…: Profile (with the reference set), Units and drinks, Reminders, Desktop.

The profile is saved through the profile service (it lives in the diary); the
rest goes to the settings file. Nothing is saved unless every field is valid.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from tracker.config import Settings
from tracker.domain import reminders, validation
from tracker.domain.errors import UserError
from tracker.domain.units import UNIT_SYSTEM_LABELS
from tracker.services import desktop_files
from tracker.services import profile as profile_service
from tracker.services.context import Context
from tracker.ui.common.field_errors import FieldError, FormErrors
from tracker.ui.settings.profile_dialog import ProfileForm

THEMES = {"system": "Follow the system", "light": "Light", "dark": "Dark"}
CLOSE_CHOICES = {"ask": "Ask the first time", "tray": "Keep running in the tray",
                 "quit": "Quit"}
TAB_NAMES = ("Profile", "Units", "Reminders", "Desktop")


def _combo(parent: QWidget, choices: dict[str, str], current: str) -> QComboBox:
    combo = QComboBox(parent)
    for key, label in choices.items():
        combo.addItem(label, key)
    combo.setCurrentIndex(max(0, list(choices).index(current) if current in choices else 0))
    return combo


class SettingsDialog(QDialog):
    """One tab per subject; Save checks every tab before anything is written."""

    def __init__(self, ctx: Context, settings: Settings, parent: QWidget | None = None,
                 tab: str = "Profile") -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.settings = settings
        self.setWindowTitle("Settings")
        self.tabs = QTabWidget(self)
        self.general_error = FieldError(self)
        self.errors = FormErrors(self.general_error, recheck=self._checked)
        self.profile_form = ProfileForm(profile_service.get_profile(ctx), self.tabs)
        self.tabs.addTab(self.profile_form, "&Profile")
        self.tabs.addTab(self._units_tab(), "&Units")
        self.tabs.addTab(self._reminders_tab(), "&Reminders")
        self.tabs.addTab(self._desktop_tab(), "&Desktop")
        self.tabs.setCurrentIndex(TAB_NAMES.index(tab) if tab in TAB_NAMES else 0)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs)
        layout.addWidget(self.general_error)
        layout.addWidget(buttons)

    def _form(self) -> tuple[QWidget, QFormLayout]:
        page = QWidget(self.tabs)
        return page, QFormLayout(page)

    def _error_row(self, form: QFormLayout, page: QWidget, key: str, widget: QWidget) -> None:
        message = FieldError(page)
        form.addRow("", message)
        self.errors.add(key, message, widget)

    def _units_tab(self) -> QWidget:
        page, form = self._form()
        self.units_combo = _combo(page, UNIT_SYSTEM_LABELS, str(self.settings.get("units")))
        self.glass_edit = QLineEdit(f"{self.settings.get('glass_ml'):g}", page)
        self.bottle_edit = QLineEdit(f"{self.settings.get('bottle_ml'):g}", page)
        form.addRow("Show and enter food and drinks in:", self.units_combo)
        form.addRow(QLabel("The diary, exports and --json keep grams and millilitres "
                           "whatever you choose.", page))
        for label, edit, key in (("&Glass button (ml):", self.glass_edit, "glass_ml"),
                                 ("B&ottle button (ml):", self.bottle_edit, "bottle_ml")):
            form.addRow(label, edit)
            self._error_row(form, page, key, edit)
        self.theme_combo = _combo(page, THEMES, str(self.settings.get("theme")))
        form.addRow("&Theme:", self.theme_combo)
        return page

    def _reminders_tab(self) -> QWidget:
        page, form = self._form()
        self.reminders_check = QCheckBox("&Remind me to log", page)
        self.reminders_check.setChecked(bool(self.settings.get("reminders")))
        self.meal_edit = QLineEdit(str(self.settings.get("meal_times")), page)
        self.meal_edit.setPlaceholderText(reminders.DEFAULT_MEAL_TIMES)
        self.evening_edit = QLineEdit(str(self.settings.get("evening_time")), page)
        self.evening_edit.setPlaceholderText("e.g. 21:30; empty for none")
        form.addRow(self.reminders_check)
        form.addRow("&Meal times:", self.meal_edit)
        self._error_row(form, page, "meal_times", self.meal_edit)
        form.addRow("&Evening check:", self.evening_edit)
        self._error_row(form, page, "evening_time", self.evening_edit)
        note = QLabel("A reminder never comes within 30 minutes of something you logged; "
                      "after a day with nothing logged, a note says so the next time the "
                      "app starts.", page)
        note.setWordWrap(True)
        form.addRow(note)
        return page

    def _desktop_tab(self) -> QWidget:
        page, form = self._form()
        self.close_combo = _combo(page, CLOSE_CHOICES, str(self.settings.get("close_to_tray")))
        self.login_check = QCheckBox("Start at &login (in the tray)", page)
        self.login_check.setChecked(desktop_files.starts_at_login())
        form.addRow("&Closing the window:", self.close_combo)
        form.addRow(self.login_check)
        return page

    def _size(self, edit: QLineEdit, key: str) -> float:
        what = "The glass size" if key == "glass_ml" else "The bottle size"
        value = validation.parse_number(edit.text(), what, key)
        return validation.check_amount(value, what, key, validation.MAX_WATER_ML, "ml")

    def message(self) -> str:
        return self.profile_form.errors.message() or self.errors.message()

    def _checked(self) -> dict[str, object]:
        """Every value of the non-profile tabs, checked; raises UserError naming the field."""
        glass = self._size(self.glass_edit, "glass_ml")
        bottle = self._size(self.bottle_edit, "bottle_ml")
        meals = reminders.parse_times(self.meal_edit.text())
        evening_text = self.evening_edit.text().strip()
        try:
            evening = reminders.parse_times(evening_text)
        except UserError as exc:
            raise UserError(exc.message, "evening_time") from None
        if len(evening) > 1:
            raise UserError("One evening time, please.", "evening_time")
        return {"glass_ml": glass, "bottle_ml": bottle,
                "meal_times": reminders.format_times(meals),
                "evening_time": reminders.format_times(evening),
                "units": self.units_combo.currentData(),
                "theme": self.theme_combo.currentData(),
                "reminders": self.reminders_check.isChecked(),
                "close_to_tray": self.close_combo.currentData()}

    def accept(self) -> None:
        self.errors.clear()
        self.profile_form.errors.clear()
        try:
            values = self._checked()
        except UserError as exc:
            self.errors.show(exc)
            return
        try:
            profile = self.profile_form.profile()
            if profile != profile_service.get_profile(self.ctx):
                profile_service.set_profile(self.ctx, profile)
        except UserError as exc:
            self.tabs.setCurrentIndex(0)
            self.profile_form.errors.show(exc)
            return
        for key, value in values.items():
            self.settings.set(key, value)
        try:
            if self.login_check.isChecked() != desktop_files.starts_at_login():
                desktop_files.set_start_at_login(self.login_check.isChecked())
        except OSError as exc:
            self.errors.show(UserError(f"Start at login could not be changed "
                                       f"({exc.strerror or exc}).", ""))
            return
        super().accept()
