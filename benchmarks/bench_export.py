"""Time exporting ten years of generated diary (folder and .zip); the budget is five seconds.

The diary is generated through storage bulk inserts (benchmarks/generate.py).
The first export also loads pandas, fpdf2 and the food reference, as the first
export after starting the app does; later runs show the steady cost. The
import of the exported bundle into an empty diary is timed too, for scale.

Run: .venv/bin/python benchmarks/bench_export.py
"""

from __future__ import annotations

import datetime as dt
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.generate import fill
from tracker import config
from tracker.services.context import Context
from tracker.services.transfer.export import export_bundle
from tracker.services.transfer.importer import import_bundle
from tracker.storage.diary import Diary

BUDGET_SECONDS = 5.0
YEARS = 10
RUNS = 3
LAST = dt.date(2026, 11, 25)


def main() -> int:
    with tempfile.TemporaryDirectory() as scratch:
        work = Path(scratch)
        ctx = Context(Diary.open(work / "diary.sqlite3"), config.cache_dir())
        started = time.perf_counter()
        count = fill(ctx, YEARS, LAST)
        print(f"generated {count} entries over {YEARS} years in "
              f"{time.perf_counter() - started:.1f} s")
        first = LAST - dt.timedelta(days=round(YEARS * 365.25) - 1)
        times = []
        for run in range(RUNS):
            start, cpu = time.perf_counter(), time.process_time()
            result = export_bundle(ctx, first, LAST, work / f"export-{run}")
            times.append(time.perf_counter() - start)
            # CPU time too: on a busy machine the wall time mostly measures the others.
            print(f"export to folder, run {run + 1}: {times[-1]:.2f} s wall, "
                  f"{time.process_time() - cpu:.2f} s CPU")
        start = time.perf_counter()
        export_bundle(ctx, first, LAST, work / "export.zip")
        zipped = time.perf_counter() - start
        print(f"export to .zip: {zipped:.2f} s")
        rows = ", ".join(f"{name} {n}" for name, n in result.counts.items() if n)
        print(f"rows: {rows}")
        with Context(Diary.open(work / "imported.sqlite3"), config.cache_dir()) as other:
            start = time.perf_counter()
            summary = import_bundle(other, work / "export-0")
            print(f"import into an empty diary: {time.perf_counter() - start:.2f} s "
                  f"({summary.total_added} new)")
        ctx.close()
    worst = max(max(times), zipped)
    print(f"export median {statistics.median(times):.2f} s, worst {worst:.2f} s, "
          f"budget {BUDGET_SECONDS:.0f} s")
    return 0 if worst < BUDGET_SECONDS else 1


if __name__ == "__main__":
    raise SystemExit(main())
