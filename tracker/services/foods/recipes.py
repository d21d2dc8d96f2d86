"""Use cases on recipes: make one, show what it holds, edit it, delete it.

A recipe is a food ("recipe:<hex>"): it is searched, given portions
("1 serving", "1 whole recipe", grams) and logged like any other. Its
ingredients are held as the exact versions current when it was saved.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Sequence
from dataclasses import dataclass

from tracker.domain import validation
from tracker.domain.amounts import parse_amount
from tracker.domain.errors import UserError
from tracker.domain.foods import Food, base_id, version_of
from tracker.domain.recipes import (
    MAX_INGREDIENT_GRAMS,
    Recipe,
    RecipeItem,
    check_recipe,
    recipe_food,
    refuse_cycle,
)
from tracker.services.context import Context
from tracker.services.foods.catalog import get_food
from tracker.services.foods.edits import FoodEdit, Store, next_id, refuse_if_used, save_version
from tracker.services.foods.lookup import foods_by_id
from tracker.storage.own_foods import food_versions
from tracker.storage.own_foods import recipes as repo
from tracker.storage.own_foods.food_versions import Connection


@dataclass(frozen=True)
class Ingredient:
    """An ingredient as a person gives it: a food id and either grams or an amount ("1 cup")."""

    food_id: str
    grams: float | str | None = None
    amount: str | None = None


def parse_item(text: str) -> Ingredient:
    """``ID=GRAMS`` (the command line's ``--item``)."""
    food_id, equals, grams = text.partition("=")
    if not equals or not food_id.strip() or not grams.strip():
        raise UserError(f"Ingredient {text!r} must look like ID=GRAMS, e.g. sr28:11457=30.",
                        "items")
    return Ingredient(food_id.strip(), grams.strip())


def resolve(ctx: Context, ingredients: Sequence[Ingredient | RecipeItem]) -> list[RecipeItem]:
    """Each ingredient as a recipe item naming the current version of its food.

    Saving a recipe takes its ingredients as they are now, so an edit of a
    food reaches the recipes using it when they are next saved.
    """
    items = []
    for given in ingredients:
        if isinstance(given, RecipeItem):
            current = get_food(ctx, base_id(given.food_id))
            items.append(RecipeItem(current.id, given.grams, given.amount, given.unit))
            continue
        food = get_food(ctx, given.food_id)
        if (given.grams is None) == (given.amount is None):
            raise UserError(f"Give {food.name} in grams or as an amount such as '1 cup'.",
                            "items")
        if given.grams is not None:
            grams = validation.check_amount(
                validation.parse_number(given.grams, "An ingredient's weight", "items"),
                "An ingredient's weight", "items", MAX_INGREDIENT_GRAMS, "g")
            items.append(RecipeItem(food.id, grams, grams, "g"))
        else:
            amount = parse_amount(str(given.amount), food)
            items.append(RecipeItem(food.id, amount.grams, amount.amount, amount.unit))
    return items


def _build(ctx: Context, conn: Connection, recipe_id: str, name: str,
           items: Sequence[RecipeItem], servings: float | str,
           cooked_grams: float | str | None) -> Recipe:
    servings_value = validation.parse_number(servings, "The number of servings", "servings")
    cooked = None if cooked_grams in (None, "") else validation.parse_number(
        cooked_grams, "The cooked weight", "cooked_grams")
    name = check_recipe(name, items, servings_value, cooked)
    refuse_cycle(base_id(recipe_id), items, _reachable(conn, items))
    return Recipe(recipe_id, name, tuple(items), servings_value, cooked,
                  version_of(recipe_id), dt.datetime.now().astimezone())


def _reachable(conn: Connection, items: Sequence[RecipeItem]) -> dict[str, Recipe]:
    """Every recipe version the items reach, at any depth."""
    found: dict[str, Recipe] = {}
    wanted = [i.food_id for i in items if i.food_id.startswith("recipe:")]
    while wanted:
        fresh = repo.get_many(conn, [w for w in wanted if w not in found])
        found.update(fresh)
        wanted = [i.food_id for r in fresh.values() for i in r.items
                  if i.food_id.startswith("recipe:") and i.food_id not in found]
    return found


def add_recipe(ctx: Context, name: str, ingredients: Sequence[Ingredient | RecipeItem],
               servings: float | str = 1.0, cooked_grams: float | str | None = None) -> Food:
    """Store a new recipe; returns it as a food (id "recipe:<hex>")."""
    items = resolve(ctx, ingredients)
    with ctx.diary.write() as conn:
        recipe = _build(ctx, conn, f"recipe:{uuid.uuid4().hex}", name, items, servings,
                        cooked_grams)
        repo.insert(conn, recipe)
    return recipe_as_food(ctx, recipe.id)


def edit_recipe(ctx: Context, recipe_id: str, name: str,
                ingredients: Sequence[Ingredient | RecipeItem], servings: float | str = 1.0,
                cooked_grams: float | str | None = None,
                update_from: dt.date | None = None) -> FoodEdit:
    """Save a new version of a recipe; with ``update_from``, entries from that date on use
    it too. Past entries otherwise keep the version they were logged with."""
    current = get_food(ctx, base_id(recipe_id))
    if not current.is_recipe:
        raise UserError(f"{recipe_id} is not a recipe.", "food")
    items = resolve(ctx, ingredients)
    with ctx.diary.write() as conn:
        recipe = _build(ctx, conn, next_id(conn, current.id), name, items, servings,
                        cooked_grams)
        new = recipe_food(recipe, foods_by_id(ctx, [i.food_id for i in recipe.items]))
        return save_version(conn, current.id, new, _store(recipe), update_from)


def draft_food(ctx: Context, name: str, ingredients: Sequence[Ingredient | RecipeItem],
               servings: float | str = 1.0, cooked_grams: float | str | None = None) -> Food:
    """What a recipe being edited holds, without storing it (for live totals)."""
    items = resolve(ctx, ingredients)
    recipe = _build(ctx, ctx.diary.conn, "recipe:draft", name or "Draft", items, servings,
                    cooked_grams)
    return recipe_food(recipe, foods_by_id(ctx, [i.food_id for i in items]))


def _store(recipe: Recipe) -> Store:
    return lambda conn: repo.insert(conn, recipe)


def stored_recipe(ctx: Context, recipe_id: str) -> Recipe:
    """The recipe version a person means by ``recipe_id`` (current unless one is named)."""
    exact = get_food(ctx, recipe_id).id
    found = repo.get_many(ctx.diary.conn, [exact]).get(exact)
    if found is None:
        raise UserError(f"{recipe_id} is not a recipe; recipe ids look like recipe:<32 hex "
                        "digits>.", "food")
    return found


def recipe_as_food(ctx: Context, recipe_id: str) -> Food:
    food = get_food(ctx, recipe_id)
    if not food.is_recipe:
        raise UserError(f"{recipe_id} is not a recipe.", "food")
    return food


def delete_recipe(ctx: Context, recipe_id: str) -> list[Recipe]:
    """Delete a recipe (every version) that nothing uses; returns what was deleted."""
    current = stored_recipe(ctx, base_id(recipe_id))
    base = base_id(current.id)
    with ctx.diary.write() as conn:
        refuse_if_used(conn, base, current.name)
        ids = [i for i in repo.all_ids(conn) if base_id(i) == base]
        versions = sorted(repo.get_many(conn, ids).values(), key=lambda r: r.version)
        food_versions.delete_all(conn, food_versions.RECIPE, base)
    return versions


def restore_recipe(ctx: Context, versions: Sequence[Recipe]) -> None:
    """Put back a deleted recipe (the undo of ``delete_recipe``)."""
    latest = max(r.version for r in versions)
    with ctx.diary.write() as conn:
        for recipe in versions:
            repo.insert(conn, recipe, retired=recipe.version != latest)


def reapply_recipe_edit(ctx: Context, edit: FoodEdit, recipe: Recipe) -> None:
    from tracker.services.foods.edits import reapply_edit

    reapply_edit(ctx, edit, _store(recipe))
