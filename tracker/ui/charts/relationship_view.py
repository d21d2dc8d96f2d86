"""Relationship view: episodes on exposed versus other days, a scatter with a trend
line, and the findings in plain words with the simple and the adjusted estimate.

Takes the dict from ``analyze_relationships`` and the ``ScatterData`` per
exposure from ``chosen_points``; never reads the diary itself.
"""

from __future__ import annotations

import html
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pyqtgraph as pg
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QLabel,
    QMessageBox,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from tracker.domain.errors import UserError
from tracker.domain.finding_text import DISCLAIMER
from tracker.ui.charts import style
from tracker.ui.charts.export import ask_and_save_png, save_widget_png

# ``ScatterData`` from the analysis layer: lists ``percent``, ``episodes``,
# ``exposed`` and ``trend`` (slope, intercept) or None.
Points = Any

# Used when a result predates the "sides" of each finding.
DEFAULT_SIDES = ("Below target", "At or above target")
FINDINGS_HEIGHT = 270
CAP = 0.09  # half the width of a whisker cap, in bar-position units


class RelationshipView(QWidget):
    """One exposure at a time, chosen from a list that marks flagged findings."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._result: dict[str, Any] = {}
        self._points: dict[str, Points] = {}
        self._key: str | None = None
        self._trend: tuple[float, float] | None = None

        self.exposure_box = QComboBox()
        self.exposure_box.currentIndexChanged.connect(self._exposure_picked)
        header, self.save_button = style.chart_header(
            "Twitching and what you eat, drink and do", "Look at:", self.exposure_box,
            self._ask_and_save_png)

        self.graphics = pg.GraphicsLayoutWidget()
        self.graphics.setMinimumHeight(330)
        self.bar_plot: pg.PlotItem = self.graphics.addPlot(row=0, col=0)
        style.style_plot(self.bar_plot, "Episodes per day", "Twitch episodes per day")
        self.bar_plot.setTitle("Episodes per day", size="11pt", bold=True)
        self.bar_plot.setMouseEnabled(x=False, y=False)
        self.bars = pg.BarGraphItem(x=[0, 1], height=[0, 0], width=0.6, pens=None,
                                    brushes=[style.brush(style.EXPOSED_COLOUR),
                                             style.brush(style.OTHER_COLOUR)])
        # Interval whiskers as line pairs: a stem and two caps per bar.
        self.whiskers = pg.PlotDataItem(pen=pg.mkPen("#222222", width=2), connect="pairs")
        self._bounds: list[tuple[float, float]] | None = None
        self.bar_plot.addItem(self.bars)
        self.bar_plot.addItem(self.whiskers)
        self.bar_note = pg.TextItem("", color="#555555", anchor=(0.5, 0.5))
        self.bar_plot.addItem(self.bar_note)

        self.scatter_plot: pg.PlotItem = self.graphics.addPlot(row=0, col=1)
        style.style_plot(self.scatter_plot, "Each logged day", "Twitch episodes", "% of target")
        self.scatter_plot.setMouseEnabled(x=False, y=False)
        self.scatter_legend = self.scatter_plot.addLegend(offset=(-8, 4), labelTextSize="9pt")
        # Swatches for the legend only; the points themselves are one pair of
        # items per exposure, filled once per data set, so switching exposure only
        # shows one pair and hides another (refilling ten years of points took
        # most of the 50 ms a redraw may cost).
        self.scatter_exposed = pg.ScatterPlotItem(
            size=7, pen=None, brush=style.brush(style.EXPOSED_COLOUR, 150))
        self.scatter_other = pg.ScatterPlotItem(
            size=7, pen=None, brush=style.brush(style.OTHER_COLOUR, 150))
        self._scatters: dict[str, tuple[pg.ScatterPlotItem, pg.ScatterPlotItem]] = {}
        self._shown_scatter: str | None = None
        self.trend = pg.PlotDataItem(pen=pg.mkPen(style.TREND_COLOUR, width=2.5))
        self.target_line = pg.InfiniteLine(pos=100, angle=90, pen=style.target_pen())
        self.scatter_plot.addItem(self.trend)
        self._texts: dict[str, str] = {}
        self.scatter_plot.addItem(self.target_line, ignoreBounds=True)
        self.graphics.ci.layout.setColumnStretchFactor(0, 1)
        self.graphics.ci.layout.setColumnStretchFactor(1, 1)

        self.findings = QLabel()
        self.findings.setWordWrap(True)
        self.findings.setTextFormat(Qt.TextFormat.RichText)
        self.findings.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.findings.setStyleSheet("QLabel { background: white; padding: 10px; }")
        # A fixed height keeps new text from resizing the plots above, which
        # would re-lay out and repaint both charts on every switch; what does not
        # fit in it scrolls rather than being cut.
        self.findings_area = QScrollArea()
        self.findings_area.setWidget(self.findings)
        self.findings_area.setWidgetResizable(True)
        self.findings_area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.findings_area.setStyleSheet("QScrollArea { border: 1px solid #dddddd; }")
        self.findings_area.setFixedHeight(FINDINGS_HEIGHT)

        layout = QVBoxLayout(self)
        layout.addLayout(header)
        layout.addWidget(self.graphics, 1)
        layout.addWidget(self.findings_area, 0)

    # Data in
    def set_data(self, result: dict[str, Any], points: dict[str, Points]) -> None:
        """Show ``result`` (``{"exposures": {...}, ...}``) and the scatter points per exposure."""
        self._result = result.get("exposures", result.get("nutrients", {}))
        self._points = points
        self._fill_scatters()
        previous = self._key
        self.exposure_box.blockSignals(True)
        self.exposure_box.clear()
        for key, finding in self._result.items():
            mark = " — linked" if finding["flagged"] else ""
            self.exposure_box.addItem(f"{finding.get('label', key)}{mark}", key)
        self.exposure_box.blockSignals(False)
        keys = list(self._result)
        first_flagged = next((k for k in keys if self._result[k]["flagged"]), None)
        chosen = previous if previous in self._result else first_flagged or keys[0]
        self.select(chosen)

    def select(self, key: str) -> None:
        """Show one exposure (a key such as ``"magnesium"``)."""
        index = self.exposure_box.findData(key)
        if index < 0:
            raise KeyError(key)
        self._key = key
        if self.exposure_box.currentIndex() != index:
            self.exposure_box.setCurrentIndex(index)
        self.redraw()

    def _exposure_picked(self, index: int) -> None:
        if index >= 0:
            self._key = self.exposure_box.itemData(index)
            self.redraw()

    # Drawing
    def redraw(self) -> None:
        if self._key is None:
            return
        finding = self._result[self._key]
        exposed_side, other_side = finding.get("sides", DEFAULT_SIDES)
        self._draw_bars(finding, exposed_side, other_side)
        self._draw_scatter(finding, exposed_side, other_side)
        self.findings.setText(self._findings_html())

    def _draw_bars(self, finding: dict[str, Any], exposed_side: str, other_side: str) -> None:
        rates = [finding["episodes_per_day_shortfall"], finding["episodes_per_day_adequate"]]
        heights = [float(r) if r is not None else 0.0 for r in rates]
        self.bars.setOpts(height=heights)
        intervals: list[list[float | None] | None] = [
            finding.get("episodes_per_day_shortfall_ci95"),
            finding.get("episodes_per_day_adequate_ci95")]
        drawable = [(float(iv[0]), float(iv[1])) for iv in intervals
                    if iv is not None and iv[0] is not None and iv[1] is not None]
        if finding["enough_data"] and len(drawable) == 2:
            self._bounds = drawable
            self.whiskers.setData(*self._whisker_points(drawable))
            top = max(high for _, high in drawable)
            self.bar_note.setText("")
        else:
            self._bounds = None
            self.whiskers.setData([], [])
            top = max(heights)
            self.bar_note.setText("Not enough days yet")
        top = max(top * 1.15, 0.5)
        self.bar_note.setPos(0.5, top * 0.93)
        self.bar_plot.setYRange(0, top, padding=0)
        self.bar_plot.setXRange(-0.6, 1.6, padding=0)
        days = (finding["shortfall_days"], finding["adequate_days"])
        ticks = [(0.0, f"{exposed_side} ({days[0]} days)"),
                 (1.0, f"{other_side} ({days[1]} days)")]
        self._set_text("bar ticks", repr(ticks),
                       lambda _: self.bar_plot.getAxis("bottom").setTicks([ticks, []]))
        # The title stays short (its length sets the plot's width); when the
        # exposure is counted goes under the bars.
        self._set_text("bar bottom", f"{finding.get('label', self._key)}, "
                       f"{finding.get('timing', '')}; episodes that day",
                       lambda text: self.bar_plot.setLabel("bottom", text))

    def _fill_scatters(self) -> None:
        """One pair of point items per exposure, filled now and shown one pair at a time."""
        for pair in self._scatters.values():
            for item in pair:
                self.scatter_plot.removeItem(item)
        self._scatters = {}
        self._shown_scatter = None
        for key, points in self._points.items():
            x, y, exposed = list(points.percent), list(points.episodes), list(points.exposed)
            made = []
            for side, colour in ((True, style.EXPOSED_COLOUR), (False, style.OTHER_COLOUR)):
                item = pg.ScatterPlotItem(
                    [v for v, e in zip(x, exposed, strict=True) if bool(e) == side],
                    [v for v, e in zip(y, exposed, strict=True) if bool(e) == side],
                    size=7, pen=None, brush=style.brush(colour, 150))
                item.setVisible(False)
                self.scatter_plot.addItem(item)
                made.append(item)
            self._scatters[key] = (made[0], made[1])

    def _show_scatter(self, key: str) -> None:
        if self._shown_scatter == key:
            return
        if self._shown_scatter in self._scatters:
            for item in self._scatters[self._shown_scatter]:
                item.setVisible(False)
        for item in self._scatters.get(key, ()):
            item.setVisible(True)
        self._shown_scatter = key

    def _draw_scatter(self, finding: dict[str, Any], exposed_side: str, other_side: str) -> None:
        assert self._key is not None
        points = self._points.get(self._key)
        x = list(points.percent) if points is not None else []
        y = list(points.episodes) if points is not None else []
        self._show_scatter(self._key)
        self._trend = points.trend if points is not None else None
        if self._trend is None or not x:
            self.trend.setData([], [])
        else:
            slope, intercept = self._trend
            ends = [min(x), max(x)]
            self.trend.setData(ends, [slope * v + intercept for v in ends])
        self._legend_labels(exposed_side, other_side)
        label = finding.get("label", self._key)
        unit = finding.get("unit", "% of target")
        self._set_text("scatter bottom", f"{label}, {finding.get('timing', '')} ({unit})",
                       lambda text: self.scatter_plot.setLabel("bottom", text))
        self._set_text("scatter left", "Twitch episodes that day",
                       lambda text: self.scatter_plot.setLabel("left", text))
        line = finding.get("reference_value")
        self.target_line.setVisible(line is not None)
        if line is not None:
            self.target_line.setValue(float(line))
        if unit.startswith("%"):
            left, right = 0.0, max([110.0, *x]) * 1.05
        else:
            # Hours, grams, minutes or a 1-5 scale: frame the values and the line.
            ends = [*x, *([] if line is None else [float(line)])] or [0.0, 1.0]
            span = max(max(ends) - min(ends), 1.0)
            left, right = max(0.0, min(ends) - 0.1 * span), max(ends) + 0.1 * span
        self.scatter_plot.setXRange(left, right, padding=0)
        # Headroom above the highest point keeps the legend clear of the data.
        highest = max([2.0, *y])
        self.scatter_plot.setYRange(-0.3, highest * 1.3 + 1.5, padding=0)

    def _set_text(self, slot: str, text: str, apply: Callable[[str], None]) -> None:
        """Apply ``text`` only when it changed: re-setting axis labels and titles
        relays out the whole plot, which was most of the cost of switching."""
        if self._texts.get(slot) != text:
            self._texts[slot] = text
            apply(text)

    def _legend_labels(self, exposed_side: str, other_side: str) -> None:
        def relabel(_: str) -> None:
            # Renaming the entries in place: clearing and refilling the legend
            # re-lays out the whole plot.
            if len(self.scatter_legend.items) < 3:
                self.scatter_legend.clear()
                self.scatter_legend.addItem(self.scatter_exposed, exposed_side)
                self.scatter_legend.addItem(self.scatter_other, other_side)
                self.scatter_legend.addItem(self.trend, "Trend line")
                return
            self.scatter_legend.items[0][1].setText(exposed_side)
            self.scatter_legend.items[1][1].setText(other_side)

        self._set_text("legend", f"{exposed_side}|{other_side}", relabel)

    def _findings_html(self) -> str:
        assert self._key is not None
        finding = self._result[self._key]
        label = html.escape(finding.get("label", self._key))
        adjusted_ci = finding.get("adjusted_ci95")
        if not finding["enough_data"]:
            head = "Not enough data yet"
        elif finding["flagged"]:
            head = "Linked with more twitching"
        elif adjusted_ci and adjusted_ci[1] is not None and adjusted_ci[1] < 1:
            head = "Fewer episodes, not more"
        else:
            head = "No clear link"
        others = []
        for key, other in self._result.items():
            state = ("linked" if other["flagged"] else "no clear link" if other["enough_data"]
                     else "needs more days")
            name = html.escape(other.get("label", key))
            others.append(f"<b>{name}</b>: {state}" if other["flagged"] else f"{name}: {state}")
        return (f"<p style='font-size:13pt'><b>{label}: {head}</b></p>"
                f"{_estimates_html(finding)}"
                f"<p style='font-size:11pt'>{html.escape(finding['message'])}</p>"
                f"<p style='font-size:10pt'>All {_count_word(len(others))} at a glance — "
                f"{'; '.join(others)}.</p>"
                f"{_exploratory_html(finding)}"
                f"<p style='font-size:10pt; color:#555555'><i>{html.escape(DISCLAIMER)}</i></p>")

    # What is shown, for tests
    @property
    def current(self) -> str | None:
        return self._key

    def bar_heights(self) -> list[float]:
        return [float(h) for h in self.bars.opts["height"]]

    def whisker_bounds(self) -> list[tuple[float, float]] | None:
        """(low, high) of each bar's interval as drawn, None when none are drawn."""
        return self._bounds

    @staticmethod
    def _whisker_points(bounds: list[tuple[float, float]]) -> tuple[list[float], list[float]]:
        xs: list[float] = []
        ys: list[float] = []
        for centre, (low, high) in enumerate(bounds):
            for x0, y0, x1, y1 in ((centre, low, centre, high),
                                   (centre - CAP, low, centre + CAP, low),
                                   (centre - CAP, high, centre + CAP, high)):
                xs += [x0, x1]
                ys += [y0, y1]
        return xs, ys

    def scatter_count(self) -> int:
        pair = self._scatters.get(self._key or "", ())
        return sum(len(item.data) for item in pair if item.isVisible())

    def whisker_segments(self) -> int:
        """Line segments drawn for the intervals (three per bar when shown)."""
        xs, _ = self.whiskers.getData()
        return 0 if xs is None else len(xs) // 2

    def trend_coefficients(self) -> tuple[float, float] | None:
        return self._trend

    def findings_text(self) -> str:
        return self.findings.text()

    def save_png(self, path: str | Path) -> Path:
        """Save the view as it looks now into a PNG file."""
        return save_widget_png(self, path)

    def _ask_and_save_png(self) -> None:
        try:
            ask_and_save_png(self, f"twitching-and-{self._key or 'intake'}.png")
        except UserError as err:
            QMessageBox.warning(self, "Could not save", err.message)


