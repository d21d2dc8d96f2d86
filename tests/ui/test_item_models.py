"""Every item model in tracker/ui passes Qt's model tester while it changes the way the app
changes it: filled, one row inserted, reset to other rows, emptied.

``qtmodeltester`` checks indexes, parents, row and column counts and the types
each role returns after every signal the model emits. Qt's own tester reports
through Qt warnings, which fail the test (``qt_log_level_fail``); pytest-qt's
Python port asserts directly. Each model runs under both.
"""

from __future__ import annotations

import ast
import datetime as dt
from pathlib import Path

import pytest
from PySide6.QtCore import QModelIndex, Qt
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from tests.conftest import REPO_ROOT
from tests.ui.window_fixtures import make_window
from tracker.domain.entries import (
    CaffeineEntry,
    Episode,
    FoodEntry,
    SupplementDose,
    SupplementProduct,
    WaterEntry,
)
from tracker.domain.foods import FoodHit
from tracker.services.context import Context
from tracker.services.safety.backup import BackupInfo
from tracker.ui.day.day_model import DayModel
from tracker.ui.day.day_rows import DayRow
from tracker.ui.foods.food_search_model import FoodSearchModel
from tracker.ui.foods.recipe_items_model import RecipeItemsModel
from tracker.ui.safety.backups_dialog import BackupListModel
from tracker.ui.supplements.supplement_products_dialog import SupplementProductModel

# Every item model class in tracker/ui, by module; a new one needs a test here.
TESTED_MODELS = {
    ("tracker/ui/day/day_model.py", "DayModel"),
    ("tracker/ui/foods/food_search_model.py", "FoodSearchModel"),
    ("tracker/ui/foods/recipe_items_model.py", "RecipeItemsModel"),
    ("tracker/ui/safety/backups_dialog.py", "BackupListModel"),
    ("tracker/ui/supplements/supplement_products_dialog.py", "SupplementProductModel"),
}
_QT_MODEL_BASES = {"QAbstractItemModel", "QAbstractTableModel", "QAbstractListModel",
                   "QStandardItemModel", "QSortFilterProxyModel", "QAbstractProxyModel",
                   "QIdentityProxyModel", "QStringListModel", "QConcatenateTablesProxyModel"}
DAY = dt.date(2026, 3, 10)
TESTERS = ["qt", "python"]


def _check(tester: ModelTester, model: object, which: str) -> None:
    tester.check(model, force_py=which == "python")


def _row(entry: FoodEntry | WaterEntry | CaffeineEntry | SupplementDose | Episode, kind: str,
         description: str, amount: str, focus: dict[str, float | None] | None = None
         ) -> DayRow:
    return DayRow(entry, kind, description, amount, focus or {})


def _day_rows() -> list[DayRow]:
    return [
        _row(FoodEntry(DAY, dt.time(7, 30), "01001", 10.0, 10.0, "g"), "Food", "Butter",
             "10 g", {"magnesium": 0.2, "calcium": 2.4, "vitamin_d": None,
                      "vitamin_b12": 0.02}),
        _row(WaterEntry(DAY, dt.time(9, 0), 250.0), "Water", "Water", "250 ml"),
        _row(Episode(DAY, dt.time(21, 15), "twitch", "left calf", 4, "left"), "Episode",
             "Twitch: left left calf", "intensity 4/10"),
    ]


def test_every_item_model_in_the_ui_has_a_model_test() -> None:
    found = set()
    for path in sorted((REPO_ROOT / "tracker" / "ui").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ClassDef) and any(
                    ast.unparse(base).split(".")[-1] in _QT_MODEL_BASES for base in node.bases):
                found.add((str(path.relative_to(REPO_ROOT)), node.name))
    assert found == TESTED_MODELS, "add a qtmodeltester test for each new item model"


@pytest.mark.parametrize("which", TESTERS)
def test_day_model(qtbot: QtBot, qtmodeltester: ModelTester, which: str) -> None:
    model = DayModel()
    _check(qtmodeltester, model, which)
    rows = _day_rows()
    model.set_rows(rows)
    assert model.rowCount() == 3
    dose = _row(SupplementDose(DAY, dt.time(12, 0), "p1", 2.0), "Supplement", "Magnesium",
                "2 capsules", {"magnesium": 400.0})
    model.set_rows([*rows[:2], dose, rows[2]])  # one added entry: a row insert
    assert model.index(2, 2).data() == "Magnesium"
    model.set_rows([rows[2]])  # anything else: a reset
    assert model.rowCount() == 1
    model.set_rows([])
    assert model.rowCount() == 0
    assert model.headerData(0, Qt.Orientation.Horizontal) == "Time"


