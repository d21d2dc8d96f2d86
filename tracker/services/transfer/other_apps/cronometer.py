"""Cronometer's "Food & Recipe Entries" export (servings.csv), with biometrics.csv and notes.csv.

Each servings row becomes a food entry of its own imported food, holding that
row's nutrients (Cronometer's values, not SR28's). Columns are found by their
header name, never their position, because exports differ by account; an
empty cell is unknown. Vitamin D in IU is divided by 40 (1 µg = 40 IU). The
row's grams are its amount when that is a weight (g, kg, oz, lb); otherwise
they are estimated from the row's water, protein, fat, carbohydrate and
alcohol (at least 1 g), so a day's completeness can still be weighed. The
"Water (g)" column is the water in the food, not drinks. Rows in a group
named like "Supplements" become supplement doses only for the names the
person maps to a product; the others stay food entries.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Mapping
from pathlib import Path

from tracker.domain import validation
from tracker.domain.entries import DayFactors, FoodEntry, SupplementDose, SupplementProduct
from tracker.domain.errors import UserError
from tracker.domain.foods import IMPORTED_PREFIX, Food
from tracker.domain.nutrients import (
    BY_KEY,
    IU_PER_UG_VITAMIN_D,
    SUPPLEMENT_NUTRIENTS,
)
from tracker.services.context import Context
from tracker.services.transfer.bundle_csv import BundleFileError
from tracker.services.transfer.import_cells import derived_id
from tracker.services.transfer.other_apps.clock import parse_clock
from tracker.services.transfer.other_apps.plan import ForeignPlan
from tracker.services.transfer.other_apps.table import Line, Table, header_key, read_table
from tracker.storage.own_foods import supplements as supplement_repo

SERVINGS = "servings.csv"
BIOMETRICS = "biometrics.csv"
NOTES = "notes.csv"
NEW_PRODUCT = "\x00new"  # map a supplement name to this to make a product from its rows
# Cronometer's nutrient names (the header without its unit) and the registry key each is.
NAMES: dict[str, str] = {
    "energy": "energy", "protein": "protein", "fat": "fat", "carbs": "carbohydrate",
    "carbohydrates": "carbohydrate", "fiber": "fiber", "sugars": "sugars", "water": "water",
    "caffeine": "caffeine", "alcohol": "alcohol", "calcium": "calcium",
    "magnesium": "magnesium", "potassium": "potassium", "sodium": "sodium",
    "phosphorus": "phosphorus", "iron": "iron", "zinc": "zinc", "vitamin d": "vitamin_d",
    "b12": "vitamin_b12", "vitamin b12": "vitamin_b12", "b6": "vitamin_b6",
    "vitamin b6": "vitamin_b6", "vitamin c": "vitamin_c",
}
_GRAMS_PER = {"g": 1.0, "mg": 1e-3, "ug": 1e-6, "mcg": 1e-6}
_MASS_UNITS = {"g": 1.0, "gram": 1.0, "grams": 1.0, "kg": 1000.0, "oz": 28.349523125,
               "ounce": 28.349523125, "ounces": 28.349523125, "lb": 453.59237,
               "lbs": 453.59237, "pound": 453.59237, "pounds": 453.59237, "mg": 1e-3}
# When a row has no time, the group says when in the day it was eaten.
GROUP_TIMES = {"breakfast": dt.time(8, 0), "lunch": dt.time(12, 30), "dinner": dt.time(18, 30),
               "snacks": dt.time(15, 0), "snack": dt.time(15, 0)}
NOON = dt.time(12, 0)
_HEADER = re.compile(r"^(?P<name>.*?)\s*\((?P<unit>[^()]*)\)\s*$")
_AMOUNT = re.compile(r"^\s*(?P<qty>[\d.,]+)\s*(?:x\s*(?P<times>[\d.,]+)\s*)?(?P<unit>.*?)\s*$",
                     re.IGNORECASE)
# The parts a food's weight is made of, for rows whose amount is not a weight.
_MASS_PARTS = ("water", "protein", "fat", "carbohydrate", "alcohol")


def looks_like(header: str) -> bool:
    """Whether a CSV header line is a Cronometer servings export."""
    keys = {header_key(h) for h in header.split(",")}
    return {"day", "food name", "amount"} <= keys


def nutrient_columns(table: Table) -> dict[str, tuple[str, float]]:
    """Header key -> (registry key, factor to the registry unit) for the columns we keep."""
    found = {}
    for key in table.header:
        match = _HEADER.match(key)
        if not match:
            continue
        name = re.sub(r"\s*\([^()]*\)", "", match["name"]).strip()
        target = NAMES.get(name)
        factor = _factor(target, match["unit"].strip()) if target else None
        if target and factor is not None:
            found[key] = (target, factor)
    return found


def _factor(key: str, unit: str) -> float | None:
    wanted = BY_KEY[key].unit
    if key == "vitamin_d" and unit == "iu":
        return 1.0 / IU_PER_UG_VITAMIN_D
    if key == "energy":
        return {"kcal": 1.0, "kj": 1 / 4.184}.get(unit)
    if unit in _GRAMS_PER and wanted in _GRAMS_PER:
        return _GRAMS_PER[unit] / _GRAMS_PER[wanted]
    return None


def servings_path(path: Path) -> Path:
    """servings.csv itself, or the one in the folder given."""
    if path.is_dir():
        inside = path / SERVINGS
        if not inside.is_file():
            raise UserError(f"{path} holds no {SERVINGS}; choose Cronometer's "
                            "'Food & Recipe Entries' export.", "path")
        return inside
    return path


def read_cronometer(ctx: Context, path: Path,
                    supplements: Mapping[str, str] | None = None) -> ForeignPlan:
    """Read the export at ``path``; ``supplements`` maps food names (any case) in a
    supplements group to a product id, or to ``NEW_PRODUCT``. Nothing is written."""
    servings = servings_path(Path(path).expanduser())
    if not servings.is_file():
        raise UserError(f"There is no file at {servings}.", "path")
    table = read_table(servings, ("Day", "Food Name", "Amount"))
    files = [servings.name]
    plan = ForeignPlan("Cronometer", (), f"Cronometer: {servings.name}")
    mapping = {name.casefold(): target for name, target in (supplements or {}).items()}
    _Servings(ctx, table, plan, mapping).read()
    factors: dict[dt.date, DayFactors] = {}
    for extra, reader in ((BIOMETRICS, _biometrics), (NOTES, _notes)):
        beside = servings.with_name(extra)
        if beside.is_file():
            files.append(extra)
            reader(read_table(beside, ("Day",)), plan, factors)
    plan.files = tuple(files)
    plan.factors = [factors[day] for day in sorted(factors)]
    return plan


class _Servings:
    """The rows of servings.csv, each turned into a food entry or a supplement dose."""

    def __init__(self, ctx: Context, table: Table, plan: ForeignPlan,
                 mapping: Mapping[str, str]) -> None:
        self.ctx, self.table, self.plan, self.mapping = ctx, table, plan, mapping
        self.columns = nutrient_columns(table)
        self.seen: Counter[tuple[str, ...]] = Counter()
        self.products: dict[str, SupplementProduct] = {}

    def read(self) -> None:
        if not self.columns:
            self.plan.notes.append("no nutrient columns this app keeps were found")
        for line in self.table.lines:
            self._row(line)
        self.plan.products = list(self.products.values())

    def _fail(self, line: Line, message: str, column: str | None = None) -> BundleFileError:
        return self.table.fail(line.number, message, column)

    def _row(self, line: Line) -> None:
        day = _date(self.table, line)
        group = line.get("group")
        name = line.get("food name")
        if not name:
            raise self._fail(line, "this cell is empty but is required.", "Food Name")
        time_text = line.get("time")
        time = parse_clock(time_text) if time_text else GROUP_TIMES.get(group.casefold(), NOON)
        if time is None:
            raise self._fail(line, f"{time_text!r} is not a time (9:00 AM or 21:00).", "Time")
        key = (line.get("day"), time_text, group, name, line.get("amount"))
        self.seen[key] += 1
        row_id = derived_id("cronometer", SERVINGS, *key, str(self.seen[key] - 1))
        values = self._values(line)
        count, unit, grams = self._amount(line, values)
        if "supplement" in group.casefold():
            self.plan.supplement_rows[name] += 1
            target = self.mapping.get(name.casefold())
            if target is not None:
                self._dose(line, day, time, name, row_id, count, unit, values, target)
                return
        food = Food(f"{IMPORTED_PREFIX}{row_id}", self._name(line, name), "Imported",
                    {k: (v * 100.0 / grams if v is not None else None) for k, v in values.items()})
        entry = FoodEntry(day, time, food.id, grams, count, unit, id=row_id)
        try:
            validation.check_food_entry(entry)
        except UserError as exc:
            raise self._fail(line, exc.message, "Amount") from None
        self.plan.foods.append(food)
        self.plan.add("foods", entry)

    def _name(self, line: Line, name: str) -> str:
        try:
            return validation.check_text(name, "The food name", "name", validation.MAX_NAME,
                                         required=True)
        except UserError as exc:
            raise self._fail(line, exc.message, "Food Name") from None

    def _values(self, line: Line) -> dict[str, float | None]:
        values: dict[str, float | None] = dict.fromkeys(BY_KEY)
        for column, (key, factor) in self.columns.items():
            text = line.cells.get(column, "").strip()
            if not text:
                continue
            try:
                value = validation.parse_number(text.replace(",", ""), BY_KEY[key].label, key)
            except UserError as exc:
                raise self._fail(line, exc.message, column) from None
            if value < 0:
                raise self._fail(line, f"{BY_KEY[key].label} cannot be negative.", column)
            values[key] = value * factor + 0.0
        return values

    def _amount(self, line: Line, values: Mapping[str, float | None]
                ) -> tuple[float, str, float]:
        """(how many, of what unit, weighing how many grams)."""
        text = line.get("amount")
        match = _AMOUNT.match(text)
        if not match:
            raise self._fail(line, f"{text!r} is not an amount such as '1.00 cup' or "
                             "'150.00 g'.", "Amount")
        try:
            quantity = validation.parse_number(match["qty"].replace(",", ""), "The amount",
                                               "amount")
            times = validation.parse_number(match["times"].replace(",", ""), "The amount",
                                            "amount") if match["times"] else 1.0
        except UserError as exc:
            raise self._fail(line, exc.message, "Amount") from None
        count = quantity * times
        if count <= 0:
            raise self._fail(line, "the amount must be more than zero.", "Amount")
        unit = match["unit"].strip() or "serving"
        factor = _MASS_UNITS.get(unit.casefold().rstrip("."))
        if factor is not None:
            grams = count * factor
            return (count, unit, grams) if unit in ("g", "oz") else (grams, "g", grams)
        parts = [values.get(k) for k in _MASS_PARTS]
        estimate = sum(v for v in parts if v is not None)
        shown = f"x {match['times']} {unit}" if match["times"] else unit
        return quantity, shown, max(estimate, 1.0)

    def _dose(self, line: Line, day: dt.date, time: dt.time, name: str, row_id: str,
              count: float, unit: str, values: Mapping[str, float | None], target: str) -> None:
        units = count if unit not in ("g", "oz") else 1.0
        if target == NEW_PRODUCT:
            target = self._product(line, name, unit, units, values).id
        dose = SupplementDose(day, time, target, units, id=row_id)
        try:
            validation.check_supplement_dose(dose)
        except UserError as exc:
            raise self._fail(line, exc.message, "Amount") from None
        self.plan.add("doses", dose)

    def _product(self, line: Line, name: str, unit: str, units: float,
                 values: Mapping[str, float | None]) -> SupplementProduct:
        existing = self.products.get(name.casefold()) or supplement_repo.product_by_name(
            self.ctx.diary.conn, name)
        if existing is not None:
            return existing
        per_unit = {k: round(value / units, 6) for k in SUPPLEMENT_NUTRIENTS
                    if (value := values.get(k)) is not None}
        label = unit if unit not in ("g", "oz") and len(unit) <= 40 else "unit"
        product = SupplementProduct(name, per_unit, label,
                                    id=derived_id("cronometer product", name.casefold()))
        try:
            validation.check_supplement_product(product)
        except UserError as exc:
            raise self._fail(line, f"{name} cannot become a supplement product: {exc.message}",
                             "Food Name") from None
        self.products[name.casefold()] = product
        return product


def _date(table: Table, line: Line) -> dt.date:
    try:
        return validation.parse_date(line.get("day", "date"), "day")
    except UserError as exc:
        raise table.fail(line.number, exc.message, "Day") from None


def _factors(factors: dict[dt.date, DayFactors], day: dt.date) -> DayFactors:
    return factors.get(day) or DayFactors(day)


def _biometrics(table: Table, plan: ForeignPlan, factors: dict[dt.date, DayFactors]) -> None:
    for line in table.lines:
        metric = line.get("metric")
        if metric.casefold() != "sleep":
            plan.skipped[f"{metric or 'unnamed'} readings ({BIOMETRICS})"] += 1
            continue
        day = _date(table, line)
        unit = line.get("unit").casefold()
        try:
            value = validation.parse_number(line.get("amount"), "Sleep", "amount")
        except UserError as exc:
            raise table.fail(line.number, exc.message, "Amount") from None
        hours = value / 60.0 if unit in ("min", "mins", "minutes") else value
        if not 0 <= hours <= 24:
            raise table.fail(line.number, "sleep must be between 0 and 24 hours.", "Amount")
        current = _factors(factors, day)
        factors[day] = DayFactors(day, round(hours, 2), None, None, False, current.notes)


def _notes(table: Table, plan: ForeignPlan, factors: dict[dt.date, DayFactors]) -> None:
    for line in table.lines:
        text = line.get("note", "notes", "text")
        if not text:
            continue
        day = _date(table, line)
        current = _factors(factors, day)
        joined = f"{current.notes} | {text}" if current.notes else text
        if len(joined) > 2000:
            raise table.fail(line.number, "the notes of this day are longer than 2000 "
                             "characters, more than a day's notes can hold.", "Note")
        factors[day] = DayFactors(day, current.sleep_hours, None, None, False, joined)
