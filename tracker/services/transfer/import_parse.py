"""Turning the rows of each bundle file into checked diary objects.

Each function reads one file's rows and yields objects that passed the same
validation as a form, one row at a time, so a large file is never held whole;
the first bad cell stops everything with its file, line and column.
Cross-file references (products) are resolved by the importer.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import TypeVar

from tracker.domain import validation
from tracker.domain.amounts import grams_for
from tracker.domain.entries import (
    CaffeineEntry,
    DayFactors,
    Episode,
    FoodEntry,
    Profile,
    SupplementProduct,
    WaterEntry,
)
from tracker.domain.errors import UserError
from tracker.domain.foods import Food, Portion
from tracker.domain.nutrients import BY_KEY, NUTRIENTS, SUPPLEMENT_NUTRIENTS
from tracker.services.foods.catalog import MAX_PER_100G
from tracker.services.transfer import bundle_format as fmt
from tracker.services.transfer.bundle_csv import Row
from tracker.services.transfer.import_cells import Cells, Occurrences, derived_id

T = TypeVar("T")

MAX_PORTION_AMOUNT = 1e5
# The same shape the food service looks custom foods up by.
_CUSTOM_ID = re.compile(r"custom:[0-9a-f]{32}(@[1-9]\d{0,6})?")
FoodLookup = Callable[[str], Food | None]


@dataclass(frozen=True)
class PendingDose:
    """A supplement dose whose product is resolved once every product is known."""

    line: int
    date: dt.date
    time: dt.time
    units: float
    product_id: str | None
    product_name: str | None
    id: str


def _each(name: str, rows: Iterable[Row], parse: Callable[[Cells, Occurrences], T]
          ) -> Iterator[tuple[int, T]]:
    seen = Occurrences()
    for row in rows:
        yield row.line, parse(Cells(name, row), seen)


def _agreeing_grams(c: Cells, food: Food, amount: float, unit: str,
                    grams: float | None) -> float:
    """The entry's weight: ``grams``, which must be what ``amount`` of ``unit`` weighs, or
    that weight when ``grams`` is empty."""
    try:
        weight = grams_for(amount, unit, food)
    except UserError as exc:
        # A food with no measures at all (one from another app, say) keeps the unit it
        # was logged in as a label; its grams say what it weighed.
        if not food.portions and grams is not None:
            return grams
        raise c.fail(exc.message, "unit") from None
    if grams is None:
        return weight
    if not math.isclose(weight, grams, rel_tol=1e-4, abs_tol=0.01):
        raise c.fail(f"{amount:g} {unit} of {food.name} weighs {weight:g} g, but grams says "
                     f"{grams:g}; change one of them, or leave grams empty to use "
                     f"{weight:g} g.", "grams")
    return grams


def foods(rows: Iterable[Row], food_of: FoodLookup, known: Callable[[str], bool]
          ) -> Iterator[tuple[int, FoodEntry]]:
    """Food entries; ``amount`` with ``unit`` and ``grams`` must agree (or one be empty).

    ``food_of`` gives the food an id names; ``known`` also accepts one whose details
    are not at hand yet (a recipe arriving in the same bundle), whose grams must be given.
    """
    def parse(c: Cells, seen: Occurrences) -> FoodEntry:
        food_id = c.checked_id("food_id", c.required("food_id"))
        food = food_of(food_id)
        if food is None and not known(food_id):
            raise c.fail(f"there is no food with the id {food_id!r} in the food database, "
                         "custom_foods.csv, recipes.csv or this diary.", "food_id")
        grams = c.optional_number("grams", "The amount")
        if grams is not None:
            with c.checking():
                validation.check_amount(grams, "The amount", "grams",
                                        validation.MAX_ENTRY_GRAMS, "g")
        unit = c.text("unit", "The unit", validation.MAX_NAME).strip()
        amount = c.optional_number("amount", "The amount")
        if amount is None and grams is None:
            raise c.fail("give the amount eaten in grams (or an amount and its unit).", "grams")
        if amount is None:
            if unit and unit.lower() not in ("g", "gram", "grams"):
                raise c.fail(f"give how many {unit!r} were eaten, or leave the unit empty.",
                             "amount")
            unit, amount = "g", grams
        elif not unit:
            unit = "g"
        assert amount is not None
        if food is not None:
            grams = _agreeing_grams(c, food, amount, unit, grams)
        elif grams is None:
            raise c.fail("give the weight in grams for a food defined in this bundle.", "grams")
        entry = FoodEntry(c.date(), c.time(), food_id, grams, amount, unit,
                          id=c.entry_id(seen, "date", "time", "food_id", "grams", "amount",
                                        "unit"))
        with c.checking():
            return validation.check_food_entry(entry)
    return _each(fmt.FOOD_LOG.name, rows, parse)


def water(rows: Iterable[Row]) -> Iterator[tuple[int, WaterEntry]]:
    def parse(c: Cells, seen: Occurrences) -> WaterEntry:
        entry = WaterEntry(c.date(), c.time(), c.number("volume_ml", "The volume"),
                           id=c.entry_id(seen, "date", "time", "volume_ml"))
        with c.checking():
            return validation.check_water_entry(entry)
    return _each(fmt.WATER_LOG.name, rows, parse)


def caffeine(rows: Iterable[Row]) -> Iterator[tuple[int, CaffeineEntry]]:
    def parse(c: Cells, seen: Occurrences) -> CaffeineEntry:
        entry = CaffeineEntry(c.date(), c.time(), c.number("caffeine_mg", "Caffeine"),
                              c.text("label", "The label", validation.MAX_NAME),
                              id=c.entry_id(seen, "date", "time", "caffeine_mg", "label"))
        with c.checking():
            return validation.check_caffeine_entry(entry)
    return _each(fmt.CAFFEINE_LOG.name, rows, parse)


def episodes(rows: Iterable[Row]) -> Iterator[tuple[int, Episode]]:
    def parse(c: Cells, seen: Occurrences) -> Episode:
        entry = Episode(
            c.date(), c.time(), c.required("kind").lower(),
            c.text("body_site", "The body site", validation.MAX_NAME, required=True),
            c.whole("intensity", "Intensity"), (c.raw("side") or "none").lower(),
            c.optional_whole("duration_s", "Duration"), c.text("notes", "Notes", 2000),
            id=c.entry_id(seen, "date", "time", "kind", "body_site", "side", "intensity",
                          "duration_s", "notes"))
        with c.checking():
            return validation.check_episode(entry)
    return _each(fmt.EPISODES.name, rows, parse)


def day_factors(rows: Iterable[Row]) -> list[tuple[int, DayFactors]]:
    days: dict[object, int] = {}

    def parse(c: Cells, seen: Occurrences) -> DayFactors:
        factors = DayFactors(c.date(), c.optional_number("sleep_hours", "Sleep"),
                             c.optional_whole("stress", "Stress"),
                             c.optional_whole("exercise_min", "Exercise"),
                             c.flag("day_complete"), c.text("notes", "The day's notes", 2000))
        if factors.date in days:
            raise c.fail(f"{factors.date} already appears on line {days[factors.date]}.",
                         "date")
        days[factors.date] = c.line
        with c.checking():
            return validation.check_day_factors(factors)
    return list(_each(fmt.DAY_FACTORS.name, rows, parse))


def doses(rows: Iterable[Row]) -> Iterator[PendingDose]:
    def parse(c: Cells, seen: Occurrences) -> PendingDose:
        product_id = c.raw("product_id") or None
        name = c.text("supplement", "The supplement name", validation.MAX_NAME) or None
        if product_id is None and name is None:
            raise c.fail("give the supplement's name or its product_id.", "supplement")
        if product_id is not None:
            product_id = c.checked_id("product_id", product_id)
        units = c.number("units", "The number of units")
        with c.checking():
            validation.check_amount(units, "The number of units", "units",
                                    validation.MAX_SUPPLEMENT_UNITS, "units")
        return PendingDose(c.line, c.date(), c.time(), units, product_id, name,
                           c.entry_id(seen, "date", "time",
                                      "product_id" if product_id else "supplement", "units"))
    return (dose for _, dose in _each(fmt.SUPPLEMENT_LOG.name, rows, parse))


def products(rows: Iterable[Row]) -> list[tuple[int, SupplementProduct]]:
    names: dict[str, int] = {}

    def parse(c: Cells, seen: Occurrences) -> SupplementProduct:
        name = c.text("name", "The product name", validation.MAX_NAME, required=True)
        if name.casefold() in names:
            raise c.fail(f"{name!r} already appears on line {names[name.casefold()]}.", "name")
        names[name.casefold()] = c.line
        per_unit = {}
        for key in SUPPLEMENT_NUTRIENTS:
            column = f"{BY_KEY[key].column}_per_unit"
            value = c.optional_number(column, BY_KEY[key].label)
            if value is not None:
                per_unit[key] = value
        given = c.raw("id")
        product = SupplementProduct(
            name, per_unit, c.text("unit_label", "The unit", 40, default="unit"),
            id=c.checked_id("id", given) if given else product_id_for(name))
        with c.checking():
            return validation.check_supplement_product(product)
    return list(_each(fmt.SUPPLEMENTS.name, rows, parse))


def product_id_for(name: str) -> str:
    """The id a product listed without one gets: the same name, the same product."""
    return derived_id(fmt.SUPPLEMENTS.name, name.casefold())


def per_100g(c: Cells) -> dict[str, float | None]:
    """A food row's ``<nutrient>_per_100g`` cells; an empty cell is unknown, not zero."""
    nutrients: dict[str, float | None] = {}
    for n in NUTRIENTS:
        column = f"{n.column}_per_100g"
        value = c.optional_number(column, n.label)
        if value is not None and not 0 <= value < MAX_PER_100G:
            raise c.fail(f"{n.label} per 100 g must be zero or more and below "
                         f"{MAX_PER_100G:g}.", column)
        nutrients[n.key] = value
    return nutrients


