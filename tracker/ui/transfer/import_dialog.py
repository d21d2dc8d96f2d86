"""File → Import…: pick an exported folder or .zip, see what it holds, import it all or nothing.

Checking reads and validates every file without writing; a bad row is shown
with its file and line. Importing the same files again adds nothing twice. An
entry edited in the files since it was exported is a change: the check lists
the first ones, and they are applied only when the person ticks the box.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QWidget,
)

from tracker.domain.errors import UserError
from tracker.services.context import Context
from tracker.services.transfer.importer import (
    ImportPlan,
    ImportReceipt,
    apply_undoable,
    read_bundle,
)
from tracker.ui.common import dialog_column
from tracker.ui.common.field_errors import FieldError, FormErrors
from tracker.ui.common.task_thread import TaskThread


class ImportDialog(QDialog):
    """Check, then import, a bundle; ``imported`` carries the ImportReceipt afterwards, which
    the window turns into one undoable step."""

    imported = Signal(object)

    def __init__(self, ctx: Context, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Import")
        self._ctx = ctx
        self._task: TaskThread | None = None
        self._plan: ImportPlan | None = None
        self.receipt: ImportReceipt | None = None

        self.path_edit = QLineEdit()
        self.path_edit.setMinimumWidth(380)
        self.path_edit.setPlaceholderText("An export folder or .zip file")
        self.path_edit.textChanged.connect(self._forget_check)
        folder = QPushButton("Folder…")
        folder.clicked.connect(self.choose_folder)
        archive = QPushButton(".zip…")
        archive.clicked.connect(self.choose_zip)
        where = QHBoxLayout()
        where.addWidget(self.path_edit)
        where.addWidget(folder)
        where.addWidget(archive)

        # Broken by hand rather than word-wrapped, so the dialog's size hint is exact.
        explain = QLabel("Every row of every file is checked first. If one row is wrong,\n"
                         "nothing is imported and you are told the file and line.\n"
                         "Entries already in your diary are kept as they are, unless\n"
                         "you choose to apply the changes made to them in the files.")
        self.report = QLabel()
        self.report.setWordWrap(True)
        self.update_check = QCheckBox("&Apply changes made in the files to entries already in "
                                      "my diary")
        self.update_check.setEnabled(False)
        self.error_label = FieldError()
        self.errors = FormErrors(self.error_label)

        self.check_button = QPushButton("Check")
        self.check_button.clicked.connect(self.start_check)
        self.import_button = QPushButton("Import")
        self.import_button.setEnabled(False)
        self.import_button.clicked.connect(self.start_import)
        self.close_button = dialog_column.close_button(self)
        dialog_column.stack(self, [explain, where, self.report, self.update_check,
                                   self.error_label],
                            [self.check_button, self.import_button, self.close_button])

    def choose_folder(self) -> None:
        chosen = QFileDialog.getExistingDirectory(self, "Import an export folder",
                                                  self.path_edit.text() or str(Path.home()))
        if chosen:
            self.path_edit.setText(chosen)
            self.start_check()

    def choose_zip(self) -> None:
        chosen, _ = QFileDialog.getOpenFileName(self, "Import an export .zip",
                                                self.path_edit.text() or str(Path.home()),
                                                "Zip files (*.zip)")
        if chosen:
            self.path_edit.setText(chosen)
            self.start_check()

    def _forget_check(self) -> None:
        self.import_button.setEnabled(False)
        self.update_check.setEnabled(False)
        self.update_check.setChecked(False)
        self._drop_plan()

    def _drop_plan(self) -> None:
        imported = self.receipt is not None and self.receipt.plan is self._plan
        if self._plan is not None and not imported:
            self._plan.close()  # checked but never imported: its staged rows can go
        self._plan = None

    def _run(self, work: TaskThread, done: object) -> None:
        self.errors.clear()
        self._set_busy(True)
        self._task = work
        work.succeeded.connect(done)
        work.failed.connect(self._show_failure)
        work.start()

    def start_check(self) -> None:
        """Read and validate the bundle on a worker thread; nothing is written."""
        path = self.path_edit.text().strip()
        if not path:
            self.errors.show(UserError("Choose an export folder or .zip file."))
            return
        ctx = self._ctx
        self._drop_plan()
        self.report.setText("Checking…")
        self._run(TaskThread(lambda _progress: read_bundle(ctx, path), self),
                  lambda plan: self._checked(path, plan))

    def _checked(self, path: str, plan: object) -> None:
        assert isinstance(plan, ImportPlan)
        self._set_busy(False)
        self._drop_plan()
        found = plan.review
        if not plan.describe():
            plan.close()
            self.report.setText("These files hold no entries to import.")
            return
        lines = [f"Ready to import: {found.headline()}."]
        lines += [f"  {line}" for line in found.describe()]
        if found.changes:
            lines.append("Changed in the files:")
            lines += [f"  {change}" for change in found.changes]
        self.report.setText("\n".join(lines))
        self.update_check.setEnabled(found.changed > 0)
        self.adjustSize()
        self._plan = plan
        self.import_button.setEnabled(True)

    def start_import(self) -> None:
        """Import the checked bundle in one transaction, on a worker thread."""
        plan = self._plan
        if plan is None:
            return
        ctx = self._ctx
        update = self.update_check.isChecked()
        self.report.setText("Importing…")
        self._run(TaskThread(lambda _progress: apply_undoable(ctx, plan, update), self),
                  self._imported)

    def _imported(self, receipt: object) -> None:
        assert isinstance(receipt, ImportReceipt)
        self._set_busy(False)
        self.receipt = receipt
        self._plan = None
        self.import_button.setEnabled(False)
        self.update_check.setEnabled(False)
        summary = receipt.summary
        self.report.setText(f"Imported: {summary.headline()}. Edit > Undo takes it back.\n"
                            + "\n".join(f"  {line}" for line in summary.describe()))
        self.adjustSize()
        self.imported.emit(receipt)

    def _show_failure(self, message: str, field: str) -> None:
        self._set_busy(False)
        self.report.setText("Nothing was imported.")
        # A refusal of changes keeps the checked plan: ticking the box and importing again
        # needs no second check.
        self.import_button.setEnabled(self._plan is not None)
        # File and line are in the message; the column named by ``field`` is no widget here.
        self.errors.show(UserError(message), focus=False)
        self.adjustSize()

    def _set_busy(self, busy: bool) -> None:
        for widget in (self.path_edit, self.check_button, self.close_button):
            widget.setEnabled(not busy)
        if busy:
            self.import_button.setEnabled(False)

    def is_busy(self) -> bool:
        return self._task is not None and self._task.isRunning()

    def message(self) -> str:
        return self.errors.message()

    def reject(self) -> None:
        if not self.is_busy():
            self._drop_plan()
            super().reject()

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.is_busy():
            event.ignore()
        else:
            super().closeEvent(event)
