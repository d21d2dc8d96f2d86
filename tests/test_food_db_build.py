"""The SR28 builder: every food kept, values per 100 g, unknowns kept unknown, data up to date.

The raw SR28 files are always beside the checkout in CI (``../shared/usda-sr28``);
tests that read them fail without them (see ``sr28_dir``), the others run anyway.
"""

from __future__ import annotations

import gzip
from pathlib import Path

import pytest

from food_db import build, loader
from food_db.beverage import is_beverage
from food_db.sr28 import records
from tracker.domain.foods import Food
from tracker.domain.nutrients import NUTRIENTS

# A MORNINGSTAR FARMS sandwich: SR28 gives its vitamin D only in IU (324), not in µg (328).
IU_ONLY_FOOD = "16613"
# Vitamin D: 1 µg = 40 IU (IOM 2011, Dietary Reference Intakes for Calcium and Vitamin D;
# NIH Office of Dietary Supplements, Vitamin D fact sheet).
IU_PER_UG = 40.0
# SR28's nutrient numbers (NUTR_DEF.txt, Nutr_No) for each registry key, with the unit
# SR28 gives the value in.
SR28_NUMBERS = {
    "energy": ("208", "kcal"), "protein": ("203", "g"), "fat": ("204", "g"),
    "carbohydrate": ("205", "g"), "fiber": ("291", "g"), "sugars": ("269", "g"),
    "water": ("255", "g"), "caffeine": ("262", "mg"), "alcohol": ("221", "g"),
    "calcium": ("301", "mg"), "magnesium": ("304", "mg"), "potassium": ("306", "mg"),
    "sodium": ("307", "mg"), "phosphorus": ("305", "mg"), "iron": ("303", "mg"),
    "zinc": ("309", "mg"), "vitamin_d": ("328", "µg"), "vitamin_b12": ("418", "µg"),
    "vitamin_b6": ("415", "mg"), "folate_dfe": ("435", "µg"), "vitamin_c": ("401", "mg"),
}


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory, sr28_dir: Path) -> Path:
    out = tmp_path_factory.mktemp("food-data") / "foods.jsonl.gz"
    assert build.main([str(sr28_dir), "--out", str(out)]) == 0
    return out


@pytest.fixture(scope="module")
def foods(built: Path) -> dict[str, Food]:
    return {food.id: food for food in loader.iter_foods(built)}


def _raw_values(sr28_dir: Path, ndb: str) -> dict[str, float]:
    with gzip.open(sr28_dir / "NUT_DATA.txt.gz", "rt", encoding="latin-1") as handle:
        rows = [line.split("^") for line in handle if line.startswith(f"~{ndb}~")]
    return {row[1].strip("~"): float(row[2]) for row in rows}


def test_registry_takes_each_nutrient_from_its_sr28_number(sr28_dir: Path) -> None:
    assert {n.key: n.sr28 for n in NUTRIENTS} == {k: v[0] for k, v in SR28_NUMBERS.items()}
    units = {fields[0].strip("~"): fields[1].strip("~") for fields in (
        line.split("^") for line in
        (sr28_dir / "NUTR_DEF.txt").read_text(encoding="latin-1").splitlines())}
    for key, (number, unit) in SR28_NUMBERS.items():
        assert units[number] == unit, key
    assert units["324"] == "IU"


def test_keeps_every_food_with_its_id_name_and_group(foods: dict[str, Food],
                                                     sr28_dir: Path) -> None:
    raw = list(records(sr28_dir / "FOOD_DES.txt"))
    assert len(foods) == len(raw) == 8789
    spinach = foods["sr28:11457"]
    assert spinach.name == "Spinach, raw"
    assert spinach.group == "Vegetables and Vegetable Products"
    assert spinach.survey


def test_spinach_worked_example(foods: dict[str, Food]) -> None:
    spinach = foods["sr28:11457"]
    assert spinach.nutrients["magnesium"] == 79
    cup = next(p for p in spinach.portions if p.description == "cup")
    assert (cup.amount, cup.grams) == (1, 30)
    assert spinach.per_grams("magnesium", cup.grams) == pytest.approx(23.7)


def test_common_names_are_split(foods: dict[str, Food]) -> None:
    bok_choy = foods["sr28:11116"]
    assert "bok choy" in bok_choy.common_names
    assert all(name == name.strip() and name for name in bok_choy.common_names)