@pytest.mark.parametrize("which", TESTERS)
def test_day_model_in_the_window(qtbot: QtBot, qtmodeltester: ModelTester, ctx: Context,
                                 tmp_path: Path, which: str) -> None:
    """The window's own model, while entries are logged, undone and redone."""
    window = make_window(qtbot, ctx, tmp_path / "settings.toml")
    _check(qtmodeltester, window.model, which)
    window.log_water(250.0)
    window.log_twitch()
    assert window.model.rowCount() == 2
    window.undo_stack.undo()
    window.undo_stack.undo()
    window.undo_stack.redo()
    assert window.model.rowCount() == 1


@pytest.mark.parametrize("which", TESTERS)
def test_food_search_model(qtbot: QtBot, qtmodeltester: ModelTester, which: str) -> None:
    model = FoodSearchModel()
    _check(qtmodeltester, model, which)
    model.set_hits([FoodHit("01001", "Butter, salted", "Dairy and Egg Products", 3.0,
                            ("butter",)),
                    FoodHit("custom:abc", "Grandma's soup", "My foods", 2.0)])
    assert model.rowCount() == 2
    assert model.index(1, 0).data(Qt.ItemDataRole.FontRole).italic()
    model.set_hits([])
    assert model.rowCount(QModelIndex()) == 0


@pytest.mark.parametrize("which", TESTERS)
def test_food_search_model_with_group_headings(qtbot: QtBot, qtmodeltester: ModelTester,
                                               which: str) -> None:
    model = FoodSearchModel()
    _check(qtmodeltester, model, which)
    model.set_groups([("Saved meals", [FoodHit("meal:1", "Usual breakfast", "Saved meals")]),
                      ("Recent", []),
                      ("Frequent", [FoodHit("sr28:09040", "Bananas, raw", "Fruits")])])
    assert model.rowCount() == 4  # the empty group is left out
    assert model.headings() == ["Saved meals", "Frequent"]
    assert model.flags(model.index(0, 0)) == Qt.ItemFlag.NoItemFlags
    assert model.hit_at(0) is None and model.hit_at(1).name == "Usual breakfast"  # type: ignore[union-attr]
    assert model.first_hit_row() == 1


@pytest.mark.parametrize("which", TESTERS)
def test_recipe_items_model(qtbot: QtBot, qtmodeltester: ModelTester, which: str) -> None:
    from tracker.domain.recipes import RecipeItem

    model = RecipeItemsModel()
    _check(qtmodeltester, model, which)
    model.set_items([(RecipeItem("sr28:11457", 150, 150, "g"), "Spinach, raw")])
    model.append(RecipeItem("sr28:16070", 396, 2, "cup"), "Lentils, cooked")
    assert model.index(1, 1).data() == "2 cup" and model.index(1, 2).data() == "396 g"
    model.remove(0)
    assert model.rowCount() == 1 and model.items()[0].food_id == "sr28:16070"


@pytest.mark.parametrize("which", TESTERS)
def test_backup_list_model(qtbot: QtBot, qtmodeltester: ModelTester, tmp_path: Path,
                            which: str) -> None:
    model = BackupListModel()
    _check(qtmodeltester, model, which)
    taken = dt.datetime(2026, 3, 9, 20, 0, tzinfo=dt.UTC)
    model.set_backups([
        BackupInfo(tmp_path / "a.sqlite3", taken, "quit", 2 * 1024 * 1024),
        BackupInfo(tmp_path / "b.sqlite3", taken - dt.timedelta(days=1), "daily", 40_960),
        BackupInfo(tmp_path / "c.sqlite3", taken - dt.timedelta(days=2), "odd-reason", 512),
    ])
    assert model.rowCount() == 3
    assert model.index(2, 1).data() == "Odd reason"
    model.set_backups([])
    assert model.rowCount() == 0


@pytest.mark.parametrize("which", TESTERS)
def test_supplement_product_model(qtbot: QtBot, qtmodeltester: ModelTester,
                                  which: str) -> None:
    model = SupplementProductModel()
    _check(qtmodeltester, model, which)
    model.set_products([SupplementProduct("Magnesium glycinate", {"magnesium": 200.0},
                                          "capsule", id="p1"),
                        SupplementProduct("Vitamin D3", {"vitamin_d": 25.0}, "softgel",
                                          id="p2")])
    assert model.rowCount() == 2
    assert model.row_of("p2") == 1
    model.set_products([])
    assert model.rowCount() == 0
