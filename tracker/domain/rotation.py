"""Which automatic backups to keep: the newest of each recent day, week and month.

Pure rules over timestamps, so they can be tested without files. The buckets
are counted over periods that *have* backups, not calendar periods back from
today: a laptop left in a drawer for a year still keeps its last backups.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Hashable, Iterable

KEEP_DAILY = 7
KEEP_WEEKLY = 4
KEEP_MONTHLY = 6
BACKUP_INTERVAL = dt.timedelta(days=1)
# Copies made just before a restore or a migration are the only way back from a
# wrong restore or a bad update, so routine backups never push them out; the
# newest few of each kind are kept instead.
SAFETY_REASONS = ("before-restore", "before-migration")
KEEP_SAFETY_COPIES = 5


def _day(stamp: dt.datetime) -> Hashable:
    return stamp.date()


def _week(stamp: dt.datetime) -> Hashable:
    iso = stamp.isocalendar()
    return iso.year, iso.week


def _month(stamp: dt.datetime) -> Hashable:
    return stamp.year, stamp.month


def _newest_per_bucket(ordered: list[dt.datetime], bucket: Callable[[dt.datetime], Hashable],
                       count: int) -> set[dt.datetime]:
    kept: set[dt.datetime] = set()
    seen: set[Hashable] = set()
    for stamp in ordered:
        key = bucket(stamp)
        if key in seen:
            continue
        if len(seen) == count:
            break
        seen.add(key)
        kept.add(stamp)
    return kept


def backups_to_keep(stamps: Iterable[dt.datetime], daily: int = KEEP_DAILY,
                    weekly: int = KEEP_WEEKLY, monthly: int = KEEP_MONTHLY) -> set[dt.datetime]:
    """The stamps to keep: the newest in each of the ``daily`` most recent days with a
    backup, likewise ``weekly`` ISO weeks and ``monthly`` months. The newest overall is
    always kept, even with every count at zero."""
    ordered = sorted(set(stamps), reverse=True)
    if not ordered:
        return set()
    keep = {ordered[0]}
    keep |= _newest_per_bucket(ordered, _day, daily)
    keep |= _newest_per_bucket(ordered, _week, weekly)
    keep |= _newest_per_bucket(ordered, _month, monthly)
    return keep


def backup_due(last: dt.datetime | None, now: dt.datetime,
               interval: dt.timedelta = BACKUP_INTERVAL) -> bool:
    """True when no backup exists, the newest is ``interval`` old, or it lies in the future
    (the clock was set back), so a wrong clock never stops backups for good."""
    if last is None:
        return True
    return now - last >= interval or last > now + dt.timedelta(minutes=5)


def copies_to_keep(backups: Iterable[tuple[dt.datetime, str]]) -> set[tuple[dt.datetime, str]]:
    """Which (stamp, reason) backups to keep: routine ones by ``backups_to_keep``, and
    the newest KEEP_SAFETY_COPIES of each safety reason."""
    items = set(backups)
    routine = {stamp for stamp, reason in items if reason not in SAFETY_REASONS}
    keep = {(stamp, reason) for stamp, reason in items
            if reason not in SAFETY_REASONS and stamp in backups_to_keep(routine)}
    for kind in SAFETY_REASONS:
        copies = sorted((item for item in items if item[1] == kind), reverse=True)
        keep.update(copies[:KEEP_SAFETY_COPIES])
    return keep
