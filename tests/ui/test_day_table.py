"""The day table's columns: the food's name gets the room, the kind is a small lettered box,
numbers are as wide as they are, and the table never scrolls sideways."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QStyleOptionViewItem

from tests.busy_day import seed_busy_day
from tracker.services import diary, supplements
from tracker.services.context import Context
from tracker.services.foods.catalog import get_foods
from tracker.ui.day.day_model import DayModel
from tracker.ui.day.day_rows import build_rows
from tracker.ui.day.day_table import DayTable

DAY = dt.date(2026, 3, 10)
TIME, KIND, WHAT, AMOUNT, MAGNESIUM, CALCIUM, VITAMIN_D, B12 = range(8)


@pytest.fixture
def table(qtbot: Any, ctx: Context) -> DayTable:
    seed_busy_day(ctx, DAY)
    entries = diary.day(ctx, DAY)
    foods = get_foods(ctx, {e.food_id for e in entries.foods})
    products = {p.id: p for p in supplements.products(ctx)}
    model = DayModel()
    model.set_rows(build_rows(entries, foods, products, "ml"))
    view = DayTable(model)
    qtbot.addWidget(view)
    view.resize(900, 500)
    view.show()
    qtbot.waitExposed(view)
    return view


def _widths(table: DayTable) -> list[int]:
    header = table.horizontalHeader()
    return [header.sectionSize(column) for column in range(8)]


def _texts(table: DayTable, column: int) -> list[str]:
    model = table.model()
    return [str(model.index(row, column).data() or "") for row in range(model.rowCount())]


def test_kind_is_a_box_with_its_word_as_tooltip_and_accessible_name(table: DayTable) -> None:
    model = table.model()
    kinds = {}
    for row in range(model.rowCount()):
        index = model.index(row, KIND)
        assert index.data(Qt.ItemDataRole.DisplayRole) in ("", None)
        assert not index.data(Qt.ItemDataRole.DecorationRole).isNull()
        word = index.data(Qt.ItemDataRole.ToolTipRole)
        assert index.data(Qt.ItemDataRole.AccessibleTextRole) == word
        assert index.data(Qt.ItemDataRole.AccessibleDescriptionRole) == f"Kind of entry: {word}"
        kinds[word] = index.data(Qt.ItemDataRole.DecorationRole)
    assert set(kinds) == {"Food", "Drink", "Water", "Caffeine", "Supplement", "Episode"}
    # Each kind's box is its own picture (a letter on a colour), not colour alone.
    images = {kind: icon.pixmap(32, 32).toImage() for kind, icon in kinds.items()}
    assert len({image.cacheKey() for image in images.values()}) == len(images)
    assert images["Water"] != images["Drink"]
    # The column is as narrow as the box and its title.
    assert _widths(table)[KIND] < QFontMetrics(table.font()).horizontalAdvance("Supplement")


def test_nutrient_headers_are_short_with_full_names_for_tooltips_and_screen_readers(
        table: DayTable) -> None:
    model = table.model()
    assert model.headerData(MAGNESIUM, Qt.Orientation.Horizontal) == "Mg\nmg"
    assert model.headerData(B12, Qt.Orientation.Horizontal) == "B12\nµg"
    assert model.headerData(MAGNESIUM, Qt.Orientation.Horizontal,
                            Qt.ItemDataRole.AccessibleTextRole) == "Magnesium, mg"
    assert model.headerData(VITAMIN_D, Qt.Orientation.Horizontal,
                            Qt.ItemDataRole.AccessibleTextRole) == "Vitamin D, µg"
    assert "Vitamin B12" in model.headerData(B12, Qt.Orientation.Horizontal,
                                             Qt.ItemDataRole.ToolTipRole)


def test_number_columns_are_as_wide_as_their_numbers(table: DayTable) -> None:
    metrics = QFontMetrics(table.font())
    widths = _widths(table)
    for column in (MAGNESIUM, CALCIUM, VITAMIN_D, B12):
        widest = max(metrics.horizontalAdvance(text) for text in _texts(table, column))
        assert widths[column] > widest
        # Sized to the figures, not to a nutrient's full name.
        assert widths[column] < metrics.horizontalAdvance("Magnesium") + 16


def test_what_gets_the_stretch_and_is_cut_in_the_middle_only_when_it_must(
        table: DayTable, qtbot: Any) -> None:
    metrics = QFontMetrics(table.font())
    names = _texts(table, WHAT)
    longest = max(metrics.horizontalAdvance(name) for name in names)
    widths = _widths(table)
    assert widths[WHAT] == max(w for column, w in enumerate(widths) if column != KIND)
    assert widths[WHAT] < longest  # at 900 px the lamb rack's 134 characters do not fit
    assert table.textElideMode() == Qt.TextElideMode.ElideMiddle
    model = table.model()
    for row, name in enumerate(names):
        assert model.index(row, WHAT).data(Qt.ItemDataRole.ToolTipRole) == name
    table.resize(longest + 700, 500)
    qtbot.waitUntil(lambda: _widths(table)[WHAT] > longest)
    # With room for every name, Amount gets its whole text too, and nothing is cut.
    widths = _widths(table)
    amounts = max(metrics.horizontalAdvance(text) for text in _texts(table, AMOUNT))
    assert widths[AMOUNT] > amounts
    assert table.itemDelegateForColumn(AMOUNT) is None


def test_at_its_narrowest_the_table_keeps_every_column_and_never_scrolls_sideways(
        table: DayTable, qtbot: Any) -> None:
    natural = _widths(table)
    table.resize(table.minimumSizeHint().width(), 500)
    qtbot.waitUntil(lambda: table.width() == table.minimumSizeHint().width())
    qtbot.wait(50)  # the scroll bars settle after the resize
    widths = _widths(table)
    assert not table.horizontalScrollBar().isVisible()
    for column in (TIME, KIND, MAGNESIUM, CALCIUM, VITAMIN_D, B12):
        assert widths[column] == natural[column]
    assert widths[WHAT] >= widths[AMOUNT]
    # Amount is cut at its end, keeping the grams that start it.
    delegate = table.itemDelegateForColumn(AMOUNT)
    assert delegate is not None
    amounts = _texts(table, AMOUNT)
    longest = max(amounts, key=QFontMetrics(table.font()).horizontalAdvance)
    option = QStyleOptionViewItem()
    delegate.initStyleOption(option, table.model().index(amounts.index(longest), AMOUNT))
    assert option.textElideMode == Qt.TextElideMode.ElideRight


def test_a_wider_figure_widens_its_column(table: DayTable, ctx: Context) -> None:
    from tracker.domain.entries import SupplementDose, SupplementProduct

    before = _widths(table)[B12]
    big = supplements.save_product(ctx, SupplementProduct("Vitamin B12 5000 µg",
                                                          {"vitamin_b12": 5000.0}))
    diary.add_entry(ctx, SupplementDose(DAY, dt.time(23, 0), big.id, 2.0))
    entries = diary.day(ctx, DAY)
    rows = build_rows(entries, get_foods(ctx, {e.food_id for e in entries.foods}),
                      {p.id: p for p in supplements.products(ctx)}, "ml")
    table.day_model.set_rows(rows)
    assert "10000.00" in _texts(table, B12)
    width = QFontMetrics(table.font()).horizontalAdvance("10000.00")
    assert _widths(table)[B12] > width >= before
