"""Spreadsheet-tolerant, meaning-strict import: the forms a spreadsheet writes when it saves
a CSV are read back, the dialect comes from the header, and anything ambiguous is refused
with its line and the forms that are accepted."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest

from tracker.domain.entries import CaffeineEntry, DayFactors, WaterEntry
from tracker.domain.errors import UserError
from tracker.services import diary
from tracker.services.context import Context
from tracker.services.transfer.export import export_bundle
from tracker.services.transfer.importer import import_bundle
from tracker.storage.diary import Diary

DAY = dt.date(2026, 10, 5)


@pytest.fixture
def empty(tmp_path: Path, food_cache_dir: Path) -> Iterator[Context]:
    with Context(Diary.open(tmp_path / "empty.sqlite3"), food_cache_dir) as context:
        yield context


def _folder(tmp_path: Path, name: str, text: str) -> Path:
    folder = tmp_path / "bundle"
    folder.mkdir(exist_ok=True)
    (folder / name).write_text(text, encoding="utf-8")
    return folder


def _water(ctx: Context, day: dt.date = DAY) -> list[tuple[dt.time, float]]:
    return [(w.time, w.volume_ml) for w in diary.day(ctx, day).water]


@pytest.mark.parametrize(("written", "meant"), [
    ("08:05", dt.time(8, 5)),
    ("8:05", dt.time(8, 5)),
    ("08:05:00", dt.time(8, 5)),
    ("08:05:00 AM", dt.time(8, 5)),
    ("8:05 AM", dt.time(8, 5)),
    ("6:00:00 PM", dt.time(18, 0)),
    ("06:00 pm", dt.time(18, 0)),
    ("12:05 AM", dt.time(0, 5)),
    ("12:30 PM", dt.time(12, 30)),
    ("11:59:00 PM", dt.time(23, 59)),
])
def test_times_in_every_form_a_spreadsheet_saves(empty: Context, tmp_path: Path,
                                                  written: str, meant: dt.time) -> None:
    folder = _folder(tmp_path, "water_log.csv", f"date,time,volume_ml\n2026-10-05,{written},250\n")
    import_bundle(empty, folder)
    assert _water(empty) == [(meant, 250.0)]


@pytest.mark.parametrize(("written", "reason"), [
    ("08:05:30", "has seconds; the diary keeps times to the minute"),
    ("13:00 PM", "with AM or PM the hour is 1 to 12"),
    ("0:30 AM", "with AM or PM the hour is 1 to 12"),
    ("24:00", "is not a time of day"),
    ("8.05", "is not a time; write times as HH:MM (24-hour), HH:MM:SS, h:mm AM/PM"),
])
def test_times_that_mean_something_else_are_refused(empty: Context, tmp_path: Path,
                                                    written: str, reason: str) -> None:
    folder = _folder(tmp_path, "water_log.csv", f"date,time,volume_ml\n2026-10-05,{written},250\n")
    with pytest.raises(UserError) as refused:
        import_bundle(empty, folder)
    assert refused.value.message.startswith("water_log.csv line 2: time: ")
    assert reason in refused.value.message
    assert _water(empty) == []


@pytest.mark.parametrize("written", ["2026-10-05", "2026-10-05 00:00:00", "2026-10-05 00:00",
                                     "2026-10-05T00:00:00"])
def test_an_iso_date_or_a_spreadsheets_midnight_date_time(empty: Context, tmp_path: Path,
                                                          written: str) -> None:
    folder = _folder(tmp_path, "water_log.csv", f"date,time,volume_ml\n{written},09:00,250\n")
    import_bundle(empty, folder)
    assert _water(empty) == [(dt.time(9, 0), 250.0)]


@pytest.mark.parametrize("written", ["01/02/2026", "10/05/2026", "05.10.2026", "2026/10/05",
                                     "5-10-26"])
def test_a_date_that_could_be_read_two_ways_is_refused_with_the_accepted_forms(
        empty: Context, tmp_path: Path, written: str) -> None:
    folder = _folder(tmp_path, "water_log.csv",
                     f"date,time,volume_ml\n2026-10-04,09:00,100\n{written},09:00,250\n")
    with pytest.raises(UserError) as refused:
        import_bundle(empty, folder)
    assert refused.value.message == (
        f"water_log.csv line 3: date: {written!r} could be read more than one way; write "
        "dates as YYYY-MM-DD, e.g. 2026-11-20 (2026-11-20 00:00:00 is accepted too).")
    assert _water(empty, dt.date(2026, 10, 4)) == []


def test_a_date_with_a_time_of_day_is_refused(empty: Context, tmp_path: Path) -> None:
    folder = _folder(tmp_path, "water_log.csv",
                     "date,time,volume_ml\n2026-10-05 08:30:00,09:00,250\n")
    with pytest.raises(UserError, match="line 2: date: '2026-10-05 08:30:00' has a time of day"):
        import_bundle(empty, folder)


@pytest.mark.parametrize(("written", "meant"), [
    ("250.00", 250.0), ("2.5E+02", 250.0), ("2.50E+02", 250.0), ("330.50", 330.5),
    ("1.00E-01", 0.1), ("+250", 250.0), ('"250"', 250.0), (" 250 ", 250.0),
])
def test_numbers_with_trailing_zeros_or_in_scientific_notation(empty: Context, tmp_path: Path,
                                                                written: str,
                                                                meant: float) -> None:
    folder = _folder(tmp_path, "water_log.csv",
                     f"date,time,volume_ml\n2026-10-05,09:00,{written}\n")
    import_bundle(empty, folder)
    assert _water(empty) == [(dt.time(9, 0), meant)]


@pytest.mark.parametrize("written", ['"1,5"', "1_000", "0x10", "inf", "250ml"])
def test_numbers_a_comma_separated_file_cannot_hold_are_refused(empty: Context, tmp_path: Path,
                                                                 written: str) -> None:
    folder = _folder(tmp_path, "water_log.csv",
                     f"date,time,volume_ml\n2026-10-05,09:00,{written}\n")
    with pytest.raises(UserError, match=r"^water_log\.csv line 2: volume_ml: The volume"):
        import_bundle(empty, folder)


def test_a_semicolon_file_with_decimal_commas(empty: Context, tmp_path: Path) -> None:
    folder = _folder(tmp_path, "water_log.csv",
                     "date;time;volume_ml\n2026-10-05;09:00;330,5\n2026-10-05;10:00:00;250\n"
                     "2026-10-05;11:00;2,5E+02\n2026-10-05;12:00;99.5\n")
    (folder / "day_factors.csv").write_text(
        "date;sleep_hours;day_complete\n2026-10-05;7,25;TRUE\n2026-10-06;6,5;FALSE\n",
        encoding="utf-8")
    import_bundle(empty, folder)
    assert _water(empty) == [(dt.time(9, 0), 330.5), (dt.time(10, 0), 250.0),
                             (dt.time(11, 0), 250.0), (dt.time(12, 0), 99.5)]
    assert diary.day(empty, DAY).factors == DayFactors(DAY, 7.25, None, None, True, "")
    assert diary.day(empty, DAY + dt.timedelta(1)).factors == DayFactors(
        DAY + dt.timedelta(1), 6.5, None, None, False, "")


@pytest.mark.parametrize("written", ["1.234", "1.234,5", "12.500"])
def test_a_point_that_may_group_thousands_in_a_semicolon_file_is_refused(
        empty: Context, tmp_path: Path, written: str) -> None:
    folder = _folder(tmp_path, "water_log.csv",
                     f"date;time;volume_ml\n2026-10-05;09:00;{written}\n")
    with pytest.raises(UserError) as refused:
        import_bundle(empty, folder)
    assert refused.value.message == (
        f"water_log.csv line 2: volume_ml: The volume: {written!r} could be read more than "
        "one way; write it without thousands separators, e.g. 1234,5.")


def test_the_dialect_comes_from_the_header_not_from_each_row(empty: Context,
                                                             tmp_path: Path) -> None:
    folder = _folder(tmp_path, "water_log.csv",
                     "date,time,volume_ml\n2026-10-05,09:00,250\n2026-10-05;10:00;250\n")
    with pytest.raises(UserError,
                       match=r"^water_log\.csv line 3: date: '2026-10-05;10:00;250' is not"):
        import_bundle(empty, folder)


def test_text_keeps_its_leading_and_trailing_spaces_through_a_round_trip(
        tmp_path: Path, food_cache_dir: Path) -> None:
    labels = ("  two spaces before", "one after ", " both ", "\tnot a formula", " =1")
    with Context(Diary.in_memory(), food_cache_dir) as source:
        for n, label in enumerate(labels):
            diary.add_entry(source, CaffeineEntry(DAY, dt.time(9, n), 80.0, label))
        export_bundle(source, DAY, DAY, tmp_path / "out")
    with Context(Diary.in_memory(), food_cache_dir) as again:
        import_bundle(again, tmp_path / "out")
        assert [e.label for e in diary.day(again, DAY).caffeine] == list(labels)


def test_a_bundle_a_spreadsheet_rewrote_imports_as_the_original(
        tmp_path: Path, food_cache_dir: Path) -> None:
    """What LibreOffice Calc wrote when it saved water_log.csv and episodes.csv (issue: the
    import refused every row with "'06:00:00 AM' is not a time")."""
    folder = tmp_path / "resaved"
    folder.mkdir()
    (folder / "water_log.csv").write_text(
        '"date","time","volume_ml","id"\n'
        '2026-10-05,06:00:00 AM,250,"b107008402514f2f9030a6a887f8648c"\n'
        '2026-10-06,10:00:00 PM,330.5,"130f306f60244601b4a8211c9e0ecb76"\n', encoding="utf-8")
    (folder / "episodes.csv").write_text(
        '"date","time","kind","body_site","side","intensity","duration_s","notes","id"\n'
        '2026-10-05,06:06:00 PM,"cramp","calf","left",1,,"\'@SUM(A1)",'
        '"2ce0b65c1f424a2ca259dd79210f5704"\n', encoding="utf-8")
    with Context(Diary.in_memory(), food_cache_dir) as ctx:
        summary = import_bundle(ctx, folder)
        assert summary.added == {"water": 2, "episodes": 1}
        day = diary.day(ctx, DAY)
        assert day.water == (WaterEntry(DAY, dt.time(6, 0), 250.0,
                                        id="b107008402514f2f9030a6a887f8648c"),)
        assert [(e.time, e.notes) for e in day.episodes] == [(dt.time(18, 6), "@SUM(A1)")]
