"""Running one long service call (export, import) off the GUI thread, so the window keeps painting.

The call reports progress and its outcome through signals, which Qt delivers on
the GUI thread; a UserError arrives as its message, never as a traceback.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, QThread, Signal

from tracker.domain.errors import UserError

Work = Callable[[Callable[[int, int], None]], object]


class TaskThread(QThread):
    """Runs ``work(progress)`` once; emits ``progressed``, then ``succeeded`` or ``failed``."""

    progressed = Signal(int, int)
    succeeded = Signal(object)
    failed = Signal(str, str)  # message, field

    def __init__(self, work: Work, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._work = work

    def run(self) -> None:
        try:
            result = self._work(self.progressed.emit)
        except UserError as exc:
            self.failed.emit(exc.message, exc.field or "")
        except OSError as exc:
            self.failed.emit(f"The files could not be read or written ({exc.strerror or exc}).",
                             "")
        else:
            self.succeeded.emit(result)
