"""Recipes: foods made of other foods, whose nutrients are the sums of their ingredients.

A recipe lists ingredients (SR28 foods, the person's own foods or other
recipes) by weight, and either how many servings it makes or what the
finished dish weighs. Per serving it holds the ingredients' sums divided by
the servings; per 100 g, the sums divided by the finished weight (the raw
weight when no cooked weight is given). An ingredient whose value for a
nutrient is unknown makes the recipe's value a lower bound, and ``known``
records how much of the ingredients' weight the value comes from.

Each ingredient names the exact version of the food it was added as, so a
later edit of that food does not change a recipe already logged.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from tracker.domain.errors import UserError
from tracker.domain.foods import Food, Portion, base_id
from tracker.domain.nutrients import BY_KEY
from tracker.domain.validation import MAX_NAME, check_amount, check_text

RECIPE_GROUP = "Recipes"
MAX_SERVINGS = 1000.0
MAX_INGREDIENT_GRAMS = 100_000.0
MAX_COOKED_GRAMS = 200_000.0
MAX_INGREDIENTS = 200
SERVING = "serving"
WHOLE_RECIPE = "whole recipe"


@dataclass(frozen=True)
class RecipeItem:
    """``amount`` ``unit`` of food ``food_id`` (an exact version), weighing ``grams``."""

    food_id: str
    grams: float
    amount: float
    unit: str


@dataclass(frozen=True)
class Recipe:
    """One version of a recipe; ``id`` names that version ("recipe:<hex>" or "...@2")."""

    id: str
    name: str
    items: tuple[RecipeItem, ...]
    servings: float = 1.0
    cooked_grams: float | None = None
    version: int = 1
    created_at: dt.datetime | None = None

    @property
    def raw_grams(self) -> float:
        return sum(item.grams for item in self.items)

    @property
    def final_grams(self) -> float:
        """What the finished dish weighs: the cooked weight if given, else the ingredients'."""
        return self.cooked_grams if self.cooked_grams is not None else self.raw_grams

    @property
    def serving_grams(self) -> float:
        return self.final_grams / self.servings


def check_recipe(name: str, items: Sequence[RecipeItem], servings: float,
                 cooked_grams: float | None) -> str:
    """Refuse a recipe a person could not mean; returns the cleaned name."""
    name = check_text(name, "Recipe name", "name", MAX_NAME, required=True)
    if not items:
        raise UserError("A recipe needs at least one ingredient.", "items")
    if len(items) > MAX_INGREDIENTS:
        raise UserError(f"A recipe holds at most {MAX_INGREDIENTS} ingredients.", "items")
    for item in items:
        check_amount(item.grams, "An ingredient's weight", "items", MAX_INGREDIENT_GRAMS, "g")
    check_amount(servings, "The number of servings", "servings", MAX_SERVINGS, "servings")
    if cooked_grams is not None:
        check_amount(cooked_grams, "The cooked weight", "cooked_grams", MAX_COOKED_GRAMS, "g")
    return name


def recipe_food(recipe: Recipe, ingredients: Mapping[str, Food]) -> Food:
    """The recipe as a food: per-100 g sums of its ingredients and its portions.

    An ingredient missing from ``ingredients`` counts as a food with every
    value unknown.
    """
    raw = recipe.raw_grams
    final = recipe.final_grams
    nutrients: dict[str, float | None] = {}
    known: dict[str, float] = {}
    for key in BY_KEY:
        amount = 0.0
        known_grams = 0.0
        for item in recipe.items:
            food = ingredients.get(item.food_id)
            value = food.per_grams(key, item.grams) if food else None
            if value is not None:
                amount += value
                known_grams += item.grams * food.known_fraction(key)  # type: ignore[union-attr]
        if known_grams <= 0:
            nutrients[key] = None
            continue
        nutrients[key] = amount * 100.0 / final
        if known_grams < raw:
            known[key] = known_grams / raw
    portions = (Portion(1.0, SERVING, recipe.serving_grams), Portion(1.0, WHOLE_RECIPE, final))
    beverage = bool(recipe.items) and all(
        ingredients[i.food_id].beverage for i in recipe.items if i.food_id in ingredients)
    return Food(recipe.id, recipe.name, RECIPE_GROUP, nutrients, portions,
                beverage=beverage, known=known)


def refuse_cycle(recipe_base: str, items: Sequence[RecipeItem],
                 recipes: Mapping[str, Recipe]) -> None:
    """Refuse ingredients that contain, at any depth, the recipe being saved.

    ``recipes`` holds every recipe version the items reach (by exact id).
    """
    seen: set[str] = set()
    stack = [item.food_id for item in items]
    while stack:
        food_id = stack.pop()
        if base_id(food_id) == recipe_base:
            raise UserError("A recipe cannot contain itself, directly or through another "
                            "recipe.", "items")
        if food_id in seen or food_id not in recipes:
            continue
        seen.add(food_id)
        stack.extend(item.food_id for item in recipes[food_id].items)
