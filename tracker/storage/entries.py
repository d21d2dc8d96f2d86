"""Reading and writing diary entries (foods, water, caffeine, doses, episodes).

Each entry kind maps to one table through a small spec; inserts are keyed by
the entry's UUID, so saving the same entry twice stores it once.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from tracker.domain.entries import (
    CaffeineEntry,
    DayEntries,
    DayFactors,
    Entry,
    Episode,
    FoodEntry,
    SupplementDose,
    WaterEntry,
)


def _time_text(value: dt.time) -> str:
    # Formatted by hand: strftime costs a tenth of an import's time per row.
    return f"{value.hour:02d}:{value.minute:02d}"


def _when(entry: Any) -> tuple[str, str]:
    return entry.date.isoformat(), _time_text(entry.time)


def _parse_when(date_text: str, time_text: str) -> tuple[dt.date, dt.time]:
    return dt.date.fromisoformat(date_text), dt.time.fromisoformat(time_text)


@dataclass(frozen=True)
class _Spec:
    table: str
    columns: tuple[str, ...]  # after id, date, time
    to_row: Callable[[Any], tuple[Any, ...]]
    from_row: Callable[[sqlite3.Row], Any]


def _food_from(row: sqlite3.Row) -> FoodEntry:
    day, time = _parse_when(row["date"], row["time"])
    return FoodEntry(day, time, row["food_id"], row["grams"], row["amount"], row["unit"],
                     id=row["id"])


def _water_from(row: sqlite3.Row) -> WaterEntry:
    day, time = _parse_when(row["date"], row["time"])
    return WaterEntry(day, time, row["volume_ml"], id=row["id"])


def _caffeine_from(row: sqlite3.Row) -> CaffeineEntry:
    day, time = _parse_when(row["date"], row["time"])
    return CaffeineEntry(day, time, row["caffeine_mg"], row["label"], id=row["id"])


def _dose_from(row: sqlite3.Row) -> SupplementDose:
    day, time = _parse_when(row["date"], row["time"])
    return SupplementDose(day, time, row["product_id"], row["units"], id=row["id"])


def _episode_from(row: sqlite3.Row) -> Episode:
    day, time = _parse_when(row["date"], row["time"])
    return Episode(day, time, row["kind"], row["body_site"], row["intensity"], row["side"],
                   row["duration_s"], row["notes"], id=row["id"])


SPECS: dict[type, _Spec] = {
    FoodEntry: _Spec("food_entry", ("food_id", "grams", "amount", "unit"),
                     lambda e: (e.food_id, float(e.grams), float(e.amount), e.unit), _food_from),
    WaterEntry: _Spec("water_entry", ("volume_ml",), lambda e: (float(e.volume_ml),),
                      _water_from),
    CaffeineEntry: _Spec("caffeine_entry", ("caffeine_mg", "label"),
                         lambda e: (float(e.caffeine_mg), e.label), _caffeine_from),
    SupplementDose: _Spec("supplement_dose", ("product_id", "units"),
                          lambda e: (e.product_id, float(e.units)), _dose_from),
    Episode: _Spec("episode", ("kind", "body_site", "side", "intensity", "duration_s", "notes"),
                   lambda e: (e.kind, e.body_site, e.side, int(e.intensity), e.duration_s,
                              e.notes), _episode_from),
}


def _spec(kind: type) -> _Spec:
    return SPECS[kind]


def row_of(entry: Entry) -> tuple[Any, ...]:
    """The entry as stored: id, date, time, then its kind's columns (``SPECS``)."""
    return (entry.id, *_when(entry), *_spec(type(entry)).to_row(entry))


def insert(conn: sqlite3.Connection, entry: Entry) -> bool:
    """Store ``entry``; False when an entry with its id is already there."""
    spec = _spec(type(entry))
    cols = ("id", "date", "time", *spec.columns)
    marks = ", ".join("?" for _ in cols)
    cur = conn.execute(
        f"INSERT INTO {spec.table} ({', '.join(cols)}) VALUES ({marks}) "
        "ON CONFLICT(id) DO NOTHING",
        (entry.id, *_when(entry), *spec.to_row(entry)))
    return cur.rowcount == 1


def update(conn: sqlite3.Connection, entry: Entry) -> bool:
    """Replace the stored entry with ``entry``'s values; False if it is not there."""
    spec = _spec(type(entry))
    sets = ", ".join(f"{c} = ?" for c in ("date", "time", *spec.columns))
    cur = conn.execute(f"UPDATE {spec.table} SET {sets} WHERE id = ?",
                       (*_when(entry), *spec.to_row(entry), entry.id))
    return cur.rowcount == 1


def delete(conn: sqlite3.Connection, kind: type, entry_id: str) -> bool:
    cur = conn.execute(f"DELETE FROM {_spec(kind).table} WHERE id = ?", (entry_id,))
    return cur.rowcount == 1


def get(conn: sqlite3.Connection, kind: type, entry_id: str) -> Any | None:
    spec = _spec(kind)
    conn.row_factory = sqlite3.Row
    try:
        row = conn.execute(f"SELECT * FROM {spec.table} WHERE id = ?", (entry_id,)).fetchone()
    finally:
        conn.row_factory = None
    return None if row is None else spec.from_row(row)


