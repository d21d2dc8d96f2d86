"""Backups are whole checked copies, rotate, restore without losing the current diary."""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

import pytest

from tracker.domain.entries import CaffeineEntry, DayFactors, WaterEntry
from tracker.domain.errors import UserError
from tracker.services import diary
from tracker.services.context import Context
from tracker.services.safety import backup
from tracker.storage.diary import Diary
from tracker.storage.safety.backups import backups_dir
from tracker.storage.safety.health import open_read_only

DAY = dt.date(2026, 11, 20)
UTC = dt.UTC


def _water(ctx: Context, ml: float) -> WaterEntry:
    return diary.add_entry(ctx, WaterEntry(DAY, dt.time(8, 0), ml))


def _volumes(path: Path) -> list[float]:
    conn = open_read_only(path)
    try:
        return [r[0] for r in conn.execute("SELECT volume_ml FROM water_entry ORDER BY volume_ml")]
    finally:
        conn.close()


def test_backup_is_a_checked_self_contained_copy(ctx: Context, diary_path: Path) -> None:
    _water(ctx, 250.0)
    info = backup.backup_now(ctx)
    assert info.path.parent == backups_dir(diary_path)
    assert info.path.name.startswith("diary-") and info.reason == "manual"
    assert info.size == info.path.stat().st_size > 0
    assert backup.check(info.path).ok
    assert _volumes(info.path) == [250.0]
    assert not any(p.name.endswith((".partial", "-wal")) for p in info.path.parent.iterdir())
    assert backup.list_backups(diary_path) == [info]


def test_backup_includes_writes_still_in_the_wal(ctx: Context) -> None:
    for ml in (100.0, 200.0, 300.0):
        _water(ctx, ml)
    assert _volumes(backup.backup_now(ctx).path) == [100.0, 200.0, 300.0]


def test_backups_in_one_second_get_distinct_names(ctx: Context) -> None:
    now = dt.datetime(2026, 11, 25, 10, tzinfo=UTC)
    first = backup.backup_now(ctx, now=now)
    second = backup.backup_now(ctx, now=now)
    assert first.path != second.path and second.taken_at > first.taken_at


def test_rotation_over_a_year_of_daily_starts(ctx: Context, diary_path: Path) -> None:
    start = dt.datetime(2025, 1, 1, 9, tzinfo=UTC)
    for day in range(0, 365, 6):
        assert backup.backup_if_due(ctx, now=start + dt.timedelta(days=day)) is not None
    kept = backup.list_backups(diary_path)

    def at(month: int, day: int) -> dt.datetime:
        return dt.datetime(2025, month, day, 9, tzinfo=UTC)

    # Every 6 days up to 27 December: the 7 newest days are kept, which hold the 4 newest
    # ISO weeks (15 and 21 December share one), then the newest of each month back to July.
    assert [k.taken_at for k in kept] == [
        at(12, 27), at(12, 21), at(12, 15), at(12, 9), at(12, 3), at(11, 27), at(11, 21),
        at(10, 28), at(9, 28), at(8, 29), at(7, 30)]
    assert {p.name for p in backups_dir(diary_path).iterdir()} == {k.path.name for k in kept}


def test_backup_if_due_waits_a_day(ctx: Context) -> None:
    now = dt.datetime(2026, 11, 25, 8, tzinfo=UTC)
    assert backup.backup_if_due(ctx, now=now) is not None
    assert backup.backup_if_due(ctx, now=now + dt.timedelta(hours=20)) is None
    assert backup.backup_if_due(ctx, now=now + dt.timedelta(hours=25)) is not None


def test_backup_on_quit_keeps_entries_made_outside_the_window(diary_path: Path,
                                                              tmp_path: Path) -> None:
    with Context(Diary.open(diary_path), tmp_path) as command_line:
        _water(command_line, 500.0)
    with Context(Diary.open(diary_path), tmp_path) as window:
        info = backup.backup_on_quit(window)  # this session changed nothing itself
    assert info is not None and info.reason == "quit"
    assert _volumes(info.path) == [500.0]


