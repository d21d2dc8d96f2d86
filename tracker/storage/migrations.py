"""Bringing a diary's schema up to date, in one transaction.

The version number and the tables change together or not at all, so a crash
mid-migration leaves the diary at its old version, intact.
"""

from __future__ import annotations

import contextlib
import sqlite3
from collections.abc import Callable
from pathlib import Path

from tracker.storage.schema import APPLICATION_ID, MIGRATIONS, SCHEMA_VERSION

# Called with the open connection and the diary path before an existing diary is
# migrated; tracker.storage.backups registers itself here so every migration is
# preceded by a backup. A hook that raises stops the migration.
before_migration: list[Callable[[sqlite3.Connection, Path], None]] = []


class MigrationError(sqlite3.DatabaseError):
    """A migration left the diary inconsistent, so it was rolled back."""


def version_of(conn: sqlite3.Connection) -> int:
    return int(conn.execute("PRAGMA user_version").fetchone()[0])


def upgrade(conn: sqlite3.Connection, path: Path | None,
            target: int = SCHEMA_VERSION) -> int:
    """Apply the migrations from the diary's version up to ``target``; return the new version."""
    if not 0 <= target <= len(MIGRATIONS):
        raise ValueError(f"no schema version {target}")
    current = version_of(conn)
    if current >= target:
        return current
    if current > 0 and path is not None:
        for hook in before_migration:
            hook(conn, path)
    conn.execute("BEGIN IMMEDIATE")
    try:
        # Re-read under the write lock: another process may have migrated meanwhile.
        current = version_of(conn)
        if current >= target:
            conn.execute("ROLLBACK")
            return current
        for version in range(current, target):
            for statement in MIGRATIONS[version]:
                conn.execute(statement)
        problems = conn.execute("PRAGMA foreign_key_check").fetchall()
        if problems:
            raise MigrationError(f"the migration broke {len(problems)} references")
        conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
        conn.execute(f"PRAGMA user_version = {target}")
        conn.execute("COMMIT")
    except BaseException:
        if conn.in_transaction:
            with contextlib.suppress(sqlite3.Error):
                conn.execute("ROLLBACK")
        raise
    return target
