"""Backup rotation keeps the newest backup of each of the last 7 days, 4 weeks and 6 months.

The counts are the product's promise (README, Data safety), so they are written here
rather than read from the rotation module: a change to them must change this test.
"""

from __future__ import annotations

import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st

from tracker.domain.rotation import backup_due, backups_to_keep, copies_to_keep

KEEP_DAILY, KEEP_WEEKLY, KEEP_MONTHLY = 7, 4, 6
KEEP_AT_MOST = 17  # 7 + 4 + 6 when no day, week or month shares a backup
# Copies made before a restore or a migration: the newest five of each are kept.
SAFETY_REASONS = ("before-restore", "before-migration")
KEEP_SAFETY_COPIES = 5

UTC = dt.UTC
stamps = st.lists(st.datetimes(min_value=dt.datetime(2020, 1, 1), max_value=dt.datetime(2030, 1, 1),
                               timezones=st.just(UTC)), max_size=80)


def _daily(start: dt.datetime, days: int, hour: int = 9) -> list[dt.datetime]:
    return [start + dt.timedelta(days=i, hours=hour) for i in range(days)]


def test_nothing_to_keep_without_backups() -> None:
    assert backups_to_keep([]) == set()


def test_a_year_of_daily_backups_keeps_7_days_then_weeks_then_months() -> None:
    year = _daily(dt.datetime(2025, 1, 1, tzinfo=UTC), 365)
    kept = sorted(backups_to_keep(year), reverse=True)

    def day(month: int, day: int) -> dt.datetime:
        return dt.datetime(2025, month, day, 9, tzinfo=UTC)

    assert kept == [
        # the last 7 days, 25 to 31 December
        *(day(12, d) for d in range(31, 24, -1)),
        # the newest of the 4 latest ISO weeks: 29-31 Dec (week 1 of 2026) and 22-28 Dec
        # are in already, then Sundays 21 and 14 December
        day(12, 21), day(12, 14),
        # the newest of the 6 latest months: December is in already, then November to July
        day(11, 30), day(10, 31), day(9, 30), day(8, 31), day(7, 31),
    ]


def test_several_backups_a_day_keep_the_newest_of_each_day() -> None:
    day = dt.datetime(2026, 11, 20, tzinfo=UTC)
    same_day = [day + dt.timedelta(hours=h) for h in (1, 5, 13, 22)]
    assert backups_to_keep(same_day) == {same_day[-1]}


def test_gaps_count_days_with_backups_not_calendar_days() -> None:
    # a laptop left in a drawer: ten backups a month apart all fall in distinct days
    sparse = [dt.datetime(2025, m, 3, tzinfo=UTC) for m in range(1, 11)]
    kept = backups_to_keep(sparse)
    # the 7 newest days (April to October) hold the 6 newest months and weeks too
    assert kept == {dt.datetime(2025, m, 3, tzinfo=UTC) for m in range(4, 11)}


@given(stamps)
def test_newest_is_always_kept_and_at_most_17(values: list[dt.datetime]) -> None:
    kept = backups_to_keep(values)
    assert kept <= set(values)
    if values:
        assert max(values) in kept
    assert len(kept) <= KEEP_AT_MOST


@given(stamps)
def test_rotation_is_stable(values: list[dt.datetime]) -> None:
    kept = backups_to_keep(values)
    assert backups_to_keep(kept) == kept


@given(stamps)
@settings(max_examples=200)
def test_each_recent_day_week_and_month_keeps_its_newest(values: list[dt.datetime]) -> None:
    kept = backups_to_keep(values)
    for bucket, count in ((lambda s: s.date(), KEEP_DAILY),
                          (lambda s: s.isocalendar()[:2], KEEP_WEEKLY),
                          (lambda s: (s.year, s.month), KEEP_MONTHLY)):
        newest: dict[object, dt.datetime] = {}
        for stamp in values:
            key = bucket(stamp)
            newest[key] = max(newest.get(key, stamp), stamp)
        recent = sorted(newest.values(), reverse=True)[:count]
        assert set(recent) <= kept


@given(stamps, st.datetimes(min_value=dt.datetime(2020, 1, 1), timezones=st.just(UTC)))
def test_a_new_backup_never_drops_one_that_stays_recent(values: list[dt.datetime],
                                                        extra: dt.datetime) -> None:
    before = backups_to_keep(values)
    after = backups_to_keep([*values, extra])
    assert after <= before | {extra}


def test_backup_due() -> None:
    now = dt.datetime(2026, 11, 25, 12, tzinfo=UTC)
    assert backup_due(None, now)
    assert not backup_due(now - dt.timedelta(hours=23), now)
    assert backup_due(now - dt.timedelta(days=1), now)
    assert backup_due(now + dt.timedelta(days=3), now), "a clock set back must not stop backups"
    assert not backup_due(now + dt.timedelta(minutes=1), now)


def test_safety_copies_outlive_routine_backups() -> None:
    day = dt.datetime(2026, 11, 25, tzinfo=UTC)
    before_restore = (day + dt.timedelta(hours=10), "before-restore")
    routine = [(day + dt.timedelta(hours=h), "quit") for h in (9, 12, 18)]
    kept = copies_to_keep([before_restore, *routine])
    assert before_restore in kept, "a quit backup the same day must not push it out"
    assert kept - {before_restore} == {routine[-1]}


@given(st.lists(st.tuples(st.datetimes(timezones=st.just(UTC)),
                          st.sampled_from(["manual", "daily", "quit", *SAFETY_REASONS])),
                max_size=60))
def test_safety_copies_are_bounded_and_newest_kept(items: list[tuple[dt.datetime, str]]) -> None:
    kept = copies_to_keep(items)
    assert kept <= set(items)
    for kind in SAFETY_REASONS:
        mine = sorted({i for i in items if i[1] == kind}, reverse=True)
        assert set(mine[:KEEP_SAFETY_COPIES]) <= kept
        assert len([k for k in kept if k[1] == kind]) <= KEEP_SAFETY_COPIES
    routine = {i for i in items if i[1] not in SAFETY_REASONS}
    assert len(kept & routine) <= KEEP_AT_MOST


def test_the_newest_backup_is_kept_with_every_count_at_zero() -> None:
    year = _daily(dt.datetime(2025, 1, 1, tzinfo=UTC), 40)
    assert backups_to_keep(year, daily=0, weekly=0, monthly=0) == {
        dt.datetime(2025, 2, 9, 9, tzinfo=UTC)}


def test_a_backup_up_to_five_minutes_ahead_is_clock_drift_not_a_clock_set_back() -> None:
    now = dt.datetime(2026, 11, 25, 12, tzinfo=UTC)
    assert not backup_due(now + dt.timedelta(minutes=5), now)
    assert backup_due(now + dt.timedelta(minutes=5, seconds=1), now)
    assert backup_due(now + dt.timedelta(minutes=6), now)


def test_seven_copies_before_a_restore_keep_the_newest_five() -> None:
    day = dt.datetime(2026, 11, 25, tzinfo=UTC)
    copies = [(day + dt.timedelta(hours=h), "before-restore") for h in range(1, 8)]
    migrations = [(day + dt.timedelta(hours=h, minutes=30), "before-migration")
                  for h in range(1, 7)]
    kept = copies_to_keep([*copies, *migrations])
    assert kept == {*copies[2:], *migrations[1:]}
