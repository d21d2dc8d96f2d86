"""Export of a period: the files, their conventions, privacy, progress and refusals."""

from __future__ import annotations

import csv
import datetime as dt
import errno
import io
import os
import stat
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.bundle_diary import FIRST, LAST, build_diary
from tracker.cli.main import main
from tracker.domain.errors import UserError
from tracker.services.context import Context
from tracker.services.transfer.bundle_csv import number
from tracker.services.transfer.export import default_period, export_bundle
from tracker.storage.diary import Diary

# The bundle's files and their columns: a contract with the person's spreadsheet and with
# older bundles (README.txt in the bundle explains each column), so written out here.
NUTRIENT_COLUMNS = (
    "energy_kcal", "protein_g", "fat_g", "carbohydrate_g", "fiber_g", "sugars_g", "water_g",
    "caffeine_mg", "alcohol_g", "calcium_mg", "magnesium_mg", "potassium_mg", "sodium_mg",
    "phosphorus_mg", "iron_mg", "zinc_mg", "vitamin_d_ug", "vitamin_b12_ug", "vitamin_b6_mg",
    "folate_dfe_ug", "vitamin_c_mg")
SUPPLEMENT_COLUMNS = (
    "magnesium_mg", "calcium_mg", "vitamin_d_ug", "vitamin_b12_ug", "potassium_mg", "sodium_mg",
    "zinc_mg", "iron_mg", "vitamin_b6_mg", "folate_dfe_ug", "vitamin_c_mg", "caffeine_mg")
HEADERS = {
    "profile.csv": ("sex", "birth_date", "life_stage", "reference_set"),
    "targets.csv": ("nutrient", "target", "unit"),
    "custom_foods.csv": ("name", "food_group", "beverage",
                         *(f"{c}_per_100g" for c in NUTRIENT_COLUMNS), "id", "retired"),
    "custom_food_portions.csv": ("food_id", "amount", "description", "grams"),
    "supplements.csv": ("name", "unit_label", *(f"{c}_per_unit" for c in SUPPLEMENT_COLUMNS),
                        "id"),
    "food_log.csv": ("date", "time", "food_id", "food_name", "amount", "unit", "grams",
                     *NUTRIENT_COLUMNS, "id", "source"),
    "water_log.csv": ("date", "time", "volume_ml", "id", "source"),
    "caffeine_log.csv": ("date", "time", "caffeine_mg", "label", "id", "source"),
    "supplement_log.csv": ("date", "time", "supplement", "units", "unit_label",
                           *SUPPLEMENT_COLUMNS, "product_id", "id", "source"),
    "episodes.csv": ("date", "time", "kind", "body_site", "side", "intensity", "duration_s",
                     "notes", "id", "source"),
    "day_factors.csv": ("date", "sleep_hours", "stress", "exercise_min", "day_complete",
                        "notes"),
    "experiments.csv": ("id", "kind", "what", "product_id", "product_name", "units", "limit_mg",
                        "min_ml", "outcome", "block_days", "pairs", "washin_days", "start_date",
                        "end_date", "seed", "schedule", "status", "stopped_on", "created_at"),
    "imported_foods.csv": ("id", "name", "source",
                           *(f"{c}_per_100g" for c in NUTRIENT_COLUMNS)),
    "recipes.csv": ("id", "name", "servings", "cooked_grams", "retired"),
    "recipe_items.csv": ("recipe_id", "food_id", "food_name", "amount", "unit", "grams"),
    "meals.csv": ("id", "name", "times_logged", "last_logged"),
    "meal_items.csv": ("meal_id", "kind", "food_id", "food_name", "amount", "unit", "grams",
                       "volume_ml", "caffeine_mg", "label", "supplement", "units", "product_id"),
}
FOCUS_COLUMNS = {"magnesium": "mg", "calcium": "mg", "vitamin_d": "ug", "vitamin_b12": "ug"}


