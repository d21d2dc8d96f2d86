"""A cheap sign that the diary may have changed, for caches of what is read from it.

``total_changes`` counts the rows this connection has written; ``data_version``
changes when another connection (another process) commits. While both stay
the same, nothing in the diary has changed.
"""

from __future__ import annotations

import sqlite3


def marker(conn: sqlite3.Connection) -> tuple[int, int]:
    return conn.total_changes, int(conn.execute("PRAGMA data_version").fetchone()[0])


def own_foods_marker(conn: sqlite3.Connection) -> tuple[object, ...]:
    """Changes whenever a custom food, recipe or saved meal is added, edited or deleted.

    Edits add rows (a new version) and deletions remove them, so the row count
    and the highest rowid of each table tell; the meal counters that change on
    every logging do not.
    """
    return tuple(conn.execute(
        "SELECT (SELECT count(*) FROM custom_food), (SELECT max(rowid) FROM custom_food), "
        "(SELECT count(*) FROM recipe), (SELECT max(rowid) FROM recipe), "
        "(SELECT count(*) FROM meal), (SELECT max(rowid) FROM meal)").fetchone())
