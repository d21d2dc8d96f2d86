"""What an import from another app holds, said before anything is written, then written at once.

Readers (``cronometer``, ``bearable``) turn a file into a ``ForeignPlan``:
checked entries with ids derived from their source rows, so importing the
same file again finds them present. ``preview`` lists what would be added,
the dates it covers and what is left out; ``apply_plan`` writes it all in one
transaction, marking every entry with where it came from.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from tracker.domain.entries import DayFactors, Entry, SupplementProduct
from tracker.domain.foods import Food
from tracker.services.context import Context
from tracker.storage import entries as entry_repo
from tracker.storage.own_foods import supplements as supplement_repo
from tracker.storage.transfer import entry_sources
from tracker.storage.transfer import imported_foods as imported_repo

if TYPE_CHECKING:
    from sqlite3 import Connection

KINDS: dict[str, str] = {
    "foods": "food entries", "doses": "supplement doses", "water": "water entries",
    "caffeine": "caffeine entries", "episodes": "episodes", "factors": "days with sleep or notes",
    "products": "new supplement products",
}


@dataclass
class ForeignPlan:
    """Everything read from another app's files, checked and ready to write."""

    app: str  # "Cronometer" or "Bearable"
    files: tuple[str, ...]
    source: str  # what every imported entry is marked with in exports
    foods: list[Food] = field(default_factory=list)
    entries: dict[str, list[Entry]] = field(default_factory=dict)
    factors: list[DayFactors] = field(default_factory=list)
    products: list[SupplementProduct] = field(default_factory=list)
    skipped: Counter[str] = field(default_factory=Counter)
    symptoms: Counter[str] = field(default_factory=Counter)  # Bearable symptom names seen
    supplement_rows: Counter[str] = field(default_factory=Counter)  # Cronometer names to map
    notes: list[str] = field(default_factory=list)

    def add(self, kind: str, entry: Entry) -> None:
        self.entries.setdefault(kind, []).append(entry)

    def counts(self) -> dict[str, int]:
        found = {kind: len(items) for kind, items in self.entries.items() if items}
        if self.factors:
            found["factors"] = len(self.factors)
        if self.products:
            found["products"] = len(self.products)
        return {kind: found[kind] for kind in KINDS if kind in found}

    def dates(self) -> tuple[dt.date, dt.date] | None:
        days = [e.date for items in self.entries.values() for e in items]
        days += [f.date for f in self.factors]
        return (min(days), max(days)) if days else None

    def preview(self) -> list[str]:
        """What importing would add, the dates it covers and what it leaves out."""
        span = self.dates()
        lines = [f"{self.app} export ({', '.join(self.files)})"
                 + (f", {span[0].isoformat()} to {span[1].isoformat()}"
                    f" ({(span[1] - span[0]).days + 1} days)" if span else ", nothing dated")]
        lines += [f"  {KINDS[kind]}: {n}" for kind, n in self.counts().items()]
        if not self.counts():
            lines.append("  nothing this app keeps")
        lines += [f"  left out: {n} {what}" for what, n in sorted(self.skipped.items())]
        lines += [f"  {note}" for note in self.notes]
        return lines


@dataclass
class ForeignSummary:
    """What an import added, and what the diary already held; enough to take it back."""

    added: Counter[str] = field(default_factory=Counter)
    present: Counter[str] = field(default_factory=Counter)
    new_entries: list[Entry] = field(default_factory=list)
    new_foods: list[str] = field(default_factory=list)
    new_products: list[str] = field(default_factory=list)
    old_factors: list[DayFactors] = field(default_factory=list)

    @property
    def total_added(self) -> int:
        return sum(self.added.values())

    @property
    def total_present(self) -> int:
        return sum(self.present.values())

    def describe(self) -> list[str]:
        kinds = [k for k in KINDS if k in self.added or k in self.present]
        return [f"{KINDS[k]}: {self.added[k]} new, {self.present[k]} already present"
                for k in kinds]


def apply_plan(ctx: Context, plan: ForeignPlan) -> ForeignSummary:
    """Write ``plan`` in one transaction; entries already in the diary are kept as they are."""
    summary = ForeignSummary()
    now = dt.datetime.now().astimezone().replace(microsecond=0)
    with ctx.diary.write() as conn:
        for product in plan.products:
            new = supplement_repo.product_by_id(conn, product.id) is None
            if new:
                supplement_repo.put_product(conn, product)
                summary.new_products.append(product.id)
            (summary.added if new else summary.present)["products"] += 1
        for food in plan.foods:
            if imported_repo.insert(conn, food, plan.source, now):
                summary.new_foods.append(food.id)
        marks = []
        for kind, entries in plan.entries.items():
            for entry in entries:
                new = entry_repo.insert(conn, entry)
                (summary.added if new else summary.present)[kind] += 1
                if new:
                    summary.new_entries.append(entry)
                    marks.append((entry.id, plan.source))
        entry_sources.mark(conn, marks)
        for factors in plan.factors:
            before = entry_repo.get_factors(conn, factors.date) or DayFactors(factors.date)
            new = _merge_factors(conn, factors)
            if new:
                summary.old_factors.append(before)
            (summary.added if new else summary.present)["factors"] += 1
    return summary


def revert_import(ctx: Context, summary: ForeignSummary) -> None:
    """Take back what ``apply_plan`` added (the undo of an import), in one transaction."""
    with ctx.diary.write() as conn:
        for entry in summary.new_entries:
            entry_repo.delete(conn, type(entry), entry.id)
        entry_sources.forget(conn, [e.id for e in summary.new_entries])
        for food_id in summary.new_foods:
            imported_repo.delete(conn, food_id)
        for product_id in summary.new_products:
            supplement_repo.delete_product(conn, product_id)
        for factors in summary.old_factors:
            entry_repo.put_factors(conn, factors)


def _merge_factors(conn: Connection, factors: DayFactors) -> bool:
    """Give the day the imported sleep and notes where it has none; True if it changed."""
    current = entry_repo.get_factors(conn, factors.date)
    if current is None:
        entry_repo.put_factors(conn, factors)
        return True
    sleep = current.sleep_hours if current.sleep_hours is not None else factors.sleep_hours
    notes = current.notes or factors.notes
    if (sleep, notes) == (current.sleep_hours, current.notes):
        return False
    entry_repo.put_factors(conn, DayFactors(current.date, sleep, current.stress,
                                            current.exercise_min, current.complete, notes))
    return True
