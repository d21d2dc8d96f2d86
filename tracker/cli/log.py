"""``log food|water|caffeine|supplement|episode|day``: add one entry to the diary."""

from __future__ import annotations

import argparse

from tracker.cli.common import add_when, date_arg, when
from tracker.domain import validation
from tracker.domain.entries import CaffeineEntry, DayFactors, Episode, SupplementDose, WaterEntry
from tracker.domain.errors import UserError
from tracker.services import diary, supplements
from tracker.services.context import Context


def register(subparsers: argparse._SubParsersAction) -> None:
    log = subparsers.add_parser("log", help="add an entry to the diary")
    kinds = log.add_subparsers(dest="kind", metavar="KIND", required=True)

    food = kinds.add_parser("food", help="a food or recipe by id (see 'search')")
    food.add_argument("food_id", metavar="ID")
    how = food.add_mutually_exclusive_group(required=True)
    how.add_argument("--grams", metavar="G")
    how.add_argument("--amount", metavar='"1 cup"',
                     help="e.g. '1 cup', '1/2 cup', '1.5 oz', '1 serving' of a recipe")
    add_when(food)
    food.set_defaults(handler=_food)

    meal = kinds.add_parser("meal", help="every entry of a saved meal, in one step")
    meal.add_argument("name", metavar="NAME")
    add_when(meal)
    meal.set_defaults(handler=_meal)

    water = kinds.add_parser("water", help="drinking water in ml")
    water.add_argument("volume_ml", metavar="ML")
    add_when(water)
    water.set_defaults(handler=_water)

    caffeine = kinds.add_parser("caffeine", help="caffeine in mg from a source not in the foods")
    caffeine.add_argument("caffeine_mg", metavar="MG")
    caffeine.add_argument("--label", required=True, help='e.g. "energy drink"')
    add_when(caffeine)
    caffeine.set_defaults(handler=_caffeine)

    dose = kinds.add_parser("supplement", help="a dose of a supplement product")
    dose.add_argument("name", metavar="NAME")
    dose.add_argument("--units", default="1", metavar="N")
    add_when(dose)
    dose.set_defaults(handler=_supplement)

    episode = kinds.add_parser("episode", help="a twitch, cramp, spasm or tingling episode")
    episode.add_argument("--kind", required=True)
    episode.add_argument("--site", required=True, help="body site, e.g. calf")
    episode.add_argument("--side", default="none", help="left, right, both or none")
    episode.add_argument("--intensity", required=True, metavar="1-10")
    episode.add_argument("--duration-s", metavar="S")
    episode.add_argument("--notes", default="")
    add_when(episode)
    episode.set_defaults(handler=_episode)

    factors = kinds.add_parser(
        "day", help="sleep, stress, exercise and whether the day is complete")
    factors.add_argument("--date", metavar="YYYY-MM-DD")
    factors.add_argument("--sleep-hours", metavar="H")
    factors.add_argument("--stress", metavar="1-5")
    factors.add_argument("--exercise-min", metavar="MIN")
    factors.add_argument("--complete", action=argparse.BooleanOptionalAction, default=None)
    factors.set_defaults(handler=_factors)


def _whole(text: str | None, what: str, field: str) -> int | None:
    if text is None:
        return None
    value = validation.parse_number(text, what, field)
    if value != int(value):
        raise UserError(f"{what} must be a whole number.", field)
    return int(value)


def _food(args: argparse.Namespace, ctx: Context) -> int:
    day, time = when(args)
    entry = diary.new_food_entry(ctx, args.food_id, day, time, grams=args.grams,
                                 amount=args.amount)
    diary.add_entry(ctx, entry)
    from tracker.services.foods.catalog import get_food

    name = get_food(ctx, entry.food_id).name
    print(f"Logged {entry.amount:g} {entry.unit} ({entry.grams:.0f} g) of {name} "
          f"on {day} {time:%H:%M}.")
    return 0


def _meal(args: argparse.Namespace, ctx: Context) -> int:
    from tracker.services.foods import meals
    day, time = when(args)
    logged = meals.log_meal(ctx, meals.find_meal(ctx, args.name), day, time)
    print(f"Logged the meal {logged.meal.name} ({len(logged.entries)} entries) "
          f"on {day} {time:%H:%M}.")
    return 0


def _water(args: argparse.Namespace, ctx: Context) -> int:
    day, time = when(args)
    volume = validation.parse_number(args.volume_ml, "The volume", "volume_ml")
    entry = diary.add_entry(ctx, WaterEntry(day, time, volume))
    print(f"Logged {entry.volume_ml:g} ml of water on {day} {time:%H:%M}.")
    return 0


def _caffeine(args: argparse.Namespace, ctx: Context) -> int:
    day, time = when(args)
    mg = validation.parse_number(args.caffeine_mg, "Caffeine", "caffeine_mg")
    entry = diary.add_entry(ctx, CaffeineEntry(day, time, mg, args.label))
    print(f"Logged {entry.caffeine_mg:g} mg caffeine ({entry.label}) on {day} {time:%H:%M}.")
    return 0


def _supplement(args: argparse.Namespace, ctx: Context) -> int:
    day, time = when(args)
    product = supplements.product_named(ctx, args.name)
    units = validation.parse_number(args.units, "The number of units", "units")
    diary.add_entry(ctx, SupplementDose(day, time, product.id, units))
    print(f"Logged {units:g} {product.unit_label} of {product.name} on {day} {time:%H:%M}.")
    return 0


def _episode(args: argparse.Namespace, ctx: Context) -> int:
    day, time = when(args)
    intensity = _whole(args.intensity, "Intensity", "intensity")
    assert intensity is not None
    entry = Episode(day, time, args.kind.strip().lower(), args.site, intensity,
                    args.side.strip().lower(), _whole(args.duration_s, "Duration", "duration_s"),
                    args.notes)
    diary.add_entry(ctx, entry)
    print(f"Logged a {entry.kind} ({entry.body_site}, intensity {entry.intensity}) "
          f"on {day} {time:%H:%M}.")
    return 0


def _factors(args: argparse.Namespace, ctx: Context) -> int:
    import datetime as dt

    day = date_arg(args.date, dt.date.today())
    assert day is not None
    current = diary.day(ctx, day).factors or DayFactors(day)
    sleep = (validation.parse_number(args.sleep_hours, "Sleep", "sleep_hours")
             if args.sleep_hours is not None else current.sleep_hours)
    stress = _whole(args.stress, "Stress", "stress") if args.stress else current.stress
    exercise = (_whole(args.exercise_min, "Exercise", "exercise_min")
                if args.exercise_min else current.exercise_min)
    complete = current.complete if args.complete is None else args.complete
    saved = diary.set_factors(ctx, DayFactors(day, sleep, stress, exercise, complete))
    print(f"Saved {day}: sleep {saved.sleep_hours}, stress {saved.stress}, exercise "
          f"{saved.exercise_min} min, {'complete' if saved.complete else 'not complete'}.")
    return 0
