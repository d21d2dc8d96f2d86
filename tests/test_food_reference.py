"""The food reference cache: built once, rebuilt when stale, read-only, apart from the diary."""

from __future__ import annotations

import gzip
import hashlib
import sqlite3
import time
from pathlib import Path

import pytest

from food_db import loader
from tracker.storage.diary import Diary
from tracker.storage.food_reference import database, search
from tracker.storage.food_reference.database import FoodReference


def _small_data(tmp_path: Path, count: int) -> Path:
    """A data file holding the first ``count`` foods of the real one."""
    with gzip.open(loader.DATA_FILE, "rt", encoding="utf-8") as handle:
        lines = [handle.readline() for _ in range(count + 1)]
    path = tmp_path / f"foods-{count}.jsonl.gz"
    path.write_bytes(gzip.compress("".join(lines).encode()))
    return path


def _reference_files(cache: Path) -> list[Path]:
    return sorted(cache.glob("food_reference-*.sqlite3"))


def test_builds_once_then_reuses(tmp_path: Path) -> None:
    data = _small_data(tmp_path, 50)
    cache = tmp_path / "cache"
    with FoodReference.open(cache, data) as ref:
        assert ref.count() == 50
    [built] = _reference_files(cache)
    stamp = built.stat().st_mtime_ns
    with FoodReference.open(cache, data) as ref:
        assert ref.path == built
    assert built.stat().st_mtime_ns == stamp


def test_changed_data_rebuilds_and_drops_the_old_file(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    with FoodReference.open(cache, _small_data(tmp_path, 20)) as ref:
        old = ref.path
    with FoodReference.open(cache, _small_data(tmp_path, 30)) as ref:
        assert ref.count() == 30
        assert ref.path != old
    assert _reference_files(cache) == [ref.path]
    assert not list(cache.glob("*.tmp"))


def test_damaged_cache_is_rebuilt(tmp_path: Path) -> None:
    data = _small_data(tmp_path, 10)
    cache = tmp_path / "cache"
    with FoodReference.open(cache, data) as ref:
        path = ref.path
    path.write_bytes(b"not a database at all" * 100)
    with FoodReference.open(cache, data) as ref:
        assert ref.count() == 10


def test_reference_is_read_only(food_cache_dir: Path) -> None:
    with FoodReference.open(food_cache_dir) as ref, pytest.raises(sqlite3.OperationalError):
        ref._conn.execute("DELETE FROM food")


def test_building_never_touches_a_diary(tmp_path: Path) -> None:
    diary_path = tmp_path / "diary.sqlite3"
    Diary.open(diary_path).close()
    before = hashlib.sha256(diary_path.read_bytes()).hexdigest()
    with FoodReference.open(tmp_path, _small_data(tmp_path, 10)):
        pass
    assert hashlib.sha256(diary_path.read_bytes()).hexdigest() == before


def test_opening_a_built_cache_is_quick(food_cache_dir: Path) -> None:
    FoodReference.open(food_cache_dir).close()
    start = time.perf_counter()
    ref = FoodReference.open(food_cache_dir)
    elapsed = time.perf_counter() - start
    ref.close()
    assert elapsed < 0.05, f"opening took {elapsed * 1000:.1f} ms"


def test_get_and_get_many(food_cache_dir: Path) -> None:
    with FoodReference.open(food_cache_dir) as ref:
        spinach = ref.get("sr28:11457")
        assert spinach is not None and spinach.name == "Spinach, raw"
        assert spinach.nutrients["magnesium"] == 79
        assert [p.grams for p in spinach.portions if p.description == "cup"] == [30]
        assert ref.get("sr28:00000") is None
        assert ref.get("not an id") is None
        every = [food.id for food in loader.iter_foods()]
        found = ref.get_many(every + ["sr28:00000"])
        assert set(found) == set(every)
        assert found["sr28:11457"] == spinach


def test_reference_food_equals_loaded_food(food_cache_dir: Path) -> None:
    with FoodReference.open(food_cache_dir) as ref:
        for food in loader.iter_foods():
            if food.id in ("sr28:16613", "sr28:01077", "sr28:14209"):
                assert ref.get(food.id) == food


def test_small_caches_give_the_same_answers(food_cache_dir: Path,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    queries = ["milk", "chicken", "spinich", "a", "cheese"]
    boosts = {"sr28:01106": 1.0, "sr28:43373": 0.5}
    ids = ["sr28:11457", "sr28:01077", "sr28:09040", "sr28:00000"]
    with FoodReference.open(food_cache_dir) as ref:
        expected = [ref.search(q, 20, boosts) for q in queries], ref.get_many(ids)
    monkeypatch.setattr(search, "_ROW_CACHE", 5)
    monkeypatch.setattr(database, "_FOOD_CACHE", 2)
    with FoodReference.open(food_cache_dir) as ref:
        for _ in range(2):
            assert ([ref.search(q, 20, boosts) for q in queries], ref.get_many(ids)) == expected


def test_unwritable_cache_folder_falls_back_to_a_private_copy(tmp_path: Path) -> None:
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("a file where the cache folder should be")
    with FoodReference.open(blocked, _small_data(tmp_path, 5)) as ref:
        assert ref.count() == 5
        assert blocked not in ref.path.parents
        private = ref.path.parent
    assert not private.exists()
    assert blocked.read_text() == "a file where the cache folder should be"
