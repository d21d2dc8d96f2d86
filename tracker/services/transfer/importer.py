"""Importing a bundle (folder or .zip): check every row of every file, then write once.

One bad row anywhere means nothing is written, and the message names the file,
the line and the problem. Rows are read one at a time and checked entries wait
in a staging file, so memory does not grow with the size of the files. Entries
keep their ids, so importing the same bundle again finds them unchanged instead
of adding them twice; an entry whose content differs is an edit, shown before it
is applied (``tracker.services.transfer.import_apply``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from tracker.domain.entries import SupplementDose, SupplementProduct
from tracker.domain.foods import Food, base_id
from tracker.services.context import Context
from tracker.services.foods.lookup import foods_by_id
from tracker.services.transfer import bundle_format as fmt
from tracker.services.transfer import bundle_imported, bundle_recipes, experiment_bundle
from tracker.services.transfer import import_parse as parse
from tracker.services.transfer.bundle_csv import BundleFileError, Row
from tracker.services.transfer.bundle_read import CsvFile
from tracker.services.transfer.bundle_source import Bundle, open_bundle
from tracker.services.transfer.import_apply import (
    ImportChangesError,
    ImportReceipt,
    ImportSummary,
    apply_plan,
    apply_undoable,
    redo_import,
    undo_import,
)
from tracker.services.transfer.import_cells import Cells
from tracker.services.transfer.import_plan import (
    ENTRY_KINDS,
    FILES,
    LABELS,
    Change,
    ImportPlan,
    Review,
)
from tracker.services.transfer.import_review import review
from tracker.storage.own_foods import supplements as supplement_repo
from tracker.storage.transfer.import_staging import Staging

__all__ = ["LABELS", "Change", "ImportChangesError", "ImportPlan", "ImportReceipt",
           "ImportSummary", "Review", "apply_plan", "apply_undoable", "import_bundle",
           "read_bundle", "redo_import", "undo_import"]

# Files small enough to hold whole (a person's own foods, products, recipes and notes).
_SMALL = (fmt.PROFILE, fmt.TARGETS, fmt.CUSTOM_FOODS, fmt.CUSTOM_FOOD_PORTIONS,
          fmt.IMPORTED_FOODS, fmt.RECIPES, fmt.RECIPE_ITEMS, fmt.SUPPLEMENTS, fmt.MEALS,
          fmt.MEAL_ITEMS)


def read_bundle(ctx: Context, path: Path | str) -> ImportPlan:
    """Parse and check every file of the bundle at ``path`` and compare it with the diary;
    nothing is written. The plan holds a staging file: close it when done."""
    with open_bundle(Path(path)) as bundle:
        plan = ImportPlan(Path(path), Staging())
        try:
            _read(ctx, bundle, plan)
            plan.review = review(ctx, plan)
        except BaseException:
            plan.close()
            raise
    return plan


def import_bundle(ctx: Context, path: Path | str, update: bool = False) -> ImportSummary:
    """Check the whole bundle, then write it in one transaction."""
    with read_bundle(ctx, path) as plan:
        return apply_plan(ctx, plan, update)


def _rows(bundle: Bundle, spec: fmt.BundleFile) -> Iterator[Row]:
    if spec.name not in bundle.names:
        return
    with bundle.open(spec.name) as stream:
        yield from CsvFile(spec.name, stream, spec.required)


class _Sources:
    """Taps a log file's rows for their ``source`` column (entries imported from another
    app), keeping only the few rows that have one until their entry is staged."""

    def __init__(self, file: str, found: dict[str, str]) -> None:
        self.file = file
        self.found = found
        self._by_line: dict[int, str] = {}

    def tap(self, rows: Iterable[Row]) -> Iterator[Row]:
        for row in rows:
            if row.get("source").strip():
                self._by_line[row.line] = Cells(self.file, row).text("source", "The source",
                                                                      200)
            yield row

    def entry(self, line: int, entry_id: str) -> None:
        source = self._by_line.pop(line, None)
        if source:
            self.found[entry_id] = source


def _read(ctx: Context, bundle: Bundle, plan: ImportPlan) -> None:
    """Read the files in ``fmt.IMPORTED`` order: what others refer to comes first."""
    small = {spec.name: list(_rows(bundle, spec)) for spec in _SMALL}
    plan.profile = parse.profile(small[fmt.PROFILE.name])
    plan.targets = parse.targets(small[fmt.TARGETS.name])
    plan.custom_foods = _with_portions(parse.custom_foods(small[fmt.CUSTOM_FOODS.name]),
                                       parse.portions(small[fmt.CUSTOM_FOOD_PORTIONS.name]))
    plan.retired_foods = {row.get("id").strip() for row in small[fmt.CUSTOM_FOODS.name]
                          if Cells(fmt.CUSTOM_FOODS.name, row).flag("retired")}
    located = parse.products(small[fmt.SUPPLEMENTS.name])
    aliases = _product_aliases(ctx, located)
    plan.products = [(line, p) for line, p in located if p.id not in aliases]
    plan.own = bundle_recipes.read_checked(ctx, small, {f.id for _, f in plan.custom_foods},
                                           located, aliases)
    plan.imported = bundle_imported.read(small)
    food_of, known = _food_lookup(ctx, plan)
    _stage(plan, bundle, "foods", fmt.FOOD_LOG,
           lambda rows: parse.foods(rows, food_of, known))
    _stage(plan, bundle, "water", fmt.WATER_LOG, parse.water)
    _stage(plan, bundle, "caffeine", fmt.CAFFEINE_LOG, parse.caffeine)
    resolve = _dose_resolver(ctx, [p for _, p in located], aliases)
    _stage(plan, bundle, "doses", fmt.SUPPLEMENT_LOG,
           lambda rows: ((d.line, resolve(d)) for d in parse.doses(rows)))
    _stage(plan, bundle, "episodes", fmt.EPISODES, parse.episodes)
    plan.factors = parse.day_factors(_rows(bundle, fmt.DAY_FACTORS))
    trials = experiment_bundle.parse(
        _rows(bundle, fmt.EXPERIMENTS),
        experiment_bundle.product_ids(ctx.diary.conn, [p for _, p in plan.products], aliases))
    experiment_bundle.check_against_diary(ctx.diary.conn, trials, plan.today)
    plan.experiments = [t for _, t in trials]
    plan.staging.finish()
    _refuse_repeated_ids(plan.staging)


def _stage(plan: ImportPlan, bundle: Bundle, kind: str, spec: fmt.BundleFile,
           parse_rows: Callable[[Iterable[Row]], Iterable[tuple[int, object]]]) -> None:
    sources = _Sources(spec.name, plan.imported.entry_sources)
    for line, entry in parse_rows(sources.tap(_rows(bundle, spec))):
        plan.staging.add(kind, line, entry)  # type: ignore[arg-type]
        sources.entry(line, entry.id)  # type: ignore[attr-defined]


def _refuse_repeated_ids(staging: Staging) -> None:
    for kind in ENTRY_KINDS:
        repeated = staging.first_duplicate(kind)
        if repeated is not None:
            entry_id, first, second = repeated
            raise BundleFileError(FILES[kind], second, f"the id {entry_id} already appears "
                                  f"on line {first}.", "id")


def _with_portions(foods: list[tuple[int, Food]],
                   portions: list[tuple[int, tuple[str, parse.Portion]]]
                   ) -> list[tuple[int, Food]]:
    by_id = {food.id: (line, food) for line, food in foods}
    attached: dict[str, list[parse.Portion]] = {food_id: [] for food_id in by_id}
    for line, (food_id, portion) in portions:
        if food_id not in by_id:
            raise BundleFileError(fmt.CUSTOM_FOOD_PORTIONS.name, line,
                                  f"{food_id} is not in custom_foods.csv.", "food_id")
        attached[food_id].append(portion)
    return [(line, Food(f.id, f.name, f.group, f.nutrients, tuple(attached[f.id]),
                        beverage=f.beverage)) for line, f in by_id.values()]


def _food_lookup(ctx: Context, plan: ImportPlan
                 ) -> tuple[parse.FoodLookup, Callable[[str], bool]]:
    """Foods by id (each looked up once): the bundle's own foods, then the diary's and the
    food database. A recipe only in the bundle is known without its food (its weight
    per serving comes from ingredients not yet stored)."""
    known: dict[str, Food | None] = {food.id: food for _, food in plan.custom_foods}
    known.update((food.id, food) for food in plan.imported.foods)
    recipes = {r.id for r in plan.own.recipes} if plan.own else set()
    recipes |= {base_id(i) for i in recipes}

    def food_of(food_id: str) -> Food | None:
        if food_id not in known:
            known[food_id] = foods_by_id(ctx, [food_id]).get(food_id)
            # A food named without its version: its current version stands for it.
            if known[food_id] is None and bundle_recipes.known_food_ids(ctx, [food_id]):
                recipes.add(food_id)
        return known[food_id]

    def is_known(food_id: str) -> bool:
        return food_of(food_id) is not None or food_id in recipes

    return food_of, is_known


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


def _dose_resolver(ctx: Context, products: list[SupplementProduct], aliases: dict[str, str]
                   ) -> Callable[[parse.PendingDose], SupplementDose]:
    """Turns a dose naming its product (by id or name) into one holding the diary's id."""
    conn = ctx.diary.conn
    by_id = {p.id: p for p in products}
    by_name = {p.name.casefold(): p for p in products}
    in_diary: dict[str, bool] = {}
    named_in_diary: dict[str, str | None] = {}

    def resolve(dose: parse.PendingDose) -> SupplementDose:
        product_id = None
        if dose.product_id is not None:
            if dose.product_id not in in_diary:
                in_diary[dose.product_id] = supplement_repo.product_by_id(
                    conn, dose.product_id) is not None
            if dose.product_id in by_id or in_diary[dose.product_id]:
                product_id = dose.product_id
        elif dose.product_name is not None:
            folded = dose.product_name.casefold()
            if folded in by_name:
                product_id = by_name[folded].id
            else:
                if folded not in named_in_diary:
                    named = supplement_repo.product_by_name(conn, dose.product_name)
                    named_in_diary[folded] = named.id if named else None
                product_id = named_in_diary[folded]
        if product_id is None:
            wanted = dose.product_id or dose.product_name
            raise BundleFileError(fmt.SUPPLEMENT_LOG.name, dose.line,
                                  f"there is no supplement {wanted!r} in supplements.csv or "
                                  "in this diary.", "product_id" if dose.product_id
                                  else "supplement")
        product_id = aliases.get(product_id, product_id)
        return SupplementDose(dose.date, dose.time, product_id, dose.units, id=dose.id)

    return resolve
