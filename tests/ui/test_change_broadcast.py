"""Every operation that changes the diary from the window ends in exactly one ``Changes``.

The tray and other views will follow the window's ChangeBus alone, so an
operation that publishes nothing leaves them stale and one that publishes twice
makes them redraw twice. Each test records the bus, drives one operation through
the real window and its dialogs, and reads what was published. Operations that
change nothing (export, a backup, a check) publish nothing.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox, QMessageBox

from tests.ui.window_fixtures import NOW, make_window, when_dialog_opens
from tracker.domain.changes import Changes
from tracker.domain.entries import FoodEntry, Profile, SupplementProduct, WaterEntry
from tracker.services import diary, profile, supplements
from tracker.services.context import Context
from tracker.services.foods.catalog import search_foods
from tracker.services.safety import backup

TODAY = NOW.date()
YESTERDAY = TODAY - dt.timedelta(days=1)


class Recorded:
    """The shown window and every Changes its bus published since recording began."""

    def __init__(self, window: Any) -> None:
        self.window = window
        self.changes: list[Changes] = []
        window.bus.changed.connect(self.changes.append)

    def one(self) -> Changes:
        assert len(self.changes) == 1, f"expected one Changes, got {self.changes}"
        return self.changes[0]


@pytest.fixture
def window(qtbot: Any, ctx: Context, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Any:
    # A message box would wait for a click: the one question asked here (delete a
    # product?) is answered yes, and no warning may appear at all.
    monkeypatch.setattr(QMessageBox, "question",
                        lambda *_args, **_kw: QMessageBox.StandardButton.Yes)
    monkeypatch.setattr(QMessageBox, "warning", lambda _parent, _title, text: pytest.fail(text))
    profile.set_profile(ctx, Profile("female", dt.date(1985, 4, 2)))
    return make_window(qtbot, ctx, tmp_path / "settings.toml")


def _record(window: Any) -> Recorded:
    return Recorded(window)


def _ok(dialog: Any) -> None:
    dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()


# --- entries through the window's own controls ------------------------------------------

def test_glass_of_water(window: Any) -> None:
    recorded = _record(window)
    window.acts.glass_action.trigger()
    assert recorded.one().dates == {TODAY}


def test_one_click_twitch(window: Any) -> None:
    recorded = _record(window)
    window.acts.log_twitch_action.trigger()
    assert recorded.one().dates == {TODAY}


def test_delete_undo_and_redo_are_one_each(window: Any) -> None:
    window.save_entry(WaterEntry(TODAY, dt.time(9, 0), 250.0))
    window.table.selectRow(0)
    for step in (window.delete_selected, window.undo_stack.undo, window.undo_stack.redo):
        recorded = _record(window)
        step()
        assert recorded.one().dates == {TODAY}
        window.bus.changed.disconnect(recorded.changes.append)


def test_copy_previous_day(window: Any, ctx: Context) -> None:
    spinach = search_foods(ctx, "spinach raw", 1)[0].id
    for hour in (8, 13):
        diary.add_entry(ctx, FoodEntry(YESTERDAY, dt.time(hour), spinach, 30.0, 30.0, "g"))
    recorded = _record(window)
    window.acts.copy_previous_day_action.trigger()
    assert recorded.one().dates == {TODAY}
    assert len(diary.day(ctx, TODAY).foods) == 2


def test_day_factors(qtbot: Any, window: Any) -> None:
    recorded = _record(window)
    qtbot.mouseClick(window.factors_panel.complete_check, Qt.MouseButton.LeftButton)
    assert recorded.one().dates == {TODAY}


# --- entries through their dialogs ---------------------------------------------------------

def test_food_through_its_dialog(qtbot: Any, window: Any, ctx: Context) -> None:
    def add_spinach(dialog: Any) -> None:
        qtbot.keyClicks(dialog.search_edit, "spinach")
        qtbot.waitUntil(lambda: bool(dialog.model.hits()), timeout=5000)
        qtbot.keyClick(dialog.search_edit, Qt.Key.Key_Return)
        dialog.picker.quantity_edit.setText("50")
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)

    recorded = _record(window)
    when_dialog_opens(add_spinach)
    window.acts.add_food_action.trigger()
    (entry,) = diary.day(ctx, TODAY).foods
    assert recorded.one().focus_entry == entry.id


def test_edit_through_a_dialog(qtbot: Any, window: Any, ctx: Context) -> None:
    window.save_entry(WaterEntry(TODAY, dt.time(9, 0), 250.0))
    window.table.selectRow(0)

    def change(dialog: Any) -> None:
        dialog.amount_edit.setText("400")
        _ok(dialog)

    recorded = _record(window)
    when_dialog_opens(change)
    window.acts.edit_action.trigger()
    assert [w.volume_ml for w in diary.day(ctx, TODAY).water] == [400.0]
    assert recorded.one().dates == {TODAY}


def test_episode_through_its_dialog(window: Any, ctx: Context) -> None:
    def fill(dialog: Any) -> None:
        dialog.site_combo.setCurrentText("left big toe")
        _ok(dialog)

    recorded = _record(window)
    when_dialog_opens(fill)
    window.acts.episode_action.trigger()
    assert len(diary.day(ctx, TODAY).episodes) == 1
    # The one-click default it remembers is part of the same operation.
    assert recorded.one().dates == {TODAY}


def test_supplement_dose_through_its_dialog(window: Any, ctx: Context) -> None:
    supplements.save_product(ctx, SupplementProduct("Magnesium", {"magnesium": 200.0}))
    recorded = _record(window)
    when_dialog_opens(_ok)
    window.acts.supplement_action.trigger()
    assert len(diary.day(ctx, TODAY).doses) == 1
    assert recorded.one().dates == {TODAY}


# --- things other than entries -------------------------------------------------------------

def _fill_product(qtbot: Any, dialog: Any, name: str) -> None:
    dialog.start_new()
    qtbot.keyClicks(dialog.form.name_edit, name)
    qtbot.keyClicks(dialog.form.amount_edits["magnesium"], "200")


def test_product_saved_in_the_products_dialog(qtbot: Any, window: Any, ctx: Context) -> None:
    def save_one(dialog: Any) -> None:
        _fill_product(qtbot, dialog, "Magnesium glycinate")
        assert dialog.save()
        dialog.reject()

    recorded = _record(window)
    when_dialog_opens(save_one)
    window.acts.products_action.trigger()
    assert [p.name for p in supplements.products(ctx)] == ["Magnesium glycinate"]
    assert recorded.one() == Changes(supplements=True)


def test_product_deleted_in_the_products_dialog(window: Any, ctx: Context) -> None:
    supplements.save_product(ctx, SupplementProduct("Zinc", {"zinc": 10.0}))

    def delete_it(dialog: Any) -> None:
        dialog.list_view.setCurrentIndex(dialog.model.index(0))
        dialog.delete_selected()
        dialog.reject()

    recorded = _record(window)
    when_dialog_opens(delete_it)
    window.acts.products_action.trigger()
    assert supplements.products(ctx) == []
    assert recorded.one() == Changes(supplements=True)


def test_product_added_from_the_dose_dialog(qtbot: Any, window: Any, ctx: Context) -> None:
    def add_product(products_dialog: Any) -> None:
        _fill_product(qtbot, products_dialog, "Magnesium citrate")
        assert products_dialog.save()
        products_dialog.reject()

    def manage_then_cancel(dose_dialog: Any) -> None:
        when_dialog_opens(add_product)
        dose_dialog.manage_button.click()
        dose_dialog.reject()

    recorded = _record(window)
    when_dialog_opens(manage_then_cancel)
    window.acts.supplement_action.trigger()
    assert [p.name for p in supplements.products(ctx)] == ["Magnesium citrate"]
    assert recorded.one() == Changes(supplements=True)


def test_custom_food_created_from_the_food_dialog(qtbot: Any, window: Any,
                                                  ctx: Context) -> None:
    def create(form: Any) -> None:
        qtbot.keyClicks(form.name_edit, "Seed bar")
        qtbot.keyClicks(form.serving_edit, "40")
        qtbot.keyClicks(form.amount_edits["magnesium"], "60")
        qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)

    def create_then_cancel(food_dialog: Any) -> None:
        when_dialog_opens(create)
        food_dialog.create_button.click()
        assert food_dialog.food() is not None and food_dialog.food().name == "Seed bar"
        food_dialog.reject()

    recorded = _record(window)
    when_dialog_opens(create_then_cancel)
    window.acts.add_food_action.trigger()
    assert any(hit.id.startswith("custom:") for hit in search_foods(ctx, "Seed bar", 5))
    assert diary.day(ctx, TODAY).foods == ()
    assert recorded.one() == Changes(foods=True)


def test_profile(window: Any, ctx: Context) -> None:
    def older(dialog: Any) -> None:
        dialog.form.birth_edit.setText("1965-01-01")
        dialog.accept()

    recorded = _record(window)
    when_dialog_opens(older)
    window.flows.open_profile()
    stored = profile.get_profile(ctx)
    assert stored is not None and stored.birth_date.year == 1965
    assert recorded.one().profile


def test_settings(window: Any) -> None:
    def bigger_glass(dialog: Any) -> None:
        dialog.glass_edit.setText("300")
        dialog.accept()

    recorded = _record(window)
    when_dialog_opens(bigger_glass)
    window.acts.settings_action.trigger()
    assert window.settings.get("glass_ml") == 300.0
    assert recorded.one().settings


def test_import(qtbot: Any, window: Any, ctx: Context, tmp_path: Path,
                food_cache_dir: Path) -> None:
    from tracker.services.transfer.export import export_bundle
    from tracker.storage.diary import Diary

    with Context(Diary.open(tmp_path / "other.sqlite3"), food_cache_dir) as other:
        diary.add_entry(other, WaterEntry(YESTERDAY, dt.time(9, 0), 300.0))
        export_bundle(other, YESTERDAY, YESTERDAY, tmp_path / "bundle")

    def run_import(dialog: Any) -> None:
        dialog.path_edit.setText(str(tmp_path / "bundle"))
        dialog.start_check()
        qtbot.waitUntil(dialog.import_button.isEnabled, timeout=60_000)
        with qtbot.waitSignal(dialog.imported, timeout=60_000):
            dialog.start_import()
        dialog.reject()

    recorded = _record(window)
    when_dialog_opens(run_import)
    window.acts.import_action.trigger()
    assert [w.volume_ml for w in diary.day(ctx, YESTERDAY).water] == [300.0]
    assert recorded.one() == Changes.whole_diary()


def _in_backups_dialog(qtbot: Any, window: Any, action: Callable[[Any], None]) -> Recorded:
    def run(dialog: Any) -> None:
        action(dialog)
        qtbot.waitUntil(lambda: dialog.close_button.isEnabled(), timeout=60_000)
        dialog.reject()

    recorded = _record(window)
    when_dialog_opens(run)
    window.acts.backups_action.trigger()
    return recorded


def test_restore(qtbot: Any, window: Any, ctx: Context) -> None:
    backup.backup_now(ctx, now=dt.datetime(2026, 3, 1, 9, tzinfo=dt.UTC))
    window.acts.glass_action.trigger()  # after the backup: the restore takes it away
    assert window.undo_stack.canUndo()

    def restore_oldest(dialog: Any) -> None:
        dialog.confirm = lambda _title, _text: True
        dialog.table.selectRow(dialog.model.rowCount() - 1)
        with qtbot.waitSignal(dialog.diaryRestored, timeout=60_000):
            dialog.restore_selected()

    recorded = _in_backups_dialog(qtbot, window, restore_oldest)
    assert diary.day(ctx, TODAY).water == ()
    assert recorded.one() == Changes.whole_diary()
    assert not window.undo_stack.canUndo()


@pytest.mark.parametrize("action", ["back_up_now", "check_diary"])
def test_backup_and_check_change_nothing(qtbot: Any, window: Any, action: str) -> None:
    recorded = _in_backups_dialog(qtbot, window, lambda dialog: getattr(dialog, action)())
    assert recorded.changes == []


def test_export_changes_nothing(qtbot: Any, window: Any, tmp_path: Path) -> None:
    window.acts.glass_action.trigger()

    def export(dialog: Any) -> None:
        dialog.path_edit.setText(str(tmp_path / "export"))
        with qtbot.waitSignal(dialog.exported, timeout=60_000):
            dialog.export_button.click()
        dialog.reject()

    recorded = _record(window)
    when_dialog_opens(export)
    window.acts.export_action.trigger()
    assert (tmp_path / "export" / "report.pdf").is_file()
    assert recorded.changes == []


def test_self_experiment_started(qtbot: Any, window: Any, ctx: Context) -> None:
    from tracker.services.experiments import trials as experiments
    def start_caffeine_limit(dialog: Any) -> None:
        qtbot.waitUntil(lambda: not dialog.estimating, timeout=20_000)
        dialog.kind.setCurrentIndex(1)
        dialog.start_date.setDate(dialog.start_date.date().addDays(-1))  # today
        qtbot.waitUntil(lambda: not dialog.estimating, timeout=20_000)
        dialog.start_trial()

    recorded = _record(window)
    when_dialog_opens(start_caffeine_limit)
    window.acts.plan_experiment_action.trigger()
    assert experiments.current(ctx, TODAY) is not None
    assert recorded.one() == Changes(experiments=True)


def test_self_experiment_abandoned(window: Any, ctx: Context) -> None:
    from tests.experiment_diaries import Shape, start_trial
    from tracker.services.experiments import trials as experiments
    start_trial(ctx, Shape(), 5, start=TODAY)
    assert experiments.current(ctx, TODAY) is not None

    def abandon(box: Any) -> None:
        (button,) = [b for b in box.buttons() if b.text() == "Abandon"]
        button.click()

    recorded = _record(window)
    when_dialog_opens(abandon)
    window.acts.stop_experiment_action.trigger()
    assert experiments.current(ctx, TODAY) is None
    assert recorded.one() == Changes(experiments=True)
