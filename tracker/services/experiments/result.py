"""What a self-experiment shows: the plan's reach before it starts, status, and the result.

The dictionaries here are what ``experiment plan|status|result --json`` print;
their keys are a contract (add, never rename).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from tracker.domain.experiments import adherence, wording
from tracker.domain.experiments.adherence import BlockTally, DayRecord, tally
from tracker.domain.experiments.comparison import (
    compare_intensity,
    compare_rates,
    pairs_completed,
    verdict,
)
from tracker.domain.experiments.plan import CAFFEINE_LIMIT, DRINKS_MIN, TrialPlan
from tracker.domain.experiments.randomisation import can_reach, min_possible_p
from tracker.domain.experiments.schedule import OFF, ON, blocks, randomise
from tracker.domain.experiments.trial import ABANDONED, STOPPED, Trial
from tracker.services.context import Context
from tracker.services.experiments import trials as service
from tracker.storage import experiments as repo

# The person's own rates come from up to this many days before the plan starts.
BASIS_DAYS = 90
MIN_BASIS_DAYS = 14
# Without enough diary yet: about one episode a day, most days logged, some overdispersion.
DEFAULT_BASIS = (1.0, 0.85, 2.0)


def _round(value: float | None, digits: int = 3) -> float | None:
    return None if value is None else round(value, digits)


def day_records(ctx: Context, plan: TrialPlan, first: dt.date,
                last: dt.date) -> dict[dt.date, DayRecord]:
    """What the trial reads from each day ``first`` .. ``last``."""
    if last < first:
        return {}
    conn = ctx.diary.conn
    active = repo.active_dates(conn, first, last)
    episodes = repo.episodes_by_day(conn, first, last)
    doses = (repo.dose_units_by_day(conn, plan.product_id, first, last)
             if plan.product_id else {})
    amounts: list[tuple[float, float]] = []
    if plan.kind in (CAFFEINE_LIMIT, DRINKS_MIN):
        from tracker.services.totals import caffeine_and_drinks

        amounts = caffeine_and_drinks(ctx, first, last)
    out = {}
    for i in range((last - first).days + 1):
        day = first + dt.timedelta(days=i)
        count, cramps, intensity = episodes.get(day, (0, 0, 0))
        caffeine, drinks = amounts[i] if amounts else (None, None)
        out[day] = DayRecord(day, day in active, count, cramps, intensity, doses.get(day, 0.0),
                             caffeine, drinks)
    return out


def basis(ctx: Context, before: dt.date) -> Any:
    """The person's episode rate, logging share and overdispersion before ``before``."""
    from tracker.analysis.experiment_power import Basis

    first = before - dt.timedelta(days=BASIS_DAYS)
    span = repo.active_dates(ctx.diary.conn, first, before - dt.timedelta(days=1))
    if len(span) < MIN_BASIS_DAYS:
        return Basis(*DEFAULT_BASIS, days=0)
    days_seen = (before - min(span)).days
    episodes = repo.episodes_by_day(ctx.diary.conn, first, before - dt.timedelta(days=1))
    counts = [episodes.get(day, (0, 0, 0))[0] for day in span]
    mean = sum(counts) / len(counts)
    variance = sum((c - mean) ** 2 for c in counts) / max(len(counts) - 1, 1)
    dispersion = mean**2 / (variance - mean) if variance > mean else None
    return Basis(mean, len(span) / days_seen, dispersion, days=days_seen)


