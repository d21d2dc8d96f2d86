"""ON against OFF over the completed blocks: rates, the exact test and the verdict.

A block enters the comparison once it is over and has at least one counted,
logged day; a block cut short by a stop, or one with nothing logged after its
wash-in, does not.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass

from tracker.domain.experiments.adherence import BlockTally
from tracker.domain.experiments.randomisation import (
    ALPHA,
    OFFSET,
    block_value,
    min_possible_p,
    randomisation_p,
    statistic,
)
from tracker.domain.experiments.schedule import ON

HELPED, NO_CLEAR_DIFFERENCE, WORSE, NOT_ENOUGH_DATA = (
    "helped", "no_clear_difference", "worse", "not_enough_data")
VERDICTS: tuple[str, ...] = (HELPED, NO_CLEAR_DIFFERENCE, WORSE, NOT_ENOUGH_DATA)

Count = Callable[[BlockTally], int]


def pairs_completed(tallies: list[BlockTally]) -> int:
    """Completed ON blocks matched with completed OFF blocks."""
    done = [t for t in tallies if t.complete]
    return min(sum(t.block.phase == ON for t in done), sum(t.block.phase != ON for t in done))


@dataclass(frozen=True)
class RateComparison:
    """Events per day ON and OFF over the blocks compared, with the exact test."""

    pairs: int  # pairs in the plan, which defines the schedules the test enumerates
    on: tuple[bool, ...]  # per block compared
    values: tuple[float, ...]  # per block compared: log(rate + 0.5)
    log_rates: tuple[float, ...]  # per block compared: log((events + 0.5) / days)
    days_on: int
    days_off: int
    events_on: int
    events_off: int
    p_value: float | None

    @property
    def blocks_on(self) -> int:
        return sum(self.on)

    @property
    def blocks_off(self) -> int:
        return len(self.on) - sum(self.on)

    @property
    def rate_on(self) -> float | None:
        return self.events_on / self.days_on if self.days_on else None

    @property
    def rate_off(self) -> float | None:
        return self.events_off / self.days_off if self.days_off else None

    @property
    def rate_ratio(self) -> float | None:
        """ON rate / OFF rate (below 1: fewer ON); half-event corrected when a side has none."""
        if not (self.days_on and self.days_off):
            return None
        if self.events_on and self.events_off:
            return (self.events_on / self.days_on) / (self.events_off / self.days_off)
        return ((self.events_on + OFFSET) / self.days_on) / ((self.events_off + OFFSET)
                                                            / self.days_off)

    @property
    def statistic(self) -> float:
        return statistic(self.values, self.on)

    @property
    def min_possible_p(self) -> float | None:
        """The smallest p the test could have given for the blocks compared."""
        if not self.on:
            return None
        return float(min_possible_p(self.pairs, self.on))


def compare_rates(tallies: list[BlockTally], pairs: int,
                  days: Count = lambda t: t.counted_days,
                  events: Count = lambda t: t.events) -> RateComparison:
    """ON against OFF on ``events`` per ``days`` over the completed blocks with a day."""
    used = [t for t in tallies if t.complete and days(t)]
    on = tuple(t.block.phase == ON for t in used)
    values = tuple(block_value(events(t) / days(t)) for t in used)
    log_rates = tuple(math.log((events(t) + OFFSET) / days(t)) for t in used)
    return RateComparison(
        pairs, on, values, log_rates,
        sum(days(t) for t in used if t.block.phase == ON),
        sum(days(t) for t in used if t.block.phase != ON),
        sum(events(t) for t in used if t.block.phase == ON),
        sum(events(t) for t in used if t.block.phase != ON),
        randomisation_p(values, on, pairs) if used else None)


@dataclass(frozen=True)
class MeanComparison:
    """Mean intensity ON and OFF over the completed blocks with episodes."""

    blocks: int
    mean_on: float | None
    mean_off: float | None
    p_value: float | None


def compare_intensity(tallies: list[BlockTally], pairs: int) -> MeanComparison:
    used = [t for t in tallies if t.complete and t.intensity_n]
    on = [t.block.phase == ON for t in used]
    # Lower intensity ON gives a positive statistic, as fewer episodes do.
    values = [t.intensity_sum / t.intensity_n for t in used]
    n_on = sum(t.intensity_n for t in used if t.block.phase == ON)
    n_off = sum(t.intensity_n for t in used if t.block.phase != ON)
    return MeanComparison(
        len(used),
        sum(t.intensity_sum for t in used if t.block.phase == ON) / n_on if n_on else None,
        sum(t.intensity_sum for t in used if t.block.phase != ON) / n_off if n_off else None,
        randomisation_p(values, on, pairs) if used else None)


def verdict(comparison: RateComparison, alpha: float = ALPHA) -> str:
    """``not_enough_data`` while the blocks compared cannot reach ``alpha`` at all; then
    ``helped`` or ``worse`` when p <= alpha (by the direction of the statistic), else
    ``no_clear_difference``."""
    reach = comparison.min_possible_p
    if comparison.p_value is None or reach is None or reach > alpha:
        return NOT_ENOUGH_DATA
    if comparison.p_value <= alpha and comparison.statistic > 0:
        return HELPED
    if comparison.p_value <= alpha and comparison.statistic < 0:
        return WORSE
    return NO_CLEAR_DIFFERENCE
