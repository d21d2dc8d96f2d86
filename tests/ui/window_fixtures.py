"""Helpers for driving the main window in tests: a fixed clock and modal dialogs."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QWidget

NOW = dt.datetime(2026, 3, 10, 8, 30)


def fixed_clock() -> dt.datetime:
    return NOW


def when_dialog_opens(handle: Callable[[Any], None], attempts: int = 50) -> None:
    """Run ``handle(dialog)`` on the next modal dialog, once it is open."""
    def poll(left: int) -> None:
        dialog = QApplication.activeModalWidget()
        if dialog is None and left > 0:
            QTimer.singleShot(20, lambda: poll(left - 1))
            return
        assert isinstance(dialog, QWidget), "no dialog opened"
        try:
            handle(dialog)
        except BaseException:
            # A failed step would otherwise leave the dialog's exec() waiting for a
            # click forever, which no test timeout can interrupt; closed, the test
            # goes on and fails with the step's error (pytest-qt reports it).
            if dialog.isVisible():
                dialog.close()
            raise

    QTimer.singleShot(0, lambda: poll(attempts))


def shown(qtbot: Any, widget: Any, width: int, height: int) -> Any:
    """``widget`` shown at a size, and closed by qtbot after the test."""
    qtbot.addWidget(widget)
    widget.resize(width, height)
    widget.show()
    return widget


def make_window(qtbot: Any, ctx: Any, settings_path: Any) -> Any:
    """A shown main window on ``ctx`` with its own settings file and the fixed clock.

    Totals stay off until a test calls ``start_totals()``, as the app does after painting.
    """
    from tracker.config import Settings
    from tracker.ui.shell.main_window import MainWindow

    window = MainWindow(ctx, Settings(settings_path), clock=fixed_clock)
    qtbot.addWidget(window)
    window.resize(1100, 700)
    window.show()
    qtbot.waitExposed(window)
    return window
