"""The nutrient registry: the column names every table, file and chart uses."""

from __future__ import annotations

import pytest

from tracker.domain.nutrients import nutrient


@pytest.mark.parametrize(("key", "column", "sr28"), [
    ("magnesium", "magnesium_mg", "304"), ("vitamin_d", "vitamin_d_ug", "328"),
    ("vitamin_b12", "vitamin_b12_ug", "418"), ("energy", "energy_kcal", "208"),
    ("water", "water_g", "255"),
])
def test_a_nutrient_by_key_with_its_unit_in_the_column_name(key: str, column: str,
                                                            sr28: str) -> None:
    entry = nutrient(key)
    assert entry.column == column
    assert entry.sr28 == sr28


def test_an_unknown_key_is_named() -> None:
    with pytest.raises(KeyError) as info:
        nutrient("mana")
    assert info.value.args == ("unknown nutrient 'mana'",)
    assert info.value.__suppress_context__
