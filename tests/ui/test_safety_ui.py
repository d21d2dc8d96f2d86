"""The second-window lock, File → Backups… and the recovery dialog, driven like a person would."""

from __future__ import annotations

import datetime as dt
import os
import signal
import subprocess
import sys
from pathlib import Path
from typing import Any

from tracker.domain.entries import WaterEntry
from tracker.services import diary
from tracker.services.context import Context
from tracker.services.safety import backup
from tracker.storage.diary import Diary, DiaryOpenError
from tracker.ui.safety.backups_dialog import BackupsDialog
from tracker.ui.safety.recovery_dialog import RecoveryDialog
from tracker.ui.safety.single_instance import acquire_diary_lock

DAY = dt.date(2026, 11, 20)
_HOLDER = """
import sys, time
from pathlib import Path
from tracker.ui.safety.single_instance import acquire_diary_lock
lock = acquire_diary_lock(Path(sys.argv[1]))
print("locked" if lock is not None else "refused", flush=True)
time.sleep(60)
"""


def _holder(db: Path) -> subprocess.Popen[str]:
    child = subprocess.Popen([sys.executable, "-P", "-c", _HOLDER, str(db)], stdout=subprocess.PIPE,
                             text=True)
    assert child.stdout is not None and child.stdout.readline().strip() == "locked"
    return child


def test_second_window_is_refused_until_the_first_is_gone(tmp_path: Path) -> None:
    db = tmp_path / "data" / "diary.sqlite3"
    first = _holder(db)
    try:
        assert acquire_diary_lock(db) is None
    finally:
        os.kill(first.pid, signal.SIGKILL)  # a crash: the lock file stays behind
        first.wait()
    lock = acquire_diary_lock(db)
    assert lock is not None and lock.isLocked(), "a dead window's lock must be taken over"
    lock.unlock()


def test_two_writers_on_one_diary_never_corrupt_it(diary_path: Path, tmp_path: Path) -> None:
    one = Context(Diary.open(diary_path), tmp_path)
    two = Context(Diary.open(diary_path), tmp_path)
    try:
        for n in range(40):
            diary.add_entry(one if n % 2 else two, WaterEntry(DAY, dt.time(n % 24, 0), 10.0 + n))
        assert len(diary.day(one, DAY).water) == len(diary.day(two, DAY).water) == 40
    finally:
        one.close()
        two.close()
    assert backup.check(diary_path).ok


def test_backups_dialog(qtbot: Any, ctx: Context, diary_path: Path) -> None:
    diary.add_entry(ctx, WaterEntry(DAY, dt.time(8, 0), 250.0))
    backup.backup_now(ctx, now=dt.datetime(2026, 11, 20, 9, tzinfo=dt.UTC))
    dialog = BackupsDialog(ctx)
    qtbot.addWidget(dialog)
    assert dialog.model.rowCount() == 1
    assert not dialog.restore_button.isEnabled()
    diary.add_entry(ctx, WaterEntry(DAY, dt.time(9, 0), 500.0))
    dialog.back_up_now()
    qtbot.waitUntil(lambda: not dialog.is_busy(), timeout=30_000)
    assert dialog.model.rowCount() == 2 and "Backed up" in dialog.status.text()
    dialog.table.selectRow(1)  # the older one
    assert dialog.restore_button.isEnabled()
    dialog.confirm = lambda title, text: False  # type: ignore[method-assign]
    dialog.restore_selected()
    assert len(diary.day(ctx, DAY).water) == 2, "a cancelled restore changes nothing"
    dialog.confirm = lambda title, text: True  # type: ignore[method-assign]
    with qtbot.waitSignal(dialog.diaryRestored, timeout=5000):
        dialog.restore_selected()
    assert [w.volume_ml for w in diary.day(ctx, DAY).water] == [250.0]
    qtbot.waitUntil(lambda: not dialog.is_busy(), timeout=30_000)
    assert dialog.model.rowCount() == 3  # plus the copy made before restoring
    dialog.check_diary()
    qtbot.waitUntil(lambda: not dialog.is_busy(), timeout=30_000)
    assert "fine" in dialog.status.text()


def test_recovery_restores_the_latest_good_backup(qtbot: Any, diary_path: Path,
                                                  tmp_path: Path) -> None:
    with Context(Diary.open(diary_path), tmp_path) as ctx:
        diary.add_entry(ctx, WaterEntry(DAY, dt.time(8, 0), 250.0))
        backup.backup_now(ctx)
    bad = b"SQLite format 3\x00" + b"\x07" * 8000
    diary_path.write_bytes(bad)
    try:
        Diary.open(diary_path)
    except DiaryOpenError as exc:
        error = exc
    dialog = RecoveryDialog(error, diary_path)
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: not dialog.is_busy(), timeout=30_000)
    assert "damaged" in dialog.message.text() and "latest good backup" in dialog.message.text()
    assert not dialog.restore_button.isHidden()
    dialog.restore_latest()
    qtbot.waitUntil(lambda: dialog.result() == dialog.DialogCode.Accepted, timeout=30_000)
    assert dialog.result_of_restore is not None
    kept = dialog.result_of_restore.previous_kept_at
    assert kept is not None and kept.read_bytes() == bad
    with Context(Diary.open(diary_path), tmp_path) as ctx:
        assert [w.volume_ml for w in diary.day(ctx, DAY).water] == [250.0]


def test_recovery_without_a_backup_only_explains(qtbot: Any, tmp_path: Path) -> None:
    path = tmp_path / "diary.sqlite3"
    path.write_text("not a diary")
    error = DiaryOpenError("It is a text file.", "not_diary")
    dialog = RecoveryDialog(error, path)
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: not dialog.is_busy(), timeout=30_000)
    assert dialog.restore_button.isHidden()
    assert "not a Nutrient Tracker diary" in dialog.message.text()
    assert "Nothing has been changed" in dialog.message.text()
    dialog.quit_button.click()
    assert dialog.result() == dialog.DialogCode.Rejected
    assert path.read_text() == "not a diary"
