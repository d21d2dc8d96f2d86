"""Personal reference intakes: each nutrient's target and ceiling from a reference table.

Two tables are bundled, one row per nutrient, kind, sex, life stage and age
band, each with its source: the US/Canadian Dietary Reference Intakes
(``resources/dri.csv``) and EFSA's Dietary Reference Values
(``resources/efsa.csv``); the profile says which one applies. A target is the
RDA or PRI where one exists, else the AI or SAI; a ceiling (UL, CDRR or
advisory LIMIT) is a warning, never a goal. Pregnancy and lactation rows win
over general ones for the ages they cover; outside those ages the general rows
apply. A person's own target replaces the reference one; for a nutrient that
has only a ceiling (caffeine) it replaces the ceiling.
"""

from __future__ import annotations

import csv
import datetime as dt
import functools
import io
from collections.abc import Mapping
from dataclasses import dataclass, replace
from importlib import resources

from tracker.domain.entries import REFERENCE_SETS, Profile
from tracker.domain.errors import UserError
from tracker.domain.nutrients import BY_KEY

# A goal first, in order of preference: EFSA's PRI is its RDA, its SAI (sodium) a target.
TARGET_KINDS: tuple[str, ...] = ("RDA", "PRI", "AI", "SAI")
CEILING_KINDS: tuple[str, ...] = ("UL", "CDRR", "LIMIT")
# Table names for the two water rows; the app calls the beverage one "drinks".
_TABLE_KEYS = {"water_beverages": "drinks"}
# The magnesium UL counts supplemental magnesium only, not magnesium in food (both tables).
SUPPLEMENT_ONLY_CEILINGS: frozenset[str] = frozenset({"magnesium"})
# Amounts the app keeps in another unit than the table: litres become ml.
_UNIT_SCALE: dict[str, tuple[str, float]] = {"L": ("ml", 1000.0)}
# Targets that are not registry nutrients, with the unit the app shows them in.
EXTRA_UNITS: dict[str, str] = {"water_total": "ml", "drinks": "ml"}
OWN_SOURCE = "your own target"

DEFAULT_REFERENCE_SET = "dri"
REFERENCE_FILES: dict[str, str] = {"dri": "dri.csv", "efsa": "efsa.csv"}
REFERENCE_SET_NAMES: dict[str, str] = {
    "dri": "US/Canadian Dietary Reference Intakes (DRI)",
    "efsa": "EFSA Dietary Reference Values (European Union)",
}

# EFSA gives total water only. EFSA's water opinion takes about 20 % of total
# water to come from food, so drinks are given 80 % of it as their target.
DRINKS_SHARE_OF_TOTAL_WATER = 0.8
DERIVED_KIND = "derived"
DRINKS_DERIVED_NOTE = ("80 % of the total-water Adequate Intake: EFSA sets no separate value "
                       "for drinks and takes about a fifth of water to come from food")

NO_PROFILE_MESSAGE = ("Targets depend on sex, age and pregnancy or breastfeeding, so set your "
                      "profile first, e.g. 'nutrient-tracker profile set --sex female "
                      "--birth-date 1980-05-01' (add --life-stage pregnancy or lactation "
                      "if it applies).")


def reference_set_name(reference_set: str) -> str:
    """"EFSA Dietary Reference Values (European Union)" for "efsa"."""
    return REFERENCE_SET_NAMES.get(reference_set, reference_set)


@dataclass(frozen=True)
class ReferenceRow:
    """One row of a reference table, amounts already in the app's unit."""

    nutrient: str
    unit: str
    kind: str
    sex: str
    life_stage: str
    age_min: float
    age_max: float
    value: float
    source: str
    note: str


@dataclass(frozen=True)
class Target:
    """What one nutrient is compared with for one person on one day.

    ``target`` is None where no goal exists (caffeine, or an age the table
    does not cover); ``applies_to`` says which intake the ceiling counts.
    """

    nutrient: str
    unit: str
    target: float | None
    target_kind: str | None  # "RDA", "AI" or "custom"
    upper_limit: float | None
    upper_limit_kind: str | None  # "UL", "CDRR", "LIMIT" or "custom"
    applies_to: str  # "total" or "supplements"
    source: str
    upper_limit_source: str = ""
    note: str = ""  # what the target covers, or why there is no value
    upper_limit_note: str = ""  # what the ceiling counts


