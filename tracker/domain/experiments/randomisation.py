"""The exact randomisation test of a balanced ON/OFF trial.

Each block's value is ``log(rate + 0.5)``, where the rate is the outcome per
counted day (the 0.5 keeps a block without episodes finite). The statistic is
the mean value of the OFF blocks minus the mean of the ON blocks: positive when
ON blocks had fewer episodes.

The schedule was drawn uniformly from every order with ``pairs`` ON and
``pairs`` OFF blocks. If ON and OFF made no difference, each of those orders
was as likely to come with the data seen. The two-sided p-value is the share of
all of them whose statistic is at least as far from zero as the observed one.
The observed order and its mirror image (ON and OFF swapped) always count, so
no result can go below ``2 / C(2 × pairs, pairs)``.

When only some blocks can be compared (a trial stopped early, a block without
a logged day), the same orders are used, each seen only on the blocks that
are compared; an order that leaves one side empty there has statistic 0.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Sequence
from fractions import Fraction

OFFSET = 0.5
ALPHA = 0.05
# Orders whose statistic equals the observed one up to rounding count as "at
# least as extreme": the same sum added in another order may differ in the last bit.
_TOLERANCE = 1e-9


def block_value(rate: float) -> float:
    return math.log(rate + OFFSET)


def statistic(values: Sequence[float], on: Sequence[bool]) -> float:
    """Mean of the OFF values minus mean of the ON values; 0 when a side is empty."""
    on_values = [v for v, is_on in zip(values, on, strict=True) if is_on]
    off_values = [v for v, is_on in zip(values, on, strict=True) if not is_on]
    if not on_values or not off_values:
        return 0.0
    return sum(off_values) / len(off_values) - sum(on_values) / len(on_values)


def orders(pairs: int) -> int:
    """How many schedules the design can draw: C(2 × pairs, pairs)."""
    return math.comb(2 * pairs, pairs)


def _weight(pairs: int, compared: int, on_count: int) -> int:
    """How many full schedules show ``on_count`` ON among ``compared`` given blocks."""
    rest_on = pairs - on_count
    rest = 2 * pairs - compared
    return math.comb(rest, rest_on) if 0 <= rest_on <= rest else 0


def randomisation_p(values: Sequence[float], on: Sequence[bool], pairs: int) -> float | None:
    """Two-sided exact p-value over every schedule the design could have drawn.

    ``values`` and ``on`` describe the blocks compared (at most ``2 × pairs``).
    None when one side has no block. Every pattern of ON among the compared
    blocks is enumerated, weighted by how many full schedules show it.
    """
    n = len(values)
    if n > 2 * pairs or len(on) != n:
        raise ValueError("more blocks than the plan has")
    if not any(on) or all(on):
        return None
    total = sum(values)
    observed = abs(statistic(values, on))
    threshold = observed - _TOLERANCE * max(sum(abs(v) for v in values), 1.0)
    extreme = 0
    for k in range(1, n):
        weight = _weight(pairs, n, k)
        if weight == 0:
            continue
        for chosen in itertools.combinations(values, k):
            on_sum = sum(chosen)
            if abs((total - on_sum) / (n - k) - on_sum / k) >= threshold:
                extreme += weight
    if observed <= threshold:  # orders leaving a side empty have statistic 0
        extreme += _weight(pairs, n, 0) + _weight(pairs, n, n)
    return extreme / orders(pairs)


def min_possible_p(pairs: int, on: Sequence[bool] | None = None) -> Fraction:
    """The smallest p-value the test can return.

    For the whole plan it is exactly ``2 / C(2 × pairs, pairs)``. With ``on``
    given (the phases of the blocks compared, when fewer than all), it is the
    share of full schedules that show that pattern or its mirror image there.
    """
    if pairs < 1:
        raise ValueError("a trial has at least one pair")
    if on is None:
        return Fraction(2, orders(pairs))
    k = sum(bool(x) for x in on)
    if k in (0, len(on)):
        return Fraction(1)
    same = _weight(pairs, len(on), k)
    mirror = _weight(pairs, len(on), len(on) - k)
    return Fraction(same + mirror, orders(pairs))


def can_reach(pairs: int, alpha: float = ALPHA) -> bool:
    """Whether any outcome of a ``pairs``-pair trial could give p <= ``alpha``."""
    return pairs >= 1 and float(min_possible_p(pairs)) <= alpha


def fewest_pairs(alpha: float = ALPHA) -> int:
    """The fewest pairs whose test can reach ``alpha`` (4 for 0.05)."""
    return next(n for n in itertools.count(1) if can_reach(n, alpha))
