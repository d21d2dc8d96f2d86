"""Self-experiments in the diary, and the per-day facts a trial's analysis reads.

The trial modules load where a trial is read or written, not with this module:
every start asks ``any_trial`` before the day view paints, and most diaries hold none.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from tracker.domain.experiments.trial import Trial

_COLUMNS = ("id", "kind", "product_id", "units", "limit_mg", "min_ml", "outcome", "block_days",
            "pairs", "washin_days", "start_date", "seed", "schedule", "status", "stopped_on",
            "created_at")


def any_trial(conn: sqlite3.Connection) -> bool:
    """Whether the diary holds a self-experiment at all."""
    return bool(conn.execute("SELECT EXISTS (SELECT 1 FROM experiment)").fetchone()[0])


def _row(trial: Trial) -> tuple[object, ...]:
    from tracker.domain.experiments.schedule import schedule_text

    plan = trial.plan
    return (trial.id, plan.kind, plan.product_id, plan.units, plan.limit_mg, plan.min_ml,
            plan.outcome, plan.block_days, plan.pairs, plan.washin_days, plan.start.isoformat(),
            plan.seed, schedule_text(trial.phases), trial.status,
            trial.stopped_on.isoformat() if trial.stopped_on else None,
            trial.created_at.isoformat(timespec="seconds"))


def _trial(row: tuple) -> Trial:
    from tracker.domain.experiments.plan import TrialPlan
    from tracker.domain.experiments.schedule import parse_schedule
    from tracker.domain.experiments.trial import Trial

    (trial_id, kind, product_id, units, limit_mg, min_ml, outcome, block_days, pairs,
     washin_days, start, seed, schedule, status, stopped_on, created_at) = row
    plan = TrialPlan(kind, block_days, pairs, washin_days, dt.date.fromisoformat(start), seed,
                     product_id, units, limit_mg, min_ml, outcome)
    return Trial(plan, parse_schedule(schedule, pairs), status,
                 dt.date.fromisoformat(stopped_on) if stopped_on else None,
                 dt.datetime.fromisoformat(created_at), trial_id)


def insert(conn: sqlite3.Connection, trial: Trial) -> bool:
    """Store ``trial``; False when a trial with its id is already there.

    A second running trial violates the partial unique index and raises
    sqlite3.IntegrityError; the service checks first and words the refusal.
    """
    marks = ", ".join("?" for _ in _COLUMNS)
    cur = conn.execute(f"INSERT INTO experiment ({', '.join(_COLUMNS)}) VALUES ({marks}) "
                       "ON CONFLICT(id) DO NOTHING", _row(trial))
    return cur.rowcount == 1


def set_status(conn: sqlite3.Connection, trial_id: str, status: str,
               stopped_on: dt.date | None) -> bool:
    cur = conn.execute("UPDATE experiment SET status = ?, stopped_on = ? WHERE id = ?",
                       (status, stopped_on.isoformat() if stopped_on else None, trial_id))
    return cur.rowcount == 1


def _select(conn: sqlite3.Connection, where: str = "", args: tuple = ()) -> list[Trial]:
    rows = conn.execute(f"SELECT {', '.join(_COLUMNS)} FROM experiment {where} "
                        "ORDER BY start_date, created_at, id", args).fetchall()
    return [_trial(row) for row in rows]


def all_trials(conn: sqlite3.Connection) -> list[Trial]:
    """Every trial, oldest start first."""
    return _select(conn)


def by_id(conn: sqlite3.Connection, trial_id: str) -> Trial | None:
    found = _select(conn, "WHERE id = ?", (trial_id,))
    return found[0] if found else None


def running(conn: sqlite3.Connection) -> Trial | None:
    """The trial stored as running (it may be past its last day: see ``Trial.status_on``)."""
    from tracker.domain.experiments.trial import RUNNING

    found = _select(conn, "WHERE status = ?", (RUNNING,))
    return found[0] if found else None


def uses_product(conn: sqlite3.Connection, product_id: str) -> int:
    return int(conn.execute("SELECT count(*) FROM experiment WHERE product_id = ?",
                            (product_id,)).fetchone()[0])


_ACTIVE_TABLES = ("food_entry", "water_entry", "caffeine_entry", "supplement_dose", "episode",
                  "day_factors")


def active_dates(conn: sqlite3.Connection, first: dt.date, last: dt.date) -> set[dt.date]:
    """Days with anything logged: an entry of any kind, or the day's notes and factors."""
    union = " UNION ".join(f"SELECT date FROM {table} WHERE date BETWEEN ?1 AND ?2"
                           for table in _ACTIVE_TABLES)
    rows = conn.execute(union, (first.isoformat(), last.isoformat())).fetchall()
    return {dt.date.fromisoformat(r[0]) for r in rows}


def episodes_by_day(conn: sqlite3.Connection, first: dt.date, last: dt.date
                    ) -> dict[dt.date, tuple[int, int, int]]:
    """Per day: (episodes, cramps, sum of intensities)."""
    rows = conn.execute(
        "SELECT date, count(*), sum(kind = 'cramp'), sum(intensity) FROM episode "
        "WHERE date BETWEEN ? AND ? GROUP BY date", (first.isoformat(), last.isoformat()))
    return {dt.date.fromisoformat(d): (int(n), int(c), int(s)) for d, n, c, s in rows}


def dose_units_by_day(conn: sqlite3.Connection, product_id: str, first: dt.date,
                      last: dt.date) -> dict[dt.date, float]:
    rows = conn.execute(
        "SELECT date, sum(units) FROM supplement_dose WHERE product_id = ? "
        "AND date BETWEEN ? AND ? GROUP BY date",
        (product_id, first.isoformat(), last.isoformat()))
    return {dt.date.fromisoformat(d): float(u) for d, u in rows}


def first_episode_on_or_after(conn: sqlite3.Connection, day: dt.date) -> dt.date | None:
    row = conn.execute("SELECT min(date) FROM episode WHERE date >= ?",
                       (day.isoformat(),)).fetchone()
    return dt.date.fromisoformat(row[0]) if row and row[0] else None


def delete(conn: sqlite3.Connection, trial_id: str) -> bool:
    """Remove a trial (an import being undone); its diary entries stay."""
    return conn.execute("DELETE FROM experiment WHERE id = ?", (trial_id,)).rowcount == 1
