"""Editing and deleting custom foods: versions keep the past, deletion refuses used foods."""

from __future__ import annotations

import datetime as dt

import pytest

from tracker.domain.errors import UserError
from tracker.domain.foods import Portion
from tracker.services import diary, totals
from tracker.services.context import Context
from tracker.services.foods import catalog as foods
from tracker.services.foods.edits import (
    delete_custom_food,
    edit_custom_food,
    reapply_custom_edit,
    restore_custom_food,
    revert_edit,
)

DAY = dt.date(2026, 5, 4)
NOON = dt.time(12, 0)


def test_an_edit_keeps_past_entries_and_changes_new_ones(ctx: Context) -> None:
    bar = foods.add_custom_food(ctx, "Granola bar", 40, {"magnesium": 30})
    diary.add_entry(ctx, diary.new_food_entry(ctx, bar.id, DAY, NOON, amount="1 serving"))
    edit = edit_custom_food(ctx, bar.id, "Granola bar (new recipe)", 50, {"magnesium": 60})
    assert edit.food.id == f"{bar.id}@2" and edit.previous_id == bar.id
    assert totals.day_summary(ctx, DAY).nutrients["magnesium"].amount == pytest.approx(30)
    current = foods.get_food(ctx, bar.id)
    assert (current.name, current.portions[0].grams) == ("Granola bar (new recipe)", 50)
    assert current.nutrients["magnesium"] == pytest.approx(120)
    entry = diary.new_food_entry(ctx, bar.id, DAY, NOON, amount="1 serving")
    assert (entry.food_id, entry.grams) == (edit.food.id, 50)
    # Search offers the food once, under its own id and its new name.
    hits = [h for h in foods.search_foods(ctx, "granola bar", 20) if h.id.startswith("custom")]
    assert [(h.id, h.name) for h in hits] == [(bar.id, "Granola bar (new recipe)")]


def test_update_from_a_date_reweighs_portions_and_undoes_as_one(ctx: Context) -> None:
    bar = foods.add_custom_food(ctx, "Granola bar", 40, {"magnesium": 30})
    early, late = DAY, DAY + dt.timedelta(days=7)
    diary.add_entry(ctx, diary.new_food_entry(ctx, bar.id, early, NOON, amount="1 serving"))
    diary.add_entry(ctx, diary.new_food_entry(ctx, bar.id, late, NOON, amount="2 serving"))
    diary.add_entry(ctx, diary.new_food_entry(ctx, bar.id, late, NOON, grams=20))
    edit = edit_custom_food(ctx, bar.id, "Granola bar", 50, {"magnesium": 60},
                            update_from=late)
    assert len(edit.moved) == 2
    foods_late = diary.day(ctx, late).foods
    assert sorted(e.grams for e in foods_late) == [20, 100]  # 2 servings of 50 g; 20 g kept
    # 2 x 60 mg + 20 g at 120 mg/100 g = 144 mg; the early day keeps 30 mg.
    assert totals.day_summary(ctx, late).nutrients["magnesium"].amount == pytest.approx(144)
    assert totals.day_summary(ctx, early).nutrients["magnesium"].amount == pytest.approx(30)
    revert_edit(ctx, edit)
    # 2 x 30 mg + 20 g at 75 mg/100 g = 75 mg, as before the edit.
    assert totals.day_summary(ctx, late).nutrients["magnesium"].amount == pytest.approx(75)
    assert foods.get_food(ctx, bar.id).id == bar.id
    reapply_custom_edit(ctx, edit)
    assert totals.day_summary(ctx, late).nutrients["magnesium"].amount == pytest.approx(144)


def test_only_own_foods_can_be_edited_or_deleted(ctx: Context) -> None:
    with pytest.raises(UserError, match="not one of your own foods"):
        edit_custom_food(ctx, "sr28:11457", "Spinach", 100, {})
    with pytest.raises(UserError, match="not one of your own foods"):
        delete_custom_food(ctx, "sr28:11457")


def test_a_bad_edit_changes_nothing(ctx: Context) -> None:
    bar = foods.add_custom_food(ctx, "Granola bar", 40, {"magnesium": 30})
    with pytest.raises(UserError) as refused:
        edit_custom_food(ctx, bar.id, "Granola bar", 40, {"magnesium": -3})
    assert refused.value.field == "magnesium"
    assert foods.get_food(ctx, bar.id) == bar


def test_deleting_a_used_food_is_refused_with_the_count(ctx: Context) -> None:
    bar = foods.add_custom_food(ctx, "Granola bar", 40, {"magnesium": 30})
    for hour in (8, 12):
        diary.add_entry(ctx, diary.new_food_entry(ctx, bar.id, DAY, dt.time(hour, 0),
                                                  grams=40))
    edit_custom_food(ctx, bar.id, "Granola bar", 40, {"magnesium": 35})
    diary.add_entry(ctx, diary.new_food_entry(ctx, bar.id, DAY, NOON, grams=40))
    with pytest.raises(UserError, match="Granola bar is used by 3 diary entries") as refused:
        delete_custom_food(ctx, bar.id)
    assert "nothing was deleted" in refused.value.message
    assert foods.get_food(ctx, bar.id).name == "Granola bar"


def test_an_unused_food_is_deleted_with_every_version_and_restored(ctx: Context) -> None:
    bar = foods.add_custom_food(ctx, "Granola bar", 40, {"magnesium": 30},
                                portions=[Portion(1, "bar", 40)])
    edit_custom_food(ctx, bar.id, "Oat bar", 40, {"magnesium": 35},
                     portions=[Portion(1, "bar", 40)])
    deleted = delete_custom_food(ctx, bar.id)
    assert [f.id for f in deleted] == [bar.id, f"{bar.id}@2"]
    with pytest.raises(UserError, match="Unknown food id"):
        foods.get_food(ctx, bar.id)
    assert foods.search_foods(ctx, "oat bar", 5)[0].id != bar.id
    restore_custom_food(ctx, deleted)
    restored = foods.get_food(ctx, bar.id)
    assert (restored.id, restored.name) == (f"{bar.id}@2", "Oat bar")
    assert [p.label for p in restored.portions] == ["1 serving", "1 bar"]
