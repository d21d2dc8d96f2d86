"""Recipes: sums of ingredients per serving and per 100 g, partial data, versions, cycles."""

from __future__ import annotations

import datetime as dt

import pytest

from tracker.domain.errors import UserError
from tracker.domain.foods import Food
from tracker.services import diary, totals
from tracker.services.context import Context
from tracker.services.foods import catalog as foods
from tracker.services.foods import recipes
from tracker.services.foods.recipes import Ingredient

DAY = dt.date(2026, 3, 2)
NOON = dt.time(12, 0)


@pytest.fixture
def oats(ctx: Context) -> Food:
    # 100 mg magnesium, 50 mg calcium, 1 µg vitamin D per 100 g (by the serving of 100 g).
    return foods.add_custom_food(ctx, "Test oats", 100, {"magnesium": 100, "calcium": 50,
                                                         "vitamin_d": 1.0, "water": 10})


@pytest.fixture
def milk(ctx: Context) -> Food:
    # 10 mg magnesium and 120 mg calcium per 100 g; vitamin D unknown.
    return foods.add_custom_food(ctx, "Test milk", 100, {"magnesium": 10, "calcium": 120,
                                                         "water": 88}, beverage=True)


def porridge(ctx: Context, oats: Food, milk: Food, **kwargs: object) -> Food:
    return recipes.add_recipe(ctx, "Porridge", [Ingredient(oats.id, 200),
                                               Ingredient(milk.id, "300")], **kwargs)  # type: ignore[arg-type]


def test_totals_per_serving_are_the_sums_divided_by_servings(ctx: Context, oats: Food,
                                                             milk: Food) -> None:
    food = porridge(ctx, oats, milk, servings=4)
    # magnesium: 200 g x 100/100 + 300 g x 10/100 = 200 + 30 = 230 mg in 500 g.
    # calcium: 200 x 0.5 + 300 x 1.2 = 100 + 360 = 460 mg.
    assert food.id.startswith("recipe:")
    serving = food.portions[0]
    assert (serving.description, serving.grams) == ("serving", 125.0)
    assert food.per_grams("magnesium", serving.grams) == pytest.approx(230 / 4)
    assert food.per_grams("calcium", serving.grams) == pytest.approx(460 / 4)
    # Per 100 g without a cooked weight: the sums over the raw 500 g.
    assert food.nutrients["magnesium"] == pytest.approx(46.0)
    assert food.nutrients["calcium"] == pytest.approx(92.0)


def test_per_100g_uses_the_cooked_weight(ctx: Context, oats: Food, milk: Food) -> None:
    food = porridge(ctx, oats, milk, servings=2, cooked_grams=400)
    assert food.nutrients["magnesium"] == pytest.approx(230 / 4)  # 230 mg in 400 g
    assert food.nutrients["calcium"] == pytest.approx(115.0)  # 460 mg in 400 g
    assert food.portions[0].grams == 200  # one of two servings of 400 g
    assert food.per_grams("calcium", food.portions[0].grams) == pytest.approx(230.0)
    # Water lost in cooking is not invented back: 20 + 264 = 284 g of water in 400 g.
    assert food.nutrients["water"] == pytest.approx(71.0)


def test_an_unknown_ingredient_value_makes_the_recipe_partial(ctx: Context, oats: Food,
                                                              milk: Food) -> None:
    food = porridge(ctx, oats, milk, servings=4)
    # Only the oats (200 of 500 g) have vitamin D: 2 µg known in 500 g.
    assert food.nutrients["vitamin_d"] == pytest.approx(0.4)
    assert food.known_fraction("vitamin_d") == pytest.approx(0.4)
    assert food.known_fraction("magnesium") == 1.0
    assert food.nutrients["zinc"] is None and food.known_fraction("zinc") == 0.0


def test_completeness_carries_through_to_the_day(ctx: Context, oats: Food,
                                                 milk: Food) -> None:
    food = porridge(ctx, oats, milk, servings=4)
    diary.add_entry(ctx, diary.new_food_entry(ctx, food.id, DAY, NOON, amount="1 serving"))
    day = totals.day_summary(ctx, DAY)
    assert day.nutrients["vitamin_d"].known_fraction == pytest.approx(0.4)
    assert day.nutrients["vitamin_d"].amount == pytest.approx(0.5)  # 125 g x 0.4 µg/100 g
    assert day.nutrients["magnesium"].known_fraction == pytest.approx(1.0)
    assert day.nutrients["vitamin_d"].missing_foods == ("Porridge (partly)",)
    # 125 g of porridge and 125 g of oats (all known): (50 + 125) / 250 known.
    diary.add_entry(ctx, diary.new_food_entry(ctx, oats.id, DAY, NOON, grams=125))
    day = totals.day_summary(ctx, DAY)
    assert day.nutrients["vitamin_d"].known_fraction == pytest.approx(0.7)


def test_recipes_nest_and_refuse_cycles(ctx: Context, oats: Food, milk: Food) -> None:
    inner = porridge(ctx, oats, milk, servings=1)
    outer = recipes.add_recipe(ctx, "Porridge with more milk",
                               [Ingredient(inner.id, 500), Ingredient(milk.id, 500)])
    # 230 mg in the porridge + 50 mg in 500 g of milk, in 1000 g.
    assert outer.nutrients["magnesium"] == pytest.approx(28.0)
    with pytest.raises(UserError, match="cannot contain itself") as refused:
        recipes.edit_recipe(ctx, inner.id, "Porridge", [Ingredient(outer.id, 100)])
    assert refused.value.field == "items"
    with pytest.raises(UserError, match="cannot contain itself"):
        recipes.edit_recipe(ctx, inner.id, "Porridge", [Ingredient(inner.id, 100)])


