"""Finding foods by id, whatever kind they are: SR28, the person's own foods, recipes.

Two ways to ask. ``foods_by_id`` takes ids as stored in entries and recipes,
each naming one exact version ("custom:ab12" is the first version,
"custom:ab12@3" the third). ``current_food`` takes the id a person types or
picks in search and gives the food as it is now (its current version).
A recipe is computed from its ingredients' exact versions each time. Foods
imported from another app ("imported:<hex>") have one version only.

The modules of the person's own foods and recipes load when an id of theirs is
asked for: most days the day view, before its first paint, asks for SR28 foods only.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from tracker.domain.foods import (
    CUSTOM_PREFIX,
    IMPORTED_PREFIX,
    RECIPE_PREFIX,
    SR28_PREFIX,
    VERSION_MARK,
    Food,
)
from tracker.services.context import Context

if TYPE_CHECKING:
    from tracker.domain.recipes import Recipe

# Recipes inside recipes deeper than this are not followed (they cannot loop,
# since each version names only versions older than itself; this is a guard).
MAX_DEPTH = 20


def foods_by_id(ctx: Context, ids: Iterable[str]) -> dict[str, Food]:
    """The foods among ``ids`` (exact versions) that exist; others are left out."""
    found: dict[str, Food] = {}
    _fill(ctx, [i for i in dict.fromkeys(ids) if isinstance(i, str)], found, 0)
    return found


def _fill(ctx: Context, ids: list[str], found: dict[str, Food], depth: int) -> None:
    wanted = [i for i in ids if i not in found]
    sr28 = [i for i in wanted if i.startswith(SR28_PREFIX)]
    custom = [i for i in wanted if i.startswith(CUSTOM_PREFIX)]
    recipes = [i for i in wanted if i.startswith(RECIPE_PREFIX)]
    imported = [i for i in wanted if i.startswith(IMPORTED_PREFIX)]
    if sr28:
        found.update(ctx.foods.get_many(sr28))
    if custom:
        from tracker.storage.own_foods import custom_foods

        found.update(custom_foods.get_many(ctx.diary.conn, custom))
    if imported:
        from tracker.storage.transfer import imported_foods

        found.update(imported_foods.get_many(ctx.diary.conn, imported))
    if recipes and depth < MAX_DEPTH:
        from tracker.domain.recipes import recipe_food
        from tracker.storage.own_foods import recipes as recipe_repo

        stored = recipe_repo.get_many(ctx.diary.conn, recipes)
        _fill(ctx, _ingredient_ids(stored.values()), found, depth + 1)
        for recipe in stored.values():
            found[recipe.id] = recipe_food(recipe, found)


def _ingredient_ids(recipes: Iterable[Recipe]) -> list[str]:
    return list(dict.fromkeys(item.food_id for recipe in recipes for item in recipe.items))


def current_id(ctx: Context, food_id: str) -> str | None:
    """The id of the version a person means by ``food_id`` (its current one unless a
    version is named), or None when there is no such food."""
    if food_id.startswith(SR28_PREFIX) or VERSION_MARK in food_id:
        return food_id
    from tracker.storage.own_foods import food_versions

    table = food_versions.RECIPE if food_id.startswith(RECIPE_PREFIX) else (
        food_versions.CUSTOM if food_id.startswith(CUSTOM_PREFIX) else None)
    if table is None:
        return food_id
    return food_versions.current_id(ctx.diary.conn, table, food_id)


def current_food(ctx: Context, food_id: str) -> Food | None:
    """The food as it is now for the id a person gives; None when there is none."""
    exact = current_id(ctx, food_id)
    return None if exact is None else foods_by_id(ctx, [exact]).get(exact)


def current_foods(ctx: Context, ids: Iterable[str]) -> dict[str, Food]:
    """Like ``current_food`` for many ids, keyed by the ids given."""
    exact = {food_id: current_id(ctx, food_id) for food_id in dict.fromkeys(ids)}
    found = foods_by_id(ctx, [e for e in exact.values() if e is not None])
    return {given: found[e] for given, e in exact.items() if e is not None and e in found}
