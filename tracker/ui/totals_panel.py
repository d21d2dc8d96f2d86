"""The day's totals beside the diary: a bar per nutrient against the target, the week's mean.

The panel only shows what it is given (``show_summary``); it never reads the
diary. Colour is never the only signal: each row also says its state in words
and the bar's tooltip lists where the amount came from.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, QSize, Qt, Slot
from PySide6.QtGui import QColor, QFont, QPainter, QPaintEvent, QPalette, QPen
from PySide6.QtWidgets import QGridLayout, QGroupBox, QLabel, QSizePolicy, QWidget

from tracker.domain.summary import (
    SHOWN,
    DaySummary,
    NutrientDay,
    NutrientWeek,
    WeekSummary,
    format_amount,
)

STATE_WORDS: dict[str, str] = {
    "short": "Short", "met": "Met", "above_limit": "⚠ Above limit",
    "within_limit": "Within limit", "no_target": "", "unknown": "No data",
}
STATE_COLOURS: dict[str, str] = {
    "short": "#c8741a", "met": "#2e8b57", "above_limit": "#c0392b",
    "within_limit": "#3f74ad", "no_target": "#7f8c9a", "unknown": "#9aa1a9",
}
# Light fills, so the amount written across the bar stays dark and readable.
FILL_COLOURS: dict[str, str] = {
    "short": "#f3bd6e", "met": "#86cf9c", "above_limit": "#ec8479",
    "within_limit": "#9fc3e6", "no_target": "#c4cad1", "unknown": "#d5d9de",
}
FILL_TEXT = "#1f2328"
# The bar's right end, in percent of the reference it is drawn against.
BAR_SCALE_PERCENT = 150.0
# Below this share of food mass with data, the row says which foods lack it.
COMPLETE_ENOUGH = 0.995


def _percent_text(value: float | None) -> str:
    return "" if value is None else f"{value:.0f} %"


class NutrientBar(QWidget):
    """A horizontal bar: the amount as a share of the target (or of the ceiling, for caffeine).

    A dark tick marks the target, a red one the ceiling where it counts the
    same intake as the bar.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.fraction = 0.0  # of the bar's width
        self.target_at: float | None = None
        self.limit_at: float | None = None
        self.state = "unknown"
        self.text = ""
        self.setMinimumWidth(120)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt override
        return QSize(220, self.fontMetrics().height() + 10)

    def set_values(self, item: NutrientDay) -> None:
        """Show ``item``: scaled to its target, else to its ceiling, else filled by amount."""
        self.state = item.state
        reference = item.target or (item.upper_limit if item.target is None else None)
        scale = (reference or 0.0) * BAR_SCALE_PERCENT / 100.0
        amount = item.amount or 0.0
        if scale > 0:
            self.fraction = min(amount / scale, 1.0)
            self.target_at = (item.target / scale) if item.target else None
            same_intake = item.upper_limit_applies_to == "total"
            self.limit_at = (item.upper_limit / scale if item.upper_limit and same_intake
                             and item.upper_limit <= scale else None)
        else:
            self.fraction = 0.0  # nothing to measure against: the amount is the news
            self.target_at = self.limit_at = None
        shown = format_amount(item.amount, item.unit, item.key)
        spoken = shown
        if item.percent_of_target is not None:
            shown += f"  ·  {_percent_text(item.percent_of_target)}"
            spoken += f", {_percent_text(item.percent_of_target)} of target"
        elif item.target is None and item.percent_of_upper_limit is not None:
            shown += f"  ·  {_percent_text(item.percent_of_upper_limit)} of limit"
            spoken += f", {_percent_text(item.percent_of_upper_limit)} of the upper limit"
        self.text = shown
        self.setAccessibleName(f"{item.label}: {spoken}, {STATE_WORDS[item.state] or 'no target'}")
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt override
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        rect = QRectF(self.rect()).adjusted(0.5, 3.5, -0.5, -3.5)
        painter.setPen(QPen(self.palette().color(QPalette.ColorRole.Mid), 1))
        painter.setBrush(self.palette().color(QPalette.ColorRole.Base))
        painter.drawRoundedRect(rect, 4, 4)
        fill = QRectF(rect)
        fill.setWidth(rect.width() * self.fraction if self.fraction > 0 else 0.0)
        if self.fraction > 0:
            fill.setWidth(max(fill.width(), 6.0))
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(QColor(FILL_COLOURS[self.state]))
            painter.drawRoundedRect(fill, 4, 4)
        # Notches at the top and bottom edges keep the text between them readable.
        for where, colour_name in ((self.target_at, "#2c3e50"),
                                   (self.limit_at, STATE_COLOURS["above_limit"])):
            if where is not None:
                x = rect.left() + rect.width() * where
                painter.setPen(QPen(QColor(colour_name), 2))
                painter.drawLine(QPointF(x, rect.top() - 3), QPointF(x, rect.top() + 3))
                painter.drawLine(QPointF(x, rect.bottom() - 3), QPointF(x, rect.bottom() + 3))
        text_rect = rect.adjusted(8, 0, -4, 0)
        align = Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft
        # Dark over the light fill, the theme's text colour over the rest.
        for clip, colour in ((fill, QColor(FILL_TEXT)),
                             (rect.adjusted(fill.width(), 0, 0, 0),
                              self.palette().color(QPalette.ColorRole.Text))):
            painter.save()
            painter.setClipRect(clip)
            painter.setPen(colour)
            painter.drawText(text_rect, align, self.fontMetrics().elidedText(
                self.text, Qt.TextElideMode.ElideRight, int(text_rect.width())))
            painter.restore()
        painter.end()


