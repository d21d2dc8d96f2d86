"""My foods, recipes and meals (edit, delete) and File → Import from another app, in the window."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QApplication, QDialogButtonBox

from tests.ui.window_fixtures import NOW, make_window
from tracker.domain.entries import Episode
from tracker.domain.foods import Food
from tracker.services import diary, totals
from tracker.services.context import Context
from tracker.services.foods import catalog as foods
from tracker.storage import entries as entry_repo
from tracker.ui.foods.custom_food_dialog import CustomFoodDialog
from tracker.ui.foods.own_foods_dialog import OwnFoodsDialog
from tracker.ui.shell import main_window as main_window_module
from tracker.ui.transfer.other_app_dialog import OtherAppDialog

TODAY = NOW.date()
FIXTURES = Path(__file__).parent.parent / "fixtures" / "other_apps"


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
def bar(ctx: Context) -> Food:
    return foods.add_custom_food(ctx, "Granola bar", 40, {"magnesium": 30})


def _active(qtbot: Any, dialog: Any) -> Any:
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog, timeout=3000)
    return dialog


def _importer(window: Any) -> Any:
    from tracker.ui.foods.food_commands import ImportOther

    def run(plan: Any) -> None:
        command = ImportOther(window.ctx, window.bus, plan)
        window.undo_stack.push(command)
        if command.error is not None:
            raise command.error
    return run


def _episodes(ctx: Context) -> list[Episode]:
    return entry_repo.in_range(ctx.diary.conn, Episode, dt.date(2000, 1, 1),
                               dt.date(2100, 1, 1))


def test_bearable_import_asks_which_symptoms_count_and_undoes_as_one(
        qtbot: Any, window: Any) -> None:
    dialog = OtherAppDialog(window.ctx, _importer(window), window)
    qtbot.addWidget(dialog)
    dialog.path_edit.setText(str(FIXTURES / "bearable.csv"))
    dialog.read_file()
    assert sorted(dialog.symptom_combos) == ["Calf cramps", "Eyelid twitch", "Headache",
                                             "Muscle twitching"]
    assert "episodes" not in dialog.preview.text()
    dialog.symptom_combos["Muscle twitching"].setCurrentIndex(1)  # twitch episodes
    dialog.symptom_combos["Calf cramps"].setCurrentIndex(2)  # cramps
    lines = dialog.preview.text().splitlines()
    assert lines[0] == "Bearable export (bearable.csv), 2020-09-22 to 2020-09-24 (3 days)"
    assert "episodes: 4" in lines
    dialog.import_button.click()
    assert not dialog.isVisible()
    assert len(_episodes(window.ctx)) == 4
    window.undo_stack.undo()
    assert _episodes(window.ctx) == []
    assert diary.day(window.ctx, dt.date(2020, 9, 24)).factors.sleep_hours is None  # type: ignore[union-attr]
    window.undo_stack.redo()
    assert len(_episodes(window.ctx)) == 4


def test_cronometer_supplement_rows_can_become_a_new_product(qtbot: Any, window: Any) -> None:
    dialog = OtherAppDialog(window.ctx, _importer(window), window)
    qtbot.addWidget(dialog)
    dialog.path_edit.setText(str(FIXTURES / "cronometer" / "servings.csv"))
    dialog.read_file()
    combo = dialog.supplement_combos["Magnesium Glycinate"]
    assert [combo.itemText(i) for i in range(combo.count())][:2] == [
        "Keep as food", "New supplement from its label values"]
    assert "food entries: 6" in dialog.preview.text()
    combo.setCurrentIndex(1)
    text = dialog.preview.text()
    assert "food entries: 5" in text and "supplement doses: 1" in text
    assert "new supplement products: 1" in text
    dialog.import_button.click()
    day = totals.day_summary(window.ctx, dt.date(2024, 3, 1))
    assert day.nutrients["magnesium"].from_supplements == pytest.approx(200)


def test_a_bad_file_is_named_with_its_line_and_nothing_is_offered(qtbot: Any, window: Any,
                                                                 tmp_path: Path) -> None:
    bad = tmp_path / "bearable.csv"
    bad.write_text((FIXTURES / "bearable.csv").read_text(encoding="utf-8").replace(
        "23rd Sep 2020,Wed,am,Water", "31st Sep 2020,Wed,am,Water"), encoding="utf-8")
    dialog = OtherAppDialog(window.ctx, _importer(window), window)
    qtbot.addWidget(dialog)
    dialog.path_edit.setText(str(bad))
    dialog.read_file()
    assert dialog.error.text().startswith("bearable.csv line 6: date: 31st Sep 2020")
    assert not dialog.import_button.isEnabled()


def test_own_foods_list_edits_a_custom_food_from_a_date_on_and_refuses_deleting_it(
        qtbot: Any, window: Any, bar: Food, errors: list[str]) -> None:
    ctx = window.ctx
    past = TODAY - dt.timedelta(days=3)
    for day in (past, TODAY):
        diary.add_entry(ctx, diary.new_food_entry(ctx, bar.id, day, dt.time(10, 0),
                                                  amount="1 serving"))
    own = _active(qtbot, window.food_flows.manage())
    assert isinstance(own, OwnFoodsDialog)
    assert own.model.headings() == ["My foods"]
    own.delete_selected()
    assert errors[-1].startswith("Granola bar is used by 2 diary entries")
    own.edit_selected()
    [edit] = [d for d in window.findChildren(CustomFoodDialog) if d.isVisible()]
    _active(qtbot, edit)
    assert edit.amount_edits["magnesium"].text() == "75"  # per 100 g
    edit.amount_edits["magnesium"].setText("150")
    edit.update_check.setChecked(True)
    edit.update_date.setDate(TODAY)
    edit.buttons.button(QDialogButtonBox.StandardButton.Save).click()
    assert totals.day_summary(ctx, past).nutrients["magnesium"].amount == pytest.approx(30)
    assert totals.day_summary(ctx, TODAY).nutrients["magnesium"].amount == pytest.approx(60)
    window.undo_stack.undo()
    assert totals.day_summary(ctx, TODAY).nutrients["magnesium"].amount == pytest.approx(30)
