"""Writing a checked bundle into the diary in one transaction, and undoing or redoing it.

New items are always added; items the diary holds in another version (an edit
made in the exported files) are applied only with ``update``, and without it
the import is refused rather than dropping the edit. What the import added and
the versions it replaced are kept, so the window can undo it as one step.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from tracker.domain.errors import UserError
from tracker.domain.foods import base_id
from tracker.services.context import Context
from tracker.services.transfer import bundle_recipes, experiment_bundle
from tracker.services.transfer.import_plan import ENTRY_KINDS, LABELS, ImportPlan
from tracker.services.transfer.import_review import Item, added_only, review, small_items
from tracker.storage import entries as entry_repo
from tracker.storage import experiments as experiment_repo
from tracker.storage import profile as profile_repo
from tracker.storage.own_foods import custom_foods as custom_repo
from tracker.storage.own_foods import food_versions
from tracker.storage.own_foods import meals as meal_repo
from tracker.storage.own_foods import supplements as supplement_repo
from tracker.storage.transfer import entry_sources
from tracker.storage.transfer import imported_foods as imported_repo

if TYPE_CHECKING:
    from sqlite3 import Connection

Step = Callable[["Connection"], None]


class ImportChangesError(UserError):
    """The bundle changes items the diary holds, and the person did not ask for updates."""


@dataclass
class ImportSummary:
    """What an import added, changed (only with ``update``) and found unchanged, per kind."""

    added: dict[str, int] = field(default_factory=dict)
    changed: dict[str, int] = field(default_factory=dict)
    present: dict[str, int] = field(default_factory=dict)

    def _put(self, kind: str, added: int, changed: int, present: int) -> None:
        for target, n in ((self.added, added), (self.changed, changed),
                          (self.present, present)):
            if n:
                target[kind] = target.get(kind, 0) + n

    @property
    def total_added(self) -> int:
        return sum(self.added.values())

    @property
    def total_changed(self) -> int:
        return sum(self.changed.values())

    @property
    def total_present(self) -> int:
        return sum(self.present.values())

    def headline(self) -> str:
        return (f"{self.total_added} new, {self.total_changed} changed, "
                f"{self.total_present} unchanged")

    def describe(self) -> list[str]:
        kinds = [k for k in LABELS if k in self.added or k in self.changed or k in self.present]
        return [f"{LABELS[k]}: {self.added.get(k, 0)} new, {self.changed.get(k, 0)} changed, "
                f"{self.present.get(k, 0)} unchanged" for k in kinds]


@dataclass
class ImportReceipt:
    """An import that was written: its plan (holding the staged entries), the summary, and
    the steps that write and take back the small items, for redo and undo."""

    plan: ImportPlan
    update: bool
    summary: ImportSummary
    steps: list[tuple[Step, Step]] = field(default_factory=list)


def apply_plan(ctx: Context, plan: ImportPlan, update: bool = False) -> ImportSummary:
    """Write a checked plan; see ``apply_undoable``."""
    return apply_undoable(ctx, plan, update).summary


def apply_undoable(ctx: Context, plan: ImportPlan, update: bool = False) -> ImportReceipt:
    """Write a checked plan in one transaction; an edit of an item the diary holds is
    applied only with ``update`` (else nothing is written and ImportChangesError says
    what differs). The receipt undoes and redoes the import."""
    receipt = ImportReceipt(plan, update, ImportSummary())
    conn = ctx.diary.conn
    with plan.staging.attached(conn), ctx.diary.write():
        if not update:
            found = review(ctx, plan)
            if found.changed:
                raise _refusal(found.changed, str(found.changes[0]))
        for item in small_items(conn, plan):
            _apply_item(conn, item, update, receipt)
        _apply_own_foods(conn, plan, receipt)
        _apply_experiments(conn, plan, receipt)
        for kind in ENTRY_KINDS:
            tally = plan.staging.apply(conn, kind, update)
            receipt.summary._put(kind, tally.new, tally.changed, tally.unchanged)
        _apply_sources(conn, plan, receipt)
    return receipt


def _refusal(count: int, first: str) -> ImportChangesError:
    items = "1 item differs" if count == 1 else f"{count} items differ"
    return ImportChangesError(
        f"{items} from your diary (first: {first}); nothing was imported. Import again "
        "asking to apply changes (--update, or the Import window's checkbox) to use the "
        "files' versions.")


def undo_import(ctx: Context, receipt: ImportReceipt) -> None:
    """Take the import back: its added entries and items go, replaced ones come back."""
    staging = receipt.plan.staging
    conn = ctx.diary.conn
    with staging.attached(conn), ctx.diary.write():
        for kind in ENTRY_KINDS:
            staging.undo(conn, kind)
        for _, undo in reversed(receipt.steps):
            undo(conn)


def redo_import(ctx: Context, receipt: ImportReceipt) -> None:
    """Write the import again after an undo."""
    staging = receipt.plan.staging
    conn = ctx.diary.conn
    with staging.attached(conn), ctx.diary.write():
        for do, _ in receipt.steps:
            do(conn)
        for kind in ENTRY_KINDS:
            staging.redo(conn, kind)


def _apply_item(conn: Connection, item: Item, update: bool, receipt: ImportReceipt) -> None:
    if item.old is not None and not (item.changed and update):
        receipt.summary._put(item.kind, 0, 0, 1)
        return
    kind, key, new, old = item.kind, item.key, item.new, item.old
    retired = key in receipt.plan.retired_foods

    def do(c: Connection) -> None:
        _write(c, kind, key, new, old, retired)

    def undo(c: Connection) -> None:
        if old is None:
            _remove(c, kind, key)
        else:
            _write(c, kind, key, old, new, retired)

    do(conn)
    receipt.steps.append((do, undo))
    receipt.summary._put(kind, int(old is None), int(old is not None), 0)


def _write(conn: Connection, kind: str, key: Any, value: Any, previous: Any,
           retired: bool = False) -> None:
    """Store ``value`` as the item ``key`` of ``kind``; ``previous`` is what the diary holds
    (None when it holds nothing); ``retired`` marks a custom food's earlier version."""
    if kind == "profile":
        profile_repo.put_profile(conn, value)
    elif kind == "targets":
        profile_repo.put_target_override(conn, key, value)
    elif kind == "custom_foods":
        if previous is None:
            custom_repo.insert(conn, value, dt.datetime.now().replace(microsecond=0), retired)
        else:
            custom_repo.replace(conn, value)
    elif kind == "products":
        supplement_repo.put_product(conn, value)
    else:
        entry_repo.put_factors(conn, value)


