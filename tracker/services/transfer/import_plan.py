"""What a checked bundle holds, ready to be compared with the diary and written.

The entry logs (possibly a million rows) wait in a staging file; the small
files (profile, targets, own foods, products, day notes, experiments) are kept
as objects with the line each came from, so a change can be shown by its line.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from tracker.domain.entries import DayFactors, Profile, SupplementProduct
from tracker.domain.experiments.trial import Trial
from tracker.domain.foods import Food
from tracker.services.transfer import bundle_format as fmt
from tracker.services.transfer import bundle_imported, bundle_recipes
from tracker.storage.transfer.import_staging import KINDS, Staging, Tally

LABELS: dict[str, str] = {
    "foods": "food entries", "water": "water entries", "caffeine": "caffeine entries",
    "doses": "supplement doses", "episodes": "episodes", "factors": "day notes",
    "products": "supplement products", "custom_foods": "custom foods",
    "targets": "personal targets", "profile": "profile", "experiments": "self-experiments",
    "recipes": "recipes", "meals": "saved meals", "imported_foods": "foods from other apps",
}
# The file each kind is read from, to name it beside a line number.
FILES: dict[str, str] = {
    "foods": fmt.FOOD_LOG.name, "water": fmt.WATER_LOG.name,
    "caffeine": fmt.CAFFEINE_LOG.name, "doses": fmt.SUPPLEMENT_LOG.name,
    "episodes": fmt.EPISODES.name, "factors": fmt.DAY_FACTORS.name,
    "products": fmt.SUPPLEMENTS.name, "custom_foods": fmt.CUSTOM_FOODS.name,
    "targets": fmt.TARGETS.name, "profile": fmt.PROFILE.name,
    "experiments": fmt.EXPERIMENTS.name, "recipes": fmt.RECIPES.name, "meals": fmt.MEALS.name,
    "imported_foods": fmt.IMPORTED_FOODS.name,
}
ENTRY_KINDS: tuple[str, ...] = tuple(KINDS)


@dataclass(frozen=True)
class Change:
    """One item of the bundle that differs from the diary: where, and what differs."""

    file: str
    line: int
    what: str

    def __str__(self) -> str:
        return f"{self.file} line {self.line}: {self.what}"


@dataclass
class Review:
    """The bundle against the diary: per kind, how many are new, changed and unchanged,
    and the first few changes in file order."""

    tallies: dict[str, Tally] = field(default_factory=dict)
    changes: list[Change] = field(default_factory=list)

    def total(self, which: str) -> int:
        return sum(getattr(t, which) for t in self.tallies.values())

    @property
    def new(self) -> int:
        return self.total("new")

    @property
    def changed(self) -> int:
        return self.total("changed")

    @property
    def unchanged(self) -> int:
        return self.total("unchanged")

    def headline(self) -> str:
        return f"{self.new} new, {self.changed} changed, {self.unchanged} unchanged"

    def describe(self) -> list[str]:
        return [f"{LABELS[kind]}: {t.new} new, {t.changed} changed, {t.unchanged} unchanged"
                for kind, t in self.tallies.items() if t.new or t.changed or t.unchanged]


@dataclass
class ImportPlan:
    """Everything a bundle holds, checked and ready to write.

    ``close()`` deletes the staging file; an undoable import keeps the plan (and
    so the file) for as long as its undo step lives.
    """

    source: Path
    staging: Staging
    profile: tuple[int, Profile] | None = None
    targets: list[tuple[int, str, float]] = field(default_factory=list)
    custom_foods: list[tuple[int, Food]] = field(default_factory=list)
    products: list[tuple[int, SupplementProduct]] = field(default_factory=list)
    factors: list[tuple[int, DayFactors]] = field(default_factory=list)
    experiments: list[Trial] = field(default_factory=list)
    own: bundle_recipes.RecipesAndMeals | None = None
    imported: bundle_imported.Imported = field(default_factory=bundle_imported.Imported)
    retired_foods: set[str] = field(default_factory=set)
    review: Review = field(default_factory=Review)
    today: dt.date = field(default_factory=dt.date.today)

    def counts(self) -> dict[str, int]:
        """How many of each kind the bundle holds, for a summary before importing."""
        found = {kind: self.staging.count(kind) for kind in ENTRY_KINDS}
        found.update(factors=len(self.factors), products=len(self.products),
                     custom_foods=len(self.custom_foods), targets=len(self.targets),
                     profile=int(self.profile is not None), experiments=len(self.experiments),
                     imported_foods=len(self.imported.foods))
        if self.own is not None:
            found.update(recipes=len(self.own.recipes), meals=len(self.own.meals))
        return {kind: n for kind, n in found.items() if n}

    def describe(self) -> list[str]:
        return [f"{LABELS[kind]}: {n}" for kind, n in self.counts().items()]

    def close(self) -> None:
        self.staging.close()

    def __enter__(self) -> ImportPlan:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
