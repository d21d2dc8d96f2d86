"""Photograph the relationship view and the weekly chart in real windows on an X display.

Run by tests/test_relationship_screens_xvfb.py as ``python -P tests/relationship_screens.py
OUT_DIR DIARY CACHE_DIR`` with the X platform: logs five months of meals, drinks,
coffee, beer and wine, sleep, stress, exercise and episodes through the services
(short nights bring more twitching the next day), opens the charts from the main
window and grabs the relationship view and the weekly chart from the screen.
"""

from __future__ import annotations

import datetime as dt
import random
import sys
from pathlib import Path

# Appended, not prepended: the installed package (as in CI's regular install) is what
# runs; the checkout only supplies the tests package.
sys.path.append(str(Path(__file__).resolve().parents[1]))

from PySide6.QtWidgets import QApplication

from tests.experiment_screens import settle, shoot
from tracker.config import Settings
from tracker.domain.entries import CaffeineEntry, DayFactors, Episode, Profile, WaterEntry
from tracker.services import diary, profile
from tracker.services.context import Context
from tracker.services.foods.catalog import search_foods
from tracker.storage.diary import Diary

NOW = dt.datetime(2026, 3, 10, 19, 30)
DAYS = 150
# (search words, amount): a plain day's food, and what a good or a poor day adds.
BASE = (("whole wheat bread", "2 slice"), ("chicken breast", "4 oz"), ("white rice", "1 cup"),
        ("banana", "1 cup, sliced"))
GOOD = (("spinach", "2 cup"), ("almonds", "30 g"), ("yogurt plain", "1 container (6 oz)"),
        ("salmon", "3 oz"))
DRINKS = (("beer", "1 can"), ("wine red", "150 g"))


def build(ctx: Context) -> None:
    rng = random.Random(11)
    profile.set_profile(ctx, Profile("female", dt.date(1984, 5, 17)))
    ids = {q: search_foods(ctx, q, 1)[0].id for q, _ in (*BASE, *GOOD, *DRINKS)}
    first = NOW.date() - dt.timedelta(days=DAYS - 1)
    good_run = True
    short_night = False
    for i in range(DAYS):
        day = first + dt.timedelta(days=i)
        if rng.random() < 0.2:
            good_run = not good_run
        if rng.random() < 0.12:  # a lapse: nothing logged today
            continue
        meals = list(BASE) + (list(GOOD) if good_run else rng.sample(GOOD, 1))
        if day.weekday() in (4, 5) and rng.random() < 0.6:
            meals.append(rng.choice(DRINKS))
        for n, (query, amount) in enumerate(meals):
            diary.add_entry(ctx, diary.new_food_entry(
                ctx, ids[query], day, dt.time(8 + 2 * n % 13, 0), amount=amount))
        diary.add_entry(ctx, WaterEntry(day, dt.time(10, 0), rng.choice((750.0, 1500.0,
                                                                          2250.0))))
        diary.add_entry(ctx, CaffeineEntry(day, dt.time(8, 0),
                                           rng.choice((95.0, 190.0, 190.0, 480.0)), "coffee"))
        short_night = rng.random() < (0.6 if short_night else 0.25)
        sleep = rng.choice((5.0, 5.5, 6.0, 6.5)) if short_night else rng.choice(
            (7.0, 7.5, 8.0, 8.5))
        diary.set_factors(ctx, DayFactors(day, sleep, rng.choice((1, 2, 2, 3, 3, 4, 5)),
                                          rng.choice((0, 20, 30, 30, 45, 90)), True))
        rate = 2.4 if short_night else 0.6
        count = sum(rng.random() < rate / 4 for _ in range(4)) + (rng.random() < 0.1)
        for k in range(count):
            diary.add_entry(ctx, Episode(day, dt.time(6 + 3 * k, 15), rng.choice(
                ("twitch", "twitch", "cramp")), rng.choice(("calf", "thigh", "foot")),
                rng.randint(2, 7)))


def main(out: Path, db: Path, cache: Path) -> int:
    app = QApplication([])
    ctx = Context(Diary.open(db), cache)
    build(ctx)
    from tracker.ui.shell.main_window import MainWindow

    window = MainWindow(ctx, Settings(out / "settings.toml"), clock=lambda: NOW)
    window.resize(1200, 720)
    window.show()
    window.show_charts("relationship")
    charts = window._charts
    assert charts is not None
    charts.resize(1200, 860)
    view = charts.panel.relationship
    settle(app, lambda: view.current is not None, seconds=120)
    shoot(app, charts, out / "relationship.png")
    view.select("caffeine")
    shoot(app, charts, out / "relationship_caffeine.png")
    charts.show_tab(0)
    charts.finish_work()  # the charts compute on a worker thread
    charts.panel.weekly.set_weeks(26)
    shoot(app, charts, out / "weekly_chart.png")
    charts.close()
    window.close()
    ctx.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main(Path(sys.argv[1]), Path(sys.argv[2]), Path(sys.argv[3])))
