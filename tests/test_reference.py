"""Targets and ceilings chosen for a profile match the DRI table; overrides win.

Expected values below are read off ../shared/reference/dri.csv by hand
(water in litres shown here in ml).
"""

from __future__ import annotations

import csv
import datetime as dt

import pytest

from tests.conftest import REPO_ROOT
from tracker.domain.entries import Profile
from tracker.domain.errors import UserError
from tracker.domain.reference import (
    ReferenceRow,
    Target,
    _choose,
    parse_rows,
    reference_rows,
    targets_for,
    with_overrides,
)

DAY = dt.date(2026, 11, 20)


def born(age: int, sex: str, stage: str = "general") -> Profile:
    """A person who turned ``age`` (months later) before DAY."""
    return Profile(sex, dt.date(DAY.year - age, 3, 1), stage)


# (profile, {key: (target, target_kind, upper_limit, upper_limit_kind)})
CASES: list[tuple[str, Profile, dict[str, tuple[float | None, str | None, float | None,
                                                str | None]]]] = [
    ("man 45", born(45, "male"), {
        "magnesium": (420, "RDA", 350, "UL"), "calcium": (1000, "RDA", 2500, "UL"),
        "vitamin_d": (15, "RDA", 100, "UL"), "vitamin_b12": (2.4, "RDA", None, None),
        "potassium": (3400, "AI", None, None), "sodium": (1500, "AI", 2300, "CDRR"),
        "water_total": (3700, "AI", None, None), "drinks": (3000, "AI", None, None),
        "caffeine": (None, None, 400, "LIMIT")}),
    ("woman 25", born(25, "female"), {
        "magnesium": (310, "RDA", 350, "UL"), "calcium": (1000, "RDA", 2500, "UL"),
        "potassium": (2600, "AI", None, None), "water_total": (2700, "AI", None, None),
        "drinks": (2200, "AI", None, None), "caffeine": (None, None, 400, "LIMIT")}),
    ("woman 60", born(60, "female"), {
        "magnesium": (320, "RDA", 350, "UL"), "calcium": (1200, "RDA", 2000, "UL"),
        "vitamin_d": (15, "RDA", 100, "UL")}),
    ("man 75", born(75, "male"), {
        "calcium": (1200, "RDA", 2000, "UL"), "vitamin_d": (20, "RDA", 100, "UL"),
        "magnesium": (420, "RDA", 350, "UL")}),
    ("pregnant 16", born(16, "female", "pregnancy"), {
        "magnesium": (400, "RDA", 350, "UL"), "calcium": (1300, "RDA", 3000, "UL"),
        "vitamin_b12": (2.6, "RDA", None, None), "potassium": (2600, "AI", None, None),
        "water_total": (3000, "AI", None, None), "caffeine": (None, None, 200, "LIMIT")}),
    ("pregnant 35", born(35, "female", "pregnancy"), {
        "magnesium": (360, "RDA", 350, "UL"), "potassium": (2900, "AI", None, None),
        "drinks": (2300, "AI", None, None), "vitamin_d": (15, "RDA", 100, "UL"),
        "caffeine": (None, None, 200, "LIMIT")}),
    ("breastfeeding 30", born(30, "female", "lactation"), {
        "magnesium": (310, "RDA", 350, "UL"), "vitamin_b12": (2.8, "RDA", None, None),
        "potassium": (2800, "AI", None, None), "water_total": (3800, "AI", None, None),
        "drinks": (3100, "AI", None, None), "caffeine": (None, None, 200, "LIMIT")}),
    ("breastfeeding 55, past the table's lactation bands", born(55, "female", "lactation"), {
        "magnesium": (320, "RDA", 350, "UL"), "vitamin_b12": (2.4, "RDA", None, None),
        "calcium": (1200, "RDA", 2000, "UL"), "caffeine": (None, None, 400, "LIMIT")}),
    ("boy 10", born(10, "male"), {
        "magnesium": (240, "RDA", 350, "UL"), "calcium": (1300, "RDA", 3000, "UL"),
        "vitamin_b12": (1.8, "RDA", None, None), "potassium": (2500, "AI", None, None),
        "water_total": (2400, "AI", None, None), "sodium": (1200, "AI", 1800, "CDRR")}),
    ("girl 3", born(3, "female"), {
        "magnesium": (80, "RDA", 65, "UL"), "calcium": (700, "RDA", 2500, "UL"),
        "vitamin_d": (15, "RDA", 63, "UL"), "sodium": (800, "AI", 1200, "CDRR")}),
]


