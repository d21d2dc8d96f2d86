"""Colours, pens and fonts shared by every chart, chosen to read well in print and for
colour-blind users (the Okabe–Ito palette)."""

from __future__ import annotations

from collections.abc import Callable

import pyqtgraph as pg
from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QPushButton

pg.setConfigOptions(antialias=True, background="w", foreground="#333333")

SERIES_COLOURS: dict[str, str] = {
    "magnesium_pct": "#0072B2",
    "calcium_pct": "#E69F00",
    "vitamin_d_pct": "#009E73",
    "vitamin_b12_pct": "#CC79A7",
    "drinks_pct": "#56B4E9",
    "caffeine_pct": "#A0522D",
    # Further series from Paul Tol's colour-blind-safe muted palette.
    "potassium_pct": "#882255",
    "alcohol_days_pct": "#AA4499",
    "short_sleep_days_pct": "#332288",
    "high_stress_days_pct": "#DDCC77",
    "hard_exercise_days_pct": "#117733",
}
EPISODE_COLOUR = "#C0392B"
TARGET_COLOUR = "#555555"
EXPOSED_COLOUR = "#D55E00"
OTHER_COLOUR = "#0072B2"
TREND_COLOUR = "#222222"


def target_pen() -> object:
    """Dashed grey line for the 100 % target."""
    return pg.mkPen(TARGET_COLOUR, width=1.5, style=Qt.PenStyle.DashLine)


def episode_pen() -> object:
    return pg.mkPen(EPISODE_COLOUR, width=2)


def brush(colour: str, alpha: int = 255) -> object:
    qcolour = QColor(colour)
    qcolour.setAlpha(alpha)
    return pg.mkBrush(qcolour)


def chart_header(title: str, picker_label: str, picker: QComboBox,
                 on_save: Callable[[], object]) -> tuple[QHBoxLayout, QPushButton]:
    """The row above every chart: its title, what to show, and "Save as PNG…"."""
    heading = QLabel(title)
    heading.setFont(title_font(14))
    save_button = QPushButton("Save as PNG…")
    save_button.clicked.connect(on_save)
    header = QHBoxLayout()
    header.addWidget(heading)
    header.addStretch(1)
    header.addWidget(QLabel(picker_label))
    header.addWidget(picker)
    header.addWidget(save_button)
    return header, save_button


def title_font(point_size: int = 12) -> QFont:
    font = QFont()
    font.setPointSize(point_size)
    font.setBold(True)
    return font


def style_plot(plot: pg.PlotItem, title: str, left: str, bottom: str | None = None) -> None:
    """Title and axis labels with units, the same on every chart.

    No grid: pyqtgraph draws every minor grid line through the axis item, which
    made one redraw of the weekly chart take several times the 50 ms budget.
    """
    if title:
        plot.setTitle(title, size="12pt", bold=True)
    plot.setLabel("left", left)
    if bottom is not None:
        plot.setLabel("bottom", bottom)
    plot.setMenuEnabled(False)
    plot.hideButtons()


# Self-experiment blocks behind the weekly bars: ON faintly green, OFF faintly grey.
PHASE_COLOURS = {"on": (46, 125, 50, 38), "off": (96, 110, 125, 26)}


def phase_brush(phase: str) -> QBrush:
    return pg.mkBrush(*PHASE_COLOURS[phase])
