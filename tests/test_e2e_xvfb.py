"""End to end: the real ``nutrient-tracker`` command in a real X window, photographed.

Runs under ``xvfb-run`` (marker ``xvfb``); without an X display it fails rather than
skips, so a CI run that lost its display is noticed. Set
``NUTRIENT_TRACKER_KEEP_SCREENSHOT=docs/screenshots/main_window.png`` to keep the
picture for the README.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

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
from tracker.services.foods.catalog import search_foods

pytestmark = pytest.mark.xvfb

COMMAND = Path(sys.executable).with_name("nutrient-tracker")
KEEP_ENV = "NUTRIENT_TRACKER_KEEP_SCREENSHOT"
TWITCH_RED = (0xC6, 0x28, 0x28)

# (search words, time, amount as a person types it)
MEALS = (
    ("coffee brewed", "07:15", "1 cup"),
    ("whole wheat bread", "07:30", "2 slice"),
    ("peanut butter", "07:30", "2 tbsp"),
    ("banana", "07:30", "1 cup, sliced"),
    ("yogurt plain", "10:30", "1 container (6 oz)"),
    ("almonds", "10:30", "30 g"),
    ("salmon", "12:45", "3 oz"),
    ("spinach", "12:45", "2 cup"),
    ("broccoli", "12:45", "1 cup chopped"),
    ("orange juice", "16:00", "1 cup"),
    ("egg", "19:30", "2 large"),
)


def seed_day(ctx: Context, day: dt.date) -> None:
    """A believable day, logged through the services as the window would."""
    profile.set_profile(ctx, Profile("female", dt.date(1984, 5, 17)))
    for query, time, amount in MEALS:
        food_id = search_foods(ctx, query, 1)[0].id
        diary.add_entry(ctx, diary.new_food_entry(
            ctx, food_id, day, dt.time.fromisoformat(time), amount=amount))
    for time, ml in (("09:00", 250.0), ("14:00", 500.0), ("20:30", 250.0)):
        diary.add_entry(ctx, WaterEntry(day, dt.time.fromisoformat(time), ml))
    diary.add_entry(ctx, CaffeineEntry(day, dt.time(15, 0), 80.0, "energy drink"))
    magnesium = supplements.save_product(ctx, SupplementProduct(
        "Magnesium glycinate 200 mg", {"magnesium": 200.0}, "capsule"))
    diary.add_entry(ctx, SupplementDose(day, dt.time(21, 0), magnesium.id, 1.0))
    diary.add_entry(ctx, Episode(day, dt.time(6, 40), "twitch", "calf", 3, "left"))
    diary.add_entry(ctx, Episode(day, dt.time(22, 10), "cramp", "calf", 7, "right", 60,
                                 "woke me up"))
    diary.set_factors(ctx, DayFactors(day, 6.5, 3, 30, False))


def test_the_window_opens_on_a_real_display_and_shows_the_day(ctx: Context,
                                                              tmp_path: Path) -> None:
    assert os.environ.get("DISPLAY"), "no X display: run the xvfb tests under xvfb-run"
    seed_day(ctx, dt.date.today())
    assert ctx.diary.path is not None
    db_path = ctx.diary.path
    ctx.close()
    shot = tmp_path / "main_window.png"
    env = dict(os.environ, NUTRIENT_TRACKER_SCREENSHOT=str(shot))
    env.pop("QT_QPA_PLATFORM", None)  # the real X platform, not offscreen
    done = subprocess.run([str(COMMAND), "--db", str(db_path)], env=env,
                          capture_output=True, text=True, timeout=180)
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr

    from PySide6.QtGui import QColor, QImage

    image = QImage(str(shot))
    assert not image.isNull()
    assert image.width() >= 1000 and image.height() >= 600
    colours = {image.pixelColor(x, y).rgb() for x in range(0, image.width(), 7)
               for y in range(0, image.height(), 7)}
    assert len(colours) > 50, "the picture is nearly blank"
    red = QColor(*TWITCH_RED).rgb()
    reds = sum(1 for x in range(0, image.width(), 3) for y in range(0, image.height() // 4, 3)
               if image.pixelColor(x, y).rgb() == red)
    assert reds > 20, "the Log twitch button is not on screen"
    keep = os.environ.get(KEEP_ENV)
    if keep:
        shutil.copyfile(shot, keep)
