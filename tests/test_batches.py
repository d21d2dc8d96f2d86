"""Long id lists are read in pieces SQLite's parameter limit allows."""

from __future__ import annotations

import sqlite3

from tracker.storage.batches import in_batches


def test_a_long_list_comes_in_pieces_of_at_most_500_with_their_placeholders() -> None:
    keys = [f"id{n}" for n in range(1001)]
    pieces = list(in_batches(keys))
    assert [len(chunk) for chunk, _ in pieces] == [500, 500, 1]
    assert [marks.count("?") for _, marks in pieces] == [500, 500, 1]
    assert pieces[2] == (["id1000"], "?")
    assert [key for chunk, _ in pieces for key in chunk] == keys
    assert list(in_batches([])) == []


def test_every_piece_runs_in_sqlite() -> None:
    conn = sqlite3.connect(":memory:")
    conn.execute("CREATE TABLE t (id INTEGER)")
    conn.executemany("INSERT INTO t VALUES (?)", [(n,) for n in range(2000)])
    wanted = list(range(0, 4000, 2))  # 2,000 ids, half of them present
    found = [row[0] for chunk, marks in in_batches(wanted)
             for row in conn.execute(f"SELECT id FROM t WHERE id IN ({marks})", chunk)]
    assert sorted(found) == list(range(0, 2000, 2))
