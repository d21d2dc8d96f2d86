"""What a person types as an amount, and the grams it weighs.

Conversion facts from NIST Handbook 44 (Appendix C): 1 avoirdupois ounce is
28.349523125 g, 1 pound 453.59237 g, 1 US fluid ounce 29.5735295625 ml.
Portion weights are the food's own (here made up, as a food's measures are data).
"""

from __future__ import annotations

import pytest

from tracker.domain.amounts import (
    Amount,
    amount_from_grams,
    fl_oz_to_ml,
    grams_for,
    kept,
    ml_to_fl_oz,
    parse_amount,
)
from tracker.domain.errors import UserError
from tracker.domain.foods import Food, Portion

OATS = Food("sr28:08120", "Oats", "Cereal grains", {"magnesium": 138.0},
            (Portion(1, "cup", 81.0), Portion(0.5, "cups, cooked", 117.0),
             Portion(2, "tbsp", 10.0), Portion(1, "packet", 28.0), Portion(1, "oz", 28.35),
             Portion(1, "cupful heaped", 95.0), Portion(1, "slice", 20.0)))
NO_MEASURES = Food("sr28:14429", "Tap water", "Beverages", {"water": 99.9}, ())


@pytest.mark.parametrize(("text", "amount", "unit", "grams"), [
    ("30 g", 30.0, "g", 30.0), ("30g", 30.0, "g", 30.0), ("30 grams", 30.0, "g", 30.0),
    ("30 gram", 30.0, "g", 30.0), ("30 gr", 30.0, "g", 30.0), ("30 G.", 30.0, "g", 30.0),
    ("45", 45.0, "g", 45.0), (" 2,5 g ", 2.5, "g", 2.5), (".5 g", 0.5, "g", 0.5),
    ("1.5 oz", 1.5, "oz", 42.5242846875), ("2 ounces", 2.0, "oz", 56.69904625),
    ("1 ounce", 1.0, "oz", 28.349523125),
    # kg and lb are shown as the grams they weigh
    ("1.2 kg", 1200.0, "g", 1200.0), ("1 lb", 453.59237, "g", 453.59237),
    ("2 lbs", 907.18474, "g", 907.18474),
])
def test_mass_units(text: str, amount: float, unit: str, grams: float) -> None:
    assert parse_amount(text, OATS) == Amount(amount, unit, grams)


@pytest.mark.parametrize(("text", "amount", "unit", "grams"), [
    ("1 cup", 1.0, "cup", 81.0), ("2 cups", 2.0, "cup", 162.0), ("1/2 cup", 0.5, "cup", 40.5),
    ("1 1/2 cup", 1.5, "cup", 121.5), ("3/4 CUP.", 0.75, "cup", 60.75),
    # a half-cup measure: one cup of it cooked weighs twice its 117 g
    ("1 cups, cooked", 1.0, "cups, cooked", 234.0),
    ("3 tbsp", 3.0, "tbsp", 15.0), ("1 pack", 1.0, "packet", 28.0),
    ("2 slices", 2.0, "slice", 40.0),
])
def test_household_measures(text: str, amount: float, unit: str, grams: float) -> None:
    assert parse_amount(text, OATS) == Amount(amount, unit, grams)


def test_an_exact_measure_wins_over_one_it_starts() -> None:
    # "cup" starts "cupful heaped" too; the measure called exactly "cup" is meant
    assert parse_amount("1 cup", OATS).unit == "cup"
    assert parse_amount("1 cupful", OATS).unit == "cupful heaped"


def test_an_ounce_measure_of_the_food_does_not_replace_the_unit() -> None:
    assert parse_amount("1 oz", OATS) == Amount(1.0, "oz", 28.349523125)


