"""A small but complete diary for the export and import tests, built through the services."""

from __future__ import annotations

import datetime as dt
import random

from tracker.domain.entries import (
    CaffeineEntry,
    DayFactors,
    Episode,
    Profile,
    SupplementDose,
    SupplementProduct,
    WaterEntry,
)
from tracker.domain.foods import Portion
from tracker.services import diary, profile, supplements
from tracker.services.context import Context
from tracker.services.foods import catalog as foods

FIRST = dt.date(2026, 10, 5)
DAYS = 28
LAST = FIRST + dt.timedelta(days=DAYS - 1)
SR28_FOODS = ("sr28:11457", "sr28:01077", "sr28:20036", "sr28:12061", "sr28:15076")
SITES = ("calf", "foot", "thigh", "eyelid")
# The characters that make a spreadsheet read a cell as a formula when they start it:
# =, +, -, @, tab (0x09) and carriage return (0x0D), as OWASP's "CSV Injection" page lists
# them. OWASP ASVS (V1.2.10) adds NUL, which the diary refuses in any text it stores.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
# Text a spreadsheet would run as a formula, or that hides a shift into one.
TRICKY = ("=HYPERLINK(\"http://x\")", "+1 shot", "-2 cups", "@SUM(A1)", "'quoted",
          "=1+1; ok", "plain, with comma", "line\nbreak", "µg und Grüße")


def build_diary(ctx: Context, seed: int = 1, tricky: bool = True) -> None:
    """Four weeks of foods, drinks, caffeine, supplements, episodes and day notes."""
    rng = random.Random(seed)
    profile.set_profile(ctx, Profile("female", dt.date(1980, 5, 1)))
    profile.set_target_override(ctx, "magnesium", 350)
    custom = foods.add_custom_food(
        ctx, "=Grandma's oat bar" if tricky else "Grandma's oat bar", 40,
        {"magnesium": 48.5, "calcium": 20, "energy": 180}, "serving",
        [Portion(0.5, "half bar", 20.0)])
    magnesium = supplements.save_product(
        ctx, SupplementProduct("+Magnesium glycinate" if tricky else "Magnesium glycinate",
                               {"magnesium": 200.0}, "tablet"))
    vitamin_d = supplements.save_product(
        ctx, SupplementProduct("Vitamin D3 drops", {"vitamin_d": 25.0}, "drop"))
    for offset in range(DAYS):
        day = FIRST + dt.timedelta(days=offset)
        if offset % 9 == 4:
            continue  # a day left unlogged
        for hour in (8, 12, 19):
            food_id = rng.choice(SR28_FOODS + (custom.id,))
            entry = diary.new_food_entry(ctx, food_id, day, dt.time(hour, rng.choice((0, 15))),
                                         grams=round(rng.uniform(30, 300), 1))
            diary.add_entry(ctx, entry)
        diary.add_entry(ctx, WaterEntry(day, dt.time(10, 0), rng.choice((250.0, 330.5, 500.0))))
        if offset % 3 == 0:
            label = TRICKY[offset % len(TRICKY)] if tricky else "energy drink"
            diary.add_entry(ctx, CaffeineEntry(day, dt.time(15, 30), 80.0, label))
        if offset % 2 == 0:
            diary.add_entry(ctx, SupplementDose(day, dt.time(21, 0), magnesium.id, 1.0))
        if offset % 7 == 0:
            diary.add_entry(ctx, SupplementDose(day, dt.time(9, 0), vitamin_d.id, 2.0))
        for _ in range(rng.choice((0, 0, 1, 2))):
            notes = TRICKY[rng.randrange(len(TRICKY))] if tricky else "after walking"
            diary.add_entry(ctx, Episode(day, dt.time(rng.randrange(24), rng.randrange(60)),
                                         rng.choice(("twitch", "cramp")), rng.choice(SITES),
                                         rng.randint(1, 9), "left", rng.choice((None, 30, 120)),
                                         notes))
        diary.set_factors(ctx, DayFactors(day, rng.choice((None, 6.5, 7.25)),
                                          rng.choice((None, 2, 4)), None, offset % 4 != 1,
                                          "-tired" if tricky and offset == 3 else ""))
    _own_foods(ctx, custom.id, magnesium.id, tricky)


def _own_foods(ctx: Context, custom_id: str, product_id: str, tricky: bool) -> None:
    """An edited custom food, recipes (one nested, one edited) and a saved meal, each used."""
    from tracker.domain.meals import MealItem, food_item
    from tracker.services.foods import meals, recipes
    from tracker.services.foods.edits import edit_custom_food
    from tracker.services.foods.recipes import Ingredient

    middle = FIRST + dt.timedelta(days=DAYS // 2)
    edit_custom_food(ctx, custom_id, "Grandma's oat bar, less sugar", 40,
                     {"magnesium": 50, "calcium": 20, "energy": 160}, "serving",
                     [Portion(0.5, "half bar", 20.0)], update_from=LAST)
    soup = recipes.add_recipe(ctx, "=Lentil soup" if tricky else "Lentil soup",
                              [Ingredient("sr28:11457", 150), Ingredient(custom_id, 40),
                               Ingredient("sr28:01077", amount="1 cup")], servings=3,
                              cooked_grams=500)
    bowl = recipes.add_recipe(ctx, "Soup and spinach", [Ingredient(soup.id, 200),
                                                        Ingredient("sr28:11457", 50)])
    for offset in (1, 8, DAYS - 2):
        day = FIRST + dt.timedelta(days=offset)
        diary.add_entry(ctx, diary.new_food_entry(ctx, soup.id, day, dt.time(13, 0),
                                                  amount="1 serving"))
    diary.add_entry(ctx, diary.new_food_entry(ctx, bowl.id, middle, dt.time(19, 30), grams=250))
    recipes.edit_recipe(ctx, soup.id, "Lentil soup", [Ingredient("sr28:11457", 200),
                                                      Ingredient(custom_id, 40)], servings=4,
                        update_from=middle)
    breakfast = meals.save_meal(ctx, "Usual breakfast", [
        food_item(custom_id, 40, 1, "serving"), food_item(soup.id, 125, 1, "serving"),
        MealItem("water", volume_ml=300), MealItem("caffeine", caffeine_mg=60, label="tea"),
        MealItem("supplement", product_id=product_id, units=1)])
    meals.log_meal(ctx, breakfast, LAST, dt.time(7, 30))
