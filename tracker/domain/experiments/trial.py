"""A saved trial: its plan, the schedule drawn for it, and where it stands on a given day."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from tracker.domain.entries import new_id
from tracker.domain.experiments.plan import TrialPlan
from tracker.domain.experiments.schedule import Block, DayPhase, blocks, phase_on

RUNNING, FINISHED, STOPPED, ABANDONED = "running", "finished", "stopped", "abandoned"


@dataclass(frozen=True)
class Trial:
    """``status`` as stored; ``stopped_on`` is the last day a stopped or abandoned trial ran."""

    plan: TrialPlan
    phases: tuple[str, ...]  # per block, in calendar order
    status: str = RUNNING
    stopped_on: dt.date | None = None
    created_at: dt.datetime = field(
        default_factory=lambda: dt.datetime.now().replace(microsecond=0))
    id: str = field(default_factory=new_id)

    def blocks(self) -> list[Block]:
        return blocks(self.plan, self.phases)

    def status_on(self, today: dt.date) -> str:
        """running, finished (the schedule is over), stopped or abandoned."""
        if self.status in (STOPPED, ABANDONED):
            return self.status
        return FINISHED if today > self.plan.end or self.status == FINISHED else RUNNING

    def last_day(self, today: dt.date) -> dt.date:
        """The last day the analysis may read: the day before ``today`` while it runs
        (today is not over yet), the last scheduled day, or the day it was stopped."""
        if self.stopped_on is not None:
            return min(self.stopped_on, self.plan.end)
        return min(self.plan.end, today - dt.timedelta(days=1))

    @property
    def span_end(self) -> dt.date:
        """The last day the schedule was in force."""
        return min(self.stopped_on, self.plan.end) if self.stopped_on else self.plan.end

    def phase_on(self, day: dt.date) -> DayPhase | None:
        if self.stopped_on is not None and day > self.stopped_on:
            return None
        return phase_on(self.plan, self.phases, day)
