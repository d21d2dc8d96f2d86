"""``check`` tells a damaged diary (exit 1) from a file that is no diary or cannot be read
(exit 2), keeps its message short with the details in a log file, and offers the latest
good backup in every case; other commands offer it too when the diary cannot be opened."""

from __future__ import annotations

import datetime as dt
import os
import sqlite3
from pathlib import Path

import pytest

from tests.storage_faults import cli_command, run, without_permission_override
from tracker.cli.main import main
from tracker.domain.entries import WaterEntry
from tracker.services import diary
from tracker.services.context import Context
from tracker.services.safety import backup
from tracker.storage.diary import Diary

DAY = dt.date(2026, 11, 20)


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    try:
        code = main(list(argv))
    except SystemExit as stop:
        code = int(stop.code or 0)
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def backed_up(tmp_path: Path) -> tuple[Path, Path]:
    """A diary with 400 entries and one good backup of it; returns both paths."""
    path = tmp_path / "data" / "diary.sqlite3"
    with Context(Diary.open(path), tmp_path / "cache") as ctx:
        for n in range(400):
            diary.add_entry(ctx, WaterEntry(DAY - dt.timedelta(days=n % 90),
                                            dt.time(n % 24, n % 60), 100.0 + n))
        good = backup.backup_now(ctx)
    return path, good.path


def _log_dir(tmp_path: Path) -> Path:
    from tracker import config

    return config.log_dir()


def test_a_broken_reference_is_damage_exit_1_with_details_in_the_log(
        backed_up: tuple[Path, Path], capsys: pytest.CaptureFixture[str],
        tmp_path: Path) -> None:
    path, good = backed_up
    with sqlite3.connect(path) as conn:
        conn.execute("PRAGMA foreign_keys = OFF")
        conn.execute("INSERT INTO supplement_dose VALUES ('x', '2026-01-01', '08:00', 'gone', 1)")
    code, out, err = _run(capsys, "--db", str(path), "check")
    assert code == 1 and err == ""
    lines = out.splitlines()
    assert len(lines) == 2
    assert lines[0].startswith(f"The diary {path} is damaged (1 problem found")
    assert str(good) in lines[1] and f"restore {good}" in lines[1]
    log = (_log_dir(tmp_path) / "check.log").read_text(encoding="utf-8")
    assert "supplement_dose row 1 refers to a missing supplement_product" in log
    assert str(path) in log


def test_integrity_output_stays_in_the_log_not_on_screen(
        backed_up: tuple[Path, Path], capsys: pytest.CaptureFixture[str],
        tmp_path: Path) -> None:
    path, good = backed_up
    with sqlite3.connect(path) as conn:  # index pages that no longer match the table
        conn.execute("PRAGMA writable_schema = ON")
        conn.execute("UPDATE sqlite_schema SET sql = replace(sql, '(date, time)', "
                     "'(time, date)') WHERE name = 'water_entry_by_date'")
    code, out, _ = _run(capsys, "--db", str(path), "check")
    assert code == 1
    assert len(out.splitlines()) == 2, out
    words = out.replace(str(tmp_path), "")
    assert "integrity" not in words and "index" not in words and "row " not in words
    log = (_log_dir(tmp_path) / "check.log").read_text(encoding="utf-8")
    assert log.count("\n  ") >= 9, log  # every line SQLite reported, indented under a heading
    assert oct((_log_dir(tmp_path) / "check.log").stat().st_mode & 0o777) == "0o600"


def test_a_damaged_header_is_damage_exit_1_not_a_foreign_file(
        backed_up: tuple[Path, Path], capsys: pytest.CaptureFixture[str]) -> None:
    path, good = backed_up
    data = bytearray(path.read_bytes())
    data[:100] = bytes(100)  # the 100-byte SQLite header zeroed
    path.write_bytes(bytes(data))
    code, out, err = _run(capsys, "--db", str(path), "check")
    assert code == 1, (out, err)
    assert "damaged" in out and "header" in out and str(good) in out
    # Any other command refuses it in one line and offers the same backup.
    code, _, err = _run(capsys, "--db", str(path), "day")
    assert code == 2 and err.count("\n") == 1
    assert "damaged" in err and f"restore {good}" in err
    assert path.read_bytes() == bytes(data)


def test_not_a_diary_is_exit_2_in_one_line_with_the_backup_offered(
        backed_up: tuple[Path, Path], capsys: pytest.CaptureFixture[str]) -> None:
    path, good = backed_up
    path.write_text("shopping list\nmilk\n", encoding="utf-8")
    for side in (path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")):
        side.unlink(missing_ok=True)
    code, out, err = _run(capsys, "--db", str(path), "check")
    assert code == 2 and out == ""
    assert err.count("\n") == 1 and "not a Nutrient Tracker diary" in err
    assert f"restore {good}" in err


def test_a_missing_diary_is_exit_2_and_says_so(tmp_path: Path,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = _run(capsys, "--db", str(tmp_path / "nope.sqlite3"), "check")
    assert code == 2 and err.count("\n") == 1
    assert "There is no diary" in err and "No good backup was found" in err


def test_a_diary_that_cannot_be_read_is_exit_2_not_damage(
        backed_up: tuple[Path, Path]) -> None:
    path, good = backed_up
    os.chmod(path, 0o000)
    try:
        done = run(without_permission_override(cli_command("--db", str(path), "check")))
    finally:
        os.chmod(path, 0o600)
    assert done.returncode == 2, (done.stdout, done.stderr)
    assert done.stdout == "" and done.stderr.count("\n") == 1
    assert "cannot be read" in done.stderr and "Permission denied" in done.stderr
    assert f"restore {good}" in done.stderr
    assert backup.check_and_report(path).ok  # readable again: nothing was changed
