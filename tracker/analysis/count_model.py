"""The adjusted count regression, fitted with statsmodels.

Daily episodes follow a Poisson regression on the design's columns (a log-
linear model, so each exposure's coefficient is a log rate ratio with the
others held fixed). Episodes are overdispersed and run in streaks, so the
model's own standard errors are not trusted as they are: each coefficient's
standard error is the larger of

- a cluster-robust one over blocks of consecutive days (a week, or the
  exposure's window when that is longer, so a 28-day exposure is judged by how
  many four-week blocks the diary holds), with statsmodels' small-sample
  correction, and
- the quasi-Poisson one (model-based, scaled by the Pearson dispersion, never
  below plain Poisson),

and tests use Student's t on (blocks − 1) degrees of freedom, two-sided. This
is the analytic twin of a block bootstrap. Simulated diaries showed why each
part is needed: Newey–West over a week of lags, or t on the days rather than
the blocks, flagged unrelated slow exposures (vitamin D over 28 days drifting
with the episodes by chance) and bystanders of a strong driver too often (see
docs/relationship-statistics.md).

statsmodels and scipy are imported inside ``fit``, never at module import, so
nothing on the way to the first window pays for them.
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass

import numpy as np

from tracker.analysis.design import Design


@dataclass(frozen=True)
class Estimate:
    """One coefficient: log rate ratio, its standard error and test."""

    log_ratio: float
    se: float  # the larger of the two below
    se_model: float  # quasi-Poisson
    se_robust: float  # cluster-robust over blocks of ``block_days``
    df: int  # blocks - 1
    block_days: int
    p_value: float  # two-sided
    ci_low: float  # 95 % two-sided, log scale
    ci_high: float


@dataclass(frozen=True)
class FittedModel:
    estimates: dict[str, Estimate]
    dispersion: float  # Pearson chi-square over residual df, at least 1
    rows: int
    columns: int


def fit(design: Design) -> FittedModel | None:
    """Fit the model; None when it has no tested exposure or no residual degrees of freedom."""
    n, k = design.x.shape
    if not design.tested or n <= k:
        return None
    from scipy import stats
    from statsmodels.genmod.families import Poisson
    from statsmodels.genmod.generalized_linear_model import GLM
    from statsmodels.stats.sandwich_covariance import cov_cluster

    with warnings.catch_warnings():
        # Separation (an indicator whose days had no episodes) and rank
        # warnings are handled by the checks below, not shown to the person.
        warnings.simplefilter("ignore")
        result = GLM(design.y, design.x, family=Poisson()).fit()
        params = np.asarray(result.params, dtype=float)
        pearson = float(np.sum(np.asarray(result.resid_pearson) ** 2)) / (n - k)
        dispersion = max(pearson, 1.0)
        model_se = np.sqrt(np.diag(np.asarray(result.cov_params())) * dispersion)
        robust: dict[int, tuple[np.ndarray, int]] = {}
        for days in sorted(set(design.block_days.values())):
            _, groups = np.unique(design.rows // days, return_inverse=True)
            blocks = int(groups.max()) + 1
            if blocks >= 2:
                cov = np.asarray(cov_cluster(result, groups, use_correction=True))
                robust[days] = (np.sqrt(np.diag(cov)), blocks)
    estimates: dict[str, Estimate] = {}
    for key, column in design.tested.items():
        days = design.block_days[key]
        if days not in robust:
            continue
        robust_se, blocks = robust[days]
        b, s_model, s_robust = (float(params[column]), float(model_se[column]),
                                float(robust_se[column]))
        s = max(s_model, s_robust)
        if not (np.isfinite(b) and np.isfinite(s) and s > 0):
            continue
        df = blocks - 1
        quantile = float(stats.t.ppf(0.975, df))
        estimates[key] = Estimate(b, s, s_model, s_robust, df, days,
                                  float(2 * stats.t.sf(abs(b / s), df)),
                                  b - quantile * s, b + quantile * s)
    return FittedModel(estimates, dispersion, n, k)
