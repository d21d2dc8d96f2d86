"""Diary format versions are major.minor: older diaries upgrade, a newer minor opens
read-only, a newer major is refused and left untouched; and the storage modules wire
themselves without import cycles or import-time hooks."""

from __future__ import annotations

import datetime as dt
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from tracker.cli.main import main
from tracker.domain.entries import WaterEntry
from tracker.services import diary
from tracker.services.context import Context, open_diary
from tracker.storage import schema
from tracker.storage.diary import NEWER, Diary, DiaryOpenError, DiaryReadOnlyError
from tracker.storage.safety.backups import list_backups
from tracker.storage.schema import MajorStep, UserVersion, steps_of, version_after

DAY = dt.date(2026, 11, 20)


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    try:
        code = main(list(argv))
    except SystemExit as stop:
        code = int(stop.code or 0)
    out, err = capsys.readouterr()
    return code, out, err


def _diary_with_water(path: Path, tmp_path: Path) -> None:
    with Context(Diary.open(path), tmp_path / "cache") as ctx:
        diary.add_entry(ctx, WaterEntry(DAY, dt.time(8, 0), 250.0))


def _stored_version(path: Path) -> int:
    conn = sqlite3.connect(path)
    try:
        return int(conn.execute("PRAGMA user_version").fetchone()[0])
    finally:
        conn.close()


def _as_a_newer_app_would(path: Path, user_version: int, *statements: str) -> None:
    conn = sqlite3.connect(path, isolation_level=None)
    try:
        for statement in statements:
            conn.execute(statement)
        conn.execute(f"PRAGMA user_version = {user_version}")
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        conn.close()


def test_the_stored_number_is_major_shifted_by_16_plus_minor() -> None:
    assert UserVersion.from_int(3) == UserVersion(0, 3)
    assert UserVersion.from_int(65536) == UserVersion(1, 0)
    assert UserVersion.from_int(2 * 65536 + 5) == UserVersion(2, 5)
    assert UserVersion(1, 2).to_int() == 65538
    assert str(UserVersion(1, 2)) == "1.2"
    assert UserVersion(0, 9) < UserVersion(1, 0) < UserVersion(1, 1)


def test_a_major_step_resets_the_minor_number() -> None:
    steps = (("a",), ("b",), MajorStep(("c",)), ("d",), ("e",))
    assert [str(version_after(n, steps)) for n in range(6)] == [
        "0.0", "0.1", "0.2", "1.0", "1.1", "1.2"]
    assert steps_of(65536 + 1, steps) == 4
    assert steps_of(3, steps) is None  # 0.3 never existed in this history
    assert steps_of(65536 * 2, steps) is None


@pytest.mark.parametrize("old", [1, 2, 3])
def test_diaries_numbered_1_2_3_before_major_minor_open_and_upgrade(
        old: int, tmp_path: Path) -> None:
    path = tmp_path / "diary.sqlite3"
    conn = sqlite3.connect(path, isolation_level=None)
    for step in schema.MIGRATIONS[:old]:
        for statement in step:
            conn.execute(statement)
    conn.execute("PRAGMA application_id = 1314148939")  # "NTRK"
    conn.execute(f"PRAGMA user_version = {old}")  # a plain number, as those versions wrote
    conn.execute("INSERT INTO water_entry VALUES ('w1', '2026-11-20', '08:00', 250.0)")
    conn.close()
    with Context(open_diary(path), tmp_path / "cache") as ctx:
        assert ctx.diary.read_only is None
        assert ctx.diary.schema_version() == schema.SCHEMA_VERSION
        assert [w.volume_ml for w in diary.day(ctx, DAY).water] == [250.0]
        diary.add_entry(ctx, WaterEntry(DAY, dt.time(9, 0), 100.0))
    if old < len(schema.MIGRATIONS):
        assert [b.reason for b in list_backups(path)] == ["before-migration"]


def test_a_diary_one_minor_step_newer_opens_read_only_and_unchanged(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "diary.sqlite3"
    _diary_with_water(path, tmp_path)
    newer = schema.SCHEMA_VERSION + 1
    _as_a_newer_app_would(
        path, newer, "ALTER TABLE water_entry ADD COLUMN source TEXT NOT NULL DEFAULT ''",
        "CREATE TABLE recipe_of_the_future (id TEXT PRIMARY KEY) STRICT")
    before = path.read_bytes()
    with Context(open_diary(path), tmp_path / "cache") as ctx:
        assert ctx.diary.read_only is not None
        assert "newer version of Nutrient Tracker" in ctx.diary.read_only
        assert f"format 0.{newer}" in ctx.diary.read_only
        assert [w.volume_ml for w in diary.day(ctx, DAY).water] == [250.0]
        with pytest.raises(DiaryReadOnlyError, match="^the diary is read-only: "):
            diary.add_entry(ctx, WaterEntry(DAY, dt.time(9, 0), 100.0))
    code, out, _ = _run(capsys, "--db", str(path), "day", "--date", DAY.isoformat(), "--json")
    assert code == 0 and '"drinks_ml": 250' in out
    code, _, err = _run(capsys, "--db", str(path), "log", "water", "100")
    assert code == 2
    assert err.startswith("nutrient-tracker: the diary is read-only: ") and err.count("\n") == 1
    assert "Update the app" in err
    assert path.read_bytes() == before
    assert _stored_version(path) == newer
    assert list_backups(path) == []


def test_a_diary_one_major_step_newer_is_refused_and_untouched(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "diary.sqlite3"
    _diary_with_water(path, tmp_path)
    newer_major = (schema.CURRENT.major + 1) << 16
    _as_a_newer_app_would(path, newer_major, "ALTER TABLE water_entry RENAME TO drinks")
    before = path.read_bytes()
    with pytest.raises(DiaryOpenError) as refused:
        open_diary(path)
    assert refused.value.reason == NEWER
    assert f"format {schema.CURRENT.major + 1}.0" in refused.value.message
    code, _, err = _run(capsys, "--db", str(path), "day")
    assert code == 2 and "newer version" in err and err.count("\n") == 1
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith("diary")) == [
        "diary.sqlite3"]


def _fresh_python(code: str, *flags: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-P", *flags, "-c", code], capture_output=True,
                          text=True, timeout=120, check=False)


def test_the_diary_module_does_not_import_backups() -> None:
    done = _fresh_python("import sys, tracker.storage.diary, tracker.storage.safety.health\n"
                         "print(sorted(m for m in sys.modules if m.startswith('tracker.')))")
    assert done.returncode == 0, done.stderr
    assert "tracker.storage.safety.backups" not in done.stdout
    assert "tracker.storage.connection" in done.stdout


def test_the_backup_before_an_upgrade_does_not_depend_on_asserts(tmp_path: Path) -> None:
    """``python -O`` strips asserts; the wiring must not live in one."""
    from tests.fixtures.make_v1_diary import FIXTURE

    path = tmp_path / "diary.sqlite3"
    path.write_bytes(FIXTURE.read_bytes())
    done = subprocess.run([sys.executable, "-P", "-O", "-c",
                           "import sys; from pathlib import Path\n"
                           "from tracker.services.context import open_diary\n"
                           "open_diary(Path(sys.argv[1])).close()", str(path)],
                          capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 0, done.stderr
    assert [b.reason for b in list_backups(path)] == ["before-migration"]
