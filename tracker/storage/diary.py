"""Opening the diary file: version checks, read-only storage and write transactions."""

from __future__ import annotations

import contextlib
import sqlite3
from collections.abc import Iterator
from pathlib import Path

from tracker.domain.errors import UserError
from tracker.storage import migrations
from tracker.storage.connection import (
    BUSY_TIMEOUT_MS,
    DAMAGED,
    MISSING,
    NEWER,
    NOT_DIARY,
    UNREADABLE,
    DiaryOpenError,
    connect,
    folder_read_only,
    open_read_only,
    primary_code,
    read_only_reason,
    refuse_non_diary,
    set_journal,
)
from tracker.storage.migrations import BeforeMigration
from tracker.storage.private_files import make_private_dir, make_private_file
from tracker.storage.schema import APPLICATION_ID, CURRENT, UserVersion
from tracker.storage.verified_marks import VerifiedMarks

__all__ = ["BUSY_TIMEOUT_MS", "DAMAGED", "MISSING", "NEWER", "NOT_DIARY", "UNREADABLE",
           "Diary", "DiaryBusyError", "DiaryOpenError", "DiaryReadOnlyError",
           "DiaryWriteError", "make_private_dir", "make_private_file"]


class DiaryBusyError(UserError):
    """Another program holds the diary's write lock longer than we wait."""


class DiaryWriteError(UserError):
    """The disk refused a write (full, read-only, failing); nothing was saved."""


class DiaryReadOnlyError(UserError):
    """The diary was opened read-only, so a change was refused before it started."""

    def __init__(self, reason: str) -> None:
        super().__init__(f"the diary is read-only: {reason}; nothing was changed.")
        self.reason = reason


def _busy_error() -> DiaryBusyError:
    return DiaryBusyError("The diary is busy in another program; your entry was not saved yet. "
                          "Try again in a moment.")


def _is_busy(exc: sqlite3.Error) -> bool:
    return primary_code(exc) in (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED) or (
        "locked" in str(exc) or "busy" in str(exc))


def _disk_error(exc: sqlite3.Error) -> UserError | None:
    """The user-facing error for a refused write, or None for a programming error."""
    if _is_busy(exc):
        return _busy_error()
    code = primary_code(exc)
    if code == sqlite3.SQLITE_FULL:
        return DiaryWriteError("The disk is full, so nothing was saved. Free some space and "
                               "save again.")
    if code in (sqlite3.SQLITE_READONLY, sqlite3.SQLITE_PERM, sqlite3.SQLITE_CANTOPEN):
        return DiaryWriteError("The diary file cannot be written (read-only or no permission), "
                               "so nothing was saved.")
    if code in (sqlite3.SQLITE_IOERR, sqlite3.SQLITE_CORRUPT, sqlite3.SQLITE_NOTADB):
        return DiaryWriteError(f"The disk reported an error ({exc}), so nothing was saved. "
                               "Run 'check' from the File menu or the command line.")
    return None


def _raise_friendly(exc: sqlite3.Error) -> None:
    friendly = _disk_error(exc)
    if friendly is not None:
        raise friendly from exc


