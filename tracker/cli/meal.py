"""``meal add|list|show|delete``: saved meals, logged in one step with ``log meal NAME``."""

from __future__ import annotations

import argparse

from tracker.cli.common import print_json
from tracker.domain.meals import Meal, MealItem, parse_time_span
from tracker.domain.validation import parse_date
from tracker.services.context import Context
from tracker.services.foods import meals
from tracker.services.foods.lookup import current_foods
from tracker.services.supplements import products


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    meal = subparsers.add_parser("meal", help="saved meals, such as 'Usual breakfast'")
    actions = meal.add_subparsers(dest="action", metavar="ACTION", required=True)

    add = actions.add_parser(
        "add", help="save a day's foods, water, caffeine and supplements as a meal",
        description="Episodes are not part of a meal. Log the meal later with 'log meal NAME'.")
    add.add_argument("name", metavar="NAME")
    add.add_argument("--from-day", required=True, metavar="YYYY-MM-DD",
                     help="the diary day to take the entries from")
    add.add_argument("--times", metavar="HH:MM-HH:MM",
                     help="only the entries logged between these times")
    add.add_argument("--json", action="store_true")
    add.set_defaults(handler=_add)

    for name, helptext, handler in (("show", "what a meal holds", _show),
                                    ("delete", "delete a saved meal", _delete)):
        action = actions.add_parser(name, help=helptext)
        action.add_argument("name", metavar="NAME")
        if name == "show":
            action.add_argument("--json", action="store_true")
        action.set_defaults(handler=handler)

    listing = actions.add_parser("list", help="your saved meals")
    listing.add_argument("--json", action="store_true")
    listing.set_defaults(handler=_list)


def _item_text(item: MealItem, names: dict[str, str], product_names: dict[str, str]) -> str:
    if item.kind == "food":
        size = f"{item.grams:g} g" if item.unit == "g" else f"{item.amount:g} {item.unit}"
        return f"{size} {names.get(item.food_id or '', item.food_id)}"
    if item.kind == "water":
        return f"{item.volume_ml:g} ml water"
    if item.kind == "caffeine":
        return f"{item.caffeine_mg:g} mg caffeine ({item.label})"
    return f"{item.units:g} x {product_names.get(item.product_id or '', 'supplement')}"


def _describe(ctx: Context, meal: Meal) -> list[str]:
    names = {i: f.name for i, f in current_foods(ctx, [
        i.food_id for i in meal.items if i.food_id]).items()}
    product_names = {p.id: p.name for p in products(ctx)}
    return [_item_text(item, names, product_names) for item in meal.items]


def _meal_json(ctx: Context, meal: Meal) -> dict[str, object]:
    return {"id": meal.id, "name": meal.name, "times_logged": meal.times_logged,
            "last_logged": meal.last_logged.isoformat() if meal.last_logged else None,
            "items": _describe(ctx, meal)}


def _add(args: argparse.Namespace, ctx: Context) -> int:
    day = parse_date(args.from_day, "from_day")
    span = parse_time_span(args.times) if args.times else None
    meal = meals.meal_from_day(ctx, args.name, day, span)
    if args.json:
        print_json(_meal_json(ctx, meal))
    else:
        print(f"Saved the meal {meal.name} ({len(meal.items)} entries): "
              + "; ".join(_describe(ctx, meal)) + ".")
    return 0


def _show(args: argparse.Namespace, ctx: Context) -> int:
    meal = meals.find_meal(ctx, args.name)
    if args.json:
        print_json(_meal_json(ctx, meal))
    else:
        print(f"{meal.name}  ({meal.id}, logged {meal.times_logged} times)")
        for line in _describe(ctx, meal):
            print(f"  {line}")
    return 0


def _delete(args: argparse.Namespace, ctx: Context) -> int:
    meal = meals.delete_meal(ctx, args.name)
    print(f"Deleted the saved meal {meal.name}; entries already logged stay.")
    return 0


def _list(args: argparse.Namespace, ctx: Context) -> int:
    found = meals.meals(ctx)
    if args.json:
        print_json([_meal_json(ctx, meal) for meal in found])
    else:
        for meal in found:
            print(f"{meal.name}: " + "; ".join(_describe(ctx, meal)))
        if not found:
            print("No saved meals yet; save one with 'meal add NAME --from-day YYYY-MM-DD'.")
    return 0
