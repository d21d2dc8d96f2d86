"""Weekly chart: intake as percent of target, with twitch episodes on a second axis.

Takes the DataFrame from ``tracker.analysis.weekly.weekly_summary``; never reads
the diary itself.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pyqtgraph as pg
from PySide6.QtCore import QPointF, Signal
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
from tracker.ui.charts.twin_axis import right_axis_view, set_shared_x_range

# The weekly DataFrame from the analysis layer; only its DataFrame methods are
# used here, because the chart layer does not import pandas.
WeeklyFrame = Any

RANGES: tuple[int, ...] = (4, 12, 26, 52)
GROUP_WIDTH = 0.8
# Bars stop here, as in the doctor's PDF: vitamin B12 often runs at 1,000-2,000 % of
# target, which would squeeze the magnesium, calcium and vitamin D bars (the ones a
# person looks at) into the bottom of the chart. A marker sits on a cut bar and the
# true value shows on hover.
CAP_PERCENT = 300.0


@dataclass(frozen=True)
class Panel:
    title: str
    left_label: str
    series: tuple[tuple[str, str], ...]
    # Percent of a target or limit (a 100 % line, bars cut at CAP_PERCENT), or a
    # share of the week's days (0-100 %, no line).
    against_target: bool = True


PANELS: tuple[Panel, ...] = (
    Panel("Magnesium, calcium, vitamin D, B12 and potassium", "% of your target",
          (("magnesium_pct", "Magnesium"), ("calcium_pct", "Calcium"),
           ("vitamin_d_pct", "Vitamin D"), ("vitamin_b12_pct", "Vitamin B12"),
           ("potassium_pct", "Potassium"))),
    Panel("Drinks and caffeine", "% of target or limit",
          (("drinks_pct", "Drinks (% of target)"), ("caffeine_pct", "Caffeine (% of limit)"))),
    Panel("Alcohol, sleep, stress and exercise", "% of the week's days",
          (("alcohol_days_pct", "Alcohol 14 g+"), ("short_sleep_days_pct", "Sleep under 7 h"),
           ("high_stress_days_pct", "Stress 4-5"),
           ("hard_exercise_days_pct", "Exercise above usual")), against_target=False),
)


def _missing(value: Any) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value))


def _cut_tip(x: float, y: float, data: Any) -> str:
    """The hover text of a cut bar's marker: its true value."""
    return str(data)


def _ratio(value: float) -> str:
    return f"{value:.2g}" if value < 10 else f"{value:.0f}"


def linked_sentence(findings: dict[str, Any] | None) -> str:
    """One line on the adjusted analysis: the factors linked with more twitching, or none."""
    if not findings:
        return ""
    linked = []
    for finding in findings.values():
        if finding["flagged"]:
            low, high = finding["adjusted_ci95"]
            linked.append(f"{finding['label'].lower()} ({_ratio(finding['adjusted_rate_ratio'])}"
                          f" times the rate, 95 % interval {_ratio(low)} to {_ratio(high)})")
    if not linked:
        tested = sum(1 for f in findings.values() if f["enough_data"])
        return (f"No factor is linked with more twitching yet ({tested} of {len(findings)} "
                f"have enough days to test; see Twitching and intake).")
    return ("Linked with more twitching, allowing for the other factors: "
            f"{'; '.join(linked)}. An association, not proof of cause.")


def week_label(stamp: Any, with_year: bool) -> str:
    return f"{stamp.day} {stamp:%b %Y}" if with_year else f"{stamp.day} {stamp:%b}"


