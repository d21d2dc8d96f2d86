"""Recipes and saved meals in the bundle: their rows for export, and reading them back.

recipes.csv holds one row per stored recipe version (``retired`` marks the
earlier ones, kept for the entries logged with them); recipe_items.csv its
ingredients in order. meals.csv and meal_items.csv hold the saved meals.
Import checks every row first, like the rest of the bundle, and adds what the
diary lacks.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence, Set
from dataclasses import dataclass, replace

from tracker.domain import validation
from tracker.domain.entries import SupplementProduct
from tracker.domain.errors import UserError
from tracker.domain.foods import (
    CUSTOM_PREFIX,
    RECIPE_PREFIX,
    VERSION_MARK,
    base_id,
    version_of,
)
from tracker.domain.meals import Meal, MealItem, check_item
from tracker.domain.recipes import (
    MAX_COOKED_GRAMS,
    MAX_INGREDIENT_GRAMS,
    MAX_SERVINGS,
    Recipe,
    RecipeItem,
    refuse_cycle,
)
from tracker.services.context import Context
from tracker.services.foods.lookup import current_foods, current_id, foods_by_id
from tracker.services.transfer import bundle_format as fmt
from tracker.services.transfer.bundle_csv import BundleFileError, Cell, Row
from tracker.services.transfer.import_cells import Cells
from tracker.storage.own_foods import food_versions
from tracker.storage.own_foods import meals as meal_repo
from tracker.storage.own_foods import recipes as recipe_repo
from tracker.storage.own_foods import supplements as supplement_repo
from tracker.storage.own_foods.food_versions import Connection

Rows = list[Sequence[Cell]]
_RECIPE_ID = re.compile(r"recipe:[0-9a-f]{32}(@[1-9]\d{0,6})?")
_MEAL_ID = re.compile(r"meal:[0-9a-f]{32}")


def own_food_files(ctx: Context, products: Iterable[SupplementProduct]
                   ) -> list[tuple[fmt.BundleFile, Rows]]:
    """recipes.csv, recipe_items.csv, meals.csv and meal_items.csv: every recipe version
    and every saved meal."""
    conn = ctx.diary.conn
    recipes = sorted(recipe_repo.get_many(conn, recipe_repo.all_ids(conn)).values(),
                     key=lambda r: (r.name.casefold(), r.id))
    meals = meal_repo.all_meals(conn)
    names = {i: f.name for i, f in foods_by_id(
        ctx, {item.food_id for r in recipes for item in r.items}).items()}
    meal_foods = {i.food_id for m in meals for i in m.items if i.food_id}
    names.update({i: f.name for i, f in current_foods(ctx, meal_foods).items()})
    product_names = {p.id: p.name for p in products}
    return [(fmt.RECIPES, recipe_rows(recipes, recipe_repo.retired_ids(conn))),
            (fmt.RECIPE_ITEMS, recipe_item_rows(recipes, names)),
            (fmt.MEALS, meal_rows(meals)),
            (fmt.MEAL_ITEMS, meal_item_rows(meals, names, product_names))]


def recipe_rows(recipes: Iterable[Recipe], retired: Set[str]) -> Rows:
    return [(r.id, r.name, r.servings, r.cooked_grams, r.id in retired) for r in recipes]


def recipe_item_rows(recipes: Iterable[Recipe], names: Mapping[str, str]) -> Rows:
    return [(r.id, item.food_id, names.get(item.food_id, ""), item.amount, item.unit,
             item.grams) for r in recipes for item in r.items]


def meal_rows(meals: Iterable[Meal]) -> Rows:
    return [(m.id, m.name, m.times_logged, m.last_logged.isoformat() if m.last_logged else None)
            for m in meals]


def meal_item_rows(meals: Iterable[Meal], food_names: Mapping[str, str],
                   product_names: Mapping[str, str]) -> Rows:
    return [(m.id, i.kind, i.food_id, food_names.get(i.food_id or "", ""), i.amount, i.unit,
             i.grams, i.volume_ml, i.caffeine_mg, i.label,
             product_names.get(i.product_id or "", "") if i.product_id else None, i.units,
             i.product_id) for m in meals for i in m.items]


@dataclass
class RecipesAndMeals:
    """What the bundle's recipe and meal files hold, checked."""

    recipes: list[Recipe]
    retired: set[str]
    meals: list[Meal]
    food_ids: dict[str, tuple[str, int]]  # every food id named, with where it was named
    product_ids: dict[str, tuple[str, int]]


