"""Editing and deleting the person's own foods (custom foods and recipes), keeping the past.

An edit stores a new version and leaves the old one for the entries logged
with it, so no past day changes by itself. The person may ask, in the same
step, for the entries from a date on to use the new version: an entry
given in a portion ("1 serving") is then weighed by the new portion, one
given in grams keeps its grams. ``revert_edit`` undoes all of it at once.

Deleting is refused while anything uses the food, with what uses it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from tracker.domain.errors import UserError
from tracker.domain.foods import (
    CUSTOM_PREFIX,
    Food,
    Portion,
    base_id,
    version_of,
    versioned_id,
)
from tracker.domain.validation import MAX_ENTRY_GRAMS
from tracker.services.context import Context
from tracker.services.foods.catalog import CUSTOM_GROUP, custom_food, get_food, get_foods
from tracker.storage.own_foods import custom_foods as custom_repo
from tracker.storage.own_foods import food_versions
from tracker.storage.own_foods.food_versions import Connection, Repointed

MASS_UNITS = ("g", "oz")
# Stores a new version inside the edit's write.
Store = Callable[[Connection], None]


@dataclass(frozen=True)
class FoodEdit:
    """One saved edit: the new version, the version it replaced, the entries moved to it."""

    food: Food
    previous_id: str
    moved: tuple[Repointed, ...] = ()


def _table(food_id: str) -> str:
    return food_versions.CUSTOM if food_id.startswith(CUSTOM_PREFIX) else food_versions.RECIPE


def next_id(conn: Connection, food_id: str) -> str:
    """The id the next version of ``food_id``'s food gets."""
    base = base_id(food_id)
    return versioned_id(base, food_versions.latest_version(conn, _table(food_id), base) + 1)


def weighed_again(grams: float, amount: float, unit: str, portions: Sequence[Portion]) -> float:
    """The weight of ``amount`` ``unit`` by ``portions``; ``grams`` when the unit is a
    weight or not one of them."""
    if unit in MASS_UNITS:
        return grams
    for portion in portions:
        if portion.description == unit:
            return amount / portion.amount * portion.grams
    return grams


def _weigh_by(food: Food) -> Callable[[float, float, str], float]:
    def weigh(grams: float, amount: float, unit: str) -> float:
        new_grams = weighed_again(grams, amount, unit, food.portions)
        if new_grams > MAX_ENTRY_GRAMS:
            raise UserError(f"With the new portion an entry of {amount:g} {unit} would weigh "
                            f"{new_grams:,.0f} g, more than one entry can hold; nothing was "
                            "changed.", "update_from")
        return new_grams
    return weigh


def save_version(conn: Connection, previous_id: str, new: Food, store: Store,
                 update_from: dt.date | None) -> FoodEdit:
    """Inside a write: store ``new`` (by ``store``), retire ``previous_id``, and move the
    entries from ``update_from`` on (if given) to ``new``."""
    store(conn)
    food_versions.set_retired(conn, _table(new.id), previous_id, True)
    moved = [] if update_from is None else food_versions.move_entries(
        conn, base_id(new.id), new.id, update_from, _weigh_by(new))
    return FoodEdit(new, previous_id, tuple(moved))


def revert_edit(ctx: Context, edit: FoodEdit) -> None:
    """Undo ``edit``: entries back to their versions, the new version gone, the old current."""
    table = _table(edit.food.id)
    with ctx.diary.write() as conn:
        food_versions.move_back(conn, list(edit.moved))
        if food_versions.uses_exactly(conn, edit.food.id):
            raise UserError("Entries logged since use the edited version; delete them first.")
        food_versions.delete_version(conn, table, edit.food.id)
        food_versions.set_retired(conn, table, edit.previous_id, False)


def reapply_edit(ctx: Context, edit: FoodEdit, store: Store) -> None:
    """Redo ``edit`` as first saved (same version id, the same entries moved)."""
    with ctx.diary.write() as conn:
        store(conn)
        food_versions.set_retired(conn, _table(edit.food.id), edit.previous_id, True)
        food_versions.move_again(conn, list(edit.moved), edit.food.id, _weigh_by(edit.food))


def edit_custom_food(ctx: Context, food_id: str, name: str, serving_grams: float,
                     nutrients: Mapping[str, float], per: str = "serving",
                     portions: Sequence[Portion] = (), *, group: str = CUSTOM_GROUP,
                     beverage: bool = False, update_from: dt.date | None = None) -> FoodEdit:
    """Save a new version of a custom food; with ``update_from``, entries from that date
    on use it too. Past entries otherwise keep the version they were logged with."""
    current = get_food(ctx, base_id(food_id))
    if not current.is_custom:
        raise UserError(f"{current.name} is not one of your own foods; only those can be "
                        "edited.", "food")
    with ctx.diary.write() as conn:
        new = custom_food(next_id(conn, current.id), name, serving_grams, nutrients, per,
                          portions, group=group, beverage=beverage)
        return save_version(conn, current.id, new, _store_custom(new), update_from)


def _store_custom(food: Food) -> Store:
    return lambda conn: custom_repo.insert(conn, food, dt.datetime.now().astimezone())


def reapply_custom_edit(ctx: Context, edit: FoodEdit) -> None:
    reapply_edit(ctx, edit, _store_custom(edit.food))


def refuse_if_used(conn: Connection, base: str, name: str) -> None:
    """A UserError naming what uses the food ``base``, if anything does."""
    found = food_versions.uses(conn, base)
    if not found.any:
        return
    parts = []
    if found.entries:
        parts.append(f"{found.entries} diary entr{'y' if found.entries == 1 else 'ies'}")
    if found.recipes:
        parts.append(f"the recipe{'s' if len(found.recipes) > 1 else ''} "
                     + ", ".join(found.recipes))
    if found.meals:
        parts.append(f"the saved meal{'s' if len(found.meals) > 1 else ''} "
                     + ", ".join(found.meals))
    raise UserError(f"{name} is used by {' and '.join(parts)}, so it cannot be deleted. "
                    "Delete or change those first; nothing was deleted.", "food")


def delete_custom_food(ctx: Context, food_id: str) -> list[Food]:
    """Delete a custom food (every version) that nothing uses; returns what was deleted,
    so an undo can put it back."""
    current = get_food(ctx, base_id(food_id))
    if not current.is_custom:
        raise UserError(f"{current.name} is not one of your own foods; only those can be "
                        "deleted.", "food")
    base = base_id(current.id)
    with ctx.diary.write() as conn:
        refuse_if_used(conn, base, current.name)
        ids = [i for i in custom_repo.all_ids(conn) if base_id(i) == base]
        versions = sorted(get_foods(ctx, ids).values(), key=lambda f: version_of(f.id))
        food_versions.delete_all(conn, food_versions.CUSTOM, base)
    return versions


def restore_custom_food(ctx: Context, versions: Sequence[Food]) -> None:
    """Put back a deleted custom food (the undo of ``delete_custom_food``)."""
    latest = max(version_of(f.id) for f in versions)
    now = dt.datetime.now().astimezone()
    with ctx.diary.write() as conn:
        for food in versions:
            custom_repo.insert(conn, food, now, retired=version_of(food.id) != latest)
