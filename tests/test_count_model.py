"""The adjusted count model against numbers worked out by hand.

A Poisson regression with two yes/no exposures whose cell means are exactly
multiplicative has a closed-form fit: the coefficients are the logs of those
ratios. The design below puts the second exposure mostly on days with the
first, so the crude rate ratio (3) differs from the adjusted one (2), which is
what adjustment is for.

Cells (exposure 1, exposure 2): days, episodes per day, total episodes
    (0, 0): 4 days, mean 1 (episodes 1, 1, 0, 2)          total 4
    (1, 0): 2 days, mean 2 (2, 2)                           total 4
    (0, 1): 2 days, mean 3 (3, 3)                           total 6
    (1, 1): 6 days, mean 6 (5, 7, 6, 6, 6, 6)               total 36

Fitted means equal the cell means (1 · 2 · 3 is multiplicative), so
    intercept = ln 1 = 0, exposure 1 = ln 2, exposure 2 = ln 3.
Crude rate ratio for exposure 1: (4 + 36) / 8 over (4 + 6) / 6 = 5 / (5/3) = 3.

Fisher information X' diag(mu) X, with weights days × mean = 4, 4, 6, 36:
    [[50, 40, 42], [40, 40, 36], [42, 36, 42]], determinant 2400,
    so var(exposure 1) = (50·42 − 42²) / 2400 = 336 / 2400 = 0.14, se = 0.374166.
Pearson chi-square: (0 + 0 + 1 + 1)/1 + 0 + 0 + (1 + 1)/6 = 2.3333 on 14 − 3 = 11
degrees of freedom: 0.212, below 1, so the reported dispersion is floored at 1.

The test's standard error is Newey–West over the rows in order:
V = H⁻¹ S H⁻¹ · n / (n − k), S = Σ_t s_t s_t' + Σ_l (1 − l / (L + 1)) Σ_t (s_t s_{t−l}' +
s_{t−l} s_t'), s_t = x_t (y_t − μ_t) a day's score and H = X' diag(μ) X; with one lag and
the days in cell order it is worked out in full below.
"""

from __future__ import annotations

import math
import warnings

import numpy as np
import pytest

from tracker.analysis.count_model import fit
from tracker.analysis.design import Design

CELLS = [((0, 0), [1, 1, 0, 2]), ((1, 0), [2, 2]), ((0, 1), [3, 3]),
         ((1, 1), [5, 7, 6, 6, 6, 6])]


def _design(order: list[int] | None = None) -> Design:
    rows = [(1.0, float(a), float(b), float(y)) for (a, b), ys in CELLS for y in ys]
    if order is not None:
        rows = [rows[i] for i in order]
    table = np.array(rows)
    return Design(y=table[:, 3], x=table[:, :3], names=("intercept", "magnesium", "caffeine"),
                  tested={"magnesium": 1, "caffeine": 2}, rows=np.arange(len(rows)),
                  adjusted_for=())


def test_coefficients_are_the_hand_computed_log_ratios() -> None:
    fitted = fit(_design())
    assert fitted is not None
    assert fitted.estimates["magnesium"].log_ratio == pytest.approx(math.log(2), abs=1e-7)
    assert fitted.estimates["caffeine"].log_ratio == pytest.approx(math.log(3), abs=1e-7)
    assert math.exp(fitted.estimates["magnesium"].log_ratio) != pytest.approx(3.0, abs=0.5)
    assert fitted.rows == 14 and fitted.columns == 3
    assert fitted.dispersion == 1.0  # Pearson 0.212 is floored at 1


def test_quasi_poisson_standard_error_is_the_hand_computed_one() -> None:
    estimate = fit(_design()).estimates["magnesium"]  # type: ignore[union-attr]
    assert estimate.se_model == pytest.approx(math.sqrt(0.14), rel=1e-6)


def test_newey_west_standard_error_with_one_lag_by_hand() -> None:
    """Residuals y − μ in cell order: −0, 0, −1, +1 | 0, 0 | 0, 0 | −1, +1, 0, 0, 0, 0.

    Scores s_t = x_t · r_t with x = (1, e1, e2). Lag 0: Σ r² x x' over the four days
    with r = ±1, rows (1, 0, 0) twice and (1, 1, 1) twice:
        [[4, 2, 2], [2, 2, 2], [2, 2, 2]].
    Lag 1 (weight 1/2): neighbouring products r_t r_{t−1} are −1 for days 3-4
    (both (1, 0, 0)) and −1 for days 9-10 (both (1, 1, 1)), so Γ₁ + Γ₁' =
    −2 · [[2, 1, 1], [1, 1, 1], [1, 1, 1]] and S = lag 0 − 1/2 · 2 · that =
        [[2, 1, 1], [1, 1, 1], [1, 1, 1]].
    H⁻¹ = adj(H) / 2400 with magnesium row h = (−168, 336, −120) / 2400. S is the all-ones
    matrix plus one in its corner, so h S h' = (Σ h)² + h₀² = (48² + 168²) / 2400² =
    30528 / 5760000 = 0.0053, and var = 0.0053 · 14 / 11 = 0.0067455, se = 0.082131.
    """
    fitted = fit(_design(), hac_lags=1)
    assert fitted is not None
    variance = 30528 / 5760000 * 14 / 11
    assert fitted.estimates["magnesium"].se_robust == pytest.approx(math.sqrt(variance),
                                                                    rel=1e-6)


