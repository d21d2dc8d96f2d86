"""Import a million water rows, and a 50 MB food log, into an empty diary: seconds and peak
memory (RSS) of each, measured in a fresh process.

Budgets: peak memory under 300 MB for either, and no slower than the import was
before it streamed its rows (34 s and 23 s on the 2-core machine these figures
come from). The files are written as an export writes them (ids, derived
nutrient columns), the food log from 250 SR28 foods.

Run: .venv/bin/python benchmarks/bench_import.py
"""

from __future__ import annotations

import datetime as dt
import json
import random
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tracker import config
from tracker.domain.foods import Food
from tracker.services.context import Context
from tracker.services.transfer import bundle_format as fmt
from tracker.services.transfer.bundle_csv import render_cells
from tracker.services.transfer.export_tables import food_rows
from tracker.storage.diary import Diary

WATER_ROWS = 1_000_000
FOOD_LOG_BYTES = 50 * 1024 * 1024
BUDGET_MB = 300
BUDGET_SECONDS = {"water": 34.0, "food": 23.0}
FIRST = dt.date(1990, 1, 1)
# A drink every hour: at six a day a million rows would run past 2200, the last year a
# diary holds, and the import would rightly refuse them.
WATER_PER_DAY = 24

_CHILD = """
import json, resource, sys, time
from pathlib import Path
from tracker.services.context import Context
from tracker.services.transfer.importer import import_bundle
from tracker.storage.diary import Diary
start, cpu = time.perf_counter(), time.process_time()
with Context(Diary.open(Path(sys.argv[2])), Path(sys.argv[3])) as ctx:
    summary = import_bundle(ctx, sys.argv[1])
print(json.dumps({"seconds": time.perf_counter() - start, "cpu": time.process_time() - cpu,
                  "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
                  "added": summary.total_added}))
"""


def _day(n: int, per_day: int = 6) -> str:
    return (FIRST + dt.timedelta(days=n // per_day)).isoformat()


def write_water(folder: Path, rows: int) -> None:
    folder.mkdir()
    rng = random.Random(1)
    with (folder / fmt.WATER_LOG.name).open("w", encoding="utf-8-sig", newline="") as out:
        out.write(",".join(fmt.WATER_LOG.columns) + "\r\n")
        for n in range(rows):
            out.write(f"{_day(n, WATER_PER_DAY)},{n % WATER_PER_DAY:02d}:{rng.randrange(60):02d},"
                      f"{rng.choice((250, 330, 500, 125.5))},{uuid.UUID(int=n + 1).hex}\r\n")


def write_food_log(folder: Path, size: int, foods: dict[str, Food]) -> int:
    """A food log of at least ``size`` bytes, written in chunks as the export renders it."""
    folder.mkdir()
    rng = random.Random(2)
    ids = sorted(foods)
    path = folder / fmt.FOOD_LOG.name
    written = rows = 0
    with path.open("wb") as out:
        while written < size:
            chunk = []
            for n in range(rows, rows + 10_000):
                grams = round(rng.uniform(20, 400), 1)
                chunk.append((_day(n), f"{7 + n % 6 * 2:02d}:{rng.choice((0, 15, 30, 45)):02d}",
                              uuid.UUID(int=n + 1).hex, rng.choice(ids), grams, grams, "g"))
            data = render_cells(fmt.FOOD_LOG.columns, food_rows(chunk, foods))
            if rows:  # one header, one byte-order mark
                data = data.split(b"\r\n", 1)[1]
            out.write(data)
            written += len(data)
            rows += len(chunk)
    return rows


def _import(bundle: Path, work: Path, name: str) -> dict[str, float]:
    done = subprocess.run([sys.executable, "-P", "-c", _CHILD, str(bundle),
                           str(work / f"{name}.sqlite3"), str(config.cache_dir())],
                          capture_output=True, text=True, check=False)
    if done.returncode:
        raise SystemExit(done.stderr)
    return json.loads(done.stdout)  # type: ignore[no-any-return]


def main() -> int:
    with tempfile.TemporaryDirectory() as scratch:
        work = Path(scratch)
        with Context(Diary.in_memory(), config.cache_dir()) as ctx:
            reference = ctx.foods  # built once here, not inside a timed import
            picked = random.Random(3).sample(sorted(reference.get_many(
                [f"sr28:{n:05d}" for n in range(1001, 30000)])), 250)
            foods = reference.get_many(picked)
        started = time.perf_counter()
        write_water(work / "water", WATER_ROWS)
        food_rows_written = write_food_log(work / "food", FOOD_LOG_BYTES, foods)
        size = (work / "food" / fmt.FOOD_LOG.name).stat().st_size / 1024 / 1024
        print(f"wrote {WATER_ROWS:,} water rows and a {size:.0f} MB food log "
              f"({food_rows_written:,} rows) in {time.perf_counter() - started:.0f} s")
        ok = True
        for name in ("water", "food"):
            found = _import(work / name, work, name)
            within = found["peak_mb"] < BUDGET_MB and found["seconds"] <= BUDGET_SECONDS[name]
            ok = ok and within
            print(f"import {name}: {found['seconds']:.1f} s wall ({found['cpu']:.1f} s CPU), "
                  f"peak RSS {found['peak_mb']:.0f} MB, {found['added']:,} new "
                  f"(budget {BUDGET_SECONDS[name]:.0f} s, {BUDGET_MB} MB)"
                  f"{'' if within else '  OVER BUDGET'}")
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
