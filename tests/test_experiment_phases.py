"""`analyze` leaves a trial's manipulated exposure out on the trial's days, and only that."""

from __future__ import annotations

import datetime as dt

from tests.experiment_diaries import START, Shape, fill, start_trial
from tests.synthetic import Effect, make_daily
from tracker.analysis.experiment_phases import exposure_columns, mask_trial_days
from tracker.analysis.relationship import analyze_relationships
from tracker.services import analysis
from tracker.services.context import Context


def test_masked_exposure_drops_out_and_the_others_stay() -> None:
    frame = make_daily(days=150, seed=3, effect=Effect("magnesium_pct", rate_exposed=2.5,
                                                       rate_other=0.4), date_index=True)
    plain = analyze_relationships(frame)["nutrients"]
    assert plain["magnesium"]["flagged"]
    first = frame.index[0]
    span = (first, first + dt.timedelta(days=149), ("magnesium",))
    masked, blanked = mask_trial_days(frame, [span])
    assert blanked == 150
    assert masked["magnesium_pct"].isna().all()
    assert masked["calcium_pct"].equals(frame["calcium_pct"])
    found = analyze_relationships(masked)["nutrients"]
    assert not found["magnesium"]["flagged"] and not found["magnesium"]["enough_data"]
    # Calcium keeps its days and its estimate (Holm's step-down may move its p-value).
    for key in ("shortfall_days", "adequate_days", "rate_ratio", "ci95", "window_days"):
        assert found["calcium"][key] == plain["calcium"][key]


def test_exposure_columns_keep_targets_and_limits() -> None:
    frame = make_daily(days=10, seed=1)
    frame["caffeine_limit_mg"] = 400.0
    assert exposure_columns(frame, "caffeine") == ["caffeine_mg"]
    assert "drinks_target_ml" not in exposure_columns(frame, "drinks")


def test_analyze_names_the_trial_days_left_out(ctx: Context) -> None:
    shape = Shape(rate_ratio=0.4)
    trial = start_trial(ctx, shape, 8)
    fill(ctx, trial, shape, 9)
    result = analysis.analyze(ctx)
    assert result["experiments"]["excluded"] == [
        {"from": START.isoformat(), "to": trial.plan.end.isoformat(),
         "exposures": ["magnesium"]}]
    assert not result["nutrients"]["magnesium"]["enough_data"]
