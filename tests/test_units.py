"""Metric and US units for display and entry; the stored amounts stay in g and ml.

Conversion facts from NIST Handbook 44 (Appendix C): 1 US fluid ounce is
29.5735295625 ml, 1 US cup is 8 fl oz = 236.5882365 ml, 1 avoirdupois ounce is
28.349523125 g. The figures below are worked by hand from those.
"""

from __future__ import annotations

import pytest

from tracker.domain.errors import UserError
from tracker.domain.units import (
    amount_text,
    check_system,
    mass_text,
    ml_to_unit,
    volume_text,
    volume_to_ml,
)


@pytest.mark.parametrize(("value", "unit", "ml"), [
    (1, "cup", 236.5882365), (2, "cup", 473.176473), (8, "fl oz", 236.5882365),
    (12, "fl oz", 354.882354750), (250, "ml", 250.0), (0.5, "cup", 118.29411825)])
def test_entry_in_any_unit_is_stored_in_ml(value: float, unit: str, ml: float) -> None:
    assert volume_to_ml(value, unit) == pytest.approx(ml)


def test_a_volume_unit_that_does_not_exist_is_refused() -> None:
    with pytest.raises(UserError) as info:
        volume_to_ml(1, "pint")
    assert info.value.field == "unit"
    assert "pint" in info.value.message


def test_ml_back_to_the_unit() -> None:
    assert ml_to_unit(500, "fl oz") == pytest.approx(16.907, abs=0.001)
    assert ml_to_unit(500, "cup") == pytest.approx(2.1134, abs=0.0001)


@pytest.mark.parametrize(("ml", "system", "text"), [
    (250, "metric", "250 ml"), (2200, "metric", "2,200 ml"),
    (250, "us", "8.5 fl oz"), (2000, "us", "67.6 fl oz (8.5 cups)"),
    (473.176473, "us", "16.0 fl oz (2.0 cups)"), (236.5882365, "us", "8.0 fl oz")])
def test_volumes_shown_in_the_chosen_units(ml: float, system: str, text: str) -> None:
    assert volume_text(ml, system) == text


@pytest.mark.parametrize(("grams", "system", "text"), [
    (150, "metric", "150 g"), (2.5, "metric", "2.5 g"), (150, "us", "5.3 oz"),
    (28.349523125, "us", "1.0 oz"), (1000, "us", "35.3 oz")])
def test_masses_shown_in_the_chosen_units(grams: float, system: str, text: str) -> None:
    assert mass_text(grams, system) == text


def test_only_volumes_change_with_the_system() -> None:
    assert amount_text(1600, "ml", "us", "drinks") == "54.1 fl oz (6.8 cups)"
    assert amount_text(1600, "ml", "metric", "drinks") == "1,600 ml"
    assert amount_text(412, "mg", "us", "magnesium") == "412 mg"
    assert amount_text(None, "ml", "us") == "–"


def test_an_unknown_system_is_refused() -> None:
    assert check_system("us") == "us"
    with pytest.raises(UserError) as info:
        check_system("imperial")
    assert info.value.field == "units"