def test_restore_brings_back_the_old_state_and_keeps_the_current(ctx: Context,
                                                                  diary_path: Path) -> None:
    _water(ctx, 250.0)
    old = backup.backup_now(ctx, now=dt.datetime(2026, 11, 20, tzinfo=UTC))
    _water(ctx, 750.0)
    result = backup.restore(diary_path, old.path)
    assert _volumes(diary_path) == [250.0]
    assert diary.day(ctx, DAY).water[0].volume_ml == 250.0, "the open window sees the restore"
    assert result.previous_kept_at is not None
    assert _volumes(result.previous_kept_at) == [250.0, 750.0]
    assert backup.check(diary_path).ok
    # and the restore can itself be undone from the kept copy
    backup.restore(diary_path, result.previous_kept_at)
    assert _volumes(diary_path) == [250.0, 750.0]


def test_restore_of_an_older_version_backup_upgrades_it(ctx: Context, diary_path: Path) -> None:
    from tests.fixtures.make_v1_diary import FIXTURE

    backup.restore(diary_path, FIXTURE)
    assert diary.day(ctx, dt.date(2026, 3, 1)).factors == DayFactors(
        dt.date(2026, 3, 1), 7.5, 1, None, False, "")
    assert backup.check(diary_path).ok


def test_restore_refuses_a_bad_backup_and_changes_nothing(ctx: Context, diary_path: Path,
                                                          tmp_path: Path) -> None:
    _water(ctx, 250.0)
    garbage = tmp_path / "garbage.sqlite3"
    garbage.write_bytes(b"\x00" * 4096)
    other = tmp_path / "other.sqlite3"
    with sqlite3.connect(other) as conn:
        conn.execute("CREATE TABLE t (x)")
    good = backup.backup_now(ctx)
    damaged = tmp_path / "damaged.sqlite3"
    data = bytearray(good.path.read_bytes())
    data[4096 * 3:4096 * 6] = b"\xff" * (4096 * 3)
    damaged.write_bytes(bytes(data))
    for bad, words in ((garbage, "is not a Nutrient Tracker diary (not an SQLite file)"),
                       (other, "is an SQLite file but not a Nutrient Tracker diary"),
                       (damaged, "damaged.sqlite3 is damaged ("),
                       (tmp_path / "missing.sqlite3", "There is no diary at"),
                       (diary_path, "That file is the diary itself; choose a backup")):
        with pytest.raises(UserError) as err:
            backup.restore(diary_path, bad)
        assert words in err.value.message, bad.name
        assert err.value.field is None  # the dialog shows it for the whole restore
    with pytest.raises(UserError, match="is a folder, not a diary file; nothing was changed"):
        backup.restore(tmp_path, good.path)
    assert _volumes(diary_path) == [250.0]
    assert backup.list_backups(diary_path) == [good]


def test_restore_over_a_damaged_diary_sets_it_aside(diary_path: Path, tmp_path: Path) -> None:
    with Context(Diary.open(diary_path), tmp_path) as ctx:
        _water(ctx, 250.0)
        good = backup.backup_now(ctx)
    damaged_bytes = b"SQLite format 3\x00" + b"\x13" * 9000
    diary_path.write_bytes(damaged_bytes)
    assert backup.latest_good_backup(diary_path) == good
    result = backup.restore(diary_path, good.path)
    assert result.previous_kept_at is not None
    assert result.previous_kept_at.read_bytes() == damaged_bytes, "the bad file is kept as is"
    assert _volumes(diary_path) == [250.0]


def test_latest_good_backup_skips_damaged_ones(ctx: Context, diary_path: Path) -> None:
    older = backup.backup_now(ctx, now=dt.datetime(2026, 11, 1, tzinfo=UTC))
    newer = backup.backup_now(ctx, now=dt.datetime(2026, 11, 2, tzinfo=UTC))
    newer.path.write_bytes(newer.path.read_bytes()[:5000])
    assert backup.latest_good_backup(diary_path) == older