class _PanelItems:
    """The pyqtgraph items of one panel, kept so redraws only update their data."""

    def __init__(self, graphics: pg.GraphicsLayoutWidget, row: int, panel: Panel) -> None:
        self.panel = panel
        graphics.addLabel(panel.title, row=row * 3, col=0, size="12pt", bold=True)
        self.plot: pg.PlotItem = graphics.addPlot(row=row * 3 + 2, col=0)
        style.style_plot(self.plot, "", panel.left_label)
        self.plot.setMouseEnabled(x=False, y=False)
        self.plot.getAxis("left").setWidth(62)
        self.bars: dict[str, pg.BarGraphItem] = {}
        # One row: a legend that wraps takes the height the bars need on a small screen.
        legend = pg.LegendItem(colCount=len(panel.series) + 3, labelTextSize="10pt")
        graphics.addItem(legend, row=row * 3 + 1, col=0)
        for column, label in panel.series:
            bar = pg.BarGraphItem(x=[], height=[], width=0.1, pen=None,
                                  brush=style.brush(style.SERIES_COLOURS[column]))
            self.plot.addItem(bar)
            legend.addItem(bar, label)
            self.bars[column] = bar
        self.cut = pg.ScatterPlotItem(symbol="t1", size=11, pen=pg.mkPen("#222222", width=1),
                                      brush=style.brush("#ffffff"), hoverable=True,
                                      tip=_cut_tip)
        self.cut.setZValue(10)
        self.plot.addItem(self.cut)
        if panel.against_target:
            self.plot.addItem(pg.InfiniteLine(pos=100, angle=0, pen=style.target_pen()))
            legend.addItem(pg.PlotDataItem(pen=style.target_pen()), "Target (100 %)")
            legend.addItem(pg.ScatterPlotItem(symbol="t1", size=9, pen=pg.mkPen("#222222"),
                                              brush=style.brush("#ffffff")),
                           f"Cut at {CAP_PERCENT:.0f} %")
        self.episode_view = right_axis_view(self.plot, "Twitch episodes per week")
        self.plot.getAxis("right").setWidth(52)
        self.episodes = pg.PlotDataItem(
            pen=style.episode_pen(), symbol="o", symbolSize=7,
            symbolBrush=style.brush(style.EPISODE_COLOUR), symbolPen=None)
        self.episode_view.addItem(self.episodes)
        legend.addItem(self.episodes, "Twitch episodes")
        self.bands: list[pg.LinearRegionItem] = []
        self.cursor = pg.InfiniteLine(angle=90, pen=pg.mkPen("#999999", width=1))
        self.cursor.setVisible(False)
        self.plot.addItem(self.cursor, ignoreBounds=True)


