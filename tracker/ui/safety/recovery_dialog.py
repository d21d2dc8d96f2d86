"""Shown when the diary cannot be opened: say why, offer the latest good backup, or quit.

The file that failed is never deleted: restoring moves it into
``backups/set-aside/`` (or backs it up, if it is only newer) before the backup
is copied into its place.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QDialog, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from tracker.domain.errors import UserError
from tracker.services import backup
from tracker.services.backup import (
    MISSING,
    NEWER,
    NOT_DIARY,
    UNREADABLE,
    BackupInfo,
    DiaryOpenError,
    RestoreResult,
)

_HEADLINES = {
    NEWER: "This diary was saved by a newer version of Nutrient Tracker.",
    NOT_DIARY: "This file is not a Nutrient Tracker diary.",
    MISSING: "The diary file is missing.",
    UNREADABLE: "The diary file cannot be opened.",
}
_DAMAGED_HEADLINE = "The diary file is damaged."


def explanation(error: DiaryOpenError, good: BackupInfo | None) -> str:
    """What happened and what the person can do, in plain words."""
    headline = _HEADLINES.get(error.reason, _DAMAGED_HEADLINE)
    lines = [headline, "", error.message, "", "Nothing has been changed or deleted."]
    if error.reason == NEWER:
        lines.append("The best fix is to install the newer version of the app.")
    if good is not None:
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
        self.result_of_restore: RestoreResult | None = None
        self.good = backup.latest_good_backup(self.db_path)
        self.message = QLabel(explanation(error, self.good), self)
        self.message.setWordWrap(True)
        self.status = QLabel(self)
        self.status.setWordWrap(True)
        self.restore_button = QPushButton("Restore the latest good backup", self)
        self.restore_button.setVisible(self.good is not None)
        self.restore_button.clicked.connect(self.restore_latest)
        self.quit_button = QPushButton("Quit", self)
        self.quit_button.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.restore_button)
        buttons.addWidget(self.quit_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.message)
        layout.addWidget(self.status)
        layout.addLayout(buttons)

    def restore_latest(self) -> None:
        if self.good is None:
            return
        try:
            self.result_of_restore = backup.restore(self.db_path, self.good.path)
        except UserError as exc:
            self.status.setText(exc.message)
            return
        self.accept()


def offer_recovery(error: DiaryOpenError, db_path: Path, parent: QWidget | None = None) -> bool:
    """Show the recovery dialog; True when a backup was restored and the diary can be reopened."""
    dialog = RecoveryDialog(error, db_path, parent)
    return dialog.exec() == QDialog.DialogCode.Accepted
