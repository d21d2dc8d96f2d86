"""Import of an export bundle: exact round trip, idempotence, all-or-nothing, clear refusals."""

from __future__ import annotations

import csv
import io
import shutil
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.bundle_diary import FIRST, FORMULA_STARTS, LAST, build_diary
from tracker.domain.entries import CaffeineEntry, Episode, FoodEntry, WaterEntry
from tracker.domain.errors import UserError
from tracker.services import diary, supplements
from tracker.services.context import Context
from tracker.services.foods import catalog as foods
from tracker.services.transfer.bundle_csv import BOM, render, restore
from tracker.services.transfer.bundle_read import read_rows
from tracker.services.transfer.export import export_bundle
from tracker.services.transfer.importer import import_bundle, read_bundle
from tracker.storage import entries as entry_repo
from tracker.storage.diary import Diary
from tracker.storage.own_foods import custom_foods


@pytest.fixture(scope="module")
def bundle(tmp_path_factory: pytest.TempPathFactory, food_cache_dir: Path) -> Path:
    """One exported diary for the whole module; tests copy it before changing it."""
    folder = tmp_path_factory.mktemp("bundle") / "export"
    with Context(Diary.in_memory(), food_cache_dir) as source:
        build_diary(source)
        export_bundle(source, FIRST, LAST, folder)
    return folder


@pytest.fixture
def empty(tmp_path: Path, food_cache_dir: Path) -> Iterator[Context]:
    with Context(Diary.open(tmp_path / "empty.sqlite3"), food_cache_dir) as context:
        yield context


@pytest.fixture
def copy(bundle: Path, tmp_path: Path) -> Path:
    target = tmp_path / "copy"
    shutil.copytree(bundle, target)
    return target


def _csv_files(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.glob("*.csv"))}


def _entry_count(ctx: Context) -> int:
    return sum(len(entry_repo.in_range(ctx.diary.conn, kind, FIRST, LAST))
               for kind in (FoodEntry, WaterEntry, CaffeineEntry, Episode))


def _edit_line(path: Path, line: int, old: str, new: str) -> None:
    lines = path.read_bytes().decode("utf-8-sig").split("\r\n")
    assert old in lines[line - 1]
    lines[line - 1] = lines[line - 1].replace(old, new, 1)
    path.write_text(BOM + "\r\n".join(lines), encoding="utf-8", newline="")


def _row(path: Path, line: int) -> list[str]:
    text = path.read_bytes().decode("utf-8-sig").split("\r\n")[line - 1]
    return next(csv.reader([text]))


def test_round_trip_gives_identical_csv_files(bundle: Path, empty: Context,
                                              tmp_path: Path) -> None:
    import_bundle(empty, bundle)
    again = tmp_path / "again"
    export_bundle(empty, FIRST, LAST, again)
    first, second = _csv_files(bundle), _csv_files(again)
    assert len(first) == 18  # experiments, imported foods, recipes and meals among them
    assert first == second


def test_round_trip_through_a_zip(bundle: Path, empty: Context, tmp_path: Path) -> None:
    archive = tmp_path / "visit.zip"
    with zipfile.ZipFile(archive, "w") as out:
        for path in bundle.iterdir():
            out.write(path, f"visit/{path.name}")  # zipped folder: files one level down
    summary = import_bundle(empty, archive)
    assert summary.total_added > 0
    export_bundle(empty, FIRST, LAST, tmp_path / "again.zip")
    with zipfile.ZipFile(tmp_path / "again.zip") as again:
        for name, data in _csv_files(bundle).items():
            assert again.read(name) == data


def test_importing_twice_adds_nothing_the_second_time(bundle: Path, empty: Context) -> None:
    first = import_bundle(empty, bundle)
    count = _entry_count(empty)
    second = import_bundle(empty, bundle)
    assert second.total_added == 0
    assert second.total_present == first.total_added
    assert _entry_count(empty) == count


def _texts(ctx: Context) -> list[str]:
    conn = ctx.diary.conn
    texts = [e.label for e in entry_repo.in_range(conn, CaffeineEntry, FIRST, LAST)]
    texts += [e.notes for e in entry_repo.in_range(conn, Episode, FIRST, LAST)]
    texts += [f.notes for f in entry_repo.factors_in_range(conn, FIRST, LAST)]
    texts += [p.name for p in supplements.products(ctx)]
    texts += [f.name for f in foods.get_foods(ctx, [i for i, _, _ in custom_foods.names(conn)]
                                              ).values()]
    return texts


def test_text_that_a_spreadsheet_would_run_is_neutralised_in_the_files(bundle: Path) -> None:
    for name, data in _csv_files(bundle).items():
        rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))
        for row in rows:
            for cell in row:
                assert not cell.startswith(FORMULA_STARTS), f"{name}: {cell!r}"


