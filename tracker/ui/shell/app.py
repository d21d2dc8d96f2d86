"""Starting the window: the QApplication, the diary, first-run questions, the first paint.

Nothing here imports pandas or pyqtgraph: the window paints first and the totals
(which need pandas) load right after, so a cold start stays quick.
"""

from __future__ import annotations

import gc
import os
import signal
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtGui import QGuiApplication, QIcon
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from tracker import __version__
from tracker.config import Settings
from tracker.domain.errors import UserError
from tracker.services.context import Context, DiaryOpenError, open_context

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
    """Calls ``then`` once, after the first paint of ``window`` (which paints before its
    children, in the same pass).

    The filter sits on the window alone: one on the whole application would
    see every event of every object Qt makes while starting, and wrapping each
    for Python cost more than the rest of the window's set-up.
    """

    def __init__(self, window: QWidget, then: Callable[[], object]) -> None:
        super().__init__(window)
        self._window = window
        self._then = then
        self._seen = False
        window.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if not self._seen and event.type() == QEvent.Type.Paint:
            self._seen = True
            self._window.removeEventFilter(self)
            # Queued, so the paint pass that began here finishes and reaches the screen.
            QTimer.singleShot(0, self._then)
        return False


def resume_garbage_collection() -> None:
    """The garbage collector back on, once the window has painted (the command line turns
    it off while the window's modules load: ``tracker.cli.main``).

    What start-up loaded (modules, classes, Qt's enums) stays for the whole run, so
    it is frozen first: later collections skip it instead of walking it each time.
    """
    if not gc.isenabled():
        gc.freeze()
        gc.enable()


def app_icon() -> QIcon:
    # The package folder itself (never zipped, also in the standalone build): asking
    # importlib.resources would load its zip readers before the first paint.
    import tracker.resources

    folder = Path(tracker.resources.__file__).parent
    return QIcon(str(folder / "icons" / "nutrient-tracker.svg"))


def make_application() -> QApplication:
    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(sys.argv[:1])
    app.setApplicationName("Nutrient Tracker")
    app.setApplicationVersion(__version__)
    app.setOrganizationName("nutrient-tracker")
    app.setDesktopFileName("nutrient-tracker")
    app.setWindowIcon(app_icon())
    return app


def run_gui(db_path: Path, startup_check: bool = False, minimized: bool = False,
            quick: bool = False) -> int:
    """Open the main window on the diary at ``db_path``; returns the exit status.

    ``minimized`` starts in the tray (Start at login); ``quick`` opens only the
    quick-log window, or asks the app already open on the diary to show its own.
    """
    try:
        return _run_gui(db_path, startup_check, minimized, quick)
    finally:
        resume_garbage_collection()  # also when the window never painted


def _run_gui(db_path: Path, startup_check: bool, minimized: bool, quick: bool) -> int:
    from tracker.ui.safety.single_instance import SECOND_WINDOW_MESSAGE, acquire_diary_lock

    app = make_application()
    screenshot = os.environ.get(SCREENSHOT_ENV)
    unattended = startup_check or bool(screenshot)
    try:
        lock = acquire_diary_lock(db_path)
    except OSError as exc:
        return _refuse("The diary cannot be opened", _os_message(db_path, exc), unattended)
    if lock is None:
        from tracker.ui.shell.instance_link import QUICK, SHOW, ask_running_app

        if not unattended and ask_running_app(db_path, QUICK if quick else SHOW):
            return 0  # the open window shows itself (or its quick-log window)
        return _refuse("Already open", SECOND_WINDOW_MESSAGE, unattended)
    try:
        ctx = _open(db_path, unattended)
        if ctx is None:
            return 1
        if not unattended:
            _install_crash_dialog()
        try:
            return _run_window(app, ctx, startup_check, screenshot, minimized, quick)
        finally:
            ctx.close()
    finally:
        lock.unlock()


def _install_crash_dialog() -> None:
    from tracker.ui.shell.crash import install

    install()


def _quit_on_signals(window: MainWindow) -> None:
    """SIGTERM and SIGINT quit like File → Quit (quit backup, lock and -wal released)."""
    def handler(_signum: int, _frame: object) -> None:
        QTimer.singleShot(0, window.quit_app)

    for number in (signal.SIGTERM, signal.SIGINT):
        signal.signal(number, handler)
    # Python runs a signal handler only when it next runs code; Qt's loop runs none
    # of its own, so a slow timer gives it the chance.
    heartbeat = QTimer(window)
    heartbeat.timeout.connect(lambda: None)
    heartbeat.start(250)


