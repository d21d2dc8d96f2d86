"""Calendar heat map of twitch episodes per day: one column per week, Monday on top.

Takes the grid from ``tracker.analysis.episode_calendar.calendar_grid``; days
outside the period stay grey so they are not mistaken for episode-free days.
"""

from __future__ import annotations

import math
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pyqtgraph as pg
from PySide6.QtCore import QPointF
from PySide6.QtWidgets import (
    QComboBox,
    QLabel,
    QMessageBox,
    QVBoxLayout,
    QWidget,
)

from tracker.domain.errors import UserError
from tracker.ui.charts import style
from tracker.ui.charts.export import ask_and_save_png, save_widget_png

# ``CalendarGrid`` from the analysis layer: ``first_monday``, ``counts`` (7 × weeks,
# NaN outside the period), ``last_weeks(n)`` and ``highest()``.
Grid = Any

WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
# None shows everything passed in.
RANGES: tuple[int | None, ...] = (12, 26, 52, None)
MAX_WEEKS_WITH_CELL_LINES = 60
COLOURS = ("#FFF5EB", "#FDAE6B", "#E6550D", "#7F2704")


class EpisodeHeatmap(QWidget):
    """How many twitch episodes each day had, laid out like a wall calendar."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._all: Grid | None = None
        self._shown: Grid | None = None
        self._weeks: int | None = 26

        self.range_box = QComboBox()
        for weeks in RANGES:
            self.range_box.addItem("Everything" if weeks is None else f"Last {weeks} weeks",
                                   weeks)
        self.range_box.setCurrentIndex(RANGES.index(self._weeks))
        self.range_box.currentIndexChanged.connect(self._show_range)
        header, self.save_button = style.chart_header(
            "Twitch episodes per day", "Show:", self.range_box, self._ask_and_save_png)

        self.graphics = pg.GraphicsLayoutWidget()
        self.graphics.setMinimumHeight(220)
        self.plot: pg.PlotItem = self.graphics.addPlot(row=0, col=0)
        style.style_plot(self.plot, "", "")
        self.plot.showGrid(x=False, y=False)
        self.plot.setMouseEnabled(x=False, y=False)
        self.plot.invertY(True)
        self.plot.getAxis("left").setTicks([[(i + 0.5, d) for i, d in enumerate(WEEKDAYS)], []])
        # Grey shows through where there is no day, so it never reads as zero.
        self.plot.vb.setBackgroundColor("#E6E6E6")
        self.image = pg.ImageItem(axisOrder="row-major")
        self.plot.addItem(self.image)
        self.cell_lines = pg.PlotDataItem(pen=pg.mkPen("w", width=2), connect="pairs",
                                          antialias=False)
        self.plot.addItem(self.cell_lines)
        stops = [i / (len(COLOURS) - 1) for i in range(len(COLOURS))]
        self.colour_map = pg.ColorMap(stops, list(COLOURS))
        self.colour_bar = pg.ColorBarItem(values=(0, 3), colorMap=self.colour_map,
                                          label="Episodes per day", interactive=False,
                                          width=14)
        self.colour_bar.setImageItem(self.image, insert_in=self.plot)

        self.hover_label = QLabel("Point at a day to see its count.")
        self.graphics.scene().sigMouseMoved.connect(self._show_hover)

        layout = QVBoxLayout(self)
        layout.addLayout(header)
        layout.addWidget(self.graphics, 1)
        layout.addWidget(self.hover_label)

    def set_data(self, grid: Grid) -> None:
        """Show ``grid`` (every day of the period; the range selector picks the weeks)."""
        self._all = grid
        self.redraw()

    def set_weeks(self, weeks: int | None) -> None:
        self.range_box.setCurrentIndex(RANGES.index(weeks))

    def _show_range(self, index: int) -> None:
        self._weeks = RANGES[index]
        self.redraw()

    def redraw(self) -> None:
        """Show the selected range of the grid and repaint."""
        if self._all is None:
            return
        shown = self._all.last_weeks(self._weeks)
        self._shown = shown
        n_weeks = int(shown.counts.shape[1])
        if n_weeks == 0:
            self.image.clear()
            self.cell_lines.setData([], [])
            return
        top = max(3, shown.highest())
        self.image.setImage(shown.counts, levels=(0, top), autoLevels=False)
        self.image.setRect(0, 0, n_weeks, 7)
        self.colour_bar.setLevels((0, top))
        # Past about a year the cells are too narrow for gaps to help, and
        # stroking hundreds of lines blows the redraw budget.
        if n_weeks <= MAX_WEEKS_WITH_CELL_LINES:
            self.cell_lines.setData(*self._cell_line_points(n_weeks))
        else:
            self.cell_lines.setData([], [])
        self.plot.setXRange(0, n_weeks, padding=0.01)
        self.plot.setYRange(0, 7, padding=0.02)
        self.plot.getAxis("bottom").setTicks([self._month_ticks(shown.first_monday, n_weeks),
                                              []])

    @staticmethod
    def _cell_line_points(n_weeks: int) -> tuple[list[float], list[float]]:
        """White segments between cells, as x and y arrays joined in pairs."""
        xs: list[float] = []
        ys: list[float] = []
        for col in range(n_weeks + 1):
            xs += [col, col]
            ys += [0, 7]
        for row in range(8):
            xs += [0, n_weeks]
            ys += [row, row]
        return xs, ys

    @staticmethod
    def _month_ticks(first_monday: date, n_weeks: int) -> list[tuple[float, str]]:
        """A tick at the week holding each month's first day; the year on January
        and on the first label, thinned out when many years are shown."""
        ticks: list[tuple[float, str]] = []
        step = 1 if n_weeks <= 60 else 3 if n_weeks <= 160 else 12
        last = first_monday + timedelta(days=7 * n_weeks)
        month = date(first_monday.year, first_monday.month, 1)
        count = 0
        while month < last:
            if month >= first_monday and count % step == 0:
                label = f"{month:%b %Y}" if month.month == 1 or not ticks else f"{month:%b}"
                ticks.append(((month - first_monday).days // 7 + 0.5, label))
            if month >= first_monday:
                count += 1
            month = date(month.year + month.month // 12, month.month % 12 + 1, 1)
        return ticks

    # What is shown, for hover text and tests
    def grid(self) -> list[list[float]]:
        """The drawn grid: rows Monday..Sunday, one column per week, NaN where no day."""
        return [] if self._shown is None else self._shown.counts.tolist()

    def cell_of(self, day: date) -> tuple[int, int] | None:
        """(row, column) of ``day`` in the grid, or None when it is not shown."""
        if self._shown is None:
            return None
        offset = (day - self._shown.first_monday).days
        row, col = offset % 7, offset // 7
        if offset < 0 or col >= self._shown.counts.shape[1] or \
                math.isnan(self._shown.counts[row, col]):
            return None
        return row, col

    def value_at(self, day: date) -> int | None:
        cell = self.cell_of(day)
        return None if cell is None or self._shown is None else int(self._shown.counts[cell])

    def hover_text(self, row: int, col: int) -> str:
        if self._shown is None or not (0 <= row < 7 and 0 <= col < self._shown.counts.shape[1]):
            return ""
        value = float(self._shown.counts[row, col])
        if math.isnan(value):
            return ""
        day = self._shown.first_monday + timedelta(days=col * 7 + row)
        count = int(value)
        return f"{day:%A} {day.day} {day:%B %Y}: {count} twitch episode{'s' if count != 1 else ''}"

    def _show_hover(self, pos: QPointF) -> None:
        if not self.plot.sceneBoundingRect().contains(pos):
            return
        point = self.plot.vb.mapSceneToView(pos)
        text = self.hover_text(math.floor(point.y()), math.floor(point.x()))
        if text:
            self.hover_label.setText(text)

    def save_png(self, path: str | Path) -> Path:
        """Save the heat map as it looks now into a PNG file."""
        return save_widget_png(self, path)

    def _ask_and_save_png(self) -> None:
        try:
            ask_and_save_png(self, "twitch-calendar.png")
        except UserError as err:
            QMessageBox.warning(self, "Could not save", err.message)
