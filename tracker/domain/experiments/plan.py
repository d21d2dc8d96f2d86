"""What a person plans to test, and the rules a plan must follow before it is saved.

A trial alternates ON blocks (the change being tested) and OFF blocks (as
usual) in pairs; each pair holds one block of each in a randomised order.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from tracker.domain.errors import UserError
from tracker.domain.validation import check_date

SUPPLEMENT = "supplement"
CAFFEINE_LIMIT = "caffeine-limit"
DRINKS_MIN = "drinks-min"
KINDS: tuple[str, ...] = (SUPPLEMENT, CAFFEINE_LIMIT, DRINKS_MIN)

# What is counted each day: every episode logged, or cramps only.
OUTCOMES: tuple[str, ...] = ("episodes", "cramps")

BLOCK_LENGTHS: tuple[int, ...] = (7, 14)
MIN_PAIRS, MAX_PAIRS = 3, 10
# A supplement's effect builds over days, so its blocks are longer and the first
# days of each are not counted; caffeine and drinks act within a day or so.
DEFAULT_BLOCK_DAYS: dict[str, int] = {SUPPLEMENT: 14, CAFFEINE_LIMIT: 7, DRINKS_MIN: 7}
DEFAULT_WASHIN_DAYS: dict[str, int] = {SUPPLEMENT: 3, CAFFEINE_LIMIT: 1, DRINKS_MIN: 1}
DEFAULT_PAIRS = 6
MAX_SEED = 2**63 - 1
MAX_LIMIT_MG = 1000.0
MIN_DRINKS_ML, MAX_DRINKS_ML = 250.0, 6000.0
MAX_UNITS = 100.0

STATUSES: tuple[str, ...] = ("running", "finished", "stopped", "abandoned")


@dataclass(frozen=True)
class TrialPlan:
    """A trial as planned; ``units``, ``limit_mg`` and ``min_ml`` belong to one kind each."""

    kind: str
    block_days: int
    pairs: int
    washin_days: int
    start: dt.date
    seed: int
    product_id: str | None = None
    units: float | None = None
    limit_mg: float | None = None
    min_ml: float | None = None
    outcome: str = "episodes"

    @property
    def days(self) -> int:
        return 2 * self.pairs * self.block_days

    @property
    def end(self) -> dt.date:
        return self.start + dt.timedelta(days=self.days - 1)

    @property
    def weeks(self) -> int:
        return self.days // 7

    @property
    def counted_days_per_block(self) -> int:
        return self.block_days - self.washin_days


def check_plan(plan: TrialPlan) -> TrialPlan:
    """``plan`` if every field is within the rules, else a UserError naming the field."""
    if plan.kind not in KINDS:
        raise UserError(f"{plan.kind!r} is not a kind of self-experiment (choose "
                        f"{', '.join(KINDS)}).", "kind")
    if plan.block_days not in BLOCK_LENGTHS:
        raise UserError("Blocks last 7 or 14 days.", "block_days")
    if not MIN_PAIRS <= plan.pairs <= MAX_PAIRS:
        raise UserError(f"A trial has {MIN_PAIRS} to {MAX_PAIRS} pairs of blocks, not "
                        f"{plan.pairs}.", "pairs")
    most = plan.block_days // 2
    if not 0 <= plan.washin_days <= most:
        raise UserError(f"Wash-in days must be 0 to {most} for {plan.block_days}-day blocks, "
                        "so most of each block is counted.", "washin_days")
    check_date(plan.start, "start")
    check_date(plan.end, "start")
    if not 0 <= plan.seed <= MAX_SEED:
        raise UserError("The seed must be a whole number from 0 to 2^63 - 1.", "seed")
    if plan.outcome not in OUTCOMES:
        raise UserError(f"The outcome is one of {', '.join(OUTCOMES)}.", "outcome")
    _check_dose(plan)
    return plan


def _check_dose(plan: TrialPlan) -> None:
    given = {"units": plan.units, "limit_mg": plan.limit_mg, "min_ml": plan.min_ml}
    wanted = {SUPPLEMENT: "units", CAFFEINE_LIMIT: "limit_mg", DRINKS_MIN: "min_ml"}[plan.kind]
    extra = [name for name, value in given.items() if value is not None and name != wanted]
    if extra or (plan.product_id is not None) != (plan.kind == SUPPLEMENT):
        raise UserError(f"A {plan.kind} trial takes only "
                        f"{'a product and its units' if wanted == 'units' else wanted}.", "kind")
    value = given[wanted]
    if plan.kind == SUPPLEMENT:
        if not plan.product_id:
            raise UserError("Choose the supplement product to test.", "product")
        if value is None or not 0 < value <= MAX_UNITS:
            raise UserError(f"The daily dose is more than 0 and at most {MAX_UNITS:g} units.",
                            "units")
    elif plan.kind == CAFFEINE_LIMIT:
        if value is None or not 0 <= value <= MAX_LIMIT_MG:
            raise UserError(f"The caffeine limit is 0 to {MAX_LIMIT_MG:g} mg a day.", "limit_mg")
    elif value is None or not MIN_DRINKS_ML <= value <= MAX_DRINKS_ML:
        raise UserError(f"The drinks minimum is {MIN_DRINKS_ML:g} to {MAX_DRINKS_ML:,.0f} ml "
                        "a day.", "min_ml")


def with_defaults(kind: str, start: dt.date, seed: int, *, block_days: int | None = None,
                  pairs: int = DEFAULT_PAIRS, washin_days: int | None = None,
                  product_id: str | None = None, units: float | None = None,
                  limit_mg: float | None = None, min_ml: float | None = None,
                  outcome: str = "episodes") -> TrialPlan:
    """A plan with the kind's default block length and wash-in where none is given."""
    if kind not in KINDS:
        raise UserError(f"{kind!r} is not a kind of self-experiment (choose "
                        f"{', '.join(KINDS)}).", "kind")
    return TrialPlan(kind, block_days or DEFAULT_BLOCK_DAYS[kind], pairs,
                     DEFAULT_WASHIN_DAYS[kind] if washin_days is None else washin_days,
                     start, seed, product_id, units, limit_mg, min_ml, outcome)
