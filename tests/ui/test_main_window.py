"""The main window driven through its real widgets: navigate, quick-log, edit, delete, undo."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox, QToolBar

from tests.ui.window_fixtures import NOW, make_window, when_dialog_opens
from tracker.domain.entries import DayFactors, Episode, FoodEntry, WaterEntry
from tracker.services import diary
from tracker.services.context import Context
from tracker.ui.day.day_model import UNKNOWN
from tracker.ui.shell import main_window as main_window_module

TODAY = NOW.date()


@pytest.fixture
def errors(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Messages the window would show in a box, collected instead of blocking the test."""
    shown: list[str] = []
    monkeypatch.setattr(main_window_module.QMessageBox, "warning",
                        lambda _parent, _title, text: shown.append(text))
    return shown


@pytest.fixture
def window(qtbot: Any, ctx: Context, tmp_path: Path, errors: list[str]) -> Any:
    return make_window(qtbot, ctx, tmp_path / "settings.toml")


def _button(window: Any, action: Any) -> Any:
    for bar in window.findChildren(QToolBar):
        widget = bar.widgetForAction(action)
        if widget is not None:
            return widget
    raise AssertionError(f"no toolbar button for {action.text()}")


def _select_row(window: Any, row: int) -> None:
    window.table.setFocus()
    window.table.selectRow(row)


def test_navigates_days_with_buttons_and_keys(qtbot: Any, window: Any) -> None:
    assert window.date == TODAY
    window.acts.prev_action.trigger()
    assert window.date == TODAY - dt.timedelta(1)
    window.table.setFocus()
    qtbot.keyClick(window.table, Qt.Key.Key_Left, Qt.KeyboardModifier.AltModifier)
    assert window.date == TODAY - dt.timedelta(2)
    qtbot.keyClick(window.table, Qt.Key.Key_Right, Qt.KeyboardModifier.AltModifier)
    assert window.date == TODAY - dt.timedelta(1)
    qtbot.keyClick(window.table, Qt.Key.Key_T, Qt.KeyboardModifier.ControlModifier)
    assert window.date == TODAY
    window.date_edit.setDate(window.date_edit.date().addDays(5))
    assert window.date == TODAY + dt.timedelta(5)


def test_glass_button_logs_water_on_the_shown_day(qtbot: Any, window: Any,
                                                  ctx: Context) -> None:
    window.acts.prev_action.trigger()
    qtbot.mouseClick(_button(window, window.acts.glass_action), Qt.MouseButton.LeftButton)
    water = diary.day(ctx, TODAY - dt.timedelta(1)).water
    assert [w.volume_ml for w in water] == [window.settings.get("glass_ml")]
    assert window.model.rowCount() == 1
    assert window.model.rows()[0].kind == "Water"


def test_water_buttons_follow_the_fl_oz_setting(qtbot: Any, ctx: Context, tmp_path: Path,
                                                errors: list[str]) -> None:
    from tracker.config import Settings

    settings_path = tmp_path / "settings.toml"
    Settings(settings_path).set("water_unit", "fl_oz")
    window = make_window(qtbot, ctx, settings_path)
    assert "fl oz" in window.acts.bottle_action.text()
    window.acts.bottle_action.trigger()
    assert "fl oz" in window.model.rows()[0].amount
    assert diary.day(ctx, TODAY).water[0].volume_ml == window.settings.get("bottle_ml")


def test_log_twitch_is_one_click_with_the_last_used_site(qtbot: Any, window: Any,
                                                         ctx: Context) -> None:
    window.settings.set("last_body_site", "thigh")
    window.settings.set("last_side", "left")
    window.settings.set("last_episode_kind", "cramp")
    window.acts.prev_action.trigger()
    qtbot.mouseClick(window.twitch_button, Qt.MouseButton.LeftButton)
    (episode,) = diary.day(ctx, TODAY).episodes
    assert (episode.kind, episode.body_site, episode.side) == ("cramp", "thigh", "left")
    assert episode.time == NOW.time().replace(second=0, microsecond=0)
    assert window.date == TODAY, "the view moves to today to show the new twitch"
    assert 1 <= episode.intensity <= 10


