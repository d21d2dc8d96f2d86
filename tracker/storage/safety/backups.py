"""Backups of the diary through SQLite's online backup API, checked after writing.

Backups live in ``<diary folder>/backups/<stem>-YYYYmmdd-HHMMSSZ-<reason>.sqlite3``
(UTC, so they sort and rotate the same in every time zone). A raw file copy of
an open database can catch it mid-write; the backup API copies a consistent
snapshot. A damaged diary is never deleted: restore moves it into
``backups/set-aside/`` first.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import re
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from tracker.domain.errors import UserError
from tracker.domain.rotation import copies_to_keep
from tracker.storage import migrations
from tracker.storage.connection import connect, open_read_only
from tracker.storage.private_files import (
    fsync_dir,
    make_private_dir,
    make_private_file,
    side_files,
)
from tracker.storage.safety.health import Health, check_file
from tracker.storage.schema import SCHEMA_VERSION

BACKUP_DIR_NAME = "backups"
SET_ASIDE_DIR_NAME = "set-aside"
_STAMP_FORMAT = "%Y%m%d-%H%M%S"
STALE_PARTIAL_AGE = dt.timedelta(hours=1)
# Told (steps done, steps in all) as a long backup or restore goes; the window shows it.
Progress = Callable[[int, int], None]
_NAME_RE = re.compile(r"(?P<stem>.+)-(?P<stamp>\d{8}-\d{6})Z-(?P<reason>[a-z][a-z-]*)\.sqlite3")


class BackupError(UserError):
    """A backup or restore could not be made; the diary itself is unchanged."""


@dataclass(frozen=True)
class BackupInfo:
    """One backup file; ``taken_at`` is in UTC."""

    path: Path
    taken_at: dt.datetime
    reason: str
    size: int


def backups_dir(diary_path: Path) -> Path:
    return diary_path.parent / BACKUP_DIR_NAME


def _utc(now: dt.datetime | None) -> dt.datetime:
    stamp = now or dt.datetime.now(dt.UTC)
    return stamp.astimezone(dt.UTC).replace(microsecond=0)


def _parse_name(path: Path, stem: str) -> BackupInfo | None:
    match = _NAME_RE.fullmatch(path.name)
    if match is None or match["stem"] != stem:
        return None
    try:
        taken = dt.datetime.strptime(match["stamp"], _STAMP_FORMAT).replace(tzinfo=dt.UTC)
        size = path.stat().st_size
    except (ValueError, OSError):
        return None
    return BackupInfo(path, taken, match["reason"], size)


def list_backups(diary_path: Path) -> list[BackupInfo]:
    """The diary's backups, newest first."""
    folder = backups_dir(diary_path)
    if not folder.is_dir():
        return []
    found = [info for child in folder.iterdir() if child.is_file()
             if (info := _parse_name(child, diary_path.stem)) is not None]
    return sorted(found, key=lambda info: (info.taken_at, info.path.name), reverse=True)


def _free_name(folder: Path, stem: str, stamp: dt.datetime,
               reason: str) -> tuple[Path, dt.datetime]:
    # Two backups within one second get consecutive stamps, so names stay unique and ordered.
    while True:
        path = folder / f"{stem}-{stamp.strftime(_STAMP_FORMAT)}Z-{reason}.sqlite3"
        if not path.exists():
            return path, stamp
        stamp += dt.timedelta(seconds=1)


def _report(progress: Progress | None, done: int, total: int) -> None:
    if progress is not None:
        progress(done, total)


def make_backup(source: sqlite3.Connection, diary_path: Path, reason: str,
                now: dt.datetime | None = None, progress: Progress | None = None
                ) -> BackupInfo:
    """Copy the diary open on ``source`` into the backups folder and check the copy.

    The copy is written under a temporary name and renamed only after it passes
    ``integrity_check``, so a listed backup is always a whole one.
    """
    if not re.fullmatch(r"[a-z][a-z-]*", reason):
        raise ValueError(f"bad backup reason {reason!r}")
    folder = backups_dir(diary_path)
    final, taken_at = _free_name(folder, diary_path.stem, _utc(now), reason)
    partial = final.with_name(final.name + ".partial")
    try:
        make_private_dir(folder, tighten=True)
        _write_checked_copy(source, partial, progress)
        os.replace(partial, final)
        fsync_dir(folder)
    except (OSError, sqlite3.Error) as exc:
        with contextlib.suppress(OSError):
            partial.unlink()
        raise BackupError(f"The backup could not be written ({exc}); the diary itself is "
                          "unchanged.") from exc
    return BackupInfo(final, taken_at, reason, final.stat().st_size)


