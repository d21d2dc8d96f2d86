"""Cronometer's servings.csv (with biometrics.csv, notes.csv): mapping, preview, all or nothing."""

from __future__ import annotations

import csv
import datetime as dt
import io
import shutil
from pathlib import Path

import pytest

from tracker.domain.entries import FoodEntry, SupplementDose
from tracker.domain.errors import UserError
from tracker.services import diary, totals
from tracker.services.context import Context
from tracker.services.transfer.export import export_bundle
from tracker.services.transfer.other_apps.cronometer import NEW_PRODUCT
from tracker.services.transfer.other_apps.formats import CRONOMETER, Choices, detect, read_foreign
from tracker.services.transfer.other_apps.plan import apply_plan
from tracker.storage import entries as entry_repo

FIXTURES = Path(__file__).parent / "fixtures" / "other_apps"
FIRST, SECOND = dt.date(2024, 3, 1), dt.date(2024, 3, 2)


@pytest.fixture
def export(tmp_path: Path) -> Path:
    folder = tmp_path / "cronometer"
    shutil.copytree(FIXTURES / "cronometer", folder)
    return folder / "servings.csv"


def _read(ctx: Context, path: Path, **choices: object) -> object:
    return read_foreign(ctx, path, CRONOMETER, Choices(**choices))  # type: ignore[arg-type]


def _entries(ctx: Context, kind: type) -> list[object]:
    return entry_repo.in_range(ctx.diary.conn, kind, dt.date(2000, 1, 1), dt.date(2100, 1, 1))


def test_the_header_says_it_is_cronometer(export: Path) -> None:
    assert detect(export) == CRONOMETER
    assert detect(export.parent) == CRONOMETER


def test_preview_counts_rows_and_dates_before_writing(ctx: Context, export: Path) -> None:
    plan = read_foreign(ctx, export, CRONOMETER)
    lines = plan.preview()
    assert lines[0] == ("Cronometer export (servings.csv, biometrics.csv, notes.csv), "
                        "2024-03-01 to 2024-03-02 (2 days)")
    assert "  food entries: 6" in lines
    assert "  days with sleep or notes: 2" in lines
    assert "  left out: 1 Weight readings (biometrics.csv)" in lines
    assert plan.supplement_rows == {"Magnesium Glycinate": 1}
    assert _entries(ctx, FoodEntry) == []


def test_each_row_is_a_food_with_the_rows_own_values(ctx: Context, export: Path) -> None:
    apply_plan(ctx, read_foreign(ctx, export, CRONOMETER))
    day = totals.day_summary(ctx, FIRST)
    # Magnesium: oats 69 + milk 27 + spinach 47 + the unmapped supplement row 200 = 343 mg.
    assert day.nutrients["magnesium"].amount == pytest.approx(343)
    assert day.nutrients["magnesium"].from_supplements == 0
    # Vitamin D: only the milk's 120 IU, divided by 40 = 3 µg.
    assert day.nutrients["vitamin_d"].amount == pytest.approx(3.0)
    assert day.nutrients["vitamin_b12"].amount == pytest.approx(1.3)
    foods = {e.unit: e for e in diary.day(ctx, FIRST).foods}
    assert foods["g"].grams in (50, 60)
    # "2.00 x 30.0 g" is 60 g; "1.00 cup" of milk weighs its water, protein, fat and
    # carbohydrate: 218 + 8.1 + 4.8 + 11.7 = 242.6 g.
    assert sorted(e.grams for e in diary.day(ctx, FIRST).foods) == \
        pytest.approx([1, 1, 50, 60, 242.6])
    # Vitamin D is known for the oats, the milk and the supplement row (0 IU):
    # 50 + 242.6 + 1 of 354.6 g; the spinach and the stew have no value.
    assert day.nutrients["vitamin_d"].known_fraction == pytest.approx(293.6 / 354.6)
    # Water (g) is the food's water, not a drink.
    assert day.drinks_ml == 0


def test_a_row_with_empty_nutrient_cells_is_unknown_not_zero(ctx: Context, export: Path) -> None:
    apply_plan(ctx, read_foreign(ctx, export, CRONOMETER))
    day = totals.day_summary(ctx, FIRST)
    assert "Mystery stew" in day.nutrients["magnesium"].missing_foods
    assert day.nutrients["magnesium"].known_fraction == pytest.approx(353.6 / 354.6)


def test_sleep_and_notes_come_from_the_files_beside(ctx: Context, export: Path) -> None:
    apply_plan(ctx, read_foreign(ctx, export, CRONOMETER))
    assert diary.day(ctx, SECOND).factors.sleep_hours == 7.5  # type: ignore[union-attr]
    assert diary.day(ctx, FIRST).factors.notes == "Legs restless in the evening"  # type: ignore[union-attr]


def test_a_mapped_supplement_row_becomes_a_dose(ctx: Context, export: Path) -> None:
    plan = read_foreign(ctx, export, CRONOMETER,
                        Choices(supplements={"magnesium glycinate": NEW_PRODUCT}))
    summary = apply_plan(ctx, plan)
    assert summary.added["doses"] == 1 and summary.added["products"] == 1
    [dose] = _entries(ctx, SupplementDose)
    assert dose.units == 2  # type: ignore[attr-defined]
    day = totals.day_summary(ctx, FIRST)
    assert day.nutrients["magnesium"].from_supplements == pytest.approx(200)
    assert day.nutrients["magnesium"].amount == pytest.approx(343)