def tooltip_for(item: NutrientDay) -> str:
    """Where the amount came from, the target and ceiling with their sources, and the gaps."""
    lines = [f"<b>{item.label}</b>: {format_amount(item.amount, item.unit, item.key)}"]
    if item.from_supplements:
        lines.append(f"from supplements: "
                     f"{format_amount(item.from_supplements, item.unit, item.key)}")
    if item.top_entries:
        lines.append("Top sources today:")
        lines.extend(f"&nbsp;• {_escape(c.label)}: {format_amount(c.amount, item.unit, item.key)}"
                     for c in item.top_entries)
    else:
        lines.append("Nothing logged adds to this yet.")
    if item.target is not None:
        lines.append(f"Target {format_amount(item.target, item.unit, item.key)} "
                     f"({_kind_words(item.target_kind)})")
    if item.upper_limit is not None:
        scope = ("supplements only, not food" if item.upper_limit_applies_to == "supplements"
                 else "food and supplements together")
        lines.append(f"Upper limit {format_amount(item.upper_limit, item.unit, item.key)} "
                     f"({_kind_words(item.upper_limit_kind)}; counts {scope}) — above it is a "
                     "warning, not a goal")
    if item.source:
        lines.append(f"<i>Source: {_escape(item.source)}</i>")
    return "<br>".join(lines)


def _kind_words(kind: str | None) -> str:
    return {"RDA": "Recommended Dietary Allowance", "AI": "Adequate Intake",
            "UL": "Tolerable Upper Intake Level", "CDRR": "reduce intakes above this",
            "LIMIT": "advisory limit", "custom": "your own"}.get(kind or "", kind or "")


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def completeness_text(item: NutrientDay) -> str:
    """"92 % of food mass has data; missing: X, Y", or "" when (nearly) all food has data."""
    if item.known_fraction is None or item.known_fraction >= COMPLETE_ENOUGH:
        return ""
    text = f"{100 * item.known_fraction:.0f} % of food mass has data"
    if item.missing_foods:
        names = ", ".join(item.missing_foods[:3])
        more = len(item.missing_foods) - 3
        text += f"; missing: {names}" + (f" and {more} more" if more > 0 else "")
    return text


def week_text(mean: NutrientWeek) -> str:
    """The week column: percent of target where there is one, else the mean amount."""
    if mean.mean_amount is None:
        return "–"
    if mean.mean_percent_of_target is not None:
        return _percent_text(mean.mean_percent_of_target)
    return format_amount(mean.mean_amount, mean.unit, mean.key)


def week_tooltip(mean: NutrientWeek, week: WeekSummary) -> str:
    if mean.mean_amount is None:
        return (f"No logged day from {week.first:%d %b} to {week.last:%d %b} has data for "
                f"{mean.label}.")
    days = "day" if mean.days_with_data == 1 else "days"
    text = (f"{mean.label}: mean {format_amount(mean.mean_amount, mean.unit, mean.key)} over "
            f"{mean.days_with_data} logged {days} from {week.first:%d %b} to "
            f"{week.last:%d %b}")
    if mean.mean_percent_of_target is not None:
        text += f", {_percent_text(mean.mean_percent_of_target)} of target"
    return text + ". Days not logged, or without data, do not count as zero."


class _Row:
    """The widgets of one nutrient's row."""

    def __init__(self, parent: QWidget, label: str) -> None:
        self.name = QLabel(label, parent)
        self.bar = NutrientBar(parent)
        self.known = QLabel(parent)
        self.known.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.state = QLabel(parent)
        self.week = QLabel(parent)
        self.week.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.detail = QLabel(parent)
        self.detail.setWordWrap(True)
        small = QFont(self.detail.font())
        small.setPointSizeF(max(small.pointSizeF() * 0.85, 7.0))
        self.detail.setFont(small)
        self.detail.setStyleSheet("color: #6b7580;")
        self.detail.hide()


