"""EFSA Dietary Reference Values chosen for six (and a seventh) profiles.

Every expected figure below was read by hand off ../shared/reference/efsa.csv
(water in litres written here in ml); the drinks target is 80 % of EFSA's
total water, which EFSA gives alone. No value comes from the code under test.
"""

from __future__ import annotations

import csv
import datetime as dt

import pytest

from tests.conftest import REPO_ROOT
from tracker.domain.entries import Profile
from tracker.domain.reference import reference_rows, reference_set_name, targets_for

DAY = dt.date(2026, 11, 20)


def born(age: int, sex: str, stage: str = "general") -> Profile:
    """A person under EFSA's values who turned ``age`` (months later) before DAY."""
    return Profile(sex, dt.date(DAY.year - age, 3, 1), stage, "efsa")


Expected = dict[str, tuple[float | None, str | None, float | None, str | None]]
# (profile, {key: (target, target_kind, upper_limit, upper_limit_kind)})
CASES: list[tuple[str, Profile, Expected]] = [
    ("woman 30", born(30, "female"), {
        "magnesium": (300, "AI", 250, "UL"), "calcium": (950, "PRI", 2500, "UL"),
        "vitamin_d": (15, "AI", 100, "UL"), "vitamin_b12": (4, "AI", None, None),
        "potassium": (3500, "AI", None, None), "sodium": (2000, "SAI", None, None),
        "water_total": (2000, "AI", None, None), "drinks": (1600, "derived", None, None),
        "caffeine": (None, None, 400, "LIMIT")}),
    ("man 45", born(45, "male"), {
        "magnesium": (350, "AI", 250, "UL"), "calcium": (950, "PRI", 2500, "UL"),
        "vitamin_d": (15, "AI", 100, "UL"), "vitamin_b12": (4, "AI", None, None),
        "potassium": (3500, "AI", None, None), "sodium": (2000, "SAI", None, None),
        "water_total": (2500, "AI", None, None), "drinks": (2000, "derived", None, None),
        "caffeine": (None, None, 400, "LIMIT")}),
    ("pregnant 32", born(32, "female", "pregnancy"), {
        "magnesium": (300, "AI", 250, "UL"), "calcium": (950, "PRI", 2500, "UL"),
        "vitamin_d": (15, "AI", 100, "UL"), "vitamin_b12": (4.5, "AI", None, None),
        "potassium": (3500, "AI", None, None), "sodium": (2000, "SAI", None, None),
        "water_total": (2300, "AI", None, None), "drinks": (1840, "derived", None, None),
        "caffeine": (None, None, 200, "LIMIT")}),
    ("breastfeeding 22", born(22, "female", "lactation"), {
        "magnesium": (300, "AI", 250, "UL"), "calcium": (1000, "PRI", 2500, "UL"),
        "vitamin_b12": (5, "AI", None, None), "potassium": (4000, "AI", None, None),
        "water_total": (2700, "AI", None, None), "drinks": (2160, "derived", None, None),
        "caffeine": (None, None, 200, "LIMIT")}),
    ("boy 15", born(15, "male"), {
        "magnesium": (300, "AI", 250, "UL"), "calcium": (1150, "PRI", None, None),
        "vitamin_d": (15, "AI", 100, "UL"), "vitamin_b12": (4, "AI", None, None),
        "potassium": (3500, "AI", None, None), "sodium": (2000, "SAI", None, None),
        "water_total": (2500, "AI", None, None), "drinks": (2000, "derived", None, None),
        "caffeine": (None, None, None, None)}),
    ("girl 6", born(6, "female"), {
        "magnesium": (230, "AI", 250, "UL"), "calcium": (800, "PRI", None, None),
        "vitamin_d": (15, "AI", 50, "UL"), "vitamin_b12": (1.5, "AI", None, None),
        "potassium": (1100, "AI", None, None), "sodium": (1300, "SAI", None, None),
        "water_total": (1600, "AI", None, None), "drinks": (1280, "derived", None, None),
        "caffeine": (None, None, None, None)}),
    ("boy 2", born(2, "male"), {
        "magnesium": (170, "AI", None, None), "calcium": (450, "PRI", None, None),
        "vitamin_d": (15, "AI", 50, "UL"), "potassium": (800, "AI", None, None),
        "sodium": (1100, "SAI", None, None), "water_total": (1300, "AI", None, None),
        "drinks": (1040, "derived", None, None)}),
]


