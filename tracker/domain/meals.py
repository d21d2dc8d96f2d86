"""Saved meals: a named set of entries ("Usual breakfast") logged together in one step.

A meal holds foods with their amounts, drinking water, hand-logged caffeine
and supplement doses. Logging it adds every item at the chosen time. Foods
are held by the food itself, not a version, so logging the meal uses the
food as it is now; an amount given as a portion ("1 serving") is weighed
again by the food's current portion.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from tracker.domain import validation
from tracker.domain.errors import UserError
from tracker.domain.validation import (
    MAX_CAFFEINE_MG,
    MAX_ENTRY_GRAMS,
    MAX_NAME,
    MAX_SUPPLEMENT_UNITS,
    MAX_WATER_ML,
    check_amount,
    check_text,
)

MEAL_GROUP = "Saved meals"
MAX_MEAL_ITEMS = 100
ITEM_KINDS: tuple[str, ...] = ("food", "water", "caffeine", "supplement")


@dataclass(frozen=True)
class MealItem:
    """One item of a meal; only the fields of its ``kind`` are set.

    food: ``food_id`` (a food, any version names it), ``grams``, ``amount``,
    ``unit``; water: ``volume_ml``; caffeine: ``caffeine_mg``, ``label``;
    supplement: ``product_id``, ``units``.
    """

    kind: str
    food_id: str | None = None
    grams: float | None = None
    amount: float | None = None
    unit: str | None = None
    volume_ml: float | None = None
    caffeine_mg: float | None = None
    label: str | None = None
    product_id: str | None = None
    units: float | None = None


@dataclass(frozen=True)
class Meal:
    id: str  # "meal:<uuid hex>"
    name: str
    items: tuple[MealItem, ...]
    times_logged: int = 0
    last_logged: dt.date | None = None


def food_item(food_id: str, grams: float, amount: float, unit: str) -> MealItem:
    return MealItem("food", food_id=food_id, grams=grams, amount=amount, unit=unit)


def check_item(item: MealItem) -> MealItem:
    """The same limits a single entry of the kind has."""
    if item.kind == "food":
        if not item.food_id or item.grams is None or item.amount is None or not item.unit:
            raise UserError("A food in a meal needs its food, amount and weight.", "items")
        check_amount(item.grams, "The amount", "items", MAX_ENTRY_GRAMS, "g")
        check_amount(item.amount, "The amount", "items", 1e6, item.unit)
    elif item.kind == "water":
        check_amount(item.volume_ml or 0.0, "The volume", "items", MAX_WATER_ML, "ml")
    elif item.kind == "caffeine":
        check_amount(item.caffeine_mg or 0.0, "Caffeine", "items", MAX_CAFFEINE_MG, "mg")
        check_text(item.label or "", "The label", "items", MAX_NAME)
    elif item.kind == "supplement":
        if not item.product_id:
            raise UserError("A supplement in a meal needs its product.", "items")
        check_amount(item.units or 0.0, "The number of units", "items", MAX_SUPPLEMENT_UNITS,
                     "units")
    else:
        raise UserError(f"A meal holds foods, water, caffeine and supplements, not "
                        f"{item.kind!r}.", "items")
    return item


def check_meal(name: str, items: Sequence[MealItem]) -> str:
    """Refuse a meal a person could not mean; returns the cleaned name."""
    name = check_text(name, "Meal name", "name", MAX_NAME, required=True)
    if not items:
        raise UserError("A meal needs at least one entry.", "items")
    if len(items) > MAX_MEAL_ITEMS:
        raise UserError(f"A meal holds at most {MAX_MEAL_ITEMS} entries.", "items")
    for item in items:
        check_item(item)
    return name


def parse_time_span(text: str) -> tuple[dt.time, dt.time]:
    """``HH:MM-HH:MM`` as two times, the first not after the second."""
    first, dash, last = text.partition("-")
    if not dash:
        raise UserError(f"{text!r} is not a span of times; use HH:MM-HH:MM, e.g. 07:00-09:30.",
                        "times")
    start = validation.parse_time(first, "times")
    end = validation.parse_time(last, "times")
    if start > end:
        raise UserError(f"The span {text} ends before it starts.", "times")
    return start, end