def plan_summary(ctx: Context, plan: TrialPlan) -> dict[str, Any]:
    """``experiment plan --json``: the blocks, what the test can reach and detect."""
    from tracker.analysis.experiment_power import detectable_rate_ratio

    service.check(ctx, plan)
    phases = randomise(plan.pairs, plan.seed)
    person = basis(ctx, plan.start)
    dose = service.dose_check(ctx, plan)
    product = service.product_of(ctx, plan)
    return {
        "blocks": [{"start": b.start.isoformat(), "end": b.end.isoformat(), "phase": b.phase}
                   for b in blocks(plan, phases)],
        "min_possible_p": float(min_possible_p(plan.pairs)),
        "detectable_rate_ratio": detectable_rate_ratio(plan.pairs, plan.counted_days_per_block,
                                                       person),
        "days": plan.days,
        "kind": plan.kind,
        "what": wording.describe(plan, product),
        "start": plan.start.isoformat(),
        "end": plan.end.isoformat(),
        "weeks": plan.weeks,
        "pairs": plan.pairs,
        "block_days": plan.block_days,
        "washin_days": plan.washin_days,
        "outcome": plan.outcome,
        "seed": plan.seed,
        "can_reach_p_0_05": can_reach(plan.pairs),
        "note": wording.reach_note(plan.pairs),
        "power_basis": {"episodes_per_day": round(person.episodes_per_day, 3),
                        "logged_share": round(person.logged_share, 3),
                        "dispersion": _round(person.dispersion),
                        "diary_days": person.days},
        "upper_limit": None if dose is None else {
            "magnesium_mg_per_day": dose.magnesium_mg, "upper_limit_mg": dose.upper_limit_mg,
            "exceeds": dose.exceeds, "message": dose.message() if dose.exceeds else ""},
    }


def tallies(ctx: Context, trial: Trial, today: dt.date
            ) -> tuple[list[BlockTally], dict[dt.date, DayRecord]]:
    """Every begun block counted up to the trial's last readable day, and the days read."""
    last = trial.last_day(today)
    records = day_records(ctx, trial.plan, trial.plan.start, last)
    return tally(trial.plan, trial.phases, records, last), records


def status(ctx: Context, today: dt.date) -> dict[str, Any]:
    """``experiment status --json``: the current trial, today's phase, adherence so far."""
    trial = service.current(ctx, today)
    if trial is None:
        return {"id": None, "status": None, "message": "No self-experiment is running."}
    product = service.product_of(ctx, trial.plan)
    phase = trial.phase_on(today)
    counted, _ = tallies(ctx, trial, today)
    known = sum(t.adherent + t.non_adherent for t in counted)
    adherent = sum(t.adherent for t in counted)
    return {
        "id": trial.id,
        "status": trial.status_on(today),
        "what": wording.describe(trial.plan, product),
        "today": today.isoformat(),
        "phase": phase.phase if phase else None,
        "washin": phase.washin if phase else None,
        "week": phase.week if phase else None,
        "weeks": trial.plan.weeks,
        "banner": service.banner(ctx, today),
        "start": trial.plan.start.isoformat(),
        "end": trial.plan.end.isoformat(),
        "adherence": {"adherent_days": adherent, "non_adherent_days": known - adherent,
                      "not_logged_days": sum(t.not_logged for t in counted),
                      "share": _round(adherent / known if known else None)},
        "low_adherence_blocks": [t.block.index + 1 for t in counted if t.low_adherence],
    }


def _block_rows(counted: list[BlockTally]) -> list[dict[str, Any]]:
    return [{"block": t.block.index + 1, "phase": t.block.phase,
             "start": t.block.start.isoformat(), "end": t.block.end.isoformat(),
             "complete": t.complete, "adherent_days": t.adherent,
             "non_adherent_days": t.non_adherent, "not_logged_days": t.not_logged,
             "adherence": _round(t.adherence), "low_adherence": t.low_adherence,
             "counted_days": t.counted_days, "events": t.events}
            for t in counted]


