"""Food search on SR28: matching as you type, plurals, typos, odd input, ranking."""

from __future__ import annotations

import re
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from food_db.loader import iter_foods
from tests.search_cases import CASES, Case
from tracker.domain.search_text import words
from tracker.storage.food_reference.database import FoodReference


@pytest.fixture(scope="module")
def reference(food_cache_dir: Path) -> Iterator[FoodReference]:
    ref = FoodReference.open(food_cache_dir)
    yield ref
    ref.close()


def ids(ref: FoodReference, query: str, limit: int = 20,
        boosts: dict[str, float] | None = None) -> list[str]:
    return [hit.id for hit in ref.search(query, limit, boosts)]


def names(ref: FoodReference, query: str, limit: int = 20) -> list[str]:
    return [hit.name for hit in ref.search(query, limit)]


def test_ranking_set_is_large_enough() -> None:
    assert len({c.query for c in CASES}) >= 40


@pytest.mark.parametrize("case", CASES, ids=[c.query for c in CASES])
def test_ranking(reference: FoodReference, case: Case) -> None:
    found = ids(reference, case.query, limit=max(case.within, 5))
    top = found[:case.within]
    assert case.expected & set(top), f"{case.query!r} gave {names(reference, case.query, 5)}"


def test_case_does_not_matter(reference: FoodReference) -> None:
    assert ids(reference, "SPINACH") == ids(reference, "spinach") == ids(reference, "SpInAcH")


@pytest.mark.parametrize(("typed", "food_id"), [
    ("spin", "sr28:11457"), ("spina", "sr28:11457"), ("ban", "sr28:09040"),
    ("bana", "sr28:09040"), ("whole mi", "sr28:01077"), ("brocc", "sr28:11090"),
])
def test_word_prefixes_match_as_you_type(reference: FoodReference, typed: str,
                                         food_id: str) -> None:
    assert food_id in ids(reference, typed, 10)


def test_plural_query_finds_singular_description(reference: FoodReference) -> None:
    assert all("sardine" in name.lower() for name in names(reference, "sardines"))
    assert "Fish, sardine, Atlantic, canned in oil, drained solids with bone" in names(
        reference, "sardines")


def test_singular_query_finds_plural_description(reference: FoodReference) -> None:
    assert names(reference, "carrot")[0] == "Carrots, raw"
    assert "Cherries, sweet, raw" in names(reference, "cherry")
    assert "Peaches, yellow, raw" in names(reference, "peach")


def test_finished_word_matches_whole_words_only(reference: FoodReference) -> None:
    for query in ("cola", "cola "):
        for name in names(reference, query, 50):
            assert re.search(r"\bcola", name.lower()), name
    assert not [n for n in names(reference, "cola ", 50) if "colada" in n.lower()]


def test_common_names_are_searched(reference: FoodReference) -> None:
    assert ids(reference, "bok choy")[0] == "sr28:11116"
    hit = reference.search("pepitas", 1)[0]
    assert "pepitas" in hit.common_names
    assert "pumpkin" in hit.name.lower()


@pytest.mark.parametrize(("typo", "food_id"), [
    ("spinich", "sr28:11457"),      # substitution
    ("bananna", "sr28:09040"),      # insertion
    ("brocoli", "sr28:11090"),      # deletion
    ("avocaod", "sr28:09037"),      # transposition
    ("strawberies", "sr28:09316"),  # deletion in a plural
    ("orange juise", "sr28:09206"),  # typo in the second word
    ("spinac raw", "sr28:11457"),   # a finished word with a letter missing
])
def test_one_typo_in_a_long_word_still_finds_the_food(reference: FoodReference, typo: str,
                                                       food_id: str) -> None:
    assert ids(reference, typo, 3)[0] == food_id


def test_short_words_are_not_guessed_at(reference: FoodReference) -> None:
    assert ids(reference, "mikl ") == []


@pytest.mark.parametrize("query", ["", " ", "\t\n", "...", "!!!", "-", "*", "'", '"', "()"])
def test_nothing_to_search_for_gives_no_results(reference: FoodReference, query: str) -> None:
    assert reference.search(query) == []


WHOLE_MILK = "sr28:01077"


