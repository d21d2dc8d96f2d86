"""The adjusted count regression, fitted with statsmodels.

Daily episodes follow a Poisson regression on the design's columns (a log-
linear model, so each exposure's coefficient is a log rate ratio with the
others held fixed). Each exposure is tested once, one-sided for more
episodes (only an increase is ever flagged). A same-day exposure (drinks,
caffeine, sleep, stress) is in the model on the day and the day before; its
estimate is the two coefficients added, the rate ratio with the exposure on
both days against neither. Runs of coffee-heavy or short-sleep days make the two columns
move together, so either coefficient alone is poorly determined while their
sum is not, and an effect spread over the two days is not split in half. The
test uses Student's t on the residual
degrees of freedom and one standard error: the quasi-Poisson one (the model's,
scaled by the Pearson dispersion when that exceeds 1), never smaller than the
Newey–West one over ``HAC_LAGS`` days of lags (statsmodels' small-sample
correction).

Why both: episodes are overdispersed, which the quasi-Poisson error allows
for, and may run in streaks, which only the Newey–West error sees. Newey–West
alone is too noisy in a diary of a few months: in simulated diaries with no
effect it flagged something in 14–16 % of them, mostly where one side had few
days (docs/relationship-statistics.md has the null study).

statsmodels and scipy are imported inside ``fit``, never at module import, so
nothing on the way to the first window pays for them.
"""

from __future__ import annotations

import math
import warnings
from dataclasses import dataclass

import numpy as np

from tracker.analysis.design import Design

# Days of autocorrelation the standard errors allow for: a week, so a weekly
# rhythm or a bad spell of a few days does not pass for an exposure's effect.
HAC_LAGS = 7


@dataclass(frozen=True)
class Estimate:
    """One coefficient: log rate ratio, its standard error and one-sided test."""

    log_ratio: float
    se: float  # the larger of the two below: the one tested with
    se_model: float  # quasi-Poisson
    se_robust: float  # Newey–West
    df: int  # residual degrees of freedom of the t test
    p_more: float  # one-sided: the exposure goes with more episodes
    ci_low: float  # 95 % two-sided, log scale
    ci_high: float
    both_timings: bool = False  # the day and the day before summed (see ``fit``)


@dataclass(frozen=True)
class FittedModel:
    estimates: dict[str, Estimate]
    dispersion: float  # Pearson chi-square over residual df, at least 1
    rows: int
    columns: int


def fit(design: Design, hac_lags: int | None = None) -> FittedModel | None:
    """Fit the model; None when it has no tested exposure, no residual degrees of freedom
    or no episode (a Poisson fit to nothing but zeros has no finite answer)."""
    lags = HAC_LAGS if hac_lags is None else hac_lags
    n, k = design.x.shape
    if not design.tested or n <= k or not np.any(design.y > 0):
        return None
    from scipy import stats
    from statsmodels.genmod.families import Poisson
    from statsmodels.genmod.generalized_linear_model import GLM
    from statsmodels.stats.sandwich_covariance import cov_hac

    with warnings.catch_warnings():
        # Separation (an indicator whose days had no episodes) and rank
        # warnings are handled by the checks below, not shown to the person.
        warnings.simplefilter("ignore")
        result = GLM(design.y, design.x, family=Poisson()).fit()
        params = np.asarray(result.params, dtype=float)
        pearson = float(np.sum(np.asarray(result.resid_pearson) ** 2)) / (n - k)
        cov = np.asarray(cov_hac(result, nlags=min(lags, n - 1), use_correction=True))
        quasi = np.asarray(result.cov_params()) * max(pearson, 1.0)
    df = n - k
    half_width = float(stats.t.ppf(0.975, df))
    estimates: dict[str, Estimate] = {}
    for key, column in design.tested.items():
        # Only these entries, so a column fitted badly elsewhere cannot leak into them.
        summed = np.array([column, *([design.other_timing[key]]
                                     if key in design.other_timing else [])])
        b = float(params[summed].sum())
        se_model = math.sqrt(max(float(quasi[np.ix_(summed, summed)].sum()), 0.0))
        se_robust = math.sqrt(max(float(cov[np.ix_(summed, summed)].sum()), 0.0))
        s = max(se_model, se_robust)
        if not (math.isfinite(b) and math.isfinite(s)) or s <= 0:
            continue
        estimates[key] = Estimate(b, s, se_model, se_robust, df, float(stats.t.sf(b / s, df)),
                                  b - half_width * s, b + half_width * s, len(summed) == 2)
    return FittedModel(estimates, max(pearson, 1.0), n, k)

