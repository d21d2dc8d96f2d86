"""The totals panel shows what the totals service computed: bars, states, sources, completeness."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from pytestqt.qtbot import QtBot

from tests.ui.window_fixtures import shown
from tracker.domain.entries import Profile, SupplementDose, SupplementProduct, WaterEntry
from tracker.services import diary, profile, supplements, totals
from tracker.services.context import Context
from tracker.services.foods import catalog as foods
from tracker.ui.day.nutrient_bar import (
    BAR_SCALE_PERCENT,
    BELOW,
    BESIDE,
    FILL_COLOURS,
    INSIDE,
    STATE_COLOURS,
)
from tracker.ui.day.totals_panel import TotalsPanel
from tracker.ui.day.totals_side import TotalsSide

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


def test_foods_without_data_fold_to_one_line_that_opens_a_list(panel: TotalsPanel,
                                                               busy_day: Context) -> None:
    diary.add_entry(busy_day, diary.new_food_entry(busy_day, "sr28:21473", DAY, NOON,
                                                   grams=150.0))  # DIGIORNO: no vitamin D
    day = totals.day_summary(busy_day, DAY)
    panel.show_summary(day, totals.week_summary(busy_day, DAY))
    lacking = panel.lacking
    assert lacking.toggle.text() == "2 foods lack some values — show"
    assert not lacking.list.isVisible()
    assert "Grandma's stew" in lacking.toggle.toolTip()
    lacking.toggle.click()
    assert lacking.toggle.text() == "2 foods lack some values — hide"
    assert lacking.list.isVisible()
    lines = lacking.text().splitlines()
    assert lines[0].startswith("Grandma's stew: no magnesium, calcium, vitamin D and ")
    assert lines[1] == ("DIGIORNO Pizza, cheese topping, cheese stuffed crust, frozen, baked: "
                        "no vitamin D or caffeine")
    # Opened, it is a list that wraps and scrolls, never a line cut at the panel's edge.
    assert lacking.list.wordWrap()
    assert lacking.list.horizontalScrollBarPolicy() == Qt.ScrollBarPolicy.ScrollBarAlwaysOff
    assert lacking.toggle.accessibleName() == lacking.toggle.text()


def test_bar_figures_never_cross_a_notch_or_leave_the_bar_at_any_width(
        panel: TotalsPanel, busy_day: Context) -> None:
    panel.show_summary(totals.day_summary(busy_day, DAY), totals.week_summary(busy_day, DAY))
    bars = panel.bars
    seen = set()
    for width in range(100, 900, 10):
        placement = bars.placement(width)
        seen.add(placement)
        for bar in bars.bars:
            track, text = bar.geometry_for(placement, width)
            needed = bar.fontMetrics().horizontalAdvance(bar.text)
            assert text.width() >= needed and text.left() >= 0
            assert text.right() <= width or (placement == BELOW and needed > width)
            notches = [track.left() + track.width() * at for at, _ in bar.notches()]
            if placement == BELOW:
                assert text.top() > track.bottom()
            else:
                assert not any(text.left() - 2 <= x <= text.right() + 2 for x in notches), (
                    bar.text, width, placement)
    assert seen == {INSIDE, BESIDE, BELOW} or seen == {INSIDE, BELOW}
    # Narrow, the figures go below; wide, inside; the bars are never too short to read.
    assert bars.placement(120) == BELOW and bars.placement(800) == INSIDE


def test_full_figures_are_in_the_tooltip_and_the_accessible_name(panel: TotalsPanel,
                                                                 busy_day: Context) -> None:
    day = totals.day_summary(busy_day, DAY)
    panel.show_summary(day, totals.week_summary(busy_day, DAY))
    calcium = day.nutrients["calcium"]
    figures = f"{calcium.amount:,.0f} mg, {calcium.percent_of_target:.0f} % of target"
    bar = panel.rows["calcium"].bar
    assert bar.accessibleName() == f"Calcium: {figures}, Short"
    assert bar.toolTip().startswith(f"<b>Calcium</b>: {figures}")
    assert bar.accessibleDescription().startswith(f"Target {calcium.target:,.0f} mg")
    caffeine = day.nutrients["caffeine"]
    assert panel.rows["caffeine"].bar.accessibleName() == (
        f"Caffeine: {caffeine.amount:,.0f} mg, {caffeine.percent_of_upper_limit:.0f} % of the "
        "upper limit, Within limit")


def test_drinks_figures_sit_beside_the_drinks_bar(qtbot: QtBot, busy_day: Context) -> None:
    side = shown(qtbot, TotalsSide(), 500, 600)
    day = totals.day_summary(busy_day, DAY)
    side.show_summary(day, totals.week_summary(busy_day, DAY), "ml")
    target = day.nutrients["drinks"].target
    assert not side.drinks_bar.isTextVisible()
    assert side.drinks_text.text() == f"{day.drinks_ml:.0f} ml of {target:.0f} ml"
    assert side.drinks_bar.accessibleName() == f"Drinks today: {side.drinks_text.text()}"


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
