"""SIGKILL at random moments never loses an acknowledged entry nor stores one twice."""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import random
import signal
import sqlite3
import time
from collections import Counter
from pathlib import Path

from tests import safety_worker
from tracker.storage.diary import Diary
from tracker.storage.safety.backups import check_diary, list_backups

KILLS = 200
ENTRY_TABLES = ("water_entry", "caffeine_entry", "episode")


def _stored_ids(path: Path) -> Counter[str]:
    with Diary.open(path) as opened:
        conn = opened.conn
        return Counter(row[0] for table in ENTRY_TABLES
                       for row in conn.execute(f"SELECT id FROM {table}"))


def test_kill_while_writing_keeps_every_acknowledged_entry(tmp_path: Path) -> None:
    db = tmp_path / "diary.sqlite3"
    Diary.open(db).close()
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(["tests.safety_worker"])
    rng = random.Random(20261125)
    added: set[str] = set()
    deleted: set[str] = set()
    deleting: set[str] = set()
    acked_writes = 0
    for round_no in range(KILLS):
        reader, writer = context.Pipe(duplex=False)
        child = context.Process(target=safety_worker.write_until_killed,
                                args=(str(db), str(tmp_path / "cache"), writer, round_no))
        child.start()
        writer.close()
        # Half the kills land while the child is still opening (WAL recovery, checks).
        if rng.random() < 0.5:
            reader.poll(5)
        time.sleep(rng.uniform(0, 0.04))
        assert child.pid is not None
        with contextlib.suppress(ProcessLookupError):  # it may have finished already
            os.kill(child.pid, signal.SIGKILL)
        child.join()
        assert child.exitcode == -signal.SIGKILL, "the writer stopped by itself"
        while reader.poll():
            try:
                message = reader.recv_bytes().decode()
            except EOFError:
                break
            kind, entry_id = message[0], message[1:]
            acked_writes += kind != "?"
            {"+": added, "?": deleting, "-": deleted}[kind].add(entry_id)
        reader.close()
    stored = _stored_ids(db)
    assert acked_writes > KILLS, "too few writes were acknowledged to test anything"
    assert not [i for i, n in stored.items() if n > 1], "an entry was stored twice"
    missing = added - deleting - set(stored)
    assert not missing, f"{len(missing)} acknowledged entries were lost"
    assert not deleted & set(stored), "an acknowledged delete came back"
    health = check_diary(db)
    assert health.ok, health.problems
    made = list_backups(db)
    assert made, "no backup was made between the kills"
    assert all(check_diary(info.path).ok for info in made)
    with sqlite3.connect(db) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