class Diary:
    """An open diary; ``conn`` is for the repositories in ``tracker.storage`` only.

    ``read_only`` says why the diary cannot be changed (read-only storage, or a
    diary saved by a newer app whose additions this version does not know), or
    is None for a diary that can be written.
    """

    def __init__(self, conn: sqlite3.Connection, path: Path | None,
                 read_only: str | None = None, marks: VerifiedMarks | None = None) -> None:
        self.conn = conn
        self.path = path
        self.read_only = read_only
        # True once a check found this file sound in this session; a diary opened
        # on the strength of a mark is checked after the window paints (see
        # ``services.diary_check``) and only then may be marked again at close.
        self.verified = path is None
        self._marks = marks

    @classmethod
    def open(cls, path: Path | str, *, create: bool = True, check: bool = True,
             before_migration: BeforeMigration | None = None,
             marks: VerifiedMarks | None = None) -> Diary:
        """Open (or create) the diary at ``path``, upgrading its schema if older.

        A file that is not a diary, fails ``quick_check`` (when ``check``), or is
        from a newer major version is refused with DiaryOpenError and left
        untouched. A diary on read-only storage, or from a newer minor version,
        opens read-only. ``before_migration`` runs before an existing diary is
        upgraded (the app makes a backup there); if it raises, nothing changes.
        With ``marks``, a file this app checked and closed cleanly, unchanged
        since, skips the check here; ``verified`` then stays False for the caller
        to check it later.
        """
        target = Path(path)
        # Before SQLite opens it: the first read of a WAL diary creates its -wal file.
        trusted = marks is not None and marks.matches(target)
        if target.exists():
            refuse_non_diary(target)
            reason = read_only_reason(target)
            if reason is not None:
                return cls._open_read_only(target, reason, check)
        elif not create:
            raise DiaryOpenError(f"There is no diary at {target}.", MISSING)
        try:
            make_private_file(target)
            conn = connect(str(target), journal=False)
        except (OSError, sqlite3.Error) as exc:
            raise DiaryOpenError(f"{target} cannot be opened ({exc}); it was left untouched.",
                                 UNREADABLE) from exc
        try:
            # Identity and damage are checked before switching to WAL, because
            # that switch writes the file's header.
            stored = _check_identity(conn, target)
            if check and not trusted:
                _quick_check(conn, target)
            if stored > CURRENT:
                conn.close()
                return cls._open_read_only(target, _newer_reason(target, stored), check=False)
            set_journal(conn)
            migrations.upgrade(conn, target, before=before_migration)
        except sqlite3.Error as exc:
            conn.close()
            if _is_busy(exc):
                raise _busy_error() from exc
            if primary_code(exc) in (sqlite3.SQLITE_READONLY, sqlite3.SQLITE_PERM):
                # Storage that says it is writable but refuses writes all the same.
                return cls._open_read_only(target, f"the disk refused to write to {target}",
                                           check)
            raise DiaryOpenError(f"{target} could not be opened as a diary ({exc}); it was "
                                 "left untouched.", DAMAGED) from exc
        except BaseException:
            conn.close()
            raise
        diary = cls(conn, target, marks=marks)
        diary.verified = check and not trusted
        return diary

    def distrust(self) -> None:
        """A later check found damage: the next open must check before anything is written."""
        self.verified = False
        if self._marks is not None and self.path is not None:
            self._marks.forget(self.path)

    @classmethod
    def _open_read_only(cls, target: Path, reason: str, check: bool) -> Diary:
        try:
            conn = open_read_only(target, folder_read_only=folder_read_only(target))
        except sqlite3.Error as exc:
            raise DiaryOpenError(f"{target} cannot be read ({exc}); it was left untouched.",
                                 UNREADABLE) from exc
        try:
            conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
            stored = _check_identity(conn, target)
            if stored == UserVersion(0, 0):
                raise DiaryOpenError(f"{target} is empty and cannot be written ({reason}), so "
                                     "no diary can be made there.", UNREADABLE)
            if check:
                _quick_check(conn, target)
            if stored < CURRENT:
                raise DiaryOpenError(
                    f"{target} was saved by an older version of Nutrient Tracker and must be "
                    f"upgraded before it can be shown, but {reason}. Make it writable and "
                    "open it again; it was left untouched.", UNREADABLE)
            if stored > CURRENT:
                reason = _newer_reason(target, stored)
        except sqlite3.Error as exc:
            conn.close()
            raise DiaryOpenError(f"{target} could not be opened as a diary ({exc}); it was "
                                 "left untouched.", DAMAGED) from exc
        except BaseException:
            conn.close()
            raise
        return cls(conn, target, reason)

    @classmethod
    def in_memory(cls) -> Diary:
        conn = connect(":memory:")
        migrations.upgrade(conn, None)
        return cls(conn, None)

    @contextlib.contextmanager
    def write(self) -> Iterator[sqlite3.Connection]:
        """One user action = one ``BEGIN IMMEDIATE`` transaction, all or nothing.

        A busy file, a full disk or a read-only file raise a UserError after the
        transaction is rolled back, so the caller keeps the user's input.
        """
        if self.read_only is not None:
            raise DiaryReadOnlyError(self.read_only)
        try:
            self.conn.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError as exc:
            _raise_friendly(exc)
            raise
        try:
            yield self.conn
        except BaseException as exc:
            self._rollback()
            friendly = _disk_error(exc) if isinstance(exc, sqlite3.OperationalError) else None
            if friendly is not None:
                raise friendly from exc
            raise
        try:
            self.conn.execute("COMMIT")
        except sqlite3.Error as exc:
            self._rollback()
            _raise_friendly(exc)
            raise

    def _rollback(self) -> None:
        # SQLite rolls back by itself after some errors (a full disk, for one).
        if self.conn.in_transaction:
            with contextlib.suppress(sqlite3.Error):
                self.conn.execute("ROLLBACK")

    def schema_version(self) -> int:
        """The stored ``user_version`` (major << 16 | minor)."""
        return int(self.conn.execute("PRAGMA user_version").fetchone()[0])

    def close(self) -> None:
        if self.read_only is None:
            with contextlib.suppress(sqlite3.Error):
                self.conn.execute("PRAGMA optimize")
        self.conn.close()
        # Unchecked this session, the mark stays as it was: if anything was written
        # the file's identity no longer matches it, and the next open checks first.
        if self._marks is not None and self.path is not None and self.verified:
            self._marks.record(self.path)

    def __enter__(self) -> Diary:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


