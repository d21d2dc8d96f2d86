"""Time from pushing an AddEntry command to the day view updated and repainted (budget 16 ms).

The diary is a generated three-year file; the window shows today's ~20 entries.
Each run pushes a new water entry (through the undo stack, as the Glass button
does), which writes it, reloads the day into the model and repaints the table;
the entry is then undone, untimed, so the day keeps its size. The totals panel
refreshes after that paint, in the next turn of the event loop, and is timed
separately for information.

Run: QT_QPA_PLATFORM=offscreen .venv/bin/python benchmarks/bench_day_update.py
"""

from __future__ import annotations

import datetime as dt
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from PySide6.QtWidgets import QApplication, QTableWidget, QTableWidgetItem

from benchmarks.generate import generate
from tracker.config import Settings
from tracker.domain.entries import WaterEntry
from tracker.services.context import open_context
from tracker.ui.shell.app import make_application
from tracker.ui.shell.main_window import MainWindow

BUDGET_MS = 16.0
YEARS = 3
RUNS = 200


def summary(label: str, times: list[float]) -> float:
    ordered = sorted(times)
    p95 = ordered[int(0.95 * len(ordered)) - 1]
    print(f"{label:<44} p50 {statistics.median(ordered):6.2f} ms   p95 {p95:6.2f} ms   "
          f"max {ordered[-1]:6.2f} ms")
    return p95


def reference_repaints(window: MainWindow) -> list[float]:
    """Repaint times of a plain QTableWidget (no Python in the paint) holding the same
    texts, to tell the machine's speed apart from the app's."""
    model = window.model
    table = QTableWidget(model.rowCount(), model.columnCount())
    for row in range(model.rowCount()):
        for column in range(model.columnCount()):
            table.setItem(row, column, QTableWidgetItem(str(model.index(row, column).data())))
    table.resize(window.table.size())
    table.show()
    QApplication.processEvents()
    times = []
    for _ in range(RUNS // 4):
        start = time.perf_counter()
        table.viewport().repaint()
        times.append((time.perf_counter() - start) * 1000)
    table.close()
    return times


def settle(app: QApplication, window: MainWindow) -> None:
    """Let the previous step's totals refresh and paints finish, untimed, as they do in
    the seconds between two entries a person makes."""
    app.processEvents()
    app.sendPostedEvents()
    window.repaint()


def main() -> int:
    app = make_application()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        os.environ["XDG_CACHE_HOME"] = str(folder / "cache")
        db_path = folder / "diary.sqlite3"
        count = generate(db_path, YEARS)
        ctx = open_context(db_path)
        window = MainWindow(ctx, Settings(folder / "settings.toml"))
        window.resize(1360, 820)
        window.show()
        settle(app, window)
        print(f"{count} entries over {YEARS} years; {window.model.rowCount()} shown today; "
              f"{RUNS} runs")
        update_times, totals_times = [], []
        for minute in range(RUNS):
            entry = WaterEntry(dt.date.today(), dt.time(minute // 60, minute % 60), 250.0)
            start = time.perf_counter()
            window.save_entry(entry)
            window.table.viewport().repaint()
            update_times.append((time.perf_counter() - start) * 1000)
            if minute % 10 == 0:
                start = time.perf_counter()
                window.start_totals()
                window.repaint()
                totals_times.append((time.perf_counter() - start) * 1000)
            window.undo_stack.undo()
            settle(app, window)
        p95 = summary("AddEntry push → model updated → repainted", update_times)
        summary("then the totals panel (after paint)", totals_times[1:])
        summary("reference: Qt's own table, same cells, repaint", reference_repaints(window))
        window.close()
        ctx.close()
    print(f"budget: p95 under {BUDGET_MS:.0f} ms")
    return 0 if p95 <= BUDGET_MS else 1


if __name__ == "__main__":
    raise SystemExit(main())
