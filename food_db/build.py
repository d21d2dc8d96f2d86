"""Build the app's food data from raw USDA SR28: ``python -m food_db.build SR28_DIR``.

Writes ``food_db/data/foods.jsonl.gz``: a header line naming the nutrient
keys in column order, then one JSON line per food. Only this derived file is
committed; the raw SR28 files stay outside the repository.
"""

from __future__ import annotations

import argparse
import gzip
import json
from collections import defaultdict
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from food_db.beverage import is_beverage
from food_db.loader import DATA_FILE, FORMAT_VERSION
from food_db.sr28 import find, records
from tracker.domain.nutrients import IU_PER_UG_VITAMIN_D, NUTRIENTS, VITAMIN_D_IU_SR28

# Enough digits for every SR28 value (at most three decimals) and for IU / 40.
_DIGITS = 6


def _number(text: str | None) -> float | None:
    return None if text is None else float(text)


def _nutrient_values(sr28_dir: Path) -> dict[str, dict[str, float]]:
    wanted = {n.sr28 for n in NUTRIENTS} | {VITAMIN_D_IU_SR28}
    values: dict[str, dict[str, float]] = defaultdict(dict)
    for row in records(find(sr28_dir, "NUT_DATA.txt"), fields=3):
        ndb, number, amount = row[0], row[1], _number(row[2])
        if ndb and number in wanted and amount is not None:
            values[ndb][number] = amount
    return values


def _per_100g(by_number: dict[str, float]) -> list[float | None]:
    result: list[float | None] = []
    for n in NUTRIENTS:
        value = by_number.get(n.sr28)
        if value is None and n.key == "vitamin_d" and VITAMIN_D_IU_SR28 in by_number:
            value = by_number[VITAMIN_D_IU_SR28] / IU_PER_UG_VITAMIN_D
        result.append(None if value is None else round(value, _DIGITS))
    return result


def _portions(sr28_dir: Path) -> dict[str, list[tuple[int, list[Any]]]]:
    portions: dict[str, list[tuple[int, list[Any]]]] = defaultdict(list)
    for row in records(find(sr28_dir, "WEIGHT.txt")):
        ndb, seq, amount, description, grams = row[:5]
        if ndb and description and amount and grams and float(grams) > 0:
            portions[ndb].append((int(seq or 0), [float(amount), description, float(grams)]))
    return portions


def build_records(sr28_dir: Path) -> Iterator[dict[str, Any]]:
    """Each SR28 food as the JSON-ready record the loader reads, in NDB order."""
    groups = {row[0]: row[1] for row in records(find(sr28_dir, "FD_GROUP.txt"))}
    values = _nutrient_values(sr28_dir)
    portions = _portions(sr28_dir)
    foods = sorted(records(find(sr28_dir, "FOOD_DES.txt")), key=lambda row: str(row[0]))
    for row in foods:
        ndb, group_code, name = str(row[0]), row[1], str(row[2])
        group = groups.get(group_code, "") or ""
        common = [part.strip() for part in (row[4] or "").split(",") if part.strip()]
        yield {
            "id": f"sr28:{ndb.zfill(5)}",
            "name": name,
            "group": group,
            "common": common,
            "survey": row[6] == "Y",
            "beverage": is_beverage(name, group),
            "nutrients": _per_100g(values.get(ndb, {})),
            "portions": [p for _, p in sorted(portions.get(ndb, []), key=lambda sp: sp[0])],
        }


def serialise(food_records: Iterable[dict[str, Any]]) -> bytes:
    """The uncompressed file content: header line, then one line per food."""
    header = {"format": FORMAT_VERSION, "nutrients": [n.key for n in NUTRIENTS]}
    lines = [json.dumps(header, ensure_ascii=False, separators=(",", ":"))]
    lines += [json.dumps(r, ensure_ascii=False, separators=(",", ":")) for r in food_records]
    return ("\n".join(lines) + "\n").encode("utf-8")


def write(sr28_dir: Path, out_file: Path) -> int:
    """Build from ``sr28_dir`` into ``out_file``; returns the number of foods."""
    food_records = list(build_records(sr28_dir))
    out_file.parent.mkdir(parents=True, exist_ok=True)
    # mtime=0 and no file name in the header so a rebuild gives identical bytes.
    with open(out_file, "wb") as raw, gzip.GzipFile("", "wb", 9, raw, mtime=0) as handle:
        handle.write(serialise(food_records))
    return len(food_records)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("sr28_dir", type=Path, help="directory holding the raw SR28 files")
    parser.add_argument("--out", type=Path, default=DATA_FILE, help="output file")
    args = parser.parse_args(argv)
    count = write(args.sr28_dir, args.out)
    print(f"wrote {count} foods to {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
