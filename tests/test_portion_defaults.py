"""What the amount starts at when a food is chosen: last time's amount, else a usual portion.

Weights are SR28's (WEIGHT.txt): a medium banana (7" to 7-7/8" long) 118 g, a cup of
mashed banana 225 g, a large egg 50 g, a medium egg 44 g, 2 tbsp of smooth peanut
butter 32 g.
"""

from __future__ import annotations

import datetime as dt

from tracker.domain.foods import Portion, usual_portion
from tracker.services import diary
from tracker.services.context import Context
from tracker.services.foods import catalog as foods
from tracker.services.foods import edits, recent

BANANA = "sr28:09040"
EGG = "sr28:01123"
PEANUT_BUTTER = "sr28:16098"
DAY = dt.date(2026, 11, 20)


def test_a_whole_fruit_listed_after_its_cups_starts_at_one_medium() -> None:
    banana = [Portion(1, "cup, mashed", 225), Portion(1, "cup, sliced", 150),
              Portion(1, 'small (6" to 6-7/8" long)', 101),
              Portion(1, 'medium (7" to 7-7/8" long)', 118)]
    assert usual_portion(banana) == Portion(1, 'medium (7" to 7-7/8" long)', 118)


def test_otherwise_the_first_measure_as_listed() -> None:
    egg = [Portion(1, "large", 50), Portion(1, "medium", 44)]
    assert usual_portion(egg) == Portion(1, "large", 50)
    soup = [Portion(1, "cup", 245), Portion(1, "tbsp", 15)]  # a volume, but no medium item
    assert usual_portion(soup) == Portion(1, "cup", 245)
    assert usual_portion([]) is None


def test_the_sr28_banana_and_egg(ctx: Context) -> None:
    banana = usual_portion(foods.get_food(ctx, BANANA).portions)
    egg = usual_portion(foods.get_food(ctx, EGG).portions)
    assert banana is not None and (banana.description, banana.grams) == (
        'medium (7" to 7-7/8" long)', 118)
    assert egg is not None and (egg.description, egg.grams) == ("large", 50)


def test_last_amount_is_the_latest_entry_of_the_food(ctx: Context) -> None:
    butter = foods.get_food(ctx, PEANUT_BUTTER)
    assert recent.last_amount(ctx, butter) is None
    diary.add_entry(ctx, diary.new_food_entry(ctx, PEANUT_BUTTER, DAY, dt.time(8, 0),
                                              amount="2 tbsp"))
    diary.add_entry(ctx, diary.new_food_entry(ctx, PEANUT_BUTTER, DAY - dt.timedelta(days=3),
                                              dt.time(9, 0), grams="40"))
    # The later day wins, not the later insert.
    assert recent.last_amount(ctx, butter) == (2.0, "tbsp")
    diary.add_entry(ctx, diary.new_food_entry(ctx, PEANUT_BUTTER, DAY, dt.time(19, 0),
                                              grams="15"))
    assert recent.last_amount(ctx, butter) == (15.0, "g")
    assert recent.last_amount(ctx, foods.get_food(ctx, BANANA)) is None


def test_an_edited_own_food_remembers_across_versions(ctx: Context) -> None:
    bar = foods.add_custom_food(ctx, "Oat bar", 45.0, {"magnesium": 18.0},
                                portions=[Portion(1, "bar", 45)])
    diary.add_entry(ctx, diary.new_food_entry(ctx, bar.id, DAY, dt.time(10, 0),
                                              amount="2 bar"))
    kept = edits.edit_custom_food(ctx, bar.id, "Oat bar", 45.0, {"magnesium": 20.0},
                                  portions=[Portion(1, "bar", 45)]).food
    assert kept.id != bar.id and recent.last_amount(ctx, kept) == (2.0, "bar")
    # A version that no longer offers "bar": the 90 g logged come back in grams.
    dropped = edits.edit_custom_food(ctx, bar.id, "Oat bar", 45.0, {"magnesium": 20.0}).food
    assert recent.last_amount(ctx, dropped) == (90.0, "g")
