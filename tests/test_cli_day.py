"""``day`` on the command line: the JSON shape of the issue, the table, and user mistakes."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from tracker import config
from tracker.cli.main import main
from tracker.domain.entries import Profile, SupplementDose, SupplementProduct, WaterEntry
from tracker.services import diary, profile, supplements
from tracker.services.context import Context

DAY = dt.date(2026, 11, 20)
UNITS = {"magnesium": "mg", "calcium": "mg", "vitamin_d": "ug", "vitamin_b12": "ug",
         "potassium": "mg", "sodium": "mg", "caffeine": "mg", "water_total": "ml",
         "energy": "kcal"}


@pytest.fixture
def shared_cache(monkeypatch: pytest.MonkeyPatch, food_cache_dir: Path) -> None:
    """Let the command use the food reference the test session already built."""
    monkeypatch.setattr(config, "cache_dir", lambda: food_cache_dir)


@pytest.fixture
def logged_day(ctx: Context, diary_path: Path, shared_cache: None) -> Path:
    profile.set_profile(ctx, Profile("male", dt.date(1981, 2, 3)))
    noon = dt.time(12, 0)
    diary.add_entry(ctx, diary.new_food_entry(ctx, "sr28:12061", DAY, noon, grams=60))
    diary.add_entry(ctx, diary.new_food_entry(ctx, "sr28:14209", DAY, noon, grams=500))
    diary.add_entry(ctx, WaterEntry(DAY, noon, 1000.0))
    product = supplements.save_product(ctx, SupplementProduct("Mag 120", {"magnesium": 120.0}))
    diary.add_entry(ctx, SupplementDose(DAY, noon, product.id, 1))
    return diary_path


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_json_has_the_issue_shape(logged_day: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = _run(capsys, "--db", str(logged_day), "day", "--date", "2026-11-20", "--json")
    assert code == 0
    data = json.loads(out)
    assert data["date"] == "2026-11-20"
    assert data["complete"] is False
    assert isinstance(data["drinks_ml"], float) and data["drinks_ml"] > 1000.0
    assert set(data["nutrients"]) == set(UNITS)
    for key, unit in UNITS.items():
        item = data["nutrients"][key]
        assert item["unit"] == unit
        for field in ("amount", "target", "target_kind", "percent_of_target", "upper_limit",
                      "upper_limit_applies_to", "from_supplements", "known_fraction"):
            assert field in item, (key, field)
    magnesium = data["nutrients"]["magnesium"]
    assert (magnesium["target"], magnesium["target_kind"]) == (420, "RDA")
    assert (magnesium["upper_limit"], magnesium["upper_limit_applies_to"]) == (350, "supplements")
    assert magnesium["from_supplements"] == 120.0
    assert magnesium["amount"] == pytest.approx(120.0 + 0.6 * 270 + 5 * 3, abs=0.1)
    assert magnesium["percent_of_target"] == pytest.approx(100 * magnesium["amount"] / 420,
                                                           abs=0.1)
    assert magnesium["known_fraction"] == 1.0
    assert data["nutrients"]["energy"]["target"] is None
    assert data["nutrients"]["vitamin_b12"]["upper_limit"] is None
    assert data["nutrients"]["caffeine"]["upper_limit"] == 400
    assert data["nutrients"]["water_total"]["target"] == 3700


def test_table_is_readable(logged_day: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = _run(capsys, "--db", str(logged_day), "day", "--date", "2026-11-20")
    assert code == 0
    for label in ("Magnesium", "Vitamin D", "Vitamin B12", "Caffeine", "Drinks", "Energy"):
        assert label in out
    assert "350 mg UL (supplements)" in out
    assert "µg" in out and "7-day mean" in out


def test_without_profile_the_totals_come_with_a_hint(
        diary_path: Path, shared_cache: None, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = _run(capsys, "--db", str(diary_path), "day", "--json", "--date",
                        "2026-11-20")
    data = json.loads(out)
    assert code == 0
    assert "profile set" in data["notice"]
    assert data["nutrients"]["magnesium"]["target"] is None


def test_bad_date_is_one_line_and_exit_2(diary_path: Path, shared_cache: None,
                                         capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = _run(capsys, "--db", str(diary_path), "day", "--date", "20-11-2026")
    assert code == 2
    assert out == ""
    assert err.count("\n") == 1 and "YYYY-MM-DD" in err


def test_vitamin_d_typed_in_iu_counts_as_micrograms(
        diary_path: Path, shared_cache: None, capsys: pytest.CaptureFixture[str]) -> None:
    """A label's 1000 IU is 25 µg (1 µg = 40 IU, IOM 2011); two softgels make 50 µg."""
    db = str(diary_path)
    assert _run(capsys, "--db", db, "profile", "set", "--sex", "female",
                "--birth-date", "1980-05-01")[0] == 0
    code, out, _ = _run(capsys, "--db", db, "supplement", "add", "Vitamin D3 1000 IU",
                        "--vitamin-d", "1000", "--vitamin-d-unit", "IU",
                        "--unit-label", "softgel")
    assert code == 0 and "Vitamin D 25 ug" in out
    assert _run(capsys, "--db", db, "log", "supplement", "Vitamin D3 1000 IU", "--units", "2",
                "--date", "2026-11-20", "--time", "08:00")[0] == 0
    code, out, _ = _run(capsys, "--db", db, "day", "--date", "2026-11-20", "--json")
    vitamin_d = json.loads(out)["nutrients"]["vitamin_d"]
    assert (vitamin_d["amount"], vitamin_d["from_supplements"]) == (50.0, 50.0)
    # A woman of 46: RDA 15 µg, UL 100 µg (IOM 2011).
    assert vitamin_d["percent_of_target"] == pytest.approx(100 * 50 / 15, abs=0.1)
    assert vitamin_d["percent_of_upper_limit"] == 50.0
