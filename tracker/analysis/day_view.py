"""Turn the intake arrays of a day or a week into the plain summaries the faces show.

Uses numpy only (no pandas), so redrawing the day after an edit stays quick.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Mapping, Sequence

import numpy as np

from tracker.analysis.intake import COL, ML_PER_G_WATER, PeriodIntake
from tracker.domain.entries import SupplementProduct
from tracker.domain.foods import Food
from tracker.domain.reference import Target
from tracker.domain.summary import (
    SHOWN,
    Contribution,
    DaySummary,
    NutrientDay,
    NutrientWeek,
    WeekSummary,
    intake_state,
)

TOP_ENTRIES = 5
_WATER_KEYS = ("drinks", "water_total")


def _num(value: float) -> float | None:
    return None if math.isnan(value) else float(value)


def _percent(amount: float | None, reference: float | None) -> float | None:
    if amount is None or not reference:
        return None
    return 100.0 * amount / reference


class _DayEntries:
    """The entries of one day out of a period, with labels for lists."""

    def __init__(self, period: PeriodIntake, index: int, foods: Mapping[str, Food],
                 products: Mapping[str, SupplementProduct]) -> None:
        rows = period.rows
        self.food = np.flatnonzero(period.food_day == index)
        self.dose = np.flatnonzero(period.dose_day == index)
        self.caffeine = np.flatnonzero(period.caffeine_day == index)
        self.water = np.flatnonzero(period.water_day == index)
        self.period = period
        self.food_names: list[str] = []
        self.food_labels: list[str] = []
        for i in self.food:
            _, _, _, food_id, grams, amount, unit = rows.foods[i]
            food = foods.get(food_id)
            name = food.name if food else f"Unknown food ({food_id})"
            size = f"{grams:g} g" if unit == "g" else f"{amount:g} {unit}"
            self.food_names.append(name)
            self.food_labels.append(f"{name} — {size}")
        self.dose_labels: list[str] = []
        for i in self.dose:
            product = products.get(rows.doses[i][3])
            name = product.name if product else "Unknown supplement"
            unit_label = product.unit_label if product else "unit"
            self.dose_labels.append(f"{name} — {rows.doses[i][4]:g} {unit_label}")

    def contributions(self, key: str) -> list[Contribution]:
        """Every entry that adds to ``key`` this day, largest first."""
        rows, period = self.period.rows, self.period
        found: list[Contribution] = []
        column = COL["water"] if key in _WATER_KEYS else COL.get(key)
        for label, i in zip(self.food_labels, self.food, strict=True):
            if key == "drinks" and not period.food_beverage[i]:
                continue
            value = period.food_contrib[i, column] if column is not None else math.nan
            if key in _WATER_KEYS:
                value *= ML_PER_G_WATER
            if not math.isnan(value) and value > 0:
                found.append(Contribution(label, float(value), "food", rows.foods[i][2]))
        if key in _WATER_KEYS:
            for i in self.water:
                found.append(Contribution(f"Water — {rows.water[i][3]:g} ml",
                                          float(rows.water[i][3]), "water", rows.water[i][2]))
        elif column is not None:
            for label, i in zip(self.dose_labels, self.dose, strict=True):
                value = float(period.dose_contrib[i, column])
                if value > 0:
                    found.append(Contribution(label, value, "supplement", rows.doses[i][2]))
        if key == "caffeine":
            for i in self.caffeine:
                _, _, entry_id, mg, label = rows.caffeine[i]
                found.append(Contribution(label or "Caffeine", float(mg), "caffeine", entry_id))
        found.sort(key=lambda c: -c.amount)
        return found

    def missing_foods(self, key: str) -> tuple[str, ...]:
        """Names of the day's foods without a value for ``key``, each once; a recipe
        missing it for some ingredients is named "(partly)"."""
        column = COL["water"] if key in _WATER_KEYS else COL.get(key)
        if column is None:
            return ()
        names: dict[str, None] = {}
        for name, i in zip(self.food_names, self.food, strict=True):
            if key == "drinks" and not self.period.food_beverage[i]:
                continue
            if math.isnan(self.period.food_contrib[i, column]):
                names[name] = None
            elif self.period.food_known[i, column] < 1.0:
                names[f"{name} (partly)"] = None
        return tuple(names)

    def drinks_known_fraction(self) -> float | None:
        period = self.period
        beverages = [i for i in self.food if period.food_beverage[i]]
        grams = float(sum(period.food_grams[i] for i in beverages))
        if grams <= 0:
            return None
        known = sum(period.food_grams[i] * period.food_known[i, COL["water"]]
                    for i in beverages)
        return float(known) / grams


def day_amounts(period: PeriodIntake, key: str) -> tuple[np.ndarray, ...]:
    """Total, food part, supplement part and known lower bound of ``key``, per day."""
    if key == "drinks":
        # Beverage water already sums the known values only.
        return period.drinks_ml, period.drinks_ml, np.zeros(period.n_days), period.drinks_ml
    if key == "water_total":
        known = (period.day_water_logged
                 + np.nan_to_num(period.day_from_food[:, COL["water"]]) * ML_PER_G_WATER)
        water = period.water_total_ml
        return water, water, np.zeros(period.n_days), known
    return (period.total(key), period.from_food(key), period.from_supplements(key),
            period.known_part(key))


def limited_amount(known: float, supplements: float, target: Target | None) -> float | None:
    """The intake a ceiling counts: supplements only where the table says so.

    ``known`` is the total of what has values; with some food unknown it is a
    lower bound, and a lower bound over a ceiling is over it.
    """
    if target is None or target.upper_limit is None:
        return None
    return supplements if target.applies_to == "supplements" else known


def summarise_day(period: PeriodIntake, index: int, targets: Mapping[str, Target],
                  foods: Mapping[str, Food], products: Mapping[str, SupplementProduct],
                  notice: str | None = None, reference_set: str | None = None) -> DaySummary:
    """The summary of day ``index`` of ``period`` against ``targets``."""
    entries = _DayEntries(period, index, foods, products)
    nutrients: dict[str, NutrientDay] = {}
    for key, label, unit in SHOWN:
        totals, food_part, supplement_part, known_part = day_amounts(period, key)
        amount, food = _num(totals[index]), _num(food_part[index])
        supplements = float(supplement_part[index])
        target = targets.get(key)
        limited = limited_amount(float(known_part[index]), supplements, target)
        goal = target.target if target else None
        ceiling = target.upper_limit if target else None
        if key == "drinks":
            known = entries.drinks_known_fraction()
        else:
            known = _num(period.known_fraction("water" if key == "water_total" else key)[index])
        nutrients[key] = NutrientDay(
            key=key, label=label, unit=unit, amount=amount, from_food=food,
            from_supplements=supplements, target=goal,
            target_kind=target.target_kind if target else None,
            upper_limit=ceiling, upper_limit_kind=target.upper_limit_kind if target else None,
            upper_limit_applies_to=target.applies_to if ceiling is not None and target else None,
            percent_of_target=_percent(amount, goal),
            percent_of_upper_limit=_percent(limited, ceiling),
            state=intake_state(amount, goal, limited, ceiling), known_fraction=known,
            missing_foods=entries.missing_foods(key),
            top_entries=tuple(entries.contributions(key)[:TOP_ENTRIES]),
            source=target.source if target else "",
            upper_limit_source=target.upper_limit_source if target else "",
            note=target.note if target else "",
            upper_limit_note=target.upper_limit_note if target else "")
    return DaySummary(
        date=period.first + dt.timedelta(days=index),
        complete=bool(period.day_complete[index]), logged=bool(period.logged[index]),
        food_grams=float(period.day_food_grams[index]), nutrients=nutrients, notice=notice,
        reference_set=reference_set)


def _mean(values: list[float]) -> float | None:
    return sum(values) / len(values) if values else None


def summarise_week(period: PeriodIntake, targets_by_day: Sequence[Mapping[str, Target]]
                   ) -> WeekSummary:
    """Means over the logged days of ``period`` whose amount is known (never 0 for unknown)."""
    logged = period.logged
    out: dict[str, NutrientWeek] = {}
    for key, label, unit in SHOWN:
        totals = day_amounts(period, key)[0]
        amounts, percents = [], []
        for day in np.flatnonzero(logged).tolist():
            amount = _num(totals[day])
            if amount is None:
                continue
            target = targets_by_day[day].get(key)
            amounts.append(amount)
            if target and target.target:
                percents.append(100.0 * amount / target.target)
        out[key] = NutrientWeek(
            key=key, label=label, unit=unit, mean_amount=_mean(amounts),
            mean_percent_of_target=_mean(percents), days_with_data=len(amounts))
    last = period.first + dt.timedelta(days=period.n_days - 1)
    return WeekSummary(first=period.first, last=last, logged_days=int(logged.sum()),
                       nutrients=out)