@pytest.mark.parametrize(("text", "message"), [
    ("", "'' is not an amount; try '1 cup', '30 g' or '1.5 oz'."),
    ("cup", "'cup' is not an amount; try '1 cup', '30 g' or '1.5 oz'."),
    ("1/0 cup", "'1/0' is not a number."),
    ("0 g", "The amount must be more than zero."),
    ("0/4 cup", "The amount must be more than zero."),
    ("5001 g", "The amount of 5001 g is more than 5000 g in one entry; split it or check the "
               "number."),
    ("12 lb", "The amount of 5443.11 g is more than 5000 g in one entry; split it or check the "
              "number."),
    ("62 cups", "The amount of 5022 g is more than 5000 g in one entry; split it or check the "
                "number."),
    ("1 bowl", "Oats has no measure 'bowl'; use grams, ounces or one of: cup, cups, cooked, "
               "tbsp, packet, oz, cupful heaped."),
])
def test_refusals(text: str, message: str) -> None:
    with pytest.raises(UserError) as info:
        parse_amount(text, OATS)
    assert info.value.message == message
    assert info.value.field == "amount"


def test_a_food_without_measures_says_so() -> None:
    with pytest.raises(UserError) as info:
        parse_amount("1 glass", NO_MEASURES)
    assert info.value.message == ("Tap water has no measure 'glass'; use grams, ounces or one "
                                  "of: none.")
    assert parse_amount("250", NO_MEASURES) == Amount(250.0, "g", 250.0)


@pytest.mark.parametrize(("amount", "unit", "grams"), [
    (2.0, "cup", 162.0), (1.0, " Cups, cooked. ", 234.0), (3.0, "oz", 85.048569375),
    (0.5, "kg", 500.0), (1.0, "lb", 453.59237), (30.0, "g", 30.0), (2.0, "slices", 40.0),
    (1.0, "tbsp", 5.0),
])
def test_grams_for_a_unit(amount: float, unit: str, grams: float) -> None:
    assert grams_for(amount, unit, OATS) == pytest.approx(grams, rel=1e-15)


def test_grams_for_an_unknown_measure_is_refused() -> None:
    with pytest.raises(UserError) as info:
        grams_for(1.0, "bowl", OATS)
    assert info.value.field == "amount"
    assert info.value.message.startswith("Oats has no measure 'bowl'")


def test_grams_are_kept_to_fifteen_significant_digits() -> None:
    third = parse_amount("1/3 cup", OATS)
    assert third.grams == 27.0
    assert repr(grams_for(1 / 3, "cup", OATS)) == "27.0"
    assert kept(0.1 + 0.2) == 0.3
    assert kept(1234567.891234567891) == 1234567.89123457
    assert Amount(1 / 3, "cup", 2 / 3) == Amount(0.333333333333333, "cup", 0.666666666666667)


def test_an_amount_in_grams() -> None:
    assert amount_from_grams(125) == Amount(125.0, "g", 125.0)
    assert isinstance(amount_from_grams(125).grams, float)
    with pytest.raises(UserError) as info:
        amount_from_grams(0)
    assert info.value.field == "grams"
    assert info.value.message == "The amount must be more than zero."
    assert amount_from_grams(5000).grams == 5000.0
    with pytest.raises(UserError) as info:
        amount_from_grams(6000)
    assert info.value.message == ("The amount of 6000 g is more than 5000 g in one entry; split "
                                  "it or check the number.")


def test_fluid_ounces() -> None:
    assert fl_oz_to_ml(8) == pytest.approx(236.5882365, rel=1e-15)
    assert ml_to_fl_oz(29.5735295625) == pytest.approx(1.0, rel=1e-15)
    assert ml_to_fl_oz(500) == pytest.approx(16.907011, rel=1e-7)


def test_a_fraction_over_one_is_a_whole() -> None:
    assert parse_amount("1/1 cup", OATS) == Amount(1.0, "cup", 81.0)
    assert parse_amount("4/2 slices", OATS) == Amount(2.0, "slice", 40.0)


def test_an_exact_measure_wins_even_when_a_longer_one_comes_first() -> None:
    bread = Food("sr28:18069", "Bread", "Baked", {"magnesium": 40.0},
                 (Portion(1, "slices, thick", 45.0), Portion(1, "slice", 25.0)))
    assert parse_amount("2 slice", bread) == Amount(2.0, "slice", 50.0)
    assert parse_amount("1 slices", bread) == Amount(1.0, "slices, thick", 45.0)
