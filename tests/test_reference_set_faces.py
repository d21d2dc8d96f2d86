"""The reference set as a person meets it: ``profile set --reference``, ``day --json``,
the export bundle and report.pdf all say which set the targets came from.

Expected figures are read off ../shared/reference/efsa.csv by hand.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from pathlib import Path

import pytest
from pypdf import PdfReader

from tests.bundle_diary import FIRST, LAST, build_diary
from tracker import config
from tracker.cli.main import main
from tracker.domain.entries import Profile, WaterEntry
from tracker.services import diary, profile
from tracker.services.context import Context
from tracker.services.transfer.export import export_bundle
from tracker.services.transfer.importer import import_bundle
from tracker.storage.diary import Diary

DAY = dt.date(2026, 11, 20)


@pytest.fixture
def shared_cache(monkeypatch: pytest.MonkeyPatch, food_cache_dir: Path) -> None:
    monkeypatch.setattr(config, "cache_dir", lambda: food_cache_dir)


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_profile_set_reference_efsa_then_day_json_reports_efsa_values(
        diary_path: Path, shared_cache: None, capsys: pytest.CaptureFixture[str]) -> None:
    db = str(diary_path)
    code, out, _ = _run(capsys, "--db", db, "profile", "set", "--sex", "female",
                        "--birth-date", "1990-05-01", "--reference", "efsa")
    assert code == 0 and "EFSA" in out
    code, out, _ = _run(capsys, "--db", db, "log", "water", "500", "--date", "2026-11-20")
    assert code == 0
    code, out, _ = _run(capsys, "--db", db, "day", "--date", "2026-11-20", "--json")
    data = json.loads(out)
    assert data["reference_set"] == "efsa"
    calcium = data["nutrients"]["calcium"]
    assert (calcium["target"], calcium["target_kind"]) == (950, "PRI")
    assert calcium["source"] == "EFSA NDA 2015, EFSA Journal 13(5):4101"
    sodium = data["nutrients"]["sodium"]
    assert (sodium["target"], sodium["target_kind"], sodium["upper_limit"]) == (2000, "SAI", None)
    magnesium = data["nutrients"]["magnesium"]
    assert (magnesium["target"], magnesium["target_kind"]) == (300, "AI")
    assert (magnesium["upper_limit"], magnesium["upper_limit_applies_to"]) == (250, "supplements")
    assert data["drinks_target_ml"] == 1600
    assert data["drinks_target_kind"] == "derived"
    assert "80 %" in data["drinks_target_note"]
    assert data["nutrients"]["water_total"]["target"] == 2000

    # Changing the profile without --reference keeps the set chosen before.
    _run(capsys, "--db", db, "profile", "set", "--sex", "female", "--birth-date", "1990-05-01",
         "--life-stage", "pregnancy")
    code, out, _ = _run(capsys, "--db", db, "profile", "show", "--json")
    assert json.loads(out)["reference_set"] == "efsa"
    code, out, _ = _run(capsys, "--db", db, "day", "--date", "2026-11-20")
    assert "EFSA Dietary Reference Values" in out
    assert "Drinks: 80 % of the total-water" in out

    _run(capsys, "--db", db, "profile", "set", "--sex", "female", "--birth-date", "1990-05-01",
         "--reference", "dri")
    code, out, _ = _run(capsys, "--db", db, "day", "--date", "2026-11-20", "--json")
    data = json.loads(out)
    assert data["reference_set"] == "dri"
    assert (data["nutrients"]["calcium"]["target"],
            data["nutrients"]["calcium"]["target_kind"]) == (1000, "RDA")


def test_an_unknown_reference_set_is_one_line_and_changes_nothing(
        diary_path: Path, shared_cache: None, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as info:
        main(["--db", str(diary_path), "profile", "set", "--sex", "male",
              "--birth-date", "1980-01-01", "--reference", "who"])
    assert info.value.code == 2
    err = capsys.readouterr().err
    assert len(err.strip().splitlines()) == 1 and "--reference" in err


def test_export_names_the_reference_set_and_import_keeps_it(
        tmp_path: Path, food_cache_dir: Path) -> None:
    folder = tmp_path / "out"
    with Context(Diary.in_memory(), food_cache_dir) as ctx:
        build_diary(ctx, tricky=False)
        person = profile.get_profile(ctx)
        assert person is not None
        profile.set_profile(ctx, Profile(person.sex, person.birth_date, person.life_stage,
                                         "efsa"))
        export_bundle(ctx, FIRST, LAST, folder)
    rows = list(csv.DictReader(io.StringIO(
        (folder / "profile.csv").read_text(encoding="utf-8-sig"))))
    assert rows[0]["reference_set"] == "efsa"
    readme = (folder / "README.txt").read_text(encoding="utf-8")
    assert "EFSA's Dietary Reference Values" in readme
    assert "80 %" in readme
    text = PdfReader(io.BytesIO((folder / "report.pdf").read_bytes())).pages[0].extract_text()
    assert "EFSA Dietary Reference Values" in " ".join(text.split())
    with Context(Diary.in_memory(), food_cache_dir) as ctx:
        import_bundle(ctx, folder)
        imported = profile.get_profile(ctx)
        assert imported is not None and imported.reference_set == "efsa"


def test_a_dri_export_says_so(tmp_path: Path, food_cache_dir: Path) -> None:
    folder = tmp_path / "out"
    with Context(Diary.in_memory(), food_cache_dir) as ctx:
        build_diary(ctx, tricky=False)
        diary.add_entry(ctx, WaterEntry(FIRST, dt.time(9), 250.0))
        export_bundle(ctx, FIRST, LAST, folder)
    assert "Dietary Reference Intakes (US National Academies" in (
        folder / "README.txt").read_text(encoding="utf-8")
    text = PdfReader(io.BytesIO((folder / "report.pdf").read_bytes())).pages[0].extract_text()
    assert "US/Canadian Dietary Reference Intakes" in " ".join(text.split())


def test_a_diary_from_before_the_choice_keeps_the_dri(tmp_path: Path) -> None:
    from tests.fixtures.make_v1_diary import FIXTURE

    copy = tmp_path / "old.sqlite3"
    copy.write_bytes(FIXTURE.read_bytes())
    with Diary.open(copy) as old:
        person = profile.get_profile(Context(old, tmp_path / "cache"))
    assert person == Profile("female", dt.date(1980, 5, 17), "general", "dri")