def test_a_file_without_time_greek_mu_and_vitamin_d_in_micrograms(ctx: Context) -> None:
    path = FIXTURES / "cronometer_no_time.csv"
    assert detect(path) == CRONOMETER
    apply_plan(ctx, read_foreign(ctx, path, CRONOMETER))
    day = dt.date(2024, 4, 2)
    times = sorted((e.time, e.unit) for e in diary.day(ctx, day).foods)
    assert times == [(dt.time(8, 0), "g"), (dt.time(12, 0), "oz"),
                     (dt.time(18, 30), "container")]
    summary = totals.day_summary(ctx, day)
    assert summary.nutrients["vitamin_d"].amount == pytest.approx(11 + 0)  # µg as given
    assert summary.nutrients["vitamin_b12"].amount == pytest.approx(3.2 + 0.8)  # μ header
    assert summary.nutrients["magnesium"].amount == pytest.approx(29 + 19 + 76)


def test_importing_again_adds_nothing(ctx: Context, export: Path) -> None:
    first = apply_plan(ctx, read_foreign(ctx, export, CRONOMETER))
    assert first.total_added == 8  # 6 foods and 2 days' factors
    again = apply_plan(ctx, read_foreign(ctx, export, CRONOMETER))
    assert again.total_added == 0 and again.total_present == 8
    assert len(_entries(ctx, FoodEntry)) == 6


def test_a_bad_row_in_the_middle_names_file_and_line_and_writes_nothing(
        ctx: Context, export: Path) -> None:
    text = export.read_text(encoding="utf-8").replace("2024-03-01,12:30 PM",
                                                      "2024-02-30,12:30 PM")
    export.write_text(text, encoding="utf-8", newline="")
    with pytest.raises(UserError, match=r"^servings.csv line 4: Day: 2024-02-30 is not a day "
                                        r"on the calendar") as refused:
        read_foreign(ctx, export, CRONOMETER)
    assert refused.value.field == "Day"
    assert _entries(ctx, FoodEntry) == []


@pytest.mark.parametrize(("old", "new", "message"), [
    (",1.00 cup,122", ",lots,122", r"line 3: Amount: 'lots' is not an amount"),
    (",69,215", ",-69,215", r"line 2: Magnesium \(mg\): Magnesium cannot be negative"),
    ("7:45 AM,Breakfast,\"Oats", "25:99,Breakfast,\"Oats", r"line 2: Time: '25:99' is not a time"),
    (",50.00 g,", ",9000.00 g,", r"line 2: Amount: The amount of 9000 g is more than"),
])
def test_bad_cells_are_refused_with_file_and_line(ctx: Context, export: Path, old: str, new: str,
                                                  message: str) -> None:
    text = export.read_text(encoding="utf-8")
    assert old in text
    export.write_text(text.replace(old, new, 1), encoding="utf-8", newline="")
    with pytest.raises(UserError, match=message):
        read_foreign(ctx, export, CRONOMETER)


def test_imported_entries_are_marked_with_their_source_in_exports(ctx: Context, export: Path,
                                                                  tmp_path: Path) -> None:
    apply_plan(ctx, read_foreign(ctx, export, CRONOMETER,
                                 Choices(supplements={"Magnesium Glycinate": NEW_PRODUCT})))
    diary.add_entry(ctx, diary.new_food_entry(ctx, "sr28:09040", FIRST, dt.time(16, 0),
                                              grams=100))
    out = export_bundle(ctx, FIRST, SECOND, tmp_path / "out").path
    for name, count in (("food_log.csv", 5), ("supplement_log.csv", 1)):  # one row a dose
        rows = list(csv.DictReader(io.StringIO((out / name).read_text(encoding="utf-8-sig"))))
        marked = [r for r in rows if r["source"] == "Cronometer: servings.csv"]
        assert len(marked) == count
    food_rows = list(csv.DictReader(io.StringIO(
        (out / "food_log.csv").read_text(encoding="utf-8-sig"))))
    banana = [r for r in food_rows if r["food_id"] == "sr28:09040"]
    assert banana[0]["source"] == ""


def test_a_cronometer_import_round_trips_through_a_bundle(ctx: Context, export: Path,
                                                          tmp_path: Path) -> None:
    from tracker.services.transfer.importer import import_bundle
    from tracker.storage.diary import Diary

    apply_plan(ctx, read_foreign(ctx, export, CRONOMETER))
    first = export_bundle(ctx, FIRST, SECOND, tmp_path / "first").path
    with Context(Diary.open(tmp_path / "other.sqlite3"), ctx.cache_dir) as other:
        import_bundle(other, first)
        second = export_bundle(other, FIRST, SECOND, tmp_path / "second").path
    for path in sorted(first.glob("*.csv")):
        assert (second / path.name).read_bytes() == path.read_bytes(), path.name
