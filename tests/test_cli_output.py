"""The command line's output as other programs and people meet it: a closed pipe, values that
start with '-', machine figures with their digits, and a PDF that prints what was typed."""

from __future__ import annotations

import datetime as dt
import json
import logging
import os
import subprocess
from pathlib import Path

import pytest

from tests.storage_faults import cli_command
from tracker.cli.main import main
from tracker.domain.entries import SupplementDose, SupplementProduct
from tracker.services import diary, supplements
from tracker.services.context import Context
from tracker.services.transfer.export import export_bundle
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
def env(tmp_path: Path, food_cache_dir: Path) -> dict[str, str]:
    home = tmp_path / "cache-home"
    home.mkdir()
    (home / "nutrient-tracker").symlink_to(food_cache_dir, target_is_directory=True)
    return dict(os.environ, XDG_CACHE_HOME=str(home))


def test_a_reader_that_closes_the_pipe_early_gets_no_traceback(
        tmp_path: Path, env: dict[str, str]) -> None:
    """``day --json | head -c 20``: the reader is gone before the command writes."""
    db = tmp_path / "diary.sqlite3"
    assert main(["--db", str(db), "log", "water", "250", "--date", DAY.isoformat()]) == 0
    child = subprocess.Popen(cli_command("--db", str(db), "day", "--date", DAY.isoformat(),
                                         "--json"),
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)
    assert child.stdout is not None and child.stderr is not None
    child.stdout.close()  # as head does once it has its 20 bytes
    err = child.stderr.read().decode()
    assert child.wait(timeout=120) == 141  # 128 + SIGPIPE, as the shell reports for head
    assert "Traceback" not in err and "BrokenPipeError" not in err and err == ""


def test_a_shell_pipe_into_head_ends_cleanly(tmp_path: Path, env: dict[str, str]) -> None:
    db = tmp_path / "diary.sqlite3"
    assert main(["--db", str(db), "log", "water", "250", "--date", DAY.isoformat()]) == 0
    command = " ".join(f"'{part}'" for part in cli_command("--db", str(db), "day", "--date",
                                                            DAY.isoformat(), "--json"))
    done = subprocess.run(["bash", "-c", f"{command} | head -c 20"], capture_output=True,
                          text=True, env=env, timeout=120, check=False)
    assert done.stdout == '{"date": "2026-11-20'
    assert done.stderr == ""


@pytest.mark.parametrize(("argv", "stored"), [
    (("log", "caffeine", "80", "--label", "-cmd|calc"), "-cmd|calc"),
    (("log", "caffeine", "80", "--label", "--double dash"), "--double dash"),
    (("log", "caffeine", "80", "--label", "-2 cups"), "-2 cups"),
])
def test_a_value_starting_with_a_dash_is_a_value(capsys: pytest.CaptureFixture[str],
                                                 tmp_path: Path, argv: tuple[str, ...],
                                                 stored: str, food_cache_dir: Path) -> None:
    db = tmp_path / "diary.sqlite3"
    code, out, err = _run(capsys, "--db", str(db), *argv, "--date", DAY.isoformat())
    assert code == 0, err
    with Context(Diary.open(db), food_cache_dir) as ctx:
        assert [c.label for c in diary.day(ctx, DAY).caffeine] == [stored]
        export_bundle(ctx, DAY, DAY, tmp_path / "out")
    assert f"'{stored}" in (tmp_path / "out" / "caffeine_log.csv").read_text(encoding="utf-8-sig")


def test_an_episode_note_and_site_may_start_with_a_dash(capsys: pytest.CaptureFixture[str],
                                                        tmp_path: Path,
                                                        food_cache_dir: Path) -> None:
    db = tmp_path / "diary.sqlite3"
    code, _, err = _run(capsys, "--db", str(db), "log", "episode", "--kind", "cramp", "--site",
                        "-left calf", "--intensity", "4", "--notes", "-woke at 4",
                        "--date", DAY.isoformat())
    assert code == 0, err
    with Context(Diary.open(db), food_cache_dir) as ctx:
        [episode] = diary.day(ctx, DAY).episodes
    assert (episode.body_site, episode.notes) == ("-left calf", "-woke at 4")


def test_a_missing_value_is_still_refused_in_one_line(capsys: pytest.CaptureFixture[str],
                                                      tmp_path: Path) -> None:
    code, _, err = _run(capsys, "--db", str(tmp_path / "d.sqlite3"), "log", "caffeine", "80",
                        "--label", "--date", DAY.isoformat())
    assert code == 2 and err.count("\n") == 1 and "expected one argument" in err


def test_day_json_keeps_at_least_four_significant_digits(
        capsys: pytest.CaptureFixture[str], tmp_path: Path, food_cache_dir: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    from tracker import config

    monkeypatch.setattr(config, "cache_dir", lambda: food_cache_dir)
    db = tmp_path / "diary.sqlite3"
    with Context(Diary.open(db), food_cache_dir) as ctx:
        b12 = supplements.save_product(ctx, SupplementProduct(
            "B12 drops", {"vitamin_b12": 7.95, "vitamin_d": 0.01234}, "drop"))
        diary.add_entry(ctx, SupplementDose(DAY, dt.time(8, 0), b12.id, 1.0))
    code, out, _ = _run(capsys, "--db", str(db), "day", "--date", DAY.isoformat(), "--json")
    assert code == 0
    nutrients = json.loads(out)["nutrients"]
    assert nutrients["vitamin_b12"]["amount"] == 7.95  # display rounding gave 7.9 (0.6 % off)
    assert nutrients["vitamin_b12"]["from_supplements"] == 7.95
    assert nutrients["vitamin_d"]["amount"] == 0.01234
    code, out, _ = _run(capsys, "--db", str(db), "day", "--date", DAY.isoformat())
    assert "7.95 µg" not in out  # the table keeps its display rounding


def test_the_pdf_prints_what_it_can_and_marks_the_rest_without_a_warning(
        tmp_path: Path, food_cache_dir: Path, env: dict[str, str],
        caplog: pytest.LogCaptureFixture) -> None:
    from pypdf import PdfReader

    db = tmp_path / "diary.sqlite3"
    name = "Магний 镁 glycinate 🥦 ☕"
    with Context(Diary.open(db), food_cache_dir) as ctx:
        product = supplements.save_product(ctx, SupplementProduct(name, {"magnesium": 100.0}))
        diary.add_entry(ctx, SupplementDose(DAY, dt.time(8, 0), product.id, 1.0))
    done = subprocess.run(cli_command("--db", str(db), "export", "--from", DAY.isoformat(),
                                      "--to", DAY.isoformat(), "--out", str(tmp_path / "out")),
                          capture_output=True, text=True, env=env, timeout=180, check=False)
    assert done.returncode == 0, done.stderr
    assert done.stderr == "", done.stderr  # fpdf2 warned "missing the following glyphs"
    text = "".join(page.extract_text() for page in PdfReader(tmp_path / "out" /
                                                              "report.pdf").pages)
    assert "Магний □ glycinate □ ☕" in text
    assert "□ marks a character this font cannot print" in text
    with caplog.at_level(logging.WARNING), Context(Diary.open(db), food_cache_dir) as ctx:
        export_bundle(ctx, DAY, DAY, tmp_path / "again")
    assert not [r for r in caplog.records if "glyph" in r.getMessage()]
    csv_text = (tmp_path / "again" / "supplements.csv").read_text(encoding="utf-8-sig")
    assert name in csv_text