def result(ctx: Context, trial_id: str | None, today: dt.date) -> dict[str, Any]:
    """``experiment result --json``: ITT by schedule, per protocol beside it, the verdict."""
    from tracker.analysis.experiment_model import rate_ratio_ci

    trial = service.get(ctx, trial_id)
    if trial.status == ABANDONED:
        raise _abandoned(trial)
    counted, records = tallies(ctx, trial, today)
    pairs = trial.plan.pairs
    itt = compare_rates(counted, pairs)
    per_protocol = compare_rates(counted, pairs, days=lambda t: t.pp_days,
                                 events=lambda t: t.pp_events)
    answer = verdict(itt)
    product = service.product_of(ctx, trial.plan)
    caveats = list(wording.CAVEATS)
    if trial.status == STOPPED:
        caveats.insert(0, wording.STOPPED_CAVEAT)
    low = [t.block.index + 1 for t in counted if t.low_adherence]
    return {
        "id": trial.id,
        "status": trial.status_on(today),
        "pairs_completed": pairs_completed(counted),
        "episodes_per_day_on": _round(itt.rate_on),
        "episodes_per_day_off": _round(itt.rate_off),
        "rate_ratio": _round(itt.rate_ratio),
        "ci95": rate_ratio_ci(itt.rate_ratio, itt.log_rates, itt.on, itt.events_on,
                              itt.events_off),
        "p_value": _round(itt.p_value, 6),
        "min_possible_p": itt.min_possible_p,
        "adherence_on": _round(adherence.share(counted, ON)),
        "adherence_off": _round(adherence.share(counted, OFF)),
        "days_on": itt.days_on,
        "days_off": itt.days_off,
        "verdict": answer,
        "what": wording.describe(trial.plan, product),
        "kind": trial.plan.kind,
        "outcome": trial.plan.outcome,
        "blocks_compared": len(itt.on),
        "pairs_planned": trial.plan.pairs,
        "message": wording.verdict_text(answer, wording.describe(trial.plan, product),
                                        itt.rate_ratio, itt.p_value),
        "per_protocol": {"episodes_per_day_on": _round(per_protocol.rate_on),
                         "episodes_per_day_off": _round(per_protocol.rate_off),
                         "rate_ratio": _round(per_protocol.rate_ratio),
                         "days_on": per_protocol.days_on, "days_off": per_protocol.days_off,
                         "p_value": _round(per_protocol.p_value, 6)},
        "low_adherence_blocks": low,
        "blocks": _block_rows(counted),
        "secondary": secondary(trial, counted, records),
        "caveats": caveats,
        "schedule": trial_schedule(trial),
        "seed": trial.plan.seed,
        "stopped_on": trial.stopped_on.isoformat() if trial.stopped_on else None,
    }


def secondary(trial: Trial, counted: list[BlockTally],
              records: dict[dt.date, DayRecord]) -> dict[str, Any]:
    """The count model over the same days, and cramps and intensity compared alike."""
    from tracker.analysis.experiment_model import secondary_model

    rows = []
    for t in counted:
        if not t.complete:
            continue
        for day in t.block.days():
            record = records.get(day)
            if day >= t.block.counted_from and record is not None and record.logged:
                outcome = record.cramps if trial.plan.outcome == "cramps" else record.episodes
                rows.append((t.block.index, (day - trial.plan.start).days,
                             int(t.block.phase == ON), outcome))
    pairs = trial.plan.pairs
    cramps = compare_rates(counted, pairs, events=lambda t: t.cramps)
    intensity = compare_intensity(counted, pairs)
    return {
        "count_model": secondary_model(rows),
        "cramps": {"per_day_on": _round(cramps.rate_on), "per_day_off": _round(cramps.rate_off),
                   "rate_ratio": _round(cramps.rate_ratio),
                   "p_value": _round(cramps.p_value, 6)},
        "intensity": {"mean_on": _round(intensity.mean_on, 2),
                      "mean_off": _round(intensity.mean_off, 2),
                      "blocks": intensity.blocks, "p_value": _round(intensity.p_value, 6)},
        "note": "Secondary analyses: not corrected for multiple comparisons; the verdict "
                "rests on the primary test only.",
    }


def trial_schedule(trial: Trial) -> list[dict[str, str]]:
    return [{"start": b.start.isoformat(), "end": b.end.isoformat(), "phase": b.phase}
            for b in trial.blocks()]


def _abandoned(trial: Trial) -> Exception:
    from tracker.domain.errors import UserError

    return UserError(f"The self-experiment {trial.id} was abandoned; it is kept in the "
                     "history but not analysed.", "id")


def list_rows(ctx: Context, today: dt.date) -> list[dict[str, Any]]:
    """``experiment list --json``: every trial, oldest first."""
    out = []
    for trial in service.trials(ctx):
        product = service.product_of(ctx, trial.plan)
        out.append({"id": trial.id, "kind": trial.plan.kind,
                    "what": wording.describe(trial.plan, product),
                    "start": trial.plan.start.isoformat(), "end": trial.plan.end.isoformat(),
                    "status": trial.status_on(today), "pairs": trial.plan.pairs,
                    "block_days": trial.plan.block_days, "washin_days": trial.plan.washin_days,
                    "seed": trial.plan.seed,
                    "stopped_on": trial.stopped_on.isoformat() if trial.stopped_on else None})
    return out
