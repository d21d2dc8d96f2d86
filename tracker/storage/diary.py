"""Opening the diary file: permissions, pragmas, version checks and write transactions."""

from __future__ import annotations

import contextlib
import sqlite3
from collections.abc import Iterator
from pathlib import Path

from tracker.domain.errors import UserError
from tracker.storage import backups as _backups
from tracker.storage import migrations
from tracker.storage.private_files import make_private_dir, make_private_file
from tracker.storage.schema import APPLICATION_ID, SCHEMA_VERSION

__all__ = ["Diary", "DiaryBusyError", "DiaryOpenError", "DiaryWriteError",
           "make_private_dir", "make_private_file", "BUSY_TIMEOUT_MS"]

# Importing backups registers the backup that precedes every schema migration.
assert _backups.backup_before_migration in migrations.before_migration

BUSY_TIMEOUT_MS = 5000
SQLITE_HEADER = b"SQLite format 3\x00"

# Why a diary could not be opened; the recovery dialog words its offer by these.
NOT_DIARY = "not_diary"
DAMAGED = "damaged"
NEWER = "newer"
MISSING = "missing"
UNREADABLE = "unreadable"


class DiaryBusyError(UserError):
    """Another program holds the diary's write lock longer than we wait."""


class DiaryWriteError(UserError):
    """The disk refused a write (full, read-only, failing); nothing was saved."""


class DiaryOpenError(UserError):
    """The file cannot be used as a diary (not a diary, damaged, or newer).

    ``reason`` is one of NOT_DIARY, DAMAGED, NEWER, MISSING or UNREADABLE.
    """

    def __init__(self, message: str, reason: str = DAMAGED) -> None:
        super().__init__(message)
        self.reason = reason


def _busy_error() -> DiaryBusyError:
    return DiaryBusyError("The diary is busy in another program; your entry was not saved yet. "
                          "Try again in a moment.")


def _primary_code(exc: sqlite3.Error) -> int:
    return int(getattr(exc, "sqlite_errorcode", 0) or 0) & 0xFF


def _is_busy(exc: sqlite3.Error) -> bool:
    return _primary_code(exc) in (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED) or (
        "locked" in str(exc) or "busy" in str(exc))


def _disk_error(exc: sqlite3.Error) -> UserError | None:
    """The user-facing error for a refused write, or None for a programming error."""
    if _is_busy(exc):
        return _busy_error()
    code = _primary_code(exc)
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
    """An open diary; ``conn`` is for the repositories in ``tracker.storage`` only."""

    def __init__(self, conn: sqlite3.Connection, path: Path | None) -> None:
        self.conn = conn
        self.path = path

    @classmethod
    def open(cls, path: Path | str, *, create: bool = True, check: bool = True) -> Diary:
        """Open (or create) the diary at ``path``, upgrading its schema if older.

        A file that is not a diary, fails ``quick_check`` (when ``check``), or is
        from a newer app version is refused with DiaryOpenError and left untouched.
        """
        target = Path(path)
        if target.exists():
            _refuse_non_diary(target)
        elif not create:
            raise DiaryOpenError(f"There is no diary at {target}.", MISSING)
        try:
            make_private_file(target)
            conn = _connect(str(target), journal=False)
        except (OSError, sqlite3.Error) as exc:
            raise DiaryOpenError(f"{target} cannot be opened ({exc}); it was left untouched.",
                                 UNREADABLE) from exc
        try:
            # Identity and damage are checked before switching to WAL, because
            # that switch writes the file's header.
            _check_identity(conn, target)
            if check:
                _quick_check(conn, target)
            _set_journal(conn)
            migrations.upgrade(conn, target)
        except sqlite3.Error as exc:
            conn.close()
            if _is_busy(exc):
                raise _busy_error() from exc
            raise DiaryOpenError(f"{target} could not be opened as a diary ({exc}); it was "
                                 "left untouched.", DAMAGED) from exc
        except BaseException:
            conn.close()
            raise
        return cls(conn, target)

    @classmethod
    def in_memory(cls) -> Diary:
        conn = _connect(":memory:")
        migrations.upgrade(conn, None)
        return cls(conn, None)

    @contextlib.contextmanager
    def write(self) -> Iterator[sqlite3.Connection]:
        """One user action = one ``BEGIN IMMEDIATE`` transaction, all or nothing.

        A busy file, a full disk or a read-only file raise a UserError after the
        transaction is rolled back, so the caller keeps the user's input.
        """
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
        return int(self.conn.execute("PRAGMA user_version").fetchone()[0])

    def close(self) -> None:
        with contextlib.suppress(sqlite3.Error):
            self.conn.execute("PRAGMA optimize")
        self.conn.close()

    def __enter__(self) -> Diary:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _connect(name: str, *, journal: bool = True) -> sqlite3.Connection:
    # isolation_level=None: we issue BEGIN/COMMIT ourselves, so Python's
    # sqlite3 never opens a transaction behind our back.
    conn = sqlite3.connect(name, isolation_level=None, check_same_thread=False,
                           timeout=BUSY_TIMEOUT_MS / 1000)
    try:
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        conn.execute("PRAGMA foreign_keys = ON")
        if journal:
            _set_journal(conn)
    except BaseException:
        conn.close()
        raise
    return conn


