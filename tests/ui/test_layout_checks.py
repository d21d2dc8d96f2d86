"""The cut-text detector the layout tests rely on finds each kind of cut it claims to."""

from __future__ import annotations

from typing import Any

from PySide6.QtGui import QStandardItemModel
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QSpinBox,
    QTableView,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from tests.ui.layout_checks import clipped, horizontal_scroll_bars
from tracker.ui.day.nutrient_bar import NutrientBar

LONG = "Day complete (everything logged)"


def _shown(qtbot: Any, widget: QWidget) -> QWidget:
    qtbot.addWidget(widget)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def test_a_window_with_room_for_everything_has_nothing_cut(qtbot: Any) -> None:
    host = QWidget()
    layout = QVBoxLayout(host)
    layout.addWidget(QLabel(LONG))
    layout.addWidget(QCheckBox(LONG))
    wrapped = QLabel(LONG * 4)
    wrapped.setWordWrap(True)
    layout.addWidget(wrapped)
    _shown(qtbot, host)
    assert clipped(host) == []


def test_a_label_narrower_than_its_text_is_found(qtbot: Any) -> None:
    label = QLabel(LONG)
    label.setMinimumWidth(1)
    label.setFixedWidth(label.fontMetrics().horizontalAdvance(LONG) // 2)
    _shown(qtbot, label)
    (problem,) = clipped(label)
    assert "Day complete" in problem


def test_a_wrapped_label_shorter_than_its_lines_is_found(qtbot: Any) -> None:
    label = QLabel(LONG * 4)
    label.setWordWrap(True)
    label.setFixedSize(200, label.fontMetrics().height())
    _shown(qtbot, label)
    assert clipped(label) and "high" in clipped(label)[0]


def test_a_squeezed_check_box_is_found(qtbot: Any) -> None:
    box = QCheckBox(LONG)
    box.setFixedWidth(box.sizeHint().width() - 40)
    _shown(qtbot, box)
    assert clipped(box)


def test_a_squeezed_group_box_title_and_combo_box_are_found(qtbot: Any) -> None:
    group = QGroupBox("Totals for Tue 10 Mar 2026 (so far)")
    combo = QComboBox()
    combo.addItems(["5 – very stressed"])
    QHBoxLayout(group).addWidget(combo)
    group.setFixedWidth(60)
    combo.setFixedWidth(50)
    _shown(qtbot, group)
    problems = clipped(group)
    assert any("QGroupBox" in p for p in problems)
    assert any("QComboBox" in p for p in problems)


def test_a_spin_box_too_narrow_for_its_value_is_found(qtbot: Any) -> None:
    spin = QSpinBox()
    spin.setRange(0, 1440)
    spin.setSuffix(" min")
    spin.setValue(1440)
    spin.setFixedWidth(40)
    _shown(qtbot, spin)
    assert clipped(spin)


def test_a_header_section_narrower_than_its_title_and_a_sideways_scroll_are_found(
        qtbot: Any) -> None:
    model = QStandardItemModel(3, 3)
    model.setHorizontalHeaderLabels(["Magnesium\nmg", "Calcium\nmg", "What"])
    table = QTableView()
    table.setModel(model)
    table.horizontalHeader().resizeSection(0, 20)
    table.horizontalHeader().resizeSection(2, 2000)
    table.resize(400, 200)
    _shown(qtbot, table)
    assert any("Magnesium" in p for p in clipped(table))
    assert horizontal_scroll_bars(table)


def test_a_tool_bar_button_pushed_into_the_overflow_menu_is_found(qtbot: Any) -> None:
    window = QMainWindow()
    bar = QToolBar("quick")
    bar.setObjectName("quick")
    for name in ("Add food", "Copy previous day's foods", "Glass 250 ml", "Bottle 500 ml"):
        bar.addAction(name)
    window.addToolBar(bar)
    window.setCentralWidget(QWidget())
    window.resize(120, 200)
    _shown(qtbot, window)
    assert any("overflow" in p for p in clipped(window))


def test_figures_across_a_notch_are_found(qtbot: Any) -> None:
    bar = NutrientBar()
    bar.text = "1,330 ml  ·  60 % of target"
    bar.target_at = 0.3
    bar.resize(400, bar.sizeHint().height())
    bar.placement = lambda: "inside"  # type: ignore[method-assign]
    _shown(qtbot, bar)
    assert any("notch" in p for p in clipped(bar))
