"""Edits made in an exported file are applied or refused, never lost: amount, unit and grams
must agree within a row; an entry whose id the diary holds but whose content differs is a
change, listed by ``import --check``, applied by ``--update``, refused otherwise."""

from __future__ import annotations

import csv
import datetime as dt
import io
import shutil
from pathlib import Path

import pytest

from tracker.cli.main import main
from tracker.domain.entries import DayFactors, FoodEntry, WaterEntry
from tracker.domain.errors import UserError
from tracker.services import diary, totals
from tracker.services.context import Context
from tracker.services.transfer.export import export_bundle
from tracker.services.transfer.importer import ImportChangesError, import_bundle, read_bundle
from tracker.storage.diary import Diary

DAY = dt.date(2026, 10, 5)
ALMONDS = "sr28:12061"


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    try:
        code = main(list(argv))
    except SystemExit as stop:
        code = int(stop.code or 0)
    out, err = capsys.readouterr()
    return code, out, err


def _rows(path: Path) -> list[list[str]]:
    return list(csv.reader(io.StringIO(path.read_text(encoding="utf-8-sig"), newline="")))


def _write_rows(path: Path, rows: list[list[str]]) -> None:
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\r\n").writerows(rows)
    path.write_text(buffer.getvalue(), encoding="utf-8-sig", newline="")


def _edit(path: Path, line: int, **cells: str) -> None:
    rows = _rows(path)
    for column, value in cells.items():
        rows[line - 1][rows[0].index(column)] = value
    _write_rows(path, rows)


@pytest.fixture
def exported(tmp_path: Path, food_cache_dir: Path) -> tuple[Path, Path]:
    """A diary file with 150 g of almonds (as "150 g"), water and day notes, and its export."""
    db = tmp_path / "diary.sqlite3"
    with Context(Diary.open(db), food_cache_dir) as ctx:
        diary.add_entry(ctx, diary.new_food_entry(ctx, ALMONDS, DAY, dt.time(8, 0),
                                                  amount="150 g"))
        diary.add_entry(ctx, diary.new_food_entry(ctx, ALMONDS, DAY, dt.time(9, 0),
                                                  amount="1 cup, whole"))
        diary.add_entry(ctx, WaterEntry(DAY, dt.time(10, 0), 250.0))
        diary.set_factors(ctx, DayFactors(DAY, 7.0, 2, None, True, "slept well"))
        export_bundle(ctx, DAY, DAY, tmp_path / "export")
    return db, tmp_path / "export"


def _magnesium(db: Path, food_cache_dir: Path) -> float:
    with Context(Diary.open(db), food_cache_dir) as ctx:
        amount = totals.day_summary(ctx, DAY).nutrients["magnesium"].amount
        assert amount is not None
        return amount


def _hand_logged_magnesium(tmp_path: Path, food_cache_dir: Path, grams: float) -> float:
    """The day's magnesium with the almonds logged by hand at ``grams``: the figure an
    applied edit must give."""
    db = tmp_path / "by-hand.sqlite3"
    with Context(Diary.open(db), food_cache_dir) as ctx:
        diary.add_entry(ctx, diary.new_food_entry(ctx, ALMONDS, DAY, dt.time(8, 0), grams=grams))
        diary.add_entry(ctx, diary.new_food_entry(ctx, ALMONDS, DAY, dt.time(9, 0),
                                                  amount="1 cup, whole"))
    return _magnesium(db, food_cache_dir)


@pytest.mark.parametrize(("cells", "message"), [
    ({"amount": "200"},
     "food_log.csv line 2: grams: 200 g of Nuts, almonds weighs 200 g, but grams says 150; "
     "change one of them, or leave grams empty to use 200 g."),
    ({"grams": "200"},
     "food_log.csv line 2: grams: 150 g of Nuts, almonds weighs 150 g, but grams says 200; "
     "change one of them, or leave grams empty to use 150 g."),
])
def test_amount_and_grams_that_disagree_name_the_line(
        exported: tuple[Path, Path], cells: dict[str, str], message: str,
        food_cache_dir: Path) -> None:
    db, folder = exported
    _edit(folder / "food_log.csv", 2, **cells)
    with Context(Diary.open(db), food_cache_dir) as ctx, pytest.raises(UserError) as refused:
        import_bundle(ctx, folder, update=True)
    assert refused.value.message == message


def test_a_measure_and_its_weight_must_agree_too(exported: tuple[Path, Path],
                                                 food_cache_dir: Path) -> None:
    db, folder = exported
    rows = _rows(folder / "food_log.csv")
    line = next(n for n, row in enumerate(rows, start=1) if row[5] == "cup, whole")
    _edit(folder / "food_log.csv", line, amount="2")
    with Context(Diary.open(db), food_cache_dir) as ctx, \
            pytest.raises(UserError, match=rf"^food_log\.csv line {line}: grams: 2 cup, whole "
                                           r"of Nuts, almonds weighs 286 g, but grams says 143"):
        import_bundle(ctx, folder, update=True)


@pytest.mark.parametrize("cells", [{"amount": "200", "grams": "200"},
                                   {"amount": "200", "grams": ""},
                                   {"amount": "", "unit": "", "grams": "200"}])
