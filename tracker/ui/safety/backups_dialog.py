"""File → Backups…: the diary's backups with dates and sizes; back up, restore and check
off the GUI thread, with progress."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from tracker.domain.errors import UserError
from tracker.services.context import Context
from tracker.services.safety import backup
from tracker.services.safety.backup import BackupInfo, CheckOutcome
from tracker.ui.common.task_thread import TaskRunner, Work

_REASONS = {
    "manual": "Made by you",
    "daily": "Daily, at start",
    "quit": "On quit",
    "before-migration": "Before an update",
    "before-restore": "Before a restore",
}
_Index = QModelIndex | QPersistentModelIndex


def size_text(size: int) -> str:
    return f"{size / 1024:.0f} KB" if size < 1024 * 1024 else f"{size / 1024 / 1024:.1f} MB"


class BackupListModel(QAbstractTableModel):
    """Backups newest first: local date and time, why it was made, size."""

    HEADERS = ("Date", "Made", "Size")

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._items: list[BackupInfo] = []

    def set_backups(self, items: list[BackupInfo]) -> None:
        self.beginResetModel()
        self._items = list(items)
        self.endResetModel()

    def backup_at(self, row: int) -> BackupInfo:
        return self._items[row]

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._items)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.HEADERS)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        info = self._items[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            column = index.column()
            if column == 0:
                return info.taken_at.astimezone().strftime("%a %d %b %Y, %H:%M")
            if column == 1:
                return _REASONS.get(info.reason, info.reason.replace("-", " ").capitalize())
            return size_text(info.size)
        if role == Qt.ItemDataRole.ToolTipRole:
            return str(info.path)
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() == 2:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.HEADERS[section]
        return None


class BackupsDialog(QDialog):
    """Lists backups and offers Back up now, Restore selected… and Check diary.

    Each of the three runs on a worker thread with a progress bar, so the windows
    keep painting; while one runs the buttons are disabled and the dialog cannot be
    closed. ``diaryRestored`` fires after a restore so the window reloads what it
    shows and clears its undo history (the undo steps belong to the replaced diary).
    """

    diaryRestored = Signal(object)

    def __init__(self, ctx: Context, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        if ctx.diary.path is None:
            raise UserError("This diary exists only in memory, so it has no backups.")
        self.ctx = ctx
        self.db_path: Path = ctx.diary.path
        self.setWindowTitle("Backups")
        self.resize(560, 400)
        self.model = BackupListModel(self)
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().hide()
        self.status = QLabel(self)
        self.status.setWordWrap(True)
        self.progress = QProgressBar(self)
        self.progress.hide()
        explain = QLabel(
            "Backups are made when the app starts (once a day), before an update and when "
            f"you quit. They are kept in {self.db_path.parent / 'backups'}.", self)
        explain.setWordWrap(True)
        self.backup_button = QPushButton("Back up now", self)
        self.restore_button = QPushButton("Restore selected…", self)
        self.check_button = QPushButton("Check diary", self)
        self.backup_button.clicked.connect(self.back_up_now)
        self.restore_button.clicked.connect(self.restore_selected)
        self.check_button.clicked.connect(self.check_diary)
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)
        buttons = QHBoxLayout()
        for button in (self.backup_button, self.restore_button, self.check_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        close.rejected.connect(self.reject)
        self.close_button = close.button(QDialogButtonBox.StandardButton.Close)
        self.runner = TaskRunner(self)
        self.runner.busyChanged.connect(self._show_busy)
        self.runner.progressed.connect(self._show_progress)
        layout = QVBoxLayout(self)
        layout.addWidget(explain)
        layout.addWidget(self.table)
        layout.addLayout(buttons)
        layout.addWidget(self.progress)
        layout.addWidget(self.status)
        layout.addWidget(close)
        self.refresh()

    def refresh(self) -> None:
        self.model.set_backups(backup.list_backups(self.db_path))
        self._update_buttons()

    def _update_buttons(self) -> None:
        busy = self.is_busy()
        for widget in (self.backup_button, self.check_button, self.close_button, self.table):
            widget.setEnabled(not busy)
        self.restore_button.setEnabled(not busy and self.selected() is not None)

    def selected(self) -> BackupInfo | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.backup_at(rows[0].row()) if rows else None

    def is_busy(self) -> bool:
        return self.runner.is_busy()

    def _start(self, doing: str, work: Work, on_success: Callable[[object], None]) -> None:
        if self.is_busy():
            return  # one at a time; the buttons say so by being disabled
        self.status.setText(doing)
        self.runner.start(work, on_success, self._show_failure)

    def _show_busy(self, busy: bool) -> None:
        self.progress.setRange(0, 0)  # moving, until the work reports its first step
        self.progress.setVisible(busy)
        self._update_buttons()

    def _show_progress(self, done: int, total: int) -> None:
        self.progress.setRange(0, total)
        self.progress.setValue(done)

    def _show_failure(self, message: str, _field: str) -> None:
        self.refresh()  # a restore that failed has kept the diary as it was, in the list
        self.status.setText(message)

    def back_up_now(self) -> None:
        ctx = self.ctx
        self._start("Backing up…", lambda progress: backup.backup_now(ctx, progress=progress),
                    self._backed_up)

    def _backed_up(self, info: object) -> None:
        assert isinstance(info, BackupInfo)
        self.refresh()
        self.status.setText(f"Backed up ({size_text(info.size)}).")

    def restore_selected(self) -> None:
        info = self.selected()
        if info is None:
            return
        when = info.taken_at.astimezone().strftime("%A %d %B %Y at %H:%M")
        if not self.confirm(
                "Restore this backup?",
                f"The diary will go back to how it was on {when}. Entries made since then "
                "will no longer show, but the diary as it is now is backed up first, so you "
                "can return to it from this list."):
            return
        db_path = self.db_path
        self._start(f"Restoring the backup from {when}: the backup is checked, your diary as "
                    "it is now is kept, and the restored diary is checked again.",
                    lambda progress: backup.restore(db_path, info.path, progress=progress),
                    lambda result: self._restored(when, result))

    def _restored(self, when: str, result: object) -> None:
        self.refresh()
        self.status.setText(f"Restored the backup from {when}.")
        self.diaryRestored.emit(result)

    def check_diary(self) -> None:
        db_path = self.db_path
        self._start("Checking the diary…", lambda _progress: backup.check_and_report(db_path),
                    self._checked)

    def _checked(self, outcome: object) -> None:
        assert isinstance(outcome, CheckOutcome)
        if outcome.ok:
            self.status.setText("The diary is fine: no damage found.")
            return
        advice = ("Select the newest backup above and restore it." if outcome.good is not None
                  else "No good backup was found; keep the file and ask for help.")
        self.status.setText(f"{outcome.message} {advice}")

    def confirm(self, title: str, text: str) -> bool:
        """Ask before a restore; tests replace this to answer without a modal box."""
        answer = QMessageBox.question(self, title, text,
                                      QMessageBox.StandardButton.Yes
                                      | QMessageBox.StandardButton.Cancel,
                                      QMessageBox.StandardButton.Cancel)
        return answer == QMessageBox.StandardButton.Yes

    def reject(self) -> None:
        if not self.is_busy():
            super().reject()

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.is_busy():
            event.ignore()
        else:
            super().closeEvent(event)
