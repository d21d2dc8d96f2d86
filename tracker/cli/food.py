"""``food add|show``: define a food of your own, or see what a food holds."""

from __future__ import annotations

import argparse

from tracker.cli.common import date_arg, print_json
from tracker.domain import validation
from tracker.domain.errors import UserError
from tracker.domain.foods import Food
from tracker.domain.nutrients import NUTRIENTS
from tracker.services.context import Context
from tracker.services.foods import catalog as foods


def _option(key: str) -> str:
    return f"--{key.replace('_', '-')}"


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    food = subparsers.add_parser("food", help="add, edit or delete your own foods; show a food")
    actions = food.add_subparsers(dest="action", metavar="ACTION", required=True)
    add = actions.add_parser(
        "add", help="add a food with its nutrients per serving or per 100 g",
        description="Nutrients you leave out are stored as unknown, not zero.")
    add.add_argument("--name", required=True)
    add.add_argument("--serving-grams", required=True, metavar="G",
                     help="weight of one serving in grams")
    add.add_argument("--per", choices=("serving", "100g"), default="serving",
                     help="the amounts below are per serving (default) or per 100 g")
    for n in NUTRIENTS:
        add.add_argument(_option(n.key), dest=f"nutrient_{n.key}", metavar=n.unit.upper(),
                         help=f"{n.label} in {n.unit}")
    add.add_argument("--portion", action="append", default=[], metavar="'1 bar=40'",
                     help="a household measure and its grams; repeatable")
    add.add_argument("--group", default=foods.CUSTOM_GROUP, help="food group to show")
    add.add_argument("--beverage", action="store_true", help="the food is a drink")
    add.add_argument("--json", action="store_true")
    add.set_defaults(handler=_add)
    edit = actions.add_parser(
        "edit", help="save a new version of one of your own foods",
        description="Give only what changes. Days already logged keep the version they were "
                    "logged with unless --update-from is given; then entries from that date "
                    "on use the new version (portions such as '1 serving' weighed anew).")
    edit.add_argument("food_id", metavar="ID")
    edit.add_argument("--name")
    edit.add_argument("--serving-grams", metavar="G", help="weight of one serving in grams")
    edit.add_argument("--per", choices=("serving", "100g"), default="serving",
                      help="the amounts below are per serving (default) or per 100 g")
    for n in NUTRIENTS:
        edit.add_argument(_option(n.key), dest=f"nutrient_{n.key}", metavar=n.unit.upper(),
                          help=f"{n.label} in {n.unit}")
    edit.add_argument("--unknown", action="append", default=[], metavar="NUTRIENT",
                      help="make a nutrient's value unknown; repeatable")
    edit.add_argument("--portion", action="append", default=None, metavar="'1 bar=40'",
                      help="replace the household measures; repeatable")
    edit.add_argument("--group")
    edit.add_argument("--beverage", action=argparse.BooleanOptionalAction, default=None)
    edit.add_argument("--update-from", metavar="YYYY-MM-DD",
                      help="also update the entries from this date on")
    edit.add_argument("--json", action="store_true")
    edit.set_defaults(handler=_edit)
    delete = actions.add_parser("delete", help="delete one of your own foods nothing uses")
    delete.add_argument("food_id", metavar="ID")
    delete.set_defaults(handler=_delete)
    show = actions.add_parser("show", help="nutrients per 100 g and portions of a food")
    show.add_argument("food_id", metavar="ID")
    show.add_argument("--json", action="store_true")
    show.set_defaults(handler=_show)


def _as_json(food: Food) -> dict[str, object]:
    return {
        "id": food.id, "name": food.name, "group": food.group, "beverage": food.beverage,
        "common_names": list(food.common_names),
        "per_100g": {n.column: food.nutrients.get(n.key) for n in NUTRIENTS},
        "portions": [{"amount": p.amount, "description": p.description, "grams": p.grams}
                     for p in food.portions],
    }


def _print_food(food: Food) -> None:
    print(f"{food.name}  ({food.id}, {food.group}{', drink' if food.beverage else ''})")
    if food.common_names:
        print(f"Also called: {', '.join(food.common_names)}")
    print("Per 100 g:")
    for n in NUTRIENTS:
        value = food.nutrients.get(n.key)
        shown = "unknown" if value is None else f"{value:.{n.decimals}f} {n.unit}"
        print(f"  {n.label:<14} {shown}")
    if food.portions:
        print("Portions:")
        for p in food.portions:
            print(f"  {p.label} = {p.grams:g} g")


def _add(args: argparse.Namespace, ctx: Context) -> int:
    given = {n.key: getattr(args, f"nutrient_{n.key}") for n in NUTRIENTS}
    amounts = {key: validation.parse_number(raw, key, key)
               for key, raw in given.items() if raw is not None}
    grams = validation.parse_number(args.serving_grams, "Serving weight", "serving_grams")
    portions = [foods.parse_portion(text) for text in args.portion]
    food = foods.add_custom_food(ctx, args.name, grams, amounts, args.per, portions,
                                 group=args.group, beverage=args.beverage)
    if args.json:
        print_json(_as_json(food))
    else:
        print(f"Added {food.name} as {food.id}.")
    return 0


def _show(args: argparse.Namespace, ctx: Context) -> int:
    food = foods.get_food(ctx, args.food_id)
    if args.json:
        print_json(_as_json(food))
    else:
        _print_food(food)
    return 0


def _edit(args: argparse.Namespace, ctx: Context) -> int:
    from tracker.services.foods.edits import edit_custom_food

    current = foods.get_food(ctx, args.food_id)
    serving = args.serving_grams or next(
        (p.grams for p in current.portions if p.description == "serving"), 100.0)
    grams = validation.parse_number(serving, "Serving weight", "serving_grams")
    given = {n.key: getattr(args, f"nutrient_{n.key}") for n in NUTRIENTS}
    changed = {key: validation.parse_number(raw, key, key) * (
        100.0 / grams if args.per == "serving" else 1.0)
        for key, raw in given.items() if raw is not None}
    unknown = set(args.unknown) - set(current.nutrients)
    if unknown:
        raise UserError(f"Unknown nutrient {sorted(unknown)[0]!r}.", "unknown")
    values = {key: value for key, value in current.nutrients.items()
              if value is not None and key not in args.unknown}
    values.update(changed)
    portions = ([foods.parse_portion(text) for text in args.portion]
                if args.portion is not None else list(current.portions))
    edit = edit_custom_food(
        ctx, args.food_id, args.name or current.name, grams, values, "100g", portions,
        group=args.group or current.group,
        beverage=current.beverage if args.beverage is None else args.beverage,
        update_from=date_arg(args.update_from))
    if args.json:
        print_json({**_as_json(edit.food), "entries_updated": len(edit.moved)})
    else:
        moved = f"; {len(edit.moved)} entries now use it" if args.update_from else \
            "; days already logged keep the earlier version"
        print(f"Saved a new version of {edit.food.name}{moved}.")
    return 0


def _delete(args: argparse.Namespace, ctx: Context) -> int:
    from tracker.services.foods.edits import delete_custom_food

    deleted = delete_custom_food(ctx, args.food_id)
    print(f"Deleted {deleted[-1].name}.")
    return 0
