"""Starting the window: the QApplication, the diary, first-run questions, the first paint.

Nothing here imports pandas or pyqtgraph: the window paints first and the totals
(which need pandas) load right after, so a cold start stays quick.
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Callable
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtGui import QGuiApplication, QIcon
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from tracker import __version__
from tracker.config import Settings
from tracker.domain.errors import UserError
from tracker.services.context import Context, open_context

if TYPE_CHECKING:
    from tracker.ui.common.task_thread import TaskRunner
    from tracker.ui.shell.main_window import MainWindow

# Set to a file path, the app saves a picture of its window there after the
# totals have loaded and quits: the end-to-end test and README screenshot use it.
SCREENSHOT_ENV = "NUTRIENT_TRACKER_SCREENSHOT"
WINDOW_SIZE = (1360, 820)
_T0 = time.perf_counter()


def process_age_ms() -> float:
    """Milliseconds since this process started (from /proc where there is one)."""
    try:
        stat = Path("/proc/self/stat").read_text()
        start_ticks = int(stat.rsplit(")", 1)[1].split()[19])
        started = start_ticks / os.sysconf("SC_CLK_TCK")
        return (time.clock_gettime(time.CLOCK_BOOTTIME) - started) * 1000.0
    except (OSError, ValueError, IndexError, AttributeError):
        return (time.perf_counter() - _T0) * 1000.0


class FirstPaint(QObject):
    """Calls ``then`` once, after the first paint of ``window`` or any of its children."""

    def __init__(self, window: QWidget, then: Callable[[], object]) -> None:
        super().__init__(window)
        self._window = window
        self._then = then
        self._seen = False
        app = QApplication.instance()
        assert app is not None
        app.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (not self._seen and event.type() == QEvent.Type.Paint
                and isinstance(watched, QWidget) and watched.window() is self._window):
            self._seen = True
            app = QApplication.instance()
            if app is not None:
                app.removeEventFilter(self)
            # Queued, so the paint that triggered this finishes and reaches the screen.
            QTimer.singleShot(0, self._then)
        return False


def app_icon() -> QIcon:
    return QIcon(str(resources.files("tracker.resources") / "icons" / "nutrient-tracker.svg"))


def make_application() -> QApplication:
    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(sys.argv[:1])
    app.setApplicationName("Nutrient Tracker")
    app.setApplicationVersion(__version__)
    app.setOrganizationName("nutrient-tracker")
    app.setDesktopFileName("nutrient-tracker")
    app.setWindowIcon(app_icon())
    return app


def run_gui(db_path: Path, startup_check: bool = False) -> int:
    """Open the main window on the diary at ``db_path``; returns the exit status."""
    from tracker.ui.safety.single_instance import SECOND_WINDOW_MESSAGE, acquire_diary_lock

    app = make_application()
    screenshot = os.environ.get(SCREENSHOT_ENV)
    unattended = startup_check or bool(screenshot)
    try:
        lock = acquire_diary_lock(db_path)
    except OSError as exc:
        return _refuse("The diary cannot be opened", _os_message(db_path, exc), unattended)
    if lock is None:
        return _refuse("Already open", SECOND_WINDOW_MESSAGE, unattended)
    try:
        ctx = _open(db_path, unattended)
        if ctx is None:
            return 1
        try:
            return _run_window(app, ctx, startup_check, screenshot)
        finally:
            ctx.close()
    finally:
        lock.unlock()


def _refuse(title: str, message: str, unattended: bool) -> int:
    if unattended:
        print(f"nutrient-tracker: {message}", file=sys.stderr)
    else:
        QMessageBox.critical(None, title, message)
    return 1


def _open(db_path: Path, unattended: bool) -> Context | None:
    """The diary's context; a diary that cannot be opened gets the recovery dialog."""
    from tracker.services.backup import DiaryOpenError

    while True:
        try:
            return open_context(db_path)
        except DiaryOpenError as exc:
            if unattended:
                _refuse("", exc.message, True)
                return None
            from tracker.ui.safety.recovery_dialog import offer_recovery

            if not offer_recovery(exc, db_path):
                return None
        except UserError as exc:
            _refuse("The diary cannot be opened", exc.message, unattended)
            return None
        except OSError as exc:
            _refuse("The diary cannot be opened", _os_message(db_path, exc), unattended)
            return None


def _os_message(db_path: Path, error: OSError) -> str:
    reason = error.strerror or str(error)
    return (f"The diary at {db_path} cannot be opened: {reason}. Check that its folder "
            "exists and that you may write there, or choose another file with --db.")


def _run_window(app: QApplication, ctx: Context, startup_check: bool,
                screenshot: str | None) -> int:
    from tracker.ui.shell.main_window import MainWindow

    window = MainWindow(ctx, Settings())
    window.resize(*_fitting_size())
    background: list[TaskRunner] = []
    if startup_check:
        def report() -> None:
            print(f"first paint: {process_age_ms():.1f} ms", flush=True)
            app.exit(0)

        FirstPaint(window, report)
    elif screenshot:
        FirstPaint(window, lambda: _save_screenshot(app, window, Path(screenshot)))
    else:
        FirstPaint(window, lambda: background.append(_after_first_paint(window)))
    window.show()
    status = int(app.exec())
    for runner in background:
        runner.wait()  # the daily backup may still be copying
    if not (startup_check or screenshot):
        _backup_on_quit(ctx)
    return status


def _backup_on_quit(ctx: Context) -> None:
    from tracker.ui.safety.background_backups import back_up_on_quit

    failure = back_up_on_quit(ctx)
    if failure is not None:
        QMessageBox.warning(None, "Backup not made",
                            f"Your entries are saved, but the backup on quitting failed: "
                            f"{failure}")


def _fitting_size() -> tuple[int, int]:
    """The usual window size, shrunk to fit a smaller screen."""
    width, height = WINDOW_SIZE
    screen = QGuiApplication.primaryScreen()
    if screen is not None:
        room = screen.availableGeometry()
        width = min(width, room.width() * 95 // 100)
        height = min(height, room.height() * 95 // 100)
    return width, height


def _after_first_paint(window: MainWindow) -> TaskRunner:
    """Work that must not delay the first paint: the totals, the daily backup (on a worker
    thread; the runner returned is waited for before the diary closes), then first-run
    questions."""
    from tracker.services import profile
    from tracker.ui.safety.background_backups import start_daily_backup

    ctx = window.ctx
    window.start_totals()
    daily = start_daily_backup(window, ctx)
    if profile.get_profile(ctx) is None and ctx.diary.read_only is None:
        window.flows.open_profile()
    return daily


def _save_screenshot(app: QApplication, window: MainWindow, path: Path) -> None:
    """Wait for the totals, then save what the screen shows of the window, and quit."""
    window.start_totals()
    app.processEvents()
    window.repaint()
    screen = QGuiApplication.primaryScreen()
    picture = None
    if QGuiApplication.platformName() == "xcb" and screen is not None:
        # From the X server itself, so the test sees what a person would.
        picture = screen.grabWindow(window.winId())
    if picture is None or picture.isNull():
        picture = window.grab()
    path.parent.mkdir(parents=True, exist_ok=True)
    ok = picture.save(str(path), "PNG")
    app.exit(0 if ok else 1)
