"""Time the data-safety work a person waits for: opening with quick_check, a backup,
the full check, and a restore, on three and ten years of generated diary.

Opening (quick_check included) happens at every start, the backup at start once a
day and on quit, so those two must stay well under a second.

Run: .venv/bin/python benchmarks/bench_safety.py
"""

from __future__ import annotations

import datetime as dt
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.generate import fill
from tracker import config
from tracker.services.context import Context
from tracker.services.safety import backup
from tracker.storage.diary import Diary

LAST = dt.date(2026, 11, 25)
RUNS = 5
BUDGET_SECONDS = 1.0


def _median(action: Callable[[], object]) -> float:
    times = []
    for _ in range(RUNS):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def measure(years: int) -> tuple[int, float, dict[str, float]]:
    """Entries, megabytes on disk and median seconds per action for ``years`` of diary."""
    with tempfile.TemporaryDirectory() as scratch:
        path = Path(scratch) / "diary.sqlite3"
        ctx = Context(Diary.open(path), config.cache_dir())
        count = fill(ctx, years, LAST)
        size_mb = sum(f.stat().st_size for f in path.parent.glob(path.name + "*")) / 1e6
        # A copy outside the backups folder, so rotation cannot remove it mid-run;
        # a finished backup is a closed single file, so copying its bytes is safe.
        source = Path(scratch) / "restore-source.sqlite3"
        source.write_bytes(backup.backup_now(ctx).path.read_bytes())
        figures = {
            "open + quick_check": _median(lambda: Diary.open(path).close()),
            "backup (copy + integrity_check)": _median(lambda: backup.backup_now(ctx)),
            "check (integrity + foreign keys + schema)": _median(lambda: backup.check(path)),
            "restore (keeps current first)": _median(lambda: backup.restore(path, source)),
        }
        ctx.close()
    return count, size_mb, figures


def main() -> int:
    slow = []
    for years in (3, 10):
        count, size_mb, figures = measure(years)
        print(f"{years} years, {count} entries, {size_mb:.1f} MB:")
        for name, seconds in figures.items():
            print(f"  {name:<44} {seconds * 1000:8.1f} ms")
            if name.startswith(("open", "backup")) and seconds > BUDGET_SECONDS:
                slow.append(f"{years} years: {name}")
    if slow:
        print("over budget:", ", ".join(slow))
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
