"""``search`` and ``food`` on the command line."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from tracker.cli.main import main

Run = Callable[..., tuple[int, str, str]]


@pytest.fixture(scope="session")
def cache_home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One XDG cache home for every CLI run, so the food reference is built once."""
    return tmp_path_factory.mktemp("xdg-cache")


@pytest.fixture
def run(cache_home: Path, diary_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> Run:
    monkeypatch.setenv("XDG_CACHE_HOME", str(cache_home))

    def _run(*args: str) -> tuple[int, str, str]:
        code = main(["--db", str(diary_path), *args])
        out, err = capsys.readouterr()
        return code, out, err

    return _run


def test_search_json_has_one_line_per_query(run: Run) -> None:
    code, out, _ = run("search", "spinach", "whole milk", "--json", "--limit", "3")
    assert code == 0
    lines = [json.loads(line) for line in out.splitlines()]
    assert [line["query"] for line in lines] == ["spinach", "whole milk"]
    first = lines[0]["results"][0]
    assert first["id"] == "sr28:11457"
    assert first["name"] == "Spinach, raw"
    assert first["group"] == "Vegetables and Vegetable Products"
    assert all(len(line["results"]) <= 3 for line in lines)


def test_search_table(run: Run) -> None:
    code, out, _ = run("search", "banana", "--limit", "2")
    assert code == 0
    assert "sr28:09040" in out and "Bananas, raw" in out


def test_search_with_nothing_found(run: Run) -> None:
    code, out, _ = run("search", "!!!", "--json")
    assert code == 0
    assert json.loads(out) == {"query": "!!!", "results": []}


def test_food_add_then_search_and_show(run: Run) -> None:
    code, out, _ = run("food", "add", "--name", "Almond protein bar", "--serving-grams", "40",
                       "--magnesium", "80", "--vitamin-b12", "0.6", "--portion", "1 bar=40",
                       "--json")
    assert code == 0
    added = json.loads(out)
    assert added["per_100g"]["magnesium_mg"] == pytest.approx(200)
    assert added["per_100g"]["vitamin_b12_ug"] == pytest.approx(1.5)
    assert added["per_100g"]["calcium_mg"] is None
    code, out, _ = run("search", "almond protein", "--json")
    assert json.loads(out)["results"][0]["id"] == added["id"]
    code, out, _ = run("food", "show", added["id"])
    assert code == 0
    assert "Calcium" in out and "unknown" in out and "1 bar = 40 g" in out


def test_food_add_per_100g(run: Run) -> None:
    code, out, _ = run("food", "add", "--name", "Tofu X", "--serving-grams", "80", "--per",
                       "100g", "--calcium", "350", "--json")
    assert code == 0
    assert json.loads(out)["per_100g"]["calcium_mg"] == 350


def test_food_show_sr28(run: Run) -> None:
    code, out, _ = run("food", "show", "sr28:11457", "--json")
    assert code == 0
    shown = json.loads(out)
    assert shown["per_100g"]["magnesium_mg"] == 79
    assert {"amount": 1.0, "description": "cup", "grams": 30.0} in shown["portions"]


@pytest.mark.parametrize("args", [
    ("food", "show", "sr28:99999"),
    ("food", "show", "nonsense"),
    ("food", "add", "--name", "", "--serving-grams", "40"),
    ("food", "add", "--name", "X", "--serving-grams", "0"),
    ("food", "add", "--name", "X", "--serving-grams", "40", "--magnesium", "-3"),
    ("food", "add", "--name", "X", "--serving-grams", "forty"),
    ("food", "add", "--name", "X", "--serving-grams", "40", "--portion", "bar"),
])
def test_user_mistakes_exit_2_with_one_line(run: Run, args: tuple[str, ...]) -> None:
    code, out, err = run(*args)
    assert code == 2
    assert err.count("\n") == 1 and err.startswith("nutrient-tracker: ")


def test_search_as_a_subprocess(cache_home: Path, tmp_path: Path) -> None:
    env = {**os.environ, "XDG_CACHE_HOME": str(cache_home), "QT_QPA_PLATFORM": "offscreen",
           "NUTRIENT_TRACKER_DB": str(tmp_path / "diary.sqlite3")}
    done = subprocess.run([sys.executable, "-P", "-m", "tracker", "search", "spinach", "--json"],
                          capture_output=True, text=True, env=env, timeout=120, check=False)
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout)
    assert result["query"] == "spinach"
    assert result["results"][0]["id"] == "sr28:11457"
