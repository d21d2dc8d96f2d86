"""``recipe``, ``meal``, ``log meal``, ``food edit|delete`` on the command line."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tracker import config
from tracker.cli.main import main

# The nutrient keys and units of ``day --json``, as the issue fixes them.
DAY_UNITS = {"magnesium": "mg", "calcium": "mg", "vitamin_d": "ug", "vitamin_b12": "ug",
             "potassium": "mg", "sodium": "mg", "caffeine": "mg", "water_total": "ml",
             "energy": "kcal"}


@pytest.fixture
def db(monkeypatch: pytest.MonkeyPatch, food_cache_dir: Path, diary_path: Path) -> str:
    monkeypatch.setattr(config, "cache_dir", lambda: food_cache_dir)
    return str(diary_path)


class Cli:
    def __init__(self, db: str, capsys: pytest.CaptureFixture[str]) -> None:
        self.db, self.capsys = db, capsys

    def __call__(self, *argv: str, code: int = 0) -> str:
        try:
            got = main(["--db", self.db, *argv])
        except SystemExit as exit_:  # argparse refuses a malformed command this way
            got = int(exit_.code or 0)
        out, err = self.capsys.readouterr()
        assert got == code, (out, err)
        if code:
            assert len(err.strip().splitlines()) == 1 and "Traceback" not in err, err
            return err
        return out

    def json(self, *argv: str) -> dict:  # type: ignore[type-arg]
        return json.loads(self(*argv, "--json"))  # type: ignore[no-any-return]


@pytest.fixture
def cli(db: str, capsys: pytest.CaptureFixture[str]) -> Cli:
    return Cli(db, capsys)


def _oats(cli: Cli) -> str:
    food = cli.json("food", "add", "--name", "Test oats", "--serving-grams", "100",
                    "--magnesium", "100", "--calcium", "50")
    return str(food["id"])


def test_recipe_add_prints_its_id_and_show_gives_serving_and_100g(cli: Cli) -> None:
    oats = _oats(cli)
    # Whole milk, SR28: 10 mg magnesium and 113 mg calcium per 100 g.
    made = cli.json("recipe", "add", "Porridge", "--item", f"{oats}=200",
                    "--item", "sr28:01077=300", "--servings", "4")
    assert list(made) == ["id"] and made["id"].startswith("recipe:")
    shown = cli.json("recipe", "show", made["id"])
    assert set(shown["per_serving"]) == set(shown["per_100g"]) == set(DAY_UNITS)
    assert {k: v["unit"] for k, v in shown["per_serving"].items()} == DAY_UNITS
    # Magnesium: 200 + 30 = 230 mg in 500 g, 4 servings of 125 g.
    assert shown["per_serving"]["magnesium"]["amount"] == pytest.approx(57.5)
    assert shown["per_100g"]["magnesium"]["amount"] == pytest.approx(46.0)
    # Calcium: 100 + 339 = 439 mg.
    assert shown["per_serving"]["calcium"]["amount"] == pytest.approx(109.75)
    assert shown["serving_grams"] == 125 and shown["total_grams"] == 500
    # Vitamin D is unknown for the oats (200 of 500 g): partial.
    assert shown["per_100g"]["vitamin_d"]["known_fraction"] == pytest.approx(0.6)


def test_cooked_grams_set_the_per_100g_and_make_one_serving(cli: Cli) -> None:
    oats = _oats(cli)
    made = cli.json("recipe", "add", "Oat bake", "--item", f"{oats}=200",
                    "--cooked-grams", "160")
    shown = cli.json("recipe", "show", made["id"])
    assert shown["per_100g"]["magnesium"]["amount"] == pytest.approx(125.0)  # 200 mg in 160 g
    assert shown["per_serving"]["magnesium"]["amount"] == pytest.approx(200.0)


def test_log_food_takes_a_recipe_by_the_serving(cli: Cli) -> None:
    oats = _oats(cli)
    recipe = cli.json("recipe", "add", "Porridge", "--item", f"{oats}=200",
                      "--item", "sr28:01077=300", "--servings", "4")["id"]
    out = cli("log", "food", recipe, "--amount", "1 serving", "--date", "2026-03-02",
              "--time", "08:00")
    assert "1 serving (125 g) of Porridge" in out
    day = cli.json("day", "--date", "2026-03-02")
    assert day["nutrients"]["magnesium"]["amount"] == pytest.approx(57.5)


def test_recipe_edit_keeps_past_days_unless_asked(cli: Cli) -> None:
    oats = _oats(cli)
    recipe = cli.json("recipe", "add", "Porridge", "--item", f"{oats}=200", "--servings", "2")
    recipe_id = recipe["id"]
    cli("log", "food", recipe_id, "--amount", "1 serving", "--date", "2026-03-02")
    cli("recipe", "edit", recipe_id, "--servings", "4")
    assert cli.json("day", "--date", "2026-03-02")["nutrients"]["magnesium"]["amount"] == 100
    edited = cli.json("recipe", "edit", recipe_id, "--servings", "5",
                      "--update-from", "2026-03-01")
    assert edited["entries_updated"] == 1
    assert cli.json("day", "--date", "2026-03-02")["nutrients"]["magnesium"]["amount"] == 40
    assert cli.json("recipe", "show", recipe_id)["version"] == 3


def test_delete_is_refused_with_the_count_then_allowed(cli: Cli) -> None:
    oats = _oats(cli)
    cli("log", "food", oats, "--grams", "50", "--date", "2026-03-02")
    cli("log", "food", oats, "--grams", "60", "--date", "2026-03-03")
    err = cli("food", "delete", oats, code=2)
    assert "Test oats is used by 2 diary entries" in err
    recipe = cli.json("recipe", "add", "Bowl", "--item", f"{oats}=100", "--servings", "1")
    assert "Bowl" in cli("recipe", "delete", recipe["id"])
    assert "no foods found" not in cli("search", "test oats")
    with pytest.raises(AssertionError):
        assert "Bowl" in cli("recipe", "list")


def test_food_edit_changes_only_what_is_given(cli: Cli) -> None:
    oats = _oats(cli)
    edited = cli.json("food", "edit", oats, "--magnesium", "130", "--name", "Oats, rolled")
    assert edited["name"] == "Oats, rolled"
    assert edited["per_100g"]["magnesium_mg"] == 130
    assert edited["per_100g"]["calcium_mg"] == 50
    edited = cli.json("food", "edit", oats, "--unknown", "calcium")
    assert edited["per_100g"]["calcium_mg"] is None
    assert "Unknown nutrient 'iron_mg'" in cli("food", "edit", oats, "--unknown", "iron_mg",
                                               code=2)


def test_meal_from_a_day_is_logged_in_one_step(cli: Cli) -> None:
    cli("log", "food", "sr28:08120", "--grams", "40", "--date", "2026-03-02", "--time", "07:30")
    cli("log", "water", "250", "--date", "2026-03-02", "--time", "07:40")
    cli("log", "food", "sr28:09040", "--grams", "120", "--date", "2026-03-02", "--time", "15:00")
    meal = cli.json("meal", "add", "Usual breakfast", "--from-day", "2026-03-02",
                    "--times", "07:00-09:00")
    assert len(meal["items"]) == 2
    out = cli("log", "meal", "usual breakfast", "--date", "2026-03-04", "--time", "08:00")
    assert "Usual breakfast (2 entries)" in out
    day = cli.json("day", "--date", "2026-03-04")
    assert day["food_grams"] == 40 and day["drinks_ml"] == 250


@pytest.mark.parametrize("argv", [
    ("recipe", "add", "X", "--item", "sr28:08120", "--servings", "2"),
    ("recipe", "add", "X", "--item", "sr28:08120=abc", "--servings", "2"),
    ("recipe", "add", "X", "--item", "sr28:08120=40", "--servings", "0"),
    ("recipe", "add", "X", "--item", "sr28:99999=40", "--servings", "1"),
    ("recipe", "add", "X", "--item", "sr28:08120=40", "--servings", "2", "--cooked-grams", "9"),
    ("recipe", "show", "recipe:00000000000000000000000000000000"),
    ("meal", "add", "X", "--from-day", "2026-02-30"),
    ("meal", "add", "X", "--from-day", "2026-03-02", "--times", "9-10"),
    ("log", "meal", "Nothing like this"),
    ("food", "edit", "sr28:08120", "--magnesium", "1"),
    ("food", "delete", "custom:00000000000000000000000000000000"),
])
def test_mistakes_are_one_line_and_exit_2(cli: Cli, argv: tuple[str, ...]) -> None:
    cli(*argv, code=2)
