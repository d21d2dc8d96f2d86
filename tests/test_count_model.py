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
degrees of freedom: 0.212, below 1, so the quasi-Poisson se is the Poisson one.
"""

from __future__ import annotations

import math

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
    # Blocks of two days, so the 14 days make 7 blocks and 6 degrees of freedom.
    return Design(y=table[:, 3], x=table[:, :3], names=("intercept", "magnesium", "caffeine"),
                  tested={"magnesium": 1, "caffeine": 2}, rows=np.arange(len(rows)),
                  block_days={"magnesium": 2, "caffeine": 2}, adjusted_for=())


def test_coefficients_are_the_hand_computed_log_ratios() -> None:
    fitted = fit(_design())
    assert fitted is not None
    assert fitted.estimates["magnesium"].log_ratio == pytest.approx(math.log(2), abs=1e-7)
    assert fitted.estimates["caffeine"].log_ratio == pytest.approx(math.log(3), abs=1e-7)
    assert math.exp(fitted.estimates["magnesium"].log_ratio) != pytest.approx(3.0, abs=0.5)
    assert fitted.rows == 14 and fitted.columns == 3
    assert fitted.dispersion == 1.0  # Pearson 0.212 is floored at 1


def test_model_based_standard_error_is_the_hand_computed_one() -> None:
    estimate = fit(_design()).estimates["magnesium"]  # type: ignore[union-attr]
    assert estimate.se_model == pytest.approx(math.sqrt(0.14), rel=1e-6)
    # The interval is the wider of the model's (± t(0.975, 11) = 2.200985 standard
    # errors) and the blocks' (7 blocks of two days: ± t(0.975, 6) = 2.446912).
    half = max(2.200985 * estimate.se_model, 2.446912 * estimate.se_robust)
    assert estimate.ci_low == pytest.approx(math.log(2) - half, abs=1e-5)
    assert estimate.ci_high == pytest.approx(math.log(2) + half, abs=1e-5)


def test_block_robust_standard_error_matches_the_formula_by_hand() -> None:
    """V = H⁻¹ (Σ_g s_g s_g') H⁻¹ · G / (G − 1) · (n − 1) / (n − k), s_g a block's score sum."""
    order = [0, 4, 6, 1, 8, 2, 9, 10, 5, 3, 11, 7, 12, 13]  # days in a mixed order
    design = _design(order)
    estimate = fit(design).estimates["magnesium"]  # type: ignore[union-attr]
    x, y = design.x, design.y
    mu = np.exp(x @ np.array([0.0, math.log(2), math.log(3)]))
    scores = x * (y - mu)[:, None]
    block_sums = np.array([scores[i:i + 2].sum(axis=0) for i in range(0, 14, 2)])
    bread = np.linalg.inv(x.T @ (x * mu[:, None]))
    meat = block_sums.T @ block_sums
    n, k, g = 14, 3, 7
    by_hand = bread @ meat @ bread * g / (g - 1) * (n - 1) / (n - k)
    assert estimate.se_robust == pytest.approx(math.sqrt(by_hand[1, 1]), rel=1e-6)
    assert estimate.block_days == 2


def test_the_larger_of_the_two_one_sided_p_values_counts() -> None:
    from scipy import stats

    estimate = fit(_design()).estimates["magnesium"]  # type: ignore[union-attr]
    b = math.log(2)
    by_model = stats.t.sf(b / estimate.se_model, 11)  # 14 days - 3 coefficients
    by_blocks = stats.t.sf(b / estimate.se_robust, 6)  # 7 blocks - 1
    assert estimate.p_more == pytest.approx(max(by_model, by_blocks), rel=1e-9)
    assert (estimate.se, estimate.df) == ((estimate.se_model, 11) if by_model > by_blocks
                                          else (estimate.se_robust, 6))


def test_no_tested_exposure_or_no_degrees_of_freedom_gives_no_model() -> None:
    design = _design()
    assert fit(Design(design.y, design.x, design.names, {}, design.rows, {}, ())) is None
    tiny = Design(design.y[:3], design.x[:3], design.names, design.tested, design.rows[:3],
                  design.block_days, ())
    assert fit(tiny) is None