def custom_foods(rows: Iterable[Row]) -> list[tuple[int, Food]]:
    ids: dict[str, int] = {}

    def parse(c: Cells, seen: Occurrences) -> Food:
        food_id = c.checked_id("id", c.required("id"))
        if not _CUSTOM_ID.fullmatch(food_id):
            raise c.fail(f"{food_id!r} is not a custom food id (custom: and 32 hex digits, "
                         "then @ and a version after the first).",
                         "id")
        if food_id in ids:
            raise c.fail(f"{food_id} already appears on line {ids[food_id]}.", "id")
        ids[food_id] = c.line
        nutrients = per_100g(c)
        return Food(food_id, c.text("name", "The food name", validation.MAX_NAME,
                                    required=True),
                    c.text("food_group", "The food group", validation.MAX_NAME,
                           default="Custom foods"),
                    nutrients, beverage=c.flag("beverage"))
    return list(_each(fmt.CUSTOM_FOODS.name, rows, parse))


def portions(rows: Iterable[Row]) -> list[tuple[int, tuple[str, Portion]]]:
    def parse(c: Cells, seen: Occurrences) -> tuple[str, Portion]:
        amount = c.number("amount", "The portion amount")
        grams = c.number("grams", "The portion weight")
        with c.checking():
            validation.check_amount(amount, "The portion amount", "amount",
                                    MAX_PORTION_AMOUNT, "units")
            validation.check_amount(grams, "The portion weight", "grams",
                                    validation.MAX_ENTRY_GRAMS, "g")
        portion = Portion(amount, c.text("description", "The portion name",
                                         validation.MAX_NAME, required=True), grams)
        return c.checked_id("food_id", c.required("food_id")), portion
    return list(_each(fmt.CUSTOM_FOOD_PORTIONS.name, rows, parse))


