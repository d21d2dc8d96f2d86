"""Keeping self-experiment phases out of the relationship analysis.

During a trial the person changes one exposure on purpose, ON and OFF in a
random order. If the change works, episodes follow it, and the relationship
analysis would see a "shortfall pattern" that is really the trial. Two things
keep it out:

- every day of a trial is marked ``excluded`` in the daily frame, the hook the
  relationship analysis provides: such a day is never an outcome day. (Other
  exposures lose these days too: the person knows the phase and may change other
  habits with it, so the phase could masquerade as any of them.)
- the exposures the trial changes (the nutrients of the tested supplement,
  caffeine, or drinks) are unknown on its days, so no window after the trial is
  filled from the intake the trial imposed.

The trial's own analysis is where its effect is measured.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

import numpy as np
import pandas as pd

# Daily-frame columns that carry no exposure value even though they start with a key.
_KEEP_SUFFIXES = ("_target_mg", "_target_ug", "_target_ml", "_limit_mg", "_known_fraction")

Span = tuple[dt.date, dt.date, tuple[str, ...]]


def exposure_columns(frame: pd.DataFrame, key: str) -> list[str]:
    """The value columns of exposure ``key`` in the daily frame (amounts and percents)."""
    prefix = f"{key}_"
    return [c for c in frame.columns if c.startswith(prefix)
            and not c.endswith(_KEEP_SUFFIXES) and "upper_limit" not in c
            and "target" not in c]


def mask_trial_days(frame: pd.DataFrame, spans: Sequence[Span]) -> tuple[pd.DataFrame, int]:
    """A copy of ``frame`` with each span's days excluded and its exposures unknown there,
    and how many days were excluded."""
    if not spans or frame.empty:
        return frame, 0
    out = frame.copy()
    index = pd.DatetimeIndex(pd.to_datetime(out.index)).normalize()
    excluded = np.zeros(len(out), dtype=bool)
    if "excluded" in out.columns:
        excluded |= out["excluded"].fillna(False).to_numpy(dtype=bool)
    added = 0
    for first, last, keys in spans:
        inside = np.asarray((index >= pd.Timestamp(first)) & (index <= pd.Timestamp(last)))
        added += int((inside & ~excluded).sum())
        excluded |= inside
        for key in keys:
            for column in exposure_columns(out, key):
                out.loc[inside, column] = np.nan
    out["excluded"] = excluded
    return out, added
