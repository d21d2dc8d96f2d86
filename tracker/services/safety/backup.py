"""Use cases that keep the diary safe: back up, restore, check, find a good backup.

``restore``, ``check`` and ``latest_good_backup`` take a path rather than a
Context because they must work on a diary that cannot be opened.
"""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass
from pathlib import Path

from tracker import config
from tracker.domain.errors import UserError
from tracker.domain.rotation import backup_due
from tracker.services.context import Context
from tracker.storage.connection import (
    DAMAGED,
    MISSING,
    NEWER,
    NOT_DIARY,
    UNREADABLE,
    DiaryOpenError,
)
from tracker.storage.private_files import make_private_dir
from tracker.storage.safety import backups
from tracker.storage.safety.backups import BackupInfo, Progress, RestoreResult
from tracker.storage.safety.health import Health

# The window's recovery dialog words its offer by DiaryOpenError.reason.
__all__ = ["DAMAGED", "FINE", "MISSING", "NEWER", "NOT_DIARY", "UNREADABLE", "BackupInfo",
           "CheckOutcome", "DiaryOpenError", "Health", "RestoreResult", "backup_if_due",
           "backup_now", "backup_offer", "backup_on_quit", "check", "check_and_report",
           "latest_good_backup", "list_backups", "restore"]


def _diary_path(ctx: Context) -> Path:
    if ctx.diary.path is None:
        raise UserError("This diary exists only in memory, so it has no backups.")
    return ctx.diary.path


def backup_now(ctx: Context, reason: str = "manual", now: dt.datetime | None = None,
               progress: Progress | None = None) -> BackupInfo:
    """Back up the open diary now, then drop backups the rotation no longer keeps.

    The copy is read through a connection of its own, so this may run on a worker
    thread while the window goes on saving entries."""
    path = _diary_path(ctx)
    info = backups.back_up_file(path, reason, now, progress)
    backups.rotate(path)
    return info


def backup_if_due(ctx: Context, now: dt.datetime | None = None) -> BackupInfo | None:
    """At start: back up when the newest backup is a day old or more (or there is none).

    A read-only diary cannot change, so it gets no daily copies beside it."""
    if ctx.diary.read_only is not None:
        return None
    path = _diary_path(ctx)
    moment = now or dt.datetime.now(dt.UTC)
    existing = backups.list_backups(path)
    if not backup_due(existing[0].taken_at if existing else None, moment):
        return None
    return backup_now(ctx, "daily", moment)


def backup_on_quit(ctx: Context, now: dt.datetime | None = None,
                   progress: Progress | None = None) -> BackupInfo | None:
    """On quit: back up, so the day's entries (from the window or the command line) are kept."""
    if ctx.diary.path is None or ctx.diary.read_only is not None:
        return None
    return backup_now(ctx, "quit", now, progress)


def list_backups(db_path: Path) -> list[BackupInfo]:
    """The diary's backups, newest first."""
    return backups.list_backups(Path(db_path))


def latest_good_backup(db_path: Path) -> BackupInfo | None:
    return backups.latest_good_backup(Path(db_path))


def check(db_path: Path) -> Health:
    """Check the diary file without opening it for writing; DiaryOpenError if not a diary."""
    return backups.check_diary(Path(db_path))


def restore(db_path: Path, backup_path: Path, now: dt.datetime | None = None,
            progress: Progress | None = None) -> RestoreResult:
    """Put ``backup_path``'s contents into the diary; the current diary is kept first."""
    return backups.restore(Path(backup_path), Path(db_path), now, progress)


FINE = "fine"
CHECK_LOG_NAME = "check.log"
# The check log keeps the details a short message leaves out; it is replaced by a
# fresh one once it grows past this, keeping one older copy.
_CHECK_LOG_MAX_BYTES = 256 * 1024


@dataclass(frozen=True)
class CheckOutcome:
    """What ``check`` found, worded for a person: ``state`` is "fine", DAMAGED, or one of
    the reasons the file is no diary this app can check (NOT_DIARY, UNREADABLE, MISSING).

    ``message`` is one or two short sentences; ``details`` (every problem found) are
    written to ``log_path`` instead of the screen. ``good`` is the backup to offer.
    """

    path: Path
    state: str
    message: str
    details: tuple[str, ...] = ()
    log_path: Path | None = None
    good: BackupInfo | None = None

    @property
    def ok(self) -> bool:
        return self.state == FINE


def check_and_report(db_path: Path, now: dt.datetime | None = None) -> CheckOutcome:
    """Check the diary without changing it; log the details of any damage; find the
    latest good backup to offer whenever the diary is not fine."""
    path = Path(db_path)
    try:
        health = backups.check_diary(path)
    except DiaryOpenError as exc:
        state = DAMAGED if exc.reason == DAMAGED else exc.reason
        log = write_check_log(path, (exc.message,), now) if state == DAMAGED else None
        return CheckOutcome(path, state, exc.message, (exc.message,), log,
                            backups.latest_good_backup(path))
    if health.ok:
        return CheckOutcome(path, FINE, f"The diary {path} is fine.")
    count = len(health.problems)
    log = write_check_log(path, health.problems, now)
    found = "1 problem" if count == 1 else f"{count} problems"
    return CheckOutcome(path, DAMAGED, f"The diary {path} is damaged ({found} found; the "
                        f"details are in {log}).", health.problems, log,
                        backups.latest_good_backup(path))


def backup_offer(outcome: CheckOutcome) -> str:
    """One sentence offering the latest good backup, or saying there is none."""
    good = outcome.good
    if good is None:
        return "No good backup was found next to it."
    when = good.taken_at.astimezone().strftime("%Y-%m-%d %H:%M")
    return (f"The latest good backup is {good.path} ({when}); restore it with "
            f"'nutrient-tracker restore {good.path}'.")


def write_check_log(db_path: Path, details: tuple[str, ...],
                    now: dt.datetime | None = None) -> Path:
    """Append what a check found to the check log (owner-only); returns the log's path."""
    folder = config.log_dir()
    log = folder / CHECK_LOG_NAME
    stamp = (now or dt.datetime.now(dt.UTC)).astimezone().isoformat(timespec="seconds")
    text = "".join([f"{stamp} check of {db_path}: {len(details)} problem(s)\n",
                    *(f"  {line}\n" for line in details)])
    try:
        make_private_dir(folder)
        if log.exists() and log.stat().st_size > _CHECK_LOG_MAX_BYTES:
            os.replace(log, log.with_name(CHECK_LOG_NAME + ".1"))
        fd = os.open(log, os.O_WRONLY | os.O_CREAT | os.O_APPEND | os.O_CLOEXEC, 0o600)
        with os.fdopen(fd, "a", encoding="utf-8") as handle:
            handle.write(text)
    except OSError as exc:
        raise UserError(f"The check found damage, but its log {log} could not be written "
                        f"({exc.strerror}).") from exc
    return log
