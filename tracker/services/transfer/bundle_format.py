"""The files of a doctor-visit bundle: their names, columns and required columns.

Export writes these columns in this order; import needs only the required
ones, because everything else is either optional or recomputed.
"""

from __future__ import annotations

from dataclasses import dataclass

from tracker.domain.nutrients import NUTRIENTS, SUPPLEMENT_NUTRIENTS, nutrient


@dataclass(frozen=True)
class BundleFile:
    name: str
    columns: tuple[str, ...]
    required: tuple[str, ...]


def _per(suffix: str, keys: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(f"{nutrient(k).column}_{suffix}" for k in keys)


ALL_KEYS: tuple[str, ...] = tuple(n.key for n in NUTRIENTS)
NUTRIENT_COLUMNS: tuple[str, ...] = tuple(n.column for n in NUTRIENTS)
SUPPLEMENT_COLUMNS: tuple[str, ...] = tuple(nutrient(k).column for k in SUPPLEMENT_NUTRIENTS)

FOOD_LOG = BundleFile(
    "food_log.csv",
    ("date", "time", "food_id", "food_name", "amount", "unit", "grams", *NUTRIENT_COLUMNS, "id",
     "source"),
    ("date", "time", "food_id", "grams"))
WATER_LOG = BundleFile("water_log.csv", ("date", "time", "volume_ml", "id", "source"),
                       ("date", "time", "volume_ml"))
CAFFEINE_LOG = BundleFile("caffeine_log.csv",
                          ("date", "time", "caffeine_mg", "label", "id", "source"),
                          ("date", "time", "caffeine_mg"))
SUPPLEMENTS = BundleFile(
    "supplements.csv", ("name", "unit_label", *_per("per_unit", SUPPLEMENT_NUTRIENTS), "id"),
    ("name",))
SUPPLEMENT_LOG = BundleFile(
    "supplement_log.csv",
    ("date", "time", "supplement", "units", "unit_label", *SUPPLEMENT_COLUMNS, "product_id",
     "id", "source"),
    ("date", "time", "units"))
EPISODES = BundleFile(
    "episodes.csv",
    ("date", "time", "kind", "body_site", "side", "intensity", "duration_s", "notes", "id",
     "source"),
    ("date", "time", "kind", "body_site", "intensity"))
DAY_FACTORS = BundleFile(
    "day_factors.csv",
    ("date", "sleep_hours", "stress", "exercise_min", "day_complete", "notes"), ("date",))
CUSTOM_FOODS = BundleFile(
    "custom_foods.csv",
    ("name", "food_group", "beverage", *_per("per_100g", ALL_KEYS), "id", "retired"),
    ("id", "name"))
CUSTOM_FOOD_PORTIONS = BundleFile(
    "custom_food_portions.csv", ("food_id", "amount", "description", "grams"),
    ("food_id", "amount", "description", "grams"))
IMPORTED_FOODS = BundleFile(
    "imported_foods.csv", ("id", "name", "source", *_per("per_100g", ALL_KEYS)),
    ("id", "name", "source"))
RECIPES = BundleFile(
    "recipes.csv", ("id", "name", "servings", "cooked_grams", "retired"),
    ("id", "name", "servings"))
RECIPE_ITEMS = BundleFile(
    "recipe_items.csv", ("recipe_id", "food_id", "food_name", "amount", "unit", "grams"),
    ("recipe_id", "food_id", "grams"))
MEALS = BundleFile("meals.csv", ("id", "name", "times_logged", "last_logged"), ("id", "name"))
MEAL_ITEMS = BundleFile(
    "meal_items.csv",
    ("meal_id", "kind", "food_id", "food_name", "amount", "unit", "grams", "volume_ml",
     "caffeine_mg", "label", "supplement", "units", "product_id"),
    ("meal_id", "kind"))
PROFILE = BundleFile("profile.csv", ("sex", "birth_date", "life_stage", "reference_set"),
                     ("sex", "birth_date"))
TARGETS = BundleFile("targets.csv", ("nutrient", "target", "unit"), ("nutrient", "target"))
# Self-experiments; "what" and "end_date" are derived for the reader, import ignores them.
EXPERIMENTS = BundleFile(
    "experiments.csv",
    ("id", "kind", "what", "product_id", "product_name", "units", "limit_mg", "min_ml",
     "outcome", "block_days", "pairs", "washin_days", "start_date", "end_date", "seed",
     "schedule", "status", "stopped_on", "created_at"),
    ("id", "kind", "block_days", "pairs", "washin_days", "start_date", "seed", "schedule",
     "status"))

# Import reads the files in this order: what others refer to comes first.
IMPORTED: tuple[BundleFile, ...] = (
    PROFILE, TARGETS, CUSTOM_FOODS, CUSTOM_FOOD_PORTIONS, IMPORTED_FOODS, RECIPES, RECIPE_ITEMS,
    SUPPLEMENTS, MEALS, MEAL_ITEMS, FOOD_LOG, WATER_LOG, CAFFEINE_LOG, SUPPLEMENT_LOG, EPISODES,
    DAY_FACTORS, EXPERIMENTS,
)

DAILY_SUMMARY_NAME = "daily_summary.csv"
REPORT_NAME = "report.pdf"
README_NAME = "README.txt"

# Every name a bundle may hold; an import ignores anything else.
KNOWN_NAMES: frozenset[str] = frozenset(
    {f.name for f in IMPORTED} | {DAILY_SUMMARY_NAME, REPORT_NAME, README_NAME})

# Targets a person may set besides registry nutrients, with their units.
EXTRA_TARGET_UNITS: dict[str, str] = {"water_total": "ml", "drinks": "ml"}


def target_unit(key: str) -> str:
    return EXTRA_TARGET_UNITS.get(key) or nutrient(key).unit
