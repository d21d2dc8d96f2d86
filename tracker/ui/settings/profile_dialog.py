"""The profile the reference intakes are chosen by: sex, birth date, pregnancy or lactation,
and which reference set (US/Canadian DRI or EFSA) they come from.

Asked once on first run; the same form sits in Settings for later changes.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from tracker.domain import validation
from tracker.domain.entries import LIFE_STAGES, REFERENCE_SETS, SEXES, Profile
from tracker.domain.errors import UserError
from tracker.domain.reference import reference_set_name
from tracker.services import profile as profile_service
from tracker.services.context import Context
from tracker.ui.common.field_errors import FieldError, FormErrors

_STAGE_LABELS = {"general": "Neither", "pregnancy": "Pregnant", "lactation": "Breastfeeding"}


class ProfileForm(QWidget):
    """The three profile fields with their error lines; ``profile()`` checks and returns them."""

    def __init__(self, profile: Profile | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.sex_combo = QComboBox(self)
        for sex in SEXES:
            self.sex_combo.addItem(sex.capitalize(), sex)
        # Typed, and empty until the person types it: a default birth date would
        # silently choose an age band, and so the targets.
        self.birth_edit = QLineEdit(self)
        self.birth_edit.setPlaceholderText("YYYY-MM-DD, e.g. 1979-02-14")
        self.birth_edit.setAccessibleName("Birth date")
        self.stage_combo = QComboBox(self)
        for stage in LIFE_STAGES:
            self.stage_combo.addItem(_STAGE_LABELS[stage], stage)
        self.reference_combo = QComboBox(self)
        for reference_set in REFERENCE_SETS:
            self.reference_combo.addItem(reference_set_name(reference_set), reference_set)
        self.general_error = FieldError(self)
        self.errors = FormErrors(self.general_error, recheck=self.profile)
        form = QFormLayout(self)
        form.setContentsMargins(0, 0, 0, 0)
        for label, widget, field in (("Se&x:", self.sex_combo, "sex"),
                                     ("&Birth date:", self.birth_edit, "birth_date"),
                                     ("Pre&gnant or breastfeeding:", self.stage_combo,
                                      "life_stage"),
                                     ("Reference inta&kes:", self.reference_combo,
                                      "reference_set")):
            form.addRow(label, widget)
            message = FieldError(self)
            form.addRow("", message)
            self.errors.add(field, message, widget)
        form.addRow(self.general_error)
        self.sex_combo.currentIndexChanged.connect(self._enable_stage)
        self._show(profile)

    def _show(self, profile: Profile | None) -> None:
        if profile is None:
            self.birth_edit.clear()
            self.sex_combo.setCurrentIndex(-1)
        else:
            self.sex_combo.setCurrentIndex(SEXES.index(profile.sex))
            self.birth_edit.setText(profile.birth_date.isoformat())
            self.stage_combo.setCurrentIndex(LIFE_STAGES.index(profile.life_stage))
            self.reference_combo.setCurrentIndex(REFERENCE_SETS.index(profile.reference_set))
        self._enable_stage()

    def _enable_stage(self) -> None:
        female = self.sex_combo.currentData() == "female"
        self.stage_combo.setEnabled(female)
        if not female:
            self.stage_combo.setCurrentIndex(0)

    def profile(self, today: dt.date | None = None) -> Profile:
        """The profile as filled in; raises UserError naming the field at fault."""
        sex = self.sex_combo.currentData()
        if sex is None:
            raise UserError("Choose the sex the reference intakes should use.", "sex")
        if not self.birth_edit.text().strip():
            raise UserError("Type your birth date (YYYY-MM-DD): the reference intakes "
                            "depend on age.", "birth_date")
        born = validation.parse_date(self.birth_edit.text(), "birth_date")
        chosen = Profile(str(sex), born,
                         str(self.stage_combo.currentData()),
                         str(self.reference_combo.currentData()))
        return validation.check_profile(chosen, today)


class ProfileDialog(QDialog):
    """First-run question: whom the reference intakes are for. Saves through the service."""

    def __init__(self, ctx: Context, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle("About you")
        intro = QLabel("Nutrient Tracker compares what you eat with the reference intakes "
                       "for your age and sex: the US/Canadian Dietary Reference Intakes or "
                       "EFSA's values for Europe. This stays on this computer; you can "
                       "change it later in Settings.", self)
        intro.setWordWrap(True)
        self.form = ProfileForm(profile_service.get_profile(ctx), self)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self)
        cancel = buttons.button(QDialogButtonBox.StandardButton.Cancel)
        cancel.setText("&Later")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.form)
        layout.addWidget(buttons)
        self.form.sex_combo.setFocus()

    def message(self) -> str:
        return self.form.errors.message()

    def accept(self) -> None:
        try:
            profile_service.set_profile(self.ctx, self.form.profile())
        except UserError as exc:
            self.form.errors.show(exc)
            return
        super().accept()
