"""Entries keep the local date and time as entered, whatever the time zone or daylight saving."""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from tracker.cli.main import main
from tracker.domain.entries import Episode, WaterEntry
from tracker.services import diary
from tracker.services.context import Context
from tracker.services.safety import backup
from tracker.storage.diary import Diary

ZONES = ("UTC", "America/New_York", "Europe/Berlin", "Asia/Kolkata", "Pacific/Auckland",
         "Pacific/Kiritimati", "America/St_Johns")


@pytest.fixture
def set_zone(monkeypatch: pytest.MonkeyPatch) -> Iterator[Callable[[str], None]]:
    def switch(zone: str) -> None:
        monkeypatch.setenv("TZ", zone)
        time.tzset()

    yield switch
    monkeypatch.undo()
    time.tzset()


def _everything(ctx: Context, first: dt.date, days: int) -> list[tuple[str, dt.date, dt.time]]:
    found = []
    for offset in range(days):
        day = diary.day(ctx, first + dt.timedelta(days=offset))
        logged: list[WaterEntry | Episode] = [*day.water, *day.episodes]
        found += [(e.id, e.date, e.time) for e in logged]
    return found


def test_changing_time_zone_changes_nothing(set_zone: Callable[[str], None],
                                            diary_path: Path, tmp_path: Path) -> None:
    first = dt.date(2026, 12, 31)
    added: list[tuple[str, dt.date, dt.time]] = []
    for n, zone in enumerate(ZONES):
        set_zone(zone)
        with Context(Diary.open(diary_path), tmp_path) as ctx:
            entry = diary.add_entry(ctx, WaterEntry(first + dt.timedelta(days=n % 2),
                                                    dt.time(23, 30 + n), 100.0 + n))
            added.append((entry.id, entry.date, entry.time))
    for zone in ZONES:
        set_zone(zone)
        with Context(Diary.open(diary_path), tmp_path) as ctx:
            stored = _everything(ctx, first, 2)
        assert sorted(stored) == sorted(added)
        assert [s[1:] for s in stored] == sorted(a[1:] for a in added), "order changed"


def test_daylight_saving_gap_and_repeated_hour(set_zone: Callable[[str], None],
                                               ctx: Context) -> None:
    set_zone("Europe/Berlin")
    gap_day, repeat_day = dt.date(2026, 3, 29), dt.date(2026, 10, 25)
    in_gap = diary.add_entry(ctx, WaterEntry(gap_day, dt.time(2, 30), 250.0))
    first = diary.add_entry(ctx, Episode(repeat_day, dt.time(2, 30), "twitch", "calf", 3))
    second = diary.add_entry(ctx, Episode(repeat_day, dt.time(2, 30), "cramp", "calf", 7))
    before = diary.add_entry(ctx, Episode(repeat_day, dt.time(1, 59), "twitch", "foot", 2))
    assert diary.day(ctx, gap_day).water == (in_gap,)
    assert diary.day(ctx, repeat_day).episodes == (before, first, second)
    set_zone("America/Los_Angeles")
    assert diary.day(ctx, repeat_day).episodes == (before, first, second)


def test_cli_dates_are_taken_as_typed(set_zone: Callable[[str], None], tmp_path: Path,
                                      capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "diary.sqlite3"
    for zone in ("Pacific/Kiritimati", "Pacific/Pago_Pago"):  # UTC+14 and UTC-11
        set_zone(zone)
        assert main(["--db", str(db), "log", "water", "300", "--date", "2026-03-29",
                     "--time", "02:30"]) == 0
    with Context(Diary.open(db), tmp_path) as ctx:
        water = diary.day(ctx, dt.date(2026, 3, 29)).water
    assert [(w.date, w.time) for w in water] == [(dt.date(2026, 3, 29), dt.time(2, 30))] * 2
    capsys.readouterr()


def test_backups_are_named_in_utc_and_ignore_the_zone(set_zone: Callable[[str], None],
                                                      ctx: Context, diary_path: Path) -> None:
    set_zone("Pacific/Auckland")
    made = backup.backup_now(ctx)
    assert made.taken_at.tzinfo == dt.UTC
    set_zone("America/Los_Angeles")
    assert backup.backup_if_due(ctx) is None, "a time zone change is not a day passing"
    assert backup.list_backups(diary_path) == [made]
