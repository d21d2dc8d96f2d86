"""``recipe add|show|edit|delete|list``: foods made of other foods, by weight."""

from __future__ import annotations

import argparse
from typing import Any

from tracker.cli.common import date_arg, print_json
from tracker.domain.foods import Food
from tracker.domain.nutrients import BY_KEY
from tracker.domain.recipes import Recipe, RecipeItem
from tracker.domain.summary import SHOWN, format_amount
from tracker.services.context import Context
from tracker.services.foods import recipes
from tracker.services.foods.catalog import get_foods
from tracker.services.foods.recipes import Ingredient, parse_item

# The nutrient keys and units of ``day --json`` (drinks are not a nutrient of a food).
SHOWN_NUTRIENTS = tuple((key, label, unit) for key, label, unit in SHOWN if key != "drinks")
# "Total water" of a food is the water it holds (1 g taken as 1 ml).
_REGISTRY_KEY = {"water_total": "water"}


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    recipe = subparsers.add_parser("recipe", help="recipes: foods made of other foods")
    actions = recipe.add_subparsers(dest="action", metavar="ACTION", required=True)

    add = actions.add_parser(
        "add", help="a recipe from ingredients by weight",
        description="Ingredients are food ids (see 'search') with grams. A recipe's nutrients "
                    "per serving are the ingredients' sums divided by the servings; per 100 g, "
                    "divided by the cooked weight (or the raw weight).")
    add.add_argument("name", metavar="NAME")
    _recipe_options(add, required=True)
    add.add_argument("--json", action="store_true", help='print {"id": "recipe:..."}')
    add.set_defaults(handler=_add)

    show = actions.add_parser("show", help="a recipe's ingredients and nutrients per serving "
                                           "and per 100 g")
    show.add_argument("recipe_id", metavar="ID")
    show.add_argument("--json", action="store_true")
    show.set_defaults(handler=_show)

    edit = actions.add_parser(
        "edit", help="save a new version of a recipe",
        description="Days already logged keep the version they were logged with unless "
                    "--update-from is given; then entries from that date on use the new one.")
    edit.add_argument("recipe_id", metavar="ID")
    edit.add_argument("--name")
    _recipe_options(edit, required=False)
    edit.add_argument("--update-from", metavar="YYYY-MM-DD",
                      help="also update the entries from this date on")
    edit.add_argument("--json", action="store_true")
    edit.set_defaults(handler=_edit)

    delete = actions.add_parser("delete", help="delete a recipe nothing uses")
    delete.add_argument("recipe_id", metavar="ID")
    delete.set_defaults(handler=_delete)

    listing = actions.add_parser("list", help="your recipes")
    listing.add_argument("--json", action="store_true")
    listing.set_defaults(handler=_list)


def _recipe_options(parser: argparse.ArgumentParser, required: bool) -> None:
    parser.add_argument("--item", action="append", default=[], metavar="ID=GRAMS",
                        required=required, help="an ingredient and its grams; repeatable")
    size = parser.add_mutually_exclusive_group(required=required)
    size.add_argument("--servings", metavar="N", help="how many servings it makes")
    size.add_argument("--cooked-grams", metavar="G",
                      help="what the finished dish weighs (it is then one serving)")


def nutrients_json(food: Food, grams: float) -> dict[str, dict[str, Any]]:
    """``grams`` of ``food`` by nutrient, with ``day --json``'s keys and units."""
    out = {}
    for key, _, unit in SHOWN_NUTRIENTS:
        source = _REGISTRY_KEY.get(key, key)
        amount = food.per_grams(source, grams)
        out[key] = {"amount": None if amount is None else round(amount, 4), "unit": unit,
                    "known_fraction": round(food.known_fraction(source), 4)}
    return out


