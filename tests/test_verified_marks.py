"""A diary this app checked and closed cleanly opens without re-reading the whole file; any
change to the file, or a close without a sound check, brings the check back."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from tracker.domain.entries import WaterEntry
from tracker.services import diary as diary_service
from tracker.services.context import Context, open_context
from tracker.services.safety.check import check_open_diary
from tracker.storage import diary as diary_module
from tracker.storage.diary import Diary
from tracker.storage.verified_marks import VerifiedMarks


@pytest.fixture
def checks(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """Every quick_check the opening code runs, by path."""
    seen: list[Path] = []
    real = diary_module._quick_check

    def counting(conn: object, path: Path) -> None:
        seen.append(path)
        real(conn, path)  # type: ignore[arg-type]

    monkeypatch.setattr(diary_module, "_quick_check", counting)
    return seen


def test_checked_and_cleanly_closed_opens_without_the_check(
        tmp_path: Path, checks: list[Path]) -> None:
    path, marks = tmp_path / "diary.sqlite3", VerifiedMarks(tmp_path / "marks")
    Diary.open(path, marks=marks).close()  # new file: checked (cheaply), then marked
    Diary.open(path, marks=marks).close()
    assert checks == [path]
    checks.clear()
    with Diary.open(path) as plain:  # a writer that keeps no marks (the command line)
        diary_service.add_entry(Context(plain, tmp_path / "c"),
                                WaterEntry(dt.date(2026, 1, 5), dt.time(8), 250.0))
    checks.clear()
    first = Diary.open(path, marks=marks)
    assert checks == [path] and first.verified  # written since the mark: checked
    first.close()
    second = Diary.open(path, marks=marks)
    assert checks == [path] and not second.verified  # unchanged: not checked before use
    second.close()  # nothing written: the mark still holds
    third = Diary.open(path, marks=marks)
    assert checks == [path] and not third.verified
    diary_service.add_entry(Context(third, tmp_path / "c"),
                            WaterEntry(dt.date(2026, 1, 6), dt.time(8), 250.0))
    third.close()  # written without a check this session: the old mark no longer matches
    fourth = Diary.open(path, marks=marks)
    assert checks == [path, path] and fourth.verified
    fourth.close()


def test_the_later_check_marks_a_sound_diary_and_reports_a_damaged_one(
        tmp_path: Path, food_cache_dir: Path) -> None:
    path = tmp_path / "diary.sqlite3"
    with open_context(path, food_cache_dir) as ctx:
        for day in range(1, 200):
            diary_service.add_entry(ctx, WaterEntry(dt.date(2025, 1, 1) + dt.timedelta(day),
                                                    dt.time(8), 250.0))
    with open_context(path, food_cache_dir, check_later=True) as ctx:
        assert ctx.diary.verified  # changed without marks: checked at open
    with open_context(path, food_cache_dir, check_later=True) as ctx:
        assert not ctx.diary.verified
        assert check_open_diary(ctx) is None
        assert ctx.diary.verified
    # Damage that leaves the file's identity alone (bit rot on the disk): the mark
    # still matches, so the open trusts it, and the later check finds it.
    marks = VerifiedMarks(food_cache_dir / "verified")
    data = bytearray(path.read_bytes())
    size = int.from_bytes(data[16:18], "big")  # the page size, from the file header
    for start in range(len(data) - 3 * size, len(data), size):  # the last pages: entries
        data[start:start + size] = b"\xa5" * size
    path.write_bytes(bytes(data))
    marks.record(path)
    with open_context(path, food_cache_dir, check_later=True) as ctx:
        assert not ctx.diary.verified
        problem = check_open_diary(ctx)
        assert problem is not None and problem != "ok"
        assert not ctx.diary.verified
    assert not marks.matches(path)  # not sound this session: the next open checks first


def test_a_left_over_write_ahead_log_is_never_trusted(tmp_path: Path) -> None:
    path, marks = tmp_path / "diary.sqlite3", VerifiedMarks(tmp_path / "marks")
    Diary.open(path, marks=marks).close()
    assert marks.matches(path)
    Path(f"{path}-wal").write_bytes(b"")
    assert not marks.matches(path)