@pytest.mark.parametrize(("name", "profile", "expected"), CASES, ids=[c[0] for c in CASES])
def test_targets_match_the_table(name: str, profile: Profile,
                                 expected: dict[str, tuple[float | None, str | None,
                                                           float | None, str | None]]) -> None:
    targets = targets_for(profile, DAY)
    for key, (goal, kind, ceiling, ceiling_kind) in expected.items():
        got = targets[key]
        assert (got.target, got.target_kind, got.upper_limit, got.upper_limit_kind) == \
            pytest.approx((goal, kind, ceiling, ceiling_kind)), key


def test_no_drinks_target_or_caffeine_limit_where_the_table_has_none() -> None:
    boy = targets_for(born(10, "male"), DAY)
    assert "drinks" not in boy
    assert "caffeine" not in boy
    pregnant_teen = targets_for(born(16, "female", "pregnancy"), DAY)
    assert "drinks" not in pregnant_teen


def test_infant_has_adequate_intakes_and_no_magnesium_ceiling() -> None:
    baby = Profile("male", DAY - dt.timedelta(days=90))
    targets = targets_for(baby, DAY)
    assert (targets["magnesium"].target, targets["magnesium"].target_kind) == (30, "AI")
    assert targets["magnesium"].upper_limit is None
    assert (targets["calcium"].target, targets["calcium"].upper_limit) == (200, 1000)
    assert (targets["vitamin_d"].target, targets["vitamin_d"].target_kind) == (10, "AI")


def test_bands_change_on_the_birthday_itself() -> None:
    woman = Profile("female", dt.date(2007, 11, 20))
    before = targets_for(woman, dt.date(2026, 11, 19))
    on = targets_for(woman, dt.date(2026, 11, 20))
    assert (before["magnesium"].target, before["calcium"].target) == (360, 1300)
    assert (on["magnesium"].target, on["calcium"].target) == (310, 1000)
    assert before["calcium"].upper_limit == 3000 and on["calcium"].upper_limit == 2500
    fifty = Profile("female", dt.date(1975, 6, 1))
    assert targets_for(fifty, dt.date(2026, 5, 31))["calcium"].target == 1000
    assert targets_for(fifty, dt.date(2026, 6, 1))["calcium"].target == 1200


def test_leap_day_birthday() -> None:
    leap = Profile("male", dt.date(2008, 2, 29))
    assert targets_for(leap, dt.date(2027, 2, 27))["magnesium"].target == 410
    assert targets_for(leap, dt.date(2027, 3, 1))["magnesium"].target == 400


def test_magnesium_ceiling_counts_supplements_only_as_the_table_notes() -> None:
    # IOM 1997: the magnesium UL is for pharmacological agents only, not food and water.
    noted = {r.nutrient for r in reference_rows()
             if r.kind == "UL" and "supplements" in r.note and "only" in r.note}
    assert noted == {"magnesium"}
    targets = targets_for(born(40, "female"), DAY)
    assert targets["magnesium"].applies_to == "supplements"
    assert targets["calcium"].applies_to == "total"
    assert targets["vitamin_d"].applies_to == "total"


def test_every_chosen_value_is_a_table_row_with_its_source() -> None:
    with (REPO_ROOT / "resources" / "dri.csv").open(encoding="utf-8") as handle:
        table = list(csv.DictReader(handle))
    names = {"drinks": "water_beverages"}
    for _, profile, _ in CASES:
        for key, target in targets_for(profile, DAY).items():
            for value, kind, source in ((target.target, target.target_kind, target.source),
                                        (target.upper_limit, target.upper_limit_kind,
                                         target.upper_limit_source)):
                if value is None:
                    continue
                rows = [r for r in table if r["nutrient"] == names.get(key, key)
                        and r["kind"] == kind and r["source"] == source]
                scale = 1000.0 if rows and rows[0]["unit"] == "L" else 1.0
                assert any(float(r["value"]) * scale == pytest.approx(value) for r in rows), \
                    (key, kind, value)


def test_water_is_in_millilitres() -> None:
    targets = targets_for(born(40, "male"), DAY)
    assert targets["water_total"].unit == "ml"
    assert targets["drinks"].unit == "ml"
    assert targets["vitamin_d"].unit == "ug"


