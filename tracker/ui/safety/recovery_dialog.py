"""Shown when the diary cannot be opened: say why, offer the latest good backup, or quit.

The file that failed is never deleted: restoring moves it into
``backups/set-aside/`` (or backs it up, if it is only newer) before the backup
is copied into its place. Finding the latest good backup (each candidate is
checked in full) and restoring it run on a worker thread with progress, so the
dialog paints at once and keeps answering.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from tracker.services.safety import backup
from tracker.services.safety.backup import (
    MISSING,
    NEWER,
    NOT_DIARY,
    UNREADABLE,
    BackupInfo,
    DiaryOpenError,
    RestoreResult,
)
from tracker.ui.common.task_thread import TaskRunner

_HEADLINES = {
    NEWER: "This diary was saved by a newer version of Nutrient Tracker.",
    NOT_DIARY: "This file is not a Nutrient Tracker diary.",
    MISSING: "The diary file is missing.",
    UNREADABLE: "The diary file cannot be opened.",
}
_DAMAGED_HEADLINE = "The diary file is damaged."
SEARCHING = "Looking for the latest good backup next to the diary…"


def explanation(error: DiaryOpenError, good: BackupInfo | None, searching: bool = False) -> str:
    """What happened and what the person can do, in plain words."""
    headline = _HEADLINES.get(error.reason, _DAMAGED_HEADLINE)
    lines = [headline, "", error.message, "", "Nothing has been changed or deleted."]
    if error.reason == NEWER:
        lines.append("The best fix is to install the newer version of the app.")
    if searching:
        lines += ["", SEARCHING]
    elif good is not None:
        when = good.taken_at.astimezone().strftime("%A %d %B %Y at %H:%M")
        lines += ["", f"The latest good backup is from {when}. Restoring it keeps the "
                      "current file in the backups folder, so nothing is lost."]
    else:
        lines += ["", "No good backup was found next to the diary."]
    return "\n".join(lines)


class RecoveryDialog(QDialog):
    """Accepted after a backup was restored (open the diary again); rejected to quit."""

    def __init__(self, error: DiaryOpenError, db_path: Path,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Nutrient Tracker: diary problem")
        self.db_path = Path(db_path)
        self.error = error
        self.result_of_restore: RestoreResult | None = None
        self.good: BackupInfo | None = None
        self.message = QLabel(explanation(error, None, searching=True), self)
        self.message.setWordWrap(True)
        self.progress = QProgressBar(self)
        self.status = QLabel(self)
        self.status.setWordWrap(True)
        self.restore_button = QPushButton("Restore the latest good backup", self)
        self.restore_button.hide()
        self.restore_button.clicked.connect(self.restore_latest)
        self.quit_button = QPushButton("Quit", self)
        self.quit_button.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.restore_button)
        buttons.addWidget(self.quit_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.message)
        layout.addWidget(self.progress)
        layout.addWidget(self.status)
        layout.addLayout(buttons)
        self.runner = TaskRunner(self)
        self.runner.busyChanged.connect(self._show_busy)
        self.runner.progressed.connect(self._show_progress)
        db = self.db_path
        self.runner.start(lambda _progress: backup.latest_good_backup(db), self._found,
                          self._show_failure)

    def is_busy(self) -> bool:
        return self.runner.is_busy()

    def _show_busy(self, busy: bool) -> None:
        self.progress.setRange(0, 0)  # moving, until the work reports its first step
        self.progress.setVisible(busy)
        self.restore_button.setEnabled(not busy)
        self.quit_button.setEnabled(not busy)

    def _show_progress(self, done: int, total: int) -> None:
        self.progress.setRange(0, total)
        self.progress.setValue(done)

    def _show_failure(self, message: str, _field: str) -> None:
        self.status.setText(message)

    def _found(self, good: object) -> None:
        self.good = good if isinstance(good, BackupInfo) else None
        self.message.setText(explanation(self.error, self.good))
        self.restore_button.setVisible(self.good is not None)
        if self.good is not None:
            self.restore_button.setFocus()

    def restore_latest(self) -> None:
        good = self.good
        if good is None or self.is_busy():
            return
        self.status.setText("Restoring: the backup is checked, the current file is kept, "
                            "and the restored diary is checked again.")
        db = self.db_path
        self.runner.start(lambda progress: backup.restore(db, good.path, progress=progress),
                          self._restored, self._show_failure)

    def _restored(self, result: object) -> None:
        assert isinstance(result, RestoreResult)
        self.result_of_restore = result
        self.accept()

    def reject(self) -> None:
        if not self.is_busy():
            super().reject()

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.is_busy():
            event.ignore()
        else:
            super().closeEvent(event)


def offer_recovery(error: DiaryOpenError, db_path: Path, parent: QWidget | None = None) -> bool:
    """Show the recovery dialog; True when a backup was restored and the diary can be reopened."""
    dialog = RecoveryDialog(error, db_path, parent)
    return dialog.exec() == QDialog.DialogCode.Accepted
