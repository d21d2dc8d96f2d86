"""Opening the diary file: permissions, pragmas, version checks and write transactions."""

from __future__ import annotations

import contextlib
import os
import sqlite3
from collections.abc import Iterator
from pathlib import Path

from tracker.domain.errors import UserError
from tracker.storage import migrations
from tracker.storage.schema import APPLICATION_ID, SCHEMA_VERSION

BUSY_TIMEOUT_MS = 5000


class DiaryBusyError(UserError):
    """Another program holds the diary's write lock longer than we wait."""


class DiaryOpenError(UserError):
    """The file cannot be used as a diary (not a diary, damaged, or newer)."""


def make_private_file(path: Path) -> None:
    """Create ``path`` (and its folder) readable by the owner only, whatever the umask.

    SQLite gives the -wal and -shm files the database file's mode, so creating
    the main file as 0600 before SQLite opens it keeps all three private.
    """
    make_private_dir(path.parent)
    if not path.exists():
        fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
        os.close(fd)
    os.chmod(path, 0o600)


def make_private_dir(folder: Path) -> None:
    if not folder.exists():
        folder.mkdir(parents=True, mode=0o700)
        os.chmod(folder, 0o700)


class Diary:
    """An open diary; ``conn`` is for the repositories in ``tracker.storage`` only."""

    def __init__(self, conn: sqlite3.Connection, path: Path | None) -> None:
        self.conn = conn
        self.path = path

    @classmethod
    def open(cls, path: Path | str, *, create: bool = True) -> Diary:
        """Open (or create) the diary at ``path``, upgrading its schema if older.

        A file that is not a diary, or from a newer app version, is refused and
        left untouched.
        """
        target = Path(path)
        if target.exists():
            _refuse_non_diary(target)
        elif not create:
            raise DiaryOpenError(f"There is no diary at {target}.")
        make_private_file(target)
        conn = _connect(str(target))
        try:
            _check_identity(conn, target)
            migrations.upgrade(conn, target)
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
        """One user action = one ``BEGIN IMMEDIATE`` transaction, all or nothing."""
        try:
            self.conn.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError as exc:
            if "locked" in str(exc) or "busy" in str(exc):
                raise DiaryBusyError(
                    "The diary is busy in another program; your entry was not saved yet. "
                    "Try again in a moment.") from exc
            raise
        try:
            yield self.conn
        except BaseException:
            self.conn.execute("ROLLBACK")
            raise
        else:
            self.conn.execute("COMMIT")

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


def _connect(name: str) -> sqlite3.Connection:
    # isolation_level=None: we issue BEGIN/COMMIT ourselves, so Python's
    # sqlite3 never opens a transaction behind our back.
    conn = sqlite3.connect(name, isolation_level=None, check_same_thread=False,
                           timeout=BUSY_TIMEOUT_MS / 1000)
    conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    conn.execute("PRAGMA foreign_keys = ON")
    if name != ":memory:":
        mode = conn.execute("PRAGMA journal_mode = WAL").fetchone()[0]
        if str(mode).lower() != "wal":
            conn.close()
            raise DiaryOpenError("The diary's folder does not allow SQLite's write-ahead log.")
    conn.execute("PRAGMA synchronous = FULL")
    return conn


def _refuse_non_diary(path: Path) -> None:
    if path.is_dir():
        raise DiaryOpenError(f"{path} is a folder, not a diary file.")
    size = path.stat().st_size
    if size == 0:
        return
    with path.open("rb") as handle:
        header = handle.read(16)
    if header != b"SQLite format 3\x00":
        raise DiaryOpenError(f"{path} is not a Nutrient Tracker diary (not an SQLite file); "
                             "it was left untouched.")


def _check_identity(conn: sqlite3.Connection, path: Path) -> None:
    try:
        app_id = conn.execute("PRAGMA application_id").fetchone()[0]
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        tables = conn.execute("SELECT count(*) FROM sqlite_schema").fetchone()[0]
    except sqlite3.DatabaseError as exc:
        raise DiaryOpenError(f"{path} cannot be read as a diary ({exc}); it was left "
                             "untouched. Restore a backup to continue.") from exc
    if app_id == 0 and tables == 0:
        return  # brand new file
    if app_id != APPLICATION_ID:
        raise DiaryOpenError(f"{path} is an SQLite file but not a Nutrient Tracker diary; "
                             "it was left untouched.")
    if version > SCHEMA_VERSION:
        raise DiaryOpenError(
            f"{path} was written by a newer version of Nutrient Tracker (diary format "
            f"{version}, this version reads up to {SCHEMA_VERSION}). Update the app; the "
            "diary was left untouched.")