def test_overrides_replace_targets_and_keep_ceilings() -> None:
    person = born(40, "female")
    targets = targets_for(person, DAY, {"magnesium": 400.0, "water_total": 2000.0,
                                        "energy": 1800.0, "drinks": 1500.0})
    assert (targets["magnesium"].target, targets["magnesium"].target_kind) == (400, "custom")
    assert targets["magnesium"].upper_limit == 350
    assert targets["magnesium"].applies_to == "supplements"
    assert targets["water_total"].target == 2000
    assert targets["drinks"].target == 1500
    assert (targets["energy"].target, targets["energy"].unit) == (1800, "kcal")
    assert targets_for(person, DAY)["magnesium"].target == 320


def test_caffeine_override_sets_the_personal_limit() -> None:
    targets = targets_for(born(40, "male"), DAY, {"caffeine": 250.0})
    assert targets["caffeine"].target is None
    assert (targets["caffeine"].upper_limit, targets["caffeine"].upper_limit_kind) == \
        (250, "custom")


def test_caffeine_override_is_a_limit_even_where_the_table_has_none() -> None:
    targets = targets_for(born(10, "male"), DAY, {"caffeine": 100.0})
    assert (targets["caffeine"].target, targets["caffeine"].upper_limit) == (None, 100)


def test_override_keys_from_elsewhere_are_ignored() -> None:
    targets = targets_for(born(40, "male"), DAY, {"not_a_nutrient": 5.0})
    assert "not_a_nutrient" not in targets


def test_no_profile_says_how_to_set_one() -> None:
    with pytest.raises(UserError) as info:
        targets_for(None, DAY)
    assert "profile set" in info.value.message
    assert info.value.field == "profile"


def test_every_table_row_is_read() -> None:
    lines = (REPO_ROOT / "resources" / "dri.csv").read_text(encoding="utf-8").splitlines()
    assert len(reference_rows()) == len(lines) - 1


def test_a_table_row_is_read_with_its_source_and_an_empty_note() -> None:
    text = ("nutrient,unit,kind,sex,life_stage,age_min_years,age_max_years,value,source,note\r\n"
            "water_beverages,L,AI,female,general,19,200,2.7,\"IOM 2005, p. 73\",\r\n"
            "magnesium,mg,RDA,male,general,31,200,420,IOM 1997,for men\r\n")
    water, magnesium = parse_rows(text)
    assert (water.nutrient, water.unit, water.value, water.source, water.note) == (
        "drinks", "ml", 2700.0, "IOM 2005, p. 73", "")
    assert (water.kind, water.sex, water.life_stage, water.age_min, water.age_max) == (
        "AI", "female", "general", 19.0, 200.0)
    assert (magnesium.nutrient, magnesium.unit, magnesium.value, magnesium.note) == (
        "magnesium", "mg", 420.0, "for men")


def test_a_target_whole_as_the_table_gives_it() -> None:
    # dri.csv: magnesium RDA for men 31 and over, 420 mg, and the UL of 350 mg from
    # supplements for everyone from 9, with its note; the RDA row has no note. A birth
    # date no other test uses, so the answer is worked out here, not remembered.
    source = "IOM 1997 DRI Ca/P/Mg/vitD/F (NAP 5776)"
    assert targets_for(Profile("male", dt.date(1985, 7, 14)), DAY)["magnesium"] == Target(
        nutrient="magnesium", unit="mg", target=420.0, target_kind="RDA", upper_limit=350.0,
        upper_limit_kind="UL", applies_to="supplements", source=source,
        upper_limit_source=source, note="",
        upper_limit_note="applies to magnesium from supplements and medicines only, not from "
                         "food and water")


def test_the_most_specific_row_wins() -> None:
    def row(kind: str, sex: str, stage: str, value: float) -> ReferenceRow:
        return ReferenceRow("iron", "mg", kind, sex, stage, 19.0, 51.0, value, kind, "")

    rows = [row("AI", "female", "general", 1.0), row("RDA", "any", "general", 2.0),
            row("RDA", "female", "general", 3.0), row("RDA", "female", "pregnancy", 4.0),
            row("UL", "any", "any", 5.0)]
    goals = ("RDA", "PRI", "AI", "SAI")
    # the preferred kind, then a row for the person's sex before one for anyone
    assert _choose(rows, goals, "general").value == 3.0
    assert _choose(rows[:2], goals, "general").value == 2.0
    assert _choose([rows[2], rows[1]], goals, "general").value == 3.0
    # a pregnancy row wins over the general ones in pregnancy
    assert _choose(rows, goals, "pregnancy").value == 4.0
    assert _choose(rows, ("UL",), "general").value == 5.0
    assert _choose(rows, ("CDRR",), "general") is None
    # for a general profile, rows for any life stage and general rows are one pool
    pool = [row("RDA", "any", "any", 6.0), row("AI", "any", "general", 7.0)]
    assert _choose(pool, goals, "general").value == 6.0


