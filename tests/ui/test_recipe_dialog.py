"""The recipe editor and "save these entries as a meal / recipe", driven through their widgets."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialogButtonBox

from tests.ui.window_fixtures import NOW, make_window
from tracker.domain.entries import WaterEntry
from tracker.domain.foods import Food
from tracker.services import diary, totals
from tracker.services.context import Context
from tracker.services.foods import catalog as foods
from tracker.services.foods import meals, recipes
from tracker.ui.foods.food_flows import FoodFlows
from tracker.ui.foods.recipe_dialog import RecipeDialog
from tracker.ui.shell import main_window as main_window_module

TODAY = NOW.date()


@pytest.fixture
def errors(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    shown: list[str] = []
    monkeypatch.setattr(main_window_module.QMessageBox, "warning",
                        lambda _parent, _title, text: shown.append(text))
    return shown


@pytest.fixture
def window(qtbot: Any, ctx: Context, tmp_path: Path, errors: list[str]) -> Any:
    return make_window(qtbot, ctx, tmp_path / "settings.toml")


@pytest.fixture
def oats(ctx: Context) -> Food:
    # 100 mg magnesium, 40 mg calcium and 2 µg vitamin D per 100 g.
    return foods.add_custom_food(ctx, "Test oats", 100,
                                 {"magnesium": 100, "calcium": 40, "vitamin_d": 2})


@pytest.fixture
def milk(ctx: Context) -> Food:
    # 10 mg magnesium and 120 mg calcium per 100 g; vitamin D unknown.
    return foods.add_custom_food(ctx, "Test milk", 100, {"magnesium": 10, "calcium": 120})


def _active(qtbot: Any, dialog: Any) -> Any:
    """``dialog`` once it is the active window (keys go to it, not the window behind)."""
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog, timeout=3000)
    return dialog


def _add(qtbot: Any, dialog: RecipeDialog, query: str, quantity: str, unit: str = "g") -> None:
    dialog.search_edit.setText(query)
    dialog.search_panel.run_search()
    qtbot.keyClick(dialog.search_edit, Qt.Key.Key_Return)  # picks the best match
    dialog.picker.select_unit(unit)
    dialog.picker.quantity_edit.setText(quantity)
    qtbot.keyClick(dialog.picker.quantity_edit, Qt.Key.Key_Return)  # adds it


def test_the_editor_adds_ingredients_by_search_and_shows_a_serving_live(
        qtbot: Any, window: Any, oats: Food, milk: Food) -> None:
    dialog = _active(qtbot, window.food_flows.new_recipe())
    dialog.name_edit.setText("Porridge")
    _add(qtbot, dialog, "test oats", "200")
    assert dialog.items_model.rowCount() == 1
    # One serving of 200 g of oats: 200 mg magnesium, 80 mg calcium, 4 µg vitamin D.
    assert dialog.totals.values["magnesium"].text() == "200 mg"
    _add(qtbot, dialog, "test milk", "300")
    dialog.servings_edit.setText("4")
    # (200 + 30) / 4 mg magnesium; (80 + 360) / 4 mg calcium; 4 µg vitamin D over 4
    # servings, known for 200 of the 500 g.
    assert dialog.totals.values["grams"].text() == "125 g"
    assert dialog.totals.values["magnesium"].text() == "57.5 mg"
    assert dialog.totals.values["calcium"].text() == "110 mg"
    assert dialog.totals.values["vitamin_d"].text() == "1.0 µg\npartly known (40 %)"
    assert dialog.totals.values["vitamin_b12"].text() == "unknown"
    dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()
    [hit] = [h for h in foods.search_foods(window.ctx, "porridge", 5)
             if h.id.startswith("recipe:")]
    stored = recipes.stored_recipe(window.ctx, hit.id)
    assert (stored.name, stored.servings, [i.grams for i in stored.items]) == \
        ("Porridge", 4, [200, 300])
    window.undo_stack.undo()
    assert not [h for h in foods.search_foods(window.ctx, "porridge", 5)
                if h.id.startswith("recipe:")]
    window.undo_stack.redo()
    assert foods.get_food(window.ctx, hit.id).name == "Porridge"


def test_a_bad_size_or_no_ingredient_is_refused_beside_the_field(
        qtbot: Any, window: Any, oats: Food) -> None:
    dialog = _active(qtbot, window.food_flows.new_recipe())
    dialog.name_edit.setText("Nothing yet")
    dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()
    assert dialog.isVisible()
    assert dialog.message() == "A recipe needs at least one ingredient."
    _add(qtbot, dialog, "test oats", "50")
    dialog.servings_edit.setText("0")
    assert dialog.totals.values["magnesium"].text() == "–"
    dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()
    assert dialog.message() == "The number of servings must be more than zero."
    assert window.undo_stack.count() == 0


def test_removing_an_ingredient_updates_the_totals(qtbot: Any, window: Any, oats: Food,
                                                  milk: Food) -> None:
    dialog = _active(qtbot, window.food_flows.new_recipe())
    _add(qtbot, dialog, "test oats", "100")
    _add(qtbot, dialog, "test milk", "100")
    assert dialog.totals.values["magnesium"].text() == "110 mg"
    dialog.items_view.selectRow(1)
    qtbot.keyClick(dialog.items_view, Qt.Key.Key_Delete)
    assert dialog.items_model.items()[0].food_id == oats.id
    assert dialog.totals.values["magnesium"].text() == "100 mg"


def test_an_edit_keeps_past_days_unless_asked_and_undoes_as_one(
        qtbot: Any, window: Any, oats: Food) -> None:
    ctx = window.ctx
    food = recipes.add_recipe(ctx, "Oat bowl", [recipes.Ingredient(oats.id, 200)], 2)
    past = TODAY - dt.timedelta(days=5)
    diary.add_entry(ctx, diary.new_food_entry(ctx, food.id, past, dt.time(8, 0),
                                              amount="1 serving"))
    dialog = _active(qtbot, window.food_flows.edit_recipe(food.id))
    assert dialog.name_edit.text() == "Oat bowl" and dialog.update_check.isVisible()
    dialog.servings_edit.setText("4")
    dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()
    assert totals.day_summary(ctx, past).nutrients["magnesium"].amount == pytest.approx(100)
    window.undo_stack.undo()
    dialog = _active(qtbot, window.food_flows.edit_recipe(food.id))
    dialog.servings_edit.setText("4")
    dialog.update_check.setChecked(True)
    dialog.update_date.setDate(past)
    dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()
    # One serving of four of 200 g oats: 50 mg.
    assert totals.day_summary(ctx, past).nutrients["magnesium"].amount == pytest.approx(50)
    window.undo_stack.undo()
    assert totals.day_summary(ctx, past).nutrients["magnesium"].amount == pytest.approx(100)


def _select_rows(window: Any, rows: list[int]) -> None:
    from PySide6.QtCore import QItemSelectionModel

    window.table.setFocus()
    selection = window.table.selectionModel()
    selection.clearSelection()
    for row in rows:
        selection.select(window.model.index(row, 0),
                         QItemSelectionModel.SelectionFlag.Select
                         | QItemSelectionModel.SelectionFlag.Rows)


def test_save_selected_entries_as_a_meal_then_log_it_in_one_step_and_undo_it(
        qtbot: Any, window: Any, oats: Food, monkeypatch: pytest.MonkeyPatch) -> None:
    ctx = window.ctx
    diary.add_entry(ctx, diary.new_food_entry(ctx, oats.id, TODAY, dt.time(7, 30), grams=60))
    diary.add_entry(ctx, WaterEntry(TODAY, dt.time(7, 35), 300))
    diary.add_entry(ctx, diary.new_food_entry(ctx, "sr28:09040", TODAY, dt.time(16, 0),
                                              grams=120))
    window.refresh_day()
    _select_rows(window, [0, 1])
    assert len(window.table.selected_entries()) == 2
    monkeypatch.setattr(FoodFlows, "_ask_meal_name", lambda self: ("Usual breakfast", True))
    window.acts.save_meal_action.trigger()
    meal = meals.find_meal(ctx, "usual breakfast")
    assert [i.kind for i in meal.items] == ["food", "water"]
    # Log it tomorrow from the food dialog: the empty search offers it first.
    window.acts.next_action.trigger()
    from tracker.ui.foods.food_dialog import FoodDialog

    dialog = FoodDialog(ctx, window.date, dt.time(8, 0), window,
                        saver=lambda entry: window.save_entry(entry),
                        meal_saver=window.food_flows.log_meal)
    dialog.show()
    dialog.activateWindow()
    _active(qtbot, dialog)
    assert dialog.model.headings()[0] == "Saved meals"
    assert dialog.model.hits()[0].name == "Usual breakfast"
    dialog.search_edit.setFocus()
    qtbot.keyClick(dialog.search_edit, Qt.Key.Key_Return)  # picks the meal: logged at once
    tomorrow = diary.day(ctx, TODAY + dt.timedelta(days=1))
    assert (len(tomorrow.foods), len(tomorrow.water)) == (1, 1)
    assert {e.time for e in (*tomorrow.foods, *tomorrow.water)} == {dt.time(8, 0)}
    assert window.model.rowCount() == 2
    window.undo_stack.undo()
    assert diary.day(ctx, TODAY + dt.timedelta(days=1)).is_empty
    assert window.model.rowCount() == 0
    window.undo_stack.undo()  # and the meal itself
    assert meals.meals(ctx) == []


def test_save_selected_foods_as_a_recipe_opens_the_editor_with_them(
        qtbot: Any, window: Any, oats: Food, milk: Food) -> None:
    ctx = window.ctx
    for food, grams in ((oats, 80), (milk, 250)):
        diary.add_entry(ctx, diary.new_food_entry(ctx, food.id, TODAY, dt.time(7, 30),
                                                  grams=grams))
    diary.add_entry(ctx, WaterEntry(TODAY, dt.time(7, 40), 300))
    window.refresh_day()
    _select_rows(window, [0, 1, 2])
    window.acts.save_recipe_action.trigger()
    [dialog] = [d for d in window.findChildren(RecipeDialog) if d.isVisible()]
    _active(qtbot, dialog)
    assert [i.grams for i in dialog.items_model.items()] == [80, 250]  # water is no ingredient
    assert dialog.totals.values["magnesium"].text() == "105 mg"  # 80 + 25


def test_empty_search_groups_meals_recent_and_frequent(qtbot: Any, window: Any, oats: Food,
                                                       milk: Food,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    ctx = window.ctx
    today = dt.date.today()  # habits are counted back from the real today
    for days in range(1, 5):
        diary.add_entry(ctx, diary.new_food_entry(ctx, milk.id, today - dt.timedelta(days=days),
                                                  dt.time(9, 0), grams=200))
    diary.add_entry(ctx, diary.new_food_entry(ctx, oats.id, today, dt.time(12, 0), grams=50))
    meals.save_meal(ctx, "Snack", meals.items_from_entries(diary.day(ctx, today).foods))
    from tracker.ui.foods import food_search_panel
    from tracker.ui.foods.food_dialog import FoodDialog

    dialog = FoodDialog(ctx, TODAY, dt.time(8, 0), window, meal_saver=lambda *_a: None)
    qtbot.addWidget(dialog)
    assert dialog.model.headings() == ["Saved meals", "Recent"]
    assert [h.name for h in dialog.model.hits()] == ["Snack", "Test oats", "Test milk"]
    # With one food per group, the most frequent of the others gets a group of its own.
    monkeypatch.setattr(food_search_panel, "RECENT_LIMIT", 1)
    dialog = FoodDialog(ctx, TODAY, dt.time(8, 0), window, meal_saver=lambda *_a: None)
    qtbot.addWidget(dialog)
    assert dialog.model.headings() == ["Saved meals", "Recent", "Frequent"]
    assert [h.name for h in dialog.model.hits()] == ["Snack", "Test oats", "Test milk"]
    # Editing an entry offers foods only.
    entry = diary.day(ctx, today).foods[0]
    dialog = FoodDialog(ctx, today, dt.time(8, 0), window, entry=entry,
                        meal_saver=lambda *_a: None)
    qtbot.addWidget(dialog)
    assert "Saved meals" not in dialog.model.headings()
