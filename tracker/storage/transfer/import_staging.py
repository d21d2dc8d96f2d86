"""Checked import entries kept in a private temporary database until they are written.

An import may hold a million rows: as Python objects they would cost hundreds
of megabytes, here they cost a page cache. The staging file is attached to the
diary's connection, so sorting the rows into new, changed and unchanged,
writing them and undoing the import are each a few set-wise statements. It
also keeps what an import added and the rows it replaced, for undo and redo.
"""

from __future__ import annotations

import contextlib
import shutil
import sqlite3
import tempfile
import weakref
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tracker.domain.entries import (
    CaffeineEntry,
    Entry,
    Episode,
    FoodEntry,
    SupplementDose,
    WaterEntry,
)
from tracker.storage import entries as entry_repo

# The kinds of entry an import stages, by the name the importer counts them under.
KINDS: dict[str, type] = {"foods": FoodEntry, "water": WaterEntry, "caffeine": CaffeineEntry,
                          "doses": SupplementDose, "episodes": Episode}
_BATCH = 5000
# Two floats this close are the same amount written through a spreadsheet (15 digits).
_REL_TOLERANCE = 1e-9


@dataclass(frozen=True)
class StagedChange:
    """An entry the import would change: its kind, line, and (column, old, new) values."""

    kind: str
    line: int
    entry_id: str
    differences: tuple[tuple[str, Any, Any], ...]


@dataclass(frozen=True)
class Tally:
    new: int = 0
    changed: int = 0
    unchanged: int = 0


def _columns(kind: str) -> tuple[str, ...]:
    return ("id", "date", "time", *entry_repo.SPECS[KINDS[kind]].columns)


def _table(kind: str) -> str:
    return entry_repo.SPECS[KINDS[kind]].table


def _remove(conn: sqlite3.Connection, folder: Path) -> None:
    with contextlib.suppress(sqlite3.Error):
        conn.close()
    shutil.rmtree(folder, ignore_errors=True)


