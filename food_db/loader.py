"""Read the derived food data (``food_db/data/foods.jsonl.gz``) as Food objects."""

from __future__ import annotations

import gzip
import hashlib
import json
from collections.abc import Iterator
from pathlib import Path

from tracker.domain.foods import Food, Portion
from tracker.domain.nutrients import BY_KEY

DATA_FILE = Path(__file__).resolve().parent / "data" / "foods.jsonl.gz"
# Bumped when the record layout changes, so old caches and readers notice.
FORMAT_VERSION = 1


def iter_foods(path: Path = DATA_FILE) -> Iterator[Food]:
    """Every food in the data file, in file order."""
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        header = json.loads(handle.readline())
        if header.get("format") != FORMAT_VERSION:
            raise ValueError(f"{path}: unsupported food data format {header.get('format')!r}")
        keys: list[str] = header["nutrients"]
        # A key the registry no longer has is dropped; one it gained stays unknown.
        known = [key in BY_KEY for key in keys]
        for line in handle:
            record = json.loads(line)
            values = zip(keys, record["nutrients"], known, strict=True)
            nutrients = {k: v for k, v, ok in values if ok}
            for key in BY_KEY:
                nutrients.setdefault(key, None)
            yield Food(
                id=record["id"],
                name=record["name"],
                group=record["group"],
                nutrients=nutrients,
                portions=tuple(Portion(a, d, g) for a, d, g in record["portions"]),
                common_names=tuple(record["common"]),
                survey=bool(record["survey"]),
                beverage=bool(record["beverage"]),
            )


def fingerprint(path: Path = DATA_FILE) -> str:
    """A digest of the data file, so caches built from older data are noticed."""
    return hashlib.sha256(path.read_bytes()).hexdigest()