def read(rows: Mapping[str, list[Row]]) -> RecipesAndMeals:
    """Parse recipes.csv, recipe_items.csv, meals.csv and meal_items.csv."""
    food_ids: dict[str, tuple[str, int]] = {}
    product_ids: dict[str, tuple[str, int]] = {}
    heads, retired = _recipe_heads(rows.get(fmt.RECIPES.name, []))
    items = _recipe_items(rows.get(fmt.RECIPE_ITEMS.name, []), heads, food_ids)
    recipes = [Recipe(r.id, r.name, tuple(items[r.id]), r.servings, r.cooked_grams, r.version)
               for r in heads.values()]
    for recipe in recipes:
        if not recipe.items:
            raise BundleFileError(fmt.RECIPES.name, None,
                                  f"{recipe.id} has no ingredients in recipe_items.csv.", "id")
    meals = _meals(rows.get(fmt.MEALS.name, []), rows.get(fmt.MEAL_ITEMS.name, []), food_ids,
                   product_ids)
    return RecipesAndMeals(recipes, retired, meals, food_ids, product_ids)


def _recipe_heads(rows: Iterable[Row]) -> tuple[dict[str, Recipe], set[str]]:
    heads: dict[str, Recipe] = {}
    lines: dict[str, int] = {}
    retired: set[str] = set()
    for row in rows:
        c = Cells(fmt.RECIPES.name, row)
        recipe_id = c.checked_id("id", c.required("id"))
        if not _RECIPE_ID.fullmatch(recipe_id):
            raise c.fail(f"{recipe_id!r} is not a recipe id (recipe: and 32 hex digits).", "id")
        if recipe_id in lines:
            raise c.fail(f"{recipe_id} already appears on line {lines[recipe_id]}.", "id")
        lines[recipe_id] = c.line
        servings = c.number("servings", "The number of servings")
        cooked = c.optional_number("cooked_grams", "The cooked weight")
        with c.checking():
            validation.check_amount(servings, "The number of servings", "servings",
                                    MAX_SERVINGS, "servings")
            if cooked is not None:
                validation.check_amount(cooked, "The cooked weight", "cooked_grams",
                                        MAX_COOKED_GRAMS, "g")
        name = c.text("name", "The recipe name", validation.MAX_NAME, required=True)
        heads[recipe_id] = Recipe(recipe_id, name, (), servings, cooked, version_of(recipe_id))
        if c.flag("retired"):
            retired.add(recipe_id)
    return heads, retired


def _recipe_items(rows: Iterable[Row], heads: Mapping[str, Recipe],
                  food_ids: dict[str, tuple[str, int]]) -> dict[str, list[RecipeItem]]:
    items: dict[str, list[RecipeItem]] = defaultdict(list)
    for row in rows:
        c = Cells(fmt.RECIPE_ITEMS.name, row)
        recipe_id = c.required("recipe_id")
        if recipe_id not in heads:
            raise c.fail(f"{recipe_id} is not in recipes.csv.", "recipe_id")
        food_id = c.checked_id("food_id", c.required("food_id"))
        grams = c.number("grams", "The ingredient's weight")
        unit = c.text("unit", "The unit", validation.MAX_NAME) or "g"
        amount = c.optional_number("amount", "The amount")
        with c.checking():
            validation.check_amount(grams, "The ingredient's weight", "grams",
                                    MAX_INGREDIENT_GRAMS, "g")
            validation.check_amount(amount if amount is not None else grams, "The amount",
                                    "amount", 1e6, unit)
        items[recipe_id].append(RecipeItem(food_id, grams, amount or grams, unit))
        food_ids.setdefault(food_id, (fmt.RECIPE_ITEMS.name, c.line))
    return items


def _meals(meal_rows: Iterable[Row], item_rows: Iterable[Row],
           food_ids: dict[str, tuple[str, int]],
           product_ids: dict[str, tuple[str, int]]) -> list[Meal]:
    heads: dict[str, Meal] = {}
    names: dict[str, int] = {}
    for row in meal_rows:
        c = Cells(fmt.MEALS.name, row)
        meal_id = c.checked_id("id", c.required("id"))
        if not _MEAL_ID.fullmatch(meal_id) or meal_id in heads:
            raise c.fail(f"{meal_id!r} is not a new meal id (meal: and 32 hex digits).", "id")
        name = c.text("name", "The meal name", validation.MAX_NAME, required=True)
        if name.casefold() in names:
            raise c.fail(f"{name!r} already appears on line {names[name.casefold()]}.", "name")
        names[name.casefold()] = c.line
        times = c.optional_whole("times_logged", "Times logged") or 0
        last = c.date("last_logged") if c.raw("last_logged") else None
        heads[meal_id] = Meal(meal_id, name, (), max(times, 0), last)
    items: dict[str, list[MealItem]] = defaultdict(list)
    for row in item_rows:
        c = Cells(fmt.MEAL_ITEMS.name, row)
        meal_id = c.required("meal_id")
        if meal_id not in heads:
            raise c.fail(f"{meal_id} is not in meals.csv.", "meal_id")
        item = _meal_item(c)
        if item.food_id:
            food_ids.setdefault(item.food_id, (fmt.MEAL_ITEMS.name, c.line))
        if item.product_id:
            product_ids.setdefault(item.product_id, (fmt.MEAL_ITEMS.name, c.line))
        items[meal_id].append(item)
    return [Meal(m.id, m.name, tuple(items[m.id]), m.times_logged, m.last_logged)
            for m in heads.values() if items[m.id]]