@pytest.mark.parametrize(("query", "top"), [
    # Query syntax characters are dropped: what is left is the plain word "milk".
    ('"milk', WHOLE_MILK), ('milk"', WHOLE_MILK), ("milk*", WHOLE_MILK), ("*milk", WHOLE_MILK),
    ("-milk", WHOLE_MILK), ("milk:", WHOLE_MILK), ("(milk", WHOLE_MILK), ("milk)", WHOLE_MILK),
    ("^milk", WHOLE_MILK), ("milk^", WHOLE_MILK), ("'milk'", WHOLE_MILK),
    ("\x00milk", WHOLE_MILK), ("milk\u0301", WHOLE_MILK),
    # Operator words are words: "and", "or" must be in the description.
    ("milk AND", "sr28:08510"),  # Milk and cereal bar
    ("OR milk", "sr28:42290"),  # Milk, fluid, nonfat, calcium fortified (fat free or skim)
    ("🍌 banana", "sr28:09040"),
    # Every word must be found; no food holds all of these.
    ("milk -cola", None), ("head:milk", None), ("{head}: milk", None), ("milk NOT cola", None),
    ("NEAR(milk cola)", None), ("NEAR", None), ("milk + cola", None),
    ("milk; DROP TABLE food", None), ("lait écrémé", None), ("日本", None),
])
def test_query_syntax_in_user_input_is_plain_words(reference: FoodReference, query: str,
                                                   top: str | None) -> None:
    found = ids(reference, query, 5)
    if top is None:
        assert found == []
    else:
        assert found[0] == top, names(reference, query, 3)


@pytest.mark.parametrize(("query", "word"), [("AND", "and"), ("NOT", "not")])
def test_an_operator_word_alone_finds_descriptions_holding_it(reference: FoodReference,
                                                              query: str, word: str) -> None:
    found = names(reference, query, 20)
    assert len(found) == 20
    assert all(re.search(rf"\b{word}\b", name.lower()) for name in found), found


def test_operator_words_are_plain_words(reference: FoodReference) -> None:
    # "and" is an ordinary word in descriptions, not an FTS operator.
    assert any(" and " in name for name in names(reference, "peanut and"))
    assert ids(reference, "milk OR") == ids(reference, "milk or")


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=40))
def test_any_text_is_a_safe_query(reference: FoodReference, text: str) -> None:
    hits = reference.search(text, 5)
    assert len(hits) <= 5


def test_limit_is_respected(reference: FoodReference) -> None:
    assert len(reference.search("a", 7)) == 7
    assert reference.search("milk", 0) == []


def test_results_are_sorted_by_score(reference: FoodReference) -> None:
    scores = [hit.score for hit in reference.search("cheese", 20)]
    assert scores == sorted(scores, reverse=True)


def test_boost_lifts_a_users_frequent_food(reference: FoodReference) -> None:
    goat = "sr28:01106"
    plain = ids(reference, "milk")
    assert plain[0] != goat
    assert ids(reference, "milk", boosts={goat: 1.0})[0] == goat
    # A boost only reorders matches; it never adds a food that does not match.
    assert goat not in ids(reference, "banana", boosts={goat: 1.0})


def test_boost_reaches_a_food_outside_the_candidate_window(reference: FoodReference) -> None:
    # Search ranks a bounded window of candidates; a food the user eats must
    # still come up even when many better-standing foods match the same word.
    unboosted = set(ids(reference, "chicken", 10_000))
    chicken = [f.id for f in iter_foods() if "chicken" in words(f.name)]
    outside = [food_id for food_id in chicken if food_id not in unboosted]
    assert outside, "expected more chicken foods than one search window"
    assert outside[-1] in ids(reference, "chicken", 20, boosts={outside[-1]: 1.0})


def test_a_pasted_paragraph_is_searched_quickly(reference: FoodReference) -> None:
    paragraph = " ".join(["supercalifragilistic", "spinach", "xyzzyplugh"] * 400)
    start = time.perf_counter()
    assert reference.search(paragraph) == []
    assert time.perf_counter() - start < 1.0


def test_typo_prefers_whole_words_over_word_starts(reference: FoodReference) -> None:
    # "latte" is not in SR28; "late" (one deletion) is a whole word, so
    # corrections that are only the start of a longer word ("batte..." for
    # "batter") are not used.
    for name in names(reference, "latte"):
        assert "late" in name.lower().replace(",", " ").split(), name


@pytest.mark.parametrize("query", ["milk", "chicken br", "s", "cheese", "bananna", "apple juice"])
def test_a_short_list_is_the_head_of_a_long_one(reference: FoodReference, query: str) -> None:
    # Search skips candidates that cannot reach the list; that must never change it.
    boosts = {"sr28:01106": 0.8, "sr28:05062": 0.3}
    long = reference.search(query, 200, boosts)
    for limit in (1, 5, 20):
        assert reference.search(query, limit, boosts) == long[:limit]
