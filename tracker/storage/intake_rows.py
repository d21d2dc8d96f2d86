"""Bulk reads of a period's intake for the totals, as plain rows in diary order."""

from __future__ import annotations

import datetime as dt
import sqlite3

from tracker.domain.intake import IntakeRows


def _between(first: dt.date, last: dt.date) -> tuple[str, str]:
    return first.isoformat(), last.isoformat()


def intake_rows(conn: sqlite3.Connection, first: dt.date, last: dt.date,
                detail: bool = True) -> IntakeRows:
    """All intake rows dated ``first`` to ``last`` inclusive, read in one go.

    With ``detail`` False the fields only a list of entries needs (time, id,
    amount, unit, label) come back empty, which halves the cost of reading
    years of diary for the totals.
    """
    span = _between(first, last)
    order = "WHERE date BETWEEN ? AND ? ORDER BY date, time, rowid"
    food, water, caffeine, dose = (
        ("time, id, food_id, grams, amount, unit", "time, id, volume_ml",
         "time, id, caffeine_mg, label", "time, id, product_id, units") if detail else
        ("'', '', food_id, grams, 0.0, ''", "'', '', volume_ml", "'', '', caffeine_mg, ''",
         "'', '', product_id, units"))
    return IntakeRows(
        foods=conn.execute(f"SELECT date, {food} FROM food_entry {order}", span).fetchall(),
        water=conn.execute(f"SELECT date, {water} FROM water_entry {order}", span).fetchall(),
        caffeine=conn.execute(f"SELECT date, {caffeine} FROM caffeine_entry {order}",
                              span).fetchall(),
        doses=conn.execute(f"SELECT date, {dose} FROM supplement_dose {order}",
                           span).fetchall(),
        episodes=conn.execute(
            "SELECT date, count(*) FROM episode WHERE date BETWEEN ? AND ? "
            "GROUP BY date ORDER BY date", span).fetchall(),
        complete=[row[0] for row in conn.execute(
            "SELECT date FROM day_factors WHERE complete = 1 AND date BETWEEN ? AND ? "
            "ORDER BY date", span)],
        factors=conn.execute(
            "SELECT date, sleep_hours, stress, exercise_min FROM day_factors "
            "WHERE date BETWEEN ? AND ? AND (sleep_hours IS NOT NULL OR stress IS NOT NULL "
            "OR exercise_min IS NOT NULL) ORDER BY date", span).fetchall(),
    )
