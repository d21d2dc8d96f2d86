"""Recipes, saved meals, food edits and imports from another app each end in exactly one
``Changes`` (and so does each undo), like every other operation of the window."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest

from tests.ui.test_change_broadcast import Recorded
from tests.ui.window_fixtures import NOW, make_window, when_dialog_opens
from tracker.domain.entries import WaterEntry
from tracker.domain.foods import Food
from tracker.services import diary
from tracker.services.context import Context
from tracker.services.foods import catalog as foods
from tracker.services.foods import meals
from tracker.ui.foods.food_flows import FoodFlows
from tracker.ui.shell import main_window as main_window_module

TODAY = NOW.date()
PAST = TODAY - dt.timedelta(days=5)
FIXTURES = Path(__file__).parent.parent / "fixtures" / "other_apps"


@pytest.fixture
def window(qtbot: Any, ctx: Context, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Any:
    monkeypatch.setattr(main_window_module.QMessageBox, "warning",
                        lambda _parent, _title, text: pytest.fail(text))
    return make_window(qtbot, ctx, tmp_path / "settings.toml")


@pytest.fixture
def oats(ctx: Context) -> Food:
    return foods.add_custom_food(ctx, "Test oats", 100, {"magnesium": 100})


def test_save_selection_as_meal_then_log_it_and_undo(window: Any, oats: Food,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    ctx = window.ctx
    diary.add_entry(ctx, diary.new_food_entry(ctx, oats.id, TODAY, dt.time(7, 30), grams=60))
    diary.add_entry(ctx, WaterEntry(TODAY, dt.time(7, 35), 300))
    window.refresh_day()
    window.table.selectAll()
    monkeypatch.setattr(FoodFlows, "_ask_meal_name", lambda self: ("Usual breakfast", True))
    recorded = Recorded(window)
    window.acts.save_meal_action.trigger()
    assert recorded.one().foods and not recorded.one().dates

    meal = meals.find_meal(ctx, "Usual breakfast")
    recorded = Recorded(window)
    window.food_flows.log_meal(meal, PAST, dt.time(8, 0))
    logged = recorded.one()
    assert logged.dates == {PAST} and logged.focus_date == PAST
    recorded = Recorded(window)
    window.undo_stack.undo()
    assert recorded.one().dates == {PAST}
    assert diary.day(ctx, PAST).is_empty


def test_a_recipe_edit_from_a_date_on_names_the_days_it_moved(window: Any,
                                                              oats: Food) -> None:
    ctx = window.ctx
    recorded = Recorded(window)
    window.food_flows.save_recipe(_request("Oat bowl", oats, None, None))
    assert recorded.one().foods
    [food] = [h for h in foods.search_foods(ctx, "oat bowl", 3) if h.id.startswith("recipe:")]
    diary.add_entry(ctx, diary.new_food_entry(ctx, food.id, PAST, dt.time(8, 0),
                                              amount="1 serving"))
    recorded = Recorded(window)
    window.food_flows.save_recipe(_request("Oat bowl", oats, food.id, PAST))
    edited = recorded.one()
    assert edited.foods and edited.dates == {PAST}
    recorded = Recorded(window)
    window.undo_stack.undo()
    assert recorded.one().dates == {PAST}
    # Without "also update", past days keep their version: only the foods changed.
    recorded = Recorded(window)
    window.food_flows.save_recipe(_request("Oat bowl", oats, food.id, None))
    assert recorded.one().foods and not recorded.one().dates


def test_deleting_an_unused_food_is_one_change(window: Any, oats: Food) -> None:
    recorded = Recorded(window)
    assert window.food_flows.delete_food(oats)
    assert recorded.one().foods


def test_import_from_another_app_and_its_undo_are_one_change_each(window: Any) -> None:
    def fill(dialog: Any) -> None:
        dialog.path_edit.setText(str(FIXTURES / "bearable.csv"))
        dialog.read_file()
        dialog.symptom_combos["Calf cramps"].setCurrentIndex(2)
        dialog.import_button.click()

    recorded = Recorded(window)
    when_dialog_opens(fill)
    window.acts.import_other_action.trigger()
    assert recorded.one().everything
    recorded = Recorded(window)
    window.undo_stack.undo()
    assert recorded.one().everything


def _request(name: str, oats: Food, recipe_id: str | None,
             update_from: dt.date | None) -> Any:
    from tracker.domain.recipes import RecipeItem
    from tracker.ui.foods.recipe_dialog import RecipeRequest

    return RecipeRequest(name=name, items=(RecipeItem(oats.id, 200, 200, "g"),), servings="2",
                         cooked_grams=None, recipe_id=recipe_id, update_from=update_from)

