"""Build the read-only food reference database from Food objects.

Rows are numbered by static quality, best first, so the full-text index hands
back matches in quality order and a search can stop after a bounded number of
candidates however many foods match.
"""

from __future__ import annotations

import json
import os
import sqlite3
from collections.abc import Iterable
from pathlib import Path

from tracker.domain.food_aliases import aliases_for
from tracker.domain.food_ranking import encode_segments, index_columns, segments, static_quality
from tracker.domain.foods import Food
from tracker.domain.nutrients import NUTRIENTS
from tracker.storage.food_reference.schema import schema_signature

_BATCH = 5000


def _nutrient_columns() -> str:
    return ", ".join(f"{n.key} REAL" for n in NUTRIENTS)


def _create(conn: sqlite3.Connection) -> None:
    conn.executescript(
        f"""
        CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) STRICT;
        CREATE TABLE staging (
            id TEXT NOT NULL, name TEXT NOT NULL, grp TEXT NOT NULL, common TEXT NOT NULL,
            aliases TEXT NOT NULL,
            survey INTEGER NOT NULL, beverage INTEGER NOT NULL, quality REAL NOT NULL,
            terms TEXT NOT NULL, head TEXT NOT NULL, body TEXT NOT NULL, common_terms TEXT NOT NULL,
            portions TEXT NOT NULL, {_nutrient_columns()}
        );
        CREATE TABLE food (
            rowid INTEGER PRIMARY KEY,
            id TEXT NOT NULL UNIQUE, name TEXT NOT NULL, grp TEXT NOT NULL, common TEXT NOT NULL,
            aliases TEXT NOT NULL, survey INTEGER NOT NULL, beverage INTEGER NOT NULL,
            quality REAL NOT NULL,
            terms TEXT NOT NULL, portions TEXT NOT NULL, {_nutrient_columns()}
        ) STRICT;
        CREATE TABLE vocab (term TEXT PRIMARY KEY, foods INTEGER NOT NULL) STRICT, WITHOUT ROWID;
        CREATE VIRTUAL TABLE food_fts USING fts5(
            head, body, common, content='', detail='column', prefix='1 2 3',
            tokenize='unicode61 remove_diacritics 2'
        );
        """
    )


def _staging_row(food: Food) -> tuple[object, ...]:
    # Everyday and British names SR28 does not use are searched like its own
    # common names, but kept apart so the food is not shown as "also called tinned".
    aliases = aliases_for(food.name, food.common_names)
    head, body, common_terms = index_columns(food.name, (*food.common_names, *aliases))
    portions = json.dumps([[p.amount, p.description, p.grams] for p in food.portions])
    return (
        food.id, food.name, food.group, "\n".join(food.common_names), "\n".join(aliases),
        int(food.survey), int(food.beverage), static_quality(food),
        encode_segments(segments(food.name)), head, body, common_terms, portions,
        *(food.nutrients.get(n.key) for n in NUTRIENTS),
    )


def _fill(conn: sqlite3.Connection, foods: Iterable[Food]) -> None:
    marks = ", ".join("?" * (13 + len(NUTRIENTS)))
    insert = f"INSERT INTO staging VALUES ({marks})"
    batch: list[tuple[object, ...]] = []
    for food in foods:
        batch.append(_staging_row(food))
        if len(batch) >= _BATCH:
            conn.executemany(insert, batch)
            batch.clear()
    conn.executemany(insert, batch)
    keys = ", ".join(n.key for n in NUTRIENTS)
    shared = f"id, name, grp, common, aliases, survey, beverage, quality, terms, portions, {keys}"
    order = "ORDER BY quality DESC, length(name), id"
    conn.execute(f"INSERT INTO food ({shared}) SELECT {shared} FROM staging {order}")
    conn.execute(
        "INSERT INTO food_fts (rowid, head, body, common) "
        "SELECT f.rowid, s.head, s.body, s.common_terms FROM staging s "
        "JOIN food f ON f.id = s.id ORDER BY f.rowid"
    )
    conn.execute(
        "INSERT INTO vocab SELECT term, doc FROM "
        "(SELECT term, doc FROM food_fts_vocab)"
    )
    conn.execute("DROP TABLE staging")


def build(path: Path, foods: Iterable[Food], fingerprint: str) -> None:
    """Write a complete reference database at ``path``, replacing any old one atomically.

    The database is written next to ``path`` under a temporary name and renamed
    into place only once complete, so a crash never leaves a half-built file.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    temp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    temp.unlink(missing_ok=True)
    conn = sqlite3.connect(temp, isolation_level=None)
    try:
        conn.execute("PRAGMA journal_mode = OFF")
        conn.execute("PRAGMA synchronous = OFF")
        _create(conn)
        conn.execute("BEGIN")
        conn.execute(
            "CREATE VIRTUAL TABLE temp.food_fts_vocab USING fts5vocab(main, food_fts, row)"
        )
        _fill(conn, foods)
        conn.execute("INSERT INTO food_fts (food_fts) VALUES ('optimize')")
        conn.executemany(
            "INSERT INTO meta VALUES (?, ?)",
            [("fingerprint", fingerprint), ("schema", schema_signature())],
        )
        conn.execute("COMMIT")
        conn.execute("VACUUM")
    except BaseException:
        conn.close()
        temp.unlink(missing_ok=True)
        raise
    conn.close()
    os.replace(temp, path)
