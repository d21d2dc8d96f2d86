"""Self-experiment design: plan rules, the seeded schedule and the exact randomisation test.

Expected values are worked out here by hand or by brute force written for the
test, never taken from the implementation's own constants.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import itertools
import math
import random

import pytest

from tracker.domain.errors import UserError
from tracker.domain.experiments.plan import TrialPlan, check_plan, with_defaults
from tracker.domain.experiments.randomisation import (
    can_reach,
    fewest_pairs,
    min_possible_p,
    randomisation_p,
)
from tracker.domain.experiments.schedule import blocks, parse_schedule, randomise, schedule_text
from tracker.domain.experiments.wording import reach_note

START = dt.date(2026, 3, 2)


def test_defaults_follow_the_kind() -> None:
    supplement = with_defaults("supplement", START, 1, product_id="p", units=1.0)
    caffeine = with_defaults("caffeine-limit", START, 1, limit_mg=100.0)
    drinks = with_defaults("drinks-min", START, 1, min_ml=2000.0)
    assert (supplement.block_days, supplement.washin_days) == (14, 3)
    assert (caffeine.block_days, caffeine.washin_days) == (7, 1)
    assert (drinks.block_days, drinks.washin_days) == (7, 1)
    assert supplement.days == 6 * 2 * 14 and supplement.end == dt.date(2026, 8, 16)


@pytest.mark.parametrize(("change", "field", "words"), [
    ({"pairs": 2}, "pairs", "3 to 10 pairs of blocks, not 2"),
    ({"pairs": 11}, "pairs", "3 to 10 pairs of blocks, not 11"),
    ({"block_days": 10}, "block_days", "Blocks last 7 or 14 days"),
    ({"washin_days": 4}, "washin_days", "Wash-in days must be 0 to 3 for 7-day blocks"),
    ({"kind": "sleep"}, "kind", "'sleep' is not a kind of self-experiment"),
    ({"seed": -1}, "seed", "The seed must be a whole number"),
    ({"units": 0.0}, "units", "more than 0 and at most 100 units"),
    ({"limit_mg": 100.0}, "kind", "A supplement trial takes only a product and its units"),
])
def test_plan_rules_refuse_bad_fields(change: dict, field: str, words: str) -> None:
    base = dict(kind="supplement", block_days=7, pairs=6, washin_days=1, start=START, seed=3,
                product_id="p", units=1.0)
    base.update(change)
    with pytest.raises(UserError) as err:
        check_plan(TrialPlan(**base))  # type: ignore[arg-type]
    assert err.value.field == field
    assert words in err.value.message


def _by_hand(pairs: int, seed: int) -> tuple[str, ...]:
    """The documented rule, written out again: sort block numbers by SHA-256, first half ON."""
    digests = {i: hashlib.sha256(f"{seed}:{i}".encode()).hexdigest() for i in range(2 * pairs)}
    first_half = sorted(digests, key=digests.__getitem__)[:pairs]
    return tuple("on" if i in first_half else "off" for i in range(2 * pairs))


def test_same_seed_same_schedule_and_the_documented_rule() -> None:
    for seed in (0, 1, 42, 2**40 + 7):
        assert randomise(6, seed) == randomise(6, seed) == _by_hand(6, seed)
    assert randomise(6, 42).count("on") == 6


def test_different_seeds_give_different_schedules() -> None:
    assert randomise(6, 1) != randomise(6, 2)
    drawn = [randomise(6, seed) for seed in range(300)]
    # 924 balanced orders: 300 seeds give well over 200 distinct ones, and every
    # block is ON about half the time.
    assert len(set(drawn)) > 200
    for block in range(12):
        share = sum(d[block] == "on" for d in drawn) / len(drawn)
        assert 0.38 < share < 0.62


def test_schedule_text_round_trips() -> None:
    phases = randomise(5, 9)
    assert parse_schedule(schedule_text(phases), 5) == phases
    with pytest.raises(UserError, match="must list 6 blocks, each 'on' or 'off'") as err:
        parse_schedule("on on on off off on", 3)
    assert err.value.field == "schedule"


def test_blocks_and_wash_in() -> None:
    plan = with_defaults("drinks-min", START, 5, pairs=3, min_ml=2000.0, washin_days=2)
    found = blocks(plan, ("on", "off", "off", "on", "on", "off"))
    assert [(b.start, b.end, b.phase) for b in found[:2]] == [
        (START, dt.date(2026, 3, 8), "on"), (dt.date(2026, 3, 9), dt.date(2026, 3, 15), "off")]
    assert found[1].counted_from == dt.date(2026, 3, 11)


def brute_force_p(values: list[float], on: list[bool], pairs: int) -> float:
    """Every balanced 0/1 vector over all 2 × pairs blocks, seen on the first len(values)."""
    n = len(values)

    def stat(flags: tuple[bool, ...]) -> float:
        a = [v for v, f in zip(values, flags, strict=True) if f]
        b = [v for v, f in zip(values, flags, strict=True) if not f]
        return 0.0 if not a or not b else sum(b) / len(b) - sum(a) / len(a)

    observed = abs(stat(tuple(on)))
    hits = total = 0
    for full in itertools.product((True, False), repeat=2 * pairs):
        if sum(full) != pairs:
            continue
        total += 1
        if abs(stat(full[:n])) >= observed - 1e-9 * max(sum(map(abs, values)), 1.0):
            hits += 1
    return hits / total


@pytest.mark.parametrize("pairs", [3, 4, 5, 6])
def test_p_value_equals_brute_force_enumeration(pairs: int) -> None:
    rng = random.Random(pairs)
    compared = 0
    for trial in range(12):
        n = 2 * pairs - (trial % 3)  # the whole trial, and trials cut short by a block or two
        values = [math.log(rng.choice([0, 1, 2, 3, 5, 8]) / 6 + 0.5) for _ in range(n)]
        on = [phase == "on" for phase in randomise(pairs, trial)[:n]]
        if all(on) or not any(on):
            continue
        assert randomisation_p(values, on, pairs) == pytest.approx(
            brute_force_p(values, on, pairs), abs=1e-12)
        compared += 1
    assert compared >= 10


def test_min_possible_p_is_exact() -> None:
    # C(6,3) = 20, C(8,4) = 70, C(12,6) = 924: two of them (the order and its mirror).
    assert float(min_possible_p(3)) == pytest.approx(2 / 20)
    assert float(min_possible_p(4)) == pytest.approx(2 / 70)
    assert float(min_possible_p(6)) == pytest.approx(2 / 924)
    on = [phase == "on" for phase in randomise(6, 11)]
    separated = [5.0 + i if flag else float(i) / 10 for i, flag in enumerate(on)]
    assert randomisation_p(separated, on, 6) == pytest.approx(2 / 924)
    rng = random.Random(5)
    smallest = min(randomisation_p([rng.random() for _ in range(12)], on, 6) or 1
                   for _ in range(300))
    assert smallest >= 2 / 924 - 1e-15


def test_a_three_pair_plan_cannot_reach_0_05() -> None:
    assert not can_reach(3)
    assert can_reach(4)
    assert fewest_pairs() == 4
    note = reach_note(3)
    assert "can never reach p = 0.05" in note and "0.1" in note
    assert reach_note(6) == ""


def test_under_no_effect_at_most_5_percent_of_orders_give_p_0_05() -> None:
    """Exactness: for any fixed data, few of the 924 possible schedules reach p <= 0.05."""
    rng = random.Random(17)
    for _ in range(3):
        values = [math.log(rng.choice([0, 1, 2, 4, 7]) / 6 + 0.5) for _ in range(12)]
        hits = 0
        for chosen in itertools.combinations(range(12), 6):
            on = [i in chosen for i in range(12)]
            p = randomisation_p(values, on, 6)
            assert p is not None
            hits += p <= 0.05
        assert hits <= 0.05 * 924
