"""Time redrawing each chart offscreen; the budget is 50 ms per redraw.

"update" is replacing the data in the plot items; "update + paint" also runs the
event loop until the widget has been laid out and painted, which is what the
person waits for on screen.

Run: QT_QPA_PLATFORM=offscreen .venv/bin/python benchmarks/bench_charts.py
"""

from __future__ import annotations

import os
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from PySide6.QtWidgets import QApplication, QWidget

from tests.simulated_diaries import Driver, Scenario, simulate

BUDGET_MS = 50.0
RUNS = 20


def timed(label: str, widget: QWidget, update: Callable[[], None]) -> float:
    """Median milliseconds for ``update`` alone and for update plus a full paint."""
    app = QApplication.instance()
    assert app is not None
    update_times, paint_times = [], []
    for _ in range(RUNS):
        start = time.perf_counter()
        update()
        middle = time.perf_counter()
        app.processEvents()
        end = time.perf_counter()
        update_times.append((middle - start) * 1000)
        paint_times.append((end - start) * 1000)
    painted = statistics.median(paint_times)
    print(f"{label:<44} update {statistics.median(update_times):6.1f} ms   "
          f"update + paint {painted:6.1f} ms   (max {max(paint_times):6.1f} ms)")
    return painted


def main() -> int:
    app = QApplication.instance() or QApplication(sys.argv)
    from tracker.analysis.episode_calendar import calendar_grid
    from tracker.analysis.relationship import analyze_relationships, chosen_points
    from tracker.analysis.weekly import weekly_summary
    from tracker.ui.charts.heatmap import EpisodeHeatmap
    from tracker.ui.charts.relationship_view import RelationshipView
    from tracker.ui.charts.weekly_chart import WeeklyChart

    # Ten years with all eleven factors logged (sleep, stress, exercise, alcohol…).
    frame = simulate(3652, 2, Scenario((Driver("magnesium", 2.0),))).frame
    weekly = weekly_summary(frame)
    # Vitamin B12 at 1,000-2,000 % of target, as with a daily tablet: every bar is cut
    # at the chart's cap and gets a marker.
    weekly_b12 = weekly.copy()
    weekly_b12["vitamin_b12_pct"] = weekly_b12["vitamin_b12_pct"] * 15.0
    grid = calendar_grid(frame)
    result = analyze_relationships(frame)
    points = chosen_points(frame, result)
    print(f"ten years of data: {len(frame)} days, {len(weekly)} weeks, {RUNS} runs each")

    chart = WeeklyChart()
    heat = EpisodeHeatmap()
    view = RelationshipView()
    widgets = (chart, heat, view)
    for widget in widgets:
        widget.resize(1100, 720)
        widget.show()
    chart.set_data(weekly, (), result["exposures"])
    heat.set_data(grid)
    view.set_data(result, points)
    app.processEvents()

    def whole_calendar() -> None:
        heat.set_weeks(None)
        heat.redraw()

    ranges = iter([4, 12, 26, 52] * RUNS)
    keys = iter(list(result["exposures"]) * RUNS)
    worst = max(
        timed("weekly chart, 52 weeks", chart, chart.redraw),
        timed("weekly chart, switching range", chart, lambda: chart.set_weeks(next(ranges))),
        timed("weekly chart, new data", chart,
              lambda: chart.set_data(weekly, (), result["exposures"])),
        timed("weekly chart, B12 bars cut and marked", chart,
              lambda: chart.set_data(weekly_b12, (), result["exposures"])),
        timed("calendar heat map, 26 weeks", heat, lambda: heat.set_data(grid)),
        timed("calendar heat map, all ten years", heat, whole_calendar),
        timed("relationship view, switching exposure", view, lambda: view.select(next(keys))),
    )
    print(f"{'slowest redraw':<44} {worst:6.1f} ms   budget {BUDGET_MS:.0f} ms")
    for widget in widgets:
        widget.close()
        widget.deleteLater()
    app.processEvents()
    return 0 if worst < BUDGET_MS else 1


if __name__ == "__main__":
    raise SystemExit(main())