def unit_of(key: str) -> str:
    """The unit a target key is shown in (registry unit, or ml for the water keys)."""
    return EXTRA_UNITS.get(key) or BY_KEY[key].unit


@functools.cache
def reference_rows(reference_set: str = DEFAULT_REFERENCE_SET) -> tuple[ReferenceRow, ...]:
    """Every row of one bundled reference table, read once."""
    name = REFERENCE_FILES.get(reference_set)
    if name is None:
        raise UserError(f"Unknown reference set {reference_set!r}; choose one of "
                        f"{', '.join(REFERENCE_SETS)}.", "reference_set")
    text = (resources.files("tracker.resources") / name).read_text(encoding="utf-8")
    return parse_rows(text)


def parse_rows(text: str) -> tuple[ReferenceRow, ...]:
    """Rows from the CSV text of a reference table, water converted from litres to ml."""
    rows = []
    for raw in csv.DictReader(io.StringIO(text)):
        unit, scale = _UNIT_SCALE.get(raw["unit"], (raw["unit"], 1.0))
        rows.append(ReferenceRow(
            nutrient=_TABLE_KEYS.get(raw["nutrient"], raw["nutrient"]), unit=unit,
            kind=raw["kind"], sex=raw["sex"], life_stage=raw["life_stage"],
            age_min=float(raw["age_min_years"]), age_max=float(raw["age_max_years"]),
            value=float(raw["value"]) * scale, source=raw["source"], note=raw["note"] or ""))
    return tuple(rows)


def _applies(row: ReferenceRow, profile: Profile, age: float) -> bool:
    return (row.sex in ("any", profile.sex)
            and row.life_stage in ("any", "general", profile.life_stage)
            and row.age_min <= age < row.age_max)


def _choose(rows: list[ReferenceRow], kinds: tuple[str, ...],
            life_stage: str) -> ReferenceRow | None:
    """The most specific applicable row of ``kinds``: life stage first, then kind order."""
    candidates = [r for r in rows if r.kind in kinds]
    if not candidates:
        return None
    staged = [r for r in candidates if r.life_stage == life_stage and life_stage != "general"]
    pool = staged or [r for r in candidates if r.life_stage in ("any", "general")]
    if not pool:
        return None
    return min(pool, key=lambda r: (kinds.index(r.kind), r.sex == "any"))


def reference_for(profile: Profile, on_date: dt.date) -> dict[str, Target]:
    """Reference targets and ceilings for ``profile`` on ``on_date``, without overrides."""
    age = profile.age_years(on_date)
    by_nutrient: dict[str, list[ReferenceRow]] = {}
    # A row in another unit than the app's (EFSA's caffeine per kg of body weight)
    # cannot be compared with a day's intake: it only explains why there is no value.
    elsewhere: dict[str, ReferenceRow] = {}
    for row in reference_rows(profile.reference_set):
        if _applies(row, profile, age):
            if row.unit == unit_of(row.nutrient):
                by_nutrient.setdefault(row.nutrient, []).append(row)
            else:
                elsewhere[row.nutrient] = row
    out: dict[str, Target] = {}
    for key, rows in by_nutrient.items():
        goal = _choose(rows, TARGET_KINDS, profile.life_stage)
        ceiling = _choose(rows, CEILING_KINDS, profile.life_stage)
        chosen = goal or ceiling
        if chosen is None:
            continue
        out[key] = Target(
            nutrient=key, unit=rows[0].unit,
            target=goal.value if goal else None, target_kind=goal.kind if goal else None,
            upper_limit=ceiling.value if ceiling else None,
            upper_limit_kind=ceiling.kind if ceiling else None,
            applies_to="supplements" if key in SUPPLEMENT_ONLY_CEILINGS else "total",
            source=chosen.source,
            upper_limit_source=ceiling.source if ceiling else "",
            note=goal.note if goal else "",
            upper_limit_note=ceiling.note if ceiling else "")
    for key, row in elsewhere.items():
        if key not in out:
            out[key] = Target(key, unit_of(key), None, None, None, None, "total", row.source,
                              note=_not_applicable_note(row))
    if "water_total" in out and not _has_drinks_rows(profile.reference_set):
        out["drinks"] = _drinks_from_total(out["water_total"])
    return out


