"""The recipe editor, "save as meal", the grouped food search and the import from another
app, photographed in real windows on an X display.

Set ``NUTRIENT_TRACKER_KEEP_SCREENSHOTS=docs/screenshots`` to keep the pictures.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import REPO_ROOT
from tests.test_experiment_screens_xvfb import _count

pytestmark = pytest.mark.xvfb

NAMES = ("recipe_editor.png", "save_as_meal.png", "food_search_groups.png",
         "import_other_app.png", "import_cronometer.png")
# Qt's highlight for selected rows in the default Fusion palette, and the heading rows.
SELECTED = (0x30, 0x8C, 0xC6)
HEADING = (0xE4, 0xE8, 0xEE)


def test_recipe_and_meal_screens_on_a_real_display(tmp_path: Path,
                                                   food_cache_dir: Path) -> None:
    assert os.environ.get("DISPLAY"), "no X display: run the xvfb tests under xvfb-run"
    env = dict(os.environ)
    env.pop("QT_QPA_PLATFORM", None)  # the real X platform, not offscreen
    done = subprocess.run(
        [sys.executable, "-P", str(REPO_ROOT / "tests" / "recipe_screens.py"),
         str(tmp_path), str(tmp_path / "diary.sqlite3"), str(food_cache_dir)],
        env=env, capture_output=True, text=True, timeout=240)
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr

    from PySide6.QtGui import QImage

    images = {name: QImage(str(tmp_path / name)) for name in NAMES}
    for name, image in images.items():
        assert not image.isNull(), name
        assert image.width() >= 600 and image.height() >= 400, name
        colours = {image.pixelColor(x, y).rgb() for x in range(0, image.width(), 9)
                   for y in range(0, image.height(), 9)}
        assert len(colours) > 20, f"{name} is nearly blank"
    assert _count(images["save_as_meal.png"], SELECTED) > 200, "no entries selected"
    assert _count(images["food_search_groups.png"], HEADING, 1) > 200, "no group headings"
    keep = os.environ.get("NUTRIENT_TRACKER_KEEP_SCREENSHOTS")
    if keep:
        for name in NAMES:
            shutil.copyfile(tmp_path / name, Path(keep) / name)