def back_up_file(diary_path: Path, reason: str, now: dt.datetime | None = None,
                 progress: Progress | None = None) -> BackupInfo:
    """``make_backup`` through a read-only connection of its own, so it can run on any
    thread while the app keeps writing through its connection: with the write-ahead
    log a reader copies one consistent snapshot and a writer's commits wait for nobody."""
    source = open_read_only(diary_path)
    try:
        return make_backup(source, diary_path, reason, now, progress)
    finally:
        source.close()


def _write_checked_copy(source: sqlite3.Connection, target: Path,
                        progress: Progress | None = None) -> None:
    with contextlib.suppress(FileNotFoundError):
        target.unlink()
    make_private_file(target)
    copy = sqlite3.connect(target, isolation_level=None)
    try:
        source.backup(copy)
        # A backup is one self-contained file: no -wal beside it to lose.
        copy.execute("PRAGMA journal_mode = DELETE")
        _report(progress, 1, 2)
        result = [row[0] for row in copy.execute("PRAGMA integrity_check").fetchall()]
        _report(progress, 2, 2)
    finally:
        copy.close()
    if result != ["ok"]:
        target.unlink()
        raise sqlite3.DatabaseError(f"the copy failed its integrity check: {result[0]}")
    fd = os.open(target, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def rotate(diary_path: Path) -> list[Path]:
    """Delete backups the rotation no longer keeps (7 daily, 4 weekly, 6 monthly, and
    the newest few copies made before a restore or a migration)."""
    infos = list_backups(diary_path)
    keep = copies_to_keep((info.taken_at, info.reason) for info in infos)
    removed = remove_stale_partials(diary_path)
    for info in infos:
        if (info.taken_at, info.reason) not in keep:
            with contextlib.suppress(FileNotFoundError):
                info.path.unlink()
            removed.append(info.path)
    return removed


def remove_stale_partials(diary_path: Path, age: dt.timedelta = STALE_PARTIAL_AGE) -> list[Path]:
    """Delete unfinished copies (and their journals) left by a backup or restore that was
    killed; they were never listed as backups. Recent ones may still be in progress."""
    folder = backups_dir(diary_path)
    if not folder.is_dir():
        return []
    cutoff = dt.datetime.now().timestamp() - age.total_seconds()
    removed = []
    for child in folder.iterdir():
        if ".partial" not in child.name or not child.is_file():
            continue
        with contextlib.suppress(FileNotFoundError):
            if child.stat().st_mtime < cutoff:
                child.unlink()
                removed.append(child)
    return removed


def latest_good_backup(diary_path: Path) -> BackupInfo | None:
    """The newest backup that passes the full check and this app can restore."""
    for info in list_backups(diary_path):
        try:
            health = check_file(info.path)
        except UserError:
            continue
        if health.ok and health.version <= SCHEMA_VERSION:
            return info
    return None


@dataclass(frozen=True)
class RestoreResult:
    """What a restore did: the backup used and where the previous diary was kept."""

    restored_from: Path
    previous_kept_at: Path | None


RESTORE_STEPS = 5


def restore(backup_path: Path, diary_path: Path, now: dt.datetime | None = None,
            progress: Progress | None = None) -> RestoreResult:
    """Replace the diary's contents with ``backup_path``, keeping the current diary first.

    A healthy current diary is backed up (reason ``before-restore``); a damaged
    one, or a file that is not a diary, is moved into ``backups/set-aside/``.
    ``progress`` hears each of the RESTORE_STEPS steps: the backup checked, the
    current diary kept, the backup staged, copied in, and the result checked.
    """
    backup_path = Path(backup_path)
    if diary_path.is_dir():
        raise BackupError(f"{diary_path} is a folder, not a diary file; nothing was changed.")
    if backup_path.resolve() == Path(diary_path).resolve():
        raise BackupError("That file is the diary itself; choose a backup to restore.")
    health = check_file(backup_path)
    if not health.ok:
        raise BackupError(f"{backup_path.name} is damaged ({health.problems[0]}); choose "
                          "another backup. Nothing was changed.")
    if health.version > SCHEMA_VERSION:
        raise BackupError(f"{backup_path.name} was made by a newer version of Nutrient "
                          "Tracker; update the app to restore it. Nothing was changed.")
    _report(progress, 1, RESTORE_STEPS)
    kept = _keep_current(diary_path, now)
    _report(progress, 2, RESTORE_STEPS)
    staging = backups_dir(diary_path) / f".restoring-{os.getpid()}.partial"
    try:
        make_private_file(diary_path)
        target = connect(str(diary_path))
        try:
            _stage(backup_path, staging, int(target.execute("PRAGMA page_size").fetchone()[0]))
            _report(progress, 3, RESTORE_STEPS)
            source = open_read_only(staging)
            try:
                source.backup(target)
            finally:
                source.close()
            migrations.upgrade(target, None)
            _report(progress, 4, RESTORE_STEPS)
            result = [r[0] for r in target.execute("PRAGMA integrity_check").fetchall()]
            _report(progress, 5, RESTORE_STEPS)
        finally:
            target.close()
    except (OSError, sqlite3.Error) as exc:
        raise BackupError(f"The restore failed ({exc}). Your previous diary is kept at "
                          f"{kept or diary_path}.") from exc
    finally:
        with contextlib.suppress(OSError):
            staging.unlink()
    if result != ["ok"]:
        raise BackupError(f"The restored diary failed its check ({result[0]}). Your previous "
                          f"diary is kept at {kept or diary_path}.")
    return RestoreResult(backup_path, kept)


def _stage(backup_path: Path, staging: Path, page_size: int) -> None:
    """Copy the backup into a private file with the diary's page size.

    The backup API cannot write into a write-ahead-logged diary whose page size
    differs from the source's; VACUUM INTO rewrites the pages at the wanted size.
    """
    with contextlib.suppress(FileNotFoundError):
        staging.unlink()
    make_private_file(staging)  # VACUUM INTO accepts an empty file and keeps its mode
    source = open_read_only(backup_path)
    try:
        # query_only would refuse VACUUM INTO, which writes only the staging file.
        source.execute("PRAGMA query_only = OFF")
        source.execute(f"PRAGMA page_size = {page_size}")
        source.execute("VACUUM INTO ?", (str(staging),))
    finally:
        source.close()


def _keep_current(diary_path: Path, now: dt.datetime | None) -> Path | None:
    if not diary_path.exists() or (diary_path.is_file() and diary_path.stat().st_size == 0
                                   and not any(p.exists() for p in side_files(diary_path))):
        return None
    try:
        healthy = check_file(diary_path).ok
    except UserError:
        healthy = False
    if healthy:
        return back_up_file(diary_path, "before-restore", now).path
    return set_aside(diary_path, now)


def set_aside(diary_path: Path, now: dt.datetime | None = None) -> Path:
    """Move a diary that cannot be used (and its -wal/-shm) out of the way, keeping every byte.

    The side files move too: a stale write-ahead log left beside a restored
    diary would be replayed into it.
    """
    folder = backups_dir(diary_path) / SET_ASIDE_DIR_NAME
    try:
        make_private_dir(folder, tighten=True)
        stamp = _utc(now).strftime(_STAMP_FORMAT)
        target = folder / f"{diary_path.name}.{stamp}Z"
        counter = 1
        while target.exists():
            counter += 1
            target = folder / f"{diary_path.name}.{stamp}Z.{counter}"
        os.replace(diary_path, target)
        for side, suffix in zip(side_files(diary_path), side_files(target), strict=True):
            if side.exists():
                os.replace(side, suffix)
        fsync_dir(folder)
        fsync_dir(diary_path.parent)
    except OSError as exc:
        raise BackupError(f"The damaged diary could not be moved aside ({exc.strerror}); "
                          "nothing was changed.") from exc
    return target


def check_diary(diary_path: Path) -> Health:
    """integrity_check, foreign_key_check and a schema comparison, without changing the file."""
    return check_file(diary_path)


def backup_before_migration(conn: sqlite3.Connection, diary_path: Path) -> None:
    """Pass to ``Diary.open``: a checked copy of the diary before its schema changes."""
    make_backup(conn, diary_path, "before-migration")
