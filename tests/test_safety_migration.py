"""Upgrading a diary made with the first schema keeps every row, and a kill mid-way is harmless."""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import random
import signal
import sqlite3
import time
from pathlib import Path
from typing import Any

import pytest

from tests import safety_worker
from tests.fixtures.make_v1_diary import FIXTURE
from tracker.domain.errors import UserError
from tracker.services import diary
from tracker.services.context import Context, open_diary
from tracker.storage.safety.backups import check_diary, list_backups
from tracker.storage.safety.health import expected_schema, open_read_only
from tracker.storage.schema import SCHEMA_VERSION

Rows = dict[str, list[tuple[Any, ...]]]


def _rows(path: Path, columns_of: dict[str, list[str]] | None = None) -> Rows:
    """Every row of every table in rowid order; only ``columns_of``'s tables and columns if
    given (a later migration may add tables, which start empty)."""
    conn = open_read_only(path)
    try:
        tables = [r[0] for r in conn.execute(
            "SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name")
            if columns_of is None or r[0] in columns_of]
        found: Rows = {}
        for table in tables:
            cols = (columns_of or {}).get(table) or [
                r[1] for r in conn.execute(f"PRAGMA table_info({table})")]
            found[table] = conn.execute(
                f"SELECT {', '.join(cols)} FROM {table} ORDER BY rowid").fetchall()
        return found
    finally:
        conn.close()


def _columns(path: Path) -> dict[str, list[str]]:
    conn = open_read_only(path)
    try:
        tables = [r[0] for r in conn.execute(
            "SELECT name FROM sqlite_schema WHERE type = 'table'")]
        return {t: [r[1] for r in conn.execute(f"PRAGMA table_info({t})")] for t in tables}
    finally:
        conn.close()


def _version(path: Path) -> int:
    conn = open_read_only(path)
    try:
        return int(conn.execute("PRAGMA user_version").fetchone()[0])
    finally:
        conn.close()


@pytest.fixture
def v1_copy(tmp_path: Path) -> Path:
    target = tmp_path / "diary.sqlite3"
    target.write_bytes(FIXTURE.read_bytes())  # the fixture is a closed, journal-less file
    return target


def test_fixture_is_a_first_version_diary() -> None:
    assert _version(FIXTURE) == 1
    conn = open_read_only(FIXTURE)
    try:
        actual = {(k, n, " ".join((s or "").split())) for k, n, s in conn.execute(
            "SELECT type, name, sql FROM sqlite_schema WHERE name NOT LIKE 'sqlite_%'")}
    finally:
        conn.close()
    assert actual == expected_schema(1)
    assert all(_rows(FIXTURE).values()), "every table of the fixture should hold rows"


def test_upgrade_keeps_every_row_and_backs_up_first(v1_copy: Path) -> None:
    before = _rows(FIXTURE)
    old_columns = _columns(FIXTURE)
    with open_diary(v1_copy) as opened:
        assert opened.schema_version() == SCHEMA_VERSION
    after = _rows(v1_copy, old_columns)
    assert {table: after[table] for table in before} == before
    assert all(not after[table] for table in after.keys() - before.keys())  # new tables
    notes = [r[0] for r in open_read_only(v1_copy).execute("SELECT notes FROM day_factors")]
    assert notes == [""] * len(before["day_factors"])
    assert check_diary(v1_copy).ok
    [backup] = list_backups(v1_copy)
    assert backup.reason == "before-migration"
    assert _version(backup.path) == 1
    assert _rows(backup.path) == before


def test_upgraded_diary_reads_through_the_services(v1_copy: Path, tmp_path: Path) -> None:
    ctx = Context(open_diary(v1_copy), tmp_path / "cache")
    try:
        first_day = safety_worker.FIRST_DAY.replace(month=3)
        day = diary.day(ctx, first_day)
        assert day.factors is not None and day.factors.notes == ""
        assert len(day.water) == len(day.caffeine) == len(day.episodes) == 1
        assert day.episodes[0].notes == "woke me up — עברית"
    finally:
        ctx.close()