def test_a_recipe_is_found_in_search_and_logged_by_portions(ctx: Context, oats: Food,
                                                            milk: Food) -> None:
    food = porridge(ctx, oats, milk, servings=4)
    assert foods.search_foods(ctx, "porridge", 3)[0].id == food.id
    half = diary.new_food_entry(ctx, food.id, DAY, NOON, amount="1/2 serving")
    whole = diary.new_food_entry(ctx, food.id, DAY, NOON, amount="1 whole recipe")
    grams = diary.new_food_entry(ctx, food.id, DAY, NOON, grams=80)
    assert (half.grams, half.amount, half.unit) == (62.5, 0.5, "serving")
    assert whole.grams == 500
    assert grams.grams == 80


def test_a_past_day_keeps_the_version_it_was_logged_with(ctx: Context, oats: Food,
                                                         milk: Food) -> None:
    food = porridge(ctx, oats, milk, servings=4)
    earlier, later = DAY, DAY + dt.timedelta(days=10)
    for day in (earlier, later):
        diary.add_entry(ctx, diary.new_food_entry(ctx, food.id, day, NOON, amount="1 serving"))
    before = totals.day_summary(ctx, earlier).nutrients["magnesium"].amount
    assert before == pytest.approx(57.5)
    # Double the oats, still four servings: a serving now weighs 175 g, 430/4 mg.
    edit = recipes.edit_recipe(ctx, food.id, "Porridge", [Ingredient(oats.id, 400),
                                                         Ingredient(milk.id, 300)], 4)
    assert edit.moved == ()
    assert totals.day_summary(ctx, earlier).nutrients["magnesium"].amount == before
    assert totals.day_summary(ctx, later).nutrients["magnesium"].amount == before
    # New entries use the new version; the id a person uses stays the same.
    assert foods.get_food(ctx, food.id).id == edit.food.id != food.id
    fresh = diary.new_food_entry(ctx, food.id, later, NOON, amount="1 serving")
    assert fresh.food_id == edit.food.id and fresh.grams == 175


def test_updating_entries_from_a_date_moves_only_those(ctx: Context, oats: Food,
                                                       milk: Food) -> None:
    food = porridge(ctx, oats, milk, servings=4)
    earlier, later = DAY, DAY + dt.timedelta(days=10)
    for day in (earlier, later):
        diary.add_entry(ctx, diary.new_food_entry(ctx, food.id, day, NOON, amount="1 serving"))
    edit = recipes.edit_recipe(ctx, food.id, "Porridge", [Ingredient(oats.id, 400),
                                                         Ingredient(milk.id, 300)], 4,
                               update_from=later)
    assert len(edit.moved) == 1
    assert totals.day_summary(ctx, earlier).nutrients["magnesium"].amount == pytest.approx(57.5)
    # One serving of the new version: (400 + 30) / 4 mg, weighing 175 g.
    assert totals.day_summary(ctx, later).nutrients["magnesium"].amount == pytest.approx(107.5)
    assert diary.day(ctx, later).foods[0].grams == 175
    from tracker.services.foods.edits import revert_edit

    revert_edit(ctx, edit)
    assert totals.day_summary(ctx, later).nutrients["magnesium"].amount == pytest.approx(57.5)
    assert foods.get_food(ctx, food.id).id == food.id


def test_deleting_a_used_recipe_is_refused_with_the_count(ctx: Context, oats: Food,
                                                          milk: Food) -> None:
    food = porridge(ctx, oats, milk, servings=4)
    for days in range(3):
        diary.add_entry(ctx, diary.new_food_entry(ctx, food.id, DAY + dt.timedelta(days=days),
                                                  NOON, amount="1 serving"))
    with pytest.raises(UserError, match="Porridge is used by 3 diary entries") as refused:
        recipes.delete_recipe(ctx, food.id)
    assert refused.value.field == "food"
    with pytest.raises(UserError, match="Test oats is used by the recipe Porridge"):
        from tracker.services.foods.edits import delete_custom_food

        delete_custom_food(ctx, oats.id)


def test_an_unused_recipe_is_deleted_and_restored(ctx: Context, oats: Food, milk: Food) -> None:
    food = porridge(ctx, oats, milk, servings=4)
    recipes.edit_recipe(ctx, food.id, "Porridge, thicker", [Ingredient(oats.id, 300)], 3)
    deleted = recipes.delete_recipe(ctx, food.id)
    assert [r.version for r in deleted] == [1, 2]
    assert food.id not in [h.id for h in foods.search_foods(ctx, "porridge", 10)]
    recipes.restore_recipe(ctx, deleted)
    assert foods.get_food(ctx, food.id).name == "Porridge, thicker"


@pytest.mark.parametrize(("kwargs", "field"), [
    ({"servings": 0}, "servings"), ({"servings": "two"}, "servings"),
    ({"cooked_grams": -5}, "cooked_grams"), ({"servings": 5000}, "servings"),
])
def test_impossible_recipes_are_refused(ctx: Context, oats: Food, kwargs: dict[str, object],
                                        field: str) -> None:
    with pytest.raises(UserError) as refused:
        recipes.add_recipe(ctx, "Bad", [Ingredient(oats.id, 100)], **kwargs)  # type: ignore[arg-type]
    assert refused.value.field == field


def test_a_recipe_needs_ingredients_that_exist(ctx: Context) -> None:
    with pytest.raises(UserError, match="at least one ingredient"):
        recipes.add_recipe(ctx, "Empty", [])
    with pytest.raises(UserError, match="Unknown food id 'sr28:99999'"):
        recipes.add_recipe(ctx, "Ghost", [Ingredient("sr28:99999", 100)])
