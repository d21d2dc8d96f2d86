"""Fixtures shared by every test layer: a fresh diary and the food reference cache."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from tracker.services.context import Context
from tracker.storage.diary import Diary

REPO_ROOT = Path(__file__).resolve().parent.parent
SR28_DIR = REPO_ROOT.parent / "shared" / "usda-sr28"
# The raw files the builder and the hand computations read (NUT_DATA may be gzipped).
SR28_FILES = ("FOOD_DES.txt", "FD_GROUP.txt", "WEIGHT.txt", "NUT_DATA.txt.gz")


@pytest.fixture(autouse=True)
def _private_user_dirs(tmp_path_factory: pytest.TempPathFactory,
                       monkeypatch: pytest.MonkeyPatch) -> None:
    """Keep tests away from the real user's diary, settings and cache."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("XDG_DATA_HOME", str(home / "data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / "config"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(home / "cache"))
    monkeypatch.setenv("XDG_STATE_HOME", str(home / "state"))
    monkeypatch.delenv("NUTRIENT_TRACKER_DB", raising=False)


@pytest.fixture(scope="session")
def sr28_dir() -> Path:
    """The raw USDA SR28 release, which CI always places beside the checkout.

    A test that needs it fails (never skips) without it, so a CI run that lost the
    data is noticed instead of passing with the builder untested.
    """
    missing = [name for name in SR28_FILES if not (SR28_DIR / name).is_file()]
    if missing:
        pytest.fail(f"raw USDA SR28 files missing ({', '.join(missing)}): they belong in "
                    f"{SR28_DIR}, i.e. ../shared/usda-sr28 beside the checkout", pytrace=False)
    return SR28_DIR


@pytest.fixture(scope="session")
def food_cache_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One food reference database for the whole run; building it takes a moment."""
    return tmp_path_factory.mktemp("food-cache")


@pytest.fixture
def diary_path(tmp_path: Path) -> Path:
    return tmp_path / "diary.sqlite3"


@pytest.fixture
def ctx(diary_path: Path, food_cache_dir: Path) -> Iterator[Context]:
    context = Context(Diary.open(diary_path), food_cache_dir)
    yield context
    context.close()