def _refuse(title: str, message: str, unattended: bool) -> int:
    if unattended:
        print(f"nutrient-tracker: {message}", file=sys.stderr)
    else:
        QMessageBox.critical(None, title, message)
    return 1


def _open(db_path: Path, unattended: bool) -> Context | None:
    """The diary's context; a diary that cannot be opened gets the recovery dialog."""
    while True:
        try:
            # A diary this app checked and closed cleanly is checked after the first
            # paint instead of before it (see _check_diary_later).
            return open_context(db_path, check_later=True)
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
                screenshot: str | None, minimized: bool = False, quick: bool = False) -> int:
    from tracker.ui.shell.main_window import MainWindow

    settings = Settings()
    if settings.get("theme") != "system":
        from tracker.ui.shell.theme import apply_theme

        apply_theme(str(settings.get("theme")))
    window = MainWindow(ctx, settings)
    window.resize(*_fitting_size())
    background: list[TaskRunner] = []
    _quit_on_signals(window)
    if quick or minimized:
        status = _run_hidden(app, window, quick, background)
        for runner in background:
            runner.wait()
        _wait_for_diary_check(window)
        _backup_on_quit(ctx)
        return status
    if startup_check:
        def report() -> None:
            print(f"first paint: {process_age_ms():.1f} ms", flush=True)
            resume_garbage_collection()
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
    _wait_for_diary_check(window)
    if not (startup_check or screenshot):
        _backup_on_quit(ctx)
    return status


def _run_hidden(app: QApplication, window: MainWindow, quick: bool,
                background: list[TaskRunner]) -> int:
    """``quick``: only the quick-log window, quitting when it closes. ``--minimized``: the
    tray alone where there is one, else a minimised window."""
    QTimer.singleShot(0, resume_garbage_collection)
    if quick:
        window.show_quick_log()
        assert window.quick_window is not None
        window.quick_window.closed.connect(window.quit_app)
        window.closed.connect(app.quit)
        QTimer.singleShot(0, lambda: _check_diary_later(window))
        return int(app.exec())
    QTimer.singleShot(0, lambda: background.append(_after_first_paint(window)))
    QTimer.singleShot(0, lambda: None if window.desktop and window.desktop.tray.available
                      else window.showMinimized())
    return int(app.exec())


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


def _check_diary_later(window: MainWindow) -> None:
    """Check a diary opened without its check, on a worker thread; say so if it is damaged."""
    if window.ctx.diary.verified:
        return
    from tracker.services.safety.check import check_open_diary
    from tracker.ui.common.task_thread import TaskThread

    ctx = window.ctx
    thread = TaskThread(lambda _progress: check_open_diary(ctx), window)
    thread.succeeded.connect(lambda problem: _report_damage(window, problem))
    window.diary_check = thread
    thread.start()


def _report_damage(window: MainWindow, problem: object) -> None:
    if problem is None:
        return
    QMessageBox.critical(
        window, "The diary file is damaged",
        f"A check of the diary file found damage ({problem}). Entries may be missing or "
        "wrong. Use File → Backups… to restore the latest good backup; the damaged file "
        "is kept aside.")


def _wait_for_diary_check(window: MainWindow) -> None:
    thread = window.diary_check
    if thread is not None:
        thread.wait()


def _after_first_paint(window: MainWindow) -> TaskRunner:
    """Work that must not delay the first paint: the diary check, the totals, the daily
    backup (on a worker thread; the runner returned is waited for before the diary
    closes), the tray and reminders, then the first-run questions."""
    resume_garbage_collection()
    from tracker.services import profile
    from tracker.ui.safety.background_backups import start_daily_backup
    from tracker.ui.shell.desktop import Desktop

    ctx = window.ctx
    _check_diary_later(window)
    window.start_totals()
    daily = start_daily_backup(window, ctx)
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    Desktop(window, app, ctx.diary.path, icon=app_icon())
    assert window.desktop is not None
    window.desktop.reminders.missed_day_note()
    if (profile.get_profile(ctx) is None and ctx.diary.read_only is None
            and not window.settings.get("first_run_done")):
        window.show_first_run()
    return daily


def _save_screenshot(app: QApplication, window: MainWindow, path: Path) -> None:
    """Wait for the totals, then save what the screen shows of the window, and quit."""
    resume_garbage_collection()
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
