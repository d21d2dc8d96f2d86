"""The one place intake is added up: per entry, per source and per day, with numpy.

Both the single day on screen and years of diary go through ``period_intake``,
so a day's total in the day view and in the analysis are the same arithmetic.

Unknown values: a food's ``None`` becomes NaN for that entry. A day's food
total sums the known values only, and ``known_grams`` records how much of the
day's food mass those came from (for a recipe whose ingredients are partly
unknown, the known share of the entry's weight). When food was logged but none of it has a
value for a nutrient, the food total is NaN (unknown), never 0. Supplements
count what their label declares; an undeclared nutrient is 0.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from operator import itemgetter
from typing import Any

import numpy as np

from tracker.domain.entries import SupplementProduct
from tracker.domain.foods import Food
from tracker.domain.intake import IntakeRows
from tracker.domain.nutrients import NUTRIENTS

KEYS: tuple[str, ...] = tuple(n.key for n in NUTRIENTS)
COL: dict[str, int] = {key: i for i, key in enumerate(KEYS)}
# A gram of water is taken as a millilitre.
ML_PER_G_WATER = 1.0


@dataclass(frozen=True)
class PeriodIntake:
    """Per-entry contributions and per-day sums for the days ``first`` .. ``first + n_days - 1``.

    Entry arrays are in diary order (date, time); ``*_day`` holds each
    entry's day index. Per-day arrays have one row per calendar day.
    """

    first: dt.date
    n_days: int
    rows: IntakeRows
    food_day: np.ndarray
    food_grams: np.ndarray
    food_contrib: np.ndarray  # [entries, KEYS], NaN where the food's value is unknown
    food_known: np.ndarray  # [entries, KEYS], share of the entry's weight with a known value
    food_beverage: np.ndarray
    dose_day: np.ndarray
    dose_contrib: np.ndarray  # [doses, KEYS]
    caffeine_day: np.ndarray
    water_day: np.ndarray
    day_food_grams: np.ndarray
    day_food_entries: np.ndarray
    day_known_grams: np.ndarray  # [days, KEYS]
    day_from_food: np.ndarray  # [days, KEYS], NaN where food was logged but none is known
    day_from_supplements: np.ndarray  # [days, KEYS]
    day_manual_caffeine: np.ndarray
    day_water_logged: np.ndarray
    day_beverage_water: np.ndarray
    day_episodes: np.ndarray
    day_complete: np.ndarray
    day_factors: np.ndarray  # [days, 3]: sleep hours, stress, exercise minutes; NaN if not given

    @property
    def logged(self) -> np.ndarray:
        """A day counts as logged when marked complete or when it has a food entry."""
        return self.day_complete | (self.day_food_entries > 0)

    def from_food(self, key: str) -> np.ndarray:
        """Food (and, for caffeine, hand-logged caffeine) per day; NaN when unknown."""
        food = self.day_from_food[:, COL[key]]
        return food + self.day_manual_caffeine if key == "caffeine" else food

    def from_supplements(self, key: str) -> np.ndarray:
        return self.day_from_supplements[:, COL[key]]

    def total(self, key: str) -> np.ndarray:
        return self.from_food(key) + self.from_supplements(key)

    def known_part(self, key: str) -> np.ndarray:
        """What is known of the total even when some food is unknown: a lower bound."""
        food = np.nan_to_num(self.day_from_food[:, COL[key]])
        if key == "caffeine":
            food = food + self.day_manual_caffeine
        return food + self.from_supplements(key)

    def known_fraction(self, key: str) -> np.ndarray:
        """Share of the day's food mass whose ``key`` value is known; NaN with no food."""
        with np.errstate(invalid="ignore", divide="ignore"):
            return np.where(self.day_food_grams > 0,
                            self.day_known_grams[:, COL[key]] / self.day_food_grams, np.nan)

    @property
    def water_total_ml(self) -> np.ndarray:
        """Drinking water plus the water in every food and drink logged."""
        return self.day_water_logged + self.day_from_food[:, COL["water"]] * ML_PER_G_WATER

    @property
    def drinks_ml(self) -> np.ndarray:
        """Drinking water plus the (known) water in logged beverages."""
        return self.day_water_logged + self.day_beverage_water


def _columns(rows: Sequence[tuple[Any, ...]], which: tuple[int, ...]) -> list[list[Any]]:
    """The fields ``which`` of ``rows``, one list per field."""
    return [list(map(itemgetter(i), rows)) for i in which]


def _day_index(dates: Sequence[str], first: dt.date) -> np.ndarray:
    if not dates:
        return np.zeros(0, dtype=np.int64)
    days = np.array(dates, dtype="datetime64[D]")
    return (days - np.datetime64(first.isoformat(), "D")).astype(np.int64)


