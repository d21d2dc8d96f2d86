"""Reading adherence from what is logged, day by day and block by block.

A day of a trial is adherent, non-adherent or not logged:

- not logged: nothing at all was logged that day (no entry of any kind and no
  day notes), so neither adherence nor the outcome is known;
- supplement trials: an ON day is adherent when at least the planned units of
  the product are logged; an OFF day when none are;
- caffeine-limit trials: an ON day is adherent when the day's caffeine (foods
  and caffeine entries) stays at or under the limit; drinks-min trials: when the
  day's drinks reach the minimum. OFF days of these two are "as usual", so any
  logged OFF day is adherent.

Adherence of a block is adherent / (adherent + non-adherent) over its days so
far, wash-in included (that is when a change takes hold); below 80 % it is
reported.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass

from tracker.domain.experiments.plan import CAFFEINE_LIMIT, SUPPLEMENT, TrialPlan
from tracker.domain.experiments.schedule import ON, Block, blocks

ADHERENT, NON_ADHERENT, NOT_LOGGED = "adherent", "non_adherent", "not_logged"
LOW_ADHERENCE = 0.8
# Units are typed with decimals; a dose within this of the plan counts as the plan.
_UNITS_SLACK = 1e-6


@dataclass(frozen=True)
class DayRecord:
    """What a trial needs from one diary day."""

    date: dt.date
    logged: bool
    episodes: int = 0
    cramps: int = 0
    intensity_sum: int = 0
    dose_units: float = 0.0  # units of the tested product
    caffeine_mg: float | None = None
    drinks_ml: float | None = None


def day_adherence(plan: TrialPlan, phase: str, record: DayRecord | None) -> str:
    if record is None or not record.logged:
        return NOT_LOGGED
    if plan.kind == SUPPLEMENT:
        wanted = plan.units or 0.0
        ok = (record.dose_units >= wanted - _UNITS_SLACK if phase == ON
              else record.dose_units <= 0.0)
    elif phase != ON:
        ok = True
    elif plan.kind == CAFFEINE_LIMIT:
        ok = (record.caffeine_mg or 0.0) <= (plan.limit_mg or 0.0)
    else:
        ok = (record.drinks_ml or 0.0) >= (plan.min_ml or 0.0)
    return ADHERENT if ok else NON_ADHERENT


@dataclass(frozen=True)
class BlockTally:
    """One block's days so far: adherence, and the outcome on its counted days."""

    block: Block
    complete: bool
    elapsed_days: int
    adherent: int
    non_adherent: int
    not_logged: int
    counted_days: int  # logged days after the wash-in
    events: int  # the trial's outcome (episodes or cramps) on counted days
    cramps: int
    intensity_sum: int
    intensity_n: int  # episodes whose intensity is in intensity_sum
    pp_days: int  # counted days that were also adherent (per protocol)
    pp_events: int

    @property
    def adherence(self) -> float | None:
        known = self.adherent + self.non_adherent
        return self.adherent / known if known else None

    @property
    def low_adherence(self) -> bool:
        return self.adherence is not None and self.adherence < LOW_ADHERENCE


def tally(plan: TrialPlan, phases: tuple[str, ...], records: Mapping[dt.date, DayRecord],
          last_day: dt.date) -> list[BlockTally]:
    """Every block that began by ``last_day``, counting its days up to ``last_day``."""
    out = []
    for block in blocks(plan, phases):
        if block.start > last_day:
            break
        out.append(_tally_block(plan, block, records, last_day))
    return out


def _tally_block(plan: TrialPlan, block: Block, records: Mapping[dt.date, DayRecord],
                 last_day: dt.date) -> BlockTally:
    counts = {ADHERENT: 0, NON_ADHERENT: 0, NOT_LOGGED: 0}
    counted = events = cramps = intensity_sum = intensity_n = pp_days = pp_events = 0
    elapsed = [day for day in block.days() if day <= last_day]
    for day in elapsed:
        record = records.get(day)
        state = day_adherence(plan, block.phase, record)
        counts[state] += 1
        if record is None or state == NOT_LOGGED or day < block.counted_from:
            continue
        outcome = record.cramps if plan.outcome == "cramps" else record.episodes
        counted += 1
        events += outcome
        cramps += record.cramps
        intensity_sum += record.intensity_sum
        intensity_n += record.episodes
        if state == ADHERENT:
            pp_days += 1
            pp_events += outcome
    return BlockTally(block, block.end <= last_day, len(elapsed), counts[ADHERENT],
                      counts[NON_ADHERENT], counts[NOT_LOGGED], counted, events, cramps,
                      intensity_sum, intensity_n, pp_days, pp_events)


def share(tallies: list[BlockTally], phase: str) -> float | None:
    """Adherence over every block of ``phase``: adherent days among the logged ones."""
    chosen = [t for t in tallies if t.block.phase == phase]
    known = sum(t.adherent + t.non_adherent for t in chosen)
    return sum(t.adherent for t in chosen) / known if known else None
