"""Foods a user defines, kept in their diary; and how often they log each food.

A food's versions are rows of their own ("custom:<hex>", "custom:<hex>@2", ...);
the one not ``retired`` is current. Entries name the exact version they used.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Iterable

from tracker.domain.foods import Food, Portion, base_id, version_of
from tracker.domain.nutrients import BY_KEY
from tracker.storage.batches import in_batches


def insert(conn: sqlite3.Connection, food: Food, created_at: dt.datetime,
           retired: bool = False) -> None:
    """Store a custom food version with its known nutrients and portions (inside a write)."""
    conn.execute(
        "INSERT INTO custom_food (id, name, food_group, beverage, created_at, version, retired) "
        "VALUES (?, ?, ?, ?, ?, ?, ?)",
        (food.id, food.name, food.group, int(food.beverage), created_at.isoformat(),
         version_of(food.id), int(retired)))
    _put_details(conn, food)


def _put_details(conn: sqlite3.Connection, food: Food) -> None:
    conn.executemany(
        "INSERT INTO custom_food_nutrient (food_id, nutrient, per_100g) VALUES (?, ?, ?)",
        [(food.id, key, value) for key, value in food.nutrients.items() if value is not None])
    conn.executemany(
        "INSERT INTO custom_food_portion (food_id, seq, amount, description, grams) "
        "VALUES (?, ?, ?, ?, ?)",
        [(food.id, seq, p.amount, p.description, p.grams)
         for seq, p in enumerate(food.portions, start=1)])


def replace(conn: sqlite3.Connection, food: Food) -> None:
    """Give a stored custom food new values, keeping its id and when it was made."""
    conn.execute("UPDATE custom_food SET name = ?, food_group = ?, beverage = ? WHERE id = ?",
                 (food.name, food.group, int(food.beverage), food.id))
    conn.execute("DELETE FROM custom_food_nutrient WHERE food_id = ?", (food.id,))
    conn.execute("DELETE FROM custom_food_portion WHERE food_id = ?", (food.id,))
    _put_details(conn, food)


def get_many(conn: sqlite3.Connection, ids: Iterable[str]) -> dict[str, Food]:
    """The custom foods among ``ids``; unknown ids are absent."""
    wanted = list(dict.fromkeys(ids))
    found: dict[str, Food] = {}
    for chunk, marks in in_batches(wanted):
        heads = conn.execute(
            f"SELECT id, name, food_group, beverage FROM custom_food WHERE id IN ({marks})",
            chunk).fetchall()
        if not heads:
            continue
        nutrients: dict[str, dict[str, float | None]] = {
            food_id: dict.fromkeys(BY_KEY) for food_id, *_ in heads}
        for food_id, key, value in conn.execute(
                "SELECT food_id, nutrient, per_100g FROM custom_food_nutrient "
                f"WHERE food_id IN ({marks})", chunk):
            if key in BY_KEY:
                nutrients[food_id][key] = value
        portions: dict[str, list[Portion]] = {food_id: [] for food_id, *_ in heads}
        for food_id, amount, description, grams in conn.execute(
                "SELECT food_id, amount, description, grams FROM custom_food_portion "
                f"WHERE food_id IN ({marks}) ORDER BY food_id, seq", chunk):
            portions[food_id].append(Portion(amount, description, grams))
        for food_id, name, group, beverage in heads:
            found[food_id] = Food(food_id, name, group, nutrients[food_id],
                                  tuple(portions[food_id]), survey=False, beverage=bool(beverage))
    return found


def get(conn: sqlite3.Connection, food_id: str) -> Food | None:
    return get_many(conn, [food_id]).get(food_id)


def names(conn: sqlite3.Connection) -> list[tuple[str, str, str]]:
    """(food id without version, name, group) of every current custom food, for search."""
    rows = conn.execute("SELECT id, name, food_group FROM custom_food WHERE retired = 0 "
                        "ORDER BY created_at, id")
    return [(base_id(str(i)), str(n), str(g)) for i, n, g in rows]


def all_ids(conn: sqlite3.Connection) -> list[str]:
    """Every stored version of every custom food, current or retired."""
    return [str(i) for (i,) in conn.execute("SELECT id FROM custom_food ORDER BY id")]


def retired_ids(conn: sqlite3.Connection) -> set[str]:
    return {str(i) for (i,) in conn.execute("SELECT id FROM custom_food WHERE retired = 1")}


def usage_since(conn: sqlite3.Connection, since: dt.date) -> dict[str, tuple[int, dt.date]]:
    """For each food logged on or after ``since``: how many entries, and the latest day.

    Versions of a food count as the food (keyed by the id without version).
    """
    rows = conn.execute(
        "SELECT food_id, count(*), max(date) FROM food_entry WHERE date >= ? GROUP BY food_id",
        (since.isoformat(),))
    usage: dict[str, tuple[int, dt.date]] = {}
    for food_id, count, last in rows:
        key = base_id(str(food_id))
        day = dt.date.fromisoformat(last)
        before = usage.get(key)
        usage[key] = (int(count), day) if before is None else (
            before[0] + int(count), max(before[1], day))
    return usage
