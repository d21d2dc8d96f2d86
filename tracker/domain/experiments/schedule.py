"""The randomised order of ON and OFF blocks, and the calendar it gives.

Design: all ``2 × pairs`` blocks are ordered at random under one constraint,
that half are ON and half OFF. Every such order is equally likely. (The
alternative, a coin per pair deciding ON-OFF or OFF-ON, allows only 2^pairs
orders; with 6 pairs its test reaches p <= 0.05 only when all six pairs point
the same way. The balanced design allows C(2 × pairs, pairs) orders, 924 for 6
pairs, and is far more likely to detect a real effect; see
docs/self-experiments.md.)

The order comes from the recorded seed through SHA-256, so the same seed gives
the same schedule on any machine and in any later version, and anyone can
recompute it: sort the blocks by ``sha256("<seed>:<block number>")`` (block
numbers from 0) and make the first half ON. The schedule is also stored as
drawn, so a diary keeps it even if this rule ever changed.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
from dataclasses import dataclass

from tracker.domain.errors import UserError
from tracker.domain.experiments.plan import MAX_SEED, TrialPlan

ON, OFF = "on", "off"
PHASES: tuple[str, ...] = (ON, OFF)


def new_seed() -> int:
    """A fresh seed, recorded with the plan so the draw can be checked later."""
    return secrets.randbelow(2**31)


def randomise(pairs: int, seed: int) -> tuple[str, ...]:
    """The phase of each block, in calendar order: ``pairs`` ON and ``pairs`` OFF."""
    if not 0 <= seed <= MAX_SEED:
        raise UserError("The seed must be a whole number from 0 to 2^63 - 1.", "seed")
    n = 2 * pairs
    ranked = sorted(range(n), key=lambda i: hashlib.sha256(f"{seed}:{i}".encode()).digest())
    on = set(ranked[:pairs])
    return tuple(ON if i in on else OFF for i in range(n))


def schedule_text(phases: tuple[str, ...]) -> str:
    """``on off off on …``: one word per block."""
    return " ".join(phases)


def parse_schedule(text: str, pairs: int) -> tuple[str, ...]:
    """The phases ``schedule_text`` wrote; a UserError for anything else."""
    words = tuple(text.split())
    if (len(words) != 2 * pairs or any(w not in PHASES for w in words)
            or words.count(ON) != pairs):
        raise UserError(f"The schedule must list {2 * pairs} blocks, each 'on' or 'off', half "
                        "of them 'on'.", "schedule")
    return words


@dataclass(frozen=True)
class Block:
    """One block of the schedule; days before ``counted_from`` are wash-in, not counted."""

    index: int
    phase: str  # ON or OFF
    start: dt.date
    end: dt.date
    counted_from: dt.date

    def days(self) -> list[dt.date]:
        return [self.start + dt.timedelta(days=i) for i in range((self.end - self.start).days + 1)]


def blocks(plan: TrialPlan, phases: tuple[str, ...]) -> list[Block]:
    """The trial's blocks in calendar order."""
    length = plan.block_days
    out = []
    for i, phase in enumerate(phases):
        start = plan.start + dt.timedelta(days=i * length)
        out.append(Block(i, phase, start, start + dt.timedelta(days=length - 1),
                         start + dt.timedelta(days=plan.washin_days)))
    return out


@dataclass(frozen=True)
class DayPhase:
    """Where a day falls in a trial: its block, the week number and whether it counts."""

    block: Block
    week: int
    weeks: int
    washin: bool

    @property
    def phase(self) -> str:
        return self.block.phase


def phase_on(plan: TrialPlan, phases: tuple[str, ...], day: dt.date) -> DayPhase | None:
    """The trial's phase on ``day``, or None outside the schedule."""
    if not plan.start <= day <= plan.end:
        return None
    offset = (day - plan.start).days
    block = blocks(plan, phases)[offset // plan.block_days]
    return DayPhase(block, offset // 7 + 1, plan.weeks, day < block.counted_from)
