"""One window per diary: a lock file next to the diary refuses a second window.

Two windows on one diary would not corrupt it (SQLite locks every write), but
each would show stale days and undo history, so the second one is refused.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QLockFile

SECOND_WINDOW_MESSAGE = (
    "This diary is already open in another Nutrient Tracker window. Switch to that "
    "window, or close it and try again.")


def lock_path(db_path: Path) -> Path:
    return db_path.with_name(db_path.name + ".lock")


def acquire_diary_lock(db_path: Path) -> QLockFile | None:
    """Lock the diary for this window, or None when another live window holds it.

    A lock left by a window that crashed is noticed (its process is gone) and
    taken over. Keep the returned object alive for as long as the window is open.
    """
    # 0700: the folder will hold the diary; mode bits only ever narrow under a umask.
    db_path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    lock = QLockFile(str(lock_path(db_path)))
    # 0: never treat a live window's lock as stale because of its age; a dead
    # process's lock is still detected and removed by tryLock.
    lock.setStaleLockTime(0)
    if lock.tryLock(0):
        return lock
    if lock.error() == QLockFile.LockError.LockFailedError:
        return None
    # The lock file cannot be written (read-only folder): SQLite's own locking
    # still keeps the diary whole, so do not stop the person from working.
    return lock
