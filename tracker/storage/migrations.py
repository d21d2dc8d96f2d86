"""Bringing a diary's schema up to date, in one transaction.

The version number and the tables change together or not at all, so a crash
mid-migration leaves the diary at its old version, intact.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path

from tracker.storage.schema import APPLICATION_ID, MIGRATIONS, SCHEMA_VERSION

# Called with the diary path before an existing diary is migrated; the backup
# module registers itself here so every migration is preceded by a backup.
before_migration: list[Callable[[sqlite3.Connection, Path], None]] = []


def upgrade(conn: sqlite3.Connection, path: Path | None,
            target: int = SCHEMA_VERSION) -> int:
    """Apply the migrations from the diary's version up to ``target``; return the new version."""
    current = int(conn.execute("PRAGMA user_version").fetchone()[0])
    if current >= target:
        return current
    if current > 0 and path is not None:
        for hook in before_migration:
            hook(conn, path)
    conn.execute("BEGIN IMMEDIATE")
    try:
        # Re-read under the write lock: another process may have migrated meanwhile.
        current = int(conn.execute("PRAGMA user_version").fetchone()[0])
        for version in range(current, target):
            for statement in MIGRATIONS[version]:
                conn.execute(statement)
        conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
        conn.execute(f"PRAGMA user_version = {max(current, target)}")
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    conn.execute("COMMIT")
    return target