def recipe_json(recipe: Recipe, food: Food, names: dict[str, str]) -> dict[str, Any]:
    return {
        "id": food.id.split("@", 1)[0], "version": recipe.version, "name": recipe.name,
        "servings": recipe.servings, "cooked_grams": recipe.cooked_grams,
        "total_grams": recipe.final_grams, "serving_grams": recipe.serving_grams,
        "ingredients": [{"id": item.food_id, "name": names.get(item.food_id, ""),
                         "amount": item.amount, "unit": item.unit, "grams": item.grams}
                        for item in recipe.items],
        "per_serving": nutrients_json(food, recipe.serving_grams),
        "per_100g": nutrients_json(food, 100.0),
    }


def _size(args: argparse.Namespace, recipe: Recipe | None = None
          ) -> tuple[float | str, float | str | None]:
    if args.cooked_grams is not None:
        return 1.0, args.cooked_grams
    if args.servings is not None:
        return args.servings, None
    assert recipe is not None
    return recipe.servings, recipe.cooked_grams


def _add(args: argparse.Namespace, ctx: Context) -> int:
    servings, cooked = _size(args)
    food = recipes.add_recipe(ctx, args.name, [parse_item(text) for text in args.item],
                              servings, cooked)
    if args.json:
        print_json({"id": food.id})
    else:
        print(f"Added the recipe {food.name} as {food.id}.")
    return 0


def _show(args: argparse.Namespace, ctx: Context) -> int:
    recipe = recipes.stored_recipe(ctx, args.recipe_id)
    food = recipes.recipe_as_food(ctx, recipe.id)
    names = {i: f.name for i, f in get_foods(ctx, [i.food_id for i in recipe.items]).items()}
    if args.json:
        print_json(recipe_json(recipe, food, names))
        return 0
    print(f"{recipe.name}  ({food.id}, version {recipe.version})")
    print(f"Makes {recipe.servings:g} serving{'s' if recipe.servings != 1 else ''} of "
          f"{recipe.serving_grams:,.0f} g ({recipe.final_grams:,.0f} g in all).")
    for item in recipe.items:
        size = f"{item.grams:g} g" if item.unit == "g" else \
            f"{item.amount:g} {item.unit} ({item.grams:,.0f} g)"
        print(f"  {size}  {names.get(item.food_id, item.food_id)}")
    print(f"  {'':<12} {'per serving':>14} {'per 100 g':>12}  data known")
    for key, label, unit in SHOWN_NUTRIENTS:
        source = _REGISTRY_KEY.get(key, key)
        decimals_key = key if key in BY_KEY else ""
        serving = format_amount(food.per_grams(source, recipe.serving_grams), unit, decimals_key)
        per_100g = format_amount(food.per_grams(source, 100.0), unit, decimals_key)
        print(f"  {label:<12} {serving:>14} {per_100g:>12}  "
              f"{100 * food.known_fraction(source):.0f} %")
    return 0


def _edit(args: argparse.Namespace, ctx: Context) -> int:
    current = recipes.stored_recipe(ctx, args.recipe_id)
    servings, cooked = _size(args, current)
    items: list[Ingredient | RecipeItem] = (
        [parse_item(text) for text in args.item] if args.item else list(current.items))
    edit = recipes.edit_recipe(ctx, current.id, args.name or current.name, items,
                               servings, cooked, update_from=date_arg(args.update_from))
    if args.json:
        print_json({"id": edit.food.id.split("@", 1)[0], "version_id": edit.food.id,
                    "entries_updated": len(edit.moved)})
    else:
        moved = f"; {len(edit.moved)} entries now use it" if args.update_from else \
            "; days already logged keep the earlier version"
        print(f"Saved a new version of {edit.food.name}{moved}.")
    return 0


def _delete(args: argparse.Namespace, ctx: Context) -> int:
    deleted = recipes.delete_recipe(ctx, args.recipe_id)
    print(f"Deleted the recipe {deleted[-1].name}.")
    return 0


def _list(args: argparse.Namespace, ctx: Context) -> int:
    from tracker.services.foods.catalog import own_food_names

    found = [(i, name) for i, name, _ in own_food_names(ctx) if i.startswith("recipe:")]
    if args.json:
        print_json([{"id": i, "name": name} for i, name in found])
    else:
        for recipe_id, name in found or [("", "No recipes yet.")]:
            print(f"{recipe_id}  {name}".strip())
    return 0
