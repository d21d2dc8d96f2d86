"""The one "what changed" summary: which days and things an operation touched."""

from __future__ import annotations

import datetime as dt

from tracker.domain.changes import Changes
from tracker.domain.entries import DayFactors, WaterEntry

MON = dt.date(2026, 3, 9)
SUN = dt.date(2026, 3, 15)


def test_an_entry_focuses_its_day_and_itself() -> None:
    water = WaterEntry(MON, dt.time(9, 0), 250.0)
    changes = Changes.of(water)
    assert changes.dates == {MON}
    assert (changes.focus_date, changes.focus_entry) == (MON, water.id)
    assert changes.diary and not changes.everything


def test_an_edit_that_moves_an_entry_touches_both_days() -> None:
    old = WaterEntry(MON, dt.time(9, 0), 250.0)
    new = WaterEntry(SUN, dt.time(9, 0), 250.0, id=old.id)
    changes = Changes.of(old, new)
    assert changes.dates == {MON, SUN}
    assert changes.focus_date == SUN


def test_a_removed_entry_shows_its_day_with_nothing_to_select() -> None:
    changes = Changes.removed(WaterEntry(SUN, dt.time(9, 0), 250.0))
    assert (changes.dates, changes.focus_date, changes.focus_entry) == ({SUN}, SUN, None)


def test_day_factors_have_no_entry_to_select() -> None:
    changes = Changes.of(DayFactors(MON, sleep_hours=7.0))
    assert (changes.focus_date, changes.focus_entry) == (MON, None)


def test_merging_keeps_every_day_and_flag_and_the_later_focus() -> None:
    first = Changes.of(WaterEntry(MON, dt.time(9, 0), 250.0))
    second = Changes(dates=frozenset([SUN]), focus_date=SUN, supplements=True)
    merged = first | second
    assert merged.dates == {MON, SUN}
    assert merged.focus_date == SUN and merged.supplements and not merged.foods
    assert merged.focus_entry == first.focus_entry


def test_which_views_are_touched() -> None:
    tuesday = MON + dt.timedelta(days=1)
    only_monday = Changes.of_dates([MON])
    assert only_monday.touches_day(MON) and not only_monday.touches_day(tuesday)
    # The week's totals end on the shown day, so Monday's change reaches Sunday's week.
    assert only_monday.touches_period(SUN - dt.timedelta(days=6), SUN)
    assert not only_monday.touches_period(tuesday, SUN)
    # A new profile changes targets everywhere but no day's rows.
    profile = Changes(profile=True)
    assert profile.touches_period(tuesday, SUN) and not profile.touches_day(tuesday)
    assert profile.diary
    # Units change how every day's rows read; they change nothing the charts count.
    settings = Changes(settings=True)
    assert settings.touches_day(tuesday) and not settings.diary
    assert Changes.whole_diary().touches_day(tuesday)
    assert not Changes().diary and not Changes().touches_day(MON)
