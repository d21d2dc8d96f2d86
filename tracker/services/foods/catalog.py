"""Use cases on foods: search SR28 and the user's own foods together, look foods up, add one.

Editing and deleting the person's own foods is in ``food_edits``."""

from __future__ import annotations

import datetime as dt
import math
import re
import weakref
from collections.abc import Iterable, Mapping, Sequence

from tracker.domain import validation
from tracker.domain.errors import UserError
from tracker.domain.food_aliases import with_synonyms
from tracker.domain.food_ranking import habit_boost
from tracker.domain.foods import MEAL_PREFIX, Food, FoodHit, Portion
from tracker.domain.meals import MEAL_GROUP
from tracker.domain.nutrients import BY_KEY
from tracker.domain.recipes import RECIPE_GROUP
from tracker.domain.search_text import parse_query
from tracker.services.context import Context
from tracker.services.foods.lookup import current_food, foods_by_id
from tracker.services.foods.own_search import OwnFoodIndex
from tracker.storage import change_marker
from tracker.storage.own_foods import custom_foods as repo
from tracker.storage.own_foods import meals as meal_repo
from tracker.storage.own_foods import recipes as recipe_repo

# Entries older than this do not shape search order; keeps the lookup to a short range scan.
HABIT_WINDOW_DAYS = 180
MAX_SERVING_GRAMS = validation.MAX_ENTRY_GRAMS
# Per-100 g amounts above this are certainly a typo (the diary refuses them too).
MAX_PER_100G = 1e6
CUSTOM_GROUP = "Custom foods"
_FOOD_ID = re.compile(r"sr28:\d{5}|(custom|recipe):[0-9a-f]{32}(@[1-9]\d{0,6})?"
                      r"|imported:[0-9a-f]{32}")
_PORTION = re.compile(r"\s*(\d+(?:[.,]\d+)?)?\s*([^=]*?)\s*=\s*(\S+?)\s*(?:g|grams?)?\s*")


def habit_boosts(ctx: Context, today: dt.date | None = None) -> dict[str, float]:
    """Food (or meal) id -> 0..1 boost from the user's recent and frequent entries.

    Versions of a food count as the food; a saved meal counts each time it was logged.
    """
    today = today or dt.date.today()
    since = today - dt.timedelta(days=HABIT_WINDOW_DAYS)
    usage = repo.usage_since(ctx.diary.conn, since)
    for meal_id, _, times, last in meal_repo.names(ctx.diary.conn):
        if times and last and dt.date.fromisoformat(last) >= since:
            usage[meal_id] = (times, dt.date.fromisoformat(last))
    return {food_id: habit_boost(count, (today - last).days)
            for food_id, (count, last) in usage.items()}


def own_food_names(ctx: Context) -> list[tuple[str, str, str]]:
    """(id, name, group) of the person's current custom foods, recipes and saved meals."""
    conn = ctx.diary.conn
    return (repo.names(conn)
            + [(recipe_id, name, RECIPE_GROUP) for recipe_id, name in recipe_repo.names(conn)]
            + [(meal_id, name, MEAL_GROUP) for meal_id, name, _, _ in meal_repo.names(conn)])


# Per open diary: the own-food index with the state of the foods it was read in, and
# the habit boosts with the state of the diary and the day they were read on.
_OWN: weakref.WeakKeyDictionary[object, tuple[object, OwnFoodIndex]] = (
    weakref.WeakKeyDictionary())
_BOOSTS: weakref.WeakKeyDictionary[object, tuple[object, dict[str, float]]] = (
    weakref.WeakKeyDictionary())


def read_own_foods(ctx: Context) -> OwnFoodIndex:
    """The own-food index, read from the diary now."""
    return OwnFoodIndex(own_food_names(ctx))


def own_foods_and_boosts(ctx: Context) -> tuple[OwnFoodIndex, dict[str, float]]:
    """The own-food index and habit boosts, each read again only once what it comes from
    has changed: typing a query reads neither."""
    conn = ctx.diary.conn
    foods_key = change_marker.own_foods_marker(conn)
    kept = _OWN.get(ctx.diary)
    if kept is None or kept[0] != foods_key:
        kept = _OWN[ctx.diary] = (foods_key, read_own_foods(ctx))
    boosts_key = (change_marker.marker(conn), dt.date.today())
    boosts = _BOOSTS.get(ctx.diary)
    if boosts is None or boosts[0] != boosts_key:
        boosts = _BOOSTS[ctx.diary] = (boosts_key, habit_boosts(ctx))
    return kept[1], boosts[1]


def search_foods(ctx: Context, query: str, limit: int = 20, *,
                 meals: bool = True) -> list[FoodHit]:
    """SR28 foods, the person's own foods, recipes and (with ``meals``) saved meals
    matching ``query``, best first, the person's habits counted."""
    index, boosts = own_foods_and_boosts(ctx)
    parsed = with_synonyms(parse_query(query))
    hits = ctx.foods.search(query, limit, boosts)
    hits += index.hits(parsed, boosts, skip=None if meals else MEAL_PREFIX)
    hits.sort(key=lambda hit: -hit.score)
    return hits[:limit]


