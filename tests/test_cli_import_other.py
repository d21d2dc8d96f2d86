"""``import PATH [--format cronometer|bearable]`` on the command line: detect, preview, write."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from tests.test_cli_recipes import Cli
from tracker import config

FIXTURES = Path(__file__).parent / "fixtures" / "other_apps"


@pytest.fixture
def cli(monkeypatch: pytest.MonkeyPatch, food_cache_dir: Path, diary_path: Path,
        capsys: pytest.CaptureFixture[str]) -> Cli:
    monkeypatch.setattr(config, "cache_dir", lambda: food_cache_dir)
    return Cli(str(diary_path), capsys)


def test_cronometer_is_detected_previewed_and_checked_without_writing(cli: Cli) -> None:
    out = cli("import", str(FIXTURES / "cronometer" / "servings.csv"), "--check")
    assert out.splitlines()[0] == ("Cronometer export (servings.csv, biometrics.csv, "
                                   "notes.csv), 2024-03-01 to 2024-03-02 (2 days)")
    assert "food entries: 6" in out
    assert "kept as foods (map them with --supplement NAME=PRODUCT or --new-supplement " \
           "NAME): Magnesium Glycinate" in out
    assert "Nothing was written (--check)." in out
    day = json.loads(cli("day", "--date", "2024-03-01", "--json"))
    assert day["food_grams"] == 0


def test_cronometer_supplement_rows_map_to_a_product(cli: Cli, tmp_path: Path) -> None:
    cli("supplement", "add", "Mag glycinate", "--magnesium", "100", "--unit-label", "capsule")
    folder = tmp_path / "export"
    shutil.copytree(FIXTURES / "cronometer", folder)
    out = cli("import", str(folder), "--format", "cronometer",
              "--supplement", "Magnesium Glycinate=mag glycinate")
    assert "Imported" in out and "supplement doses: 1 new" in out
    day = json.loads(cli("day", "--date", "2024-03-01", "--json"))
    assert day["nutrients"]["magnesium"]["from_supplements"] == 200  # 2 capsules of 100 mg
    again = cli("import", str(folder))
    assert "0 new" in again


def test_bearable_symptoms_chosen_on_the_command_line(cli: Cli) -> None:
    out = cli("import", str(FIXTURES / "bearable.csv"), "--episode-symptom", "Muscle twitching",
              "--cramp-symptom", "Calf cramps")
    assert "episodes: 4 new" in out
    day = json.loads(cli("day", "--date", "2020-09-23", "--json"))
    assert day["drinks_ml"] == 500
    assert day["nutrients"]["caffeine"]["amount"] == 200


@pytest.mark.parametrize(("argv", "message"), [
    (("import", "{missing}"), "There is no file or folder at"),
    (("import", "{notes}"), "not an export this app reads"),
    (("import", "{bearable}", "--format", "cronometer"), "the header lacks the columns Day, "
                                                          "Food Name, Amount"),
    (("import", "{servings}", "--supplement", "Magnesium Glycinate"),
     "must look like NAME=PRODUCT"),
    (("import", "{servings}", "--supplement", "Magnesium Glycinate=nothing"),
     "No supplement named 'nothing'"),
])
def test_mistakes_are_one_line_and_exit_2(cli: Cli, tmp_path: Path, argv: tuple[str, ...],
                                          message: str) -> None:
    (tmp_path / "notes.txt").write_text("hello,world\n1,2\n", encoding="utf-8")
    paths = {"missing": str(tmp_path / "nowhere.csv"), "notes": str(tmp_path / "notes.txt"),
             "bearable": str(FIXTURES / "bearable.csv"),
             "servings": str(FIXTURES / "cronometer" / "servings.csv")}
    err = cli(*(part.format(**paths) for part in argv), code=2)
    assert message in err


def test_checking_or_a_refused_file_creates_no_diary(cli: Cli, diary_path: Path,
                                                     tmp_path: Path) -> None:
    assert not diary_path.exists()
    cli("import", str(FIXTURES / "bearable.csv"), "--check")
    bad = tmp_path / "servings.csv"
    bad.write_text("Day,Time,Group,Food Name,Amount,Magnesium (mg)\n"
                   "2024-03-01,08:00,Breakfast,Oats,40 g,50\n"
                   "2024-13-01,08:00,Breakfast,Oats,40 g,50\n", encoding="utf-8")
    err = cli("import", str(bad), code=2)
    assert "servings.csv" in err and "line 3" in err
    assert not diary_path.exists()
    out = cli("import", str(FIXTURES / "bearable.csv"), "--cramp-symptom", "Calf cramps")
    assert "episodes: 2 new" in out and diary_path.exists()
    assert "episodes: 0 new, 2 already present" in cli("import", str(FIXTURES / "bearable.csv"),
                                                "--cramp-symptom", "Calf cramps")
