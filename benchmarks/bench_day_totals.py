"""Time recomputing the shown day after an edit, with three years in the diary (budget 16 ms p95).

The diary is a real file generated through the storage layer: about a dozen
foods, a few drinks, a coffee, two supplement doses a day and some episodes.
Each run edits one of today's entries through the diary service, then times
``day_summary`` (and, separately, the day plus the week column the view shows
beside it). The daily frame of three and of ten years is timed too, for the
analysis and the export.

Run: .venv/bin/python benchmarks/bench_day_totals.py
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from food_db import loader
from tracker.domain.entries import (
    CaffeineEntry,
    Entry,
    Episode,
    FoodEntry,
    Profile,
    SupplementDose,
    SupplementProduct,
    WaterEntry,
)
from tracker.services import diary, profile, supplements, totals
from tracker.services.context import Context
from tracker.storage import entries as repo
from tracker.storage.diary import Diary

BUDGET_MS = 16.0
YEARS = 3
RUNS = 200
FRAME_YEARS = 10
TODAY = dt.date(2026, 11, 20)


def generate(ctx: Context, years: int, seed: int = 7) -> FoodEntry:
    """Fill the diary with ``years`` of plausible days; returns one of today's food entries."""
    rng = random.Random(seed)
    pool = [f.id for f in loader.iter_foods()]
    usual = rng.sample(pool, 250)
    products = [supplements.save_product(ctx, SupplementProduct(name, per_unit)) for
                name, per_unit in (("Magnesium 200", {"magnesium": 200.0}),
                                   ("D3 1000 IU", {"vitamin_d": 25.0}),
                                   ("Multi", {"magnesium": 50.0, "calcium": 200.0,
                                              "vitamin_b12": 6.0}))]
    first = TODAY - dt.timedelta(days=round(years * 365.25) - 1)
    batch: list[Entry] = []
    day = first
    while day <= TODAY:
        for _ in range(rng.randint(8, 16)):
            batch.append(FoodEntry(day, dt.time(rng.randint(6, 22), rng.choice((0, 30))),
                                   rng.choice(usual), round(rng.uniform(20, 400), 1), 1.0, "g"))
        for _ in range(rng.randint(2, 6)):
            batch.append(WaterEntry(day, dt.time(rng.randint(7, 21), 0), 250.0))
        batch.append(CaffeineEntry(day, dt.time(15, 0), 80.0, "energy drink"))
        for product in rng.sample(products, 2):
            batch.append(SupplementDose(day, dt.time(8, 0), product.id, 1.0))
        if rng.random() < 0.4:
            batch.append(Episode(day, dt.time(23, 0), "twitch", "calf", rng.randint(1, 10)))
        day += dt.timedelta(days=1)
    with ctx.diary.write() as conn:
        repo.insert_many(conn, batch)
    print(f"{len(batch)} entries over {(TODAY - first).days + 1} days")
    return next(e for e in reversed(batch) if isinstance(e, FoodEntry))


def percentiles(label: str, func: Callable[[], object], before: Callable[[], object]) -> float:
    """Run ``before`` then time ``func``, ``RUNS`` times; print and return the p95 in ms."""
    times = []
    for _ in range(RUNS):
        before()
        start = time.perf_counter()
        func()
        times.append((time.perf_counter() - start) * 1000)
    times.sort()
    p95 = times[int(0.95 * len(times)) - 1]
    print(f"{label:<40} p50 {statistics.median(times):6.2f} ms   p95 {p95:6.2f} ms   "
          f"max {times[-1]:6.2f} ms")
    return p95


def time_frame(ctx: Context, years: int) -> None:
    first = TODAY - dt.timedelta(days=round(years * 365.25) - 1)
    start = time.perf_counter()
    frame = totals.daily_frame(ctx, first, TODAY)
    print(f"daily_frame, {len(frame)} days: {(time.perf_counter() - start) * 1000:.0f} ms"
          " (pandas already loaded)")


def main() -> int:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        ctx = Context(Diary.open(folder / "diary.sqlite3"), folder / "cache")
        profile.set_profile(ctx, Profile("female", dt.date(1979, 4, 12)))
        entry = generate(ctx, YEARS)
        totals.day_summary(ctx, TODAY)  # opens the food reference and loads numpy
        state = {"grams": entry.grams}

        def edit() -> None:
            state["grams"] = 150.0 if state["grams"] != 150.0 else 175.0
            diary.update_entry(ctx, dataclasses.replace(entry, grams=state["grams"]))

        day_p95 = percentiles("day_summary after an edit", lambda: totals.day_summary(
            ctx, TODAY), edit)
        percentiles("day_summary + week_summary after an edit",
                    lambda: (totals.day_summary(ctx, TODAY), totals.week_summary(ctx, TODAY)),
                    edit)
        totals.daily_frame(ctx, TODAY, TODAY)  # loads pandas, timed apart below
        time_frame(ctx, YEARS)
        ctx.close()
        long = Context(Diary.open(folder / "long.sqlite3"), folder / "cache")
        profile.set_profile(long, Profile("female", dt.date(1979, 4, 12)))
        generate(long, FRAME_YEARS)
        time_frame(long, FRAME_YEARS)
        long.close()
    print(f"budget: day_summary p95 under {BUDGET_MS:.0f} ms")
    return 0 if day_p95 < BUDGET_MS else 1


if __name__ == "__main__":
    raise SystemExit(main())
