"""File → Backups…: the diary's backups with dates and sizes, back up, restore, check."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from tracker.domain.errors import UserError
from tracker.services import backup
from tracker.services.backup import BackupInfo
from tracker.services.context import Context

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

    ``diaryRestored`` fires after a restore so the window reloads what it shows
    and clears its undo history (the undo steps belong to the replaced diary).
    """

    diaryRestored = Signal(object)

    def __init__(self, ctx: Context, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        if ctx.diary.path is None:
            raise UserError("This diary exists only in memory, so it has no backups.")
        self.ctx = ctx
        self.db_path: Path = ctx.diary.path
        self.setWindowTitle("Backups")
        self.resize(560, 380)
        self.model = BackupListModel(self)
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().hide()
        self.status = QLabel(self)
        self.status.setWordWrap(True)
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
        layout = QVBoxLayout(self)
        layout.addWidget(explain)
        layout.addWidget(self.table)
        layout.addLayout(buttons)
        layout.addWidget(self.status)
        layout.addWidget(close)
        self.refresh()

    def refresh(self) -> None:
        self.model.set_backups(backup.list_backups(self.db_path))
        self._update_buttons()

    def _update_buttons(self) -> None:
        self.restore_button.setEnabled(self.selected() is not None)

    def selected(self) -> BackupInfo | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.backup_at(rows[0].row()) if rows else None

    def back_up_now(self) -> None:
        try:
            info = backup.backup_now(self.ctx)
        except UserError as exc:
            self.status.setText(exc.message)
            return
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
        try:
            result = backup.restore(self.db_path, info.path)
        except UserError as exc:
            self.status.setText(exc.message)
            return
        self.refresh()
        self.status.setText(f"Restored the backup from {when}.")
        self.diaryRestored.emit(result)

    def check_diary(self) -> None:
        try:
            outcome = backup.check_and_report(self.db_path)
        except UserError as exc:
            self.status.setText(exc.message)
            return
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
