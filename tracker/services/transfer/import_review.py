"""Comparing a checked bundle with the diary: what is new, what changed, what is the same.

An item whose id (or date, for day notes) the diary already holds but whose
content differs is an edit made in the exported files; it is shown by file and
line with the values that differ, and applied only when the person asks.
"""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from tracker.services.context import Context
from tracker.services.transfer.bundle_csv import number
from tracker.services.transfer.import_plan import (
    ENTRY_KINDS,
    FILES,
    LABELS,
    Change,
    ImportPlan,
    Review,
)
from tracker.storage import entries as entry_repo
from tracker.storage import experiments as experiment_repo
from tracker.storage import profile as profile_repo
from tracker.storage.own_foods import custom_foods as custom_repo
from tracker.storage.own_foods import meals as meal_repo
from tracker.storage.own_foods import recipes as recipe_repo
from tracker.storage.own_foods import supplements as supplement_repo
from tracker.storage.transfer import imported_foods as imported_repo
from tracker.storage.transfer.import_staging import StagedChange, Tally

if TYPE_CHECKING:
    from sqlite3 import Connection

MAX_SHOWN = 5


@dataclasses.dataclass(frozen=True)
class Item:
    """One small item of the bundle: its kind, line, key, the bundle's value and the diary's
    (None when the diary lacks it)."""

    kind: str
    line: int
    key: Any
    new: Any
    old: Any

    @property
    def changed(self) -> bool:
        return self.old is not None and not same(self.old, self.new)


def same(old: Any, new: Any) -> bool:
    """Equal, with floats equal to 15 significant digits (a spreadsheet's precision)."""
    if isinstance(old, float | int) and isinstance(new, float | int) \
            and not isinstance(old, bool) and not isinstance(new, bool):
        return math.isclose(old, new, rel_tol=1e-9, abs_tol=0.0)
    if dataclasses.is_dataclass(old) and type(old) is type(new):
        return all(same(getattr(old, f.name), getattr(new, f.name))
                   for f in dataclasses.fields(old))
    if isinstance(old, dict) and isinstance(new, dict):
        return old.keys() == new.keys() and all(same(old[k], new[k]) for k in old)
    if isinstance(old, tuple | list) and isinstance(new, tuple | list):
        return len(old) == len(new) and all(same(a, b) for a, b in zip(old, new, strict=True))
    return bool(old == new)


def shown(value: Any) -> str:
    if value is None:
        return "(empty)"
    if isinstance(value, float | int) and not isinstance(value, bool):
        return number(value)
    if isinstance(value, str):
        return repr(value)
    return str(value)


def differences(old: Any, new: Any) -> str:
    """What differs between two versions of an item, as "field old → new, ..."."""
    if dataclasses.is_dataclass(old) and type(old) is type(new):
        pairs = [(f.name, getattr(old, f.name), getattr(new, f.name))
                 for f in dataclasses.fields(old)]
    elif isinstance(old, dict) and isinstance(new, dict):
        pairs = [(str(k), old.get(k), new.get(k)) for k in sorted({*old, *new}, key=str)]
    else:
        pairs = [("value", old, new)]
    parts = [f"{name} {_brief(a)} → {_brief(b)}" for name, a, b in pairs if not same(a, b)]
    return ", ".join(parts) or "changed"


def _brief(value: Any) -> str:
    if dataclasses.is_dataclass(value) or isinstance(value, dict | tuple | list):
        return "…"
    return shown(value)


def small_items(conn: Connection, plan: ImportPlan) -> list[Item]:
    """Profile, targets, own foods, products and day notes, each with the diary's version."""
    items: list[Item] = []
    if plan.profile is not None:
        line, person = plan.profile
        items.append(Item("profile", line, "profile", person, profile_repo.get_profile(conn)))
    overrides = profile_repo.target_overrides(conn)
    items += [Item("targets", line, key, value, overrides.get(key))
              for line, key, value in plan.targets]
    known = custom_repo.get_many(conn, [food.id for _, food in plan.custom_foods])
    items += [Item("custom_foods", line, food.id, food, _comparable(known.get(food.id)))
              for line, food in plan.custom_foods]
    items += [Item("products", line, p.id, p, supplement_repo.product_by_id(conn, p.id))
              for line, p in plan.products]
    items += [Item("factors", line, f.date, f, entry_repo.get_factors(conn, f.date))
              for line, f in plan.factors]
    return items


def _comparable(food: Any) -> Any:
    # A stored food knows it is not a survey food; the bundle's does not say.
    return None if food is None else dataclasses.replace(food, survey=False)


def review(ctx: Context, plan: ImportPlan) -> Review:
    """Tally every kind against the diary and collect the first changes, in file order."""
    conn = ctx.diary.conn
    out = Review()
    items = small_items(conn, plan)
    changes: list[Change] = []
    for kind in LABELS:
        if kind in ENTRY_KINDS:
            continue
        mine = [i for i in items if i.kind == kind]
        out.tallies[kind] = _tally(mine)
        changes += [Change(FILES[kind], i.line, differences(i.old, i.new))
                    for i in mine if i.changed][:MAX_SHOWN]
    for kind, ids, present in added_only(conn, plan):
        new = sum(1 for i in ids if i not in present)
        out.tallies[kind] = Tally(new, 0, len(ids) - new)
    with plan.staging.attached(conn):
        for kind in ENTRY_KINDS:
            out.tallies[kind] = plan.staging.tally(conn, kind)
            changes += [_entry_change(c) for c in plan.staging.changes(conn, kind, MAX_SHOWN)]
    order = {name: n for n, name in enumerate(FILES.values())}
    out.changes = sorted(changes, key=lambda c: (order[c.file], c.line))[:MAX_SHOWN]
    out.tallies = {kind: out.tallies[kind] for kind in LABELS if kind in out.tallies}
    return out


def added_only(conn: Connection, plan: ImportPlan) -> list[tuple[str, list[str], set[str]]]:
    """Kinds an import adds but never changes: (kind, the bundle's ids, those the diary
    holds). A self-experiment, recipe version, saved meal or food from another app keeps
    the version it was made with."""
    trials = [t.id for t in plan.experiments]
    recipes = [r.id for r in plan.own.recipes] if plan.own else []
    meals = [m.id for m in plan.own.meals] if plan.own else []
    imported = [f.id for f in plan.imported.foods]
    return [
        ("experiments", trials, {t.id for t in experiment_repo.all_trials(conn)}),
        ("recipes", recipes, set(recipe_repo.get_many(conn, recipes))),
        ("meals", meals, {i for i in meals if meal_repo.by_id(conn, i) is not None}),
        ("imported_foods", imported, set(imported_repo.get_many(conn, imported))),
    ]


def _tally(items: Iterable[Item]) -> Tally:
    new = changed = unchanged = 0
    for item in items:
        if item.old is None:
            new += 1
        elif item.changed:
            changed += 1
        else:
            unchanged += 1
    return Tally(new, changed, unchanged)


def _entry_change(change: StagedChange) -> Change:
    what = ", ".join(f"{column} {shown(old)} → {shown(new)}"
                     for column, old, new in change.differences)
    return Change(FILES[change.kind], change.line, what or "changed")
