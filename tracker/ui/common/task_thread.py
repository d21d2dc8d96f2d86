"""Running long service calls (export, import, backup, check, restore) off the GUI thread,
so the window keeps painting and answering while they work.

The call reports progress and its outcome through signals, which Qt delivers on
the GUI thread; a UserError arrives as its message, never as a traceback.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, QThread, Signal

from tracker.domain.errors import UserError

Progress = Callable[[int, int], None]
Work = Callable[[Progress], object]


class TaskThread(QThread):
    """Runs ``work(progress)`` once; emits ``progressed``, then ``succeeded`` or ``failed``."""

    progressed = Signal(int, int)
    succeeded = Signal(object)
    failed = Signal(str, str)  # message, field

    def __init__(self, work: Work, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._work = work
        # Set before the signal, read once the thread has ended (``TaskRunner``).
        self.result: object = None
        self.error: tuple[str, str] | None = None
        self.done = False

    def run(self) -> None:
        try:
            result = self._work(self.progressed.emit)
        except UserError as exc:
            self._fail(exc.message, exc.field or "")
        except OSError as exc:
            self._fail(f"The files could not be read or written ({exc.strerror or exc}).", "")
        else:
            self.result, self.done = result, True
            self.succeeded.emit(result)

    def _fail(self, message: str, field: str) -> None:
        self.error, self.done = (message, field), True
        self.failed.emit(message, field)


class TaskRunner(QObject):
    """Runs one ``TaskThread`` at a time for a dialog or window and says when it is busy.

    The outcome is handed over only once the thread has ended, so a dialog that
    closes right after it (and is then destroyed) never destroys a running thread;
    a thread that ends without an outcome (a bug in the work) still ends the busy
    state, reported as a failure.
    """

    busyChanged = Signal(bool)
    progressed = Signal(int, int)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._task: TaskThread | None = None
        self._on_success: Callable[[object], None] = lambda _result: None
        self._on_failure: Callable[[str, str], None] = lambda _message, _field: None

    def is_busy(self) -> bool:
        return self._task is not None

    def start(self, work: Work, on_success: Callable[[object], None],
              on_failure: Callable[[str, str], None]) -> None:
        """Run ``work`` on a worker thread; then call ``on_success(result)`` or
        ``on_failure(message, field)`` here, on the GUI thread."""
        if self._task is not None:
            raise RuntimeError("a task is already running")
        self._on_success, self._on_failure = on_success, on_failure
        task = TaskThread(work, self)
        task.progressed.connect(self.progressed)
        task.finished.connect(self._finish)
        self._task = task
        self.busyChanged.emit(True)
        task.start()

    def wait(self) -> None:
        """Block until the running task (if any) has ended, then hand over its outcome."""
        if self._task is not None:
            self._task.wait()
            self._finish()

    def _finish(self) -> None:
        task = self._task
        if task is None:
            return  # ``wait`` handed the outcome over already
        task.wait()  # run() has returned: this does not block
        self._task = None
        task.deleteLater()
        self.busyChanged.emit(False)
        if task.error is not None:
            self._on_failure(*task.error)
        elif task.done:
            self._on_success(task.result)
        else:
            self._on_failure("The work stopped unexpectedly before it finished.", "")