def _not_applicable_note(row: ReferenceRow) -> str:
    per = row.unit.replace("mg/kg_bw", "mg per kg of body weight")
    return (f"{row.value:g} {per} per day at this age; the diary holds no body weight, so "
            "no daily amount is shown")


def _drinks_from_total(total: Target) -> Target:
    """A drinks target where the table has total water only (EFSA), and says so."""
    goal = (float(round(total.target * DRINKS_SHARE_OF_TOTAL_WATER))
            if total.target is not None else None)
    return Target("drinks", unit_of("drinks"), goal, DERIVED_KIND if goal else None,
                  None, None, "total", total.source, note=DRINKS_DERIVED_NOTE)


@functools.cache
def _has_drinks_rows(reference_set: str) -> bool:
    return any(r.nutrient == "drinks" for r in reference_rows(reference_set))


@functools.cache
def ceiling_only(reference_set: str = DEFAULT_REFERENCE_SET) -> frozenset[str]:
    """Nutrients the table gives a ceiling but never a goal (caffeine): own values are limits."""
    rows = reference_rows(reference_set)
    return frozenset({r.nutrient for r in rows if r.kind in CEILING_KINDS}
                     - {r.nutrient for r in rows if r.kind in TARGET_KINDS})


def with_overrides(reference: Mapping[str, Target], overrides: Mapping[str, float],
                   reference_set: str = DEFAULT_REFERENCE_SET) -> dict[str, Target]:
    """``reference`` with the person's own values put in place of the reference ones."""
    out = dict(reference)
    limits_only = ceiling_only(reference_set)
    for key, value in overrides.items():
        if key not in BY_KEY and key not in EXTRA_UNITS:
            continue  # a key a newer version stored; nothing here can use it
        base = out.get(key) or Target(key, unit_of(key), None, None, None, None,
                                      "supplements" if key in SUPPLEMENT_ONLY_CEILINGS
                                      else "total", "")
        if key in limits_only:
            out[key] = replace(base, target=None, target_kind=None, upper_limit=float(value),
                               upper_limit_kind="custom", upper_limit_source=OWN_SOURCE,
                               upper_limit_note="")
        else:
            out[key] = replace(base, target=float(value), target_kind="custom",
                               source=OWN_SOURCE, note="")
    return out


def targets_for(profile: Profile | None, on_date: dt.date,
                overrides: Mapping[str, float] | None = None) -> dict[str, Target]:
    """Each nutrient's target and ceiling for this person on this diary day.

    Without a profile there is nothing to choose reference values by, so this
    raises a UserError telling how to set one.
    """
    if profile is None:
        raise UserError(NO_PROFILE_MESSAGE, "profile")
    return with_overrides(_cached_reference(profile, band_key(profile, on_date), on_date),
                          overrides or {}, profile.reference_set)


def band_key(profile: Profile, on_date: dt.date) -> int:
    """How many band edges the person's age has passed; targets change only at an edge."""
    age = profile.age_years(on_date)
    return sum(1 for edge in _edges(profile.reference_set) if age >= edge)


@functools.cache
def _edges(reference_set: str) -> tuple[float, ...]:
    rows = reference_rows(reference_set)
    return tuple(sorted({r.age_min for r in rows} | {r.age_max for r in rows}))


_CACHE: dict[tuple[Profile, int], dict[str, Target]] = {}


def _cached_reference(profile: Profile, band: int, on_date: dt.date) -> dict[str, Target]:
    # Long periods ask for every day; the answer only changes at an age-band edge.
    key = (profile, band)
    found = _CACHE.get(key)
    if found is None:
        if len(_CACHE) > 256:
            _CACHE.clear()
        found = _CACHE[key] = reference_for(profile, on_date)
    return found
