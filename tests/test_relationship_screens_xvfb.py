"""The relationship view and the weekly chart photographed in real windows on an X display.

Set ``NUTRIENT_TRACKER_KEEP_SCREENSHOTS=docs/screenshots`` to keep relationship.png and
weekly_chart.png for the README.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import REPO_ROOT

pytestmark = pytest.mark.xvfb

NAMES = ("relationship.png", "relationship_caffeine.png", "weekly_chart.png")
EXPOSED = (0xD5, 0x5E, 0x00)  # the exposed bar's colour
SHORT_SLEEP = (0x33, 0x22, 0x88)  # the weekly chart's "sleep under 7 h" bars


def _count(image: object, colour: tuple[int, int, int], step: int = 3) -> int:
    from PySide6.QtGui import QColor, QImage

    assert isinstance(image, QImage)
    wanted = QColor(*colour).rgb()
    return sum(1 for x in range(0, image.width(), step) for y in range(0, image.height(), step)
               if image.pixelColor(x, y).rgb() == wanted)


def test_relationship_screens_on_a_real_display(tmp_path: Path, food_cache_dir: Path) -> None:
    assert os.environ.get("DISPLAY"), "no X display: run the xvfb tests under xvfb-run"
    env = dict(os.environ)
    env.pop("QT_QPA_PLATFORM", None)  # the real X platform, not offscreen
    done = subprocess.run(
        [sys.executable, "-P", str(REPO_ROOT / "tests" / "relationship_screens.py"),
         str(tmp_path), str(tmp_path / "diary.sqlite3"), str(food_cache_dir)],
        env=env, capture_output=True, text=True, timeout=280)
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr

    from PySide6.QtGui import QImage

    images = {name: QImage(str(tmp_path / name)) for name in NAMES}
    for name, image in images.items():
        assert not image.isNull(), name
        assert image.width() >= 1000 and image.height() >= 700, name
        colours = {image.pixelColor(x, y).rgb() for x in range(0, image.width(), 9)
                   for y in range(0, image.height(), 9)}
        assert len(colours) > 20, f"{name} is nearly blank"
    assert _count(images["relationship.png"], EXPOSED) > 200, "no exposed bar"
    assert _count(images["weekly_chart.png"], SHORT_SLEEP, 2) > 20, "no short-sleep bars"
    keep = os.environ.get("NUTRIENT_TRACKER_KEEP_SCREENSHOTS")
    if keep:
        for name in ("relationship.png", "weekly_chart.png"):
            shutil.copyfile(tmp_path / name, Path(keep) / name)