@pytest.fixture(scope="module")
def source(food_cache_dir: Path) -> Iterator[Context]:
    with Context(Diary.in_memory(), food_cache_dir) as context:
        build_diary(context)
        yield context


def _table(path: Path) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(path.read_bytes().decode("utf-8-sig"), newline="")))


def test_every_file_is_written_with_a_bom_and_one_header_row(source: Context,
                                                             tmp_path: Path) -> None:
    result = export_bundle(source, FIRST, LAST, tmp_path / "out")
    names = {p.name for p in (tmp_path / "out").iterdir()}
    assert names == set(result.files) == {*HEADERS, "daily_summary.csv", "report.pdf",
                                          "README.txt"}
    for name, columns in HEADERS.items():
        data = (tmp_path / "out" / name).read_bytes()
        assert data.startswith(b"\xef\xbb\xbf"), name  # UTF-8 byte-order mark
        header = next(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
        assert tuple(header) == columns, name


def test_daily_summary_has_one_row_per_day_with_targets_and_completeness(
        source: Context, tmp_path: Path) -> None:
    export_bundle(source, FIRST, LAST, tmp_path / "out")
    rows = _table(tmp_path / "out" / "daily_summary.csv")
    assert [r["date"] for r in rows] == [
        (FIRST + dt.timedelta(days=i)).isoformat() for i in range((LAST - FIRST).days + 1)]
    for key, unit in FOCUS_COLUMNS.items():
        for column in (f"{key}_{unit}", f"{key}_target_{unit}", f"{key}_pct_of_target",
                       f"{key}_known_fraction"):
            assert column in rows[0]
    logged = [r for r in rows if r["logged"] == "1"]
    skipped = [r for r in rows if r["logged"] == "0"]
    assert logged and skipped
    # A day not logged is unknown, never zero.
    assert all(r["magnesium_mg"] == "" for r in skipped)
    row = logged[0]
    expected = 100 * float(row["magnesium_mg"]) / float(row["magnesium_target_mg"])
    assert float(row["magnesium_pct_of_target"]) == pytest.approx(expected, abs=0.06)
    assert row["magnesium_target_mg"] == "350"  # the person's own target wins


def test_food_log_amounts_match_the_food_data(source: Context, tmp_path: Path) -> None:
    export_bundle(source, FIRST, LAST, tmp_path / "out")
    spinach = [r for r in _table(tmp_path / "out" / "food_log.csv")
               if r["food_id"] == "sr28:11457"]
    assert spinach
    for row in spinach:
        assert row["food_name"] == "Spinach, raw"
        grams = float(row["grams"])
        # SR28: raw spinach holds 79 mg magnesium and 99 mg calcium per 100 g.
        assert float(row["magnesium_mg"]) == pytest.approx(grams * 79 / 100, abs=0.05)
        assert float(row["calcium_mg"]) == pytest.approx(grams * 99 / 100, abs=0.05)


@pytest.mark.parametrize("value", [0.1, 1 / 3, 250.0, 330.5, 1e-7, 123456.789, 2.675])
def test_numbers_read_back_identically(value: float) -> None:
    assert float(number(value)) == value
    assert "," not in number(value)


def test_files_and_folder_are_private_whatever_the_umask(source: Context,
                                                         tmp_path: Path) -> None:
    old = os.umask(0o022)
    try:
        export_bundle(source, FIRST, LAST, tmp_path / "out")
        export_bundle(source, FIRST, LAST, tmp_path / "visit.zip")
    finally:
        os.umask(old)
    assert stat.S_IMODE((tmp_path / "out").stat().st_mode) == 0o700
    for path in (tmp_path / "out").iterdir():
        assert stat.S_IMODE(path.stat().st_mode) == 0o600, path.name
    assert stat.S_IMODE((tmp_path / "visit.zip").stat().st_mode) == 0o600
    assert not list(tmp_path.glob("**/.*partial"))


def test_zip_holds_the_same_files(source: Context, tmp_path: Path) -> None:
    folder = export_bundle(source, FIRST, LAST, tmp_path / "out")
    archive = export_bundle(source, FIRST, LAST, tmp_path / "visit", as_zip=True)
    assert archive.path == tmp_path / "visit.zip"
    with zipfile.ZipFile(archive.path) as opened:
        assert set(opened.namelist()) == set(folder.files)
        for name in folder.files:
            if name.endswith(".csv"):
                assert opened.read(name) == (tmp_path / "out" / name).read_bytes()


def test_progress_is_reported_up_to_the_end(source: Context, tmp_path: Path) -> None:
    seen: list[tuple[int, int]] = []
    export_bundle(source, FIRST, LAST, tmp_path / "out", progress=lambda d, t: seen.append((d, t)))
    assert seen[-1][0] == seen[-1][1]
    assert [d for d, _ in seen] == sorted(d for d, _ in seen)
    assert len(seen) > 3


def test_bad_periods_and_targets_are_refused(source: Context, tmp_path: Path) -> None:
    with pytest.raises(UserError, match=r"The period starts \(2026-11-01\) after it ends") as err:
        export_bundle(source, LAST, FIRST, tmp_path / "out")
    assert err.value.field == "first"
    (tmp_path / "file.txt").write_text("x", encoding="utf-8")
    with pytest.raises(UserError, match="is a file; choose a folder to export into") as err:
        export_bundle(source, FIRST, LAST, tmp_path / "file.txt")
    assert err.value.field == "out"
    with pytest.raises(UserError, match="missing does not exist") as err:
        export_bundle(source, FIRST, LAST, tmp_path / "missing" / "out")
    assert err.value.field == "out"
    assert not (tmp_path / "out").exists()


def test_an_empty_diary_still_exports(tmp_path: Path, food_cache_dir: Path) -> None:
    with Context(Diary.in_memory(), food_cache_dir) as empty:
        result = export_bundle(empty, FIRST, LAST, tmp_path / "out")
    assert result.counts["food_log.csv"] == 0
    assert result.counts["daily_summary.csv"] == (LAST - FIRST).days + 1


def test_default_period_is_the_last_four_weeks() -> None:
    first, last = default_period(dt.date(2026, 11, 25))
    assert (first, last) == (dt.date(2026, 10, 29), dt.date(2026, 11, 25))


def test_cli_export_and_import(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = str(tmp_path / "d.sqlite3")
    assert main(["--db", db, "log", "water", "500", "--date", "2026-11-20",
                 "--time", "08:00"]) == 0
    assert main(["--db", db, "log", "episode", "--kind", "cramp", "--site", "calf",
                 "--intensity", "4", "--notes", "=SUM(1)", "--date", "2026-11-21",
                 "--time", "23:10"]) == 0
    out = tmp_path / "visit.zip"
    assert main(["--db", db, "export", "--from", "2026-11-01", "--to", "2026-11-25",
                 "--out", str(out)]) == 0
    assert "episodes: 1" in capsys.readouterr().out
    other = str(tmp_path / "e.sqlite3")
    assert main(["--db", other, "import", str(out)]) == 0
    assert "2 new, 0 changed, 0 unchanged" in capsys.readouterr().out
    assert main(["--db", other, "import", str(out)]) == 0
    assert "0 new, 0 changed, 2 unchanged" in capsys.readouterr().out
    assert main(["--db", other, "export", "--from", "2026-11-25", "--to", "2026-11-01"]) == 2
    assert "starts (2026-11-25) after it ends" in capsys.readouterr().err


def test_a_full_disk_is_reported_and_leaves_no_partial_files(
        source: Context, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def full(fd: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr("tracker.services.transfer.bundle_csv.os.fsync", full)
    with pytest.raises(UserError, match=r"could not be written to .* \(No space left on device\); "
                                        "choose another place") as err:
        export_bundle(source, FIRST, LAST, tmp_path / "out")
    assert err.value.field == "out"
    assert sorted(p.name for p in tmp_path.iterdir()) == []  # no folder, no hidden leftovers
