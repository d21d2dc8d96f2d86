"""Child-process bodies for the crash tests: write through the services until killed.

Kept apart from the test modules so a forkserver can preload it once and fork
each writer in milliseconds.
"""

from __future__ import annotations

import datetime as dt
import random
import sqlite3
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

from tracker.domain.entries import CaffeineEntry, Episode, WaterEntry
from tracker.services import context, diary
from tracker.services.context import Context
from tracker.services.safety import backup
from tracker.storage.diary import Diary

FIRST_DAY = dt.date(2026, 1, 1)


def _random_entry(rng: random.Random) -> WaterEntry | CaffeineEntry | Episode:
    day = FIRST_DAY + dt.timedelta(days=rng.randrange(90))
    time = dt.time(rng.randrange(24), rng.randrange(60))
    pick = rng.random()
    if pick < 0.5:
        return WaterEntry(day, time, float(rng.randrange(50, 1000, 50)))
    if pick < 0.8:
        return CaffeineEntry(day, time, float(rng.randrange(10, 300)), "coffee ☕")
    return Episode(day, time, "twitch", "calf", rng.randrange(1, 11), "left", None, "مساء")


def write_until_killed(db_path: str, cache_dir: str, acks: Connection, seed: int) -> None:
    """Add (sometimes twice) and delete entries, acknowledging each only after it committed.

    Acks are ``+id`` for a stored entry, ``?id`` for a delete about to start and
    ``-id`` for a finished one; each is one
    small pipe write, which is atomic, so the parent never reads half an ack.
    """
    rng = random.Random(seed)
    ctx = Context(Diary.open(db_path), Path(cache_dir))
    mine: list[WaterEntry | CaffeineEntry | Episode] = []
    while True:
        if rng.random() < 0.04:  # a kill during a backup must not leave a half one listed
            backup.backup_now(ctx)
            continue
        if mine and rng.random() < 0.15:
            gone = mine.pop(rng.randrange(len(mine)))
            # Announced first: killed mid-delete, the entry may rightly be gone or not.
            acks.send_bytes(f"?{gone.id}".encode())
            diary.delete_entry(ctx, gone)
            acks.send_bytes(f"-{gone.id}".encode())
            continue
        entry = _random_entry(rng)
        diary.add_entry(ctx, entry)
        if rng.random() < 0.2:  # pressing Save twice
            diary.add_entry(ctx, entry)
        mine.append(entry)
        acks.send_bytes(f"+{entry.id}".encode())


def migrate_until_statement(db_path: str, stop_at: int | None, seen: Connection) -> None:
    """Open (and so migrate) the diary, killing this process as SQL statement ``stop_at``
    of the migration starts; each statement's text is reported first."""
    import os
    import signal

    from tracker.storage import migrations

    real_upgrade = migrations.upgrade
    count = 0

    def traced_upgrade(conn: sqlite3.Connection, path: Path | None, *args: Any,
                       **kwargs: Any) -> int:
        def on_statement(sql: str) -> None:
            nonlocal count
            count += 1
            seen.send_bytes(sql.encode())
            if count == stop_at:
                os.kill(os.getpid(), signal.SIGKILL)

        conn.set_trace_callback(on_statement)
        try:
            return real_upgrade(conn, path, *args, **kwargs)
        finally:
            conn.set_trace_callback(None)

    migrations.upgrade = traced_upgrade
    context.open_diary(Path(db_path)).close()


def open_diary(db_path: str, started: Connection) -> None:
    """Open (and so migrate) the diary; the parent kills it at a random moment."""
    started.send_bytes(b"go")
    context.open_diary(Path(db_path)).close()