def _remove(conn: Connection, kind: str, key: Any) -> None:
    if kind == "profile":
        profile_repo.delete_profile(conn)
    elif kind == "targets":
        profile_repo.put_target_override(conn, key, None)
    elif kind == "custom_foods":
        food_versions.delete_version(conn, food_versions.CUSTOM, key)
    elif kind == "products":
        supplement_repo.delete_product(conn, key)
    else:
        entry_repo.delete_factors(conn, key)


def _versioned_bases(conn: Connection, plan: ImportPlan
                     ) -> tuple[set[tuple[str, str]], dict[tuple[str, str], bool]]:
    """The versioned foods (table, base id) the bundle holds versions of, and whether each
    stored version of them is retired now."""
    bases = {(food_versions.CUSTOM, base_id(f.id)) for _, f in plan.custom_foods}
    if plan.own is not None:
        bases |= {(food_versions.RECIPE, base_id(r.id)) for r in plan.own.recipes}
    flags = {(table, food_id): retired for table, base in bases
             for food_id, retired in food_versions.retired_flags(conn, table, base).items()}
    return bases, flags


def _apply_own_foods(conn: Connection, plan: ImportPlan, receipt: ImportReceipt) -> None:
    """Recipes, saved meals and foods from other apps the diary lacks; then each versioned
    food's newest version becomes its current one."""
    own, imported = plan.own, plan.imported
    bases, flags = _versioned_bases(conn, plan)
    added: dict[str, list[str]] = {}
    for kind, ids, present in added_only(conn, plan):
        added[kind] = [i for i in ids if i not in present]
        if kind != "experiments":
            receipt.summary._put(kind, len(added[kind]), 0, len(ids) - len(added[kind]))
    now = dt.datetime.now().replace(microsecond=0)

    def do(c: Connection) -> None:
        if own is not None:
            bundle_recipes.apply(c, own, lambda _kind, _new: None)
        for food in imported.foods:
            imported_repo.insert(c, food, imported.food_sources[food.id], now)
        for table, base in bases:
            food_versions.settle_current(c, table, base)

    def undo(c: Connection) -> None:
        for meal_id in added["meals"]:
            meal_repo.delete(c, meal_id)
        for recipe_id in added["recipes"]:
            food_versions.delete_version(c, food_versions.RECIPE, recipe_id)
        for food_id in added["imported_foods"]:
            imported_repo.delete(c, food_id)
        for (table, food_id), retired in flags.items():
            food_versions.set_retired(c, table, food_id, retired)

    do(conn)
    receipt.steps.append((do, undo))


def _apply_sources(conn: Connection, plan: ImportPlan, receipt: ImportReceipt) -> None:
    """Where entries imported from other apps came from, for those not marked yet."""
    known = entry_sources.all_sources(conn)
    marks = [(i, s) for i, s in plan.imported.entry_sources.items() if i not in known]
    if not marks:
        return
    entry_sources.mark(conn, marks)
    receipt.steps.append((lambda c: entry_sources.mark(c, marks),
                          lambda c: entry_sources.forget(c, [i for i, _ in marks])))


def _apply_experiments(conn: Connection, plan: ImportPlan, receipt: ImportReceipt) -> None:
    if not plan.experiments:
        return
    before = {t.id: t for t in experiment_repo.all_trials(conn)}
    added = experiment_bundle.apply(conn, plan.experiments, plan.today)
    receipt.summary._put("experiments", sum(added), 0, len(added) - sum(added))
    after = {t.id: t for t in experiment_repo.all_trials(conn)}

    def undo(c: Connection) -> None:
        for trial_id in after.keys() - before.keys():
            experiment_repo.delete(c, trial_id)
        for trial_id, old in before.items():
            if after[trial_id].status != old.status:
                experiment_repo.set_status(c, trial_id, old.status, old.stopped_on)

    def do(c: Connection) -> None:
        for trial_id, trial in after.items():
            if trial_id not in before:
                experiment_repo.insert(c, trial)
            elif trial.status != before[trial_id].status:
                experiment_repo.set_status(c, trial_id, trial.status, trial.stopped_on)

    receipt.steps.append((do, undo))