class WeeklyChart(QWidget):
    """Weekly bars per nutrient against a 100 % line, episodes per week on the right axis."""

    weeksChanged = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._weekly: WeeklyFrame | None = None
        self._visible: WeeklyFrame | None = None
        self._trial_blocks: tuple[tuple[dt.date, dt.date, str], ...] = ()
        self._weeks = 12

        self.range_box = QComboBox()
        for weeks in RANGES:
            self.range_box.addItem(f"Last {weeks} weeks", weeks)
        self.range_box.setCurrentIndex(RANGES.index(self._weeks))
        self.range_box.currentIndexChanged.connect(self._show_range)
        header, self.save_button = style.chart_header(
            "Your week by week", "Show:", self.range_box, self._ask_and_save_png)

        self.graphics = pg.GraphicsLayoutWidget()
        # Bars are axis-aligned rectangles: smoothing their edges buys nothing and,
        # with three panels, cost a third of the 50 ms a redraw may take.
        self.graphics.setAntialiasing(False)
        self.graphics.setMinimumHeight(420)
        self.panels = [_PanelItems(self.graphics, row, panel) for row, panel in enumerate(PANELS)]
        self.panels[-1].plot.setLabel("bottom", "Week starting")
        self.hover_label = QLabel(f"Point at a week to see its numbers. Bars are weekly "
                                  f"means over logged days; a bar marked △ is cut at "
                                  f"{CAP_PERCENT:.0f} % and its true value shows on hover.")
        self.hover_label.setWordWrap(True)
        # Fixed height: hover text of varying length must not resize the plots.
        self.hover_label.setFixedHeight(44)
        self.graphics.scene().sigMouseMoved.connect(self._show_hover)

        # What the adjusted analysis says, so the weeks are read with it in mind.
        self.linked_label = QLabel("")
        self.linked_label.setWordWrap(True)

        layout = QVBoxLayout(self)
        layout.addLayout(header)
        layout.addWidget(self.linked_label)
        self.bands_note = QLabel("Shaded weeks: your self-experiment's blocks, green while ON "
                                 "and grey while OFF.")
        self.bands_note.hide()
        layout.addWidget(self.graphics, 1)
        layout.addWidget(self.bands_note)
        layout.addWidget(self.hover_label)

    # Data in
    def set_data(self, weekly: WeeklyFrame,
                 trial_blocks: Sequence[tuple[dt.date, dt.date, str]] = (),
                 findings: dict[str, Any] | None = None) -> None:
        """Show ``weekly`` (one row per week, columns as ``weekly_summary`` makes them),
        with self-experiment blocks (first day, last day, "on"/"off") as shaded bands and,
        from ``analyze_relationships``' ``exposures``, which factors are linked."""
        self._weekly = weekly
        self._trial_blocks = tuple(trial_blocks)
        self.linked_label.setText(linked_sentence(findings))
        self.redraw()

    def set_weeks(self, weeks: int) -> None:
        """Show the most recent ``weeks`` weeks (one of ``RANGES``)."""
        if weeks not in RANGES:
            raise ValueError(f"weeks must be one of {RANGES}")
        self.range_box.setCurrentIndex(RANGES.index(weeks))

    @property
    def weeks(self) -> int:
        return self._weeks

    def _show_range(self, index: int) -> None:
        self._weeks = RANGES[index]
        self.redraw()
        self.weeksChanged.emit(self._weeks)

    # Drawing
    def redraw(self) -> None:
        """Redraw the bars, lines and axes for the selected range."""
        if self._weekly is None:
            return
        visible = self._weekly.iloc[-self._weeks:]
        self._visible = visible
        n = len(visible)
        positions = [float(i) for i in range(n)]
        episodes = [float(v) for v in visible["episodes"].tolist()]
        ticks = self._ticks(visible)
        for items in self.panels:
            count = len(items.panel.series)
            width = GROUP_WIDTH / count
            tallest = 100.0 if items.panel.against_target else 10.0
            cut_x: list[float] = []
            cut_tips: list[str] = []
            for k, (column, label) in enumerate(items.panel.series):
                # A week with nothing logged has no mean: no bar rather than a zero one.
                values = [0.0 if _missing(v) else float(v) for v in visible[column].tolist()]
                shown = [min(v, CAP_PERCENT) for v in values]
                tallest = max([tallest, *shown])
                offset = -GROUP_WIDTH / 2 + (k + 0.5) * width
                x = [p + offset for p in positions]
                items.bars[column].setOpts(x=x, height=shown, width=width * 0.92)
                for where, value in zip(x, values, strict=True):
                    if value > CAP_PERCENT:
                        cut_x.append(where)
                        cut_tips.append(f"{label}: {value:,.0f} % (bar cut at "
                                        f"{CAP_PERCENT:.0f} %)")
            items.cut.setData(x=cut_x, y=[CAP_PERCENT] * len(cut_x), data=cut_tips)
            items.plot.setYRange(0, tallest * 1.12, padding=0)
            set_shared_x_range(items.plot, items.episode_view, -0.6, max(n, 1) - 0.4)
            items.episodes.setData(positions, episodes)
            items.episode_view.setYRange(0, max(max(episodes, default=0.0) * 1.15, 1.0),
                                         padding=0)
            items.plot.getAxis("bottom").setTicks([ticks, []])
            items.cursor.setVisible(False)
        self._draw_bands(visible)

    def _draw_bands(self, visible: WeeklyFrame) -> None:
        """Self-experiment blocks as bands: green while ON, grey while OFF.

        Week ``i`` spans ``i - 0.5`` to ``i + 0.5``, so a day falls at its week's
        position plus its weekday's share of the week.
        """
        spans = self.band_spans(visible)
        self.bands_note.setVisible(bool(spans))
        for items in self.panels:
            for band in items.bands:
                items.plot.removeItem(band)
            items.bands = []
            for left, right, phase in spans:
                band = pg.LinearRegionItem((left, right), movable=False,
                                           brush=style.phase_brush(phase), pen=pg.mkPen(None))
                band.setZValue(-20)
                items.plot.addItem(band, ignoreBounds=True)
                items.bands.append(band)

    def band_spans(self, visible: WeeklyFrame) -> list[tuple[float, float, str]]:
        """Each visible trial block as (left, right, phase) in week positions."""
        if not len(visible) or not self._trial_blocks:
            return []
        monday = visible.index[0].date()
        out = []
        for first, last, phase in self._trial_blocks:
            left = (first - monday).days / 7 - 0.5
            right = ((last - monday).days + 1) / 7 - 0.5
            left, right = max(left, -0.6), min(right, len(visible) - 0.4)
            if right > left:
                out.append((left, right, phase))
        return out
    def _ticks(self, visible: WeeklyFrame) -> list[tuple[float, str]]:
        step = max(1, math.ceil(len(visible) / 13))
        # With thinned labels the first sits a little in, or pyqtgraph drops it
        # for running past the axis end.
        first = step // 2
        ticks = []
        previous_year = None
        for i, stamp in enumerate(visible.index):
            if i < first or (i - first) % step:
                continue
            ticks.append((float(i), week_label(stamp, stamp.year != previous_year)))
            previous_year = stamp.year
        return ticks

    # What is shown, for hover text and tests
    def bar_heights(self, column: str) -> list[float]:
        """Heights of the bars drawn for ``column``, oldest week first."""
        for items in self.panels:
            if column in items.bars:
                return [float(h) for h in items.bars[column].opts["height"]]
        raise KeyError(column)

    def cut_bars(self, column: str) -> dict[int, str]:
        """Weeks (positions in the view) whose ``column`` bar is cut, with the marker's text."""
        for items in self.panels:
            labels = dict(items.panel.series)
            if column in labels:
                xs, tips = items.cut.getData()[0], items.cut.data["data"]
                positions = [round(float(x)) for x in xs]
                return {position: str(tip) for position, tip in zip(positions, tips,
                                                                    strict=True)
                        if str(tip).startswith(f"{labels[column]}:")}
        raise KeyError(column)

    def episode_values(self) -> list[float]:
        return [float(v) for v in self.panels[0].episodes.getData()[1]]

    def visible_weeks(self) -> list[Any]:
        return [] if self._visible is None else list(self._visible.index)

    def hover_text(self, position: int) -> str:
        """Plain sentence with every number for the week at ``position`` in the view."""
        if self._visible is None or not 0 <= position < len(self._visible):
            return ""
        row = self._visible.iloc[position]
        stamp = self._visible.index[position]
        head = f"Week starting {stamp:%a} {week_label(stamp, True)}"
        phases = self._phases_in_week(stamp.date())
        if phases:
            head += f" (self-experiment {phases})"
        if not row["logged_days"]:
            return (f"{head}: no food logged; {int(row['episodes'])} twitch episodes.")

        def pct(column: str) -> str:
            value = float(row[column])
            return "–" if _missing(value) else f"{value:.0f} %"

        def amount(column: str, unit: str) -> str:
            value = float(row[column])
            return "–" if _missing(value) else f"{value:,.0f} {unit}"

        days = int(row["logged_days"])
        shares = [f"{name} {pct(column)}" for column, name in (
            ("alcohol_days_pct", "alcohol 14 g+"), ("short_sleep_days_pct", "sleep under 7 h"),
            ("high_stress_days_pct", "stress 4-5"),
            ("hard_exercise_days_pct", "exercise above usual"))
            if column in row.index and not _missing(float(row[column]))]
        share_text = f"days with {', '.join(shares)}; " if shares else ""
        return (f"{head} ({days} day{'s' if days != 1 else ''} logged): "
                f"magnesium {pct('magnesium_pct')}, calcium {pct('calcium_pct')}, "
                f"vitamin D {pct('vitamin_d_pct')}, B12 {pct('vitamin_b12_pct')}, "
                f"potassium {pct('potassium_pct')} of target; "
                f"drinks {amount('drinks_ml', 'ml')} a day ({pct('drinks_pct')}), "
                f"caffeine {amount('caffeine_mg', 'mg')} a day ({pct('caffeine_pct')} of limit); "
                f"{share_text}{int(row['episodes'])} twitch episodes.")

    def _phases_in_week(self, monday: dt.date) -> str:
        sunday = monday + dt.timedelta(days=6)
        found = [phase.upper() for first, last, phase in self._trial_blocks
                 if first <= sunday and last >= monday]
        return " then ".join(dict.fromkeys(found))

    def show_week(self, position: int) -> None:
        """Point the cursor at a week and show its numbers below the chart."""
        text = self.hover_text(position)
        if not text:
            return
        self.hover_label.setText(text)
        for items in self.panels:
            items.cursor.setValue(position)
            items.cursor.setVisible(True)

    def _show_hover(self, pos: QPointF) -> None:
        for items in self.panels:
            if items.plot.sceneBoundingRect().contains(pos):
                x = items.plot.vb.mapSceneToView(pos).x()
                self.show_week(int(round(x)))
                return

    # Export
    def save_png(self, path: str | Path) -> Path:
        """Save the chart as it looks now into a PNG file."""
        return save_widget_png(self, path)

    def _ask_and_save_png(self) -> None:
        try:
            ask_and_save_png(self, f"weekly-chart-{self._weeks}-weeks.png")
        except UserError as err:
            QMessageBox.warning(self, "Could not save", err.message)