def profile(rows: list[Row]) -> tuple[int, Profile] | None:
    if not rows:
        return None
    if len(rows) > 1:
        raise Cells(fmt.PROFILE.name, rows[1]).fail("the profile file holds one row only.")
    c = Cells(fmt.PROFILE.name, rows[0])
    # Bundles from before the EFSA values have no reference_set: they used the DRI.
    found = Profile(c.required("sex").lower(), c.date("birth_date"),
                    (c.raw("life_stage") or "general").lower(),
                    (c.raw("reference_set") or "dri").lower())
    with c.checking():
        return c.line, validation.check_profile(found)


def targets(rows: Iterable[Row]) -> list[tuple[int, str, float]]:
    found: dict[str, float] = {}
    lines: list[tuple[int, str, float]] = []
    for row in rows:
        c = Cells(fmt.TARGETS.name, row)
        key = c.required("nutrient")
        if key not in BY_KEY and key not in fmt.EXTRA_TARGET_UNITS:
            raise c.fail(f"{key!r} is not a nutrient this app knows.", "nutrient")
        if key in found:
            raise c.fail(f"{key} appears twice.", "nutrient")
        value = c.number("target", "The target")
        if not 0 < value < 1e7:
            raise c.fail("a target must be more than zero.", "target")
        found[key] = value
        lines.append((c.line, key, value))
    return lines
