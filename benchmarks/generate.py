"""Generate a plausible diary of any length through the services and storage layer.

Each day has 8 to 16 foods drawn from a personal repertoire of reference foods,
a few glasses of water, a coffee-shop caffeine entry, supplement doses, episodes
on some days and day factors, like a person who logs faithfully. Shared by the
benchmarks and the end-to-end test.

Run: .venv/bin/python benchmarks/generate.py OUT.sqlite3 --years 1
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from food_db import loader
from tracker.domain.entries import (
    BODY_SITES,
    EPISODE_KINDS,
    CaffeineEntry,
    DayFactors,
    Entry,
    Episode,
    FoodEntry,
    Profile,
    SupplementDose,
    SupplementProduct,
    WaterEntry,
)
from tracker.services import profile, supplements
from tracker.services.context import Context
from tracker.storage import entries as repo
from tracker.storage.diary import Diary

REPERTOIRE = 250  # how many different foods one person eats over the years
PRODUCTS = (
    ("Magnesium glycinate 200 mg", {"magnesium": 200.0}, "capsule"),
    ("Vitamin D3 1000 IU", {"vitamin_d": 25.0}, "softgel"),
    ("Multivitamin", {"magnesium": 50.0, "calcium": 200.0, "vitamin_b12": 6.0,
                      "vitamin_d": 10.0}, "tablet"),
)


def _day_entries(rng: random.Random, day: dt.date, foods: list[str],
                 products: list[SupplementProduct]) -> list[Entry]:
    entries: list[Entry] = []
    for _ in range(rng.randint(8, 16)):
        grams = round(rng.uniform(20, 400), 1)
        entries.append(FoodEntry(day, dt.time(rng.randint(6, 22), rng.choice((0, 15, 30, 45))),
                                 rng.choice(foods), grams, grams, "g"))
    for _ in range(rng.randint(2, 6)):
        entries.append(WaterEntry(day, dt.time(rng.randint(7, 21), 0),
                                  rng.choice((250.0, 330.0, 500.0))))
    if rng.random() < 0.5:
        entries.append(CaffeineEntry(day, dt.time(15, 0), 80.0, "energy drink"))
    for product in rng.sample(products, 2):
        entries.append(SupplementDose(day, dt.time(8, 0), product.id, 1.0))
    for _ in range(rng.choice((0, 0, 1, 1, 2, 3))):
        entries.append(Episode(day, dt.time(rng.randint(0, 23), rng.randint(0, 59)),
                               rng.choice(EPISODE_KINDS[:2]), rng.choice(BODY_SITES[:4]),
                               rng.randint(1, 10), rng.choice(("left", "right", "both"))))
    return entries


def fill(ctx: Context, years: float, last: dt.date, seed: int = 7) -> int:
    """Add ``years`` of days ending on ``last`` to the diary; returns the number of entries."""
    rng = random.Random(seed)
    pool = [food.id for food in loader.iter_foods()]
    foods = rng.sample(pool, REPERTOIRE)
    if profile.get_profile(ctx) is None:
        profile.set_profile(ctx, Profile("female", dt.date(1979, 4, 12)))
    products = [supplements.save_product(ctx, SupplementProduct(name, per_unit, unit))
                for name, per_unit, unit in PRODUCTS]
    first = last - dt.timedelta(days=round(years * 365.25) - 1)
    batch: list[Entry] = []
    factors: list[DayFactors] = []
    day = first
    while day <= last:
        batch += _day_entries(rng, day, foods, products)
        factors.append(DayFactors(day, rng.choice((6.0, 6.5, 7.0, 7.5, 8.0)),
                                  rng.randint(1, 5), rng.choice((0, 20, 45)), day < last))
        day += dt.timedelta(days=1)
    with ctx.diary.write() as conn:
        repo.insert_many(conn, batch)
        for day_factors in factors:
            repo.put_factors(conn, day_factors)
    return len(batch)


def generate(path: Path, years: float, last: dt.date | None = None, seed: int = 7) -> int:
    """Create a diary file at ``path`` with ``years`` of entries ending on ``last`` (today)."""
    diary = Diary.open(path)
    ctx = Context(diary, path.parent / "cache")
    try:
        return fill(ctx, years, last or dt.date.today(), seed)
    finally:
        diary.close()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--years", type=float, default=1.0)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    if args.out.exists():
        parser.error(f"{args.out} exists; choose a new file")
    count = generate(args.out, args.years, seed=args.seed)
    print(f"{count} entries over {args.years:g} years in {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
