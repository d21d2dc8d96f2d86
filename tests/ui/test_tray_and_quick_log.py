"""The tray menu and the quick-log window log through the window's undoable operations.

Where ``QSystemTrayIcon.isSystemTrayAvailable()`` is false (as under Xvfb and
offscreen) the menu is still built, and these tests trigger its actions directly.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QSystemTrayIcon

from tests.ui.window_fixtures import NOW, make_window
from tracker.domain.changes import Changes
from tracker.domain.entries import CaffeineEntry, DayFactors, Episode, Profile, WaterEntry
from tracker.services import diary, profile
from tracker.services.context import Context
from tracker.ui.charts import charts_window
from tracker.ui.shell.app import app_icon
from tracker.ui.shell.desktop import Desktop
from tracker.ui.shell.tray import Tray

TODAY = NOW.date()


@pytest.fixture
def window(qtbot: Any, ctx: Context, tmp_path: Path) -> Any:
    shown = make_window(qtbot, ctx, tmp_path / "settings.toml")
    app = QApplication.instance()
    Desktop(shown, app, None, tray_available=False)
    return shown


def test_without_a_tray_nothing_is_shown_and_closing_quits_as_before(window: Any) -> None:
    assert not window.desktop.tray.available
    assert window.desktop.tray.notify("Nutrient Tracker", "hello") is False
    assert QApplication.quitOnLastWindowClosed()
    assert window.desktop.keep_running_in_tray() is False
    assert QApplication.activeModalWidget() is None, "no question about a tray that is not there"


def test_tray_menu_has_the_issue_actions_in_order(window: Any) -> None:
    texts = [a.text().replace("&", "") for a in window.desktop.tray.menu.actions()
             if not a.isSeparator() and a.isVisible()]
    assert texts == ["Log twitch now (calf)", "Log twitch at…", "Glass of water (250 ml)",
                     "Coffee (95 mg)", "Quick log…", "Open diary", "Quit"]
    sites = [a.text() for a in window.desktop.tray.sites_menu.actions()]
    assert sites[:3] == ["Calf", "Thigh", "Foot"] and len(sites) == 12


def test_twitch_now_and_at_a_site_are_undoable_and_remember_the_site(
        window: Any, ctx: Context) -> None:
    tray = window.desktop.tray
    tray.twitch_action.trigger()
    (first,) = diary.day(ctx, TODAY).episodes
    assert (first.body_site, first.time, first.kind) == ("calf", dt.time(8, 30), "twitch")
    tray.site_actions["eyelid"].trigger()
    sites = [e.body_site for e in diary.day(ctx, TODAY).episodes]
    assert sites == ["calf", "eyelid"]
    assert window.settings.get("last_body_site") == "eyelid"
    tray.refresh_texts()
    assert tray.twitch_action.text().replace("&", "") == "Log twitch now (eyelid)"
    window.undo_stack.undo()
    assert [e.body_site for e in diary.day(ctx, TODAY).episodes] == ["calf"]


def test_water_and_coffee_log_today_even_while_another_day_is_shown(
        window: Any, ctx: Context) -> None:
    window.show_date(TODAY - dt.timedelta(days=3))
    tray = window.desktop.tray
    tray.water_action.trigger()
    assert [w.volume_ml for w in diary.day(ctx, TODAY).water] == [250.0]
    tray.coffee_action.trigger()  # nothing logged before: a cup of brewed coffee
    (coffee,) = diary.day(ctx, TODAY).caffeine
    assert (coffee.label, coffee.caffeine_mg) == ("coffee", 95.0)
    window.save_entry(CaffeineEntry(TODAY, dt.time(9, 0), 80.0, "energy drink"))
    # The tray follows the window's "what changed" broadcast: no refresh asked for.
    assert tray.coffee_action.text().replace("&", "") == "Energy drink again (80 mg)"
    tray.coffee_action.trigger()
    labels = [(c.label, c.caffeine_mg) for c in diary.day(ctx, TODAY).caffeine]
    assert labels.count(("energy drink", 80.0)) == 2
    assert window.undo_stack.count() == 4


def test_us_units_show_the_glass_and_bottle_in_fl_oz_and_store_ml(
        qtbot: Any, window: Any, ctx: Context) -> None:
    tray = window.desktop.tray
    window.settings.set("units", "us")
    window.bus.publish(Changes(settings=True))  # as the settings dialog's save does
    # 1 US fl oz = 29.5735 ml: 250 ml = 8.45 fl oz; 500 ml = 16.91 fl oz = 2.11 cups (8 fl oz).
    assert tray.water_action.text().replace("&", "") == "Glass of water (8.5 fl oz)"
    assert window.acts.glass_action.text() == "Glass 8.5 fl oz"
    assert window.acts.bottle_action.text() == "Bottle 16.9 fl oz (2.1 cups)"
    window.show_quick_log()
    assert "Glass of water (8.5 fl oz)" in window.quick_window.choices.text()
    tray.water_action.trigger()
    assert [w.volume_ml for w in diary.day(ctx, TODAY).water] == [250.0]
    assert "8.5 fl oz" in window.statusBar().currentMessage()
    window.settings.set("units", "metric")
    window.bus.publish(Changes(settings=True))
    assert tray.water_action.text().replace("&", "") == "Glass of water (250 ml)"
    assert window.acts.bottle_action.text() == "Bottle 500 ml"


def test_open_diary_and_quit(window: Any) -> None:
    window.hide()
    window.desktop.tray.open_action.trigger()
    assert window.isVisible()
    window.desktop.tray.quit_action.trigger()
    assert window.quitting and not window.isVisible()
    assert not window.desktop.reminders.timer.isActive()


def test_close_to_tray_asks_once_and_remembers(qtbot: Any, ctx: Context, tmp_path: Path,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    shown = make_window(qtbot, ctx, tmp_path / "settings.toml")
    desktop = Desktop(shown, QApplication.instance(), None, tray_available=False)
    monkeypatch.setattr(type(desktop.tray), "available", property(lambda _self: True))
    asked: list[int] = []
    monkeypatch.setattr(desktop, "_ask", lambda: asked.append(1) or "tray")
    assert shown.settings.get("close_to_tray") == "ask"
    shown.close()
    assert asked == [1] and not shown.isVisible() and not shown.quitting
    shown.settings.set("close_to_tray", "tray")
    shown.show()
    shown.close()
    assert asked == [1], "asked once; the answer is a setting from then on"
    shown.settings.set("close_to_tray", "quit")
    shown.show()
    shown.close()
    assert not shown.isVisible()


@pytest.mark.parametrize(("keys", "expected"), [
    ("t\r", ("episode", "calf")), ("t3", ("episode", "foot")),
    ("w\r", ("water", 250.0)), ("c\r", ("caffeine", 95.0))])
def test_quick_log_window_logs_in_two_keystrokes(qtbot: Any, window: Any, ctx: Context,
                                                 keys: str, expected: tuple[str, object]) -> None:
    window.show_quick_log()
    quick = window.quick_window
    qtbot.waitExposed(quick)
    # The keys go where the keyboard focus is, as a person's would: the quick window.
    qtbot.waitUntil(lambda: QApplication.focusWidget() is quick, timeout=3000)
    assert quick.windowFlags() & Qt.WindowType.WindowStaysOnTopHint
    for key in keys:
        if key == "\r":
            qtbot.keyClick(quick, Qt.Key.Key_Return)
        else:
            qtbot.keyClicks(quick, key)
    day = diary.day(ctx, TODAY)
    kind, value = expected
    if kind == "episode":
        assert [e.body_site for e in day.episodes] == [value]
        assert isinstance(day.episodes[0], Episode)
    elif kind == "water":
        assert [w.volume_ml for w in day.water] == [value]
        assert isinstance(day.water[0], WaterEntry)
    else:
        assert [c.caffeine_mg for c in day.caffeine] == [value]
    assert quick.status.text().startswith("✓ Logged")
    assert window.undo_stack.count() == 1
    qtbot.waitUntil(lambda: not quick.isVisible(), timeout=3000)


def test_quick_log_window_escape_and_stray_keys_log_nothing(qtbot: Any, window: Any,
                                                            ctx: Context) -> None:
    window.show_quick_log()
    quick = window.quick_window
    qtbot.keyClicks(quick, "x")
    qtbot.keyClick(quick, Qt.Key.Key_Return)
    qtbot.keyClick(quick, Qt.Key.Key_Escape)
    assert diary.day(ctx, TODAY).is_empty
    assert not quick.isVisible()


# Showing a tray icon where the platform (offscreen) has no tray window: Qt says so once.
@pytest.mark.qt_log_ignore(r"^QObject::connect: No such signal QPlatformNativeInterface::"
                           r"systemTrayWindowChanged\(QScreen\*\)$")
def test_clicking_the_tray_icon_shows_and_raises_the_window(qtbot: Any, window: Any) -> None:
    # A tray icon made as on a desktop that has a tray (Qt's answer is no under offscreen).
    tray = Tray(window, app_icon(), window.quit_app, available=True)
    assert tray.icon is not None and tray.icon.contextMenu() is tray.menu
    window.hide()
    tray.icon.activated.emit(QSystemTrayIcon.ActivationReason.Context)  # the menu, only
    assert not window.isVisible()
    tray.icon.activated.emit(QSystemTrayIcon.ActivationReason.Trigger)  # a click
    assert window.isVisible()
    window.showMinimized()
    tray.icon.activated.emit(QSystemTrayIcon.ActivationReason.Trigger)
    qtbot.waitUntil(lambda: not window.isMinimized(), timeout=3000)
    tray.remove()


def test_tray_icon_exists_only_where_a_tray_does() -> None:
    # The constructor asks Qt unless told; Qt's answer decides here.
    assert isinstance(QSystemTrayIcon.isSystemTrayAvailable(), bool)


def _press(qtbot: Any, quick: Any, keys: str) -> None:
    for key in keys:
        if key == "\r":
            qtbot.keyClick(quick, Qt.Key.Key_Return)
        else:
            qtbot.keyClicks(quick, key)


@pytest.mark.parametrize("how", ["quick t\r", "quick t3", "quick w\r", "quick c\r",
                                 "tray twitch", "tray eyelid", "tray water", "tray coffee"])
def test_quick_log_and_tray_entries_publish_one_change_the_window_and_charts_follow(
        qtbot: Any, window: Any, ctx: Context, monkeypatch: pytest.MonkeyPatch,
        how: str) -> None:
    profile.set_profile(ctx, Profile("female", dt.date(1985, 4, 2)))
    for back in range(1, 6):
        day = TODAY - dt.timedelta(days=back)
        diary.add_entry(ctx, WaterEntry(day, dt.time(9, 0), 750.0))
        diary.add_entry(ctx, Episode(day, dt.time(22, 0), "cramp", "calf", 5))
        diary.set_factors(ctx, DayFactors(day, complete=True))
    window.show_date(TODAY - dt.timedelta(days=2))
    window.show_charts("weekly")
    charts = window._charts
    qtbot.waitExposed(charts)
    redraws: list[int] = []
    chart_data = charts_window.analysis.chart_data
    monkeypatch.setattr(charts_window.analysis, "chart_data",
                        lambda c: redraws.append(1) or chart_data(c))
    published: list[Changes] = []
    window.bus.changed.connect(published.append)
    where, what = how.split(" ")
    if where == "quick":
        window.show_quick_log()
        quick = window.quick_window
        qtbot.waitUntil(lambda: QApplication.focusWidget() is quick, timeout=3000)
        _press(qtbot, quick, what)
    else:
        tray = window.desktop.tray
        action = {"twitch": tray.twitch_action, "eyelid": tray.site_actions["eyelid"],
                  "water": tray.water_action, "coffee": tray.coffee_action}[what]
        action.trigger()
    assert len(published) == 1, published
    assert published[0].dates == {TODAY}
    # The window shows the day the entry went to, with the entry in it.
    assert window.date == TODAY
    logged = [window.model.entry_at(row) for row in range(window.model.rowCount())]
    assert len(logged) == 1 and logged[0] is not None and logged[0].date == TODAY
    qtbot.waitUntil(lambda: bool(redraws), timeout=5000)
