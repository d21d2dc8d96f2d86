"""experiments.csv: self-experiments written into a bundle and read back exactly.

The schedule is written as drawn ("on off off on …") beside its seed, and read
back as written, so an imported trial keeps its blocks even if the rule that
draws schedules from seeds ever changed.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import replace
from typing import TYPE_CHECKING

from tracker.domain.entries import SupplementProduct
from tracker.domain.experiments import wording
from tracker.domain.experiments.plan import MAX_SEED, STATUSES, TrialPlan, check_plan
from tracker.domain.experiments.schedule import parse_schedule, schedule_text
from tracker.domain.experiments.trial import FINISHED, RUNNING, Trial
from tracker.services.transfer import bundle_format as fmt
from tracker.services.transfer.bundle_csv import BundleFileError, Cell, Row, identifier, restore
from tracker.services.transfer.import_cells import Cells
from tracker.storage import experiments as repo
from tracker.storage.own_foods import supplements as supplement_repo

if TYPE_CHECKING:
    from sqlite3 import Connection

NAME = fmt.EXPERIMENTS.name


def experiment_rows(trials: Iterable[Trial],
                    products: Mapping[str, SupplementProduct]) -> list[list[Cell]]:
    rows: list[list[Cell]] = []
    for t in trials:
        plan = t.plan
        product = products.get(plan.product_id) if plan.product_id else None
        rows.append([identifier(t.id), plan.kind, wording.describe(plan, product),
                     identifier(plan.product_id) if plan.product_id else None,
                     product.name if product else None, plan.units, plan.limit_mg, plan.min_ml,
                     plan.outcome, plan.block_days, plan.pairs, plan.washin_days,
                     plan.start.isoformat(), plan.end.isoformat(), plan.seed,
                     schedule_text(t.phases), t.status,
                     t.stopped_on.isoformat() if t.stopped_on else None,
                     t.created_at.isoformat(timespec="seconds")])
    return rows


def _trial(c: Cells, product_ids: Mapping[str, str]) -> Trial:
    kind = c.required("kind")
    product_id = None
    if c.raw("product_id") or c.raw("product_name"):
        wanted = restore(c.raw("product_id")) or c.raw("product_name").casefold()
        product_id = product_ids.get(wanted)
        if product_id is None:
            raise c.fail(f"there is no supplement {wanted!r} in supplements.csv or in this "
                         "diary.", "product_id")
    seed = c.whole("seed", "The seed")
    if not 0 <= seed <= MAX_SEED:
        raise c.fail("the seed must be from 0 to 2^63 - 1.", "seed")
    plan = TrialPlan(kind, c.whole("block_days", "The block length"),
                     c.whole("pairs", "The number of pairs"),
                     c.whole("washin_days", "The wash-in days"), c.date("start_date"), seed,
                     product_id, c.optional_number("units", "The units"),
                     c.optional_number("limit_mg", "The caffeine limit"),
                     c.optional_number("min_ml", "The drinks minimum"),
                     c.raw("outcome") or "episodes")
    status = c.required("status")
    if status not in STATUSES:
        raise c.fail(f"the status is one of {', '.join(STATUSES)}.", "status")
    with c.checking():
        check_plan(plan)
        phases = parse_schedule(c.raw("schedule"), plan.pairs)
    created = c.raw("created_at")
    try:
        created_at = dt.datetime.fromisoformat(created) if created else dt.datetime(
            plan.start.year, plan.start.month, plan.start.day)
    except ValueError:
        raise c.fail(f"{created!r} is not a date and time.", "created_at") from None
    return Trial(plan, phases, status, c.date("stopped_on") if c.raw("stopped_on") else None,
                 created_at, c.checked_id("id", c.required("id")))


def parse(rows: Iterable[Row], product_ids: Mapping[str, str]) -> list[tuple[int, Trial]]:
    """Checked trials from experiments.csv; ``product_ids`` maps bundle ids and
    case-folded names to the product id the diary will hold."""
    found: list[tuple[int, Trial]] = []
    seen: dict[str, int] = {}
    running = None
    for row in rows:
        c = Cells(NAME, row)
        trial = _trial(c, product_ids)
        if trial.id in seen:
            raise c.fail(f"{trial.id} already appears on line {seen[trial.id]}.", "id")
        seen[trial.id] = row.line
        if trial.status == RUNNING:
            if running is not None:
                raise c.fail(f"a second running trial (the first is on line {running}).",
                             "status")
            running = row.line
        found.append((row.line, trial))
    return found


def check_against_diary(conn: Connection, trials: list[tuple[int, Trial]],
                        today: dt.date) -> None:
    """Refuse a trial running today while the diary runs another one today."""
    other = repo.running(conn)
    if other is None or other.status_on(today) != RUNNING:
        return
    for line, trial in trials:
        if trial.status_on(today) == RUNNING and other.id != trial.id:
            raise BundleFileError(NAME, line, "this diary already has a running "
                                  "self-experiment; stop it first, then import again.",
                                  "status")


def product_ids(conn: Connection, bundle_products: Iterable[SupplementProduct],
                aliases: Mapping[str, str]) -> dict[str, str]:
    """Every id and case-folded name a trial row may name, mapped to the diary's id."""
    out: dict[str, str] = {}
    for product in supplement_repo.all_products(conn):
        out[product.id] = product.id
        out[product.name.casefold()] = product.id
    for product in bundle_products:
        target = aliases.get(product.id, product.id)
        out[product.id] = target
        out[product.name.casefold()] = target
    return out


def apply(conn: Connection, trials: list[Trial], today: dt.date) -> list[bool]:
    """Insert each trial unless the diary has its id already; True where it was new.

    Only one trial is stored as running: one whose schedule is over by ``today``
    is recorded as finished (which it is) when another one is stored as running.
    """
    known = {t.id for t in repo.all_trials(conn)}
    kept = repo.running(conn)
    out = []
    for trial in trials:
        if trial.id in known:
            out.append(False)
            continue
        if trial.status == RUNNING and kept is not None:
            if kept.status_on(today) == RUNNING:
                trial = replace(trial, status=FINISHED)
            else:
                repo.set_status(conn, kept.id, FINISHED, None)
        if trial.status == RUNNING:
            kept = trial
        out.append(repo.insert(conn, trial))
    return out