@pytest.mark.parametrize(("name", "profile", "expected"), CASES, ids=[c[0] for c in CASES])
def test_efsa_targets_match_the_table(name: str, profile: Profile, expected: Expected) -> None:
    targets = targets_for(profile, DAY)
    for key, (goal, kind, ceiling, ceiling_kind) in expected.items():
        got = targets[key]
        assert (got.target, got.target_kind, got.upper_limit, got.upper_limit_kind) == \
            pytest.approx((goal, kind, ceiling, ceiling_kind)), key


def test_the_dri_values_of_the_same_person_differ() -> None:
    woman = Profile("female", dt.date(1996, 3, 1))
    dri, efsa = targets_for(woman, DAY), targets_for(born(30, "female"), DAY)
    assert (dri["magnesium"].target, dri["magnesium"].upper_limit) == (310, 350)
    assert (efsa["magnesium"].target, efsa["magnesium"].upper_limit) == (300, 250)
    assert (dri["drinks"].target, dri["drinks"].target_kind) == (2200, "AI")


def test_efsa_magnesium_ceiling_counts_supplements_only() -> None:
    magnesium = targets_for(born(40, "female"), DAY)["magnesium"]
    assert magnesium.applies_to == "supplements"
    assert "supplemental" in magnesium.upper_limit_note
    assert "not magnesium naturally in food" in magnesium.upper_limit_note


def test_the_drinks_target_says_it_is_derived_from_total_water() -> None:
    drinks = targets_for(born(40, "male"), DAY)["drinks"]
    # 80 % of EFSA's 2.5 L of total water for a man
    assert (drinks.nutrient, drinks.unit, drinks.target, drinks.target_kind) == (
        "drinks", "ml", 2000.0, "derived")
    assert (drinks.upper_limit, drinks.upper_limit_kind, drinks.applies_to) == (
        None, None, "total")
    assert drinks.note == ("80 % of the total-water Adequate Intake: EFSA sets no separate value "
                           "for drinks and takes about a fifth of water to come from food")
    assert "80 %" in drinks.note and "total-water" in drinks.note
    assert drinks.source == "EFSA NDA 2010, EFSA Journal 8(3):1459"


def test_sources_name_the_efsa_opinions() -> None:
    targets = targets_for(born(40, "male"), DAY)
    assert targets["calcium"].source == "EFSA NDA 2015, EFSA Journal 13(5):4101"
    assert targets["calcium"].upper_limit_source == "EFSA NDA 2012, EFSA Journal 10(7):2814"
    assert targets["sodium"].source == "EFSA NDA 2019, EFSA Journal 17(9):5778"
    assert targets["vitamin_d"].upper_limit_source == "EFSA NDA 2023, EFSA Journal 21(8):8145"


def test_children_caffeine_is_per_kilogram_and_shown_as_not_applicable() -> None:
    caffeine = targets_for(born(12, "female"), DAY)["caffeine"]
    assert caffeine.target is None and caffeine.upper_limit is None
    assert caffeine.note == ("3 mg per kg of body weight per day at this age; the diary holds "
                             "no body weight, so no daily amount is shown")
    assert (caffeine.nutrient, caffeine.unit, caffeine.target_kind, caffeine.upper_limit_kind) == (
        "caffeine", "mg", None, None)
    assert caffeine.source == "EFSA NDA 2015, EFSA Journal 13(5):4102"
    assert caffeine.applies_to == "total"


def test_reference_sets_by_their_full_names() -> None:
    assert reference_set_name("efsa") == "EFSA Dietary Reference Values (European Union)"
    assert reference_set_name("dri") == "US/Canadian Dietary Reference Intakes (DRI)"
    assert reference_set_name("who") == "who"


def test_own_caffeine_limit_under_efsa_is_a_limit() -> None:
    caffeine = targets_for(born(40, "male"), DAY, {"caffeine": 300.0})["caffeine"]
    assert (caffeine.target, caffeine.upper_limit, caffeine.upper_limit_kind) == \
        (None, 300, "custom")


def test_every_efsa_row_is_read_and_the_copy_matches_the_shared_table() -> None:
    ours = (REPO_ROOT / "resources" / "efsa.csv").read_text(encoding="utf-8")
    assert len(reference_rows("efsa")) == len(ours.splitlines()) - 1
    shared = REPO_ROOT.parent / "shared" / "reference" / "efsa.csv"
    if shared.exists():
        assert shared.read_text(encoding="utf-8") == ours
    with (REPO_ROOT / "resources" / "efsa.csv").open(encoding="utf-8") as handle:
        kinds = {row["kind"] for row in csv.DictReader(handle)}
    assert kinds == {"AI", "PRI", "SAI", "UL", "LIMIT"}
