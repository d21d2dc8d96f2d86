"""A busy diary day for layout tests and screenshots: 25 entries, long SR28 names, gaps.

Logged through the services, as the window would. The foods are picked by id so
the names stay long ("DIGIORNO Pizza, cheese topping, cheese stuffed crust,
frozen, baked") and several lack values in SR28 (magnesium, vitamin D, B12),
which is what fills the "foods without data" list on a real day.
"""

from __future__ import annotations

import datetime as dt

from tracker.domain.entries import (
    CaffeineEntry,
    DayFactors,
    Episode,
    Profile,
    SupplementDose,
    SupplementProduct,
    WaterEntry,
)
from tracker.services import diary, profile, supplements
from tracker.services.context import Context

# (SR28 id, time, amount as typed); the comments name what the food lacks in SR28.
FOODS: tuple[tuple[str, str, str], ...] = (
    ("sr28:14180", "06:45", "1 cup"),  # coffee, brewed, breakfast blend
    ("sr28:08001", "07:00", "1 cup (1 NLEA serving)"),  # KELLOGG'S ALL-BRAN
    ("sr28:01079", "07:00", "1 cup"),  # milk, reduced fat, with added vitamins A and D
    ("sr28:09040", "07:05", "1 cup, sliced"),  # bananas
    ("sr28:01256", "10:15", "1 container"),  # yogurt, Greek
    ("sr28:04673", "10:15", "1 tablespoon"),  # SMART BALANCE spread: no Ca, Mg, D, B12
    ("sr28:21473", "12:40", "2 slice 1/4 of pie"),  # DIGIORNO pizza: no vitamin D
    ("sr28:17462", "12:40", "100 g"),  # lamb rack, 134 characters of name
    ("sr28:11457", "12:45", "2 cup"),  # spinach
    ("sr28:01188", "12:45", "2 tbsp"),  # KRAFT CHEEZ WHIZ: no Mg, D, B12
    ("sr28:18075", "15:30", "2 slice"),  # whole-wheat bread
    ("sr28:05315", "19:00", "150 g"),  # duck breast: no Mg, K, D, B12
    ("sr28:04684", "19:00", "1 tablespoon (1 NLEA serving)"),  # CANOLA HARVEST: no Ca, Mg…
    ("sr28:06003", "19:10", "1 serving 1/2 cup"),  # CAMPBELL'S soup: no Mg, D, B12
    ("sr28:23058", "19:10", "120 g"),  # beef chuck: no vitamin D
    ("sr28:02074", "19:15", "1 tsp"),  # sazon seasoning: no Mg, K, D, B12
)
DRINKS_ML = (("08:30", 250.0), ("11:00", 500.0), ("14:00", 330.0), ("17:30", 250.0))


def seed_busy_day(ctx: Context, day: dt.date) -> None:
    """Profile, supplement products and 25 entries on ``day``, plus lighter days before it."""
    profile.set_profile(ctx, Profile("female", dt.date(1984, 5, 17)))
    magnesium = supplements.save_product(ctx, SupplementProduct(
        "Magnesium glycinate 200 mg, buffered, gentle on the stomach", {"magnesium": 200.0},
        "capsule"))
    b12 = supplements.save_product(ctx, SupplementProduct(
        "Vitamin B12 methylcobalamin 50 µg", {"vitamin_b12": 50.0}, "tablet"))
    for food_id, time, amount in FOODS:
        diary.add_entry(ctx, diary.new_food_entry(
            ctx, food_id, day, dt.time.fromisoformat(time), amount=amount))
    for time, ml in DRINKS_ML:
        diary.add_entry(ctx, WaterEntry(day, dt.time.fromisoformat(time), ml))
    diary.add_entry(ctx, CaffeineEntry(day, dt.time(15, 0), 160.0, "energy drink"))
    diary.add_entry(ctx, SupplementDose(day, dt.time(21, 0), magnesium.id, 2.0))
    diary.add_entry(ctx, SupplementDose(day, dt.time(8, 0), b12.id, 1.0))
    diary.add_entry(ctx, Episode(day, dt.time(6, 40), "twitch", "calf", 3, "left"))
    diary.add_entry(ctx, Episode(day, dt.time(22, 10), "cramp", "calf", 7, "right", 90,
                                 "woke me up, had to stand on the cold floor"))
    diary.set_factors(ctx, DayFactors(day, 6.5, 4, 30, False, "long run, then travel"))
    for back in range(1, 7):
        earlier = day - dt.timedelta(days=back)
        for food_id, time, amount in FOODS[back::4]:
            diary.add_entry(ctx, diary.new_food_entry(
                ctx, food_id, earlier, dt.time.fromisoformat(time), amount=amount))
        diary.add_entry(ctx, SupplementDose(earlier, dt.time(8, 0), b12.id, 1.0))
        diary.add_entry(ctx, WaterEntry(earlier, dt.time(12, 0), 750.0))


def seed_weeks(ctx: Context, last_day: dt.date, weeks: int = 12) -> None:
    """Lighter days for ``weeks`` weeks before ``last_day``: varied foods, water, coffee,
    a B12 tablet most days (50 µg, about 2,000 % of the 2.4 µg target) and a few episodes."""
    b12 = next(p for p in supplements.products(ctx) if p.name.startswith("Vitamin B12"))
    for back in range(7, 7 * weeks):
        day = last_day - dt.timedelta(days=back)
        for food_id, time, amount in FOODS[back % 3::3]:
            diary.add_entry(ctx, diary.new_food_entry(
                ctx, food_id, day, dt.time.fromisoformat(time), amount=amount))
        if back % 7 != 3:
            diary.add_entry(ctx, SupplementDose(day, dt.time(8, 0), b12.id, 1.0))
        diary.add_entry(ctx, WaterEntry(day, dt.time(12, 0), 1100.0 + 100.0 * (back % 9)))
        diary.add_entry(ctx, CaffeineEntry(day, dt.time(9, 30), 80.0 + 40.0 * (back % 5),
                                           "coffee"))
        if back % 3 == 0:
            diary.add_entry(ctx, Episode(day, dt.time(22, 0), "twitch", "calf", 3, "left"))
