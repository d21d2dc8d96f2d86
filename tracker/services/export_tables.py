"""Rows of each bundle file, built from diary objects (no file or database access here).

Stored amounts are written exactly; derived nutrient amounts are rounded to one
decimal more than the app shows, because import recomputes them anyway.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence

from tracker.domain.entries import (
    CaffeineEntry,
    DayFactors,
    Episode,
    FoodEntry,
    Profile,
    SupplementDose,
    SupplementProduct,
    WaterEntry,
)
from tracker.domain.foods import Food
from tracker.domain.nutrients import NUTRIENTS, SUPPLEMENT_NUTRIENTS, nutrient
from tracker.services.bundle_csv import Cell, rounded
from tracker.services.bundle_format import target_unit

Rows = list[Sequence[Cell]]


def clock(time: dt.time) -> str:
    return time.strftime("%H:%M")


def _derived(key: str, value: float | None) -> str:
    return rounded(value, nutrient(key).decimals + 1)


def food_rows(entries: Iterable[FoodEntry], foods: Mapping[str, Food]) -> Rows:
    rows: Rows = []
    for e in entries:
        food = foods.get(e.food_id)
        amounts = [_derived(n.key, food.per_grams(n.key, e.grams) if food else None)
                   for n in NUTRIENTS]
        rows.append((e.date.isoformat(), clock(e.time), e.food_id, food.name if food else "",
                     e.amount, e.unit, e.grams, *amounts, e.id))
    return rows


def water_rows(entries: Iterable[WaterEntry]) -> Rows:
    return [(e.date.isoformat(), clock(e.time), e.volume_ml, e.id) for e in entries]


def caffeine_rows(entries: Iterable[CaffeineEntry]) -> Rows:
    return [(e.date.isoformat(), clock(e.time), e.caffeine_mg, e.label, e.id) for e in entries]


def product_rows(products: Iterable[SupplementProduct]) -> Rows:
    return [(p.name, p.unit_label, *(p.per_unit.get(k) for k in SUPPLEMENT_NUTRIENTS), p.id)
            for p in products]


def dose_rows(doses: Iterable[SupplementDose],
              products: Mapping[str, SupplementProduct]) -> Rows:
    rows: Rows = []
    for d in doses:
        product = products.get(d.product_id)
        per_unit = product.per_unit if product else {}
        amounts = [_derived(k, per_unit[k] * d.units) if k in per_unit else ""
                   for k in SUPPLEMENT_NUTRIENTS]
        rows.append((d.date.isoformat(), clock(d.time), product.name if product else "",
                     d.units, product.unit_label if product else "", *amounts, d.product_id,
                     d.id))
    return rows


def episode_rows(episodes: Iterable[Episode]) -> Rows:
    return [(e.date.isoformat(), clock(e.time), e.kind, e.body_site, e.side, e.intensity,
             e.duration_s, e.notes, e.id) for e in episodes]


def factor_rows(factors: Iterable[DayFactors]) -> Rows:
    return [(f.date.isoformat(), f.sleep_hours, f.stress, f.exercise_min, f.complete, f.notes)
            for f in factors]


def custom_food_rows(foods: Iterable[Food]) -> Rows:
    return [(f.name, f.group, f.beverage, *(f.nutrients.get(n.key) for n in NUTRIENTS), f.id)
            for f in foods]


def portion_rows(foods: Iterable[Food]) -> Rows:
    return [(f.id, p.amount, p.description, p.grams) for f in foods for p in f.portions]


def profile_rows(profile: Profile | None) -> Rows:
    if profile is None:
        return []
    return [(profile.sex, profile.birth_date.isoformat(), profile.life_stage)]


def target_rows(overrides: Mapping[str, float]) -> Rows:
    return [(key, overrides[key], target_unit(key)) for key in sorted(overrides)]