def _check_id(food_id: str) -> str:
    if not isinstance(food_id, str) or not _FOOD_ID.fullmatch(food_id):
        raise UserError(f"Unknown food id {food_id!r}: food ids look like sr28:11457, "
                        "custom:<32 hex digits> or recipe:<32 hex digits>.", "food")
    return food_id


def get_foods(ctx: Context, ids: Iterable[str]) -> dict[str, Food]:
    """The foods among ``ids`` (each the exact version an entry names) that exist."""
    return foods_by_id(ctx, ids)


def get_food(ctx: Context, food_id: str) -> Food:
    """The food a person means by ``food_id``, as it is now (its current version unless
    the id names one); a UserError names an unknown or malformed id."""
    _check_id(food_id)
    found = current_food(ctx, food_id)
    if found is None:
        raise UserError(f"Unknown food id {food_id!r}.", "food")
    return found


def parse_portion(text: str) -> Portion:
    """A household measure written ``"1 bar=40"`` (amount, description, grams)."""
    match = _PORTION.fullmatch(text)
    if not match or not match.group(2):
        raise UserError(f"Portion {text!r} must look like '1 bar=40' (amount, name, grams).",
                        "portions")
    amount = validation.parse_number(match.group(1) or "1", "Portion amount", "portions")
    grams = validation.parse_number(match.group(3), "Portion grams", "portions")
    return Portion(amount, match.group(2), grams)


def _check_portion(portion: Portion) -> Portion:
    description = validation.check_text(portion.description, "Portion name", "portions",
                                        validation.MAX_NAME, required=True)
    amount = validation.check_amount(portion.amount, "Portion amount", "portions", 1e5, "")
    grams = validation.check_amount(portion.grams, "Portion weight", "portions",
                                    MAX_SERVING_GRAMS, "g")
    return Portion(amount, description, grams)


def _per_100g(nutrients: Mapping[str, float], per: str, serving_grams: float) -> dict[str, float]:
    if per not in ("serving", "100g"):
        raise UserError("Nutrient amounts are given per 'serving' or per '100g'.", "per")
    unknown = sorted(set(nutrients) - set(BY_KEY))
    if unknown:
        raise UserError(f"Unknown nutrient {unknown[0]!r}; known: {', '.join(BY_KEY)}.",
                        unknown[0])
    converted: dict[str, float] = {}
    for key, raw in nutrients.items():
        label = BY_KEY[key].label
        value = validation.parse_number(raw, label, key)
        if value < 0:
            raise UserError(f"{label} cannot be negative.", key)
        per_100g = value * 100.0 / serving_grams if per == "serving" else value
        if not math.isfinite(per_100g) or per_100g >= MAX_PER_100G:
            raise UserError(f"{label} of {value:g} {BY_KEY[key].unit} is too large.", key)
        converted[key] = per_100g + 0.0
    return converted


def add_custom_food(
    ctx: Context,
    name: str,
    serving_grams: float,
    nutrients: Mapping[str, float],
    per: str = "serving",
    portions: Sequence[Portion] = (),
    *,
    group: str = CUSTOM_GROUP,
    beverage: bool = False,
) -> Food:
    """Store a food of the user's own; amounts not given stay unknown, not zero.

    ``nutrients`` are per serving of ``serving_grams`` or per 100 g (``per``);
    the serving becomes the food's first portion.
    """
    from tracker.domain.entries import new_id

    food = custom_food(f"custom:{new_id()}", name, serving_grams, nutrients, per,
                       portions, group=group, beverage=beverage)
    with ctx.diary.write() as conn:
        repo.insert(conn, food, dt.datetime.now().astimezone())
    return food


def custom_food(food_id: str, name: str, serving_grams: float, nutrients: Mapping[str, float],
                per: str = "serving", portions: Sequence[Portion] = (), *,
                group: str = CUSTOM_GROUP, beverage: bool = False) -> Food:
    """A checked custom food with id ``food_id``, not yet stored (see ``add_custom_food``)."""
    name = validation.check_text(name, "Food name", "name", validation.MAX_NAME, required=True)
    grams = validation.check_amount(serving_grams, "Serving weight", "serving_grams",
                                    MAX_SERVING_GRAMS, "g")
    per_100g = _per_100g(nutrients, per, grams)
    checked = [Portion(1.0, "serving", grams)] + [_check_portion(p) for p in portions
                                                   if p.description != "serving"]
    values: dict[str, float | None] = dict.fromkeys(BY_KEY)
    values.update(per_100g)
    group = validation.check_text(group, "Food group", "group", validation.MAX_NAME) or CUSTOM_GROUP
    return Food(food_id, name, group, values, tuple(checked), beverage=bool(beverage))