def _ratio(value: float | None) -> str:
    return "–" if value is None else f"{value:.2g}" if value < 10 else f"{value:.0f}"


def _estimates_html(finding: dict[str, Any]) -> str:
    """Simple and adjusted rate ratios side by side, and the days still needed."""
    parts = []
    if finding.get("rate_ratio") is not None and finding.get("ci95"):
        low, high = finding["ci95"]
        parts.append(f"Simple: {_ratio(finding['rate_ratio'])} times the rate "
                     f"(95 % interval {_ratio(low)} to {_ratio(high)})")
    if finding.get("adjusted_rate_ratio") is not None and finding.get("adjusted_ci95"):
        low, high = finding["adjusted_ci95"]
        together = (f", counting the {html.escape(finding['adjusted_timing'])} together"
                    if finding.get("adjusted_both_days") else "")
        parts.append(f"<b>allowing for the other factors: "
                     f"{_ratio(finding['adjusted_rate_ratio'])} times</b> "
                     f"({_ratio(low)} to {_ratio(high)}){together}")
    more = finding.get("days_needed_for_doubling")
    if more:
        parts.append(f"about {more} more logged days to detect a doubling")
    if not parts:
        return ""
    return f"<p style='font-size:11pt'>{'; '.join(parts)}.</p>"


def _exploratory_html(finding: dict[str, Any]) -> str:
    """Other timings in one line, labelled as exploratory."""
    ratios = [view["rate_ratio"] for view in finding.get("exploratory", ())
              if view.get("rate_ratio") is not None]
    if not ratios:
        return ""
    return (f"<p style='font-size:9pt; color:#555555'>Exploratory, never flagged: "
            f"{len(ratios)} other timings give simple rate ratios from {_ratio(min(ratios))} to "
            f"{_ratio(max(ratios))}; they are looked at, not tested.</p>")


_WORDS = {6: "six", 11: "eleven"}


def _count_word(n: int) -> str:
    return _WORDS.get(n, str(n))
