"""A second start reaches the window already open on the diary; US units on food entry."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tracker.domain.foods import Food, Portion
from tracker.ui.foods.portion_picker import PortionPicker
from tracker.ui.shell.instance_link import QUICK, SHOW, InstanceServer, ask_running_app

PEANUTS = Food("custom:peanuts", "Peanuts", "Custom foods", {"magnesium": 168.0})
OATS = Food("custom:oats", "Oats", "Custom foods", {"magnesium": 138.0},
            portions=(Portion(1.0, "cup", 81.0),))


def test_quick_and_show_reach_the_open_app_over_a_local_socket(qtbot: Any,
                                                              tmp_path: Path) -> None:
    db = tmp_path / "diary.sqlite3"
    calls: list[str] = []
    server = InstanceServer(db, lambda: calls.append("quick"), lambda: calls.append("show"))
    assert ask_running_app(db, QUICK, timeout_ms=200)
    qtbot.waitUntil(lambda: calls == ["quick"], timeout=3000)
    assert ask_running_app(db, SHOW, timeout_ms=200)
    qtbot.waitUntil(lambda: calls == ["quick", "show"], timeout=3000)
    assert not ask_running_app(tmp_path / "another.sqlite3", QUICK, timeout_ms=200), \
        "a diary with no app open gets no answer"
    server.server.close()
    assert not ask_running_app(db, QUICK, timeout_ms=200)


@pytest.mark.parametrize(("units", "first_mass_unit", "grams"), [
    # 1 avoirdupois ounce = 28.349523125 g (NIST Handbook 44).
    ("us", "oz", 28.349523125), ("metric", "g", 100.0)])
def test_a_food_without_measures_starts_in_the_persons_mass_unit(
        qtbot: Any, units: str, first_mass_unit: str, grams: float) -> None:
    picker = PortionPicker()
    qtbot.addWidget(picker)
    picker.set_units(units)
    picker.set_food(PEANUTS)
    assert picker.current_unit() == first_mass_unit
    amount = picker.amount()  # "1" oz, or the metric default of "100" g
    assert (amount.unit, amount.grams) == (first_mass_unit, pytest.approx(grams))


def test_us_units_keep_household_measures_first_and_grams_offered(qtbot: Any) -> None:
    picker = PortionPicker()
    qtbot.addWidget(picker)
    picker.set_units("us")
    picker.set_food(OATS)
    items = [picker.unit_combo.itemText(i) for i in range(picker.unit_combo.count())]
    assert items[-2:] == ["oz", "g"]
    assert picker.current_unit() == OATS.portions[0]