def test_ctrl_l_logs_a_twitch_from_the_keyboard(qtbot: Any, window: Any, ctx: Context) -> None:
    window.table.setFocus()
    qtbot.keyClick(window.table, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    assert len(diary.day(ctx, TODAY).episodes) == 1


def test_delete_then_undo_and_redo_with_the_keyboard(qtbot: Any, window: Any,
                                                     ctx: Context) -> None:
    window.acts.glass_action.trigger()
    (entry,) = diary.day(ctx, TODAY).water
    _select_row(window, 0)
    qtbot.keyClick(window.table, Qt.Key.Key_Delete)
    assert diary.day(ctx, TODAY).water == ()
    assert window.model.rowCount() == 0
    qtbot.keyClick(window.table, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert diary.day(ctx, TODAY).water == (entry,), "undo brings back the same entry"
    assert window.model.rowCount() == 1
    qtbot.keyClick(window.table, Qt.Key.Key_Z,
                   Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert diary.day(ctx, TODAY).water == ()


def test_the_day_table_has_the_focus_and_ctrl_z_works_from_the_date_field(
        qtbot: Any, window: Any, ctx: Context) -> None:
    window.activateWindow()
    qtbot.waitUntil(lambda: window.table.hasFocus())
    window.acts.glass_action.trigger()
    assert len(diary.day(ctx, TODAY).water) == 1
    window.date_edit.setFocus()
    qtbot.waitUntil(lambda: window.date_edit.hasFocus())
    qtbot.keyClick(window.date_edit.lineEdit(), Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert diary.day(ctx, TODAY).water == (), "Ctrl+Z in the date field undoes the diary"
    qtbot.keyClick(window.date_edit.lineEdit(), Qt.Key.Key_Z,
                   Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert len(diary.day(ctx, TODAY).water) == 1


def test_undo_of_an_entry_on_another_day_shows_that_day(qtbot: Any, window: Any,
                                                        ctx: Context) -> None:
    window.acts.glass_action.trigger()
    window.acts.next_action.trigger()
    window.undo_stack.undo()
    assert window.date == TODAY
    assert diary.day(ctx, TODAY).water == ()


def test_edit_water_through_its_dialog_and_undo(qtbot: Any, window: Any, ctx: Context) -> None:
    window.acts.glass_action.trigger()
    (before,) = diary.day(ctx, TODAY).water
    _select_row(window, 0)

    def change(dialog: Any) -> None:
        dialog.amount_edit.setText("400")
        dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()

    when_dialog_opens(change)
    qtbot.keyClick(window.table, Qt.Key.Key_Return)
    (after,) = diary.day(ctx, TODAY).water
    assert (after.id, after.volume_ml) == (before.id, 400.0)
    window.undo_stack.undo()
    assert diary.day(ctx, TODAY).water == (before,)


def test_invalid_amount_in_the_water_dialog_is_refused(qtbot: Any, window: Any,
                                                       ctx: Context) -> None:
    seen: list[str] = []

    def refuse(dialog: Any) -> None:
        for bad in ("-1", "0", "nan", "lots", "6000"):
            dialog.amount_edit.setText(bad)
            dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
            assert dialog.isVisible(), f"{bad!r} was accepted"
            seen.append(dialog.message())
        dialog.reject()

    when_dialog_opens(refuse)
    window.acts.custom_water_action.trigger()
    assert len(seen) == 5 and all(seen)
    assert diary.day(ctx, TODAY).water == ()
    assert window.undo_stack.count() == 0


def test_busy_diary_keeps_the_dialog_open_with_the_input(qtbot: Any, window: Any,
                                                         ctx: Context,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    from tracker.storage.diary import DiaryBusyError

    def busy(_ctx: Context, _entry: Any) -> None:
        raise DiaryBusyError("The diary is busy in another program; try again.")

    monkeypatch.setattr(diary, "add_entry", busy)
    state: dict[str, Any] = {}

    def attempt(dialog: Any) -> None:
        dialog.mg_edit.setText("80")
        dialog.label_combo.setCurrentText("energy drink")
        dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
        state.update(open=dialog.isVisible(), message=dialog.message(),
                     kept=dialog.mg_edit.text())
        dialog.reject()

    when_dialog_opens(attempt)
    window.acts.caffeine_action.trigger()
    assert state == {"open": True, "message": "The diary is busy in another program; try again.",
                     "kept": "80"}
    assert window.undo_stack.count() == 0


def test_copy_previous_day_is_one_undoable_step(qtbot: Any, window: Any, ctx: Context) -> None:
    from tracker.services.foods.catalog import search_foods

    food_id = search_foods(ctx, "milk", 1)[0].id
    yesterday = TODAY - dt.timedelta(1)
    for hour in (7, 12):
        diary.add_entry(ctx, FoodEntry(yesterday, dt.time(hour), food_id, 200.0, 200.0, "g"))
    window.acts.copy_previous_day_action.trigger()
    copied = diary.day(ctx, TODAY).foods
    assert [e.time for e in copied] == [dt.time(7), dt.time(12)]
    assert window.model.rowCount() == 2
    window.undo_stack.undo()
    assert diary.day(ctx, TODAY).foods == ()
    window.undo_stack.redo()
    assert diary.day(ctx, TODAY).foods == copied


def test_copy_of_an_empty_day_explains_and_adds_no_step(window: Any, errors: list[str]) -> None:
    window.acts.copy_previous_day_action.trigger()
    assert errors and "no foods" in errors[0]
    assert window.undo_stack.count() == 0


def test_day_factors_save_and_undo(qtbot: Any, window: Any, ctx: Context) -> None:
    panel = window.factors_panel
    qtbot.mouseClick(panel.complete_check, Qt.MouseButton.LeftButton)
    factors = diary.day(ctx, TODAY).factors
    assert factors is not None and factors.complete
    panel.sleep_spin.setValue(7.5)
    panel.sleep_spin.editingFinished.emit()
    factors = diary.day(ctx, TODAY).factors
    assert factors == DayFactors(TODAY, 7.5, None, None, True)
    window.undo_stack.undo()
    factors = diary.day(ctx, TODAY).factors
    assert factors is not None and factors.sleep_hours is None and factors.complete
    assert panel.sleep_spin.value() == panel.sleep_spin.minimum()


def test_food_rows_show_focus_nutrients_and_unknown_as_question_mark(
        window: Any, ctx: Context) -> None:
    # SR28: raw spinach has 79 mg magnesium per 100 g; roquefort has no vitamin D value.
    spinach, roquefort = "sr28:11457", "sr28:01039"
    for food_id in (spinach, roquefort):
        window.save_entry(FoodEntry(TODAY, dt.time(9), food_id, 150.0, 150.0, "g"))
    rows = {row.description: row for row in window.model.rows()}
    assert rows["Spinach, raw"].focus["magnesium"] == pytest.approx(118.5)
    assert rows["Cheese, roquefort"].focus["magnesium"] == pytest.approx(45.0)  # 30 mg/100 g
    column = 4 + 2  # time, kind, what, amount, then magnesium, calcium, vitamin D
    row = window.model.row_of(next(e.id for e in diary.day(ctx, TODAY).foods
                                   if e.food_id == roquefort))
    assert window.model.index(row, column).data() == UNKNOWN


def test_episode_saved_from_dialog_becomes_the_one_click_default(
        qtbot: Any, window: Any, ctx: Context) -> None:
    def fill(dialog: Any) -> None:
        dialog.kind_combo.setCurrentIndex(1)
        dialog.site_combo.setCurrentText("left big toe")
        dialog.side_combo.setCurrentIndex(0)
        dialog.intensity_edit.setText("7")
        dialog.duration_edit.setText("2 min")
        dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()

    when_dialog_opens(fill)
    window.acts.episode_action.trigger()
    (episode,) = diary.day(ctx, TODAY).episodes
    assert isinstance(episode, Episode)
    assert (episode.body_site, episode.intensity, episode.duration_s) == ("left big toe", 7, 120)
    assert window.settings.get("last_body_site") == "left big toe"
    window.log_twitch()
    assert {e.body_site for e in diary.day(ctx, TODAY).episodes} == {"left big toe"}


def test_entries_are_listed_by_time(window: Any, ctx: Context) -> None:
    for hour in (18, 7, 12):
        window.save_entry(WaterEntry(TODAY, dt.time(hour), 100.0))
    assert [r.time.hour for r in window.model.rows()] == [7, 12, 18]


def _add_spinach(qtbot: Any, dialog: Any, cups: str) -> None:
    from tracker.ui.foods.food_dialog import FoodDialog

    assert isinstance(dialog, FoodDialog)
    if dialog.food() is None:
        dialog.search_edit.setFocus()
        qtbot.keyClicks(dialog.search_edit, "spinach")
        qtbot.waitUntil(lambda: bool(dialog.model.hits()), timeout=5000)
        qtbot.keyClick(dialog.search_edit, Qt.Key.Key_Return)
    dialog.picker.select_unit("cup")
    dialog.picker.quantity_edit.setText(cups)
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)


def test_add_a_food_through_the_window_then_edit_and_undo(qtbot: Any, window: Any,
                                                          ctx: Context) -> None:
    when_dialog_opens(lambda dialog: _add_spinach(qtbot, dialog, "1"))
    window.table.setFocus()
    qtbot.keyClick(window.table, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    (entry,) = diary.day(ctx, TODAY).foods
    assert (entry.food_id, entry.amount, entry.unit) == ("sr28:11457", 1.0, "cup")
    (row,) = window.model.rows()
    assert row.description == "Spinach, raw"
    # SR28: a cup of raw spinach is 30 g at 79 mg magnesium per 100 g.
    assert row.focus["magnesium"] == pytest.approx(23.7)

    _select_row(window, 0)
    when_dialog_opens(lambda dialog: _add_spinach(qtbot, dialog, "2"))
    qtbot.keyClick(window.table, Qt.Key.Key_Return)
    (edited,) = diary.day(ctx, TODAY).foods
    assert (edited.id, edited.amount) == (entry.id, 2.0)
    assert edited.grams == pytest.approx(2 * entry.grams)

    window.undo_stack.undo()
    assert diary.day(ctx, TODAY).foods == (entry,)
    window.undo_stack.undo()
    assert diary.day(ctx, TODAY).foods == ()
    assert window.model.rowCount() == 0


def test_keyboard_logs_water_and_tooltips_name_the_keys(qtbot: Any, window: Any,
                                                        ctx: Context) -> None:
    from tracker.ui.shell.shortcuts import SHORTCUTS, keys_text

    window.table.setFocus()
    qtbot.keyClick(window.table, Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)
    assert [w.volume_ml for w in diary.day(ctx, TODAY).water] == [window.settings.get("glass_ml")]
    for name in SHORTCUTS:
        action = getattr(window.acts, f"{name}_action")
        assert keys_text(name) in action.toolTip(), name
        assert not action.shortcut().isEmpty(), name


def test_episode_with_intensity_11_is_refused_and_nothing_is_written(
        qtbot: Any, window: Any, ctx: Context) -> None:
    state: dict[str, Any] = {}

    def refuse(dialog: Any) -> None:
        dialog.intensity_edit.setText("11")
        dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
        label, _widget = dialog.errors._fields["intensity"]
        state.update(open=dialog.isVisible(), beside=label.text(), shown=label.isVisibleTo(dialog))
        dialog.reject()

    when_dialog_opens(refuse)
    window.acts.episode_action.trigger()
    assert state["open"] and state["shown"]
    assert "1 to 10" in state["beside"]
    assert diary.day(ctx, TODAY).episodes == ()
    assert window.undo_stack.count() == 0


def test_factors_start_empty_on_todays_real_date_and_only_what_is_set_is_logged(
        qtbot: Any) -> None:
    from tracker.ui.day.factors_panel import NOT_GIVEN, FactorsPanel

    panel = FactorsPanel()
    qtbot.addWidget(panel)
    today = dt.date.today()
    panel.show_factors(today, None)
    panel.show()
    assert (panel.sleep_spin.text(), panel.exercise_spin.text(),
            panel.stress_combo.currentText()) == (NOT_GIVEN, NOT_GIVEN, NOT_GIVEN)
    edits: list[DayFactors] = []
    panel.factorsEdited.connect(edits.append)
    qtbot.mouseClick(panel.complete_check, Qt.MouseButton.LeftButton)
    assert edits == [DayFactors(today, None, None, None, True)]