class Staging:
    """Staged entries of one import; ``close()`` (or garbage collection) deletes the file."""

    def __init__(self) -> None:
        # mkdtemp makes the folder readable by its owner only: these are health records.
        self.folder = Path(tempfile.mkdtemp(prefix="nutrient-tracker-import-"))
        self.path = self.folder / "staging.sqlite3"
        self.conn = sqlite3.connect(self.path, isolation_level=None, check_same_thread=False)
        self._finalizer = weakref.finalize(self, _remove, self.conn, self.folder)
        self.conn.execute("PRAGMA journal_mode = MEMORY")
        self.conn.execute("PRAGMA synchronous = OFF")
        self._buffers: dict[str, list[tuple[Any, ...]]] = {kind: [] for kind in KINDS}
        self._real: dict[str, frozenset[str]] = {}
        self._attached_to: sqlite3.Connection | None = None
        for kind in KINDS:
            columns = ", ".join(_columns(kind))
            self.conn.execute(f"CREATE TABLE {kind} (line INTEGER NOT NULL, {columns})")
            self.conn.execute(f"CREATE TABLE {kind}_added (id TEXT PRIMARY KEY)")
            self.conn.execute(f"CREATE TABLE {kind}_old ({columns})")

    def add(self, kind: str, line: int, entry: Entry) -> None:
        buffer = self._buffers[kind]
        buffer.append((line, *entry_repo.row_of(entry)))
        if len(buffer) >= _BATCH:
            self._flush(kind)

    def _flush(self, kind: str) -> None:
        buffer = self._buffers[kind]
        if buffer:
            marks = ", ".join("?" * (len(_columns(kind)) + 1))
            # One transaction per batch: alone, each row would be a transaction of its own.
            with self._transaction():
                self.conn.executemany(f"INSERT INTO {kind} VALUES ({marks})", buffer)
            buffer.clear()

    @contextlib.contextmanager
    def _transaction(self) -> Iterator[None]:
        if self.conn.in_transaction:
            yield
            return
        self.conn.execute("BEGIN")
        try:
            yield
        except BaseException:
            self.conn.execute("ROLLBACK")
            raise
        self.conn.execute("COMMIT")

    def finish(self) -> None:
        """Write what is buffered and index the staged ids."""
        self.conn.execute("BEGIN")
        for kind in KINDS:
            self._flush(kind)
            self.conn.execute(f"CREATE INDEX {kind}_by_id ON {kind}(id)")
        self.conn.execute("COMMIT")

    def count(self, kind: str) -> int:
        return int(self.conn.execute(f"SELECT count(*) FROM {kind}").fetchone()[0])

    def first_duplicate(self, kind: str) -> tuple[str, int, int] | None:
        """An id staged twice, with its first and second line, or None."""
        row = self.conn.execute(
            f"SELECT id, min(line), max(line) FROM {kind} GROUP BY id HAVING count(*) > 1 "
            "ORDER BY max(line) LIMIT 1").fetchone()
        return None if row is None else (str(row[0]), int(row[1]), int(row[2]))

    @contextlib.contextmanager
    def attached(self, conn: sqlite3.Connection) -> Iterator[None]:
        """The staging file attached to the diary's connection as ``staging`` (once: an
        inner use while it is attached leaves it attached)."""
        if self._attached_to is conn:
            yield
            return
        conn.execute("ATTACH DATABASE ? AS staging", (str(self.path),))
        self._attached_to = conn
        try:
            if not self._real:
                for kind in KINDS:
                    self._real[kind] = frozenset(
                        str(name) for name, kind_of in conn.execute(
                            "SELECT name, type FROM pragma_table_info(?)", (_table(kind),))
                        if str(kind_of).upper() == "REAL")
            yield
        finally:
            self._attached_to = None
            conn.execute("DETACH DATABASE staging")

    def _same(self, kind: str, column: str) -> str:
        if column in self._real[kind]:
            return (f"(s.{column} IS m.{column} OR abs(s.{column} - m.{column}) <= "
                    f"{_REL_TOLERANCE} * abs(m.{column}))")
        return f"s.{column} IS m.{column}"

    def _differs(self, kind: str) -> str:
        return "NOT (" + " AND ".join(self._same(kind, c) for c in _columns(kind)[1:]) + ")"

    def tally(self, conn: sqlite3.Connection, kind: str) -> Tally:
        """New, changed and unchanged rows of ``kind`` against the diary (attached)."""
        table = _table(kind)
        # Counted through the diary's connection: in an import's transaction it holds the
        # staging file's lock, and the staging connection would have to wait for it.
        total = int(conn.execute(f"SELECT count(*) FROM staging.{kind}").fetchone()[0])
        found, changed = conn.execute(
            f"SELECT count(*), coalesce(sum({self._differs(kind)}), 0) FROM staging.{kind} s "
            f"JOIN main.{table} m ON m.id = s.id").fetchone()
        return Tally(total - int(found), int(changed), int(found) - int(changed))

    def changes(self, conn: sqlite3.Connection, kind: str, limit: int) -> list[StagedChange]:
        """The first ``limit`` changed rows of ``kind``, in file order (attached)."""
        columns = _columns(kind)[1:]
        picks = ", ".join(f"m.{c}, s.{c}" for c in columns)
        rows = conn.execute(
            f"SELECT s.line, s.id, {picks} FROM staging.{kind} s JOIN main.{_table(kind)} m "
            f"ON m.id = s.id WHERE {self._differs(kind)} ORDER BY s.line LIMIT ?",
            (limit,)).fetchall()
        out = []
        for line, entry_id, *values in rows:
            pairs = zip(values[::2], values[1::2], strict=True)
            differences = tuple((column, old, new) for column, (old, new)
                                in zip(columns, pairs, strict=True)
                                if old != new and not (column in self._real[kind]
                                                       and _close(old, new)))
            out.append(StagedChange(kind, int(line), str(entry_id), differences))
        return out

    def apply(self, conn: sqlite3.Connection, kind: str, update: bool) -> Tally:
        """Write ``kind``'s rows into the diary (attached, in the caller's transaction):
        new ones always, changed ones when ``update``; keep what undo needs."""
        table, columns = _table(kind), _columns(kind)
        tally = self.tally(conn, kind)
        conn.execute(f"DELETE FROM staging.{kind}_added")
        conn.execute(f"DELETE FROM staging.{kind}_old")
        conn.execute(f"INSERT OR IGNORE INTO staging.{kind}_added SELECT s.id "
                     f"FROM staging.{kind} s WHERE NOT EXISTS "
                     f"(SELECT 1 FROM main.{table} m WHERE m.id = s.id)")
        if update and tally.changed:
            old = ", ".join(f"m.{c}" for c in columns)
            conn.execute(f"INSERT INTO staging.{kind}_old SELECT {old} FROM main.{table} m "
                         f"JOIN staging.{kind} s ON s.id = m.id WHERE {self._differs(kind)}")
        self._put(conn, kind, table, columns)
        return tally if update else Tally(tally.new, 0, tally.unchanged + tally.changed)

    def _put(self, conn: sqlite3.Connection, kind: str, table: str,
             columns: tuple[str, ...]) -> None:
        """Insert the recorded new rows and set the recorded changed rows to staged values."""
        listed = ", ".join(columns)
        # In file order: entries at the same time keep the order they were written in.
        conn.execute(f"INSERT INTO main.{table} ({listed}) SELECT {listed} FROM staging.{kind} "
                     f"WHERE id IN (SELECT id FROM staging.{kind}_added) ORDER BY line "
                     "ON CONFLICT(id) DO NOTHING")
        sets = ", ".join(f"{c} = s.{c}" for c in columns[1:])
        conn.execute(f"UPDATE main.{table} AS m SET {sets} FROM staging.{kind} s "
                     f"WHERE s.id = m.id AND s.id IN (SELECT id FROM staging.{kind}_old)")

    def redo(self, conn: sqlite3.Connection, kind: str) -> None:
        """Write again what ``apply`` wrote and ``undo`` took back (attached, in a write)."""
        self._put(conn, kind, _table(kind), _columns(kind))

    def undo(self, conn: sqlite3.Connection, kind: str) -> None:
        """Remove what ``apply`` added and put back what it replaced (attached, in a write)."""
        table, columns = _table(kind), _columns(kind)
        conn.execute(f"DELETE FROM main.{table} WHERE id IN "
                     f"(SELECT id FROM staging.{kind}_added)")
        sets = ", ".join(f"{c} = o.{c}" for c in columns[1:])
        conn.execute(f"UPDATE main.{table} AS m SET {sets} FROM staging.{kind}_old o "
                     "WHERE o.id = m.id")

    def close(self) -> None:
        self._finalizer()


def _close(old: Any, new: Any) -> bool:
    if not isinstance(old, float | int) or not isinstance(new, float | int):
        return False
    return abs(old - new) <= _REL_TOLERANCE * abs(old)
