"""What every use case works on: the open diary and the food reference data."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from tracker import config
from tracker.storage.connection import DiaryOpenError
from tracker.storage.diary import Diary
from tracker.storage.verified_marks import VerifiedMarks

if TYPE_CHECKING:
    import sqlite3

    from tracker.storage.food_reference.database import FoodReference

__all__ = ["Context", "DiaryOpenError", "open_context", "open_diary", "open_if_exists"]


@dataclass
class Context:
    diary: Diary
    cache_dir: Path
    _foods: FoodReference | None = field(default=None, repr=False)

    @property
    def foods(self) -> FoodReference:
        """The read-only food reference, opened on first use (built once into the cache)."""
        if self._foods is None:
            from tracker.storage.food_reference.database import FoodReference

            self._foods = FoodReference.open(self.cache_dir)
        return self._foods

    def close(self) -> None:
        if self._foods is not None:
            self._foods.close()
            self._foods = None
        self.diary.close()

    def __enter__(self) -> Context:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _backup_before_migration(conn: sqlite3.Connection, diary_path: Path) -> None:
    # The backup code loads only for an upgrade, which is rare; every start opens a diary.
    from tracker.storage.safety.backups import backup_before_migration

    backup_before_migration(conn, diary_path)


def open_diary(db_path: Path, *, create: bool = True,
               marks: VerifiedMarks | None = None) -> Diary:
    """Open the diary the way the app does: an upgrade is preceded by a checked backup."""
    return Diary.open(db_path, create=create, before_migration=_backup_before_migration,
                      marks=marks)


def open_context(db_path: Path | None = None, cache_dir: Path | None = None, *,
                 create: bool = True, check_later: bool = False) -> Context:
    """Open the diary at ``db_path`` (default: the user's diary) with the food reference;
    a file that cannot be a diary raises ``DiaryOpenError``.

    ``check_later`` (the window) opens a diary this app checked and closed
    cleanly without checking it again first; the caller then runs
    ``services.diary_check.check_open_diary`` once the window is up.
    """
    cache = cache_dir or config.cache_dir()
    marks = VerifiedMarks(cache / "verified") if check_later else None
    diary = open_diary(db_path or config.default_db_path(), create=create, marks=marks)
    return Context(diary, cache)


def open_if_exists(db_path: Path, cache_dir: Path | None = None) -> Context:
    """The diary at ``db_path``, or an empty one in memory when there is none yet, so that
    checking files against it creates no file."""
    if db_path.exists():
        return open_context(db_path, cache_dir)
    return Context(Diary.in_memory(), cache_dir or config.cache_dir())
