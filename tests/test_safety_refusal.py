"""A damaged file, a file that is not a diary, or a diary from a newer version is refused
with a reason and left byte-for-byte untouched."""

from __future__ import annotations

import datetime as dt
import os
import resource
import signal
import sqlite3
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from tracker.domain.entries import WaterEntry
from tracker.services import diary
from tracker.services.context import Context
from tracker.services.safety import backup
from tracker.storage.diary import Diary, DiaryOpenError
from tracker.storage.private_files import side_files


def _snapshot(path: Path) -> tuple[bytes, int, list[str]]:
    siblings = sorted(p.name for p in path.parent.iterdir())
    return path.read_bytes(), path.stat().st_mtime_ns, siblings


def _real_diary(path: Path, tmp_path: Path, entries: int = 300) -> None:
    with Context(Diary.open(path), tmp_path / "cache") as ctx:
        for n in range(entries):
            diary.add_entry(ctx, WaterEntry(dt.date(2026, 1, 1) + dt.timedelta(days=n % 200),
                                            dt.time(n % 24, 0), 100.0 + n))


def _garbage(path: Path, tmp_path: Path) -> None:
    path.write_bytes(os.urandom(20_000))


def _text(path: Path, tmp_path: Path) -> None:
    path.write_text("shopping list\nmilk\nspinach\n", encoding="utf-8")


def _other_sqlite(path: Path, tmp_path: Path) -> None:
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE recipes (name TEXT)")
    conn.execute("INSERT INTO recipes VALUES ('soup')")
    conn.commit()
    conn.close()


def _truncated(path: Path, tmp_path: Path) -> None:
    source = tmp_path / "whole.sqlite3"
    _real_diary(source, tmp_path)
    data = source.read_bytes()
    path.write_bytes(data[: len(data) // 2])


def _scrambled(path: Path, tmp_path: Path) -> None:
    source = tmp_path / "whole.sqlite3"
    _real_diary(source, tmp_path)
    data = bytearray(source.read_bytes())
    for offset in range(4096 * 2, len(data), 4096 * 3):
        data[offset:offset + 200] = os.urandom(200)
    path.write_bytes(bytes(data))


def _newer(path: Path, tmp_path: Path) -> None:
    _real_diary(path, tmp_path, entries=3)
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version = {7 << 16}")  # format 7.0, a major step ahead
    conn.close()


# The reasons are what the recovery dialog words its offer by.
@pytest.mark.parametrize(("make", "reason"), [
    (_garbage, "not_diary"), (_text, "not_diary"), (_other_sqlite, "not_diary"),
    (_truncated, "damaged"), (_scrambled, "damaged"), (_newer, "newer"),
])
def test_refused_and_untouched(make: Callable[[Path, Path], None], reason: str,
                               tmp_path: Path) -> None:
    folder = tmp_path / "data"
    folder.mkdir()
    path = folder / "diary.sqlite3"
    make(path, tmp_path)
    for side in side_files(path):
        side.unlink(missing_ok=True)
    before = _snapshot(path)
    with pytest.raises(DiaryOpenError) as error:
        Diary.open(path)
    assert error.value.reason == reason
    assert "untouched" in error.value.message
    after = _snapshot(path)
    assert after[:2] == before[:2], "the refused file was changed"
    assert not {n for n in after[2] if not n.endswith(("-wal", "-shm"))} - set(before[2])


def test_check_reports_damage_and_refuses_a_non_diary(tmp_path: Path) -> None:
    damaged = tmp_path / "damaged.sqlite3"
    _scrambled(damaged, tmp_path)
    assert not backup.check(damaged).ok
    other = tmp_path / "other.sqlite3"
    _other_sqlite(other, tmp_path)
    with pytest.raises(DiaryOpenError, match="is an SQLite file but not a Nutrient Tracker") as err:
        backup.check(other)
    assert err.value.reason == "not_diary"


def test_a_folder_or_missing_file(tmp_path: Path) -> None:
    with pytest.raises(DiaryOpenError, match="is a folder, not a diary file") as err:
        Diary.open(tmp_path)
    assert err.value.reason == "not_diary"
    with pytest.raises(DiaryOpenError, match="There is no diary at") as err:
        Diary.open(tmp_path / "nothing.sqlite3", create=False)
    assert err.value.reason == "missing"
    assert not (tmp_path / "nothing.sqlite3").exists()


def test_busy_diary_reports_and_keeps_nothing_half_done(ctx: Context, diary_path: Path) -> None:
    from tracker.storage.diary import DiaryBusyError

    other = sqlite3.connect(diary_path, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    ctx.diary.conn.execute("PRAGMA busy_timeout = 50")
    entry = WaterEntry(dt.date(2026, 11, 20), dt.time(8, 0), 250.0)
    try:
        with pytest.raises(DiaryBusyError, match="not saved yet"):
            diary.add_entry(ctx, entry)
    finally:
        other.execute("ROLLBACK")
        other.close()
    assert not ctx.diary.conn.in_transaction
    diary.add_entry(ctx, entry)  # the same entry, saved again once the file is free
    assert diary.day(ctx, entry.date).water == (entry,)


def test_full_disk_is_a_message_and_rolls_back(ctx: Context) -> None:
    from tracker.storage.diary import DiaryWriteError

    day = dt.date(2026, 11, 20)
    diary.add_entry(ctx, WaterEntry(day, dt.time(7, 0), 100.0))
    pages = ctx.diary.conn.execute("PRAGMA page_count").fetchone()[0]
    ctx.diary.conn.execute(f"PRAGMA max_page_count = {pages}")
    with pytest.raises(DiaryWriteError, match="nothing was saved"):
        for n in range(2000):
            diary.add_entry(ctx, WaterEntry(day, dt.time(n % 24, n % 60), 100.0 + n))
    assert not ctx.diary.conn.in_transaction
    assert backup.check(ctx.diary.path).ok  # type: ignore[arg-type]


def test_a_disk_that_refuses_is_not_called_damage(tmp_path: Path) -> None:
    """A healthy diary opened where no file may grow past 16 KB (a disk quota, a full
    disk): SQLite cannot make its 32 KB shared-memory file, and says "disk I/O error".

    That is the disk's fault, not the diary's: the person is told so and not
    pointed at a backup to restore over a sound file, and the file is untouched.
    """
    db = tmp_path / "diary.sqlite3"
    _real_diary(db, tmp_path, entries=3)
    for side in side_files(db):
        side.unlink(missing_ok=True)
    before = db.read_bytes()

    def small_files() -> None:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (16_384, 16_384))

    done = subprocess.run([str(Path(sys.executable).with_name("nutrient-tracker")),
                           "--db", str(db), "day"], capture_output=True, text=True,
                          timeout=60, preexec_fn=small_files)
    assert done.returncode == 2, done.stderr
    assert "could not be read from the disk" in done.stderr
    assert "disk may be full" in done.stderr
    assert "damaged" not in done.stderr and "Traceback" not in done.stderr
    assert db.read_bytes() == before
