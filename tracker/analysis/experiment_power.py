"""How large an effect a self-experiment plan can detect, by simulating it many times.

Each simulated trial follows the plan: per block, the counted days are logged
with the person's own logging rate, episodes are negative binomial with the
person's own rate and overdispersion (OFF) or that rate times the rate ratio
(ON), and the exact randomisation test of ``tracker.domain.experiments.
randomisation`` is run against every balanced schedule at once (for 9 and 10
pairs, against a fixed random sample of 10,000 of them, which estimates the
same p-value closely enough for a power figure). The detectable rate ratio is
the one closest to 1 (ON / OFF; below 1 means fewer episodes ON) that reaches
p <= 0.05 with fewer episodes ON in at least 80 % of the simulated trials. A
block with no logged day takes the mean of the other blocks, which is cautious.
"""

from __future__ import annotations

import itertools
import math
from dataclasses import dataclass

import numpy as np

OFFSET = 0.5
ALPHA = 0.05
POWER = 0.8
SIMULATIONS = 400
SEED = 20_240_611
MAX_EXACT_ORDERS = 20_000
SAMPLED_ORDERS = 10_000
# Candidate ratios, closest to 1 first, in steps of 0.01; the answer is the first that
# reaches POWER (found by bisection, so about seven candidates are simulated).
RATIOS: tuple[float, ...] = tuple(round(0.99 - 0.01 * i, 2) for i in range(95))


@dataclass(frozen=True)
class Basis:
    """The person's own figures the simulation uses, and where they came from."""

    episodes_per_day: float
    logged_share: float
    dispersion: float | None  # negative binomial k per day; None means Poisson
    days: int  # diary days the figures come from (0: defaults)


def balanced_orders(pairs: int, seed: int = SEED) -> np.ndarray:
    """Rows of 1 (ON) and 0 (OFF): every balanced schedule, or a fixed sample of them."""
    n = 2 * pairs
    if math.comb(n, pairs) <= MAX_EXACT_ORDERS:
        out = np.zeros((math.comb(n, pairs), n))
        for row, chosen in enumerate(itertools.combinations(range(n), pairs)):
            out[row, list(chosen)] = 1.0
        return out
    rng = np.random.default_rng(seed)
    keys = rng.random((SAMPLED_ORDERS, n))
    ranks = keys.argsort(axis=1).argsort(axis=1)
    return (ranks < pairs).astype(float)


def randomisation_p(values: np.ndarray, on: np.ndarray, orders: np.ndarray) -> np.ndarray:
    """Two-sided p for each row of ``values`` (trials × blocks), ``on`` the schedule used."""
    pairs = int(on.sum())
    totals = values.sum(axis=1, keepdims=True)
    on_sums = values @ orders.T
    stats = np.abs((totals - 2.0 * on_sums) / pairs)
    observed = np.abs((totals[:, 0] - 2.0 * values @ on) / pairs)
    scale = np.maximum(np.abs(values).sum(axis=1), 1.0)
    return (stats >= (observed - 1e-9 * scale)[:, None]).mean(axis=1)


def _block_values(rng: np.random.Generator, shape: tuple[int, int], days: int, basis: Basis,
                  ratios: np.ndarray) -> np.ndarray:
    logged = rng.binomial(days, basis.logged_share, size=shape)
    mean = basis.episodes_per_day * ratios * logged
    if basis.dispersion is None:
        lam = mean
    else:
        k = np.maximum(basis.dispersion * logged, 1e-12)
        lam = rng.gamma(k, np.where(logged > 0, mean / k, 0.0))
    events = rng.poisson(lam)
    values = np.log(events / np.maximum(logged, 1) + OFFSET)
    fill = np.nanmean(np.where(logged > 0, values, np.nan), axis=1, keepdims=True)
    return np.where(logged > 0, values, np.nan_to_num(fill))


def power(pairs: int, counted_days: int, basis: Basis, ratio: float,
          simulations: int = SIMULATIONS, seed: int = SEED) -> float:
    """Share of simulated trials giving p <= 0.05 with fewer episodes ON."""
    rng = np.random.default_rng(seed)
    on = np.tile([1.0, 0.0], pairs)  # without a time trend any balanced order will do
    ratios = np.where(on == 1.0, ratio, 1.0)[None, :]
    with np.errstate(invalid="ignore", divide="ignore"):
        values = _block_values(rng, (simulations, 2 * pairs), counted_days, basis, ratios)
    p = randomisation_p(values, on, balanced_orders(pairs))
    fewer_on = values @ (1.0 - on) > values @ on
    return float(np.mean((p <= ALPHA) & fewer_on))


def detectable_rate_ratio(pairs: int, counted_days: int, basis: Basis,
                          simulations: int = SIMULATIONS, seed: int = SEED) -> float | None:
    """The ON/OFF rate ratio with about 80 % power, or None if no ratio down to 0.05 has it.

    The same random draws serve every candidate ratio, so power falls steadily
    as the ratio nears 1 and a bisection over the candidates finds the answer.
    """
    if 2.0 / math.comb(2 * pairs, pairs) > ALPHA or basis.episodes_per_day <= 0 \
            or basis.logged_share <= 0:
        return None

    def enough(i: int) -> bool:
        return power(pairs, counted_days, basis, RATIOS[i], simulations, seed) >= POWER

    if not enough(len(RATIOS) - 1):
        return None
    low, high = 0, len(RATIOS) - 1  # enough(high) holds; find the smallest index that does
    while low < high:
        mid = (low + high) // 2
        if enough(mid):
            high = mid
        else:
            low = mid + 1
    return RATIOS[low]
