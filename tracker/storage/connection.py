"""What every module that opens a diary file shares: connections, the header check,
read-only detection and the reasons a file cannot be used as a diary.

The diary (``diary.py``), its checks (``safety/health.py``) and its backups
(``safety/backups.py``) all build on this module; it imports none of them.
"""

from __future__ import annotations

import os
import sqlite3
import stat
from pathlib import Path

from tracker.domain.errors import UserError
from tracker.storage.private_files import side_files
from tracker.storage.schema import APPLICATION_ID

BUSY_TIMEOUT_MS = 5000
SQLITE_HEADER = b"SQLite format 3\x00"
# Where SQLite keeps PRAGMA application_id in the file header (big-endian).
_APPLICATION_ID_OFFSET = 68
# A diary's schema pages name its tables; a file whose header was overwritten still has them.
_DIARY_MARKERS = (b"CREATE TABLE food_entry", b"CREATE TABLE water_entry")
_MARKER_SCAN_BYTES = 1024 * 1024

# Why a diary could not be opened; the recovery dialog and ``check`` word their offer by these.
NOT_DIARY = "not_diary"
DAMAGED = "damaged"
NEWER = "newer"
MISSING = "missing"
UNREADABLE = "unreadable"


class DiaryOpenError(UserError):
    """The file cannot be used as a diary (not a diary, damaged, newer, missing, unreadable).

    ``reason`` is one of NOT_DIARY, DAMAGED, NEWER, MISSING or UNREADABLE.
    """

    def __init__(self, message: str, reason: str = DAMAGED) -> None:
        super().__init__(message)
        self.reason = reason


def primary_code(exc: sqlite3.Error) -> int:
    return int(getattr(exc, "sqlite_errorcode", 0) or 0) & 0xFF


def connect(name: str, *, journal: bool = True) -> sqlite3.Connection:
    """A read-write connection with the diary's pragmas (WAL and full sync when ``journal``)."""
    # isolation_level=None: we issue BEGIN/COMMIT ourselves, so Python's
    # sqlite3 never opens a transaction behind our back.
    conn = sqlite3.connect(name, isolation_level=None, check_same_thread=False,
                           timeout=BUSY_TIMEOUT_MS / 1000)
    try:
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        conn.execute("PRAGMA foreign_keys = ON")
        if journal:
            set_journal(conn)
    except BaseException:
        conn.close()
        raise
    return conn


def set_journal(conn: sqlite3.Connection) -> None:
    if conn.execute("PRAGMA database_list").fetchone()[2]:  # not an in-memory diary
        mode = conn.execute("PRAGMA journal_mode = WAL").fetchone()[0]
        if str(mode).lower() != "wal":
            raise DiaryOpenError("The diary's folder does not allow SQLite's write-ahead "
                                 "log; keep the diary on a local disk.", UNREADABLE)
    # FULL: a commit the app reported is on the disk even after a power cut.
    conn.execute("PRAGMA synchronous = FULL")


def _uri(path: Path, **params: str) -> str:
    query = "&".join(f"{key}={value}" for key, value in params.items())
    return f"{path.absolute().as_uri()}?{query}"


def open_read_only(path: Path, *, folder_read_only: bool = False) -> sqlite3.Connection:
    """A connection whose statements cannot change ``path``.

    A process killed mid-transaction leaves a hot journal that only a writable
    connection may roll back; SQLite does that on open, completing the crashed
    transaction's undo, and ``query_only`` still forbids any other change. On
    read-only storage a write-ahead-logged file cannot get its shared-memory
    index, so one without a pending log is opened as immutable; so is one in a
    read-only folder (``folder_read_only``), where nobody can write it and where
    even an administrator's index file would be litter.
    """
    path = Path(path)
    if folder_read_only and not _pending_log(path):
        return _query_only(_uri(path, mode="ro", immutable="1"))
    try:
        conn = _query_only(_uri(path, mode="ro"))
    except sqlite3.Error as exc:
        code = primary_code(exc)
        if code == sqlite3.SQLITE_READONLY:
            conn = _query_only(str(path), uri=False)
        elif code == sqlite3.SQLITE_CANTOPEN and path.is_file() and not _pending_log(path):
            conn = _query_only(_uri(path, mode="ro", immutable="1"))
        else:
            raise
    return conn


def _query_only(name: str, uri: bool = True) -> sqlite3.Connection:
    conn = sqlite3.connect(name, uri=uri, isolation_level=None, check_same_thread=False,
                           timeout=BUSY_TIMEOUT_MS / 1000)
    try:
        conn.execute("PRAGMA query_only = ON")
        conn.execute("PRAGMA foreign_keys = ON")
        conn.execute("PRAGMA user_version").fetchone()
    except BaseException:
        conn.close()
        raise
    return conn


def _pending_log(path: Path) -> bool:
    wal = side_files(path)[0]
    try:
        return wal.stat().st_size > 0
    except FileNotFoundError:
        return False


def refuse_non_diary(path: Path) -> None:
    """Raise DiaryOpenError unless ``path`` is empty or starts like an SQLite file.

    A file whose SQLite header is overwritten but that still holds the diary's
    tables (or its application id) is a damaged diary, not a foreign file.
    """
    if path.is_dir():
        raise DiaryOpenError(f"{path} is a folder, not a diary file.", NOT_DIARY)
    try:
        size = path.stat().st_size
        with path.open("rb") as handle:
            start = handle.read(_MARKER_SCAN_BYTES) if size else b""
    except OSError as exc:
        raise DiaryOpenError(f"{path} cannot be read ({exc.strerror}); it was left "
                             "untouched.", UNREADABLE) from exc
    if size == 0 or start.startswith(SQLITE_HEADER):
        return
    if _looks_like_diary(start):
        raise DiaryOpenError(f"{path} is damaged (its file header is broken); it was left "
                             "untouched. Restore a backup to continue.", DAMAGED)
    raise DiaryOpenError(f"{path} is not a Nutrient Tracker diary (not an SQLite file); "
                         "it was left untouched.", NOT_DIARY)


def _looks_like_diary(start: bytes) -> bool:
    app_id = start[_APPLICATION_ID_OFFSET:_APPLICATION_ID_OFFSET + 4]
    if app_id == APPLICATION_ID.to_bytes(4, "big"):
        return True
    return all(marker in start for marker in _DIARY_MARKERS)


def folder_read_only(path: Path) -> bool:
    """Whether nothing can be created beside ``path`` (read-only disk or folder)."""
    folder = path.parent
    try:
        return bool(os.statvfs(folder).f_flag & os.ST_RDONLY) or not (
            folder.stat().st_mode & stat.S_IWUSR and os.access(folder, os.W_OK))
    except OSError:
        return True


def read_only_reason(path: Path) -> str | None:
    """Why the diary at ``path`` (which exists) cannot be written, or None if it can.

    Mode bits count even for an administrator, who may write anything: a person
    who made their diary read-only meant it.
    """
    folder = path.parent
    try:
        if os.statvfs(folder).f_flag & os.ST_RDONLY:
            return f"{path} is on a read-only disk"
        mode = path.stat().st_mode
        if not mode & stat.S_IWUSR or not os.access(path, os.W_OK):
            return f"the file {path} is read-only"
        if not folder.stat().st_mode & stat.S_IWUSR or not os.access(folder, os.W_OK):
            return f"its folder {folder} is read-only"
    except OSError as exc:
        return f"{path} cannot be checked for writing ({exc.strerror})"
    return None
