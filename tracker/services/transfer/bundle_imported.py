"""History from other apps in the bundle: imported foods, and where each entry came from.

imported_foods.csv holds the foods made from other apps' rows (each with its
own nutrients per 100 g); every log file's ``source`` column names the app
and file an entry was imported from, empty for entries logged here.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from tracker.domain import validation
from tracker.domain.foods import IMPORTED_PREFIX, Food
from tracker.domain.nutrients import NUTRIENTS
from tracker.services.transfer import bundle_format as fmt
from tracker.services.transfer.bundle_csv import Cell, Row
from tracker.services.transfer.import_cells import Cells
from tracker.services.transfer.import_parse import per_100g
from tracker.storage.transfer import entry_sources
from tracker.storage.transfer import imported_foods as imported_repo

if TYPE_CHECKING:
    import datetime as dt
    from sqlite3 import Connection

# The log files that carry a source column.
LOGS = (fmt.FOOD_LOG, fmt.WATER_LOG, fmt.CAFFEINE_LOG, fmt.SUPPLEMENT_LOG, fmt.EPISODES)


def food_rows(conn: Connection, foods: Sequence[Food]) -> list[Sequence[Cell]]:
    sources = imported_repo.sources(conn, [f.id for f in foods])
    return [(f.id, f.name, sources.get(f.id, ""), *(f.nutrients.get(n.key) for n in NUTRIENTS))
            for f in sorted(foods, key=lambda f: f.id)]


@dataclass
class Imported:
    """The bundle's imported foods (with their sources) and its entries' sources."""

    foods: list[Food] = field(default_factory=list)
    food_sources: dict[str, str] = field(default_factory=dict)
    entry_sources: dict[str, str] = field(default_factory=dict)

    def mark(self, file: str, rows: Sequence[Row], ids: Iterable[tuple[int, str]]) -> None:
        """Note the source column of ``file``'s rows for the entries parsed from them."""
        by_line = {row.line: Cells(file, row).text("source", "The source", 200)
                   for row in rows}
        self.entry_sources.update((entry_id, by_line[line]) for line, entry_id in ids
                                  if by_line.get(line))


def read(rows: Mapping[str, list[Row]]) -> Imported:
    found = Imported()
    seen: dict[str, int] = {}
    for row in rows.get(fmt.IMPORTED_FOODS.name, []):
        c = Cells(fmt.IMPORTED_FOODS.name, row)
        food_id = c.checked_id("id", c.required("id"))
        if not food_id.startswith(IMPORTED_PREFIX) or food_id in seen:
            raise c.fail(f"{food_id!r} is not a new imported food id (imported:...).", "id")
        seen[food_id] = c.line
        nutrients = per_100g(c)
        name = c.text("name", "The food name", validation.MAX_NAME, required=True)
        found.foods.append(Food(food_id, name, imported_repo.IMPORTED_GROUP, nutrients))
        found.food_sources[food_id] = c.text("source", "The source", 200, required=True)
    return found


def apply(conn: Connection, imported: Imported, now: dt.datetime,
          count: Callable[[str, bool], None]) -> None:
    """Inside the import's write: add the imported foods the diary lacks, mark sources."""
    for food in imported.foods:
        count("imported_foods", imported_repo.insert(conn, food, imported.food_sources[food.id],
                                                     now))
    entry_sources.mark(conn, imported.entry_sources.items())
