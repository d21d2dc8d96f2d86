"""File → Export for doctor…: pick a period and a place, watch the progress, see where it went.

The export runs on a worker thread (``TaskThread``) so a ten-year export never
freezes the window; a mistake (the period backwards, a file where a folder
should be) is shown in the dialog and nothing is written.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import QDate, QUrl, Signal
from PySide6.QtGui import QCloseEvent, QDesktopServices
from PySide6.QtWidgets import (
    QButtonGroup,
    QDateEdit,
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QRadioButton,
    QWidget,
)

from tracker.domain.errors import UserError
from tracker.services.context import Context
from tracker.services.transfer.export import ExportResult, default_period, export_bundle
from tracker.ui.common import dialog_column
from tracker.ui.common.field_errors import FieldError, FormErrors
from tracker.ui.common.task_thread import TaskThread


def _qdate(day: dt.date) -> QDate:
    return QDate(day.year, day.month, day.day)


def _date(value: QDate) -> dt.date:
    return dt.date(value.year(), value.month(), value.day())


def suggested_name(first: dt.date, last: dt.date) -> str:
    return f"nutrient-tracker-export-{first.isoformat()}-to-{last.isoformat()}"


class ExportDialog(QDialog):
    """The doctor-visit export; ``exported`` carries the ExportResult when done."""

    exported = Signal(object)

    def __init__(self, ctx: Context, parent: QWidget | None = None,
                 today: dt.date | None = None, folder: Path | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Export for doctor")
        self._ctx = ctx
        self._task: TaskThread | None = None
        self.result_info: ExportResult | None = None
        self._folder = folder or Path.home()
        first, last = default_period(today)

        self.first_edit = self._date_edit(first)
        self.last_edit = self._date_edit(last)
        self.as_folder = QRadioButton("A folder of files")
        self.as_zip = QRadioButton("One .zip file (easier to e-mail or copy)")
        self.as_folder.setChecked(True)
        kinds = QButtonGroup(self)
        kinds.addButton(self.as_folder)
        kinds.addButton(self.as_zip)
        self.path_edit = QLineEdit()
        self.path_edit.setMinimumWidth(380)
        choose = QPushButton("Choose…")
        choose.clicked.connect(self.choose_path)
        self.progress = QProgressBar()
        self.progress.setRange(0, 100)
        self.progress.setValue(0)
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.error_label = FieldError()
        self.errors = FormErrors(self.error_label)
        first_error, last_error, out_error = FieldError(), FieldError(), FieldError()
        self.errors.add("first", first_error, self.first_edit)
        self.errors.add("last", last_error, self.last_edit)
        self.errors.add("out", out_error, self.path_edit)

        form = QFormLayout()
        form.addRow("From", self.first_edit)
        form.addRow("", first_error)
        form.addRow("To", self.last_edit)
        form.addRow("", last_error)
        form.addRow("Save as", self.as_folder)
        form.addRow("", self.as_zip)
        where = QHBoxLayout()
        where.addWidget(self.path_edit)
        where.addWidget(choose)
        form.addRow("Where", where)
        form.addRow("", out_error)

        explain = QLabel("Writes report.pdf (one page for your doctor), the daily totals and "
                         "every entry as spreadsheet files, and a README explaining them. The "
                         "files are readable by you only; the same files import back.")
        explain.setWordWrap(True)
        self.export_button = QPushButton("Export")
        self.export_button.setDefault(True)
        self.export_button.clicked.connect(self.start_export)
        self.open_button = QPushButton("Show files")
        self.open_button.setEnabled(False)
        self.open_button.clicked.connect(self.show_files)
        self.close_button = dialog_column.close_button(self)
        dialog_column.stack(self, [explain, form, self.progress, self.status, self.error_label],
                            [self.open_button, self.export_button, self.close_button])

        self.first_edit.dateChanged.connect(self._suggest_path)
        self.last_edit.dateChanged.connect(self._suggest_path)
        self.as_zip.toggled.connect(self._suggest_path)
        self._suggested = ""
        self._suggest_path()

    def _date_edit(self, day: dt.date) -> QDateEdit:
        edit = QDateEdit(_qdate(day))
        edit.setCalendarPopup(True)
        edit.setDisplayFormat("yyyy-MM-dd")
        return edit

    def period(self) -> tuple[dt.date, dt.date]:
        return _date(self.first_edit.date()), _date(self.last_edit.date())

    def _suggest_path(self) -> None:
        """Keep the suggested name in step with the period, unless the person typed their own."""
        current = self.path_edit.text()
        if current and current != self._suggested:
            return
        name = suggested_name(*self.period()) + (".zip" if self.as_zip.isChecked() else "")
        self._suggested = str(self._folder / name)
        self.path_edit.setText(self._suggested)

    def choose_path(self) -> None:
        current = self.path_edit.text() or str(self._folder)
        if self.as_zip.isChecked():
            chosen, _ = QFileDialog.getSaveFileName(self, "Save the export as", current,
                                                    "Zip files (*.zip)")
        else:
            parent = QFileDialog.getExistingDirectory(self, "Export into a new folder inside",
                                                      str(Path(current).parent))
            chosen = str(Path(parent) / suggested_name(*self.period())) if parent else ""
        if chosen:
            self.path_edit.setText(chosen)

    def start_export(self) -> None:
        """Check the form, then run the export on a worker thread."""
        self.errors.clear()
        first, last = self.period()
        text = self.path_edit.text().strip()
        if not text:
            self.errors.show(UserError("Choose where to save the export.", "out"))
            return
        ctx, as_zip, out = self._ctx, self.as_zip.isChecked(), Path(text)
        self._set_busy(True)
        self.progress.setValue(0)
        self.status.setText("Exporting…")
        self._task = TaskThread(lambda progress: export_bundle(
            ctx, first, last, out, as_zip=as_zip, progress=progress), self)
        self._task.progressed.connect(self._show_progress)
        self._task.succeeded.connect(self._finished)
        self._task.failed.connect(self._show_failure)
        self._task.start()

    def _show_progress(self, done: int, total: int) -> None:
        self.progress.setValue(round(100 * done / max(total, 1)))

    def _finished(self, result: object) -> None:
        assert isinstance(result, ExportResult)
        self._set_busy(False)
        self.result_info = result
        self.progress.setValue(100)
        self.status.setText(f"Saved {len(result.files)} files for {result.first} to "
                            f"{result.last} to {result.path}. Give report.pdf to your doctor; "
                            "the .csv files open in any spreadsheet.")
        self.open_button.setEnabled(True)
        self.adjustSize()
        self.exported.emit(result)

    def _show_failure(self, message: str, field: str) -> None:
        self._set_busy(False)
        self.progress.setValue(0)
        self.status.setText("")
        self.errors.show(UserError(message, field or None))
        self.adjustSize()

    def _set_busy(self, busy: bool) -> None:
        for widget in (self.first_edit, self.last_edit, self.as_folder, self.as_zip,
                       self.path_edit, self.export_button, self.close_button):
            widget.setEnabled(not busy)

    def is_busy(self) -> bool:
        return self._task is not None and self._task.isRunning()

    def show_files(self) -> None:
        if self.result_info is not None:
            target = self.result_info.path
            folder = target if target.is_dir() else target.parent
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder)))

    def message(self) -> str:
        """The error on show, if any; for tests and screen readers."""
        return self.errors.message()

    def reject(self) -> None:
        if not self.is_busy():  # the files are half written until the worker ends
            super().reject()

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.is_busy():
            event.ignore()
        else:
            super().closeEvent(event)