def per_day(day: np.ndarray, values: np.ndarray, n_days: int) -> np.ndarray:
    """Sum ``values`` (1-D or rows of 2-D) by day index into ``n_days`` rows."""
    out = np.zeros((n_days, *values.shape[1:]))
    if len(day) == 0:
        return out
    if np.any(day[1:] < day[:-1]):
        order = np.argsort(day, kind="stable")
        day, values = day[order], values[order]
    starts = np.flatnonzero(np.r_[True, day[1:] != day[:-1]])
    out[day[starts]] = np.add.reduceat(values, starts, axis=0)
    return out


def _food_matrix(food_ids: Sequence[str], foods: Mapping[str, Food]
                 ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Per-100 g values (NaN unknown), the share of each value's weight that is known
    (below 1 for a recipe with some unknown ingredients) and the beverage flag, per entry."""
    codes: dict[str, int] = {}
    entry_codes = np.fromiter((codes.setdefault(fid, len(codes)) for fid in food_ids),
                              dtype=np.int64, count=len(food_ids))
    table = np.full((len(codes), len(KEYS)), np.nan)
    known = np.zeros((len(codes), len(KEYS)))
    beverage = np.zeros(len(codes), dtype=bool)
    for fid, code in codes.items():
        food = foods.get(fid)
        if food is None:
            continue  # a food no longer in the reference: every value unknown
        table[code] = [np.nan if food.nutrients.get(k) is None else food.nutrients[k]
                       for k in KEYS]
        known[code] = [food.known_fraction(k) for k in KEYS]
        beverage[code] = food.beverage
    return table[entry_codes], known[entry_codes], beverage[entry_codes]


def _dose_matrix(product_ids: Sequence[str],
                 products: Mapping[str, SupplementProduct]) -> np.ndarray:
    table = {pid: np.array([float(p.per_unit.get(k, 0.0)) for k in KEYS])
             for pid, p in products.items()}
    zero = np.zeros(len(KEYS))
    if not product_ids:
        return np.zeros((0, len(KEYS)))
    return np.vstack([table.get(pid, zero) for pid in product_ids])


def period_intake(rows: IntakeRows, foods: Mapping[str, Food],
                  products: Mapping[str, SupplementProduct], first: dt.date,
                  last: dt.date) -> PeriodIntake:
    """Add up ``rows`` (all dated ``first`` .. ``last``) per entry and per day."""
    n_days = (last - first).days + 1
    food_dates, food_ids, food_grams = _columns(rows.foods, (0, 3, 4))
    food_day = _day_index(food_dates, first)
    grams = np.asarray(food_grams, dtype=float)
    per100, known, beverage = _food_matrix(list(food_ids), foods)
    contrib = per100 * (grams / 100.0)[:, None]

    dose_dates, product_ids, units = _columns(rows.doses, (0, 3, 4))
    dose_day = _day_index(dose_dates, first)
    dose_contrib = (_dose_matrix(list(product_ids), products)
                    * np.asarray(units, dtype=float)[:, None])

    caffeine_dates, caffeine_mg = _columns(rows.caffeine, (0, 3))
    caffeine_day = _day_index(caffeine_dates, first)
    water_dates, water_ml = _columns(rows.water, (0, 3))
    water_day = _day_index(water_dates, first)

    day_grams = per_day(food_day, grams, n_days)
    day_known = per_day(food_day, known * grams[:, None], n_days)
    day_food = per_day(food_day, np.nan_to_num(contrib), n_days)
    day_food[(day_grams[:, None] > 0) & (day_known == 0)] = np.nan
    bev_water = np.where(beverage, np.nan_to_num(contrib[:, COL["water"]]), 0.0)

    episodes = np.zeros(n_days)
    if rows.episodes:
        episodes[_day_index([r[0] for r in rows.episodes], first)] = [r[1] for r in rows.episodes]
    complete = np.zeros(n_days, dtype=bool)
    complete[_day_index(rows.complete, first)] = True
    factors = np.full((n_days, 3), np.nan)
    if rows.factors:
        factors[_day_index([r[0] for r in rows.factors], first)] = np.array(
            [r[1:] for r in rows.factors], dtype=float)

    return PeriodIntake(
        first=first, n_days=n_days, rows=rows,
        food_day=food_day, food_grams=grams, food_contrib=contrib, food_known=known,
        food_beverage=beverage,
        dose_day=dose_day, dose_contrib=dose_contrib, caffeine_day=caffeine_day,
        water_day=water_day,
        day_food_grams=day_grams,
        day_food_entries=per_day(food_day, np.ones(len(food_day)), n_days).astype(np.int64),
        day_known_grams=day_known, day_from_food=day_food,
        day_from_supplements=per_day(dose_day, dose_contrib, n_days),
        day_manual_caffeine=per_day(caffeine_day, np.asarray(caffeine_mg, dtype=float), n_days),
        day_water_logged=per_day(water_day, np.asarray(water_ml, dtype=float), n_days),
        day_beverage_water=per_day(food_day, bev_water * ML_PER_G_WATER, n_days),
        day_episodes=episodes, day_complete=complete, day_factors=factors,
    )