def test_vitamin_d_falls_back_to_iu_over_40(foods: dict[str, Food], sr28_dir: Path) -> None:
    raw = _raw_values(sr28_dir, IU_ONLY_FOOD)
    assert "328" not in raw and raw["324"] == 10.0  # 10 IU per 100 g
    value = foods[f"sr28:{IU_ONLY_FOOD}"].nutrients["vitamin_d"]
    assert value == pytest.approx(10.0 / IU_PER_UG) == pytest.approx(0.25)


def test_vitamin_d_prefers_micrograms_when_present(foods: dict[str, Food],
                                                    sr28_dir: Path) -> None:
    raw = _raw_values(sr28_dir, "01077")
    assert foods["sr28:01077"].nutrients["vitamin_d"] == pytest.approx(raw["328"])


def test_missing_values_are_unknown_not_zero(foods: dict[str, Food], sr28_dir: Path) -> None:
    raw = _raw_values(sr28_dir, IU_ONLY_FOOD)
    numbers = {key: number for key, (number, _) in SR28_NUMBERS.items()}
    absent = [key for key, number in numbers.items()
              if number not in raw and key != "vitamin_d"]
    assert absent, "the example food should lack some nutrients"
    food = foods[f"sr28:{IU_ONLY_FOOD}"]
    for key in absent:
        assert food.nutrients[key] is None, key
    present = [key for key, number in numbers.items() if number in raw]
    for key in present:
        assert food.nutrients[key] == pytest.approx(raw[numbers[key]]), key


def test_every_food_has_every_registry_key(foods: dict[str, Food]) -> None:
    keys = set(SR28_NUMBERS)
    assert all(set(food.nutrients) == keys for food in foods.values())
    unknown = sum(v is None for food in foods.values() for v in food.nutrients.values())
    assert unknown > 0


@pytest.mark.parametrize(("food_id", "drink"), [
    ("sr28:14209", True),   # coffee, brewed
    ("sr28:14411", True),   # water, tap, drinking
    ("sr28:01077", True),   # milk, whole
    ("sr28:09206", True),   # orange juice, raw
    ("sr28:14148", True),   # cola
    ("sr28:16120", True),   # soymilk
    ("sr28:09018", True),   # apple juice concentrate diluted with water
    ("sr28:14214", False),  # coffee, instant, powder
    ("sr28:19120", False),  # candies, milk chocolate
    ("sr28:01090", False),  # milk, dry
    ("sr28:01096", False),  # milk, canned, evaporated
    ("sr28:09017", False),  # apple juice concentrate, undiluted
    ("sr28:09024", False),  # apricots canned in juice
    ("sr28:14192", False),  # cocoa mix, powder
    ("sr28:14194", True),   # cocoa mix, powder, prepared with water
    ("sr28:11457", False),  # spinach
])
def test_beverage_flag(foods: dict[str, Food], food_id: str, drink: bool) -> None:
    assert foods[food_id].beverage is drink, foods[food_id].name


def test_beverage_rule_on_names() -> None:
    assert is_beverage("Tomato juice, canned", "Vegetables and Vegetable Products")
    assert not is_beverage("Beverages, chocolate syrup", "Beverages")
    assert not is_beverage("Horchata, dry mix, unprepared", "Beverages")


def test_reader_survives_a_stray_carriage_return(tmp_path: Path) -> None:
    raw = b'~01001~^1^1^~pat (1" sq,\r 1/3" high)~^5.0^^\r\n~01001~^2^1^~tbsp~^14.2^^\r\n'
    path = tmp_path / "WEIGHT.txt"
    path.write_bytes(raw)
    rows = list(records(path))
    assert len(rows) == 2
    assert rows[0][3] == 'pat (1" sq, 1/3" high)'
    assert rows[1][4] == "14.2" and rows[1][5] is None


def test_committed_data_is_what_the_builder_produces(built: Path) -> None:
    committed = gzip.decompress(loader.DATA_FILE.read_bytes())
    fresh = gzip.decompress(built.read_bytes())
    assert committed == fresh, "food_db/data is stale: run python -m food_db.build"


def test_derived_data_stays_compact() -> None:
    assert loader.DATA_FILE.stat().st_size < 3 * 1024 * 1024
