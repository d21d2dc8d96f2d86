"""Bringing a diary's schema up to date, in one transaction.

The version number and the tables change together or not at all, so a crash
mid-migration leaves the diary at its old version, intact. Whoever opens the
diary passes what must happen before an existing diary is changed (the app
passes a backup), so this module needs nothing above it.
"""

from __future__ import annotations

import contextlib
import sqlite3
from collections.abc import Callable
from pathlib import Path

from tracker.storage.schema import APPLICATION_ID, MIGRATIONS, steps_of, version_after

# Called with the open connection and the diary path before an existing diary is
# migrated; one that raises stops the migration.
BeforeMigration = Callable[[sqlite3.Connection, Path], None]


class MigrationError(sqlite3.DatabaseError):
    """A migration left the diary inconsistent, so it was rolled back."""


def version_of(conn: sqlite3.Connection) -> int:
    """The diary's stored ``user_version`` (major << 16 | minor)."""
    return int(conn.execute("PRAGMA user_version").fetchone()[0])


def _steps(conn: sqlite3.Connection) -> int:
    stored = version_of(conn)
    steps = steps_of(stored, MIGRATIONS)
    if steps is None:
        raise MigrationError(f"the diary's format {stored} is not one this version knows")
    return steps


def upgrade(conn: sqlite3.Connection, path: Path | None, target: int | None = None,
            before: BeforeMigration | None = None) -> int:
    """Apply the migrations up to ``target`` of them (default: all); return how many the
    diary has now. ``before`` runs first when an existing diary at ``path`` will change."""
    target = len(MIGRATIONS) if target is None else target
    if not 0 <= target <= len(MIGRATIONS):
        raise ValueError(f"no schema version {target}")
    current = _steps(conn)
    if current >= target:
        return current
    if current > 0 and path is not None and before is not None:
        before(conn, path)
    conn.execute("BEGIN IMMEDIATE")
    try:
        # Re-read under the write lock: another process may have migrated meanwhile.
        current = _steps(conn)
        if current >= target:
            conn.execute("ROLLBACK")
            return current
        for step in range(current, target):
            for statement in MIGRATIONS[step]:
                conn.execute(statement)
        problems = conn.execute("PRAGMA foreign_key_check").fetchall()
        if problems:
            raise MigrationError(f"the migration broke {len(problems)} references")
        conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
        conn.execute(f"PRAGMA user_version = {version_after(target, MIGRATIONS).to_int()}")
        conn.execute("COMMIT")
    except BaseException:
        if conn.in_transaction:
            with contextlib.suppress(sqlite3.Error):
                conn.execute("ROLLBACK")
        raise
    return target
