"""Versions of the person's own foods and recipes, and what uses them.

Both tables keep one row per version: the plain id is the first version,
"<id>@<n>" the n-th, and exactly one row per food is not ``retired`` (the
current one). An edit adds a row and retires the previous; entries, recipes
and meals keep naming the version they were made with.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass

from tracker.domain.foods import VERSION_MARK

Connection = sqlite3.Connection

# The tables holding versioned foods; fixed names, never from input.
CUSTOM = "custom_food"
RECIPE = "recipe"
TABLES = (CUSTOM, RECIPE)


def _like(base: str) -> tuple[str, str]:
    # Ids hold letters, digits and ':' only, so they cannot be GLOB syntax.
    return base, f"{base}{VERSION_MARK}*"


def current_id(conn: sqlite3.Connection, table: str, base: str) -> str | None:
    """The current version's id of the food ``base``, or None if there is no such food."""
    assert table in TABLES
    row = conn.execute(f"SELECT id FROM {table} WHERE (id = ? OR id GLOB ?) AND retired = 0",
                       _like(base)).fetchone()
    return None if row is None else str(row[0])


def latest_version(conn: sqlite3.Connection, table: str, base: str) -> int:
    """The highest version number stored for ``base`` (0 when there is none)."""
    assert table in TABLES
    row = conn.execute(f"SELECT max(version) FROM {table} WHERE id = ? OR id GLOB ?",
                       _like(base)).fetchone()
    return int(row[0] or 0)


def set_retired(conn: sqlite3.Connection, table: str, food_id: str, retired: bool) -> None:
    assert table in TABLES
    conn.execute(f"UPDATE {table} SET retired = ? WHERE id = ?", (int(retired), food_id))


def delete_version(conn: sqlite3.Connection, table: str, food_id: str) -> None:
    assert table in TABLES
    conn.execute(f"DELETE FROM {table} WHERE id = ?", (food_id,))


def delete_all(conn: sqlite3.Connection, table: str, base: str) -> int:
    """Delete every version of ``base`` (their nutrients, portions, items go with them)."""
    assert table in TABLES
    return conn.execute(f"DELETE FROM {table} WHERE id = ? OR id GLOB ?",
                        _like(base)).rowcount


@dataclass(frozen=True)
class Uses:
    """What refers to any version of a food: diary entries, recipes, saved meals."""

    entries: int
    recipes: tuple[str, ...]  # names of the recipes (any version) holding it
    meals: tuple[str, ...]  # names of the saved meals holding it

    @property
    def any(self) -> bool:
        return bool(self.entries or self.recipes or self.meals)


def uses(conn: sqlite3.Connection, base: str) -> Uses:
    entries = conn.execute("SELECT count(*) FROM food_entry WHERE food_id = ? OR food_id GLOB ?",
                           _like(base)).fetchone()[0]
    # Earlier versions of a recipe count too: entries logged with them need the food.
    recipes = conn.execute(
        "SELECT DISTINCT r.name FROM recipe_item i JOIN recipe r ON r.id = i.recipe_id "
        "WHERE i.food_id = ? OR i.food_id GLOB ? ORDER BY r.name", _like(base))
    meals = conn.execute(
        "SELECT DISTINCT m.name FROM meal_item i JOIN meal m ON m.id = i.meal_id "
        "WHERE i.food_id = ? OR i.food_id GLOB ? ORDER BY m.name", _like(base))
    return Uses(int(entries), tuple(str(r[0]) for r in recipes),
                tuple(str(m[0]) for m in meals))


@dataclass(frozen=True)
class Repointed:
    """A food entry moved to another version, with what it held before."""

    entry_id: str
    food_id: str
    grams: float
    date: dt.date | None = None  # the entry's diary day


# How an entry's weight follows a new version: (grams, amount, unit) -> grams.
Weigh = Callable[[float, float, str], float]


def move_entries(conn: sqlite3.Connection, base: str, new_id: str, since: dt.date,
                 weigh: Weigh) -> list[Repointed]:
    """Point the entries of any version of ``base`` from ``since`` on at ``new_id``,
    weighed again by ``weigh``; returns what each held before."""
    rows = conn.execute(
        "SELECT id, food_id, grams, amount, unit, date FROM food_entry "
        "WHERE (food_id = ? OR food_id GLOB ?) AND date >= ? ORDER BY date, time, rowid",
        (*_like(base), since.isoformat())).fetchall()
    moved = []
    for entry_id, food_id, grams, amount, unit, date in rows:
        if food_id == new_id:
            continue
        repoint(conn, entry_id, new_id, weigh(grams, amount, unit))
        moved.append(Repointed(str(entry_id), str(food_id), float(grams),
                               dt.date.fromisoformat(date)))
    return moved


def move_back(conn: sqlite3.Connection, moved: list[Repointed]) -> None:
    for entry in moved:
        repoint(conn, entry.entry_id, entry.food_id, entry.grams)


def move_again(conn: sqlite3.Connection, moved: list[Repointed], new_id: str,
               weigh: Weigh) -> None:
    """Point the entries ``moved`` once more at ``new_id`` (a redo); gone ones are skipped."""
    for entry in moved:
        row = conn.execute("SELECT grams, amount, unit FROM food_entry WHERE id = ?",
                           (entry.entry_id,)).fetchone()
        if row is not None:
            repoint(conn, entry.entry_id, new_id, weigh(*row))


def repoint(conn: sqlite3.Connection, entry_id: str, food_id: str, grams: float) -> None:
    conn.execute("UPDATE food_entry SET food_id = ?, grams = ? WHERE id = ?",
                 (food_id, grams, entry_id))


def uses_exactly(conn: sqlite3.Connection, food_id: str) -> int:
    """How many entries, recipe ingredients and meal items name this exact version."""
    return sum(int(conn.execute(f"SELECT count(*) FROM {table} WHERE {column} = ?",
                                (food_id,)).fetchone()[0])
               for table, column in (("food_entry", "food_id"), ("recipe_item", "food_id"),
                                     ("meal_item", "food_id")))


def settle_current(conn: sqlite3.Connection, table: str, base: str) -> None:
    """Make the highest version of ``base`` the current one (after an import added some)."""
    assert table in TABLES
    conn.execute(f"UPDATE {table} SET retired = (version < (SELECT max(version) FROM {table} "
                 "WHERE id = ? OR id GLOB ?)) WHERE id = ? OR id GLOB ?",
                 (*_like(base), *_like(base)))


def retired_flags(conn: sqlite3.Connection, table: str, base: str) -> dict[str, bool]:
    """Every stored version of ``base`` and whether it is retired."""
    assert table in TABLES
    return {str(i): bool(r) for i, r in conn.execute(
        f"SELECT id, retired FROM {table} WHERE id = ? OR id GLOB ?", _like(base))}