def test_the_diarys_formula_like_texts_are_written_behind_an_apostrophe(bundle: Path) -> None:
    cells = {cell for data in _csv_files(bundle).values()
             for row in csv.reader(io.StringIO(data.decode("utf-8-sig"), newline=""))
             for cell in row}
    written = {"'@SUM(A1)", "'=HYPERLINK(\"http://x\")", "'=1+1; ok",  # caffeine labels
               "'+Magnesium glycinate", "'=Grandma's oat bar", "'-tired"}
    assert written <= cells
    assert not {text[1:] for text in written} & cells


@pytest.mark.parametrize("start", ["=", "+", "-", "@", "'"])
def test_neutralised_text_is_restored_exactly(bundle: Path, empty: Context,
                                              food_cache_dir: Path, start: str) -> None:
    with Context(Diary.in_memory(), food_cache_dir) as source:
        build_diary(source)
        original = sorted(_texts(source))
    import_bundle(empty, bundle)
    restored = sorted(_texts(empty))
    assert restored == original
    assert any(text.startswith(start) for text in restored)


@pytest.mark.parametrize("text", ["\tx", "\rx", "=1", "'=1", "''", "+", "@a", "-1", "plain"])
def test_every_formula_start_round_trips_through_a_file(text: str) -> None:
    data = render(("label",), [(text,)])
    cell = next(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))
    assert cell == ["label"]
    _, rows = read_rows("caffeine_log.csv", data, ("label",))
    written = rows[0].get("label")
    assert not written.startswith(FORMULA_STARTS)
    assert restore(written) == text


def test_a_bad_row_in_the_middle_imports_nothing(copy: Path, empty: Context) -> None:
    food_log = copy / "food_log.csv"
    line = 30
    row = _row(food_log, line)
    _edit_line(food_log, line, f",{row[5]},{row[6]},", f",{row[5]},0,")
    with pytest.raises(UserError) as err:
        import_bundle(empty, copy)
    assert str(err.value) == "food_log.csv line 30: grams: The amount must be more than zero."
    assert err.value.field == "grams"
    assert _entry_count(empty) == 0
    assert diary.day(empty, FIRST).is_empty


def test_a_bad_row_in_a_later_file_imports_nothing_either(copy: Path, empty: Context) -> None:
    _edit_line(copy / "episodes.csv", 5, ",left,", ",up,")
    with pytest.raises(UserError, match=r"^episodes\.csv line 5: side: Side must be one of") as err:
        import_bundle(empty, copy)
    assert err.value.field == "side"
    assert _entry_count(empty) == 0


def test_only_identifying_columns_are_needed(empty: Context, tmp_path: Path) -> None:
    folder = tmp_path / "hand"
    folder.mkdir()
    (folder / "episodes.csv").write_text(
        "date,time,kind,body_site,intensity\n2026-10-05,08:00,cramp,calf,6\n"
        "2026-10-05,08:00,cramp,calf,6\n2026-10-06,22:10,Twitch,eyelid,2\n", encoding="utf-8")
    (folder / "water_log.csv").write_text("date,time,volume_ml\n2026-10-05,09:00,250\n",
                                          encoding="utf-8")
    first = import_bundle(empty, folder)
    assert first.added == {"episodes": 3, "water": 1}
    again = import_bundle(empty, folder)
    assert again.total_added == 0
    stored = entry_repo.in_range(empty.diary.conn, Episode, FIRST, LAST)
    assert [(e.kind, e.side, e.duration_s, e.notes) for e in stored][-1] == \
        ("twitch", "none", None, "")


def test_derived_nutrient_columns_are_recomputed_not_trusted(copy: Path, empty: Context) -> None:
    column = _row(copy / "food_log.csv", 1).index("magnesium_mg")
    line = _row(copy / "food_log.csv", 2)
    assert line[column]
    _edit_line(copy / "food_log.csv", 2, f",{line[column]},{line[column + 1]},",
               f",999999,{line[column + 1]},")
    import_bundle(empty, copy)
    export_bundle(empty, FIRST, LAST, copy.parent / "again")
    assert "999999" not in (copy.parent / "again" / "food_log.csv").read_text(encoding="utf-8")


