"""`analyze` sets a trial's days aside, so its ON/OFF phases are not taken for a natural
shortfall pattern."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd

from tests.experiment_diaries import START, Shape, fill, start_trial
from tests.synthetic import make_daily
from tracker.analysis.experiment_phases import exposure_columns, mask_trial_days
from tracker.analysis.relationship import analyze_relationships
from tracker.services import analysis
from tracker.services.context import Context


def _with_a_trial(seed: int) -> tuple[pd.DataFrame, dt.date, dt.date]:
    """30 days without any link (one episode a day, intake near target), then the longest
    magnesium trial, 10 pairs of 14-day blocks, that works: ON blocks well above target
    with few episodes, OFF blocks below it with many."""
    frame = make_daily(days=310, seed=seed, logged_share=1.0)
    rng = np.random.default_rng(seed)
    first = 30
    frame.iloc[:first, frame.columns.get_loc("episodes")] = rng.poisson(1.0, first)
    frame.iloc[:first, frame.columns.get_loc("magnesium_pct")] = rng.normal(110.0, 8.0, first)
    for block in range(20):
        on = block % 2 == 0
        days = slice(first + 14 * block, first + 14 * block + 14)
        frame.iloc[days, frame.columns.get_loc("magnesium_pct")] = 160.0 if on else 55.0
        frame.iloc[days, frame.columns.get_loc("episodes")] = rng.poisson(0.3 if on else 2.5,
                                                                          14)
    start = frame.index[first].date()
    return frame, start, start + dt.timedelta(days=279)


def test_a_trial_would_be_taken_for_a_shortfall_pattern_and_is_not() -> None:
    taken = kept_out = 0
    for seed in range(5):
        frame, first, last = _with_a_trial(seed)
        taken += analyze_relationships(frame)["nutrients"]["magnesium"]["flagged"]
        masked, days = mask_trial_days(frame, [(first, last, ("magnesium",))])
        assert days == 280
        assert masked["excluded"].sum() == 280
        assert masked["magnesium_pct"].isna().sum() == 280
        assert masked["calcium_pct"].equals(frame["calcium_pct"])
        kept_out += not analyze_relationships(masked)["nutrients"]["magnesium"]["flagged"]
    assert taken >= 4  # without the hook the trial looks like a magnesium finding
    assert kept_out == 5


def test_exposure_columns_keep_targets_and_limits() -> None:
    frame = make_daily(days=10, seed=1)
    frame["caffeine_limit_mg"] = 400.0
    assert exposure_columns(frame, "caffeine") == ["caffeine_mg"]
    assert "drinks_target_ml" not in exposure_columns(frame, "drinks")


def test_analyze_names_the_trial_days_set_aside(ctx: Context) -> None:
    shape = Shape(rate_ratio=0.4)
    trial = start_trial(ctx, shape, 8)
    fill(ctx, trial, shape, 9)
    result = analysis.analyze(ctx)
    assert result["experiments"]["excluded"] == [
        {"from": START.isoformat(), "to": trial.plan.end.isoformat(),
         "exposures": ["magnesium"]}]
    assert result["experiments"]["excluded_days"] == 84
    assert not result["nutrients"]["magnesium"]["enough_data"]
