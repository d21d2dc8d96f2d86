"""The backups the app makes by itself, off the GUI thread: once a day after the window
has painted, and on quitting, where a small window says what is happening if the copy
takes more than a moment (a ten-year diary takes about two seconds)."""

from __future__ import annotations

from PySide6.QtCore import QEventLoop, Qt, QTimer
from PySide6.QtWidgets import QMainWindow, QProgressDialog

from tracker.services.context import Context
from tracker.services.safety import backup
from tracker.ui.common.task_thread import TaskRunner

QUIT_NOTE_AFTER_MS = 400


def start_daily_backup(window: QMainWindow, ctx: Context) -> TaskRunner:
    """Back up once a day while the person goes on using the window; a failure is said in
    the status bar. The caller waits for the returned runner before closing the diary."""
    runner = TaskRunner(window)
    runner.start(lambda _progress: backup.backup_if_due(ctx), lambda _info: None,
                 lambda message, _field: window.statusBar().showMessage(
                     f"The daily backup was not made: {message}", 15000))
    return runner


def _show_step(note: QProgressDialog, done: int, total: int) -> None:
    note.setMaximum(total)
    note.setValue(done)


def back_up_on_quit(ctx: Context) -> str | None:
    """The backup on quitting, on a worker thread; the failure's message, or None."""
    note = QProgressDialog("Backing up your diary before closing…", "", 0, 0)
    note.setWindowTitle("Nutrient Tracker")
    note.setCancelButton(None)
    note.setWindowModality(Qt.WindowModality.ApplicationModal)
    note.setMinimumDuration(QUIT_NOTE_AFTER_MS)
    # Shown only when the copy takes longer than a moment (the dialog's own delay
    # starts counting at its first step, which a busy bar never reports).
    show_later = QTimer(note)
    show_later.setSingleShot(True)
    show_later.timeout.connect(note.show)
    show_later.start(QUIT_NOTE_AFTER_MS)
    failures: list[str] = []
    loop = QEventLoop()
    runner = TaskRunner()
    runner.busyChanged.connect(lambda busy: None if busy else loop.quit())
    runner.progressed.connect(lambda done, total: _show_step(note, done, total))
    runner.start(lambda progress: backup.backup_on_quit(ctx, progress=progress),
                 lambda _info: None, lambda message, _field: failures.append(message))
    loop.exec()
    show_later.stop()
    note.close()
    note.deleteLater()
    return failures[0] if failures else None
