"""report.pdf: the period, the four nutrients, episodes, supplements and the caveat, on one page."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from pypdf import PdfReader

from tests.bundle_diary import FIRST, LAST, build_diary
from tracker.analysis.export_figures import bin_days
from tracker.services.context import Context
from tracker.services.export import export_bundle
from tracker.storage.diary import Diary


@pytest.fixture(scope="module")
def report_text(tmp_path_factory: pytest.TempPathFactory, food_cache_dir: Path) -> str:
    folder = tmp_path_factory.mktemp("report") / "out"
    with Context(Diary.in_memory(), food_cache_dir) as ctx:
        build_diary(ctx, tricky=False)
        export_bundle(ctx, FIRST, LAST, folder)
    reader = PdfReader(io.BytesIO((folder / "report.pdf").read_bytes()))
    assert len(reader.pages) == 1, "four weeks fit on one page"
    return " ".join(page.extract_text() for page in reader.pages)


def test_report_names_the_period_and_the_four_nutrients(report_text: str) -> None:
    assert FIRST.isoformat() in report_text
    assert LAST.isoformat() in report_text
    for word in ("Magnesium", "Calcium", "Vitamin D", "B12"):
        assert word in report_text


def test_report_holds_profile_episodes_supplements_and_caveat(report_text: str) -> None:
    assert "Female, 46 years" in report_text
    assert "episodes" in report_text and "per week" in report_text
    assert "Magnesium glycinate" in report_text and "Vitamin D3 drops" in report_text
    assert "µg" in report_text
    assert "Association, not cause" in report_text
    assert "blood test" in report_text


def test_an_empty_period_gives_a_report_too(tmp_path: Path, food_cache_dir: Path) -> None:
    with Context(Diary.in_memory(), food_cache_dir) as ctx:
        export_bundle(ctx, FIRST, LAST, tmp_path / "out")
    text = PdfReader(tmp_path / "out" / "report.pdf").pages[0].extract_text()
    assert "No episodes were logged" in text
    assert "No profile set" in text


@pytest.mark.parametrize(("days", "expected"), [(28, 7), (112, 7), (113, 14), (3653, 231)])
def test_long_periods_are_charted_in_blocks_of_whole_weeks(days: int, expected: int) -> None:
    assert bin_days(days) == expected
