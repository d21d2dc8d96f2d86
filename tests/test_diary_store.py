"""The diary store keeps entries exactly, once each, and refuses what is not a diary."""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

import pytest

from tracker.domain.entries import (
    CaffeineEntry,
    DayFactors,
    Episode,
    SupplementDose,
    SupplementProduct,
    WaterEntry,
)
from tracker.domain.errors import UserError
from tracker.services import diary, supplements
from tracker.services.context import Context
from tracker.storage import entries as repo
from tracker.storage.diary import Diary, DiaryOpenError

DAY = dt.date(2026, 11, 20)


def test_entries_round_trip_in_time_order(ctx: Context) -> None:
    product = supplements.save_product(ctx, SupplementProduct("Mag", {"magnesium": 200.0}))
    later = WaterEntry(DAY, dt.time(18, 0), 500.0)
    earlier = WaterEntry(DAY, dt.time(7, 30), 250.0)
    added = [diary.add_entry(ctx, e) for e in (
        later, earlier,
        CaffeineEntry(DAY, dt.time(9, 0), 80.0, "energy drink 🥤"),
        SupplementDose(DAY, dt.time(21, 0), product.id, 2.0),
        Episode(DAY, dt.time(22, 15), "cramp", "calf", 7, "left", 90, "woke me up"),
    )]
    day = diary.day(ctx, DAY)
    assert day.water == (earlier, later)
    assert day.caffeine == (added[2],)
    assert day.doses == (added[3],)
    assert day.episodes == (added[4],)
    assert diary.day(ctx, DAY + dt.timedelta(days=1)).is_empty


def test_saving_twice_stores_once(ctx: Context) -> None:
    entry = WaterEntry(DAY, dt.time(8, 0), 250.0)
    diary.add_entry(ctx, entry)
    diary.add_entry(ctx, entry)
    assert diary.day(ctx, DAY).water == (entry,)


def test_edit_and_delete(ctx: Context) -> None:
    entry = diary.add_entry(ctx, WaterEntry(DAY, dt.time(8, 0), 250.0))
    edited = WaterEntry(DAY, dt.time(9, 0), 300.0, id=entry.id)
    diary.update_entry(ctx, edited)
    assert diary.day(ctx, DAY).water == (edited,)
    diary.delete_entry(ctx, edited)
    assert diary.day(ctx, DAY).water == ()
    with pytest.raises(UserError, match="That entry no longer exists") as err:
        diary.update_entry(ctx, edited)
    assert err.value.field is None  # about the whole entry, not one of its fields


def test_invalid_entry_writes_nothing(ctx: Context) -> None:
    with pytest.raises(UserError, match="The volume must be a real number") as err:
        diary.add_entry(ctx, WaterEntry(DAY, dt.time(8, 0), float("nan")))
    assert err.value.field == "volume_ml"
    with pytest.raises(UserError, match="supplement product does not exist") as err:
        diary.add_entry(ctx, SupplementDose(DAY, dt.time(8, 0), "no-such-product", 1))
    assert err.value.field == "product"
    assert diary.day(ctx, DAY).is_empty


def test_nan_cannot_reach_the_table_even_past_validation(ctx: Context) -> None:
    with pytest.raises(sqlite3.IntegrityError), ctx.diary.write() as conn:
        repo.insert(conn, WaterEntry(DAY, dt.time(8, 0), float("nan")))
    with pytest.raises(sqlite3.IntegrityError), ctx.diary.write() as conn:
        repo.insert(conn, WaterEntry(DAY, dt.time(8, 0), 1e308))
    assert diary.day(ctx, DAY).is_empty


def test_day_factors(ctx: Context) -> None:
    diary.set_factors(ctx, DayFactors(DAY, 7.5, 3, 30, True))
    assert diary.day(ctx, DAY).factors == DayFactors(DAY, 7.5, 3, 30, True)
    with pytest.raises(UserError, match="Sleep must be between 0 and 24 hours") as err:
        diary.set_factors(ctx, DayFactors(DAY, 25.0))
    assert err.value.field == "sleep_hours"


def test_not_a_diary_is_refused_and_untouched(tmp_path: Path) -> None:
    text = tmp_path / "notes.sqlite3"
    text.write_bytes(b"just some notes, not a database at all" * 10)
    before = text.read_bytes()
    with pytest.raises(DiaryOpenError, match="not a Nutrient Tracker diary") as err:
        Diary.open(text)
    assert err.value.reason == "not_diary" and "left untouched" in err.value.message
    assert text.read_bytes() == before
    other = tmp_path / "other.sqlite3"
    with sqlite3.connect(other) as conn:
        conn.execute("CREATE TABLE t (x)")
    with pytest.raises(DiaryOpenError, match="an SQLite file but not a Nutrient Tracker") as err:
        Diary.open(other)
    assert err.value.reason == "not_diary"


def test_a_diary_one_major_version_newer_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "d.sqlite3"
    Diary.open(path).close()
    with sqlite3.connect(path) as conn:
        conn.execute("PRAGMA user_version = 65536")  # 1.0: major << 16 | minor
    with pytest.raises(DiaryOpenError, match=r"newer version .*format 1\.0") as err:
        Diary.open(path)
    assert err.value.reason == "newer" and "Update the app" in err.value.message
