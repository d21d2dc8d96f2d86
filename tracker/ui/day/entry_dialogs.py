"""Dialogs for a custom drink of water, a manual caffeine entry and a twitch episode."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLineEdit, QSlider, QWidget

from tracker.domain import validation
from tracker.domain.entries import (
    BODY_SITES,
    EPISODE_KINDS,
    SIDES,
    CaffeineEntry,
    Episode,
    WaterEntry,
)
from tracker.domain.errors import UserError
from tracker.domain.units import VOLUME_UNITS, ml_to_unit, volume_to_ml
from tracker.ui.common.entry_form import EntryDialog, Saver

CAFFEINE_SUGGESTIONS: tuple[str, ...] = (
    "coffee", "espresso", "tea", "energy drink", "pre-workout", "cola", "caffeine tablet",
)
_DURATION_RE = re.compile(r"^\s*(\d+(?:[.,]\d+)?)\s*(s|sec|secs|seconds?|m|min|mins|minutes?)?"
                          r"\s*$", re.IGNORECASE)


def parse_duration(text: str) -> int | None:
    """Seconds from "30", "30 s", "2 min" or "1.5 min"; empty means not given."""
    if not text.strip():
        return None
    match = _DURATION_RE.match(text)
    if not match:
        raise UserError(f"{text!r} is not a duration; write e.g. '30 s' or '2 min'.",
                        "duration_s")
    value = validation.parse_number(match.group(1), "Duration", "duration_s")
    unit = (match.group(2) or "s").lower()
    seconds = value * 60 if unit.startswith("m") else value
    if seconds > validation.MAX_DURATION_S:
        raise UserError("Duration must be between 0 seconds and 24 hours.", "duration_s")
    return round(seconds)


class WaterDialog(EntryDialog):
    """A drink of water of any size: in ml, or under US units in fl oz or cups."""

    def __init__(self, date: dt.date, time: dt.time, parent: QWidget | None = None,
                 entry: WaterEntry | None = None, units: str = "metric",
                 saver: Saver | None = None) -> None:
        super().__init__("Edit water" if entry else "Add water", date, time, parent, saver)
        self._old = entry
        self.amount_edit = QLineEdit(self)
        self.amount_edit.setPlaceholderText("e.g. 330")
        self.unit_combo = QComboBox(self)
        # Every unit stays offered; the person's system decides which comes first.
        order = [*VOLUME_UNITS.get(units, VOLUME_UNITS["metric"]),
                 *(u for system in VOLUME_UNITS.values() for u in system)]
        for unit in dict.fromkeys(order):
            self.unit_combo.addItem("US " + unit if unit != "ml" else unit, unit)
        self.unit_combo.setCurrentIndex(0)
        if entry is not None:
            shown = ml_to_unit(entry.volume_ml, str(self.unit_combo.currentData()))
            self.amount_edit.setText(f"{shown:.4g}")
        row = QWidget(self)
        box = QHBoxLayout(row)
        box.setContentsMargins(0, 0, 0, 0)
        box.addWidget(self.amount_edit, 1)
        box.addWidget(self.unit_combo)
        self.add_field("&Amount:", self.amount_edit, "volume_ml", row)
        self.add_when_fields()
        self.amount_edit.setFocus()

    def build(self) -> WaterEntry:
        date, time = self.when()
        value = volume_to_ml(
            validation.parse_number(self.amount_edit.text(), "The volume", "volume_ml"),
            str(self.unit_combo.currentData()))
        if self._old is not None:
            entry = dataclasses.replace(self._old, date=date, time=time, volume_ml=value)
        else:
            entry = WaterEntry(date, time, value)
        return validation.check_water_entry(entry)


class CaffeineDialog(EntryDialog):
    """Caffeine from something not in the food list: milligrams and a label."""

    def __init__(self, date: dt.date, time: dt.time, parent: QWidget | None = None,
                 entry: CaffeineEntry | None = None, saver: Saver | None = None) -> None:
        super().__init__("Edit caffeine" if entry else "Add caffeine", date, time, parent,
                         saver)
        self._old = entry
        self.mg_edit = QLineEdit(self)
        self.mg_edit.setPlaceholderText("e.g. 80")
        self.label_combo = QComboBox(self)
        self.label_combo.setEditable(True)
        self.label_combo.addItems(CAFFEINE_SUGGESTIONS)
        self.label_combo.setCurrentText(entry.label if entry else "")
        line_edit = self.label_combo.lineEdit()
        if line_edit is not None:
            line_edit.setPlaceholderText("e.g. energy drink")
        if entry is not None:
            self.mg_edit.setText(f"{entry.caffeine_mg:g}")
        self.add_field("Caffeine (&mg):", self.mg_edit, "caffeine_mg")
        self.add_field("&Label:", self.label_combo, "label")
        self.add_when_fields()
        self.mg_edit.setFocus()

    def build(self) -> CaffeineEntry:
        date, time = self.when()
        mg = validation.parse_number(self.mg_edit.text(), "Caffeine", "caffeine_mg")
        label = validation.check_text(self.label_combo.currentText(), "The label", "label",
                                      validation.MAX_NAME)
        if self._old is not None:
            entry = dataclasses.replace(self._old, date=date, time=time, caffeine_mg=mg,
                                        label=label)
        else:
            entry = CaffeineEntry(date, time, mg, label)
        return validation.check_caffeine_entry(entry)


class EpisodeDialog(EntryDialog):
    """A twitch, cramp, spasm or tingling: where, which side, how strong, how long."""

    def __init__(self, date: dt.date, time: dt.time, parent: QWidget | None = None,
                 entry: Episode | None = None, defaults: Episode | None = None,
                 saver: Saver | None = None) -> None:
        super().__init__("Edit episode" if entry else "Log episode", date, time, parent, saver)
        self._old = entry
        shown = entry or defaults
        self.kind_combo = QComboBox(self)
        self.kind_combo.addItems([k.capitalize() for k in EPISODE_KINDS])
        self.site_combo = QComboBox(self)
        self.site_combo.setEditable(True)
        self.site_combo.addItems(list(BODY_SITES))
        self.side_combo = QComboBox(self)
        self.side_combo.addItems([s.capitalize() for s in SIDES])
        self.intensity_edit = QLineEdit(self)
        self.intensity_edit.setMaximumWidth(60)
        self.intensity_slider = QSlider(Qt.Orientation.Horizontal, self)
        self.intensity_slider.setRange(1, 10)
        self.intensity_slider.setPageStep(1)
        self.intensity_slider.setToolTip("1 = barely noticeable, 10 = the worst you have had")
        self.intensity_slider.valueChanged.connect(
            lambda value: self.intensity_edit.setText(str(value)))
        self.intensity_edit.textEdited.connect(self._follow_intensity_text)
        self.duration_edit = QLineEdit(self)
        self.duration_edit.setPlaceholderText("optional, e.g. 30 s or 2 min")
        self.notes_edit = QLineEdit(self)
        self.notes_edit.setPlaceholderText("optional")
        intensity_row = QWidget(self)
        box = QHBoxLayout(intensity_row)
        box.setContentsMargins(0, 0, 0, 0)
        box.addWidget(self.intensity_edit)
        box.addWidget(self.intensity_slider, 1)
        self.add_field("&Kind:", self.kind_combo, "kind")
        self.add_field("&Body site:", self.site_combo, "body_site")
        self.add_field("&Side:", self.side_combo, "side")
        self.add_field("I&ntensity (1-10):", self.intensity_edit, "intensity", intensity_row)
        self.add_field("D&uration:", self.duration_edit, "duration_s")
        self.add_field("N&otes:", self.notes_edit, "notes")
        self.add_when_fields()
        self._show(shown)
        self.kind_combo.setFocus()

    def _show(self, episode: Episode | None) -> None:
        if episode is None:
            self.intensity_slider.setValue(5)
            self.intensity_edit.setText("5")
            return
        if episode.kind in EPISODE_KINDS:
            self.kind_combo.setCurrentIndex(EPISODE_KINDS.index(episode.kind))
        self.site_combo.setCurrentText(episode.body_site)
        if episode.side in SIDES:
            self.side_combo.setCurrentIndex(SIDES.index(episode.side))
        self.intensity_slider.setValue(episode.intensity)
        self.intensity_edit.setText(str(episode.intensity))
        if self._old is not None:
            if episode.duration_s is not None:
                self.duration_edit.setText(f"{episode.duration_s} s")
            self.notes_edit.setText(episode.notes)

    def _follow_intensity_text(self, text: str) -> None:
        if text.strip().isdigit() and 1 <= int(text) <= 10:
            self.intensity_slider.blockSignals(True)
            self.intensity_slider.setValue(int(text))
            self.intensity_slider.blockSignals(False)

    def build(self) -> Episode:
        date, time = self.when()
        value = validation.parse_number(self.intensity_edit.text(), "Intensity", "intensity")
        if value != int(value) or not 1 <= value <= 10:
            raise UserError("Intensity must be a whole number from 1 to 10.", "intensity")
        site = validation.check_text(self.site_combo.currentText(), "The body site",
                                     "body_site", validation.MAX_NAME, required=True)
        entry = Episode(date, time, EPISODE_KINDS[self.kind_combo.currentIndex()], site.lower(),
                        int(value), SIDES[self.side_combo.currentIndex()],
                        parse_duration(self.duration_edit.text()),
                        validation.check_text(self.notes_edit.text(), "Notes", "notes", 2000))
        if self._old is not None:
            entry = dataclasses.replace(entry, id=self._old.id)
        return validation.check_episode(entry)
