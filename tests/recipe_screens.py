"""Photograph the recipe editor, "save as meal", the grouped food search and the import from
another app in real windows on an X display.

Run by tests/test_recipe_screens_xvfb.py as ``python -P tests/recipe_screens.py OUT_DIR
DIARY CACHE_DIR`` with the X platform.
"""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

# Appended, not prepended: the installed package (as in CI's regular install) is what
# runs; the checkout only supplies the tests package.
sys.path.append(str(Path(__file__).resolve().parents[1]))

from PySide6.QtCore import QItemSelectionModel
from PySide6.QtWidgets import QApplication, QInputDialog

from tests.experiment_screens import settle, shoot
from tracker.config import Settings
from tracker.domain.entries import CaffeineEntry, Profile, SupplementDose, WaterEntry
from tracker.services import diary, profile, supplements
from tracker.services.context import Context
from tracker.services.foods import catalog as foods
from tracker.services.foods import meals, recipes
from tracker.services.foods.recipes import Ingredient
from tracker.storage.diary import Diary

TODAY = dt.date.today()
NOW = dt.datetime.combine(TODAY, dt.time(8, 40))
FIXTURES = Path(__file__).resolve().parent / "fixtures" / "other_apps"


def build(ctx: Context) -> str:
    """A morning logged, usual foods over the past weeks, a recipe and a saved meal."""
    profile.set_profile(ctx, Profile("female", dt.date(1984, 5, 17)))
    product = supplements.save_product(ctx, supplements.SupplementProduct(
        "Magnesium citrate", {"magnesium": 150.0}, "tablet"))
    for days in range(1, 20, 2):
        day = TODAY - dt.timedelta(days=days)
        diary.add_entry(ctx, diary.new_food_entry(ctx, "sr28:01077", day, dt.time(7, 30),
                                                  amount="1 cup"))
        diary.add_entry(ctx, diary.new_food_entry(ctx, "sr28:09040", day, dt.time(15, 0),
                                                  grams=118))
    for food_id, amount in (("sr28:08120", "1/2 cup"), ("sr28:01077", "1 cup"),
                            ("sr28:09050", "1/2 cup")):
        diary.add_entry(ctx, diary.new_food_entry(ctx, food_id, TODAY, dt.time(7, 30),
                                                  amount=amount))
    diary.add_entry(ctx, CaffeineEntry(TODAY, dt.time(7, 45), 95.0, "coffee"))
    diary.add_entry(ctx, WaterEntry(TODAY, dt.time(7, 50), 250.0))
    diary.add_entry(ctx, SupplementDose(TODAY, dt.time(8, 0), product.id, 1.0))
    soup = recipes.add_recipe(ctx, "Lentil soup", [
        Ingredient("sr28:16070", amount="2 cup"), Ingredient("sr28:11457", 150),
        Ingredient("sr28:11282", amount="1 cup, chopped"), Ingredient("sr28:04053", 15)],
        servings=4)
    return soup.id


def main(out: Path, db: Path, cache: Path) -> int:
    app = QApplication([])
    ctx = Context(Diary.open(db), cache)
    build(ctx)
    from tracker.ui.foods.food_dialog import FoodDialog
    from tracker.ui.shell.main_window import MainWindow
    from tracker.ui.transfer.other_app_dialog import OtherAppDialog

    window = MainWindow(ctx, Settings(out / "settings.toml"), clock=lambda: NOW)
    window.resize(1200, 720)
    window.show()
    window.start_totals()
    settle(app)

    # The recipe editor, a new recipe being put together.
    editor = window.food_flows.new_recipe()
    editor.name_edit.setText("Spinach and lentil soup")
    editor.servings_edit.setText("4")
    for query, quantity, unit in (("lentils boiled", "2", "cup"), ("spinach", "150", "g"),
                                  ("olive oil", "1", "tablespoon")):
        editor.search_edit.setText(query)
        editor.search_panel.run_search()
        hit = editor.search_panel.model.hits()[0]
        editor.choose_food(hit)
        editor.picker.select_unit(unit)
        editor.picker.quantity_edit.setText(quantity)
        editor.add_ingredient()
    editor.search_edit.setText("onion")
    editor.search_panel.run_search()
    editor.choose_food(editor.search_panel.model.hits()[0])
    editor.picker.select_unit("cup, chopped")
    editor.picker.quantity_edit.setText("1")
    shoot(app, editor, out / "recipe_editor.png")
    editor.reject()
    settle(app)

    # "Save these entries as a meal": the morning's entries selected, the name asked.
    window.table.setFocus()
    selection = window.table.selectionModel()
    for row in range(window.model.rowCount()):
        selection.select(window.model.index(row, 0), QItemSelectionModel.SelectionFlag.Select
                         | QItemSelectionModel.SelectionFlag.Rows)
    prompt = QInputDialog(window)
    prompt.setWindowTitle("Save as meal")
    prompt.setLabelText("Name of the meal (for example Usual breakfast):")
    prompt.setTextValue("Usual breakfast")
    prompt.show()
    # Over the day table, where the selection is, not over the totals beside it.
    prompt.move(window.table.mapToGlobal(window.table.rect().center())
                - prompt.rect().center())
    settle(app, prompt.isVisible)
    image = QApplication.primaryScreen().grabWindow(0, window.x(), window.y(),
                                                    window.frameGeometry().width(),
                                                    window.frameGeometry().height())
    image.save(str(out / "save_as_meal.png"))
    prompt.reject()
    meals.save_meal(ctx, "Usual breakfast",
                    meals.items_from_entries(window.table.selected_entries()))

    # The food dialog with nothing typed: saved meals, recent and frequent foods.
    dialog = FoodDialog(ctx, TODAY, dt.time(12, 30), window,
                        meal_saver=window.food_flows.log_meal)
    dialog.show()
    shoot(app, dialog, out / "food_search_groups.png")
    dialog.reject()

    # File → Import from another app, a Bearable export with its symptoms to choose.
    importer = OtherAppDialog(ctx, lambda _plan: None, window)
    importer.path_edit.setText(str(FIXTURES / "bearable.csv"))
    importer.read_file()
    importer.symptom_combos["Muscle twitching"].setCurrentIndex(1)
    importer.symptom_combos["Calf cramps"].setCurrentIndex(2)
    importer.show()
    shoot(app, importer, out / "import_other_app.png")
    importer.reject()

    # The same from Cronometer: a supplements-group food made doses of the person's product.
    importer = OtherAppDialog(ctx, lambda _plan: None, window)
    importer.path_edit.setText(str(FIXTURES / "cronometer" / "servings.csv"))
    importer.read_file()
    combo = importer.supplement_combos["Magnesium Glycinate"]
    combo.setCurrentIndex(combo.findText("Doses of Magnesium citrate"))
    importer.show()
    shoot(app, importer, out / "import_cronometer.png")
    importer.reject()
    assert foods.search_foods(ctx, "usual breakfast", 1)[0].name == "Usual breakfast"
    window.close()
    ctx.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main(Path(sys.argv[1]), Path(sys.argv[2]), Path(sys.argv[3])))
