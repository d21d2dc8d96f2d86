"""Time the full analysis over ten years; the budget is one second.

First on ten years of generated daily rows (the statistics alone), then end to
end on a generated ten-year diary file: reading every entry, the daily totals,
the relationship statistics and the chart data, as ``analyze`` and the charts do.

Run: .venv/bin/python benchmarks/bench_analysis.py
"""

from __future__ import annotations

import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests.synthetic import Effect, make_daily
from tracker.analysis.relationship import analyze_relationships
from tracker.analysis.weekly import daily_episodes, weekly_summary

BUDGET_SECONDS = 1.0
YEARS = 10
RUNS = 5


def timed(label: str, func: Callable[[], object]) -> float:
    """Median wall time of ``RUNS`` calls, printed with the label."""
    times = []
    for _ in range(RUNS):
        start = time.perf_counter()
        func()
        times.append(time.perf_counter() - start)
    median = statistics.median(times)
    print(f"{label:<34} median {median * 1000:8.1f} ms   max {max(times) * 1000:8.1f} ms")
    return median


def main() -> int:
    frame = make_daily(days=round(YEARS * 365.25), seed=1, logged_share=0.85,
                       effect=Effect("magnesium_pct", window=7, lag=1))
    print(f"{len(frame)} daily rows, {int(frame['logged'].sum())} logged, {RUNS} runs each")
    relationship = timed("relationship (6 × 3 × 3, bootstrap)",
                         lambda: analyze_relationships(frame))
    weekly = timed("weekly summary", lambda: weekly_summary(frame))
    heat = timed("daily episodes", lambda: daily_episodes(frame))
    total = relationship + weekly + heat
    print(f"{'full analysis':<34} median {total * 1000:8.1f} ms"
          f"   budget {BUDGET_SECONDS * 1000:.0f} ms")
    from_diary = _end_to_end()
    return 0 if max(total, from_diary) < BUDGET_SECONDS else 1


def _end_to_end() -> float:
    import os
    import tempfile

    from benchmarks.generate import generate
    from tracker.services import analysis
    from tracker.services.context import open_context

    with tempfile.TemporaryDirectory() as tmp:
        os.environ["XDG_CACHE_HOME"] = str(Path(tmp) / "cache")
        db_path = Path(tmp) / "diary.sqlite3"
        count = generate(db_path, YEARS)
        with open_context(db_path) as ctx:
            print(f"ten-year diary file: {count} entries")
            analysis.analyze(ctx)  # warm-up: loads pandas and the food values once
            analyze = timed("analyze, from the diary file", lambda: analysis.analyze(ctx))
            timed("chart data, from the diary file", lambda: analysis.chart_data(ctx))
    return analyze


if __name__ == "__main__":
    raise SystemExit(main())
