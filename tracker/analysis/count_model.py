"""The adjusted count regression, fitted with statsmodels.

Daily episodes follow a Poisson regression on the design's columns (a log-
linear model, so each exposure's coefficient is a log rate ratio with the
others held fixed). Episodes are overdispersed and run in streaks, so the
model's own standard errors are not trusted as they are. Each coefficient is
tested twice, one-sided for more episodes (only an increase is ever flagged):

- with a cluster-robust standard error over blocks of consecutive days (a
  week, or the exposure's window when that is longer, so a 28-day exposure is
  judged by how many four-week blocks the diary holds; statsmodels'
  small-sample correction) and Student's t on (blocks − 1) degrees of freedom,
  the analytic twin of a block bootstrap, honest about streaks;
- with the quasi-Poisson standard error (model-based, scaled by the Pearson
  dispersion, never below plain Poisson) and t on the residual degrees of
  freedom, honest when one side has few days;

and the larger of the two p-values counts: both must agree. The interval is
the union of the two 95 % intervals. Simulated diaries showed why each part is
needed (docs/relationship-statistics.md): Newey–West over a week of lags, or
t on the days rather than the blocks, flagged unrelated slow exposures and
bystanders of a strong driver too often.

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
    se: float  # of the test with the larger p-value, with its degrees of freedom
    df: int
    se_model: float  # quasi-Poisson, on the residual degrees of freedom
    se_robust: float  # cluster-robust over blocks of ``block_days``, on blocks - 1
    block_days: int
    p_more: float  # one-sided: the exposure goes with more episodes
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
        if not all(np.isfinite(v) for v in (b, s_model, s_robust)) or min(
                s_model, s_robust) <= 0:
            continue
        tests = [(s_model, n - k), (s_robust, blocks - 1)]
        p_values = [float(stats.t.sf(b / s, df)) for s, df in tests]
        binding = int(np.argmax(p_values))
        half = [float(stats.t.ppf(0.975, df)) * s for s, df in tests]
        estimates[key] = Estimate(
            b, tests[binding][0], tests[binding][1], s_model, s_robust, days,
            max(p_values), b - max(half), b + max(half))
    return FittedModel(estimates, dispersion, n, k)
