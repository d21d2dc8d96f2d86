"""Read-only is a state, not damage: a healthy diary on a read-only mount, in a read-only
folder or made read-only itself opens read-only; reading commands work, writing ones say
"the diary is read-only" in one line, and nothing changes the file or its mode."""

from __future__ import annotations

import csv
import datetime as dt
import json
import os
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.storage_faults import cli_command, on_read_only_mount, run
from tracker.cli.main import main
from tracker.domain.entries import Profile, WaterEntry
from tracker.services import diary, profile
from tracker.services.context import Context, open_context
from tracker.storage.diary import Diary, DiaryReadOnlyError

DAY = dt.date(2026, 11, 20)


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    try:
        code = main(list(argv))
    except SystemExit as stop:
        code = int(stop.code or 0)
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def logged(tmp_path: Path, food_cache_dir: Path) -> Path:
    """A diary with a profile, a food and some water on DAY, closed cleanly."""
    path = tmp_path / "data" / "diary.sqlite3"
    with Context(Diary.open(path), food_cache_dir) as ctx:
        profile.set_profile(ctx, Profile("female", dt.date(1984, 5, 17)))
        diary.add_entry(ctx, diary.new_food_entry(ctx, "sr28:11457", DAY, dt.time(12, 0),
                                                  grams=150))
        diary.add_entry(ctx, WaterEntry(DAY, dt.time(9, 0), 500.0))
    return path


@pytest.fixture
def shared_cache_env(tmp_path: Path, food_cache_dir: Path) -> dict[str, str]:
    """Environment for a child command that reuses the session's food reference."""
    home = tmp_path / "cache-home"
    home.mkdir()
    (home / "nutrient-tracker").symlink_to(food_cache_dir, target_is_directory=True)
    return dict(os.environ, XDG_CACHE_HOME=str(home))


def _snapshot(folder: Path) -> dict[str, tuple[bytes, int]]:
    return {p.name: (p.read_bytes(), stat.S_IMODE(p.stat().st_mode))
            for p in sorted(folder.iterdir()) if p.is_file()}


@pytest.fixture
def read_only_folder(logged: Path) -> Iterator[Path]:
    folder = logged.parent
    folder.chmod(0o555)
    try:
        yield folder
    finally:
        folder.chmod(0o700)


def test_a_read_only_file_keeps_its_mode_and_is_read_not_repaired(
        logged: Path, capsys: pytest.CaptureFixture[str], food_cache_dir: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    from tracker import config

    monkeypatch.setattr(config, "cache_dir", lambda: food_cache_dir)
    os.chmod(logged, 0o444)
    before = logged.read_bytes()
    code, out, err = _run(capsys, "--db", str(logged), "day", "--date", DAY.isoformat(),
                          "--json")
    assert code == 0, err
    assert json.loads(out)["drinks_ml"] == 500
    assert stat.S_IMODE(logged.stat().st_mode) == 0o444  # never made writable again
    code, _, err = _run(capsys, "--db", str(logged), "log", "water", "250")
    assert code == 2 and err.count("\n") == 1
    assert err.startswith(f"nutrient-tracker: the diary is read-only: the file {logged} is "
                          "read-only")
    assert stat.S_IMODE(logged.stat().st_mode) == 0o444
    assert logged.read_bytes() == before
    code, out, _ = _run(capsys, "--db", str(logged), "check")
    assert code == 0 and "is fine" in out


def test_a_read_only_folder_opens_read_only_and_gains_no_files(
        read_only_folder: Path, logged: Path, food_cache_dir: Path) -> None:
    before = _snapshot(read_only_folder)
    with open_context(logged, food_cache_dir) as ctx:
        assert ctx.diary.read_only == f"its folder {read_only_folder} is read-only"
        assert [w.volume_ml for w in diary.day(ctx, DAY).water] == [500.0]
        with pytest.raises(DiaryReadOnlyError):
            diary.add_entry(ctx, WaterEntry(DAY, dt.time(10, 0), 250.0))
    assert _snapshot(read_only_folder) == before  # not even a -shm index file


def test_on_a_read_only_mount_reading_works_and_writing_says_read_only(
        logged: Path, shared_cache_env: dict[str, str], tmp_path: Path) -> None:
    folder = logged.parent
    before = _snapshot(folder)
    out_dir = tmp_path / "export"

    def on_mount(*argv: str) -> tuple[int, str, str]:
        done = run(on_read_only_mount(folder, cli_command("--db", str(logged), *argv)),
                   env=shared_cache_env, timeout=180)
        return done.returncode, done.stdout, done.stderr

    try:
        code, out, err = on_mount("day", "--date", DAY.isoformat(), "--json")
        assert code == 0, err
        assert json.loads(out)["drinks_ml"] == 500
        code, out, err = on_mount("search", "spinach", "--limit", "1", "--json")
        assert code == 0 and "pinach" in out, err
        code, out, err = on_mount("analyze", "--json")
        assert code == 0, err
        json.loads(out)
        code, out, err = on_mount("export", "--from", DAY.isoformat(), "--to", DAY.isoformat(),
                                  "--out", str(out_dir))
        assert code == 0, err
        with (out_dir / "water_log.csv").open(encoding="utf-8-sig", newline="") as exported:
            assert [row["volume_ml"] for row in csv.DictReader(exported)] == ["500"]
        code, out, err = on_mount("check")
        assert code == 0 and "is fine" in out, err
        code, out, err = on_mount("log", "water", "250")
        assert code == 2 and out == "" and err.count("\n") == 1
        assert err.startswith(f"nutrient-tracker: the diary is read-only: {logged} is on a "
                              "read-only disk")
        assert "Restore" not in err and "damaged" not in err
    finally:
        folder.chmod(0o700)  # only changed where no mount namespace could be made
    assert _snapshot(folder) == before
