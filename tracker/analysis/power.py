"""How many more logged days before a doubling of the episode rate would be found.

For an exposure on a share ``p`` of the days it is known, with ``rate``
episodes a day on the other days, a doubling gives log rate ratio log 2 and,
for Poisson counts over ``n`` known days, variance

    (1 / (2 · rate · p) + 1 / (rate · (1 − p))) / n

times an inflation ``phi`` for overdispersion, streaks and adjustment. It is
found with 80 % power when log 2 exceeds (z₁₋α + z₀.₈) standard errors, with
α the first Holm step over the primary set (0.05 / 11, one-sided). So

    n = phi · (z₁₋α + z₀.₈)² · (1 / (2 · rate · p) + 1 / (rate · (1 − p))) / (log 2)²

``phi`` comes from the person's own fitted model where there is one (the
model's variance of the estimate over the plain Poisson variance at the same
counts), else from the day-to-day spread of their episodes times the median
adjustment cost seen in simulated diaries. Known days per logged day turn the
known days needed into logged days.
"""

from __future__ import annotations

import math
from statistics import NormalDist

POWER = 0.8
# Median ratio of the adjusted model's variance to the overdispersion-only
# variance across simulated 180-day diaries of the goal world (1.58 over 50
# diaries: benchmarks/bench_relationship_power.py --phi prints it); used only
# before a model can be fitted.
ADJUSTMENT_COST = 1.6


def z_needed(alpha: float, power: float = POWER) -> float:
    """z₁₋α + z_power for a one-sided test at level ``alpha``."""
    normal = NormalDist()
    return normal.inv_cdf(1 - alpha) + normal.inv_cdf(power)


def known_days_for_doubling(rate_other: float, share_exposed: float, phi: float,
                            alpha: float) -> float:
    """Known days needed in total to find a doubling with 80 % power; inf if never."""
    if rate_other <= 0 or not 0 < share_exposed < 1:
        return math.inf
    per_day = 1 / (2 * rate_other * share_exposed) + 1 / (rate_other * (1 - share_exposed))
    return max(phi, 1.0) * z_needed(alpha) ** 2 * per_day / math.log(2) ** 2


def more_logged_days(rate_other: float, share_exposed: float, phi: float, alpha: float,
                     known_days: int, logged_days: int) -> int | None:
    """More logged days needed, 0 if the data should already suffice, None if unknowable.

    Unknowable: no episodes yet, no day on one side yet, or no known day per logged day.
    """
    needed = known_days_for_doubling(rate_other, share_exposed, phi, alpha)
    if not math.isfinite(needed) or known_days <= 0 or logged_days <= 0:
        return None
    known_per_logged = known_days / logged_days
    return max(0, math.ceil((needed - known_days) / known_per_logged))


def inflation_from_fit(se: float, episodes_exposed: float, episodes_other: float) -> float:
    """The model's variance over the plain Poisson variance of the same two counts."""
    if episodes_exposed <= 0 or episodes_other <= 0:
        return math.nan
    return se * se / (1 / episodes_exposed + 1 / episodes_other)
