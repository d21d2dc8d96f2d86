"""The "how long until I know" estimate against a hand computation."""

from __future__ import annotations

import math

import pytest

from tracker.analysis.power import known_days_for_doubling, more_logged_days

ALPHA = 0.05 / 11


def test_known_days_for_a_doubling_by_hand() -> None:
    # z for two-sided 0.05/11 is 2.8376 and for 80 % power 0.8416 (normal tables);
    # (2.8376 + 0.8416)² = 13.537. One episode a day unexposed, half the days
    # exposed: 1 / (2 · 1 · 0.5) + 1 / (1 · 0.5) = 3. (ln 2)² = 0.48045.
    # n = 13.537 · 3 / 0.48045 = 84.5 known days.
    assert known_days_for_doubling(1.0, 0.5, 1.0, ALPHA) == pytest.approx(84.5, abs=0.2)
    # Overdispersion and adjustment scale it; a rarer exposure needs longer.
    assert known_days_for_doubling(1.0, 0.5, 2.0, ALPHA) == pytest.approx(169.0, abs=0.4)
    # p = 0.2: 1 / 0.4 + 1 / 0.8 = 3.75, so 84.5 · 3.75 / 3 = 105.7.
    assert known_days_for_doubling(1.0, 0.2, 1.0, ALPHA) == pytest.approx(105.7, abs=0.3)


def test_more_logged_days_converts_known_days_by_the_logging_rate() -> None:
    # 84.5 needed, 40 known from 50 logged days (0.8 known per logged day):
    # (84.5 - 40) / 0.8 = 55.7, so 56 more logged days.
    assert more_logged_days(1.0, 0.5, 1.0, ALPHA, known_days=40, logged_days=50) == 56
    assert more_logged_days(1.0, 0.5, 1.0, ALPHA, known_days=100, logged_days=100) == 0


def test_unknowable_without_episodes_or_without_one_side() -> None:
    assert more_logged_days(0.0, 0.5, 1.0, ALPHA, 40, 50) is None
    assert more_logged_days(1.0, 0.0, 1.0, ALPHA, 40, 50) is None
    assert more_logged_days(1.0, 1.0, 1.0, ALPHA, 40, 50) is None
    assert more_logged_days(1.0, 0.5, 1.0, ALPHA, 0, 0) is None
    assert math.isinf(known_days_for_doubling(1.0, 0.0, 1.0, ALPHA))
