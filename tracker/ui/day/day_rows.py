"""One line per diary entry, as the day view shows it: time, kind, what, amount, nutrients.

Rows are plain data built from a day's entries plus the foods and supplement
products they point to, so the table model never touches the diary itself.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from tracker.domain.entries import (
    DayEntries,
    Entry,
    Episode,
    FoodEntry,
    SupplementDose,
    SupplementProduct,
)
from tracker.domain.foods import Food
from tracker.domain.nutrients import FOCUS
from tracker.domain.units import mass_text, volume_text

# Same-minute entries keep a stable, readable order.
_KIND_ORDER = ("Food", "Drink", "Water", "Caffeine", "Supplement", "Episode")


@dataclass(frozen=True)
class DayRow:
    """What one table line shows; ``focus`` maps nutrient key to amount, None = unknown.

    A key missing from ``focus`` means the nutrient does not apply (water, episodes).
    """

    entry: Entry
    kind: str
    description: str
    amount: str
    focus: dict[str, float | None] = field(default_factory=dict)

    @property
    def time(self) -> dt.time:
        return self.entry.time


def water_text(volume_ml: float, units: str) -> str:
    """A drink volume in the person's units (``metric``: ml, ``us``: fl oz)."""
    return volume_text(volume_ml, units) if units == "us" else f"{volume_ml:.0f} ml"


def _food_row(entry: FoodEntry, food: Food | None, units: str = "metric") -> DayRow:
    # The weight first, so it stays visible when a long household measure is cut short.
    if units == "us":
        weight = mass_text(entry.grams, units)
        amount = (weight if entry.unit in ("g", "oz")
                  else f"{weight} · {entry.amount:g} {entry.unit}")
    elif entry.unit == "g":
        amount = f"{entry.grams:g} g"
    else:
        amount = f"{entry.grams:.0f} g · {entry.amount:g} {entry.unit}"
    if food is None:
        # The reference no longer knows the id (e.g. a deleted custom food):
        # keep the line so the person can fix or delete it.
        return DayRow(entry, "Food", f"Unknown food ({entry.food_id})", amount,
                      {key: None for key in FOCUS})
    kind = "Drink" if food.beverage else "Food"
    return DayRow(entry, kind, food.name, amount,
                  {key: food.per_grams(key, entry.grams) for key in FOCUS})


def _dose_row(entry: SupplementDose, product: SupplementProduct | None) -> DayRow:
    if product is None:
        return DayRow(entry, "Supplement", "Unknown supplement", f"{entry.units:g}")
    # A product that does not declare a nutrient contains none of it.
    focus: dict[str, float | None] = {
        key: product.per_unit[key] * entry.units for key in FOCUS if key in product.per_unit}
    return DayRow(entry, "Supplement", product.name, f"{entry.units:g} {product.unit_label}",
                  focus)


def _episode_row(entry: Episode) -> DayRow:
    side = "" if entry.side == "none" else f"{entry.side} "
    what = f"{entry.kind.capitalize()}: {side}{entry.body_site}"
    if entry.notes:
        what += f" ({entry.notes})"
    amount = f"intensity {entry.intensity}/10"
    if entry.duration_s is not None:
        amount += f", {_duration_text(entry.duration_s)}"
    return DayRow(entry, "Episode", what, amount)


def _duration_text(seconds: int) -> str:
    if seconds < 60:
        return f"{seconds} s"
    minutes, rest = divmod(seconds, 60)
    return f"{minutes} min" if not rest else f"{minutes} min {rest} s"


def build_rows(day: DayEntries, foods: dict[str, Food],
               products: dict[str, SupplementProduct], units: str) -> list[DayRow]:
    """Every entry of ``day`` as a row, sorted by time, amounts in the person's ``units``."""
    rows: list[DayRow] = [_food_row(e, foods.get(e.food_id), units) for e in day.foods]
    rows += [DayRow(e, "Water", "Water", water_text(e.volume_ml, units))
             for e in day.water]
    rows += [DayRow(e, "Caffeine", e.label or "Caffeine", f"{e.caffeine_mg:g} mg caffeine")
             for e in day.caffeine]
    rows += [_dose_row(e, products.get(e.product_id)) for e in day.doses]
    rows += [_episode_row(e) for e in day.episodes]
    rows.sort(key=lambda r: (r.time, _KIND_ORDER.index(r.kind)))
    return rows

