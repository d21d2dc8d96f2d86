"""Generated diaries that follow a self-experiment's schedule, built through the services.

The generator reads only the stored schedule (which block is ON) and decides
day by day, with its own random numbers: whether the day is logged (marked
complete), how many twitch episodes happen (negative binomial or Poisson at the
OFF rate, times ``rate_ratio`` on ON days), and whether the planned change was
kept (a capsule on ON days, none on OFF days, with ``adherence`` the chance of
following the schedule).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import numpy as np

from tracker.domain.entries import DayFactors, Episode, SupplementDose, SupplementProduct
from tracker.domain.experiments.plan import with_defaults
from tracker.domain.experiments.trial import Trial
from tracker.services import diary, supplements
from tracker.services.context import Context
from tracker.services.experiments import trials as experiments

START = dt.date(2025, 1, 6)


@dataclass(frozen=True)
class Shape:
    pairs: int = 6
    block_days: int = 7
    washin_days: int = 1
    rate_off: float = 1.0  # episodes a day on OFF days
    rate_ratio: float = 1.0  # ON rate / OFF rate
    dispersion: float | None = None  # negative binomial k per day; None: Poisson
    logged_share: float = 1.0
    adherence: float = 1.0


def magnesium(ctx: Context) -> SupplementProduct:
    return supplements.save_product(
        ctx, SupplementProduct("Magnesium glycinate", {"magnesium": 200.0}, "capsule"))


def start_trial(ctx: Context, shape: Shape, seed: int, start: dt.date = START) -> Trial:
    product = magnesium(ctx)
    plan = with_defaults("supplement", start, seed, block_days=shape.block_days,
                         pairs=shape.pairs, washin_days=shape.washin_days,
                         product_id=product.id, units=1.0)
    # "today" is the start itself: nothing is logged yet, as in a trial begun on paper.
    return experiments.start(ctx, plan, start)


def _episodes(rng: np.random.Generator, mean: float, dispersion: float | None) -> int:
    if dispersion is not None:
        mean = rng.gamma(dispersion, mean / dispersion) if mean > 0 else 0.0
    return int(rng.poisson(mean))


def fill(ctx: Context, trial: Trial, shape: Shape, seed: int,
         last: dt.date | None = None) -> None:
    """Log the trial's days from its start to ``last`` (default: its last scheduled day)."""
    rng = np.random.default_rng(seed)
    plan = trial.plan
    product_id = plan.product_id
    assert product_id is not None
    day = plan.start
    end = last or plan.end
    while day <= end:
        on = trial.phases[(day - plan.start).days // shape.block_days] == "on"
        follows = rng.random() < shape.adherence
        if rng.random() < shape.logged_share:
            diary.set_factors(ctx, DayFactors(day, complete=True))
            if on == follows:
                diary.add_entry(ctx, SupplementDose(day, dt.time(8, 0), product_id, 1.0))
            mean = shape.rate_off * (shape.rate_ratio if on else 1.0)
            for i in range(_episodes(rng, mean, shape.dispersion)):
                diary.add_entry(ctx, Episode(day, dt.time(9 + i % 12, 0), "twitch", "calf",
                                             int(rng.integers(1, 11))))
        day += dt.timedelta(days=1)
