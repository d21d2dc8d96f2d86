"""A real spreadsheet opens and re-saves every CSV of an export (LibreOffice Calc, headless:
CSV → CSV, and CSV → xlsx → CSV); the result imports into an empty diary and exports again
exactly as the original, apart from what README.txt says a spreadsheet changes."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.bundle_diary import FIRST, LAST, build_diary
from tracker.domain.entries import CaffeineEntry, WaterEntry
from tracker.services import diary
from tracker.services.context import Context
from tracker.services.transfer.export import export_bundle
from tracker.services.transfer.importer import import_bundle
from tracker.storage.diary import Diary

# Comma, double quote, UTF-8, from line 1: what Calc's text import is told for these files.
CSV_IN = "CSV:44,34,76,1"
CSV_OUT = "csv:Text - txt - csv (StarCalc):44,34,76,1"


def _soffice() -> str:
    found = shutil.which("soffice") or shutil.which("libreoffice")
    assert found, ("LibreOffice is needed for this test: .ci/run installs "
                   "libreoffice-calc-nogui (or libreoffice-calc)")
    return found


def _convert(sources: list[Path], target: str, out: Path, profile: Path,
             infilter: str | None = None) -> list[Path]:
    """Open ``sources`` in LibreOffice and save them as ``target`` into ``out``."""
    out.mkdir()
    command = [_soffice(), f"-env:UserInstallation={profile.as_uri()}", "--headless",
               "--norestore"]
    if infilter:
        command.append(f"--infilter={infilter}")
    command += ["--convert-to", target, "--outdir", str(out), *map(str, sources)]
    env = dict(os.environ, HOME=str(profile.parent))
    done = subprocess.run(command, capture_output=True, text=True, timeout=600, env=env,
                          check=False)
    assert done.returncode == 0, done.stderr
    made = sorted(out.iterdir())
    assert len(made) == len(sources), (done.stdout, done.stderr)
    return made


def _csv_files(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.glob("*.csv"))}


@pytest.fixture(scope="module")
def original(tmp_path_factory: pytest.TempPathFactory, food_cache_dir: Path) -> Path:
    """An export with tricky text, a label with spaces around it and an id made of digits."""
    folder = tmp_path_factory.mktemp("spreadsheet") / "export"
    with Context(Diary.in_memory(), food_cache_dir) as ctx:
        build_diary(ctx)
        diary.add_entry(ctx, CaffeineEntry(FIRST, dt.time(7, 5), 95.0, "  espresso, double "))
        diary.add_entry(ctx, WaterEntry(FIRST, dt.time(23, 59), 125.25,
                                        id="12345678901234567890123456789012"))
        diary.add_entry(ctx, WaterEntry(LAST, dt.time(0, 1), 200.0,
                                        id="1234567890123456789012345678e123"))
        export_bundle(ctx, FIRST, LAST, folder)
    return folder


def _round_trip(resaved: list[Path], original: Path, tmp_path: Path,
                food_cache_dir: Path) -> None:
    bundle = tmp_path / "resaved-bundle"
    bundle.mkdir()
    for path in resaved:
        shutil.copyfile(path, bundle / path.name)
    assert _csv_files(bundle) != _csv_files(original), "the spreadsheet changed nothing?"
    with Context(Diary.in_memory(), food_cache_dir) as empty:
        summary = import_bundle(empty, bundle)
        assert summary.total_changed == 0 and summary.total_present == 0
        export_bundle(empty, FIRST, LAST, tmp_path / "again")
    assert _csv_files(tmp_path / "again") == _csv_files(original)


def test_csv_saved_again_as_csv_by_libreoffice(original: Path, tmp_path: Path,
                                              food_cache_dir: Path) -> None:
    sources = sorted(original.glob("*.csv"))
    resaved = _convert(sources, CSV_OUT, tmp_path / "csv", tmp_path / "profile", CSV_IN)
    times = (tmp_path / "csv" / "water_log.csv").read_text(encoding="utf-8")
    assert "11:59:00 PM" in times  # the rewrite that made the import refuse every row
    _round_trip(resaved, original, tmp_path, food_cache_dir)


def test_csv_saved_as_xlsx_then_as_csv_by_libreoffice(original: Path, tmp_path: Path,
                                                     food_cache_dir: Path) -> None:
    sources = sorted(original.glob("*.csv"))
    books = _convert(sources, "xlsx", tmp_path / "xlsx", tmp_path / "profile", CSV_IN)
    resaved = _convert(books, CSV_OUT, tmp_path / "csv", tmp_path / "profile")
    _round_trip(resaved, original, tmp_path, food_cache_dir)


def test_readme_lists_what_a_spreadsheet_changes(original: Path) -> None:
    readme = " ".join((original / "README.txt").read_text(encoding="utf-8").split())
    assert "Opened and saved again in a spreadsheet" in readme
    for change in ("08:05:00 AM", "15 significant digits", "1.23E-05", "byte-order mark"):
        assert change in readme, change
