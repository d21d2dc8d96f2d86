"""The read-only food reference database: SR28 foods, their full-text index, search.

It lives in a cache directory, apart from the user's diary, and is rebuilt
from ``food_db``'s data whenever that data or this schema changes. Looking foods
up by id is here; the search's ranking code (``search``) loads on the first
search, so the day view, which only looks foods up, paints without it.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import shutil
import sqlite3
import tempfile
import threading
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from food_db import loader
from tracker.domain.foods import Food, FoodHit, Portion
from tracker.domain.nutrients import NUTRIENTS
from tracker.storage.batches import in_batches
from tracker.storage.food_reference.schema import schema_signature

if TYPE_CHECKING:
    from tracker.storage.food_reference.search import FoodSearch

_FOOD_CACHE = 50_000
_FILE_PREFIX = "food_reference-"
_FOOD_COLUMNS = "id, name, grp, common, survey, beverage, portions, " + ", ".join(
    n.key for n in NUTRIENTS
)


def _food_from_row(row: Sequence[object]) -> Food:
    portions = tuple(Portion(a, d, g) for a, d, g in json.loads(str(row[6])))
    common = tuple(str(row[3]).split("\n")) if row[3] else ()
    values = row[7:]
    return Food(
        id=str(row[0]), name=str(row[1]), group=str(row[2]),
        nutrients={n.key: (None if v is None else float(v))  # type: ignore[arg-type]
                   for n, v in zip(NUTRIENTS, values, strict=True)},
        portions=portions, common_names=common, survey=bool(row[4]), beverage=bool(row[5]),
    )


class StaleReferenceError(Exception):
    """The database file was built from other data or by another schema."""


class FoodReference:
    """Search and look up reference foods; one read-only SQLite connection."""

    def __init__(self, conn: sqlite3.Connection, path: Path) -> None:
        self._conn = conn
        self.path = path
        self._searching: FoodSearch | None = None  # made on the first search
        self._absent: set[str] = set()
        self._foods: dict[str, Food] = {}
        self._temporary: Path | None = None
        # The GUI searches from a worker thread; one lock keeps the caches and
        # the shared connection consistent.
        self._lock = threading.Lock()

    @classmethod
    def open(cls, cache_dir: Path, data_file: Path | None = None) -> FoodReference:
        """Open the reference database in ``cache_dir``, building it first if missing or stale."""
        data_file = data_file or loader.DATA_FILE
        digest = hashlib.sha256(
            (loader.fingerprint(data_file) + schema_signature()).encode()
        ).hexdigest()
        path = Path(cache_dir) / f"{_FILE_PREFIX}{digest[:16]}.sqlite3"
        if path.exists():
            try:
                return cls.open_file(path, digest)
            except (sqlite3.DatabaseError, StaleReferenceError):
                pass
        from tracker.storage.food_reference.build import build

        try:
            build(path, loader.iter_foods(data_file), digest)
        except OSError:
            # A cache folder we cannot write must not stop the app: build a
            # private copy for this run instead.
            private = Path(tempfile.mkdtemp(prefix="nutrient-tracker-foods-"))
            build(private / path.name, loader.iter_foods(data_file), digest)
            reference = cls.open_file(private / path.name, digest)
            reference._temporary = private
            return reference
        _remove_older(path)
        return cls.open_file(path, digest)

    @classmethod
    def open_file(cls, path: Path, fingerprint: str | None = None) -> FoodReference:
        """Open a built database read-only; ``fingerprint``, if given, must match its own."""
        # Read-only, so sharing it with a search worker thread is safe.
        conn = sqlite3.connect(
            f"{path.resolve().as_uri()}?mode=ro", uri=True, check_same_thread=False
        )
        try:
            meta = dict(conn.execute("SELECT key, value FROM meta").fetchall())
            if fingerprint is not None and meta.get("fingerprint") != fingerprint:
                raise StaleReferenceError(path)
            if meta.get("schema") != schema_signature():
                raise StaleReferenceError(path)
        except BaseException:
            conn.close()
            raise
        return cls(conn, path)

    def close(self) -> None:
        self._conn.close()
        if self._temporary is not None:
            shutil.rmtree(self._temporary, ignore_errors=True)

    def __enter__(self) -> FoodReference:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def count(self) -> int:
        return int(self._conn.execute("SELECT count(*) FROM food").fetchone()[0])

    def get(self, food_id: str) -> Food | None:
        return self.get_many([food_id]).get(food_id)

    def get_many(self, ids: Iterable[str]) -> dict[str, Food]:
        """The known foods among ``ids``; unknown ids are simply absent.

        Foods once read are kept (the data never changes while open), so
        totals recomputed over the same entries do not read them again.
        """
        wanted = list(dict.fromkeys(ids))
        with self._lock:
            missing = [i for i in wanted if i not in self._foods and i not in self._absent]
            for chunk, marks in in_batches(missing):
                for row in self._conn.execute(
                        f"SELECT {_FOOD_COLUMNS} FROM food WHERE id IN ({marks})", chunk):
                    food = _food_from_row(row)
                    self._foods[food.id] = food
            if len(self._foods) > _FOOD_CACHE:
                self._foods = {i: self._foods[i] for i in wanted if i in self._foods}
            self._absent.update(i for i in missing if i not in self._foods)
            return {i: self._foods[i] for i in wanted if i in self._foods}

    def search(
        self, query: str, limit: int = 20, boosts: Mapping[str, float] | None = None
    ) -> list[FoodHit]:
        """Foods matching ``query`` as typed so far, best first.

        ``boosts`` maps food ids the user eats often or lately to a weight in
        0..1 that lifts them when they match.
        """
        from tracker.storage.food_reference.search import FoodSearch

        with self._lock:
            if self._searching is None:
                self._searching = FoodSearch(self._conn)
            return self._searching.search(query, limit, boosts or {})


def _remove_older(current: Path) -> None:
    """Delete reference databases built from older data; one in use elsewhere may stay."""
    for old in current.parent.glob(f"{_FILE_PREFIX}*.sqlite3"):
        if old != current:
            with contextlib.suppress(OSError):
                old.unlink()
