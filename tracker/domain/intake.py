"""A period's intake as plain rows, the shape the totals read years of diary in.

Building an entry object per row would cost more than the arithmetic, so
storage hands the totals tuples in diary order; dates are ISO text as stored.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class IntakeRows:
    """Every intake row of a period, one list of tuples per entry kind."""

    foods: list[tuple[str, str, str, str, float, float, str]]
    """(date, time, id, food_id, grams, amount, unit)"""
    water: list[tuple[str, str, str, float]]
    """(date, time, id, volume_ml)"""
    caffeine: list[tuple[str, str, str, float, str]]
    """(date, time, id, caffeine_mg, label)"""
    doses: list[tuple[str, str, str, str, float]]
    """(date, time, id, product_id, units)"""
    episodes: list[tuple[str, int]]
    """(date, number of episodes that day)"""
    complete: list[str]
    """dates marked complete"""
    factors: list[tuple[str, float | None, int | None, int | None]] = field(
        default_factory=list)
    """(date, sleep_hours, stress, exercise_min) of days with any of them given"""
