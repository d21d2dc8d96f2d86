"""An unexpected error in a slot: a dialog and the error log. SIGTERM to a running window:
a quit like File → Quit (entries kept, quit backup written, lock and -wal released)."""

from __future__ import annotations

import datetime as dt
import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QMessageBox

from tests.ui.window_fixtures import when_dialog_opens
from tracker.domain.entries import Episode, WaterEntry
from tracker.services import diary
from tracker.services.context import open_context
from tracker.services.safety.backup import list_backups
from tracker.ui.safety.single_instance import acquire_diary_lock
from tracker.ui.shell import crash

COMMAND = Path(sys.executable).with_name("nutrient-tracker")


@pytest.mark.qt_no_exception_capture
def test_an_error_in_a_slot_shows_a_dialog_and_is_logged(
        qtbot: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)  # restored after the test
    crash.install()
    seen: dict[str, str] = {}

    def read_and_close(box: Any) -> None:
        assert isinstance(box, QMessageBox)
        seen.update(title=box.windowTitle(), text=box.text(), details=box.informativeText())
        box.accept()

    def broken_slot() -> None:
        {}["no such key"]

    when_dialog_opens(read_and_close)
    QTimer.singleShot(0, broken_slot)
    qtbot.waitUntil(lambda: "title" in seen, timeout=5000)
    assert seen["title"] == "Something went wrong"
    assert "unexpected error" in seen["text"] and "KeyError" in seen["text"]
    assert "Your diary is safe" in seen["details"]
    log = tmp_path / "state" / "nutrient-tracker" / "log" / "errors.log"
    assert str(log) in seen["details"]
    text = log.read_text(encoding="utf-8")
    assert "Traceback (most recent call last)" in text
    assert "in broken_slot" in text and "KeyError: 'no such key'" in text


def _diary_with_entries(tmp_path: Path, food_cache_dir: Path) -> tuple[Path, dict[str, str]]:
    """A diary with today's water and a twitch, and the environment to start the app on it."""
    db = tmp_path / "diary.sqlite3"
    today = dt.date.today()
    with open_context(db, food_cache_dir) as ctx:
        diary.add_entry(ctx, WaterEntry(today, dt.time(9), 500.0))
        diary.add_entry(ctx, Episode(today, dt.time(10), "twitch", "calf", 4))
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen",
               XDG_CACHE_HOME=str(food_cache_dir.parent / "xdg-cache"))
    env["XDG_CONFIG_HOME"] = str(tmp_path / "config")
    # The food cache the session built, where the app looks for it.
    (food_cache_dir.parent / "xdg-cache").mkdir(exist_ok=True)
    link = food_cache_dir.parent / "xdg-cache" / "nutrient-tracker"
    if not link.exists():
        link.symlink_to(food_cache_dir)
    (tmp_path / "config" / "nutrient-tracker").mkdir(parents=True)
    (tmp_path / "config" / "nutrient-tracker" / "settings.toml").write_text(
        "first_run_done = true\n", encoding="utf-8")
    return db, env


def _quit_like_file_quit(app: subprocess.Popen[str], db: Path, food_cache_dir: Path) -> None:
    """The app ended cleanly: entries kept, quit backup written, lock and -wal released."""
    _, err = app.communicate(timeout=60)
    assert app.returncode == 0, err
    assert "Traceback" not in err
    assert "quit" in {b.reason for b in list_backups(db)}, "the quit backup was written"
    lock = acquire_diary_lock(db)
    assert lock is not None, "the lock was released"
    lock.unlock()
    assert not Path(f"{db}-wal").exists(), "the write-ahead log was checkpointed and removed"
    with open_context(db, food_cache_dir) as ctx:
        day = diary.day(ctx, dt.date.today())
        assert [w.volume_ml for w in day.water][:1] == [500.0]
        assert [e.body_site for e in day.episodes] == ["calf"]


def _wait_for_the_window(app: subprocess.Popen[str], db: Path) -> None:
    # The daily backup is made just after the first paint: the window is up.
    deadline = time.monotonic() + 60
    while not list_backups(db) and time.monotonic() < deadline:
        assert app.poll() is None, app.communicate()[1]
        time.sleep(0.1)
    assert list_backups(db), "the window never came up"
    assert acquire_diary_lock(db) is None, "the running window holds the lock"


