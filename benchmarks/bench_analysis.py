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

from tests.simulated_diaries import Driver, Scenario, simulate
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
    # All eleven factors logged, so every one of them is in the model.
    frame = simulate(round(YEARS * 365.25), 1, Scenario((Driver("magnesium", 2.0),))).frame
    print(f"{len(frame)} daily rows, {int(frame['logged'].sum())} logged, {RUNS} runs each")
    analyze_relationships(frame)  # warm-up: loads statsmodels and scipy once
    relationship = timed("relationship (11 exposures, model)",
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
        _new_process(db_path)
    return analyze


def _new_process(db_path: Path) -> None:
    """``analyze --json`` as a fresh command: Python start, imports and all (not budgeted:
    starting the interpreter and loading pandas, scipy and statsmodels cost most of it)."""
    import subprocess

    command = [sys.executable, "-P", "-m", "tracker", "--db", str(db_path), "analyze",
               "--json"]
    times = []
    for _ in range(3):
        start = time.perf_counter()
        subprocess.run(command, check=True, capture_output=True)
        times.append(time.perf_counter() - start)
    print(f"{'analyze --json, new process':<34} median {statistics.median(times) * 1000:8.1f} ms"
          "   (Python start and imports included; not budgeted)")
    _import_costs()


def _import_costs() -> None:
    """What a new process pays before any analysis: each import alone, in a fresh Python.

    The model needs statsmodels' GLM, whose families and base model import
    scipy.stats at module level; no narrower statsmodels import avoids it.
    """
    import subprocess

    for label, code in (
            ("python, nothing imported", "pass"),
            ("numpy", "import numpy"),
            ("pandas", "import pandas"),
            ("scipy.stats", "import scipy.stats"),
            ("statsmodels families (narrowest)", "import statsmodels.genmod.families"),
            ("statsmodels GLM + cov_hac", "import statsmodels.genmod.generalized_linear_model, "
                                          "statsmodels.stats.sandwich_covariance"),
            ("the CLI's own modules", "import tracker.cli.main")):
        times = []
        for _ in range(3):
            start = time.perf_counter()
            subprocess.run([sys.executable, "-P", "-c", code], check=True)
            times.append(time.perf_counter() - start)
        print(f"{'  new process: ' + label:<44} median "
              f"{statistics.median(times) * 1000:8.1f} ms")


if __name__ == "__main__":
    raise SystemExit(main())
