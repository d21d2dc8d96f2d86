"""View → Weekly charts / Relationships open the charts on a seeded diary."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from PySide6.QtGui import QImage

from tests.ui.window_fixtures import NOW, make_window
from tracker.domain.entries import DayFactors, Episode, Profile, WaterEntry
from tracker.services import diary, profile
from tracker.services.context import Context
from tracker.services.foods import search_foods
from tracker.ui.charts import charts_window


def _seed(ctx: Context, days: int) -> None:
    profile.set_profile(ctx, Profile("female", dt.date(1985, 4, 2)))
    spinach = search_foods(ctx, "spinach raw", 1)[0].id
    for offset in range(days):
        day = NOW.date() - dt.timedelta(days=offset)
        grams = 40.0 if offset % 3 else 200.0
        diary.add_entry(ctx, diary.new_food_entry(ctx, spinach, day, dt.time(12, 0),
                                                  grams=grams))
        diary.add_entry(ctx, WaterEntry(day, dt.time(9, 0), 750.0))
        if offset % 3:
            diary.add_entry(ctx, Episode(day, dt.time(22, 0), "cramp", "calf", 5))
        diary.set_factors(ctx, DayFactors(day, complete=True))


def test_weekly_and_relationship_views_open_from_the_menu(qtbot: Any, ctx: Context,
                                                          tmp_path: Path) -> None:
    _seed(ctx, 30)
    window = make_window(qtbot, ctx, tmp_path / "settings.toml")
    window.acts.weekly_action.trigger()
    charts = window._charts
    assert isinstance(charts, charts_window.ChartsWindow)
    qtbot.waitExposed(charts)
    assert charts.panel.currentIndex() == charts_window.WEEKLY_TAB
    assert "Diary from" in charts.period_label.text()

    window.acts.relationships_action.trigger()
    assert window._charts is charts  # one charts window, brought forward again
    assert charts.panel.currentIndex() == charts_window.RELATIONSHIP_TAB

    out = charts.panel.relationship.save_png(tmp_path / "relationship.png")
    image = QImage(str(out))
    assert not image.isNull() and image.width() > 300


def test_charts_window_refresh_picks_up_new_entries(qtbot: Any, ctx: Context,
                                                    tmp_path: Path) -> None:
    _seed(ctx, 5)
    window = make_window(qtbot, ctx, tmp_path / "settings.toml")
    window.acts.weekly_action.trigger()
    charts = window._charts
    first_label = charts.period_label.text()
    earlier = NOW.date() - dt.timedelta(days=40)
    diary.add_entry(ctx, WaterEntry(earlier, dt.time(9, 0), 500.0))
    charts.refresh()
    assert charts.period_label.text() != first_label
    assert f"{earlier:%d %b %Y}" in charts.period_label.text()