# SQLite's answers when the disk, not the file, is at fault.
_DISK_REFUSED = (sqlite3.SQLITE_IOERR, sqlite3.SQLITE_FULL, sqlite3.SQLITE_CANTOPEN,
                 sqlite3.SQLITE_PERM)


def _disk_refused(path: Path, exc: sqlite3.Error) -> DiaryOpenError:
    # The disk refused (full, over a quota, failing, no permission): the file
    # may be sound, so this is no reason to offer a backup over it.
    return DiaryOpenError(
        f"{path} could not be read from the disk ({exc}). The disk may be full, over its "
        "quota or failing; the diary was left untouched. Free some space or check the "
        "disk, then open it again.", UNREADABLE)


def _newer_reason(path: Path, stored: UserVersion) -> str:
    return (f"{path} was saved by a newer version of Nutrient Tracker (diary format "
            f"{stored}; this version writes {CURRENT}). Update the app to change it")


def _check_identity(conn: sqlite3.Connection, path: Path) -> UserVersion:
    """The diary's format version; refuses a foreign file or one of a newer major version."""
    try:
        app_id = conn.execute("PRAGMA application_id").fetchone()[0]
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        tables = conn.execute("SELECT count(*) FROM sqlite_schema").fetchone()[0]
    except sqlite3.DatabaseError as exc:
        if primary_code(exc) in _DISK_REFUSED:
            raise _disk_refused(path, exc) from exc
        raise DiaryOpenError(f"{path} cannot be read as a diary ({exc}); it was left "
                             "untouched. Restore a backup to continue.", DAMAGED) from exc
    if app_id == 0 and tables == 0:
        return UserVersion(0, 0)  # brand new file
    if app_id != APPLICATION_ID:
        raise DiaryOpenError(f"{path} is an SQLite file but not a Nutrient Tracker diary; "
                             "it was left untouched.", NOT_DIARY)
    stored = UserVersion.from_int(int(version))
    if stored.major > CURRENT.major:
        raise DiaryOpenError(
            f"{path} was written by a newer version of Nutrient Tracker (diary format "
            f"{stored}, this version reads {CURRENT.major}.x up to {CURRENT}). Update the app; "
            "the diary was left untouched.", NEWER)
    return stored


def _quick_check(conn: sqlite3.Connection, path: Path) -> None:
    try:
        rows = [r[0] for r in conn.execute("PRAGMA quick_check").fetchall()]
    except sqlite3.DatabaseError as exc:
        if primary_code(exc) in _DISK_REFUSED:
            raise _disk_refused(path, exc) from exc
        rows = [str(exc)]
    if rows != ["ok"]:
        raise DiaryOpenError(f"{path} is damaged ({rows[0]}); it was left untouched. "
                             "Restore a backup to continue.", DAMAGED)
