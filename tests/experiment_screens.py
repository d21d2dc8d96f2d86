"""Photograph the self-experiment screens in real windows on an X display.

Run by tests/test_experiment_screens_xvfb.py as ``python -P tests/experiment_screens.py
OUT_DIR DIARY CACHE_DIR`` with the X platform: builds a diary with a finished
magnesium trial, then grabs from the screen the day view with its phase banner,
the planning dialog, the result view and the weekly chart with its bands.
"""

from __future__ import annotations

import datetime as dt
import sys
import time
from collections.abc import Callable
from pathlib import Path

# Appended, not prepended: the installed package (as in CI's regular install) is what
# runs; the checkout only supplies the tests package.
sys.path.append(str(Path(__file__).resolve().parents[1]))

from PySide6.QtWidgets import QApplication, QWidget

from tests.experiment_diaries import Shape, fill, start_trial
from tracker.config import Settings
from tracker.domain.entries import CaffeineEntry, Profile, WaterEntry
from tracker.services import diary, profile
from tracker.services.context import Context
from tracker.storage.diary import Diary

NOW = dt.datetime(2026, 3, 10, 19, 30)
START = NOW.date() - dt.timedelta(days=91)


def build(ctx: Context) -> None:
    profile.set_profile(ctx, Profile("female", dt.date(1984, 5, 17)))
    shape = Shape(rate_ratio=0.4, rate_off=1.4)
    trial = start_trial(ctx, shape, 2026, START)
    fill(ctx, trial, shape, 7)
    day = START - dt.timedelta(days=60)
    while day < NOW.date():
        diary.add_entry(ctx, WaterEntry(day, dt.time(9, 0), 1200.0 + 100 * (day.day % 9)))
        diary.add_entry(ctx, CaffeineEntry(day, dt.time(8, 0), 95.0 * (1 + day.day % 3),
                                           "coffee"))
        day += dt.timedelta(days=1)


def settle(app: QApplication, until: Callable[[], bool] = lambda: True,
           seconds: float = 20.0) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        app.processEvents()
        if until():
            break
        time.sleep(0.02)
    for _ in range(20):
        app.processEvents()
        time.sleep(0.02)


def shoot(app: QApplication, widget: QWidget, path: Path) -> None:
    widget.raise_()
    widget.activateWindow()
    settle(app, widget.isVisible)
    screen = QApplication.primaryScreen()
    image = screen.grabWindow(int(widget.winId()))
    if not image.save(str(path)):
        raise SystemExit(f"could not save {path}")


def main(out: Path, db: Path, cache: Path) -> int:
    app = QApplication([])
    ctx = Context(Diary.open(db), cache)
    build(ctx)
    from tracker.ui.experiments.plan_dialog import PlanDialog
    from tracker.ui.experiments.result_dialog import ResultDialog
    from tracker.ui.shell.main_window import MainWindow

    # The day view on a day of the trial, photographed as that day's "today".
    during = dt.datetime.combine(START + dt.timedelta(days=7 * 9 + 2), dt.time(21, 0))
    clock = [during]
    window = MainWindow(ctx, Settings(out / "settings.toml"), clock=lambda: clock[0])
    window.resize(1200, 720)
    window.show()
    window.start_totals()
    shoot(app, window, out / "experiment_banner.png")
    clock[0] = NOW
    window.show_date(NOW.date())

    plan = PlanDialog(ctx, NOW.date(), window)
    plan.units.setValue(2.0)
    plan.show()
    settle(app, lambda: not plan.estimating)
    shoot(app, plan, out / "experiment_plan.png")
    plan.reject()

    result = ResultDialog(ctx, NOW.date(), window)
    result.show()
    shoot(app, result, out / "experiment_result.png")
    result.reject()

    window.show_charts("weekly")
    charts = window._charts
    assert charts is not None
    charts.resize(1200, 800)
    charts.finish_work()  # the charts compute on a worker thread
    charts.panel.weekly.set_weeks(26)
    shoot(app, charts, out / "experiment_weekly.png")
    charts.close()
    window.close()
    ctx.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main(Path(sys.argv[1]), Path(sys.argv[2]), Path(sys.argv[3])))
