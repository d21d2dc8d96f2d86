"""Backup, check and restore run off the GUI thread: the windows keep answering, the
buttons wait, errors are shown, and a restore still ends in one whole-diary Changes."""

from __future__ import annotations

import datetime as dt
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QTimer

from tests.ui.window_fixtures import NOW, make_window, when_dialog_opens
from tracker.domain.changes import Changes
from tracker.domain.entries import WaterEntry
from tracker.domain.errors import UserError
from tracker.services import diary
from tracker.services.context import Context
from tracker.services.safety import backup
from tracker.storage import entries
from tracker.storage.diary import Diary, DiaryOpenError
from tracker.ui.safety import background_backups
from tracker.ui.safety.backups_dialog import BackupsDialog
from tracker.ui.safety.recovery_dialog import RecoveryDialog

TODAY = NOW.date()
LARGE = 8_000  # entries: a year and more of drinks, enough that a restore takes a while


def _fill_large(ctx: Context) -> None:
    first = TODAY - dt.timedelta(days=LARGE // 20)
    batch = [WaterEntry(first + dt.timedelta(days=i // 20), dt.time(6 + i % 16, i % 60), 250.0)
             for i in range(LARGE)]
    with ctx.diary.write() as conn:  # one transaction: thousands of commits would take minutes
        entries.insert_many(conn, batch)


class Watch:
    """A timer that ticks every few milliseconds and notes what it sees while ``busy()``."""

    def __init__(self, busy: Callable[[], bool], look: Callable[[], object]) -> None:
        self.busy = busy
        self.look = look
        self.ticks_while_busy = 0
        self.seen: list[object] = []
        self.timer = QTimer()
        self.timer.setInterval(5)
        self.timer.timeout.connect(self._tick)
        self.timer.start()

    def _tick(self) -> None:
        if self.busy():
            self.ticks_while_busy += 1
            self.seen.append(self.look())


def _button_states(dialog: BackupsDialog) -> tuple[bool, ...]:
    return tuple(button.isEnabled() for button in (
        dialog.backup_button, dialog.restore_button, dialog.check_button, dialog.close_button))


def test_the_event_loop_keeps_turning_while_a_large_diary_is_restored(
        qtbot: Any, ctx: Context, tmp_path: Path) -> None:
    _fill_large(ctx)
    backup.backup_now(ctx, now=dt.datetime(2026, 3, 1, 9, tzinfo=dt.UTC))
    window = make_window(qtbot, ctx, tmp_path / "settings.toml")
    window.acts.glass_action.trigger()  # made after the backup: the restore takes it away
    published: list[Changes] = []
    window.bus.changed.connect(published.append)
    watched: dict[str, Any] = {}

    def restore_oldest(dialog: BackupsDialog) -> None:
        dialog.confirm = lambda _title, _text: True  # type: ignore[method-assign]
        dialog.table.selectRow(dialog.model.rowCount() - 1)
        steps: list[int] = []
        dialog.progress.valueChanged.connect(steps.append)

        def look() -> tuple[object, ...]:
            dialog.reject()  # Esc or the window's close button while busy: refused
            return (*_button_states(dialog), dialog.isVisible(), dialog.table.isEnabled())

        watch = Watch(dialog.is_busy, look)
        dialog.restore_selected()
        assert dialog.is_busy(), "the restore returns at once and goes on on a worker thread"
        qtbot.waitUntil(lambda: not dialog.is_busy(), timeout=120_000)
        watch.timer.stop()
        watched.update(ticks=watch.ticks_while_busy, seen=set(watch.seen), steps=steps,
                       status=dialog.status.text(), after=_button_states(dialog))
        dialog.reject()

    when_dialog_opens(restore_oldest)
    window.acts.backups_action.trigger()
    assert watched["ticks"] >= 5, "the GUI thread went on handling events during the restore"
    # Every look while busy: all four buttons and the list disabled, the dialog still open.
    assert watched["seen"] == {(False, False, False, False, True, False)}
    assert watched["steps"][-1] == 5, "the progress bar went through the restore's steps"
    assert "Restored the backup" in watched["status"]
    assert watched["after"] == (True, False, True, True)  # the list is new: nothing selected
    assert diary.day(ctx, TODAY).water == ()
    assert len(diary.day(ctx, TODAY - dt.timedelta(days=1)).water) == 20
    assert published == [Changes.whole_diary()]
    assert not window.undo_stack.canUndo()


def test_a_failed_restore_is_shown_and_changes_nothing(qtbot: Any, ctx: Context,
                                                       tmp_path: Path) -> None:
    window = make_window(qtbot, ctx, tmp_path / "settings.toml")
    window.acts.glass_action.trigger()
    damaged = backup.backup_now(ctx).path
    damaged.write_bytes(b"SQLite format 3\x00" + b"\x07" * 8000)
    published: list[Changes] = []
    window.bus.changed.connect(published.append)
    watched: dict[str, Any] = {}

    def restore_damaged(dialog: BackupsDialog) -> None:
        dialog.confirm = lambda _title, _text: True  # type: ignore[method-assign]
        dialog.table.selectRow(0)
        dialog.restore_selected()
        qtbot.waitUntil(lambda: not dialog.is_busy(), timeout=60_000)
        watched.update(status=dialog.status.text(), buttons=_button_states(dialog),
                       progress=dialog.progress.isVisible())
        dialog.reject()

    when_dialog_opens(restore_damaged)
    window.acts.backups_action.trigger()
    assert "damaged" in watched["status"] and "Nothing was changed" in watched["status"]
    assert watched["buttons"] == (True, False, True, True)
    assert not watched["progress"]
    assert published == []
    assert window.undo_stack.canUndo()
    assert len(diary.day(ctx, TODAY).water) == 1


@pytest.fixture
def worker_threads(monkeypatch: pytest.MonkeyPatch) -> dict[str, list[int]]:
    """Which thread each safety service ran on; the real service still runs."""
    seen: dict[str, list[int]] = {}
    for name in ("backup_now", "check_and_report", "restore", "latest_good_backup",
                 "backup_if_due", "backup_on_quit"):
        real = getattr(backup, name)

        def spy(*args: Any, _real: Any = real, _name: str = name, **kwargs: Any) -> Any:
            seen.setdefault(_name, []).append(threading.get_ident())
            return _real(*args, **kwargs)

        monkeypatch.setattr(backup, name, spy)
    return seen


def test_back_up_now_and_check_run_on_a_worker_thread(
        qtbot: Any, ctx: Context, worker_threads: dict[str, list[int]]) -> None:
    dialog = BackupsDialog(ctx)
    qtbot.addWidget(dialog)
    dialog.back_up_now()
    assert not dialog.backup_button.isEnabled() and not dialog.progress.isHidden()
    qtbot.waitUntil(lambda: not dialog.is_busy(), timeout=30_000)
    assert "Backed up" in dialog.status.text() and dialog.model.rowCount() == 1
    dialog.check_diary()
    qtbot.waitUntil(lambda: not dialog.is_busy(), timeout=30_000)
    assert "fine" in dialog.status.text()
    main = threading.get_ident()
    assert worker_threads["backup_now"] != [main] and len(worker_threads["backup_now"]) == 1
    assert worker_threads["check_and_report"] != [main]


def test_recovery_searches_and_restores_on_a_worker_thread(
        qtbot: Any, diary_path: Path, tmp_path: Path,
        worker_threads: dict[str, list[int]]) -> None:
    with Context(Diary.open(diary_path), tmp_path) as ctx:
        diary.add_entry(ctx, WaterEntry(TODAY, dt.time(8, 0), 250.0))
        backup.backup_now(ctx)
    diary_path.write_bytes(b"SQLite format 3\x00" + b"\x07" * 8000)
    with pytest.raises(DiaryOpenError) as opening:
        Diary.open(diary_path)
    dialog = RecoveryDialog(opening.value, diary_path)
    qtbot.addWidget(dialog)
    dialog.show()
    # It paints at once and says it is looking; the buttons wait for the answer.
    assert "Looking for the latest good backup" in dialog.message.text()
    assert not dialog.quit_button.isEnabled()
    dialog.reject()
    assert dialog.isVisible(), "no quitting mid-search"
    qtbot.waitUntil(lambda: not dialog.is_busy(), timeout=30_000)
    assert dialog.quit_button.isEnabled() and not dialog.restore_button.isHidden()
    dialog.restore_latest()
    assert not dialog.restore_button.isEnabled() and not dialog.quit_button.isEnabled()
    qtbot.waitUntil(lambda: dialog.result() == dialog.DialogCode.Accepted, timeout=30_000)
    main = threading.get_ident()
    assert worker_threads["latest_good_backup"] != [main]
    assert worker_threads["restore"] != [main]
    with Context(Diary.open(diary_path), tmp_path) as ctx:
        assert [w.volume_ml for w in diary.day(ctx, TODAY).water] == [250.0]


def test_the_daily_backup_runs_while_the_window_answers(
        qtbot: Any, ctx: Context, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    window = make_window(qtbot, ctx, tmp_path / "settings.toml")
    ran_on: list[int] = []

    def slow_daily(context: Context) -> object:
        ran_on.append(threading.get_ident())
        time.sleep(0.3)  # a long diary's copy
        return backup.backup_now(context, "daily")

    monkeypatch.setattr(backup, "backup_if_due", slow_daily)
    runner = background_backups.start_daily_backup(window, ctx)
    watch = Watch(runner.is_busy, lambda: None)
    window.acts.glass_action.trigger()  # logging goes on meanwhile
    qtbot.waitUntil(lambda: not runner.is_busy(), timeout=30_000)
    assert watch.ticks_while_busy >= 5
    assert ran_on and ran_on[0] != threading.get_ident()
    assert [info.reason for info in backup.list_backups(tmp_path / "diary.sqlite3")] == ["daily"]
    assert len(diary.day(ctx, TODAY).water) == 1


def test_a_failed_daily_backup_is_said_in_the_status_bar(
        qtbot: Any, ctx: Context, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    window = make_window(qtbot, ctx, tmp_path / "settings.toml")

    def refuse(_context: Context) -> object:
        raise UserError("the disk is full")

    monkeypatch.setattr(backup, "backup_if_due", refuse)
    background_backups.start_daily_backup(window, ctx).wait()
    assert window.statusBar().currentMessage() == "The daily backup was not made: the disk is full"


def test_the_quit_backup_runs_on_a_worker_thread(
        qtbot: Any, ctx: Context, diary_path: Path,
        worker_threads: dict[str, list[int]]) -> None:
    diary.add_entry(ctx, WaterEntry(TODAY, dt.time(8, 0), 250.0))
    assert background_backups.back_up_on_quit(ctx) is None
    assert worker_threads["backup_on_quit"] != [threading.get_ident()]
    (made,) = backup.list_backups(diary_path)
    assert made.reason == "quit"


def test_a_failed_quit_backup_returns_its_reason(qtbot: Any, ctx: Context,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(_context: Context, **_kwargs: Any) -> object:
        raise UserError("the disk is full")

    monkeypatch.setattr(backup, "backup_on_quit", refuse)
    assert background_backups.back_up_on_quit(ctx) == "the disk is full"


def test_a_slow_quit_backup_says_what_is_happening(qtbot: Any, ctx: Context,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    from PySide6.QtWidgets import QApplication, QProgressDialog

    def slow(_context: Context, **_kwargs: Any) -> None:
        time.sleep(1.0)  # past the moment after which the note shows

    notes: list[str] = []

    def look() -> None:
        notes.extend(widget.labelText() for widget in QApplication.topLevelWidgets()
                     if isinstance(widget, QProgressDialog) and widget.isVisible())

    monkeypatch.setattr(backup, "backup_on_quit", slow)
    QTimer.singleShot(background_backups.QUIT_NOTE_AFTER_MS + 400, look)
    assert background_backups.back_up_on_quit(ctx) is None
    assert notes == ["Backing up your diary before closing…"]
