"""The optional day factors beside the diary: sleep, stress, exercise and "day complete".

Each field may stay empty ("–"); marking the day complete tells the analysis
this day was fully logged, so a forgotten day is not read as a day of low intake.
"""

from __future__ import annotations

import dataclasses
import datetime as dt

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDoubleSpinBox,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QWidget,
)

from tracker.domain.entries import DayFactors

NOT_GIVEN = "–"
_STRESS_LEVELS = ("1 – calm", "2", "3", "4", "5 – very stressed")


class FactorsPanel(QGroupBox):
    """Edits one day's factors; emits ``factorsEdited`` with the new values on every change."""

    factorsEdited = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("Day factors (optional)", parent)
        self._date = dt.date.today()
        self.sleep_spin = QDoubleSpinBox(self)
        # The minimum stands for "not given", shown as a dash.
        self.sleep_spin.setRange(-0.5, 24.0)
        self.sleep_spin.setSingleStep(0.5)
        self.sleep_spin.setDecimals(1)
        self.sleep_spin.setSuffix(" h")
        self.sleep_spin.setSpecialValueText(NOT_GIVEN)
        self.stress_combo = QComboBox(self)
        self.stress_combo.addItem(NOT_GIVEN, None)
        for level, text in enumerate(_STRESS_LEVELS, start=1):
            self.stress_combo.addItem(text, level)
        self.exercise_spin = QSpinBox(self)
        self.exercise_spin.setRange(-5, 1440)
        self.exercise_spin.setSingleStep(5)
        self.exercise_spin.setSuffix(" min")
        self.exercise_spin.setSpecialValueText(NOT_GIVEN)
        self.complete_check = QCheckBox("Day &complete (everything logged)", self)
        self.complete_check.setToolTip(
            "Tick when you have logged all you ate and drank today, so the charts can tell "
            "a fully logged day from a forgotten one.")
        self.notes_edit = QLineEdit(self)
        self.notes_edit.setPlaceholderText("e.g. long run, travel, ill")
        self.notes_edit.setMaxLength(2000)
        # Two compact rows under the day's entries, in reading (and tab) order. Each row
        # is its own box, so the check box keeps the width of its words however narrow
        # the window.
        grid = QGridLayout(self)
        first = QHBoxLayout()
        for text, widget in (("Slee&p:", self.sleep_spin), ("St&ress:", self.stress_combo),
                             ("Exerc&ise:", self.exercise_spin)):
            label = QLabel(text, self)
            label.setBuddy(widget)
            first.addWidget(label)
            first.addWidget(widget)
        first.addStretch(1)
        notes_label = QLabel("&Notes:", self)
        notes_label.setBuddy(self.notes_edit)
        second = QHBoxLayout()
        second.addWidget(notes_label)
        second.addWidget(self.notes_edit, 1)
        second.addWidget(self.complete_check)
        grid.addLayout(first, 0, 0)
        grid.addLayout(second, 1, 0)
        self.sleep_spin.editingFinished.connect(self._report_if_edited)
        self.exercise_spin.editingFinished.connect(self._report_if_edited)
        self.stress_combo.activated.connect(self._report_if_edited)
        self.complete_check.clicked.connect(self._report_if_edited)
        self.notes_edit.editingFinished.connect(self._report_if_edited)
        self._shown = DayFactors(self._date)
        # Start at "not given": a spin box's own start (0) would read as 0 h of sleep,
        # and be saved as such the moment anything else on the day is set.
        self.sleep_spin.setValue(self.sleep_spin.minimum())
        self.exercise_spin.setValue(self.exercise_spin.minimum())

    def show_factors(self, date: dt.date, factors: DayFactors | None) -> None:
        """Display ``factors`` for ``date`` without emitting an edit."""
        if date == self._date and (factors or DayFactors(date)) == self._shown:
            return  # unchanged: repainting these fields would cost the frame a new entry needs
        self._date = date
        self._shown = factors or DayFactors(date)
        widgets = (self.sleep_spin, self.exercise_spin, self.stress_combo, self.complete_check,
                   self.notes_edit)
        for widget in widgets:
            widget.blockSignals(True)
        shown = self._shown
        self.sleep_spin.setValue(self.sleep_spin.minimum() if shown.sleep_hours is None
                                 else shown.sleep_hours)
        self.exercise_spin.setValue(self.exercise_spin.minimum() if shown.exercise_min is None
                                    else shown.exercise_min)
        self.stress_combo.setCurrentIndex(shown.stress or 0)
        self.complete_check.setChecked(shown.complete)
        self.notes_edit.setText(shown.notes)
        for widget in widgets:
            widget.blockSignals(False)

    def current(self) -> DayFactors:
        """The factors as the fields show them now."""
        sleep = self.sleep_spin.value()
        exercise = self.exercise_spin.value()
        return dataclasses.replace(
            self._shown,
            sleep_hours=None if sleep < 0 else sleep,
            stress=self.stress_combo.currentData(),
            exercise_min=None if exercise < 0 else exercise,
            complete=self.complete_check.isChecked(),
            notes=self.notes_edit.text().strip(),
        )

    def _report_if_edited(self) -> None:
        factors = self.current()
        if factors != self._shown:
            self._shown = factors
            self.factorsEdited.emit(factors)
