"""The add-food dialog driven through its real widgets: search, portion, preview, add, edit."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog
from pytestqt.qtbot import QtBot

from tracker.domain.entries import FoodEntry
from tracker.domain.errors import UserError
from tracker.domain.foods import Food
from tracker.services import diary
from tracker.services.context import Context
from tracker.services.foods import catalog as foods
from tracker.ui.foods.food_dialog import FoodDialog
from tracker.ui.foods.food_search_model import MY_FOOD

DAY = dt.date(2026, 11, 20)
NOON = dt.time(12, 30)


def _food(ctx: Context, query: str) -> Food:
    return foods.get_food(ctx, foods.search_foods(ctx, query, 1)[0].id)


# SR28 (WEIGHT.txt): one cup of raw spinach weighs 30 g.
SPINACH_CUP_G = 30.0


@pytest.fixture
def dialog(qtbot: QtBot, ctx: Context) -> FoodDialog:
    dlg = FoodDialog(ctx, DAY, NOON)
    qtbot.addWidget(dlg)
    dlg.show()
    dlg.activateWindow()
    qtbot.waitUntil(dlg.isActiveWindow)
    return dlg


def _search(qtbot: QtBot, dlg: FoodDialog, text: str) -> None:
    dlg.search_edit.setFocus()
    qtbot.keyClicks(dlg.search_edit, text)
    qtbot.waitUntil(lambda: bool(dlg.model.hits())
                    and dlg.results_caption.text().endswith(f"“{text}”"), timeout=3000)


def _pick_first(qtbot: QtBot, dlg: FoodDialog) -> None:
    qtbot.keyClick(dlg.search_edit, Qt.Key.Key_Return)
    assert dlg.food() is not None


def test_search_lists_spinach_raw_first(qtbot: QtBot, dialog: FoodDialog) -> None:
    _search(qtbot, dialog, "spinach")
    assert dialog.model.hits()[0].name == "Spinach, raw"
    assert dialog.model.index(0, 0).data() == "Spinach, raw"


def test_cup_of_spinach_previews_and_adds(qtbot: QtBot, ctx: Context,
                                          dialog: FoodDialog) -> None:
    _search(qtbot, dialog, "spinach")
    _pick_first(qtbot, dialog)
    dialog.picker.select_unit("cup")
    dialog.picker.quantity_edit.setText("1")
    spinach = _food(ctx, "Spinach, raw")
    # SR28: a cup of raw spinach is 30 g at 79 mg magnesium per 100 g.
    assert dialog.preview.values["magnesium"].text() == "23.7 mg"
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert dialog.result() == QDialog.DialogCode.Accepted
    entry = dialog.saved_entry()
    assert (entry.food_id, entry.amount, entry.unit) == (spinach.id, 1.0, "cup")
    assert entry.grams == pytest.approx(30.0)
    assert (entry.date, entry.time) == (DAY, NOON)
    assert diary.day(ctx, DAY).is_empty  # the dialog leaves storing to the main window


@pytest.mark.parametrize(("typed", "words"), [
    ("0", "The amount must be more than zero"), ("-1", "The amount must be more than zero"),
    ("abc", "The amount must be a number, not 'abc'"), ("nan", "The amount must be a real number"),
    ("6000 g", "6000 g is more than 5000 g in one entry"),
    ("", "Type how much you had, e.g. 1, 1.5 or 1/2"), ("1/0", "'1/0' is not a number"),
])
def test_invalid_amount_is_refused_beside_the_field(qtbot: QtBot, ctx: Context,
                                                    typed: str, words: str) -> None:
    saved: list[FoodEntry] = []
    dlg = FoodDialog(ctx, DAY, NOON, saver=saved.append)
    qtbot.addWidget(dlg)
    dlg.show()
    _search(qtbot, dlg, "spinach")
    _pick_first(qtbot, dlg)
    dlg.picker.quantity_edit.clear()
    qtbot.keyClicks(dlg.picker.quantity_edit, typed)
    qtbot.keyClick(dlg.picker.quantity_edit, Qt.Key.Key_Return)
    assert dlg.isVisible() and dlg.result() != QDialog.DialogCode.Accepted
    assert dlg.picker.error.isVisible() and dlg.picker.error.text() == dlg.message()
    assert words in dlg.message()
    assert not saved
    with pytest.raises(UserError) as err:
        dlg.build()
    assert err.value.field == "amount" and words in err.value.message
    assert diary.day(ctx, DAY).is_empty


def test_over_five_kilograms_in_grams_is_refused(qtbot: QtBot, dialog: FoodDialog) -> None:
    _search(qtbot, dialog, "spinach")
    _pick_first(qtbot, dialog)
    dialog.picker.select_unit("g")
    dialog.picker.quantity_edit.setText("6000")
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert dialog.isVisible()
    assert "5000 g" in dialog.picker.error.text()


def test_quantities_as_fractions_and_with_units(qtbot: QtBot, ctx: Context,
                                                dialog: FoodDialog) -> None:
    _search(qtbot, dialog, "spinach")
    _pick_first(qtbot, dialog)
    cup = SPINACH_CUP_G
    dialog.picker.select_unit("cup")
    dialog.picker.quantity_edit.setText("1/2")
    assert dialog.build().grams == pytest.approx(cup / 2)
    dialog.picker.quantity_edit.setText("1 1/2")
    assert dialog.build().grams == pytest.approx(cup * 1.5)
    dialog.picker.quantity_edit.setText("2 cups")
    assert dialog.build().grams == pytest.approx(cup * 2)
    dialog.picker.select_unit("oz")
    dialog.picker.quantity_edit.setText("1.5")
    entry = dialog.build()
    assert (entry.unit, entry.amount) == ("oz", 1.5)
    assert entry.grams == pytest.approx(1.5 * 28.349523125)  # the international ounce
    assert dialog.preview.values["grams"].text() == "43 g"


def test_editing_keeps_the_entry_id(qtbot: QtBot, ctx: Context) -> None:
    spinach = _food(ctx, "Spinach, raw")
    original = diary.add_entry(ctx, diary.new_food_entry(ctx, spinach.id, DAY, NOON,
                                                         amount="1 cup"))
    assert isinstance(original, FoodEntry)
    dlg = FoodDialog(ctx, dt.date(2000, 1, 1), dt.time(0, 0), entry=original)
    qtbot.addWidget(dlg)
    dlg.show()
    assert dlg.food() == spinach
    assert dlg.picker.quantity_edit.text() == "1"
    assert dlg.picker.unit_combo.currentText().startswith("cup")
    assert dlg.ok_button.text() == "Save"
    dlg.picker.quantity_edit.setText("2")
    qtbot.mouseClick(dlg.ok_button, Qt.MouseButton.LeftButton)
    edited = dlg.saved_entry()
    assert edited.id == original.id
    assert (edited.date, edited.time) == (DAY, NOON)
    assert edited.grams == pytest.approx(2 * SPINACH_CUP_G)


def test_editing_an_entry_of_an_unknown_food_says_so(qtbot: QtBot, ctx: Context) -> None:
    ghost = FoodEntry(DAY, NOON, "sr28:99999", 30.0, 1.0, "cup")
    dlg = FoodDialog(ctx, DAY, NOON, entry=ghost)
    qtbot.addWidget(dlg)
    dlg.show()
    assert "sr28:99999" in dlg.message()
    qtbot.mouseClick(dlg.ok_button, Qt.MouseButton.LeftButton)
    assert dlg.isVisible() and dlg.result() != QDialog.DialogCode.Accepted


def test_recent_foods_show_on_an_empty_query(qtbot: QtBot, ctx: Context) -> None:
    yesterday = dt.date.today() - dt.timedelta(days=1)
    for query in ("Spinach, raw", "banana"):
        food_id = foods.search_foods(ctx, query, 1)[0].id
        diary.add_entry(ctx, diary.new_food_entry(ctx, food_id, yesterday, NOON, grams="50"))
    dlg = FoodDialog(ctx, dt.date.today(), NOON)
    qtbot.addWidget(dlg)
    dlg.show()
    names = {hit.name for hit in dlg.model.hits()}
    assert names == {"Spinach, raw", _food(ctx, "banana").name}
    assert "recent" in dlg.results_caption.text()
    qtbot.keyClicks(dlg.search_edit, "x")
    dlg.search_edit.clear()
    dlg.run_search()
    assert {hit.name for hit in dlg.model.hits()} == names


def test_empty_diary_explains_the_recent_list(dialog: FoodDialog) -> None:
    assert dialog.model.hits() == []
    assert "will be listed here" in dialog.results_caption.text()


def test_keyboard_only_flow(qtbot: QtBot, ctx: Context, dialog: FoodDialog) -> None:
    qtbot.keyClicks(dialog.search_edit, "spinach")
    qtbot.waitUntil(lambda: bool(dialog.model.hits()), timeout=3000)
    qtbot.keyClick(dialog.search_edit, Qt.Key.Key_Down)
    assert dialog.results.hasFocus()
    qtbot.keyClick(dialog.results, Qt.Key.Key_Return)
    assert dialog.isVisible()  # Enter on a result picks it and does not close the dialog
    assert dialog.picker.quantity_edit.hasFocus()
    qtbot.keyClicks(dialog.picker.quantity_edit, "2")
    qtbot.keyClick(dialog.picker.quantity_edit, Qt.Key.Key_Tab)
    assert dialog.picker.unit_combo.hasFocus()
    qtbot.keyClick(dialog.picker.unit_combo, Qt.Key.Key_Return)
    assert dialog.result() == QDialog.DialogCode.Accepted
    spinach = _food(ctx, "Spinach, raw")
    entry = dialog.saved_entry()
    assert (entry.food_id, entry.amount) == (spinach.id, 2.0)
    assert entry.grams == pytest.approx(2 * spinach.portions[0].grams
                                        / spinach.portions[0].amount)


def test_no_match_suggests_a_custom_food(qtbot: QtBot, dialog: FoodDialog) -> None:
    qtbot.keyClicks(dialog.search_edit, "qqqqzzzz")
    qtbot.waitUntil(lambda: "No food matches" in dialog.results_caption.text(), timeout=3000)
    qtbot.keyClick(dialog.search_edit, Qt.Key.Key_Return)
    assert dialog.isVisible() and dialog.food() is None
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert dialog.isVisible() and "Choose a food" in dialog.message()


def test_custom_foods_are_marked_and_unknown_values_say_unknown(
        qtbot: QtBot, ctx: Context, dialog: FoodDialog) -> None:
    foods.add_custom_food(ctx, "Nettle smoothie", 250, {"magnesium": 60})
    _search(qtbot, dialog, "nettle smoothie")
    row = next(i for i, hit in enumerate(dialog.model.hits()) if hit.name == "Nettle smoothie")
    assert dialog.model.index(row, 1).data().startswith(MY_FOOD)
    dialog.results.setCurrentIndex(dialog.model.index(row, 0))
    dialog.picker.select_unit("serving")
    dialog.picker.quantity_edit.setText("1")
    assert dialog.preview.values["magnesium"].text() == "60.0 mg"
    assert dialog.preview.values["calcium"].text() == "unknown"
    assert dialog.preview.values["vitamin_d"].text() == "unknown"


def test_caffeine_shows_only_for_foods_with_caffeine(qtbot: QtBot, dialog: FoodDialog) -> None:
    _search(qtbot, dialog, "coffee brewed")
    _pick_first(qtbot, dialog)
    assert "Caffeine" in dialog.preview.text()
    dialog.search_edit.clear()
    _search(qtbot, dialog, "spinach")
    _pick_first(qtbot, dialog)
    assert "Caffeine" not in dialog.preview.text()


def test_a_failed_save_keeps_the_dialog_open(qtbot: QtBot, ctx: Context) -> None:
    def busy(_entry: FoodEntry) -> None:
        raise UserError("The diary is busy; try again in a moment.")

    dlg = FoodDialog(ctx, DAY, NOON, saver=busy)
    qtbot.addWidget(dlg)
    dlg.show()
    _search(qtbot, dlg, "spinach")
    _pick_first(qtbot, dlg)
    qtbot.mouseClick(dlg.ok_button, Qt.MouseButton.LeftButton)
    assert dlg.isVisible() and dlg.message() == "The diary is busy; try again in a moment."


def test_date_and_time_come_from_the_fields(qtbot: QtBot, dialog: FoodDialog) -> None:
    _search(qtbot, dialog, "spinach")
    _pick_first(qtbot, dialog)
    dialog.date_edit.setDate(dialog.date_edit.date().addDays(-1))
    dialog.time_edit.setTime(dialog.time_edit.time().addSecs(3600))
    entry = dialog.build()
    assert entry.date == DAY - dt.timedelta(days=1)
    assert entry.time == dt.time(NOON.hour + 1, NOON.minute)
    dialog.date_edit.setDate(dialog.date_edit.date().addYears(-500))
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert dialog.isVisible() and dialog.when_error.isVisible()
    assert "outside the years" in dialog.message()


def test_a_food_logged_before_starts_at_last_times_amount(qtbot: QtBot, ctx: Context) -> None:
    # SR28: 2 tbsp of smooth peanut butter weigh 32 g.
    diary.add_entry(ctx, diary.new_food_entry(ctx, "sr28:16098", DAY - dt.timedelta(days=1),
                                              NOON, amount="2 tbsp"))
    dlg = FoodDialog(ctx, DAY, NOON)
    qtbot.addWidget(dlg)
    dlg.show()
    _search(qtbot, dlg, "peanut butter smooth")
    assert dlg.choose_food(foods.get_food(ctx, "sr28:16098"))
    assert (dlg.picker.quantity_edit.text(), dlg.picker.unit_combo.currentText()) == (
        "2", "tbsp (16 g)")
    qtbot.keyClick(dlg.picker.quantity_edit, Qt.Key.Key_Return)
    entry = dlg.saved_entry()
    assert (entry.amount, entry.unit, entry.grams) == (2.0, "tbsp", pytest.approx(32.0))


def test_a_banana_never_logged_starts_at_one_medium(qtbot: QtBot, dialog: FoodDialog,
                                                    ctx: Context) -> None:
    assert dialog.choose_food(foods.get_food(ctx, "sr28:09040"))
    assert dialog.picker.quantity_edit.text() == "1"
    assert dialog.picker.unit_combo.currentText().startswith("medium")
    # SR28: a medium banana weighs 118 g and holds 27 mg magnesium per 100 g.
    assert dialog.preview.values["magnesium"].text() == "31.9 mg"


def test_a_typed_quantity_stays_when_another_food_is_chosen(qtbot: QtBot, ctx: Context) -> None:
    diary.add_entry(ctx, diary.new_food_entry(ctx, "sr28:16098", DAY, NOON, amount="3 tbsp"))
    dlg = FoodDialog(ctx, DAY, NOON)
    qtbot.addWidget(dlg)
    dlg.show()
    assert dlg.choose_food(foods.get_food(ctx, "sr28:09040"))
    dlg.picker.quantity_edit.selectAll()
    qtbot.keyClicks(dlg.picker.quantity_edit, "5")
    assert dlg.choose_food(foods.get_food(ctx, "sr28:16098"))
    assert dlg.picker.quantity_edit.text() == "5"
