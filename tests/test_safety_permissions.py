"""Under a permissive umask (022) the diary, its -wal/-shm, backups and exports stay owner-only."""

from __future__ import annotations

import datetime as dt
import os
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest

from tracker.domain.entries import WaterEntry
from tracker.services import diary
from tracker.services.context import Context
from tracker.services.safety import backup
from tracker.storage.diary import Diary
from tracker.storage.private_files import side_files

DAY = dt.date(2026, 11, 20)


@pytest.fixture(autouse=True)
def umask_022() -> Iterator[None]:
    old = os.umask(0o022)
    try:
        yield
    finally:
        os.umask(old)


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def _all_private(folder: Path) -> None:
    for path in [folder, *folder.rglob("*")]:
        if path.name.endswith(".lock"):
            continue
        expected = 0o700 if path.is_dir() else 0o600
        assert _mode(path) == expected, f"{path} is {oct(_mode(path))}"


def test_diary_and_its_side_files(tmp_path: Path) -> None:
    path = tmp_path / "new-folder" / "diary.sqlite3"
    with Context(Diary.open(path), tmp_path / "cache") as ctx:
        diary.add_entry(ctx, WaterEntry(DAY, dt.time(8, 0), 250.0))
        wal, shm, _ = side_files(path)
        assert wal.exists() and shm.exists()
        _all_private(path.parent)


@pytest.mark.parametrize("mode", [0o644, 0o640, 0o444, 0o400])
def test_an_existing_diary_keeps_the_mode_its_owner_gave_it(tmp_path: Path, mode: int) -> None:
    """Mode bits are set when the app creates a file, never changed afterwards: a person
    who made the diary read-only, or shared it with their group, meant it."""
    path = tmp_path / "diary.sqlite3"
    with Context(Diary.open(path), tmp_path / "cache") as ctx:
        diary.add_entry(ctx, WaterEntry(DAY, dt.time(8, 0), 250.0))
    os.chmod(path, mode)
    with Context(Diary.open(path), tmp_path / "cache") as ctx:
        assert diary.day(ctx, DAY).water[0].volume_ml == 250.0
    assert _mode(path) == mode


def test_backups_set_aside_and_restore(tmp_path: Path) -> None:
    folder = tmp_path / "data"
    path = folder / "diary.sqlite3"
    with Context(Diary.open(path), tmp_path / "cache") as ctx:
        diary.add_entry(ctx, WaterEntry(DAY, dt.time(8, 0), 250.0))
        made = backup.backup_now(ctx)
        backup.restore(path, made.path)
    path.write_bytes(b"SQLite format 3\x00" + b"\x01" * 5000)
    backup.restore(path, made.path)
    assert (folder / "backups" / "set-aside").is_dir()  # where a damaged diary is kept
    assert len(backup.list_backups(path)) == 2
    _all_private(folder)


def test_export_folder_and_files(ctx: Context, tmp_path: Path) -> None:
    from tracker.services.transfer.export import export_bundle

    diary.add_entry(ctx, WaterEntry(DAY, dt.time(8, 0), 250.0))
    result = export_bundle(ctx, DAY, DAY, tmp_path / "for-the-doctor")
    _all_private(result.path)
    zipped = export_bundle(ctx, DAY, DAY, tmp_path / "bundle.zip")
    assert _mode(zipped.path) == 0o600
