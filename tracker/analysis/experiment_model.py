"""The interval around a trial's rate ratio, and the secondary count regression.

Interval: each compared block gives a log rate (half-event corrected); the
standard error of the ON-minus-OFF difference of their means, with Student's t
on blocks - 2 degrees of freedom and never narrower than Poisson counting
error alone, is put around the log of the ratio of ON and OFF rates. The
relationship analysis floors its bootstrap error the same way.

Secondary model: a Poisson regression of daily counts on the phase and a
linear time trend, fitted by generalised estimating equations with an
exchangeable correlation inside each block (days of one block share a block
effect) and robust standard errors, which also allow for overdispersion.
statsmodels is imported only here, when a result is asked for.
"""

from __future__ import annotations

import math
import warnings
from collections.abc import Sequence
from typing import Any

import numpy as np

from tracker.analysis.inference import Z_95, student_t_quantile_975

MODEL_NAME = ("Poisson GEE of daily counts on phase and a time trend, exchangeable "
              "correlation within each block, robust standard errors")


def rate_ratio_ci(rate_ratio: float | None, log_rates: Sequence[float], on: Sequence[bool],
                  events_on: int, events_off: int) -> list[float] | None:
    """95 % interval for ``rate_ratio``; None with fewer than two blocks on a side."""
    rates = np.asarray(log_rates, dtype=float)
    flags = np.asarray(on, dtype=bool)
    n_on, n_off = int(flags.sum()), int((~flags).sum())
    if rate_ratio is None or rate_ratio <= 0 or n_on < 2 or n_off < 2:
        return None
    spread = math.sqrt(float(np.var(rates[flags], ddof=1)) / n_on
                       + float(np.var(rates[~flags], ddof=1)) / n_off)
    counting = math.sqrt(1.0 / (events_on + 0.5) + 1.0 / (events_off + 0.5))
    half = student_t_quantile_975(n_on + n_off - 2) * max(spread, counting)
    centre = math.log(rate_ratio)
    return [round(math.exp(centre - half), 3), round(math.exp(centre + half), 3)]


def _failed(reason: str) -> dict[str, Any]:
    return {"model": MODEL_NAME, "fitted": False, "reason": reason}


def secondary_model(days: Sequence[tuple[int, int, int, int]]) -> dict[str, Any]:
    """Fit the model to (block, day number, on, count) rows of the counted, logged days."""
    rows = np.asarray(days, dtype=float).reshape(-1, 4)
    phases_seen = {int(on) for on in rows[:, 2]}
    if len({int(b) for b in rows[:, 0]}) < 4 or phases_seen != {0, 1}:
        return _failed("needs at least four completed blocks, ON and OFF")
    if rows[:, 3].sum() == 0:
        return _failed("no episodes were logged on the counted days")
    import statsmodels.api as sm

    trend = rows[:, 1] / max(float(rows[:, 1].max()), 1.0)
    design = np.column_stack([np.ones(len(rows)), rows[:, 2], trend])
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            fit = sm.GEE(rows[:, 3], design, groups=rows[:, 0].astype(int),
                         family=sm.families.Poisson(),
                         cov_struct=sm.cov_struct.Exchangeable()).fit()
    except (ValueError, np.linalg.LinAlgError) as exc:
        return _failed(str(exc))
    coef, se = float(fit.params[1]), float(fit.bse[1])
    if not (math.isfinite(coef) and math.isfinite(se)) or se <= 0:
        return _failed("the model did not converge (often: no episodes in one phase)")
    return {"model": MODEL_NAME, "fitted": True,
            "rate_ratio": round(math.exp(coef), 3),
            "ci95": [round(math.exp(coef - Z_95 * se), 3), round(math.exp(coef + Z_95 * se), 3)],
            "p_value": float(f"{float(fit.pvalues[1]):.3g}")}