def in_range(conn: sqlite3.Connection, kind: type, first: dt.date, last: dt.date) -> list[Any]:
    """Entries of ``kind`` dated ``first`` to ``last`` inclusive, in diary order."""
    return list(_iter_range(conn, kind, first, last))


def _iter_range(conn: sqlite3.Connection, kind: type, first: dt.date,
                last: dt.date) -> Iterator[Any]:
    spec = _spec(kind)
    conn.row_factory = sqlite3.Row
    try:
        rows = conn.execute(
            f"SELECT * FROM {spec.table} WHERE date BETWEEN ? AND ? ORDER BY date, time, rowid",
            (first.isoformat(), last.isoformat())).fetchall()
    finally:
        conn.row_factory = None
    return (spec.from_row(row) for row in rows)


def day_entries(conn: sqlite3.Connection, day: dt.date) -> DayEntries:
    return DayEntries(
        date=day,
        foods=tuple(in_range(conn, FoodEntry, day, day)),
        water=tuple(in_range(conn, WaterEntry, day, day)),
        caffeine=tuple(in_range(conn, CaffeineEntry, day, day)),
        doses=tuple(in_range(conn, SupplementDose, day, day)),
        episodes=tuple(in_range(conn, Episode, day, day)),
        factors=get_factors(conn, day),
    )


def logged_dates(conn: sqlite3.Connection) -> tuple[dt.date, dt.date] | None:
    """First and last diary dates holding any entry, or None for an empty diary."""
    firsts, lasts = [], []
    for spec in SPECS.values():
        first, last = conn.execute(f"SELECT min(date), max(date) FROM {spec.table}").fetchone()
        if first is not None:
            firsts.append(first)
            lasts.append(last)
    if not firsts:
        return None
    return dt.date.fromisoformat(min(firsts)), dt.date.fromisoformat(max(lasts))


def get_factors(conn: sqlite3.Connection, day: dt.date) -> DayFactors | None:
    row = conn.execute("SELECT sleep_hours, stress, exercise_min, complete, notes "
                       "FROM day_factors WHERE date = ?", (day.isoformat(),)).fetchone()
    if row is None:
        return None
    return DayFactors(day, row[0], row[1], row[2], bool(row[3]), row[4])


def factors_in_range(conn: sqlite3.Connection, first: dt.date, last: dt.date) -> list[DayFactors]:
    rows = conn.execute("SELECT date, sleep_hours, stress, exercise_min, complete, notes "
                        "FROM day_factors WHERE date BETWEEN ? AND ? ORDER BY date",
                        (first.isoformat(), last.isoformat())).fetchall()
    return [DayFactors(dt.date.fromisoformat(r[0]), r[1], r[2], r[3], bool(r[4]), r[5])
            for r in rows]


def put_factors(conn: sqlite3.Connection, factors: DayFactors) -> None:
    conn.execute(
        "INSERT INTO day_factors (date, sleep_hours, stress, exercise_min, complete, notes) "
        "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT(date) DO UPDATE SET "
        "sleep_hours = excluded.sleep_hours, stress = excluded.stress, "
        "exercise_min = excluded.exercise_min, complete = excluded.complete, "
        "notes = excluded.notes",
        (factors.date.isoformat(), factors.sleep_hours, factors.stress, factors.exercise_min,
         int(factors.complete), factors.notes))


def delete_factors(conn: sqlite3.Connection, day: dt.date) -> None:
    """Remove a day's factors (an import that added them being undone)."""
    conn.execute("DELETE FROM day_factors WHERE date = ?", (day.isoformat(),))


def insert_many(conn: sqlite3.Connection, entries: Iterable[Entry]) -> int:
    """Store entries in bulk (import, generated diaries); returns how many were new."""
    return sum(1 for entry in entries if insert(conn, entry))


def latest(conn: sqlite3.Connection, kind: type) -> Any | None:
    """The entry of ``kind`` latest in diary order (date, then time), or None."""
    spec = _spec(kind)
    conn.row_factory = sqlite3.Row
    try:
        row = conn.execute(f"SELECT * FROM {spec.table} ORDER BY date DESC, time DESC, "
                           "rowid DESC LIMIT 1").fetchone()
    finally:
        conn.row_factory = None
    return None if row is None else spec.from_row(row)


def latest_of_food(conn: sqlite3.Connection, base: str) -> FoodEntry | None:
    """The latest food entry (date, then time) of the food ``base`` in any of its
    versions ("<base>" or "<base>@<n>"), or None."""
    conn.row_factory = sqlite3.Row
    try:
        # Ids hold letters, digits and ':' only, so they cannot be GLOB syntax.
        row = conn.execute("SELECT * FROM food_entry WHERE food_id = ? OR food_id GLOB ? "
                           "ORDER BY date DESC, time DESC, rowid DESC LIMIT 1",
                           (base, f"{base}@*")).fetchone()
    finally:
        conn.row_factory = None
    return None if row is None else _food_from(row)


def dates_with_entries(conn: sqlite3.Connection, first: dt.date, last: dt.date) -> set[dt.date]:
    """The diary days from ``first`` to ``last`` that hold at least one entry."""
    found: set[dt.date] = set()
    for spec in SPECS.values():
        found.update(dt.date.fromisoformat(d) for (d,) in conn.execute(
            f"SELECT DISTINCT date FROM {spec.table} WHERE date BETWEEN ? AND ?",
            (first.isoformat(), last.isoformat())))
    return found