def test_check_finds_damage(ctx: Context, diary_path: Path, tmp_path: Path) -> None:
    for n in range(150):
        diary.add_entry(ctx, CaffeineEntry(DAY, dt.time(n % 24, 0), 50.0, f"{n} " + "x" * 190))
    copy = backup.backup_now(ctx).path
    assert backup.check(diary_path).ok
    data = bytearray(copy.read_bytes())
    middle = len(data) // 2
    data[middle:middle + 4096] = b"\x42" * 4096
    copy.write_bytes(bytes(data))
    health = backup.check(copy)
    assert not health.ok and health.problems


def test_check_finds_a_broken_reference(tmp_path: Path) -> None:
    path = tmp_path / "fk.sqlite3"
    with Diary.open(path) as opened:
        opened.conn.execute("PRAGMA foreign_keys = OFF")
        opened.conn.execute("INSERT INTO supplement_dose VALUES ('x', '2026-01-01', '08:00', "
                            "'no-such-product', 1.0)")
    health = backup.check(path)
    assert any("supplement_dose" in p for p in health.problems)


def test_a_copy_that_fails_its_check_is_discarded(ctx: Context, diary_path: Path) -> None:
    from tracker.storage.safety.backups import BackupError, make_backup

    for n in range(150):
        diary.add_entry(ctx, CaffeineEntry(DAY, dt.time(n % 24, 0), 50.0, f"{n} " + "y" * 190))
    ctx.close()
    data = bytearray(diary_path.read_bytes())
    middle = len(data) // 2
    data[middle:middle + 4096] = b"\x42" * 4096
    diary_path.write_bytes(bytes(data))
    # The backup API copies pages as they are, so the damage reaches the copy's check.
    raw = sqlite3.connect(diary_path)
    try:
        with pytest.raises(BackupError, match="diary itself is unchanged"):
            make_backup(raw, diary_path, "manual")
    finally:
        raw.close()
    assert backup.list_backups(diary_path) == []
    assert list(backups_dir(diary_path).iterdir()) == []


def test_a_wrong_restore_can_be_undone_after_more_backups(ctx: Context,
                                                          diary_path: Path) -> None:
    morning = dt.datetime(2026, 11, 25, 8, tzinfo=UTC)
    _water(ctx, 250.0)
    old = backup.backup_now(ctx, now=morning - dt.timedelta(days=3))
    _water(ctx, 750.0)
    result = backup.restore(diary_path, old.path, now=morning)
    for hours in (1, 2, 3):  # the quit and daily backups of the same day
        backup.backup_now(ctx, "quit", now=morning + dt.timedelta(hours=hours))
    assert result.previous_kept_at is not None and result.previous_kept_at.exists()
    assert _volumes(result.previous_kept_at) == [250.0, 750.0]


def test_unfinished_copies_from_a_killed_backup_are_cleaned_later(ctx: Context,
                                                                  diary_path: Path) -> None:
    import os
    import time

    folder = backups_dir(diary_path)
    folder.mkdir(mode=0o700)
    stale = folder / "diary-20261101-080000Z-quit.sqlite3.partial"
    stale_journal = folder / "diary-20261101-080000Z-quit.sqlite3.partial-journal"
    fresh = folder / "diary-20261125-080000Z-manual.sqlite3.partial"
    for path in (stale, stale_journal, fresh):
        path.write_bytes(b"half a copy")
    two_hours_ago = time.time() - 7200
    for path in (stale, stale_journal):
        os.utime(path, (two_hours_ago, two_hours_ago))
    backup.backup_now(ctx)
    assert not stale.exists() and not stale_journal.exists()
    assert fresh.exists(), "a copy still being written by another process is left alone"