class TotalsPanel(QGroupBox):
    """Today's intake per nutrient against targets, with a 7-day mean of logged days."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("Today's totals", parent)
        self.notice = QLabel(self)
        self.notice.setWordWrap(True)
        self.notice.setStyleSheet("background: #fff4d6; color: #5c4400; padding: 4px;"
                                  "border-radius: 3px;")
        self.notice.hide()
        self.week_header = QLabel("7-day mean", self)
        self.week_header.setAlignment(Qt.AlignmentFlag.AlignRight)
        self.footer = QLabel("Dark notches mark your target, red ones the upper limit. "
                             "Reference intakes are for healthy people, not a diagnosis: only "
                             "a blood test read by a clinician shows a deficiency.", self)
        self.footer.setWordWrap(True)
        self.footer.setStyleSheet("color: #6b7580;")
        grid = QGridLayout(self)
        grid.setHorizontalSpacing(10)
        grid.setVerticalSpacing(2)
        known_header = QLabel("<b>Data</b>", self)
        known_header.setAlignment(Qt.AlignmentFlag.AlignRight)
        known_header.setToolTip("How much of today's food, by weight, has a value for the "
                                "nutrient; foods without one count as unknown, not as zero.")
        self.lacking = QLabel(self)
        self.lacking.setWordWrap(True)
        self.lacking.hide()
        grid.addWidget(self.notice, 0, 0, 1, 5)
        grid.addWidget(QLabel("<b>Nutrient</b>", self), 1, 0)
        grid.addWidget(QLabel("<b>Today</b> (% of target)", self), 1, 1)
        grid.addWidget(known_header, 1, 2)
        grid.addWidget(self.week_header, 1, 4)
        self.rows: dict[str, _Row] = {}
        line = 2
        for key, label, _ in SHOWN:
            row = _Row(self, label)
            for column, widget in enumerate((row.name, row.bar, row.known, row.state, row.week)):
                grid.addWidget(widget, line, column)
            grid.addWidget(row.detail, line + 1, 1, 1, 4)
            self.rows[key] = row
            line += 2
        grid.addWidget(self.lacking, line, 0, 1, 5)
        grid.addWidget(self.footer, line + 1, 0, 1, 5)
        grid.setColumnStretch(1, 1)
        grid.setRowStretch(line + 2, 1)

    @Slot(object, object)
    def show_summary(self, day: DaySummary, week: WeekSummary) -> None:
        """Show ``day``'s totals and ``week``'s means (both made by the totals service)."""
        self.setTitle(f"Totals for {day.date:%a %d %b %Y}"
                      + ("" if day.complete else " (so far)"))
        self.notice.setText(day.notice or "")
        self.notice.setVisible(bool(day.notice))
        days = "day" if week.logged_days == 1 else "days"
        self.week_header.setText(f"<b>7-day mean</b><br>{week.logged_days} logged {days}")
        for key, row in self.rows.items():
            item = day.nutrients[key]
            row.bar.set_values(item)
            tip = tooltip_for(item)
            for widget in (row.name, row.bar, row.state):
                widget.setToolTip(tip)
            row.state.setText(STATE_WORDS[item.state])
            row.state.setStyleSheet(f"color: {STATE_COLOURS[item.state]};"
                                    + (" font-weight: bold;" if item.state == "above_limit"
                                       else ""))
            self._show_known(row.known, item)
            detail = self._detail(item)
            row.detail.setText(detail)
            row.detail.setVisible(bool(detail))
            row.week.setText(week_text(week.nutrients[key]))
            row.week.setToolTip(week_tooltip(week.nutrients[key], week))
        self._show_lacking(day)

    @staticmethod
    def _show_known(label: QLabel, item: NutrientDay) -> None:
        if item.known_fraction is None:
            label.setText("")
            label.setToolTip("No food logged yet.")
            return
        label.setText(f"{100 * item.known_fraction:.0f} %")
        full = completeness_text(item) or "All of today's food has data for this."
        label.setToolTip(full)
        label.setStyleSheet("" if item.known_fraction >= COMPLETE_ENOUGH
                            else f"color: {STATE_COLOURS['short']};")

    def _show_lacking(self, day: DaySummary) -> None:
        """One line naming the foods that lack data, instead of repeating them per row."""
        lacking: dict[str, list[str]] = {}
        for item in day.nutrients.values():
            for name in item.missing_foods:
                lacking.setdefault(name, []).append(item.label)
        if not lacking:
            self.lacking.hide()
            return
        parts = [f"{_escape(name)} (no {', '.join(labels[:3])}"
                 + (f" and {len(labels) - 3} more)" if len(labels) > 3 else ")")
                 for name, labels in lacking.items()]
        self.lacking.setText("<b>Foods without data:</b> " + "; ".join(parts)
                             + ". Totals count only what is known.")
        self.lacking.show()

    @staticmethod
    def _detail(item: NutrientDay) -> str:
        if item.state == "above_limit" and item.upper_limit_applies_to == "supplements":
            return (f"Supplements give {format_amount(item.from_supplements, item.unit)}, "
                    f"above the {format_amount(item.upper_limit, item.unit)} limit for "
                    f"supplemental {item.label.lower()}.")
        if item.state == "above_limit" and item.upper_limit_kind == "CDRR":
            return (f"Above {format_amount(item.upper_limit, item.unit, item.key)}, the "
                    "intake above which reducing lowers chronic-disease risk.")
        if item.state == "above_limit" and item.upper_limit is not None:
            return (f"Above the upper limit of "
                    f"{format_amount(item.upper_limit, item.unit, item.key)}: a warning, "
                    "not a goal.")
        return ""

