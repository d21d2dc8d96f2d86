"""The first-run questions inside the main window: profile, reference set, units, reminders.

Shown above the day on the first start instead of a dialog in the way; every
question may be left unanswered ("Later"), and all of them stay in Settings.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from tracker.config import Settings
from tracker.domain.errors import UserError
from tracker.domain.units import UNIT_SYSTEM_LABELS
from tracker.services import profile as profile_service
from tracker.services.context import Context
from tracker.ui.settings.profile_dialog import ProfileForm


class FirstRunPanel(QFrame):
    """Welcome, four optional answers, Save or Later; emits ``finished`` either way."""

    finished = Signal()

    def __init__(self, ctx: Context, settings: Settings,
                 on_saved: Callable[[], object] | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.settings = settings
        self._on_saved = on_saved
        self.setObjectName("first_run")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        title = QLabel("<b>Welcome to Nutrient Tracker.</b> A few questions make the totals "
                       "yours; each is optional and can be changed later in Settings.", self)
        title.setWordWrap(True)
        self.profile_form = ProfileForm(profile_service.get_profile(ctx), self)
        self.units_combo = QComboBox(self)
        for key, label in UNIT_SYSTEM_LABELS.items():
            self.units_combo.addItem(label, key)
        self.units_combo.setCurrentIndex(list(UNIT_SYSTEM_LABELS).index(
            str(settings.get("units"))))
        self.reminders_check = QCheckBox("Remin&d me to log at meal times and in the evening "
                                         "(off unless you tick it)", self)
        self.reminders_check.setChecked(bool(settings.get("reminders")))
        extra = QFormLayout()
        extra.addRow("&Units:", self.units_combo)
        extra.addRow(self.reminders_check)
        self.save_button = QPushButton("S&ave", self)
        self.later_button = QPushButton("La&ter", self)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.later_button)
        buttons.addWidget(self.save_button)
        columns = QHBoxLayout()
        columns.addWidget(self.profile_form, 3)
        columns.addLayout(extra, 2)
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addLayout(columns)
        layout.addLayout(buttons)
        self.save_button.setDefault(True)
        self.save_button.clicked.connect(self.save)
        self.later_button.clicked.connect(self.later)

    def save(self) -> bool:
        """Save what was answered; a profile without its sex chosen is simply not saved."""
        self.profile_form.errors.clear()
        if self.profile_form.sex_combo.currentData() is not None:
            try:
                profile_service.set_profile(self.ctx, self.profile_form.profile())
            except UserError as exc:
                self.profile_form.errors.show(exc)
                return False
        self.settings.set("units", self.units_combo.currentData())
        self.settings.set("reminders", self.reminders_check.isChecked())
        self._finish()
        if self._on_saved is not None:
            self._on_saved()
        return True

    def later(self) -> None:
        self._finish()

    def _finish(self) -> None:
        self.settings.set("first_run_done", True)
        self.hide()
        self.finished.emit()
