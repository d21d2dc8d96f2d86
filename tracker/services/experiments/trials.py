"""Use cases of self-experiments: plan, start, stop or abandon, and where one stands today.

Each write is one transaction. ``today`` is passed in by the caller (the
window's clock, the CLI's date) so that tests can place a trial in time.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace

from tracker.domain.entries import SupplementProduct
from tracker.domain.errors import UserError
from tracker.domain.experiments import plan as plans
from tracker.domain.experiments.plan import SUPPLEMENT, TrialPlan
from tracker.domain.experiments.schedule import randomise
from tracker.domain.experiments.trial import ABANDONED, FINISHED, RUNNING, STOPPED, Trial
from tracker.services.context import Context
from tracker.storage import experiments as repo
from tracker.storage.own_foods import supplements as supplement_repo


@dataclass(frozen=True)
class DoseCheck:
    """Magnesium from the planned daily dose against the person's upper limit."""

    magnesium_mg: float
    upper_limit_mg: float | None

    @property
    def exceeds(self) -> bool:
        return self.upper_limit_mg is not None and self.magnesium_mg > self.upper_limit_mg

    def message(self) -> str:
        return (f"{self.magnesium_mg:g} mg of magnesium a day from this supplement is above "
                f"the upper limit of {self.upper_limit_mg:g} mg a day for magnesium from "
                "supplements. Talk to a doctor before taking this much.")


def product_of(ctx: Context, plan: TrialPlan) -> SupplementProduct | None:
    if plan.product_id is None:
        return None
    return supplement_repo.product_by_id(ctx.diary.conn, plan.product_id)


def check(ctx: Context, plan: TrialPlan) -> TrialPlan:
    """The plan's rules, and that its product exists."""
    plans.check_plan(plan)
    if plan.kind == SUPPLEMENT and product_of(ctx, plan) is None:
        raise UserError("That supplement product does not exist.", "product")
    return plan


def dose_check(ctx: Context, plan: TrialPlan) -> DoseCheck | None:
    """For a supplement holding magnesium: the daily dose against the upper limit."""
    product = product_of(ctx, plan)
    if product is None or not product.per_unit.get("magnesium"):
        return None
    from tracker.services.totals import targets

    try:
        limit = targets(ctx, plan.start).get("magnesium")
        ceiling = limit.upper_limit if limit else None
    except UserError:  # no profile: the adult limit, the same for women and men
        from tracker.domain.entries import Profile
        from tracker.domain.reference import targets_for

        adult = Profile("female", dt.date(plan.start.year - 30, 1, 1))
        ceiling = targets_for(adult, plan.start, {})["magnesium"].upper_limit
    return DoseCheck(product.per_unit["magnesium"] * (plan.units or 0.0), ceiling)


def _refuse_overlap(ctx: Context, plan: TrialPlan, today: dt.date) -> None:
    for other in repo.all_trials(ctx.diary.conn):
        if other.status_on(today) == RUNNING:
            raise UserError("A self-experiment is already running (started "
                            f"{other.plan.start.isoformat()}); stop it before starting "
                            "another.", "start")
        if other.status != ABANDONED and other.plan.start <= plan.end \
                and plan.start <= other.span_end:
            raise UserError(f"This trial would overlap the one from {other.plan.start} to "
                            f"{other.span_end}; start it after {other.span_end}.", "start")


def start(ctx: Context, plan: TrialPlan, today: dt.date, *,
          accept_upper_limit: bool = False) -> Trial:
    """Draw the schedule from the plan's seed and save the trial as running."""
    check(ctx, plan)
    if plan.start < today:
        seen = repo.first_episode_on_or_after(ctx.diary.conn, plan.start)
        if seen is not None:
            raise UserError(
                f"The start {plan.start} is in the past and episodes are logged from {seen} "
                "on; a schedule must be drawn before its outcomes are seen. Start today or "
                "later.", "start")
    dose = dose_check(ctx, plan)
    if dose is not None and dose.exceeds and not accept_upper_limit:
        raise UserError(dose.message() + " Confirm to start anyway.", "units")
    _refuse_overlap(ctx, plan, today)
    trial = Trial(plan, randomise(plan.pairs, plan.seed))
    with ctx.diary.write() as conn:
        for old in repo.all_trials(conn):
            if old.status == RUNNING:  # over by date: recorded as finished
                repo.set_status(conn, old.id, FINISHED, None)
        repo.insert(conn, trial)
    return trial


def trials(ctx: Context) -> list[Trial]:
    return repo.all_trials(ctx.diary.conn)


def get(ctx: Context, trial_id: str | None = None) -> Trial:
    """The trial with ``trial_id``, or the latest one that was not abandoned."""
    if trial_id is not None:
        found = repo.by_id(ctx.diary.conn, trial_id)
        if found is None:
            raise UserError(f"There is no self-experiment with the id {trial_id!r}.", "id")
        return found
    kept = [t for t in trials(ctx) if t.status != ABANDONED]
    if not kept:
        raise UserError("There is no self-experiment yet; plan one with 'experiment plan'.",
                        "id")
    return kept[-1]


def current(ctx: Context, today: dt.date) -> Trial | None:
    """The trial running today (or not yet begun), if any."""
    found = repo.running(ctx.diary.conn)
    return found if found is not None and found.status_on(today) == RUNNING else None


def stop(ctx: Context, today: dt.date, *, abandon: bool = False,
         trial_id: str | None = None) -> Trial:
    """End the running trial: stopped (analysed as far as it went) or abandoned (kept only).

    Its last day is the day before ``today``, since today is not over.
    """
    trial = get(ctx, trial_id) if trial_id else current(ctx, today)
    if trial is None or trial.status_on(today) != RUNNING:
        raise UserError("No self-experiment is running, so there is nothing to stop.", "id")
    last = max(today - dt.timedelta(days=1), trial.plan.start - dt.timedelta(days=1))
    stopped = replace(trial, status=ABANDONED if abandon else STOPPED, stopped_on=last)
    with ctx.diary.write() as conn:
        repo.set_status(conn, trial.id, stopped.status, last)
    return stopped


def banner(ctx: Context, day: dt.date, today: dt.date | None = None) -> str | None:
    """The line the day view shows for ``day`` within a trial, or None; it says "today"
    unless ``today`` is given and is another day."""
    when = "today" if today is None or day == today else "that day"
    for trial in reversed(trials(ctx)):
        if trial.status == ABANDONED:
            continue
        day_phase = trial.phase_on(day)
        if day_phase is not None or (trial.status == RUNNING and day < trial.plan.start):
            # Loaded only when there is a line to show (with the statistics it names):
            # the day view asks this before its first paint.
            from tracker.domain.experiments import wording

            product = product_of(ctx, trial.plan)
            return (wording.banner(trial.plan, product, day_phase, when)
                    if day_phase is not None else wording.before_start(trial.plan, product))
    return None
