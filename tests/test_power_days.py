"""The "how long until I know" estimate against a hand computation."""

from __future__ import annotations

import math

import pytest

from tracker.analysis.power import known_days_for_doubling, more_logged_days

ALPHA = 0.05 / 11


def test_known_days_for_a_doubling_by_hand() -> None:
    # z for one-sided 0.05/11 = 0.004545 is 2.6086 and for 80 % power 0.8416 (normal
    # tables); (2.6086 + 0.8416)² = 11.904. One episode a day unexposed, half the days
    # exposed: 1 / (2 · 1 · 0.5) + 1 / (1 · 0.5) = 3. (ln 2)² = 0.48045.
    # n = 11.904 · 3 / 0.48045 = 74.3 known days.
    assert known_days_for_doubling(1.0, 0.5, 1.0, ALPHA) == pytest.approx(74.3, abs=0.1)
    # Overdispersion and adjustment scale it; a rarer exposure needs longer.
    assert known_days_for_doubling(1.0, 0.5, 2.0, ALPHA) == pytest.approx(148.7, abs=0.2)
    # p = 0.2: 1 / 0.4 + 1 / 0.8 = 3.75, so 74.3 · 3.75 / 3 = 92.9.
    assert known_days_for_doubling(1.0, 0.2, 1.0, ALPHA) == pytest.approx(92.9, abs=0.2)


def test_more_logged_days_converts_known_days_by_the_logging_rate() -> None:
    # 74.3 needed, 40 known from 50 logged days (0.8 known per logged day):
    # (74.33 - 40) / 0.8 = 42.9, so 43 more logged days.
    assert more_logged_days(1.0, 0.5, 1.0, ALPHA, known_days=40, logged_days=50) == 43
    assert more_logged_days(1.0, 0.5, 1.0, ALPHA, known_days=100, logged_days=100) == 0


def test_unknowable_without_episodes_or_without_one_side() -> None:
    assert more_logged_days(0.0, 0.5, 1.0, ALPHA, 40, 50) is None
    assert more_logged_days(1.0, 0.0, 1.0, ALPHA, 40, 50) is None
    assert more_logged_days(1.0, 1.0, 1.0, ALPHA, 40, 50) is None
    assert more_logged_days(1.0, 0.5, 1.0, ALPHA, 0, 0) is None
    assert math.isinf(known_days_for_doubling(1.0, 0.0, 1.0, ALPHA))
