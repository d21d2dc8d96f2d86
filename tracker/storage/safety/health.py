"""Checking a diary or backup file without changing it: integrity, references, schema."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from pathlib import Path

from tracker.storage.connection import (
    MISSING,
    NOT_DIARY,
    UNREADABLE,
    DiaryOpenError,
    folder_read_only,
    open_read_only,
    primary_code,
    refuse_non_diary,
)
from tracker.storage.schema import APPLICATION_ID, MIGRATIONS, steps_of

__all__ = ["Health", "check_file", "expected_schema", "open_read_only"]

MAX_REPORTED = 20


@dataclass(frozen=True)
class Health:
    """The outcome of a full check; ``problems`` is empty for a good diary."""

    path: Path
    version: int
    problems: tuple[str, ...]

    @property
    def ok(self) -> bool:
        return not self.problems


def quick_check_file(path: Path) -> list[str]:
    """``PRAGMA quick_check`` on a read-only connection of its own: ["ok"] when sound."""
    try:
        conn = open_read_only(path)
    except sqlite3.Error as exc:
        return [str(exc)]
    try:
        return [str(r[0]) for r in conn.execute("PRAGMA quick_check").fetchall()]
    except sqlite3.DatabaseError as exc:
        return [str(exc)]
    finally:
        conn.close()


def expected_schema(version: int) -> set[tuple[str, str, str]]:
    """The (type, name, sql) rows a diary whose ``user_version`` is ``version`` has, built by
    its migrations."""
    steps = steps_of(version)
    if steps is None:
        raise ValueError(f"no schema version {version}")
    conn = sqlite3.connect(":memory:")
    try:
        for step in MIGRATIONS[:steps]:
            for statement in step:
                conn.execute(statement)
        return _schema(conn)
    finally:
        conn.close()


def _schema(conn: sqlite3.Connection) -> set[tuple[str, str, str]]:
    return {(kind, name, " ".join((sql or "").split())) for kind, name, sql in conn.execute(
        "SELECT type, name, sql FROM sqlite_schema WHERE name NOT LIKE 'sqlite_%'")}


def check_file(path: Path) -> Health:
    """Run integrity_check and foreign_key_check and compare the schema with the expected one.

    Raises DiaryOpenError when the file is missing, cannot be read or is not a
    diary at all; a diary with damage comes back as a Health with problems.
    """
    path = Path(path)
    if not path.exists():
        raise DiaryOpenError(f"There is no diary at {path}.", MISSING)
    refuse_non_diary(path)
    if path.stat().st_size == 0:
        raise DiaryOpenError(f"{path} is empty, not a diary.", NOT_DIARY)
    try:
        conn = open_read_only(path, folder_read_only=folder_read_only(path))
    except sqlite3.Error as exc:
        if primary_code(exc) in (sqlite3.SQLITE_CANTOPEN, sqlite3.SQLITE_PERM,
                                 sqlite3.SQLITE_IOERR):
            raise DiaryOpenError(f"{path} cannot be read ({exc}); it was left untouched.",
                                 UNREADABLE) from exc
        return Health(path, 0, (f"the file cannot be opened: {exc}",))
    try:
        return _check_open(conn, path)
    finally:
        conn.close()


def _check_open(conn: sqlite3.Connection, path: Path) -> Health:
    try:
        app_id = int(conn.execute("PRAGMA application_id").fetchone()[0])
        version = int(conn.execute("PRAGMA user_version").fetchone()[0])
    except sqlite3.DatabaseError as exc:
        return Health(path, 0, (f"the file header cannot be read: {exc}",))
    if app_id != APPLICATION_ID:
        raise DiaryOpenError(f"{path} is an SQLite file but not a Nutrient Tracker diary.",
                             NOT_DIARY)
    problems: list[str] = []
    try:
        rows = [r[0] for r in conn.execute("PRAGMA integrity_check").fetchmany(MAX_REPORTED)]
        if rows != ["ok"]:
            problems.extend(f"integrity: {row}" for row in rows)
        for table, rowid, parent, _ in conn.execute(
                "PRAGMA foreign_key_check").fetchmany(MAX_REPORTED):
            problems.append(f"{table} row {rowid} refers to a missing {parent}")
        if steps_of(version) is not None:  # a newer app's additions are not ours to judge
            expected = expected_schema(version)
            actual = _schema(conn)
            for kind, name, _ in sorted(expected - actual):
                problems.append(f"the {kind} {name} is missing or altered")
            for kind, name, _ in sorted(actual - expected):
                problems.append(f"an unexpected {kind} {name} is present")
    except sqlite3.DatabaseError as exc:
        problems.append(f"the file cannot be read: {exc}")
    return Health(path, version, tuple(problems))
