"""Turning what a person types ("1 cup", "1/2 cup", "30 g", "1.5 oz") into grams."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from tracker.domain.errors import UserError
from tracker.domain.foods import Food, Portion
from tracker.domain.validation import MAX_ENTRY_GRAMS, check_amount

GRAMS_PER_OUNCE = 28.349523125
ML_PER_US_FL_OZ = 29.5735295625

_MASS_UNITS = {"g": 1.0, "gram": 1.0, "grams": 1.0, "gr": 1.0,
               "kg": 1000.0, "oz": GRAMS_PER_OUNCE, "ounce": GRAMS_PER_OUNCE,
               "ounces": GRAMS_PER_OUNCE, "lb": 453.59237, "lbs": 453.59237}
_AMOUNT_RE = re.compile(r"^\s*(\d+\s+\d+/\d+|\d+/\d+|\d*[.,]?\d+)\s*(.*?)\s*$")


@dataclass(frozen=True)
class Amount:
    """A resolved amount: ``amount`` of ``unit`` weighing ``grams``.

    Both are kept to 15 significant digits: a spreadsheet keeps no more, so an
    amount worked out by a division (a third of a cup, a serving of a recipe)
    comes back unchanged from a round trip through one.
    """

    amount: float
    unit: str
    grams: float

    def __post_init__(self) -> None:
        object.__setattr__(self, "amount", kept(self.amount))
        object.__setattr__(self, "grams", kept(self.grams))


SIGNIFICANT_DIGITS = 15


def kept(value: float) -> float:
    """``value`` to the 15 significant digits a spreadsheet keeps of a number."""
    return float(f"{value:.{SIGNIFICANT_DIGITS}g}")


def _parse_quantity(text: str) -> float:
    from fractions import Fraction  # fractions loads decimal: not needed to open the window

    text = text.replace(",", ".")
    if " " in text:  # mixed number "1 1/2"
        whole, frac = text.split()
        return float(int(whole) + Fraction(frac))
    if "/" in text:
        num, den = text.split("/")
        if int(den) == 0:
            raise ZeroDivisionError
        return float(Fraction(int(num), int(den)))
    return float(text)


def parse_amount(text: str, food: Food) -> Amount:
    """Resolve ``text`` against the food's household measures, grams or ounces.

    A measure matches by its description's start ("1 cup" finds "cup, chopped"),
    so a person need not type the whole SR28 wording.
    """
    match = _AMOUNT_RE.match(text or "")
    if not match:
        raise UserError(f"{text!r} is not an amount; try '1 cup', '30 g' or '1.5 oz'.", "amount")
    try:
        quantity = _parse_quantity(match.group(1))
    except (ValueError, ZeroDivisionError):
        raise UserError(f"{match.group(1)!r} is not a number.", "amount") from None
    if not math.isfinite(quantity) or quantity <= 0:
        raise UserError("The amount must be more than zero.", "amount")
    unit_text = match.group(2).strip().lower().rstrip(".")
    if not unit_text or unit_text in _MASS_UNITS:
        unit = unit_text or "g"
        factor = _MASS_UNITS.get(unit, 1.0)
        grams = quantity * factor
        unit = "oz" if factor == GRAMS_PER_OUNCE else ("g" if factor == 1.0 else unit)
        shown_amount = quantity
        if unit not in ("g", "oz"):  # kg and lb are stored as grams
            unit, shown_amount = "g", grams
        check_amount(grams, "The amount", "amount", MAX_ENTRY_GRAMS, "g")
        return Amount(shown_amount, unit, grams)
    portion = _find_portion(unit_text, food)
    grams = quantity / portion.amount * portion.grams
    check_amount(grams, "The amount", "amount", MAX_ENTRY_GRAMS, "g")
    return Amount(quantity, portion.description, grams)


def grams_for(amount: float, unit: str, food: Food) -> float:
    """What ``amount`` of ``unit`` weighs: a mass unit (g, oz, kg, lb) or one of the food's
    measures; UserError when the food has no such measure."""
    unit_text = unit.strip().lower().rstrip(".")
    if unit_text in _MASS_UNITS:
        return kept(amount * _MASS_UNITS[unit_text])
    portion = _find_portion(unit_text, food)
    return kept(amount / portion.amount * portion.grams)


def _find_portion(unit_text: str, food: Food) -> Portion:
    wanted = unit_text.lower()
    for portion in food.portions:
        if portion.description.lower() == wanted:
            return portion
    for portion in food.portions:
        desc = portion.description.lower()
        if desc.startswith(wanted) or desc.rstrip("s").startswith(wanted.rstrip("s")):
            return portion
    known = ", ".join(p.description for p in food.portions[:6]) or "none"
    raise UserError(f"{food.name} has no measure {unit_text!r}; use grams, ounces or one of: "
                    f"{known}.", "amount")


def amount_from_grams(grams: float) -> Amount:
    check_amount(grams, "The amount", "grams", MAX_ENTRY_GRAMS, "g")
    return Amount(float(grams), "g", float(grams))


def ml_to_fl_oz(volume_ml: float) -> float:
    return volume_ml / ML_PER_US_FL_OZ


def fl_oz_to_ml(fl_oz: float) -> float:
    return fl_oz * ML_PER_US_FL_OZ
