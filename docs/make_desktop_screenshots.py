"""README screenshots of the desktop features: first run, settings, dark theme, quick log.

Run under a virtual X display, so the pictures are what a person sees:
    xvfb-run -a -s "-screen 0 1600x1000x24" .venv/bin/python docs/make_desktop_screenshots.py
It writes docs/screenshots/{first_run,settings,dark_theme,quick_log}.png from a
diary it makes in a temporary folder (the real user's files are never touched).
"""

from __future__ import annotations

import datetime as dt
import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "docs" / "screenshots"


def _grab(widget: object, name: str) -> None:
    from PySide6.QtGui import QGuiApplication
    from PySide6.QtWidgets import QApplication, QWidget

    assert isinstance(widget, QWidget)
    app = QApplication.instance()
    assert app is not None
    for _ in range(20):
        app.processEvents()
    screen = QGuiApplication.primaryScreen()
    picture = None
    if QGuiApplication.platformName() == "xcb" and screen is not None:
        picture = screen.grabWindow(widget.winId())
    if picture is None or picture.isNull():
        picture = widget.grab()
    OUT.mkdir(parents=True, exist_ok=True)
    assert picture.save(str(OUT / name), "PNG"), name
    print(f"wrote {OUT / name} ({picture.width()}×{picture.height()})")


def main() -> int:
    home = Path(tempfile.mkdtemp(prefix="nt-shots-"))
    for key in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME"):
        os.environ[key] = str(home / key.lower())
    sys.path.insert(0, str(ROOT))
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    from tests.test_e2e_xvfb import seed_day
    from tracker.config import Settings
    from tracker.domain.changes import Changes
    from tracker.domain.entries import Profile
    from tracker.services import profile
    from tracker.services.context import open_context
    from tracker.ui.settings.settings_dialog import SettingsDialog
    from tracker.ui.shell import app as app_module
    from tracker.ui.shell.main_window import MainWindow

    _app = app_module.make_application()  # kept alive while the windows are made
    today = dt.date.today()

    # 1. First run: a new diary, the questions inside the window.
    fresh = open_context(home / "new.sqlite3")
    window = MainWindow(fresh, Settings(home / "first.toml"))
    window.resize(1280, 760)
    window.show()
    app_module._after_first_paint(window)
    _grab(window, "first_run.png")
    window.desktop.shutdown() if window.desktop else None
    window.close()
    fresh.close()

    # 2. Settings, on a diary with a day logged; 3. the same day in the dark theme.
    ctx = open_context(home / "diary.sqlite3")
    seed_day(ctx, today)
    profile.set_profile(ctx, Profile("female", dt.date(1984, 5, 17), "general", "efsa"))
    settings = Settings(home / "settings.toml")
    settings.set("first_run_done", True)
    settings.set("theme", "dark")
    window = MainWindow(ctx, settings)
    window.resize(1280, 760)
    window.show()
    window.bus.publish(Changes(settings=True))
    window.start_totals()
    _grab(window, "dark_theme.png")
    settings.set("theme", "light")
    window.bus.publish(Changes(settings=True))
    dialog = SettingsDialog(ctx, settings, window)
    dialog.show()
    _grab(dialog, "settings.png")
    dialog.close()

    # 4. The quick-log window, twitch chosen (T), ready for Enter.
    window.show_quick_log()
    quick = window.quick_window
    assert quick is not None
    QTest.keyClick(quick, Qt.Key.Key_T)
    _grab(quick, "quick_log.png")
    quick.close()
    window.close()
    ctx.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
