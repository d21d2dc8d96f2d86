"""End to end: the real command opens a diary on a read-only mount in a real X window,
shows the read-only banner, and leaves the diary's folder exactly as it was.

Set ``NUTRIENT_TRACKER_KEEP_SCREENSHOT=docs/screenshots/read_only.png`` to keep the
picture for the README.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import stat
from pathlib import Path

import pytest

from tests.storage_faults import on_read_only_mount, run
from tests.test_e2e_xvfb import COMMAND, KEEP_ENV, seed_day
from tracker.services.context import Context
from tracker.storage.diary import Diary

pytestmark = pytest.mark.xvfb

BANNER_AMBER = (0xFF, 0xF4, 0xCE)


def _snapshot(folder: Path) -> dict[str, tuple[bytes, int]]:
    return {p.name: (p.read_bytes(), stat.S_IMODE(p.stat().st_mode))
            for p in sorted(folder.iterdir()) if p.is_file()}


def test_a_diary_on_a_read_only_mount_opens_read_only_in_the_window(
        tmp_path: Path, food_cache_dir: Path) -> None:
    assert os.environ.get("DISPLAY"), "no X display: run the xvfb tests under xvfb-run"
    folder = tmp_path / "mounted"
    db_path = folder / "diary.sqlite3"
    with Context(Diary.open(db_path), food_cache_dir) as ctx:
        seed_day(ctx, dt.date.today())
    before = _snapshot(folder)
    shot = tmp_path / "shots" / "read_only.png"
    env = dict(os.environ, NUTRIENT_TRACKER_SCREENSHOT=str(shot))
    env.pop("QT_QPA_PLATFORM", None)  # the real X platform, not offscreen
    try:
        done = run(on_read_only_mount(folder, [str(COMMAND), "--db", str(db_path)]), env=env,
                   timeout=180)
    finally:
        folder.chmod(0o700)  # only changed where no mount namespace could be made
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr and "damaged" not in done.stderr

    from PySide6.QtGui import QColor, QImage

    image = QImage(str(shot))
    assert not image.isNull() and image.width() >= 1000
    amber = QColor(*BANNER_AMBER).rgb()
    banner = sum(1 for x in range(0, image.width(), 4) for y in range(0, image.height() // 3, 4)
                 if image.pixelColor(x, y).rgb() == amber)
    assert banner > 500, "the read-only banner is not on screen"
    assert _snapshot(folder) == before
    keep = os.environ.get(KEEP_ENV)
    if keep:
        shutil.copyfile(shot, keep)
