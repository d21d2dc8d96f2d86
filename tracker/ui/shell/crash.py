"""An unexpected error in the window: written to the error log and explained in a dialog.

Without this, an exception in a slot is printed to a terminal nobody sees and
the action silently does nothing (or the app exits). The dialog says what
happened, that the diary is safe (every entry is committed the moment it is
added) and where the log is, so the person can send it.
"""

from __future__ import annotations

import sys
from pathlib import Path
from types import TracebackType

from PySide6.QtWidgets import QApplication, QMessageBox

CRASH_TITLE = "Something went wrong"


def crash_text(error: BaseException, log_path: Path | None) -> tuple[str, str]:
    """The dialog's main line and its details."""
    what = f"{type(error).__name__}: {error}" if str(error) else type(error).__name__
    where = (f"The details are in {log_path}; attaching that file to a bug report helps "
             "fix it." if log_path else "The details could not be written to the log.")
    return (f"Nutrient Tracker met an unexpected error and stopped what it was doing "
            f"({what}).",
            "Your diary is safe: every entry was saved the moment you added it, and "
            f"nothing else was changed. {where}")


def handle(kind: type[BaseException], error: BaseException,
           traceback: TracebackType | None) -> None:
    """``sys.excepthook`` for the window: log, then tell the person."""
    if issubclass(kind, KeyboardInterrupt):
        sys.__excepthook__(kind, error, traceback)
        return
    from tracker import error_log

    try:
        path: Path | None = error_log.log_exception(error, "the window", traceback)
    except OSError:
        path = None
    if QApplication.instance() is None:
        sys.__excepthook__(kind, error, traceback)
        return
    text, details = crash_text(error, path)
    box = QMessageBox(QMessageBox.Icon.Critical, CRASH_TITLE, text,
                      QMessageBox.StandardButton.Ok, QApplication.activeWindow())
    box.setInformativeText(details)
    box.exec()


def install() -> None:
    sys.excepthook = handle