def test_own_values_for_a_nutrient_without_a_reference_and_for_a_limit() -> None:
    own = targets_for(born(40, "male"), DAY, {"mana": 5.0, "energy": 2100.0, "caffeine": 300.0})
    assert "mana" not in own
    assert own["energy"] == Target(
        nutrient="energy", unit="kcal", target=2100.0, target_kind="custom", upper_limit=None,
        upper_limit_kind=None, applies_to="total", source="your own target",
        upper_limit_source="", note="", upper_limit_note="")
    caffeine = own["caffeine"]
    assert (caffeine.target, caffeine.target_kind, caffeine.upper_limit,
            caffeine.upper_limit_kind, caffeine.upper_limit_source, caffeine.upper_limit_note) == (
        None, None, 300.0, "custom", "your own target", "")


def test_each_note_and_source_belongs_to_its_own_row() -> None:
    # dri.csv for a man of 48 (a birth date no other test uses): vitamin D's RDA row notes
    # "600 IU" and its UL row "4000 IU; ..."; potassium has an AI and no ceiling row, so
    # nothing describes a ceiling; caffeine has only its LIMIT row, so nothing describes a goal.
    targets = targets_for(Profile("male", dt.date(1978, 9, 2)), DAY)
    vitamin_d_source = "IOM 2011 DRI calcium & vitamin D (NAP 13050)"
    assert targets["vitamin_d"] == Target(
        nutrient="vitamin_d", unit="ug", target=15.0, target_kind="RDA", upper_limit=100.0,
        upper_limit_kind="UL", applies_to="total", source=vitamin_d_source,
        upper_limit_source=vitamin_d_source, note="600 IU",
        upper_limit_note="4000 IU; total intake from food and supplements")
    assert targets["potassium"] == Target(
        nutrient="potassium", unit="mg", target=3400.0, target_kind="AI", upper_limit=None,
        upper_limit_kind=None, applies_to="total",
        source="NASEM 2019 DRI sodium & potassium (NAP 25353)", upper_limit_source="",
        note="", upper_limit_note="")
    caffeine_source = "US FDA consumer guidance (2018, 2024); EFSA 2015 scientific opinion"
    assert targets["caffeine"] == Target(
        nutrient="caffeine", unit="mg", target=None, target_kind=None, upper_limit=400.0,
        upper_limit_kind="LIMIT", applies_to="total", source=caffeine_source,
        upper_limit_source=caffeine_source, note="",
        upper_limit_note="amount not generally associated with adverse effects in healthy "
                         "adults; EFSA: single doses up to 200 mg")


def test_an_own_target_drops_the_reference_note_and_keeps_the_ceiling_note() -> None:
    # The RDA's "600 IU" describes the table's 15 ug, not a person's own 25 ug.
    own = targets_for(Profile("female", dt.date(1983, 4, 9)), DAY, {"vitamin_d": 25.0})
    vitamin_d = own["vitamin_d"]
    assert (vitamin_d.target, vitamin_d.target_kind, vitamin_d.source, vitamin_d.note) == (
        25.0, "custom", "your own target", "")
    assert (vitamin_d.upper_limit, vitamin_d.upper_limit_note) == (
        100.0, "4000 IU; total intake from food and supplements")


def test_own_values_without_a_profile_name_no_reference_source() -> None:
    # No profile, so no table row: an own caffeine limit and an own magnesium target come
    # from the person alone. Caffeine is a limit in both tables, so it stays a limit.
    own = with_overrides({}, {"caffeine": 300.0, "magnesium": 400.0})
    assert own["caffeine"] == Target(
        nutrient="caffeine", unit="mg", target=None, target_kind=None, upper_limit=300.0,
        upper_limit_kind="custom", applies_to="total", source="",
        upper_limit_source="your own target", note="", upper_limit_note="")
    assert (own["magnesium"].target, own["magnesium"].source, own["magnesium"].upper_limit) == (
        400.0, "your own target", None)