def test_an_edited_amount_is_applied_with_update_and_counts_in_the_totals(
        exported: tuple[Path, Path], cells: dict[str, str], capsys: pytest.CaptureFixture[str],
        tmp_path: Path, food_cache_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from tracker import config

    monkeypatch.setattr(config, "cache_dir", lambda: food_cache_dir)
    db, folder = exported
    _edit(folder / "food_log.csv", 2, **cells)
    before = db.read_bytes()
    code, out, _ = _run(capsys, "--db", str(db), "import", "--check", str(folder))
    assert code == 0
    lines = out.splitlines()
    assert lines[0] == f"{folder} is ready to import: 0 new, 1 changed, 3 unchanged."
    assert "  food entries: 0 new, 1 changed, 1 unchanged" in lines
    assert lines[-2:] == ["The change:", "  food_log.csv line 2: grams 150 → 200, amount 150 → 200"]
    code, out, err = _run(capsys, "--db", str(db), "import", str(folder))
    assert code == 2 and out == "" and err.count("\n") == 1
    assert err.startswith("nutrient-tracker: 1 item differs from your diary (first: "
                          "food_log.csv line 2: grams 150 → 200, amount 150 → 200); nothing "
                          "was imported.")
    assert db.read_bytes() == before
    code, out, _ = _run(capsys, "--db", str(db), "import", "--update", str(folder))
    assert code == 0 and out.startswith(f"Imported {folder}: 0 new, 1 changed, 3 unchanged.")
    with Context(Diary.open(db), food_cache_dir) as ctx:
        first = diary.day(ctx, DAY).foods[0]
        assert (first.amount, first.unit, first.grams) == (200.0, "g", 200.0)
    assert _magnesium(db, food_cache_dir) == pytest.approx(
        _hand_logged_magnesium(tmp_path, food_cache_dir, 200.0), rel=1e-12)


def test_reimporting_an_edited_export_no_longer_drops_the_edit(
        exported: tuple[Path, Path], food_cache_dir: Path) -> None:
    """The issue's case: 'import' said '0 new, 656 already present' and kept the old value."""
    db, folder = exported
    _edit(folder / "water_log.csv", 2, volume_ml="330")
    _edit(folder / "day_factors.csv", 2, sleep_hours="5.5", notes="woke at 4")
    with Context(Diary.open(db), food_cache_dir) as ctx:
        with read_bundle(ctx, folder) as plan:
            assert plan.review.headline() == "0 new, 2 changed, 2 unchanged"
            assert [str(c) for c in plan.review.changes] == [
                "water_log.csv line 2: volume_ml 250 → 330",
                "day_factors.csv line 2: sleep_hours 7 → 5.5, notes 'slept well' → 'woke at 4'"]
        with pytest.raises(ImportChangesError, match="2 items differ from your diary"):
            import_bundle(ctx, folder)
        assert diary.day(ctx, DAY).water[0].volume_ml == 250.0
        summary = import_bundle(ctx, folder, update=True)
        assert summary.changed == {"water": 1, "factors": 1}
        day = diary.day(ctx, DAY)
        assert day.water[0].volume_ml == 330.0
        assert day.factors == DayFactors(DAY, 5.5, 2, None, True, "woke at 4")


def test_import_check_and_a_refused_import_create_no_diary(
        exported: tuple[Path, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch, food_cache_dir: Path) -> None:
    from tracker import config

    monkeypatch.setattr(config, "cache_dir", lambda: food_cache_dir)
    _, folder = exported
    fresh = tmp_path / "new" / "diary.sqlite3"
    code, out, _ = _run(capsys, "--db", str(fresh), "import", "--check", str(folder))
    assert not fresh.exists() and not fresh.parent.exists()  # an empty diary was made here
    assert code == 0 and "ready to import: 4 new, 0 changed, 0 unchanged" in out
    broken = tmp_path / "broken"
    shutil.copytree(folder, broken)
    _edit(broken / "water_log.csv", 2, volume_ml="-5")
    code, _, err = _run(capsys, "--db", str(fresh), "import", str(broken))
    assert code == 2 and "water_log.csv line 2" in err
    code, _, err = _run(capsys, "--db", str(fresh), "import", str(tmp_path / "no-such.zip"))
    assert code == 2
    assert not fresh.exists() and not fresh.parent.exists()
    code, out, _ = _run(capsys, "--db", str(fresh), "import", str(folder))
    assert code == 0 and fresh.exists()
    with Context(Diary.open(fresh), food_cache_dir) as ctx:
        assert len(diary.day(ctx, DAY).foods) == 2


def test_the_food_entry_keeps_what_the_file_says(exported: tuple[Path, Path],
                                                 food_cache_dir: Path) -> None:
    db, folder = exported
    _edit(folder / "food_log.csv", 2, amount="7", unit="oz", grams="")
    with Context(Diary.open(db), food_cache_dir) as ctx:
        import_bundle(ctx, folder, update=True)
        entry = diary.day(ctx, DAY).foods[0]
    assert isinstance(entry, FoodEntry)
    assert (entry.amount, entry.unit) == (7.0, "oz")
    assert entry.grams == pytest.approx(7 * 28.349523125)  # the avoirdupois ounce