def test_failed_backup_stops_the_migration(v1_copy: Path) -> None:
    (v1_copy.parent / "backups").write_text("a file where the backups folder should be")
    before = _rows(v1_copy)
    with pytest.raises(UserError, match="backup"):
        open_diary(v1_copy)
    assert _version(v1_copy) == 1
    assert _rows(v1_copy) == before


def _assert_whole(path: Path, before: Rows, old_columns: dict[str, list[str]]) -> int:
    version = _version(path)
    assert version in (1, SCHEMA_VERSION)
    conn = open_read_only(path)
    try:
        actual = {(k, n, " ".join((s or "").split())) for k, n, s in conn.execute(
            "SELECT type, name, sql FROM sqlite_schema WHERE name NOT LIKE 'sqlite_%'")}
    finally:
        conn.close()
    assert actual == expected_schema(version), "schema between versions"
    after = _rows(path, old_columns)
    assert {table: after[table] for table in before} == before
    assert all(not after[table] for table in after.keys() - before.keys())  # new tables
    assert check_diary(path).ok
    return version


def test_kill_at_every_statement_of_the_migration(tmp_path: Path) -> None:
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(["tests.safety_worker"])
    before, old_columns = _rows(FIXTURE), _columns(FIXTURE)
    statements: list[str] = []
    versions = set()
    stop_at = 1
    while True:
        path = tmp_path / f"stop{stop_at}" / "diary.sqlite3"
        path.parent.mkdir()
        path.write_bytes(FIXTURE.read_bytes())
        reader, writer = context.Pipe(duplex=False)
        child = context.Process(target=safety_worker.migrate_until_statement,
                                args=(str(path), stop_at, writer))
        child.start()
        writer.close()
        child.join()
        seen = []
        while reader.poll():
            try:
                seen.append(reader.recv_bytes().decode())
            except EOFError:
                break
        versions.add(_assert_whole(path, before, old_columns))
        if child.exitcode == 0:  # ran past the last statement
            break
        assert child.exitcode == -signal.SIGKILL
        statements = seen
        stop_at += 1
    assert "COMMIT" in statements, "the sweep never reached the commit"
    assert versions == {1, SCHEMA_VERSION}


def test_kill_at_random_moments_during_migration(tmp_path: Path) -> None:
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(["tests.safety_worker"])
    before, old_columns = _rows(FIXTURE), _columns(FIXTURE)
    rng = random.Random(7)
    for attempt in range(20):
        path = tmp_path / f"kill{attempt}" / "diary.sqlite3"
        path.parent.mkdir()
        path.write_bytes(FIXTURE.read_bytes())
        reader, writer = context.Pipe(duplex=False)
        child = context.Process(target=safety_worker.open_diary, args=(str(path), writer))
        child.start()
        writer.close()
        reader.poll(5)
        time.sleep(rng.uniform(0, 0.02))
        assert child.pid is not None
        with contextlib.suppress(ProcessLookupError):  # it may have finished already
            os.kill(child.pid, signal.SIGKILL)
        child.join()
        _assert_whole(path, before, old_columns)
        with open_diary(path) as reopened:  # and the next start finishes the job
            assert reopened.schema_version() == SCHEMA_VERSION
        after = _rows(path, old_columns)
        assert {table: after[table] for table in before} == before


def test_migration_statement_error_rolls_back(v1_copy: Path,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    from tracker.storage import migrations

    broken = (*migrations.MIGRATIONS[:1], ("ALTER TABLE day_factors ADD COLUMN x TEXT",
                                           "THIS IS NOT SQL"))
    monkeypatch.setattr(migrations, "MIGRATIONS", broken)
    conn = sqlite3.connect(v1_copy, isolation_level=None)
    try:
        with pytest.raises(sqlite3.OperationalError):
            migrations.upgrade(conn, None, target=2)
        assert not conn.in_transaction
    finally:
        conn.close()
    assert _version(v1_copy) == 1
    assert "x" not in _columns(v1_copy)["day_factors"]
