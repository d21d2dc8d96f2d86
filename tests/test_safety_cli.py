"""The backup commands, and CLI mistakes: exit 2, one line, no traceback, nothing written."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from tracker.cli.main import main
from tracker.storage.safety.health import open_read_only


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    try:
        code = main(list(argv))
    except SystemExit as stop:  # argparse mistakes
        code = int(stop.code or 0)
    out, err = capsys.readouterr()
    return code, out, err


def _dump(path: Path) -> list[str]:
    """Schema and rows, without the query planner's statistics (PRAGMA optimize keeps those)."""
    conn = open_read_only(path)
    try:
        return [line for line in conn.iterdump()
                if "sqlite_stat" not in line and not line.startswith("ANALYZE")]
    finally:
        conn.close()


def test_backup_list_check_restore(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    db = str(tmp_path / "diary.sqlite3")
    assert _run(capsys, "--db", db, "log", "water", "250", "--date", "2026-11-20")[0] == 0
    code, out, _ = _run(capsys, "--db", db, "backup")
    assert code == 0 and "Backed up" in out
    code, out, _ = _run(capsys, "--db", db, "backups", "--json")
    [listed] = json.loads(out)
    assert listed["reason"] == "manual"
    assert _run(capsys, "--db", db, "log", "water", "500", "--date", "2026-11-20")[0] == 0
    code, out, _ = _run(capsys, "--db", db, "check")
    assert code == 0 and "fine" in out
    code, out, _ = _run(capsys, "--db", db, "restore", listed["path"])
    assert code == 0 and "kept at" in out
    volumes = [r[0] for r in open_read_only(Path(db)).execute("SELECT volume_ml FROM water_entry")]
    assert volumes == [250.0]
    code, out, _ = _run(capsys, "--db", db, "backups")
    assert code == 0 and out.count("\n") == 2  # the manual backup and the pre-restore one


def test_check_exit_codes(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    db = tmp_path / "diary.sqlite3"
    assert _run(capsys, "--db", str(db), "log", "water", "250")[0] == 0
    assert _run(capsys, "--db", str(db), "backup")[0] == 0
    with sqlite3.connect(db) as conn:
        conn.execute("PRAGMA foreign_keys = OFF")
        conn.execute("INSERT INTO supplement_dose VALUES ('x', '2026-01-01', '08:00', 'gone', 1)")
    code, out, _ = _run(capsys, "--db", str(db), "check")
    assert code == 1 and "damaged" in out and "latest good backup" in out
    not_diary = tmp_path / "notes.txt"
    not_diary.write_text("hello")
    code, out, err = _run(capsys, "--db", str(not_diary), "check")
    assert code == 2 and err.count("\n") == 1 and "not a Nutrient Tracker diary" in err
    code, _, err = _run(capsys, "--db", str(tmp_path / "nope.sqlite3"), "check")
    assert code == 2 and "no diary" in err.lower()


@pytest.mark.parametrize("argv", [
    ("log", "water", "abc"),
    ("log", "water", "nan"),
    ("log", "water", "-0.0"),
    ("log", "water", "1e308"),
    ("log", "water", "250", "--date", "2026-02-30"),
    ("log", "water", "250", "--time", "25:00"),
    ("log", "caffeine", "80", "--label", "a\x00b"),
    ("log", "episode", "--kind", "twitch", "--site", "calf", "--intensity", "11"),
    ("log", "episode", "--kind", "itch", "--site", "calf", "--intensity", "3"),
    ("log", "episode", "--kind", "cramp", "--site", "calf", "--intensity", "3",
     "--notes", "x" * 2001),
    ("log", "supplement", "Unknown pill"),
    ("log", "day", "--sleep-hours", "inf"),
    ("log", "day", "--stress", "9"),
    ("log", "food", "sr28:00000", "--grams", "30"),
    ("log", "nothing"),
    ("restore", "/no/such/backup.sqlite3"),
    ("frobnicate",),
])
def test_mistakes_exit_2_with_one_line_and_write_nothing(
        argv: tuple[str, ...], capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    db = tmp_path / "diary.sqlite3"
    assert _run(capsys, "--db", str(db), "log", "water", "100", "--date", "2026-11-19")[0] == 0
    before = _dump(db)
    code, out, err = _run(capsys, "--db", str(db), *argv)
    assert code == 2
    assert err.count("\n") == 1 and "Traceback" not in err, err
    assert _dump(db) == before