def test_newey_west_matches_the_formula_for_a_week_of_lags() -> None:
    """The same formula written out over arrays, on the days in a mixed order."""
    order = [0, 4, 6, 1, 8, 2, 9, 10, 5, 3, 11, 7, 12, 13]
    design = _design(order)
    estimate = fit(design, hac_lags=7).estimates["magnesium"]  # type: ignore[union-attr]
    x, y = design.x, design.y
    mu = np.exp(x @ np.array([0.0, math.log(2), math.log(3)]))
    scores = x * (y - mu)[:, None]
    meat = scores.T @ scores
    for lag in range(1, 8):
        gamma = scores[lag:].T @ scores[:-lag]
        meat += (1 - lag / 8) * (gamma + gamma.T)
    bread = np.linalg.inv(x.T @ (x * mu[:, None]))
    by_hand = bread @ meat @ bread * 14 / 11
    assert estimate.se_robust == pytest.approx(math.sqrt(by_hand[1, 1]), rel=1e-6)


def test_the_test_uses_the_larger_of_the_two_standard_errors() -> None:
    for lags in (1, 7):
        estimate = fit(_design(), hac_lags=lags).estimates["magnesium"]  # type: ignore[union-attr]
        assert estimate.se == max(estimate.se_model, estimate.se_robust)


def test_one_sided_t_test_on_the_residual_degrees_of_freedom() -> None:
    estimate = fit(_design()).estimates["magnesium"]  # type: ignore[union-attr]
    assert estimate.df == 11  # 14 days - 3 coefficients
    t = math.log(2) / estimate.se
    # Student's t upper tail with 11 df, by the closed-form series for odd df:
    # P(T > t) = 1/2 - (θ + sin θ cos θ (1 + Σ_k ...)) / π, θ = atan(t / √11).
    theta = math.atan(t / math.sqrt(11))
    c2 = math.cos(theta) ** 2
    term = total = 1.0
    for k in range(1, 5):
        term *= c2 * (2 * k) / (2 * k + 1)
        total += term
    upper = 0.5 - (theta + math.sin(theta) * math.cos(theta) * total) / math.pi
    assert estimate.p_more == pytest.approx(upper, rel=1e-9)
    # 95 % interval: ± t(0.975, 11) = 2.200985 standard errors.
    assert estimate.ci_low == pytest.approx(math.log(2) - 2.200985 * estimate.se, abs=1e-5)
    assert estimate.ci_high == pytest.approx(math.log(2) + 2.200985 * estimate.se, abs=1e-5)


def test_no_tested_exposure_or_no_degrees_of_freedom_gives_no_model() -> None:
    design = _design()
    assert fit(Design(design.y, design.x, design.names, {}, design.rows, ())) is None
    tiny = Design(design.y[:3], design.x[:3], design.names, design.tested, design.rows[:3],
                  ())
    assert fit(tiny) is None


def _variant(cells: list[tuple[tuple[int, int], list[int]]]) -> Design:
    rows = [(1.0, float(a), float(b), float(y)) for (a, b), ys in cells for y in ys]
    table = np.array(rows)
    return Design(y=table[:, 3], x=table[:, :3], names=("intercept", "magnesium", "caffeine"),
                  tested={"magnesium": 1, "caffeine": 2}, rows=np.arange(len(rows)),
                  adjusted_for=())


def test_overdispersed_episodes_widen_the_model_standard_error() -> None:
    """The (0, 0) cell as 0, 0, 0, 4: the same mean, so the same fit, but Pearson
    chi-square (1 + 1 + 1 + 9)/1 + (1 + 1)/6 = 12.3333 on 11 degrees of freedom."""
    cells = [((0, 0), [0, 0, 0, 4]), *CELLS[1:]]
    fitted = fit(_variant(cells))
    assert fitted is not None
    assert fitted.dispersion == pytest.approx(12.333333 / 11, rel=1e-6)
    estimate = fitted.estimates["magnesium"]
    assert estimate.log_ratio == pytest.approx(math.log(2), abs=1e-7)
    assert estimate.se_model == pytest.approx(math.sqrt(0.14 * 12.333333 / 11), rel=1e-6)


