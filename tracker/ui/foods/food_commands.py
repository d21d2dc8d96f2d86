"""Undoable operations on the person's own foods: recipes, saved meals, custom food edits,
and history imported from another app.

Each is one step on the undo stack and ends with one ``Changes``: saving or
editing a recipe, deleting a food, saving a meal, logging a meal (all its
entries at once), importing another app's history (all of it at once).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence

from tracker.domain.changes import Changes
from tracker.domain.entries import Entry
from tracker.domain.foods import Food
from tracker.domain.meals import Meal, MealItem
from tracker.domain.recipes import Recipe, RecipeItem
from tracker.services.context import Context
from tracker.services.foods import meals, recipes
from tracker.services.foods.edits import (
    FoodEdit,
    delete_custom_food,
    reapply_custom_edit,
    restore_custom_food,
    revert_edit,
)
from tracker.services.foods.recipes import Ingredient
from tracker.services.transfer.other_apps.plan import (
    ForeignPlan,
    ForeignSummary,
    apply_plan,
    revert_import,
)
from tracker.ui.common.change_bus import ChangeBus
from tracker.ui.common.commands import DiaryCommand

FOODS = Changes(foods=True)


class SaveRecipe(DiaryCommand):
    """Store a new recipe; undo deletes it, redo puts the very same recipe back."""

    def __init__(self, ctx: Context, bus: ChangeBus, name: str,
                 items: Sequence[Ingredient | RecipeItem], servings: float | str,
                 cooked_grams: float | str | None) -> None:
        super().__init__(ctx, bus, f"New recipe {name}")
        self.args = (name, list(items), servings, cooked_grams)
        self.food: Food | None = None
        self._versions: list[Recipe] = []

    def _do(self) -> Changes:
        if self._versions:
            recipes.restore_recipe(self.ctx, self._versions)
        else:
            self.food = recipes.add_recipe(self.ctx, *self.args)
        return FOODS

    def _undo(self) -> Changes:
        assert self.food is not None
        self._versions = recipes.delete_recipe(self.ctx, self.food.id)
        return FOODS


class EditFood(DiaryCommand):
    """Save a new version of a recipe or custom food (and move entries from a date on, if
    asked); undo takes it all back at once."""

    def __init__(self, ctx: Context, bus: ChangeBus, name: str,
                 edit: Callable[[], FoodEdit]) -> None:
        super().__init__(ctx, bus, f"Edit {name}")
        self._edit_once = edit
        self.edit: FoodEdit | None = None
        self._recipe: Recipe | None = None

    def _do(self) -> Changes:
        if self.edit is None:
            self.edit = self._edit_once()
            if self.edit.food.is_recipe:
                self._recipe = recipes.stored_recipe(self.ctx, self.edit.food.id)
        elif self._recipe is not None:
            recipes.reapply_recipe_edit(self.ctx, self.edit, self._recipe)
        else:
            reapply_custom_edit(self.ctx, self.edit)
        return self._changes()

    def _undo(self) -> Changes:
        assert self.edit is not None
        revert_edit(self.ctx, self.edit)
        return self._changes()

    def _changes(self) -> Changes:
        """The foods, and the days of the entries moved to the new version (if any)."""
        assert self.edit is not None
        return FOODS | Changes.of_dates(m.date for m in self.edit.moved if m.date is not None)


class DeleteFood(DiaryCommand):
    """Delete a recipe or custom food nothing uses; undo puts every version back."""

    def __init__(self, ctx: Context, bus: ChangeBus, food: Food) -> None:
        super().__init__(ctx, bus, f"Delete {food.name}")
        self.food = food
        self._recipes: list[Recipe] = []
        self._foods: list[Food] = []

    def _do(self) -> Changes:
        if self.food.is_recipe:
            self._recipes = recipes.delete_recipe(self.ctx, self.food.id)
        else:
            self._foods = delete_custom_food(self.ctx, self.food.id)
        return FOODS

    def _undo(self) -> Changes:
        if self._recipes:
            recipes.restore_recipe(self.ctx, self._recipes)
        else:
            restore_custom_food(self.ctx, self._foods)
        return FOODS


class SaveMeal(DiaryCommand):
    """Store a new saved meal; undo deletes it."""

    def __init__(self, ctx: Context, bus: ChangeBus, name: str, items: Sequence[MealItem]) -> None:
        super().__init__(ctx, bus, f"Save meal {name}")
        self.name = name
        self.items = list(items)
        self.meal: Meal | None = None

    def _do(self) -> Changes:
        if self.meal is None:
            self.meal = meals.save_meal(self.ctx, self.name, self.items)
        else:
            meals.restore_meal(self.ctx, self.meal)
        return FOODS

    def _undo(self) -> Changes:
        assert self.meal is not None
        meals.delete_meal(self.ctx, self.meal.id)
        return FOODS


class LogMeal(DiaryCommand):
    """Add every entry of a saved meal at one time; one undo removes them all."""

    def __init__(self, ctx: Context, bus: ChangeBus, meal: Meal, date: dt.date,
                 time: dt.time) -> None:
        super().__init__(ctx, bus, f"Log meal {meal.name}")
        self.meal, self.date, self.time = meal, date, time
        self.logged: meals.LoggedMeal | None = None

    def _do(self) -> Changes:
        entries: list[Entry] | None = list(self.logged.entries) if self.logged else None
        self.logged = meals.log_meal(self.ctx, self.meal, self.date, self.time, entries)
        focus = self.logged.entries[0] if self.logged.entries else None
        return Changes(dates=frozenset([self.date]), focus_date=self.date,
                       focus_entry=focus.id if focus else None, foods=True)

    def _undo(self) -> Changes:
        assert self.logged is not None
        meals.unlog_meal(self.ctx, self.logged)
        return Changes(dates=frozenset([self.date]), focus_date=self.date, foods=True)


class DeleteMeal(DiaryCommand):
    """Delete a saved meal (entries already logged stay); undo puts it back."""

    def __init__(self, ctx: Context, bus: ChangeBus, meal_id: str) -> None:
        super().__init__(ctx, bus, "Delete saved meal")
        self.meal_id = meal_id
        self.meal: Meal | None = None

    def _do(self) -> Changes:
        self.meal = meals.delete_meal(self.ctx, self.meal_id)
        return FOODS

    def _undo(self) -> Changes:
        assert self.meal is not None
        meals.restore_meal(self.ctx, self.meal)
        return FOODS


class ImportOther(DiaryCommand):
    """Import another app's history; one undo takes back everything it added."""

    def __init__(self, ctx: Context, bus: ChangeBus, plan: ForeignPlan) -> None:
        super().__init__(ctx, bus, f"Import from {plan.app}")
        self.plan = plan
        self.summary: ForeignSummary | None = None

    def _do(self) -> Changes:
        self.summary = apply_plan(self.ctx, self.plan)
        return Changes.whole_diary()

    def _undo(self) -> Changes:
        assert self.summary is not None
        revert_import(self.ctx, self.summary)
        return Changes.whole_diary()
