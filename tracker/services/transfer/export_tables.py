"""Rows of each bundle file, built from diary objects (no file or database access here).

Stored amounts are written exactly; derived nutrient amounts are rounded to one
decimal more than the app shows, because import recomputes them anyway. The
entry logs are built from the storage layer's bulk tuples (dates and times as
stored text), because ten years of diary is a million cells.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence, Set

from tracker.domain.entries import DayFactors, Episode, Profile, SupplementProduct
from tracker.domain.foods import Food
from tracker.domain.nutrients import NUTRIENTS, SUPPLEMENT_NUTRIENTS, nutrient
from tracker.services.transfer.bundle_csv import Cell, cell, identifier, number, rounded
from tracker.services.transfer.bundle_format import target_unit

Rows = list[Sequence[Cell]]
# No entry came from another app.
_NONE: Mapping[str, str] = {}
FoodRow = tuple[str, str, str, str, float, float, str]


def clock(time: dt.time) -> str:
    return time.strftime("%H:%M")


def _derived(key: str, value: float | None) -> str:
    return rounded(value, nutrient(key).decimals + 1)


def _factors(food: Food | None) -> list[tuple[float, str] | None]:
    """Per nutrient: (amount per gram, %-format with the decimals shown), None where unknown."""
    out: list[tuple[float, str] | None] = []
    for n in NUTRIENTS:
        per_100g = food.nutrients.get(n.key) if food else None
        out.append(None if per_100g is None else (per_100g / 100.0, f"%.{n.decimals + 1}f"))
    return out


def food_rows(rows: Iterable[FoodRow], foods: Mapping[str, Food],
              sources: Mapping[str, str] = _NONE) -> list[list[str]]:
    """food_log.csv's cells from stored (date, time, id, food_id, grams, amount, unit) tuples;
    ``sources`` says which entries came from another app.

    Cells come out final (see ``bundle_csv.cell``), and derived amounts keep
    their fixed decimals: this loop is most of a ten-year export.
    """
    per_food: dict[str, tuple[str, list[tuple[float, str] | None]]] = {}
    out: list[list[str]] = []
    for date, time, entry_id, food_id, grams, amount, unit in rows:
        known = per_food.get(food_id)
        if known is None:
            food = foods.get(food_id)
            known = per_food[food_id] = (cell(food.name if food else ""), _factors(food))
        name, factors = known
        out.append([date, time, cell(food_id), name, number(amount), cell(unit), number(grams),
                    *["" if f is None else f[1] % (f[0] * grams) for f in factors],
                    identifier(entry_id), cell(sources.get(entry_id, ""))])
    return out


def water_rows(rows: Iterable[tuple[str, str, str, float]],
               sources: Mapping[str, str] = _NONE) -> Rows:
    return [(date, time, volume, identifier(entry_id), sources.get(entry_id))
            for date, time, entry_id, volume in rows]


def caffeine_rows(rows: Iterable[tuple[str, str, str, float, str]],
                  sources: Mapping[str, str] = _NONE) -> Rows:
    return [(date, time, mg, label, identifier(entry_id), sources.get(entry_id))
            for date, time, entry_id, mg, label in rows]


def product_rows(products: Iterable[SupplementProduct]) -> Rows:
    return [(p.name, p.unit_label, *(p.per_unit.get(k) for k in SUPPLEMENT_NUTRIENTS),
             identifier(p.id)) for p in products]


def dose_rows(rows: Iterable[tuple[str, str, str, str, float]],
              products: Mapping[str, SupplementProduct],
              sources: Mapping[str, str] = _NONE) -> Rows:
    out: Rows = []
    for date, time, entry_id, product_id, units in rows:
        product = products.get(product_id)
        per_unit = product.per_unit if product else {}
        amounts = [_derived(k, per_unit[k] * units) if k in per_unit else ""
                   for k in SUPPLEMENT_NUTRIENTS]
        out.append((date, time, product.name if product else "", units,
                    product.unit_label if product else "", *amounts, identifier(product_id),
                    identifier(entry_id), sources.get(entry_id)))
    return out


def episode_rows(episodes: Iterable[Episode], sources: Mapping[str, str] = _NONE) -> Rows:
    return [(e.date.isoformat(), clock(e.time), e.kind, e.body_site, e.side, e.intensity,
             e.duration_s, e.notes, identifier(e.id), sources.get(e.id)) for e in episodes]


def factor_rows(factors: Iterable[DayFactors]) -> Rows:
    return [(f.date.isoformat(), f.sleep_hours, f.stress, f.exercise_min, f.complete, f.notes)
            for f in factors]


def custom_food_rows(foods: Iterable[Food], retired: Set[str] = frozenset()) -> Rows:
    """One row per stored version; ``retired`` ones are kept for the entries that use them."""
    return [(f.name, f.group, f.beverage, *(f.nutrients.get(n.key) for n in NUTRIENTS), f.id,
             f.id in retired) for f in foods]


def portion_rows(foods: Iterable[Food]) -> Rows:
    return [(f.id, p.amount, p.description, p.grams) for f in foods for p in f.portions]


def profile_rows(profile: Profile | None) -> Rows:
    if profile is None:
        return []
    return [(profile.sex, profile.birth_date.isoformat(), profile.life_stage,
             profile.reference_set)]


def target_rows(overrides: Mapping[str, float]) -> Rows:
    return [(key, overrides[key], target_unit(key)) for key in sorted(overrides)]
