"""The window at 100 %, 150 % and 200 % screen scaling: nothing cut on a busy day.

A scale factor must be set before the QApplication exists, so each factor runs
tests/ui/scaled_layout.py in a child pytest with ``QT_SCALE_FACTOR`` set, on a
virtual X display of its own that is large enough for 1067×667 logical pixels
at 200 % (marker ``xvfb``: needs xvfb-run). The children also photograph the
day view, the totals, the food dialog and the weekly chart; set
``NUTRIENT_TRACKER_KEEP_LAYOUT_SHOTS`` to a folder to keep those pictures.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtGui import QImage

pytestmark = pytest.mark.xvfb

CHILD = Path(__file__).with_name("scaled_layout.py")
KEEP_ENV = "NUTRIENT_TRACKER_KEEP_LAYOUT_SHOTS"
SCREEN = "-screen 0 2400x1600x24"  # 1067×667 logical at 200 % is 2134×1334


@pytest.mark.parametrize("factor", ["1", "1.5", "2"])
def test_nothing_is_cut_at_this_screen_scale(factor: str, tmp_path: Path) -> None:
    xvfb_run = shutil.which("xvfb-run")
    assert xvfb_run, "xvfb-run is needed for the scaled layout tests"
    shots = tmp_path / "shots"
    env = dict(os.environ, QT_SCALE_FACTOR=factor, NUTRIENT_TRACKER_LAYOUT_SHOTS=str(shots))
    env.pop("QT_QPA_PLATFORM", None)  # a real X window, photographed by the X server
    for name in ("QT_SCREEN_SCALE_FACTORS", "QT_AUTO_SCREEN_SCALE_FACTOR", "QT_FONT_DPI"):
        env.pop(name, None)
    done = subprocess.run(
        [xvfb_run, "-a", "-s", SCREEN, sys.executable, "-P", "-m", "pytest", "-q",
         "-p", "no:cacheprovider", str(CHILD)],
        env=env, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stdout[-6000:] + done.stderr[-3000:]
    assert " passed" in done.stdout and "skipped" not in done.stdout, done.stdout[-2000:]
    scale = float(factor)
    day_view = QImage(str(shots / f"day-view-{scale:g}x.png"))
    # The picture is in device pixels: 1067×667 logical at this scale.
    assert abs(day_view.width() - 1067 * scale) <= 2
    assert abs(day_view.height() - 667 * scale) <= 2
    for name in ("totals", "totals-foods-without-data", "food-dialog", "weekly-chart"):
        picture = QImage(str(shots / f"{name}-{scale:g}x.png"))
        assert not picture.isNull() and picture.width() > 300 * scale, name
    keep = os.environ.get(KEEP_ENV)
    if keep:
        Path(keep).mkdir(parents=True, exist_ok=True)
        for picture_path in shots.iterdir():
            shutil.copyfile(picture_path, Path(keep) / picture_path.name)