def test_more_lags_than_days_uses_every_lag_the_days_have() -> None:
    """Fourteen days hold lags 1 to 13 only: asking for 20 gives the Newey–West error with
    13 lags, Bartlett weights 1 − l / 14, written out over arrays as above."""
    order = [0, 4, 6, 1, 8, 2, 9, 10, 5, 3, 11, 7, 12, 13]
    design = _design(order)
    x, y = design.x, design.y
    mu = np.exp(x @ np.array([0.0, math.log(2), math.log(3)]))
    scores = x * (y - mu)[:, None]
    meat = scores.T @ scores
    for lag in range(1, 14):
        gamma = scores[lag:].T @ scores[:-lag]
        meat += (1 - lag / 14) * (gamma + gamma.T)
    bread = np.linalg.inv(x.T @ (x * mu[:, None]))
    by_hand = bread @ meat @ bread * 14 / 11
    for asked in (13, 20):
        estimate = fit(design, hac_lags=asked).estimates["magnesium"]  # type: ignore[union-attr]
        assert estimate.se_robust == pytest.approx(math.sqrt(by_hand[1, 1]), rel=1e-6)


def test_an_exposure_whose_days_had_no_episodes_gets_real_standard_errors() -> None:
    """Magnesium days (the second column) all without episodes: the fit drives its
    coefficient towards minus infinity and stops near −24, where the information about it
    is about e⁻²⁴ and the Newey–West variance is a difference of numbers near 10¹⁰. Round-
    off may then leave that variance below zero; a standard error is still never negative
    or NaN, no numpy warning is printed, and the test uses the model's (larger) error."""
    magnesium = [0, 1, 1, 1, 1, 1, 1, 1, 0, 0, 1, 0]
    caffeine = [1, 0, 0, 1, 0, 0, 1, 0, 1, 1, 0, 1]
    episodes = [7, 0, 0, 0, 0, 0, 0, 0, 3, 5, 0, 7]
    x = np.column_stack([np.ones(12), magnesium, caffeine]).astype(float)
    design = Design(y=np.array(episodes, dtype=float), x=x,
                    names=("intercept", "magnesium", "caffeine"),
                    tested={"magnesium": 1, "caffeine": 2}, rows=np.arange(12), adjusted_for=())
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        fitted = fit(design)
    assert fitted is not None
    estimate = fitted.estimates["magnesium"]
    assert estimate.log_ratio < -15
    for se in (estimate.se_model, estimate.se_robust, estimate.se):
        assert math.isfinite(se) and se >= 0
    assert estimate.se == estimate.se_model
    assert estimate.p_more >= 0.5  # fewer episodes is never evidence of more


def test_days_without_any_episode_give_no_model() -> None:
    # A Poisson fit to nothing but zeros runs its intercept off to minus infinity.
    design = _design()
    quiet = Design(np.zeros(14), design.x, design.names, design.tested, design.rows, ())
    assert fit(quiet) is None


def test_days_of_at_most_one_episode_are_fitted() -> None:
    """Cell means 1/4, 1/2, 1/2 and 1 from single episodes: multiplicative again, so each
    exposure's coefficient is ln 2 and the intercept ln 1/4."""
    cells = [((0, 0), [1, 0, 0, 0]), ((1, 0), [1, 0]), ((0, 1), [1, 0]),
             ((1, 1), [1, 1, 1, 1])]
    fitted = fit(_variant(cells))
    assert fitted is not None
    assert fitted.estimates["magnesium"].log_ratio == pytest.approx(math.log(2), abs=1e-7)
    assert fitted.estimates["caffeine"].log_ratio == pytest.approx(math.log(2), abs=1e-7)


def test_an_acute_factor_at_two_timings_is_tested_as_their_sum() -> None:
    """The same cells read as one factor on the same day (column 1) and the day before
    (column 2): the estimate tested is the two together, ln 2 + ln 3 = ln 6.

    From the inverse of the information matrix above (determinant 2400):
    var(b1) = 336 / 2400, var(b2) = (50·40 − 40²) / 2400 = 400 / 2400,
    cov(b1, b2) = −(50·36 − 42·40) / 2400 = −120 / 2400, so
    var(b1 + b2) = (336 + 400 − 240) / 2400 = 496 / 2400, se = 0.454606.
    """
    plain = _design()
    design = Design(plain.y, plain.x, ("intercept", "caffeine", "caffeine@1"),
                    {"caffeine": 1}, plain.rows, (), other_timing={"caffeine": 2})
    fitted = fit(design)
    assert fitted is not None
    estimate = fitted.estimates["caffeine"]
    assert estimate.both_timings
    assert estimate.log_ratio == pytest.approx(math.log(6), abs=1e-7)
    assert estimate.se_model == pytest.approx(math.sqrt(496 / 2400), rel=1e-6)
    assert estimate.se == max(estimate.se_model, estimate.se_robust)
    # Alone, the same-day coefficient is ln 2 with variance 336 / 2400.
    alone = fit(Design(plain.y, plain.x, ("intercept", "caffeine", "caffeine@1"),
                       {"caffeine": 1}, plain.rows, ()))
    assert alone is not None and not alone.estimates["caffeine"].both_timings
    assert alone.estimates["caffeine"].log_ratio == pytest.approx(math.log(2), abs=1e-7)
    assert alone.estimates["caffeine"].se_model == pytest.approx(math.sqrt(0.14), rel=1e-6)
