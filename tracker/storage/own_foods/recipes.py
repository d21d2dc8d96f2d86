"""Recipes and their ingredients; one row per recipe version (see ``food_versions``)."""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Iterable

from tracker.domain.foods import base_id
from tracker.domain.recipes import Recipe, RecipeItem
from tracker.storage.batches import in_batches


def insert(conn: sqlite3.Connection, recipe: Recipe, retired: bool = False) -> None:
    """Store one recipe version and its ingredients (inside a write)."""
    created = (recipe.created_at or dt.datetime.now().astimezone()).isoformat()
    conn.execute(
        "INSERT INTO recipe (id, name, version, retired, servings, cooked_grams, created_at) "
        "VALUES (?, ?, ?, ?, ?, ?, ?)",
        (recipe.id, recipe.name, recipe.version, int(retired), float(recipe.servings),
         recipe.cooked_grams, created))
    conn.executemany(
        "INSERT INTO recipe_item (recipe_id, seq, food_id, grams, amount, unit) "
        "VALUES (?, ?, ?, ?, ?, ?)",
        [(recipe.id, seq, item.food_id, float(item.grams), float(item.amount), item.unit)
         for seq, item in enumerate(recipe.items, start=1)])


def get_many(conn: sqlite3.Connection, ids: Iterable[str]) -> dict[str, Recipe]:
    """The recipe versions among ``ids``; unknown ids are absent."""
    wanted = list(dict.fromkeys(ids))
    found: dict[str, Recipe] = {}
    for chunk, marks in in_batches(wanted):
        heads = conn.execute(
            "SELECT id, name, servings, cooked_grams, version, created_at FROM recipe "
            f"WHERE id IN ({marks})", chunk).fetchall()
        items: dict[str, list[RecipeItem]] = {str(row[0]): [] for row in heads}
        for recipe_id, food_id, grams, amount, unit in conn.execute(
                "SELECT recipe_id, food_id, grams, amount, unit FROM recipe_item "
                f"WHERE recipe_id IN ({marks}) ORDER BY recipe_id, seq", chunk):
            items[str(recipe_id)].append(RecipeItem(str(food_id), grams, amount, str(unit)))
        for recipe_id, name, servings, cooked, version, created in heads:
            found[str(recipe_id)] = Recipe(
                str(recipe_id), str(name), tuple(items[str(recipe_id)]), float(servings),
                None if cooked is None else float(cooked), int(version),
                dt.datetime.fromisoformat(str(created)))
    return found


def names(conn: sqlite3.Connection) -> list[tuple[str, str]]:
    """(recipe id without version, name) of every current recipe, for search."""
    rows = conn.execute("SELECT id, name FROM recipe WHERE retired = 0 ORDER BY created_at, id")
    return [(base_id(str(i)), str(n)) for i, n in rows]


def all_ids(conn: sqlite3.Connection) -> list[str]:
    """Every stored version of every recipe, current or retired."""
    return [str(i) for (i,) in conn.execute("SELECT id FROM recipe ORDER BY id")]


def retired_ids(conn: sqlite3.Connection) -> set[str]:
    return {str(i) for (i,) in conn.execute("SELECT id FROM recipe WHERE retired = 1")}
