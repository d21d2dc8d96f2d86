"""Foods brought in from another app, one per imported row, with that row's nutrients."""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Iterable

from tracker.domain.foods import Food
from tracker.domain.nutrients import BY_KEY
from tracker.storage.batches import in_batches

IMPORTED_GROUP = "Imported"


def insert(conn: sqlite3.Connection, food: Food, source: str, created_at: dt.datetime) -> bool:
    """Store an imported food unless one with its id is there; True when it was new."""
    new = conn.execute(
        "INSERT INTO imported_food (id, name, source, created_at) VALUES (?, ?, ?, ?) "
        "ON CONFLICT(id) DO NOTHING",
        (food.id, food.name, source, created_at.isoformat())).rowcount == 1
    if new:
        conn.executemany(
            "INSERT INTO imported_food_nutrient (food_id, nutrient, per_100g) VALUES (?, ?, ?)",
            [(food.id, key, value) for key, value in food.nutrients.items()
             if value is not None])
    return new


def get_many(conn: sqlite3.Connection, ids: Iterable[str]) -> dict[str, Food]:
    """The imported foods among ``ids``; unknown ids are absent."""
    wanted = list(dict.fromkeys(ids))
    found: dict[str, Food] = {}
    for chunk, marks in in_batches(wanted):
        names = dict(conn.execute(f"SELECT id, name FROM imported_food WHERE id IN ({marks})",
                                  chunk).fetchall())
        values: dict[str, dict[str, float | None]] = {i: dict.fromkeys(BY_KEY) for i in names}
        for food_id, key, value in conn.execute(
                "SELECT food_id, nutrient, per_100g FROM imported_food_nutrient "
                f"WHERE food_id IN ({marks})", chunk):
            if key in BY_KEY:
                values[food_id][key] = value
        for food_id, name in names.items():
            found[food_id] = Food(food_id, name, IMPORTED_GROUP, values[food_id])
    return found


def sources(conn: sqlite3.Connection, ids: Iterable[str]) -> dict[str, str]:
    """Where each imported food among ``ids`` came from."""
    wanted = list(dict.fromkeys(ids))
    found: dict[str, str] = {}
    for chunk, marks in in_batches(wanted):
        found.update(conn.execute(
            f"SELECT id, source FROM imported_food WHERE id IN ({marks})", chunk).fetchall())
    return found


def delete(conn: sqlite3.Connection, food_id: str) -> None:
    """Remove an imported food (an import that added it being undone)."""
    conn.execute("DELETE FROM imported_food WHERE id = ?", (food_id,))