@pytest.mark.parametrize(("name", "content", "message", "field"), [
    ("water_log.csv", b"date,time,volume_ml\n2026-10-05,09:00,\xff\xfe\n",
     "water_log.csv line 2: the file is not UTF-8 text", None),
    ("water_log.csv", b"date,volume_ml\n2026-10-05,250\n",
     "water_log.csv line 1: the header lacks the required column time.", None),
    ("water_log.csv", b"date,time,volume_ml,time\n2026-10-05,09:00,250,09:00\n",
     "water_log.csv line 1: the column 'time' appears twice in the header.", None),
    ("water_log.csv", b"date\ttime\tvolume_ml\n2026-10-05\t09:00\t250\n",
     "water_log.csv line 1: the columns are not separated by commas or semicolons", None),
    ("water_log.csv", b"date,time,volume_ml\n2026-10-05,09:00,250,1\n",
     "water_log.csv line 2: the row has 4 cells but the header has 3 columns.", None),
    ("water_log.csv", b"date,time,volume_ml\n2026-02-30,09:00,250\n",
     "water_log.csv line 2: date: 2026-02-30 is not a day on the calendar.", "date"),
    ("food_log.csv", b"date,time,food_id,grams\n2026-10-05,09:00,sr28:99999,50\n",
     "food_log.csv line 2: food_id: there is no food with the id 'sr28:99999'", "food_id"),
    ("supplement_log.csv", b"date,time,supplement,units\n2026-10-05,09:00,Zinc,1\n",
     "supplement_log.csv line 2: supplement: there is no supplement 'Zinc'", "supplement"),
    ("episodes.csv", b"date,time,kind,body_site,intensity\n2026-10-05,09:00,twitch,calf,11\n",
     "episodes.csv line 2: intensity: Intensity must be a whole number from 1 to 10.", "intensity"),
    ("episodes.csv", b'date,time,kind,body_site,intensity,notes\n2026-10-05,09:00,twitch,calf,'
                     b'3,"two\nlines"\n2026-10-05,09:01,twitch,calf,x,\n',
     "episodes.csv line 4: intensity: Intensity must be a number, not 'x'.", "intensity"),
])
def test_bad_files_are_refused_with_file_and_line(empty: Context, tmp_path: Path, name: str,
                                                  content: bytes, message: str,
                                                  field: str | None) -> None:
    folder = tmp_path / "bad"
    folder.mkdir()
    (folder / name).write_bytes(content)
    (folder / "profile.csv").write_text("sex,birth_date\nfemale,1980-05-01\n", encoding="utf-8")
    with pytest.raises(UserError) as err:
        import_bundle(empty, folder)
    assert str(err.value).startswith(message)
    assert err.value.field == field
    assert empty.diary.conn.execute("SELECT count(*) FROM profile").fetchone()[0] == 0


def test_a_file_that_is_not_a_zip_is_refused(empty: Context, tmp_path: Path) -> None:
    fake = tmp_path / "visit.zip"
    fake.write_bytes(b"not a zip at all")
    with pytest.raises(UserError, match="is not a .zip file"):
        import_bundle(empty, fake)


@pytest.mark.parametrize("member", ["../episodes.csv", "/tmp/episodes.csv",
                                    "a/../../episodes.csv", "C:/episodes.csv"])
def test_a_zip_with_paths_leaving_it_is_refused(empty: Context, tmp_path: Path,
                                                member: str) -> None:
    archive = tmp_path / "evil.zip"
    with zipfile.ZipFile(archive, "w") as out:
        out.writestr("water_log.csv", "date,time,volume_ml\n2026-10-05,09:00,250\n")
        out.writestr(member, "date,time,kind,body_site,intensity\n")
    with pytest.raises(UserError, match="points outside the archive"):
        import_bundle(empty, archive)
    assert _entry_count(empty) == 0


def test_a_folder_without_bundle_files_is_refused(empty: Context, tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("hello", encoding="utf-8")
    with pytest.raises(UserError, match="holds none of the files"):
        import_bundle(empty, tmp_path)


def test_check_reports_what_the_bundle_holds_without_writing(bundle: Path,
                                                             empty: Context) -> None:
    plan = read_bundle(empty, bundle)
    counts = plan.counts()
    assert counts["foods"] > 0 and counts["episodes"] > 0
    # The oat bar and its edited version; the soup (two versions) and the bowl; a meal.
    assert (counts["custom_foods"], counts["recipes"], counts["meals"]) == (2, 3, 1)
    assert _entry_count(empty) == 0


def test_recipes_and_meals_come_back_whole(bundle: Path, empty: Context) -> None:
    from tracker.services import totals
    from tracker.services.foods import meals, recipes
    from tracker.storage.own_foods import recipes as recipe_repo

    import_bundle(empty, bundle)
    conn = empty.diary.conn
    [(soup_id, soup_name)] = [r for r in recipe_repo.names(conn) if "Lentil" in r[1]]
    soup = recipes.stored_recipe(empty, soup_id)
    assert (soup_name, soup.version, soup.servings) == ("Lentil soup", 2, 4)
    assert recipe_repo.retired_ids(conn) == {soup_id}  # the first version, kept
    breakfast = meals.find_meal(empty, "Usual breakfast")
    assert [i.kind for i in breakfast.items] == ["food", "food", "water", "caffeine",
                                                "supplement"]
    assert breakfast.times_logged == 1 and breakfast.last_logged == LAST
    assert foods.get_food(empty, breakfast.items[0].food_id or "").name == \
        "Grandma's oat bar, less sugar"
    assert totals.day_summary(empty, LAST).nutrients["magnesium"].amount is not None


def test_an_ingredient_missing_from_bundle_and_diary_imports_nothing(copy: Path,
                                                                    empty: Context) -> None:
    _edit_line(copy / "recipe_items.csv", 2, "sr28:11457", "sr28:99999")
    with pytest.raises(UserError, match=r"recipe_items.csv line 2: food_id: there is no food"):
        import_bundle(empty, copy)
    assert _entry_count(empty) == 0
