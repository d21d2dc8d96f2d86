"""Search by the names people use: words run together or apart, British and everyday names."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from food_db.loader import iter_foods
from tests.search_cases import Case
from tests.search_held_out import HELD_OUT
from tracker.domain.food_aliases import ALIASES, SOURCES, SYNONYM_SOURCES, aliases_for
from tracker.domain.foods import Food
from tracker.storage.food_reference.database import FoodReference

# The share of the held-out queries answered within their allowance when the
# glossary was finished (44 of 51); search must not fall below it.
HELD_OUT_FOUND = 44
SOYMILK = {"sr28:16120", "sr28:16139", "sr28:16166", "sr28:16168", "sr28:16231"}


@pytest.fixture(scope="module")
def reference(food_cache_dir: Path) -> Iterator[FoodReference]:
    ref = FoodReference.open(food_cache_dir)
    yield ref
    ref.close()


@pytest.fixture(scope="module")
def sr28() -> dict[str, Food]:
    return {food.id: food for food in iter_foods()}


def ids(ref: FoodReference, query: str, limit: int = 5) -> list[str]:
    return [hit.id for hit in ref.search(query, limit)]


def found(ref: FoodReference, case: Case) -> bool:
    return bool(case.expected & set(ids(ref, case.query, max(case.within, 5))[:case.within]))


@pytest.mark.parametrize("query", ["soy milk", "soy milk ", "soy mi", "Soy Milk"])
def test_words_written_apart_find_one_word(reference: FoodReference, query: str) -> None:
    assert ids(reference, query)[0] in SOYMILK


def test_run_together_and_apart_find_the_same_foods(reference: FoodReference) -> None:
    apart, together = ids(reference, "corn flakes", 4), ids(reference, "cornflakes", 4)
    assert set(apart) == set(together)
    assert "sr28:08020" in apart  # Cereals ready-to-eat, KELLOGG, KELLOGG'S Corn Flakes


@pytest.mark.parametrize("query", ["wholewheat", "wholewheat bread", "whole wheat bread",
                                   "whole-wheat bread"])
def test_hyphenated_words_are_found_run_together(reference: FoodReference,
                                                 query: str) -> None:
    names = [hit.name for hit in reference.search(query, 5)]
    assert len(names) == 5
    assert all("whole-wheat" in name.lower() for name in names), names


def test_typing_into_the_second_word_of_a_pair_finds_it(reference: FoodReference) -> None:
    assert ids(reference, "cornfla", 3)[0] == "sr28:08020"


def test_a_word_start_does_not_count_as_a_joined_pair(reference: FoodReference) -> None:
    # "orange" starts "orangejuice" but names the fruit.
    assert ids(reference, "orange")[0] == "sr28:09200"


@pytest.mark.parametrize(("query", "top"), [
    ("rocket", "sr28:11959"),  # Arugula, raw
    ("mangetout", "sr28:11300"),  # Peas, edible-podded, raw
    ("swede", "sr28:11435"),  # Rutabagas, raw
    ("spring onion", "sr28:11291"),  # Onions, spring or scallions
    ("icing sugar", "sr28:19336"),  # Sugars, powdered
    ("crisps", "sr28:19411"),  # Snacks, potato chips, plain, salted
    ("tinned tuna", "sr28:15119"),  # Fish, tuna, light, canned in oil
    ("aubergine", "sr28:11209"),  # Eggplant, raw
])
def test_british_names_find_the_sr28_food(reference: FoodReference, query: str,
                                          top: str) -> None:
    assert ids(reference, query)[0] == top


def test_prawns_are_shrimp_and_minced_beef_is_ground_beef(reference: FoodReference,
                                                          sr28: dict[str, Food]) -> None:
    assert all(re.match(r"Crustaceans, shrimp", sr28[i].name)
               for i in ids(reference, "prawns", 4))
    assert all(sr28[i].name.startswith("Beef, ground") for i in ids(reference, "minced beef"))


def test_aliases_are_searched_but_not_shown_as_other_names(reference: FoodReference) -> None:
    hit = reference.search("rocket", 1)[0]
    assert hit.name == "Arugula, raw"
    assert hit.common_names == ()


def test_an_alias_names_the_food_not_a_qualifier(sr28: dict[str, Food]) -> None:
    mozzarella = sr28["sr28:01026"]  # Cheese, mozzarella, whole milk
    assert mozzarella.name == "Cheese, mozzarella, whole milk"
    assert "full fat milk" not in aliases_for(mozzarella.name, mozzarella.common_names)
    assert "full fat milk" in aliases_for("Milk, whole, 3.25% milkfat, with added vitamin D")
    assert "beetroot" in aliases_for("Beets, raw")
    assert "beetroot" not in aliases_for("Beet greens, raw")


def test_every_alias_names_some_sr28_food_and_cites_its_source(sr28: dict[str, Food]) -> None:
    named: set[str] = set()
    for food in sr28.values():
        named.update(aliases_for(food.name, food.common_names))
    assert {alias.name for alias in ALIASES} - named == set()
    for alias in ALIASES:
        assert alias.source.split() and set(alias.source.split()) <= set(SOURCES), alias
    assert set(SYNONYM_SOURCES).isdisjoint(SOURCES)


def test_held_out_queries_are_answered(reference: FoodReference) -> None:
    answered = [case.query for case in HELD_OUT if found(reference, case)]
    missed = [case.query for case in HELD_OUT if case.query not in answered]
    print(f"held-out search queries answered: {len(answered)}/{len(HELD_OUT)}; missed {missed}")
    assert len(HELD_OUT) == 51
    assert len(answered) >= HELD_OUT_FOUND, missed
