"""Where an entry came from when it was imported from another app ("cronometer: ...")."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable


def mark(conn: sqlite3.Connection, marks: Iterable[tuple[str, str]]) -> None:
    """Record (entry id, source) pairs; an entry already marked keeps its source."""
    conn.executemany("INSERT INTO entry_source (entry_id, source) VALUES (?, ?) "
                     "ON CONFLICT(entry_id) DO NOTHING", list(marks))


def all_sources(conn: sqlite3.Connection) -> dict[str, str]:
    """Entry id -> source for every imported entry (a few per day at most)."""
    return dict(conn.execute("SELECT entry_id, source FROM entry_source").fetchall())


def forget(conn: sqlite3.Connection, entry_ids: Iterable[str]) -> None:
    conn.executemany("DELETE FROM entry_source WHERE entry_id = ?", [(i,) for i in entry_ids])
