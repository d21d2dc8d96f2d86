"""Saved meals and their items."""

from __future__ import annotations

import datetime as dt
import sqlite3

from tracker.domain.meals import Meal, MealItem

_ITEM_COLUMNS = ("kind", "food_id", "grams", "amount", "unit", "volume_ml", "caffeine_mg",
                 "label", "product_id", "units")


def put(conn: sqlite3.Connection, meal: Meal, created_at: dt.datetime | None = None) -> None:
    """Insert or replace ``meal`` with its items (inside a write)."""
    created = (created_at or dt.datetime.now().astimezone()).isoformat()
    conn.execute(
        "INSERT INTO meal (id, name, times_logged, last_logged, created_at) "
        "VALUES (?, ?, ?, ?, ?) ON CONFLICT(id) DO UPDATE SET name = excluded.name, "
        "times_logged = excluded.times_logged, last_logged = excluded.last_logged",
        (meal.id, meal.name, meal.times_logged,
         meal.last_logged.isoformat() if meal.last_logged else None, created))
    conn.execute("DELETE FROM meal_item WHERE meal_id = ?", (meal.id,))
    columns = ", ".join(_ITEM_COLUMNS)
    marks = ", ".join("?" * (len(_ITEM_COLUMNS) + 2))
    conn.executemany(
        f"INSERT INTO meal_item (meal_id, seq, {columns}) VALUES ({marks})",
        [(meal.id, seq, *(getattr(item, c) for c in _ITEM_COLUMNS))
         for seq, item in enumerate(meal.items, start=1)])


def _load(conn: sqlite3.Connection, rows: list[tuple[str, str, int, str | None]]) -> list[Meal]:
    meals = []
    columns = ", ".join(_ITEM_COLUMNS)
    for meal_id, name, times, last in rows:
        items = tuple(MealItem(*row) for row in conn.execute(
            f"SELECT {columns} FROM meal_item WHERE meal_id = ? ORDER BY seq", (meal_id,)))
        meals.append(Meal(str(meal_id), str(name), items, int(times),
                          dt.date.fromisoformat(last) if last else None))
    return meals


_HEAD = "SELECT id, name, times_logged, last_logged FROM meal"


def all_meals(conn: sqlite3.Connection) -> list[Meal]:
    return _load(conn, conn.execute(f"{_HEAD} ORDER BY name COLLATE NOCASE").fetchall())


def by_id(conn: sqlite3.Connection, meal_id: str) -> Meal | None:
    found = _load(conn, conn.execute(f"{_HEAD} WHERE id = ?", (meal_id,)).fetchall())
    return found[0] if found else None


def by_name(conn: sqlite3.Connection, name: str) -> Meal | None:
    found = _load(conn, conn.execute(f"{_HEAD} WHERE name = ? COLLATE NOCASE",
                                     (name.strip(),)).fetchall())
    return found[0] if found else None


def names(conn: sqlite3.Connection) -> list[tuple[str, str, int, str | None]]:
    """(id, name, times logged, last logged) of every meal, for search and habits."""
    return [(str(i), str(n), int(t), last) for i, n, t, last in conn.execute(
        f"{_HEAD} ORDER BY created_at, id")]


def set_usage(conn: sqlite3.Connection, meal_id: str, times: int,
              last: dt.date | None) -> None:
    conn.execute("UPDATE meal SET times_logged = ?, last_logged = ? WHERE id = ?",
                 (times, last.isoformat() if last else None, meal_id))


def delete(conn: sqlite3.Connection, meal_id: str) -> bool:
    return conn.execute("DELETE FROM meal WHERE id = ?", (meal_id,)).rowcount == 1


def using_product(conn: sqlite3.Connection, product_id: str) -> list[str]:
    """Names of the meals holding a supplement product."""
    return [str(n) for (n,) in conn.execute(
        "SELECT DISTINCT m.name FROM meal_item i JOIN meal m ON m.id = i.meal_id "
        "WHERE i.product_id = ? ORDER BY m.name", (product_id,))]
