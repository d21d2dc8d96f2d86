"""The statistical building blocks: Student's t tail, Holm, and the vectorised week bootstrap."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from tracker.analysis.bootstrap import (
    DAYS_EXPOSED,
    DAYS_OTHER,
    EVENTS_EXPOSED,
    EVENTS_OTHER,
    block_sums,
    bootstrap,
    corrected_log_ratio,
    draw_counts,
    week_blocks,
)
from tracker.analysis.inference import holm, student_t_quantile_975, student_t_two_sided_p


@pytest.mark.parametrize(("t", "df", "p"), [
    # Two-sided critical values from standard t tables.
    (12.706, 1, 0.05), (4.303, 2, 0.05), (2.571, 5, 0.05), (2.228, 10, 0.05),
    (3.169, 10, 0.01), (2.042, 30, 0.05), (2.750, 30, 0.01), (1.984, 100, 0.05),
    (3.182, 3, 0.05), (2.365, 7, 0.05), (3.499, 7, 0.01), (2.262, 9, 0.05), (3.250, 9, 0.01),
    (2.160, 13, 0.05), (6.314, 1, 0.10), (1.895, 7, 0.10),
])
def test_t_tail_matches_tables(t: float, df: int, p: float) -> None:
    assert student_t_two_sided_p(t, df) == pytest.approx(p, rel=2e-3)
    assert student_t_two_sided_p(-t, df) == student_t_two_sided_p(t, df)


@pytest.mark.parametrize(("df", "q"), [(1, 12.706), (3, 3.182), (20, 2.086), (100, 1.984)])
def test_t_quantile_inverts_the_tail(df: int, q: float) -> None:
    assert student_t_quantile_975(df) == pytest.approx(q, abs=1e-3)


def test_zero_statistic_has_p_one() -> None:
    assert student_t_two_sided_p(0.0, 7) == pytest.approx(1.0)


def test_holm_steps_down_and_keeps_order() -> None:
    adjusted = holm(np.array([0.01, 0.04, 0.03]), 3)
    # Sorted 0.01, 0.03, 0.04 times 3, 2, 1 gives 0.03, 0.06, 0.04, made monotone.
    assert adjusted.tolist() == pytest.approx([0.03, 0.06, 0.06])


def test_holm_counts_comparisons_that_could_not_run() -> None:
    adjusted = holm(np.array([0.001, np.nan]), 54)
    assert adjusted[0] == pytest.approx(0.054)
    assert adjusted[1] == 1.0
    with pytest.raises(ValueError, match="^n_tests must cover every p-value given$"):
        holm(np.array([0.1, 0.2]), 1)


def test_t_tail_refuses_no_degrees_of_freedom_and_has_no_p_for_an_infinite_t() -> None:
    with pytest.raises(ValueError, match="^df must be at least 1$"):
        student_t_two_sided_p(2.0, 0)
    assert np.isnan(student_t_two_sided_p(float("inf"), 5))
    assert np.isnan(student_t_two_sided_p(float("nan"), 5))
    assert student_t_two_sided_p(1e9, 3) == pytest.approx(0.0, abs=1e-12)


def test_weeks_start_on_monday() -> None:
    index = pd.date_range("2026-01-01", periods=12, freq="D")  # a Thursday
    blocks = week_blocks(index)
    assert blocks.tolist() == [0, 0, 0, 0, 1, 1, 1, 1, 1, 1, 1, 2]


def test_matrix_bootstrap_equals_resampling_weeks_one_by_one() -> None:
    rng = np.random.default_rng(5)
    n_days = 70
    blocks = np.arange(n_days) // 7
    episodes = rng.poisson(1.0, n_days).astype(float)
    exposed = rng.random(n_days) < 0.4
    sums = block_sums(blocks, 10, episodes, exposed, ~exposed)[:, None, :]
    counts = draw_counts(10, 50, np.random.default_rng(9))
    for rep in range(50):
        drawn = np.repeat(np.arange(10), counts[rep].astype(int))
        by_hand = sum(sums[b, 0] for b in drawn)
        assert (counts[rep] @ sums[:, 0]).tolist() == pytest.approx(list(by_hand))
    assert counts.sum(axis=1).tolist() == [10.0] * 50


def test_bootstrap_interval_covers_the_rates() -> None:
    rng = np.random.default_rng(3)
    n_days = 140
    blocks = np.arange(n_days) // 7
    exposed = rng.random(n_days) < 0.5
    episodes = rng.poisson(np.where(exposed, 2.0, 0.5)).astype(float)
    sums = block_sums(blocks, 20, episodes, exposed, ~exposed)[:, None, :]
    result = bootstrap(sums, replicates=500, seed=1)
    total = sums.sum(axis=0)[0]
    rate_exposed = total[EVENTS_EXPOSED] / total[DAYS_EXPOSED]
    rate_other = total[EVENTS_OTHER] / total[DAYS_OTHER]
    low, high = result.rate_exposed_ci[0]
    assert low < rate_exposed < high
    low, high = result.rate_other_ci[0]
    assert low < rate_other < high
    assert result.weeks_used.tolist() == [20]
    assert 0 < result.se_log_ratio[0] < 1
    assert corrected_log_ratio(total) > 0
