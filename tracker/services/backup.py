"""Use cases that keep the diary safe: back up, restore, check, find a good backup.

``restore``, ``check`` and ``latest_good_backup`` take a path rather than a
Context because they must work on a diary that cannot be opened.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from tracker.domain.errors import UserError
from tracker.domain.rotation import backup_due
from tracker.services.context import Context
from tracker.storage import backups
from tracker.storage.backups import BackupInfo, RestoreResult
from tracker.storage.diary import DAMAGED, MISSING, NEWER, NOT_DIARY, UNREADABLE, DiaryOpenError
from tracker.storage.health import Health

# The window's recovery dialog words its offer by DiaryOpenError.reason.
__all__ = ["DAMAGED", "MISSING", "NEWER", "NOT_DIARY", "UNREADABLE", "BackupInfo",
           "DiaryOpenError", "Health", "RestoreResult", "backup_if_due", "backup_now",
           "backup_on_quit", "check", "latest_good_backup", "list_backups", "restore"]


def _diary_path(ctx: Context) -> Path:
    if ctx.diary.path is None:
        raise UserError("This diary exists only in memory, so it has no backups.")
    return ctx.diary.path


def backup_now(ctx: Context, reason: str = "manual",
               now: dt.datetime | None = None) -> BackupInfo:
    """Back up the open diary now, then drop backups the rotation no longer keeps."""
    path = _diary_path(ctx)
    info = backups.make_backup(ctx.diary.conn, path, reason, now)
    backups.rotate(path)
    return info


def backup_if_due(ctx: Context, now: dt.datetime | None = None) -> BackupInfo | None:
    """At start: back up when the newest backup is a day old or more (or there is none)."""
    path = _diary_path(ctx)
    moment = now or dt.datetime.now(dt.UTC)
    existing = backups.list_backups(path)
    if not backup_due(existing[0].taken_at if existing else None, moment):
        return None
    return backup_now(ctx, "daily", moment)


def backup_on_quit(ctx: Context, now: dt.datetime | None = None) -> BackupInfo | None:
    """On quit: back up, so the day's entries (from the window or the command line) are kept."""
    if ctx.diary.path is None:
        return None
    return backup_now(ctx, "quit", now)


def list_backups(db_path: Path) -> list[BackupInfo]:
    """The diary's backups, newest first."""
    return backups.list_backups(Path(db_path))


def latest_good_backup(db_path: Path) -> BackupInfo | None:
    return backups.latest_good_backup(Path(db_path))


def check(db_path: Path) -> Health:
    """Check the diary file without opening it for writing; DiaryOpenError if not a diary."""
    return backups.check_diary(Path(db_path))


def restore(db_path: Path, backup_path: Path,
            now: dt.datetime | None = None) -> RestoreResult:
    """Put ``backup_path``'s contents into the diary; the current diary is kept first."""
    return backups.restore(Path(backup_path), Path(db_path), now)