def _meal_item(c: Cells) -> MealItem:
    kind = c.required("kind").lower()
    number = c.optional_number
    item = MealItem(
        kind, food_id=c.checked_id("food_id", c.raw("food_id")) if c.raw("food_id") else None,
        grams=number("grams", "The weight"), amount=number("amount", "The amount"),
        unit=c.text("unit", "The unit", validation.MAX_NAME) or None,
        volume_ml=number("volume_ml", "The volume"), caffeine_mg=number("caffeine_mg", "Caffeine"),
        label=c.text("label", "The label", validation.MAX_NAME) if kind == "caffeine" else None,
        product_id=c.checked_id("product_id", c.raw("product_id")) if c.raw("product_id")
        else None, units=number("units", "The number of units"))
    if item.kind == "food" and item.food_id:
        item = MealItem("food", food_id=base_id(item.food_id), grams=item.grams,
                        amount=item.amount if item.amount is not None else item.grams,
                        unit=item.unit or "g")
    with c.checking():
        return check_item(item)


def check_references(found: RecipesAndMeals, known_foods: Set[str],
                     known_products: Set[str]) -> None:
    """Every food an ingredient or meal names exists (in the bundle or the diary), every
    product too, and no recipe holds itself."""
    for food_id, (file, line) in found.food_ids.items():
        if food_id not in known_foods:
            raise BundleFileError(file, line, f"there is no food with the id {food_id!r} in the "
                                  "food database, the bundle or this diary.", "food_id")
    for product_id, (file, line) in found.product_ids.items():
        if product_id not in known_products:
            raise BundleFileError(file, line, f"there is no supplement {product_id!r} in "
                                  "supplements.csv or in this diary.", "product_id")
    by_id = {r.id: r for r in found.recipes}
    for recipe in found.recipes:
        try:
            refuse_cycle(base_id(recipe.id), recipe.items, by_id)
        except UserError as exc:
            raise BundleFileError(fmt.RECIPE_ITEMS.name, None, f"{recipe.id}: {exc.message}",
                                  "food_id") from None


def known_food_ids(ctx: Context, ids: Iterable[str]) -> set[str]:
    """The ids among ``ids`` that name a food in the food database or this diary."""
    wanted = set(ids)
    exact = set(foods_by_id(ctx, wanted))
    # A meal names a food without its version; the food's current version stands for it.
    return exact | {i for i in wanted - exact if i.startswith((CUSTOM_PREFIX, RECIPE_PREFIX))
                    and VERSION_MARK not in i and current_id(ctx, i) is not None}


def read_checked(ctx: Context, rows: Mapping[str, list[Row]], custom_ids: Set[str],
                 products: Sequence[tuple[int, SupplementProduct]],
                 aliases: Mapping[str, str]) -> RecipesAndMeals:
    """The bundle's recipes and meals, their foods and products checked to exist and
    their meal names not taken by another meal of this diary."""
    own = read(rows)
    in_bundle = set(custom_ids) | {r.id for r in own.recipes}
    in_bundle |= {base_id(i) for i in in_bundle}
    known = in_bundle | known_food_ids(ctx, set(own.food_ids) - in_bundle)
    product_ids = {p.id for _, p in products}
    conn = ctx.diary.conn
    in_diary = {p for p in set(own.product_ids) - product_ids
                if supplement_repo.product_by_id(conn, p) is not None}
    check_references(own, known, product_ids | in_diary)
    for meal in own.meals:
        existing = meal_repo.by_name(conn, meal.name)
        if existing is not None and existing.id != meal.id:
            raise BundleFileError(fmt.MEALS.name, None, f"this diary already has another meal "
                                  f"named {meal.name!r}; rename one of them, then import again.",
                                  "name")
    own.meals = [replace(meal, items=tuple(
        replace(item, product_id=aliases.get(item.product_id, item.product_id))
        if item.product_id else item for item in meal.items)) for meal in own.meals]
    return own


def apply(conn: Connection, own: RecipesAndMeals, count: Callable[[str, bool], None]) -> None:
    """Inside the import's write: add the recipes and meals the diary lacks."""
    present = set(recipe_repo.get_many(conn, [r.id for r in own.recipes]))
    for recipe in own.recipes:
        if recipe.id not in present:
            recipe_repo.insert(conn, recipe, retired=recipe.id in own.retired)
        count("recipes", recipe.id not in present)
    for base in {base_id(r.id) for r in own.recipes}:
        food_versions.settle_current(conn, food_versions.RECIPE, base)
    for meal in own.meals:
        absent = meal_repo.by_id(conn, meal.id) is None
        if absent:
            meal_repo.put(conn, meal)
        count("meals", absent)
