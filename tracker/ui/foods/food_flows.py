"""The window's dialogs for the person's own foods: recipes, saved meals, custom food edits.

Each save goes through an undo command on the window's stack while the dialog
is still open, so a refusal appears beside the field and keeps the input, and
every operation ends with one ``Changes`` on the bus.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from typing import TypeVar

from PySide6.QtWidgets import QDialog, QInputDialog, QLineEdit, QMessageBox, QWidget

from tracker.domain.entries import Entry, FoodEntry
from tracker.domain.errors import UserError
from tracker.domain.foods import Food
from tracker.domain.meals import Meal
from tracker.domain.recipes import RecipeItem
from tracker.services.foods import meals, recipes
from tracker.services.foods.edits import FoodEdit
from tracker.ui.common.commands import DiaryCommand
from tracker.ui.common.host import DiaryHost
from tracker.ui.foods.food_commands import DeleteFood, EditFood, LogMeal, SaveMeal, SaveRecipe
from tracker.ui.foods.recipe_dialog import RecipeDialog, RecipeRequest


class FoodFlows:
    """Opens the recipe editor, the save-as-meal prompt and the own-foods list over ``parent``."""

    def __init__(self, parent: QWidget, host: DiaryHost) -> None:
        self.parent = parent
        self.host = host

    def push(self, command: DiaryCommand) -> None:
        """Run ``command`` as one undo step; raise its UserError if it was refused."""
        self.host.undo_stack.push(command)
        if command.error is not None:
            raise command.error

    # --- recipes ------------------------------------------------------------------------
    def save_recipe(self, request: RecipeRequest) -> None:
        ctx, bus = self.host.ctx, self.host.bus
        if request.recipe_id is None:
            self.push(SaveRecipe(ctx, bus, request.name, request.items, request.servings,
                                 request.cooked_grams))
            return
        recipe_id = request.recipe_id

        def edit() -> FoodEdit:
            return recipes.edit_recipe(ctx, recipe_id, request.name, request.items,
                                       request.servings, request.cooked_grams,
                                       request.update_from)

        self.push(EditFood(ctx, bus, request.name, edit))

    def new_recipe(self, items: Sequence[RecipeItem] = ()) -> RecipeDialog:
        dialog = RecipeDialog(self.host.ctx, self.save_recipe, self.parent, items=items,
                              today=self.host.today())
        return _opened(dialog)

    def edit_recipe(self, recipe_id: str) -> RecipeDialog | None:
        try:
            recipe = recipes.stored_recipe(self.host.ctx, recipe_id)
        except UserError as exc:
            self.host.show_error(exc.message)
            return None
        dialog = RecipeDialog(self.host.ctx, self.save_recipe, self.parent, recipe=recipe,
                              today=self.host.today())
        return _opened(dialog)

    def recipe_from_entries(self, entries: Sequence[Entry]) -> RecipeDialog | None:
        """The recipe editor holding the selected foods (other kinds are not ingredients)."""
        items = [RecipeItem(e.food_id, e.grams, e.amount, e.unit) for e in entries
                 if isinstance(e, FoodEntry)]
        if not items:
            self.host.show_error("Select one or more foods in the day's list to make a "
                                 "recipe of them.")
            return None
        return self.new_recipe(items)

    # --- saved meals --------------------------------------------------------------------
    def meal_from_entries(self, entries: Sequence[Entry],
                          ask: Callable[[], tuple[str, bool]] | None = None) -> Meal | None:
        """Ask for a name and save the selected entries as a meal (one undo step)."""
        items = meals.items_from_entries(entries)
        if not items:
            self.host.show_error("Select foods, drinks, caffeine or supplements in the day's "
                                 "list to save them as a meal.")
            return None
        ask = ask or self._ask_meal_name
        while True:
            name, ok = ask()
            if not ok:
                return None
            command = SaveMeal(self.host.ctx, self.host.bus, name, items)
            try:
                self.push(command)
            except UserError as exc:
                QMessageBox.warning(self.parent, "Meal not saved", exc.message)
                continue
            return command.meal

    def _ask_meal_name(self) -> tuple[str, bool]:
        return QInputDialog.getText(self.parent, "Save as meal",
                                    "Name of the meal (for example Usual breakfast):",
                                    QLineEdit.EchoMode.Normal, "")

    def log_meal(self, meal: Meal, date: dt.date, time: dt.time) -> None:
        """Log every entry of ``meal`` at once (the food dialog's meal saver)."""
        self.push(LogMeal(self.host.ctx, self.host.bus, meal, date, time))

    # --- own foods ----------------------------------------------------------------------
    def edit_food(self, food: Food) -> QWidget | None:
        """The recipe editor for a recipe, the custom food form for a custom food."""
        if food.is_recipe:
            return self.edit_recipe(food.id)
        from tracker.ui.foods.custom_food_dialog import CustomFoodDialog

        dialog = CustomFoodDialog(self.host.ctx, self.parent, editing=food,
                                  edit_saver=self._save_food_edit, today=self.host.today())
        return _opened(dialog)

    def _save_food_edit(self, name: str, edit: Callable[[], FoodEdit]) -> None:
        self.push(EditFood(self.host.ctx, self.host.bus, name, edit))

    def delete_food(self, food: Food) -> bool:
        """Delete a recipe or custom food, unless something uses it (then say what)."""
        try:
            self.push(DeleteFood(self.host.ctx, self.host.bus, food))
        except UserError as exc:
            self.host.show_error(exc.message)
            return False
        return True

    def manage(self) -> QWidget:
        from tracker.ui.foods.own_foods_dialog import OwnFoodsDialog

        dialog = OwnFoodsDialog(self.host.ctx, self, self.parent)
        self.host.bus.changed.connect(dialog.reload)
        dialog.finished.connect(lambda _code: self.host.bus.changed.disconnect(dialog.reload))
        return _opened(dialog)


D = TypeVar("D", bound=QDialog)


def _opened(dialog: D) -> D:
    """Show ``dialog`` over the window without blocking; it is freed once closed."""
    dialog.finished.connect(dialog.deleteLater)
    dialog.open()
    dialog.raise_()
    dialog.activateWindow()  # so the window's own keys (Enter edits an entry) stay behind it
    return dialog
