"""Importing a bundle (folder or .zip): validate every row of every file, then write once.

One bad row anywhere means nothing is written, and the message names the file,
the line and the problem. Entries keep their ids, so importing the same bundle
again finds them already present instead of adding them twice.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from tracker.domain.entries import (
    DayFactors,
    Entry,
    FoodEntry,
    Profile,
    SupplementDose,
    SupplementProduct,
)
from tracker.domain.experiments.trial import Trial
from tracker.domain.foods import Food, base_id
from tracker.services import bundle_format as fmt
from tracker.services import bundle_imported, bundle_recipes, experiment_bundle
from tracker.services import import_parse as parse
from tracker.services.bundle_csv import BundleFileError, Row, read_rows
from tracker.services.bundle_source import read_bundle_files
from tracker.services.context import Context
from tracker.services.import_cells import Cells
from tracker.storage import custom_foods as custom_repo
from tracker.storage import entries as entry_repo
from tracker.storage import food_versions
from tracker.storage import profile as profile_repo
from tracker.storage import supplements as supplement_repo

if TYPE_CHECKING:
    from sqlite3 import Connection

LABELS: dict[str, str] = {
    "foods": "food entries", "water": "water entries", "caffeine": "caffeine entries",
    "doses": "supplement doses", "episodes": "episodes", "factors": "day notes",
    "products": "supplement products", "custom_foods": "custom foods",
    "targets": "personal targets", "profile": "profile", "experiments": "self-experiments",
    "recipes": "recipes", "meals": "saved meals", "imported_foods": "foods from other apps",
}


@dataclass
class ImportPlan:
    """Everything a bundle holds, checked and ready to write."""

    source: Path
    profile: Profile | None = None
    targets: dict[str, float] = field(default_factory=dict)
    custom_foods: list[Food] = field(default_factory=list)
    products: list[SupplementProduct] = field(default_factory=list)
    entries: dict[str, list[Entry]] = field(default_factory=dict)
    factors: list[DayFactors] = field(default_factory=list)
    experiments: list[Trial] = field(default_factory=list)
    own: bundle_recipes.RecipesAndMeals | None = None
    imported: bundle_imported.Imported = field(default_factory=bundle_imported.Imported)
    retired_foods: set[str] = field(default_factory=set)

    def counts(self) -> dict[str, int]:
        """How many of each kind the bundle holds, for a summary before importing."""
        found = {kind: len(items) for kind, items in self.entries.items()}
        found.update(factors=len(self.factors), products=len(self.products),
                     custom_foods=len(self.custom_foods), targets=len(self.targets),
                     profile=int(self.profile is not None), experiments=len(self.experiments))
        if self.own is not None:
            found.update(recipes=len(self.own.recipes), meals=len(self.own.meals))
        found.update(imported_foods=len(self.imported.foods))
        return {kind: n for kind, n in found.items() if n}

    def describe(self) -> list[str]:
        return [f"{LABELS[kind]}: {n}" for kind, n in self.counts().items()]


@dataclass
class ImportSummary:
    """What an import added, and what was already in the diary."""

    added: dict[str, int] = field(default_factory=dict)
    present: dict[str, int] = field(default_factory=dict)

    def count(self, kind: str, new: bool) -> None:
        target = self.added if new else self.present
        target[kind] = target.get(kind, 0) + 1

    @property
    def total_added(self) -> int:
        return sum(self.added.values())

    @property
    def total_present(self) -> int:
        return sum(self.present.values())

    def describe(self) -> list[str]:
        kinds = [k for k in LABELS if k in self.added or k in self.present]
        return [f"{LABELS[k]}: {self.added.get(k, 0)} new, {self.present.get(k, 0)} already "
                "present" for k in kinds]


def read_bundle(ctx: Context, path: Path | str) -> ImportPlan:
    """Parse and check every file of the bundle at ``path``; nothing is written."""
    files = read_bundle_files(Path(path))
    rows: dict[str, list[Row]] = {}
    for spec in fmt.IMPORTED:
        if spec.name in files:
            rows[spec.name] = read_rows(spec.name, files[spec.name], spec.required)[1]
    plan = ImportPlan(Path(path))
    plan.profile = parse.profile(rows.get(fmt.PROFILE.name, []))
    plan.targets = parse.targets(rows.get(fmt.TARGETS.name, []))
    plan.custom_foods = _with_portions(
        parse.custom_foods(rows.get(fmt.CUSTOM_FOODS.name, [])),
        parse.portions(rows.get(fmt.CUSTOM_FOOD_PORTIONS.name, [])))
    plan.retired_foods = _retired(rows.get(fmt.CUSTOM_FOODS.name, []))
    located_products = parse.products(rows.get(fmt.SUPPLEMENTS.name, []))
    aliases = _product_aliases(ctx, located_products)
    plan.products = [p for _, p in located_products if p.id not in aliases]
    plan.own = bundle_recipes.read_checked(ctx, rows, {f.id for f in plan.custom_foods},
                                           located_products, aliases)
    plan.imported = bundle_imported.read(rows)
    foods = parse.foods(rows.get(fmt.FOOD_LOG.name, []))
    _check_food_ids(ctx, foods, {f.id for f in plan.custom_foods}
                    | {r.id for r in plan.own.recipes} | {f.id for f in plan.imported.foods})
    parsed: dict[str, Sequence[tuple[int, Entry]]] = {
        fmt.FOOD_LOG.name: foods,
        fmt.WATER_LOG.name: parse.water(rows.get(fmt.WATER_LOG.name, [])),
        fmt.CAFFEINE_LOG.name: parse.caffeine(rows.get(fmt.CAFFEINE_LOG.name, [])),
        fmt.EPISODES.name: parse.episodes(rows.get(fmt.EPISODES.name, []))}
    pending = parse.doses(rows.get(fmt.SUPPLEMENT_LOG.name, []))
    for name, found in parsed.items():
        plan.imported.mark(name, rows.get(name, []), [(line, e.id) for line, e in found])
    plan.imported.mark(fmt.SUPPLEMENT_LOG.name, rows.get(fmt.SUPPLEMENT_LOG.name, []),
                       [(dose.line, dose.id) for dose in pending])
    plan.entries = {
        "foods": [e for _, e in foods],
        "water": [e for _, e in parsed[fmt.WATER_LOG.name]],
        "caffeine": [e for _, e in parsed[fmt.CAFFEINE_LOG.name]],
        "doses": _resolve_doses(ctx, pending, [p for _, p in located_products], aliases),
        "episodes": [e for _, e in parsed[fmt.EPISODES.name]],
    }
    plan.factors = [f for _, f in parse.day_factors(rows.get(fmt.DAY_FACTORS.name, []))]
    trials = experiment_bundle.parse(rows.get(fmt.EXPERIMENTS.name, []),
                                     experiment_bundle.product_ids(ctx.diary.conn, plan.products,
                                                                   aliases))
    experiment_bundle.check_against_diary(ctx.diary.conn, trials, dt.date.today())
    plan.experiments = [t for _, t in trials]
    return plan


def import_bundle(ctx: Context, path: Path | str) -> ImportSummary:
    """Check the whole bundle, then write it in one transaction."""
    return apply_plan(ctx, read_bundle(ctx, path))


def apply_plan(ctx: Context, plan: ImportPlan) -> ImportSummary:
    """Write a checked plan; what the diary already holds is kept as it is."""
    summary = ImportSummary()
    with ctx.diary.write() as conn:
        _apply_profile(conn, plan, summary)
        _apply_foods_and_products(conn, plan, summary)
        for kind, entries in plan.entries.items():
            for entry in entries:
                summary.count(kind, entry_repo.insert(conn, entry))
        for factors in plan.factors:
            absent = entry_repo.get_factors(conn, factors.date) is None
            if absent:
                entry_repo.put_factors(conn, factors)
            summary.count("factors", absent)
        for new in experiment_bundle.apply(conn, plan.experiments, dt.date.today()):
            summary.count("experiments", new)
    return summary


def _apply_profile(conn: Connection, plan: ImportPlan, summary: ImportSummary) -> None:
    if plan.profile is not None:
        absent = profile_repo.get_profile(conn) is None
        if absent:
            profile_repo.put_profile(conn, plan.profile)
        summary.count("profile", absent)
    overrides = profile_repo.target_overrides(conn)
    for key, value in plan.targets.items():
        if key not in overrides:
            profile_repo.put_target_override(conn, key, value)
        summary.count("targets", key not in overrides)


def _apply_foods_and_products(conn: Connection, plan: ImportPlan,
                              summary: ImportSummary) -> None:
    now = dt.datetime.now().replace(microsecond=0)
    known_foods = custom_repo.get_many(conn, [f.id for f in plan.custom_foods])
    for food in plan.custom_foods:
        if food.id not in known_foods:
            custom_repo.insert(conn, food, now, retired=food.id in plan.retired_foods)
        summary.count("custom_foods", food.id not in known_foods)
    for base in {base_id(f.id) for f in plan.custom_foods}:
        food_versions.settle_current(conn, food_versions.CUSTOM, base)
    for product in plan.products:
        absent = supplement_repo.product_by_id(conn, product.id) is None
        if absent:
            supplement_repo.put_product(conn, product)
        summary.count("products", absent)
    if plan.own is not None:
        bundle_recipes.apply(conn, plan.own, summary.count)
    bundle_imported.apply(conn, plan.imported, now, summary.count)


def _retired(rows: list[Row]) -> set[str]:
    """The custom food versions custom_foods.csv marks as kept only for past entries."""
    return {row.get("id").strip() for row in rows
            if Cells(fmt.CUSTOM_FOODS.name, row).flag("retired")}


def _with_portions(foods: list[tuple[int, Food]],
                   portions: list[tuple[int, tuple[str, parse.Portion]]]) -> list[Food]:
    by_id = {food.id: food for _, food in foods}
    attached: dict[str, list[parse.Portion]] = {food_id: [] for food_id in by_id}
    for line, (food_id, portion) in portions:
        if food_id not in by_id:
            raise BundleFileError(fmt.CUSTOM_FOOD_PORTIONS.name, line,
                                  f"{food_id} is not in custom_foods.csv.", "food_id")
        attached[food_id].append(portion)
    return [Food(f.id, f.name, f.group, f.nutrients, tuple(attached[f.id]), beverage=f.beverage)
            for f in by_id.values()]


def _check_food_ids(ctx: Context, foods: list[tuple[int, FoodEntry]],
                    bundle_ids: set[str]) -> None:
    named = {e.food_id for _, e in foods} - bundle_ids
    known = bundle_ids | bundle_recipes.known_food_ids(ctx, named)
    for line, entry in foods:
        if entry.food_id not in known:
            raise BundleFileError(fmt.FOOD_LOG.name, line,
                                  f"there is no food with the id {entry.food_id!r} in the food "
                                  "database, custom_foods.csv, recipes.csv or this diary.",
                                  "food_id")


def _product_aliases(ctx: Context, products: list[tuple[int, SupplementProduct]]
                     ) -> dict[str, str]:
    """Bundle product ids that stand for a product the diary has under another id.

    The same name with the same amounts is the same product (say, typed into
    both diaries by hand); the same name with other amounts is a conflict the
    person must settle, since product names are unique.
    """
    aliases = {}
    conn = ctx.diary.conn
    for line, product in products:
        if supplement_repo.product_by_id(conn, product.id) is not None:
            continue
        existing = supplement_repo.product_by_name(conn, product.name)
        if existing is None:
            continue
        if existing.per_unit == product.per_unit and existing.unit_label == product.unit_label:
            aliases[product.id] = existing.id
            continue
        raise BundleFileError(fmt.SUPPLEMENTS.name, line,
                              f"this diary already has a different supplement named "
                              f"{product.name!r}; rename one of them, then import again.", "name")
    return aliases


def _resolve_doses(ctx: Context, pending: list[parse.PendingDose],
                   products: list[SupplementProduct], aliases: dict[str, str]
                   ) -> list[Entry]:
    conn = ctx.diary.conn
    by_id = {p.id: p for p in products}
    by_name = {p.name.casefold(): p for p in products}
    in_diary: dict[str, bool] = {}
    resolved: list[Entry] = []
    for dose in pending:
        product_id = None
        if dose.product_id is not None:
            if dose.product_id not in in_diary:
                in_diary[dose.product_id] = supplement_repo.product_by_id(
                    conn, dose.product_id) is not None
            if dose.product_id in by_id or in_diary[dose.product_id]:
                product_id = dose.product_id
        elif dose.product_name is not None:
            named = by_name.get(dose.product_name.casefold()) or \
                supplement_repo.product_by_name(conn, dose.product_name)
            product_id = named.id if named else None
        if product_id is None:
            wanted = dose.product_id or dose.product_name
            raise BundleFileError(fmt.SUPPLEMENT_LOG.name, dose.line,
                                  f"there is no supplement {wanted!r} in supplements.csv or "
                                  "in this diary.", "product_id" if dose.product_id
                                  else "supplement")
        product_id = aliases.get(product_id, product_id)
        resolved.append(SupplementDose(dose.date, dose.time, product_id, dose.units, id=dose.id))
    return resolved

