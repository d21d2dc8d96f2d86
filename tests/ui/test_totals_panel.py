"""The totals panel shows what the totals service computed: bars, states, sources, completeness."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtGui import QColor
from pytestqt.qtbot import QtBot

from tests.ui.window_fixtures import shown
from tracker.domain.entries import Profile, SupplementDose, SupplementProduct, WaterEntry
from tracker.services import diary, foods, profile, supplements, totals
from tracker.services.context import Context
from tracker.ui.day.nutrient_bar import BAR_SCALE_PERCENT, FILL_COLOURS, STATE_COLOURS
from tracker.ui.day.totals_panel import TotalsPanel

DAY = dt.date(2026, 11, 20)
NOON = dt.time(12, 0)


def _eat(ctx: Context, food_id: str, grams: float, day: dt.date = DAY) -> None:
    diary.add_entry(ctx, diary.new_food_entry(ctx, food_id, day, NOON, grams=grams))


@pytest.fixture
def panel(qtbot: QtBot) -> TotalsPanel:
    return shown(qtbot, TotalsPanel(), 600, 420)


@pytest.fixture
def busy_day(ctx: Context) -> Context:
    profile.set_profile(ctx, Profile("female", dt.date(1980, 5, 1)))
    _eat(ctx, "sr28:12061", 40.0, DAY - dt.timedelta(days=1))  # almonds: 108 mg magnesium
    _eat(ctx, "sr28:11090", 150.0)  # broccoli
    _eat(ctx, "sr28:01077", 244.0)  # whole milk
    _eat(ctx, "sr28:14209", 400.0)  # coffee: 160 mg caffeine
    stew = foods.add_custom_food(ctx, "Grandma's stew", 300.0, {"energy": 450.0,
                                                                "water": 200.0})
    _eat(ctx, stew.id, 100.0)
    diary.add_entry(ctx, WaterEntry(DAY, NOON, 500.0))
    product = supplements.save_product(ctx, SupplementProduct("Magnesium citrate",
                                                              {"magnesium": 200.0}))
    diary.add_entry(ctx, SupplementDose(DAY, NOON, product.id, 2))
    return ctx


def test_bars_reflect_amounts_and_targets(panel: TotalsPanel, busy_day: Context) -> None:
    day = totals.day_summary(busy_day, DAY)
    panel.show_summary(day, totals.week_summary(busy_day, DAY))
    calcium = day.nutrients["calcium"]
    bar = panel.rows["calcium"].bar
    scale = calcium.target * BAR_SCALE_PERCENT / 100  # type: ignore[operator]
    assert bar.fraction == pytest.approx(calcium.amount / scale)  # type: ignore[operator]
    assert bar.target_at == pytest.approx(100 / BAR_SCALE_PERCENT)
    assert f"{calcium.percent_of_target:.0f} %" in bar.text
    assert panel.rows["calcium"].state.text() == "Short"
    assert bar.state == "short"
    assert panel.rows["vitamin_b12"].state.text() in ("Short", "Met")


def test_supplement_magnesium_over_the_limit_is_a_warning(panel: TotalsPanel,
                                                          busy_day: Context) -> None:
    panel.show_summary(totals.day_summary(busy_day, DAY), totals.week_summary(busy_day, DAY))
    row = panel.rows["magnesium"]
    assert row.bar.state == "above_limit"
    assert "Above limit" in row.state.text()
    assert STATE_COLOURS["above_limit"] in row.state.styleSheet()
    assert row.detail.isVisible()
    assert "Supplements give 400 mg" in row.detail.text()
    assert "350 mg" in row.detail.text()
    # The magnesium limit counts supplements only, so it is not drawn on the total's bar.
    assert row.bar.limit_at is None


def test_tooltip_lists_top_sources_and_the_reference(panel: TotalsPanel,
                                                     busy_day: Context) -> None:
    panel.show_summary(totals.day_summary(busy_day, DAY), totals.week_summary(busy_day, DAY))
    tip = panel.rows["magnesium"].bar.toolTip()
    assert "Magnesium citrate — 2 unit: 400 mg" in tip
    assert tip.index("Magnesium citrate") < tip.index("Broccoli, raw")
    assert "Recommended Dietary Allowance" in tip
    assert "supplements only" in tip
    assert "NAP 5776" in tip
    caffeine_tip = panel.rows["caffeine"].bar.toolTip()
    assert "Beverages, coffee" in caffeine_tip and "160 mg" in caffeine_tip


def test_completeness_is_shown_beside_the_total(panel: TotalsPanel, busy_day: Context) -> None:
    day = totals.day_summary(busy_day, DAY)
    panel.show_summary(day, totals.week_summary(busy_day, DAY))
    share = day.nutrients["calcium"].known_fraction
    assert share is not None and share < 1
    known = panel.rows["calcium"].known
    assert known.text() == f"{100 * share:.0f} %"
    assert "of food mass has data; missing: Grandma's stew" in known.toolTip()
    assert panel.rows["energy"].known.text() == "100 %"
    assert panel.lacking.isVisible()
    assert "Grandma's stew" in panel.lacking.text()


def test_week_column_and_limits(panel: TotalsPanel, busy_day: Context) -> None:
    week = totals.week_summary(busy_day, DAY)
    panel.show_summary(totals.day_summary(busy_day, DAY), week)
    assert week.logged_days == 2
    assert "2 logged days" in panel.week_header.text()
    mean = week.nutrients["calcium"].mean_percent_of_target
    assert panel.rows["calcium"].week.text() == f"{mean:.0f} %"
    assert "mg" in panel.rows["caffeine"].week.text()
    caffeine = panel.rows["caffeine"].bar
    assert caffeine.state == "within_limit"
    assert caffeine.limit_at == pytest.approx(100 / BAR_SCALE_PERCENT)
    assert "of limit" in caffeine.text
    energy = panel.rows["energy"].bar
    assert energy.fraction == 0.0 and energy.target_at is None
    assert "kcal" in energy.text


def test_no_profile_shows_how_to_set_one(panel: TotalsPanel, ctx: Context) -> None:
    panel.show_summary(totals.day_summary(ctx, DAY), totals.week_summary(ctx, DAY))
    assert panel.notice.isVisible()
    assert "profile" in panel.notice.text()
    assert panel.rows["magnesium"].known.text() == ""
    assert not panel.lacking.isVisible()


def test_renders_with_state_colours(panel: TotalsPanel, busy_day: Context,
                                   qtbot: QtBot) -> None:
    panel.show_summary(totals.day_summary(busy_day, DAY), totals.week_summary(busy_day, DAY))
    qtbot.waitExposed(panel)
    image = panel.grab().toImage()
    bar = panel.rows["magnesium"].bar
    spot = bar.mapTo(panel, bar.rect().center())
    spot.setX(bar.mapTo(panel, bar.rect().topLeft()).x() + 3)
    pixel = image.pixelColor(spot * panel.devicePixelRatioF())
    red = QColor(FILL_COLOURS["above_limit"])
    assert abs(pixel.red() - red.red()) < 40 and abs(pixel.green() - red.green()) < 40
