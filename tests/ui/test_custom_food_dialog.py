"""Creating a custom food through the real form, and reaching it from the food dialog."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog
from pytestqt.qtbot import QtBot

from tracker.services.context import Context
from tracker.services.foods import catalog as foods
from tracker.ui.foods.custom_food_dialog import CustomFoodDialog
from tracker.ui.foods.food_dialog import FoodDialog


@pytest.fixture
def form(qtbot: QtBot, ctx: Context) -> CustomFoodDialog:
    dlg = CustomFoodDialog(ctx)
    qtbot.addWidget(dlg)
    dlg.show()
    dlg.activateWindow()
    qtbot.waitUntil(dlg.isActiveWindow)
    return dlg


def _custom_named(ctx: Context, name: str) -> list[str]:
    return [hit.id for hit in foods.search_foods(ctx, name, 50)
            if hit.id.startswith("custom:") and hit.name == name]


def test_per_serving_amounts_are_stored_per_100_g(qtbot: QtBot, ctx: Context,
                                                  form: CustomFoodDialog) -> None:
    qtbot.keyClicks(form.name_edit, "Seed bar")
    qtbot.keyClicks(form.serving_edit, "40")
    qtbot.keyClicks(form.amount_edits["magnesium"], "60")
    qtbot.keyClicks(form.amount_edits["vitamin_d"], "200")
    form.vitamin_d_unit.setCurrentText("IU")
    row = form.portion_rows[0]
    qtbot.keyClicks(row.name, "half bar")
    qtbot.keyClicks(row.grams, "20")
    qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)
    assert form.result() == QDialog.DialogCode.Accepted
    created = form.food()
    assert created is not None
    stored = foods.get_food(ctx, created.id)
    assert stored.nutrients["magnesium"] == pytest.approx(60 * 100 / 40)
    # 200 IU is 5 µg (1 µg = 40 IU, IOM 2011) in a 40 g serving: 12.5 µg per 100 g.
    assert stored.nutrients["vitamin_d"] == pytest.approx(12.5)
    assert stored.nutrients["calcium"] is None  # left empty: unknown, not zero
    assert [(p.description, p.grams) for p in stored.portions] == [("serving", 40.0),
                                                                   ("half bar", 20.0)]
    assert _custom_named(ctx, "Seed bar") == [created.id]


def test_per_100_g_amounts_are_kept_as_typed(qtbot: QtBot, ctx: Context,
                                             form: CustomFoodDialog) -> None:
    qtbot.keyClicks(form.name_edit, "Oat drink")
    qtbot.keyClicks(form.serving_edit, "250")
    form.per_100g.setChecked(True)
    form.beverage_check.setChecked(True)
    qtbot.keyClicks(form.amount_edits["calcium"], "120")
    form.accept()
    created = form.food()
    assert created is not None and created.beverage
    assert foods.get_food(ctx, created.id).nutrients["calcium"] == pytest.approx(120)


@pytest.mark.parametrize(("field", "typed", "expected"), [
    ("name", "", "Food name is required"),
    ("serving_edit", "", "how many grams"),
    ("serving_edit", "abc", "must be a number"),
    ("serving_edit", "9000", "more than 5000"),
    ("magnesium", "-3", "cannot be negative"),
    ("magnesium", "nan", "real number"),
])
def test_bad_input_is_shown_and_nothing_stored(qtbot: QtBot, ctx: Context,
                                               form: CustomFoodDialog, field: str, typed: str,
                                               expected: str) -> None:
    values = {"name": "Broken food", "serving_edit": "100", "magnesium": "30"}
    values[field] = typed
    qtbot.keyClicks(form.name_edit, values["name"])
    qtbot.keyClicks(form.serving_edit, values["serving_edit"])
    qtbot.keyClicks(form.amount_edits["magnesium"], values["magnesium"])
    qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)
    assert form.isVisible() and form.food() is None
    assert expected in form.message()
    assert _custom_named(ctx, "Broken food") == []


def test_a_half_filled_portion_is_refused(qtbot: QtBot, ctx: Context,
                                          form: CustomFoodDialog) -> None:
    qtbot.keyClicks(form.name_edit, "Muffin")
    qtbot.keyClicks(form.serving_edit, "80")
    qtbot.keyClicks(form.amount_edits["calcium"], "50")
    qtbot.keyClicks(form.portion_rows[1].name, "mini muffin")
    form.accept()
    assert "grams one mini muffin weighs" in form.message()
    assert _custom_named(ctx, "Muffin") == []


def test_food_dialog_picks_the_food_just_created(qtbot: QtBot, ctx: Context,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    dlg = FoodDialog(ctx, dt.date(2026, 11, 20), dt.time(9, 0))
    qtbot.addWidget(dlg)
    dlg.show()
    dlg.activateWindow()
    qtbot.waitUntil(dlg.isActiveWindow)
    qtbot.keyClicks(dlg.search_edit, "Aunt's flapjack")

    def fill_and_save(custom: CustomFoodDialog) -> int:
        assert custom.name_edit.text() == "Aunt's flapjack"  # carried over from the search
        custom.serving_edit.setText("60")
        custom.amount_edits["magnesium"].setText("45")
        custom.accept()
        return int(custom.result())

    monkeypatch.setattr(CustomFoodDialog, "exec", fill_and_save)
    qtbot.mouseClick(dlg.create_button, Qt.MouseButton.LeftButton)
    picked = dlg.food()
    assert picked is not None and picked.name == "Aunt's flapjack"
    assert dlg.picker.quantity_edit.hasFocus()
    assert dlg.preview.values["magnesium"].text() == "45.0 mg"
    assert any(hit.id == picked.id for hit in dlg.model.hits())


def test_a_food_needs_at_least_one_nutrient(qtbot: QtBot, ctx: Context,
                                            form: CustomFoodDialog) -> None:
    qtbot.keyClicks(form.name_edit, "Mystery stew")
    qtbot.keyClicks(form.serving_edit, "250")
    form.accept()
    assert "at least one nutrient" in form.message()
    assert form.amount_edits["magnesium"].hasFocus()
    assert _custom_named(ctx, "Mystery stew") == []