@pytest.mark.parametrize(("signal_number", "extra"), [
    (signal.SIGTERM, ()), (signal.SIGINT, ()),
    # Started as at login: without a tray it runs minimised, and quits the same way.
    (signal.SIGTERM, ("--minimized",))])
def test_a_signal_quits_the_running_window_like_file_quit(
        tmp_path: Path, food_cache_dir: Path, signal_number: int,
        extra: tuple[str, ...]) -> None:
    db, env = _diary_with_entries(tmp_path, food_cache_dir)
    app = subprocess.Popen([sys.executable, "-P", "-m", "tracker", "--db", str(db), *extra],
                           env=env,
                           stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        _wait_for_the_window(app, db)
        time.sleep(0.5)
        app.send_signal(signal_number)
        _quit_like_file_quit(app, db, food_cache_dir)
    finally:
        if app.poll() is None:
            app.kill()


# The real start-up, ended as a desktop session ends once the window is up: "logout" is
# what the app's commitDataRequest slot does when the session asks it to save and go
# (Qt alone can make the session manager object the signal carries, so the slot is
# called); "quit" is the event loop told to end, which emits aboutToQuit.
_END_OF_SESSION = """
import sys
from PySide6.QtCore import SIGNAL, QTimer
from PySide6.QtWidgets import QApplication
from tracker.cli.main import main
from tracker.ui.shell import app

after_first_paint = app._after_first_paint
def then(window):
    runner = after_first_paint(window)
    qapp = QApplication.instance()
    if qapp.receivers(SIGNAL("commitDataRequest(QSessionManager&)")) != 1:
        sys.exit("nothing listens for the end of the session")
    if sys.argv[2] == "logout":
        QTimer.singleShot(300, lambda: window.desktop.end_of_session(None))
    else:
        QTimer.singleShot(300, qapp.quit)
    return runner
app._after_first_paint = then
sys.exit(main(["--db", sys.argv[1]]))
"""


@pytest.mark.parametrize("how", ["logout", "quit"])
def test_the_end_of_the_desktop_session_quits_like_file_quit(
        tmp_path: Path, food_cache_dir: Path, how: str) -> None:
    db, env = _diary_with_entries(tmp_path, food_cache_dir)
    app = subprocess.Popen([sys.executable, "-P", "-c", _END_OF_SESSION, str(db), how],
                           env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        _quit_like_file_quit(app, db, food_cache_dir)
    finally:
        if app.poll() is None:
            app.kill()


# ``nutrient-tracker quick`` with no app open on the diary: the quick-log window alone (the
# diary window stays hidden); W then Enter logs a glass, and it closes and quits.
_QUICK_ALONE = """
import sys
from PySide6.QtCore import Qt, QTimer
from PySide6.QtTest import QTest
from tracker.cli.main import main
from tracker.ui.shell.quick_window import QuickLogWindow

opened = QuickLogWindow.open
def open_and_type(self):
    opened(self)
    print(f"diary window shown: {self.quick.window.isVisible()}", flush=True)
    print(f"quick window shown: {self.isVisible()}", flush=True)
    QTimer.singleShot(200, lambda: (QTest.keyClick(self, Qt.Key.Key_W),
                                    QTest.keyClick(self, Qt.Key.Key_Return)))
QuickLogWindow.open = open_and_type
sys.exit(main(["--db", sys.argv[1], "quick"]))
"""


def test_quick_with_no_app_open_shows_its_own_window_then_quits(
        tmp_path: Path, food_cache_dir: Path) -> None:
    db, env = _diary_with_entries(tmp_path, food_cache_dir)
    app = subprocess.Popen([sys.executable, "-P", "-c", _QUICK_ALONE, str(db)], env=env,
                           stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        out, err = app.communicate(timeout=60)
    finally:
        if app.poll() is None:
            app.kill()
    assert app.returncode == 0, err
    assert "Traceback" not in err
    assert out.splitlines() == ["diary window shown: False", "quick window shown: True"]
    lock = acquire_diary_lock(db)
    assert lock is not None, "the lock was released"
    lock.unlock()
    assert "quit" in {b.reason for b in list_backups(db)}
    with open_context(db, food_cache_dir) as ctx:
        assert [w.volume_ml for w in diary.day(ctx, dt.date.today()).water] == [500.0, 250.0]
