"""The frame every entry dialog shares: date and time, red messages per field, OK/Cancel.

A dialog builds its entry, checks it with the domain's validation and hands it to
``saver`` (which pushes an undo command). Any UserError, from the checks or from
the save (e.g. the diary is busy), is shown beside its field and the dialog stays
open with the person's input intact; nothing is written until everything is valid.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtCore import QDate, QTime
from PySide6.QtWidgets import (
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from tracker.domain.entries import Entry
from tracker.domain.errors import UserError
from tracker.ui.common.field_errors import FieldError, FormErrors

Saver = Callable[[Entry], None]


def to_qdate(day: dt.date) -> QDate:
    return QDate(day.year, day.month, day.day)


def from_qdate(day: QDate) -> dt.date:
    return dt.date(day.year(), day.month(), day.day())


def to_qtime(time: dt.time) -> QTime:
    return QTime(time.hour, time.minute)


def from_qtime(time: QTime) -> dt.time:
    return dt.time(time.hour(), time.minute())


class EntryDialog(QDialog):
    """Base for the water, caffeine and episode dialogs; subclasses add fields and ``build``."""

    def __init__(self, title: str, date: dt.date, time: dt.time, parent: QWidget | None,
                 saver: Saver | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self._saver = saver
        self._entry: Entry | None = None
        self.form = QFormLayout()
        self.general_error = FieldError(self)
        self.errors = FormErrors(self.general_error, recheck=self.build)
        self.date_edit = QDateEdit(to_qdate(date), self)
        self.date_edit.setCalendarPopup(True)
        self.date_edit.setDisplayFormat("yyyy-MM-dd")
        self.time_edit = QTimeEdit(to_qtime(time), self)
        self.time_edit.setDisplayFormat("HH:mm")
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addWidget(self.general_error)
        layout.addWidget(self.buttons)

    def add_field(self, label: str, widget: QWidget | None, field: str,
                  row: QWidget | None = None) -> FieldError:
        """Add ``label``/``row`` to the form with a red message line under it for ``field``."""
        shown = row or widget
        assert shown is not None
        self.form.addRow(label, shown)
        message = FieldError(self)
        self.form.addRow("", message)
        self.errors.add(field, message, widget)
        return message

    def add_when_fields(self) -> None:
        self.add_field("&Date:", self.date_edit, "date")
        self.add_field("T&ime:", self.time_edit, "time")

    def when(self) -> tuple[dt.date, dt.time]:
        return from_qdate(self.date_edit.date()), from_qtime(self.time_edit.time())

    def build(self) -> Entry:
        """The entry the fields describe, checked; raises UserError naming the bad field."""
        raise NotImplementedError

    def saved_entry(self) -> Entry:
        """The saved (accepted) entry."""
        if self._entry is None:
            raise RuntimeError("the dialog was not accepted")
        return self._entry

    def message(self) -> str:
        """The error on show, or an empty string."""
        return self.errors.message()

    def accept(self) -> None:
        try:
            entry = self.build()
            if self._saver is not None:
                self._saver(entry)
        except UserError as exc:
            self.errors.show(exc)
            return
        self.errors.clear()
        self._entry = entry
        super().accept()
