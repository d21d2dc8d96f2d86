"""report.pdf: the period, the four nutrients, episodes, supplements and the caveat, on one page.

The intake table is read back from the PDF's text and compared with what ``day --json``
and ``analyze --json`` print for the same diary, so the report cannot lose or garble it.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import re
from pathlib import Path

import pytest
from pypdf import PdfReader

from tests.bundle_diary import FIRST, LAST, build_diary
from tracker import config
from tracker.analysis.export_figures import bin_days
from tracker.cli.main import main
from tracker.services.context import Context
from tracker.services.transfer.export import export_bundle
from tracker.storage.diary import Diary

# One row of the table as the PDF's text gives it, e.g.
# "Vitamin B12 3.78 µg 2.40 µg 158 % 86 % 25" or "Caffeine 33 mg limit 400 mg 8 % 63 % 24".
ROW = re.compile(r"^(?P<label>Magnesium|Calcium|Vitamin D|Vitamin B12|Drinks|Caffeine) "
                 r"(?P<mean>[\d,.]+) (?P<unit>mg|µg|ml) (?P<limit>limit )?(?P<target>[\d,.]+) "
                 r"(?:mg|µg|ml) (?P<pct>\d+) % (?:(?P<known>\d+) %|–) (?P<days>\d+)$",
                 re.MULTILINE)
# label: (day --json key, unit shown, decimals shown)
TABLE = {"Magnesium": ("magnesium", "mg", 0), "Calcium": ("calcium", "mg", 0),
         "Vitamin D": ("vitamin_d", "µg", 1), "Vitamin B12": ("vitamin_b12", "µg", 2),
         "Drinks": ("drinks", "ml", 0), "Caffeine": ("caffeine", "mg", 0)}


@pytest.fixture(scope="module")
def exported(tmp_path_factory: pytest.TempPathFactory,
             food_cache_dir: Path) -> tuple[Path, str]:
    """The bundle diary in a file, and the text of the report exported from it."""
    folder = tmp_path_factory.mktemp("report")
    with Context(Diary.open(folder / "diary.sqlite3"), food_cache_dir) as ctx:
        build_diary(ctx, tricky=False)
        export_bundle(ctx, FIRST, LAST, folder / "out")
    reader = PdfReader(io.BytesIO((folder / "out" / "report.pdf").read_bytes()))
    assert len(reader.pages) == 1, "four weeks fit on one page"
    return folder / "diary.sqlite3", " ".join(page.extract_text() for page in reader.pages)


@pytest.fixture(scope="module")
def report_text(exported: tuple[Path, str]) -> str:
    return exported[1]


def _cli_json(capsys: pytest.CaptureFixture[str], *argv: str) -> dict:
    assert main(list(argv)) == 0
    return json.loads(capsys.readouterr().out)


def _mean(values: list[float]) -> float:
    return sum(values) / len(values)


def test_intake_table_holds_what_the_day_command_prints(
        exported: tuple[Path, str], food_cache_dir: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    db, text = exported
    monkeypatch.setattr(config, "cache_dir", lambda: food_cache_dir)
    days = [_cli_json(capsys, "--db", str(db), "day", "--json", "--date",
                      (FIRST + dt.timedelta(days=i)).isoformat())
            for i in range((LAST - FIRST).days + 1)]
    logged = [d for d in days if d["logged"]]
    assert 0 < len(logged) < len(days)
    rows = {m["label"]: m for m in ROW.finditer(text)}
    assert list(rows) == list(TABLE), "the report's intake table lost rows"
    for label, (key, unit, decimals) in TABLE.items():
        row = rows[label]
        if key == "drinks":
            per_day = [(d["drinks_ml"], d["drinks_target_ml"], None) for d in logged]
        else:
            item = [d["nutrients"][key] for d in logged]
            target = "upper_limit" if key == "caffeine" else "target"
            per_day = [(n["amount"], n[target], n["known_fraction"]) for n in item]
        counted = [(amount, goal) for amount, goal, _ in per_day if amount is not None]
        known = [k for _, _, k in per_day if k is not None]
        # day --json rounds amounts to 0.1; the report rounds to its own decimals.
        slack = 0.5 * 10 ** -decimals + 0.05
        assert row["unit"] == unit
        assert bool(row["limit"]) == (key == "caffeine"), label
        assert int(row["days"]) == len(counted), label
        assert float(row["mean"].replace(",", "")) == pytest.approx(
            _mean([a for a, _ in counted]), abs=slack), label
        assert float(row["target"].replace(",", "")) == pytest.approx(
            _mean([g for _, g in counted]), abs=slack), label
        goals = sum(g for _, g in counted)
        pct = 100 * sum(a for a, _ in counted) / goals
        pct_slack = 0.5 + 100 * 0.05 * len(counted) / goals  # plus each day's 0.1 rounding
        assert int(row["pct"]) == pytest.approx(pct, abs=pct_slack), label
        if known:
            assert int(row["known"]) == pytest.approx(100 * _mean(known), abs=0.6), label
        else:
            assert row["known"] is None, label
    # The person's own magnesium target (350 mg) and the DRI for a woman of 46.
    assert (rows["Magnesium"]["target"], rows["Calcium"]["target"]) == ("350", "1,000")
    assert (rows["Vitamin D"]["target"], rows["Vitamin B12"]["target"]) == ("15.0", "2.40")
    assert rows["Caffeine"]["target"] == "400"


def test_findings_say_what_the_analyze_command_says(
        exported: tuple[Path, str], food_cache_dir: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    db, text = exported
    monkeypatch.setattr(config, "cache_dir", lambda: food_cache_dir)
    findings = _cli_json(capsys, "--db", str(db), "analyze", "--json", "--from",
                         FIRST.isoformat(), "--to", LAST.isoformat())["exposures"]
    flat = " ".join(text.split())
    assert len(findings) == 11
    for finding in findings.values():
        # One table row per exposure: its label, when it counts, the days on each
        # side, and the verdict with the days still needed for a doubling.
        when = finding["exposed_when"]
        row = (f"{finding['label']} {when[:1].upper()}{when[1:]} "
               f"{finding['shortfall_days']} / {finding['adequate_days']}")
        assert row in flat
        one_side = finding["shortfall_days"] == 0 or finding["adequate_days"] == 0
        verdict = ("Linked" if finding["flagged"] else
                   "No clear link" if finding["enough_data"] else
                   "All days on one side" if one_side else "Too few days")
        more = finding["days_needed_for_doubling"]
        if more:
            verdict += f", ~{more} more days"
        assert verdict in flat


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