def _set_journal(conn: sqlite3.Connection) -> None:
    if conn.execute("PRAGMA database_list").fetchone()[2]:  # not an in-memory diary
        mode = conn.execute("PRAGMA journal_mode = WAL").fetchone()[0]
        if str(mode).lower() != "wal":
            raise DiaryOpenError("The diary's folder does not allow SQLite's write-ahead "
                                 "log; keep the diary on a local disk.", UNREADABLE)
    # FULL: a commit the app reported is on the disk even after a power cut.
    conn.execute("PRAGMA synchronous = FULL")


def read_header(path: Path) -> bytes:
    with path.open("rb") as handle:
        return handle.read(len(SQLITE_HEADER))


def _refuse_non_diary(path: Path) -> None:
    if path.is_dir():
        raise DiaryOpenError(f"{path} is a folder, not a diary file.", NOT_DIARY)
    try:
        size = path.stat().st_size
        header = read_header(path) if size else b""
    except OSError as exc:
        raise DiaryOpenError(f"{path} cannot be read ({exc.strerror}).", UNREADABLE) from exc
    if size == 0:
        return
    if header != SQLITE_HEADER:
        raise DiaryOpenError(f"{path} is not a Nutrient Tracker diary (not an SQLite file); "
                             "it was left untouched.", NOT_DIARY)


def _check_identity(conn: sqlite3.Connection, path: Path) -> None:
    try:
        app_id = conn.execute("PRAGMA application_id").fetchone()[0]
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        tables = conn.execute("SELECT count(*) FROM sqlite_schema").fetchone()[0]
    except sqlite3.DatabaseError as exc:
        raise DiaryOpenError(f"{path} cannot be read as a diary ({exc}); it was left "
                             "untouched. Restore a backup to continue.", DAMAGED) from exc
    if app_id == 0 and tables == 0:
        return  # brand new file
    if app_id != APPLICATION_ID:
        raise DiaryOpenError(f"{path} is an SQLite file but not a Nutrient Tracker diary; "
                             "it was left untouched.", NOT_DIARY)
    if version > SCHEMA_VERSION:
        raise DiaryOpenError(
            f"{path} was written by a newer version of Nutrient Tracker (diary format "
            f"{version}, this version reads up to {SCHEMA_VERSION}). Update the app; the "
            "diary was left untouched.", NEWER)


def _quick_check(conn: sqlite3.Connection, path: Path) -> None:
    try:
        rows = [r[0] for r in conn.execute("PRAGMA quick_check").fetchall()]
    except sqlite3.DatabaseError as exc:
        rows = [str(exc)]
    if rows != ["ok"]:
        raise DiaryOpenError(f"{path} is damaged ({rows[0]}); it was left untouched. "
                             "Restore a backup to continue.", DAMAGED)
