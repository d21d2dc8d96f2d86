"""The day's totals beside the diary: a bar per nutrient against the target, the week's mean.

The panel only shows what it is given (``show_summary``); it never reads the
diary. Colour is never the only signal: each row also says its state in words
and the bar's tooltip lists where the amount came from.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Slot
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QGridLayout, QGroupBox, QLabel, QWidget

from tracker.domain.summary import (
    SHOWN,
    DaySummary,
    NutrientDay,
    NutrientWeek,
    WeekSummary,
)
from tracker.domain.units import amount_text
from tracker.ui.day.lacking_foods import LackingFoods
from tracker.ui.day.nutrient_bar import (
    BELOW,
    STATE_COLOURS,
    STATE_WORDS,
    BarGroup,
    NutrientBar,
    percent_text,
)

# Below this share of food mass with data, the row says which foods lack it.
COMPLETE_ENOUGH = 0.995


def tooltip_for(item: NutrientDay, units: str = "metric") -> str:
    """Where the amount came from, the target and ceiling with their sources, and the gaps."""
    head = f"<b>{item.label}</b>: {amount_text(item.amount, item.unit, units, item.key)}"
    if item.percent_of_target is not None:
        head += f", {percent_text(item.percent_of_target)} of target"
    elif item.percent_of_upper_limit is not None:
        head += f", {percent_text(item.percent_of_upper_limit)} of the upper limit"
    lines = [head]
    if item.from_supplements:
        lines.append(f"from supplements: "
                     f"{amount_text(item.from_supplements, item.unit, units, item.key)}")
    if item.top_entries:
        lines.append("Top sources today:")
        lines.extend(f"&nbsp;• {_escape(c.label)}: "
                     f"{amount_text(c.amount, item.unit, units, item.key)}"
                     for c in item.top_entries)
    else:
        lines.append("Nothing logged adds to this yet.")
    if item.target is not None:
        lines.append(f"Target {amount_text(item.target, item.unit, units, item.key)} "
                     f"({_kind_words(item.target_kind)})")
    if item.upper_limit is not None:
        scope = ("supplements only, not food" if item.upper_limit_applies_to == "supplements"
                 else "food and supplements together")
        lines.append(f"Upper limit {amount_text(item.upper_limit, item.unit, units, item.key)} "
                     f"({_kind_words(item.upper_limit_kind)}; counts {scope}) — above it is a "
                     "warning, not a goal")
    if item.note and (item.target_kind == "derived" or item.target is None):
        lines.append(_escape(item.note))
    if item.source:
        lines.append(f"<i>Source: {_escape(item.source)}</i>")
    return "<br>".join(lines)


def _kind_words(kind: str | None) -> str:
    return {"RDA": "Recommended Dietary Allowance", "AI": "Adequate Intake",
            "PRI": "Population Reference Intake", "SAI": "safe and adequate intake",
            "derived": "derived from total water",
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


def week_text(mean: NutrientWeek, units: str = "metric") -> str:
    """The week column: percent of target where there is one, else the mean amount."""
    if mean.mean_amount is None:
        return "–"
    if mean.mean_percent_of_target is not None:
        return percent_text(mean.mean_percent_of_target)
    return amount_text(mean.mean_amount, mean.unit, units, mean.key)


def week_tooltip(mean: NutrientWeek, week: WeekSummary, units: str = "metric") -> str:
    if mean.mean_amount is None:
        return (f"No logged day from {week.first:%d %b} to {week.last:%d %b} has data for "
                f"{mean.label}.")
    days = "day" if mean.days_with_data == 1 else "days"
    text = (f"{mean.label}: mean {amount_text(mean.mean_amount, mean.unit, units, mean.key)} over "
            f"{mean.days_with_data} logged {days} from {week.first:%d %b} to "
            f"{week.last:%d %b}")
    if mean.mean_percent_of_target is not None:
        text += f", {percent_text(mean.mean_percent_of_target)} of target"
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
        self.week_header.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignBottom)
        self.footer = QLabel("Dark notches mark your target, red ones the upper limit. "
                             "Reference intakes are for healthy people, not a diagnosis: only "
                             "a blood test read by a clinician shows a deficiency.", self)
        self.footer.setWordWrap(True)
        self.footer.setStyleSheet("color: #6b7580;")
        grid = QGridLayout(self)
        grid.setHorizontalSpacing(10)
        grid.setVerticalSpacing(2)
        known_header = QLabel("<b>Data</b>", self)
        known_header.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignBottom)
        known_header.setToolTip("How much of today's food, by weight, has a value for the "
                                "nutrient; foods without one count as unknown, not as zero.")
        self.lacking = LackingFoods(self)
        self.lacking.hide()
        self.bars = BarGroup(self._line_up)
        grid.addWidget(self.notice, 0, 0, 1, 5)
        bottom = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignBottom
        grid.addWidget(QLabel("<b>Nutrient</b>", self), 1, 0, bottom)
        grid.addWidget(QLabel("<b>Today</b> (% of target)", self), 1, 1, bottom)
        grid.addWidget(known_header, 1, 2)
        grid.addWidget(self.week_header, 1, 4)
        self.rows: dict[str, _Row] = {}
        line = 2
        for key, label, _ in SHOWN:
            row = _Row(self, label)
            self.bars.add(row.bar)
            for column, widget in enumerate((row.name, row.bar, row.known, row.state, row.week)):
                grid.addWidget(widget, line, column)
            grid.addWidget(row.detail, line + 1, 1, 1, 4)
            self.rows[key] = row
            line += 2
        grid.addWidget(self.lacking, line, 0, 1, 5)
        grid.addWidget(self.footer, line + 1, 0, 1, 5)
        grid.setColumnStretch(1, 1)
        grid.setRowStretch(line + 2, 1)

    def _line_up(self, placement: str) -> None:
        """Set the row labels on the line of the bars' figures."""
        vertical = (Qt.AlignmentFlag.AlignBottom if placement == BELOW
                    else Qt.AlignmentFlag.AlignVCenter)
        for row in self.rows.values():
            for label, horizontal in ((row.name, Qt.AlignmentFlag.AlignLeft),
                                      (row.known, Qt.AlignmentFlag.AlignRight),
                                      (row.state, Qt.AlignmentFlag.AlignLeft),
                                      (row.week, Qt.AlignmentFlag.AlignRight)):
                label.setAlignment(horizontal | vertical)

    @Slot(object, object)
    def show_summary(self, day: DaySummary, week: WeekSummary, units: str = "metric") -> None:
        """Show ``day``'s totals and ``week``'s means (both made by the totals service)."""
        self.setTitle(f"Totals for {day.date:%a %d %b %Y}"
                      + ("" if day.complete else " (so far)"))
        self.notice.setText(day.notice or "")
        self.notice.setVisible(bool(day.notice))
        days = "day" if week.logged_days == 1 else "days"
        self.week_header.setText(f"<b>7-day mean</b><br>{week.logged_days} logged {days}")
        for key, row in self.rows.items():
            item = day.nutrients[key]
            row.bar.set_values(item, units)
            tip = tooltip_for(item, units)
            for widget in (row.name, row.bar, row.state):
                widget.setToolTip(tip)
            row.state.setText(STATE_WORDS[item.state])
            row.state.setStyleSheet(f"color: {STATE_COLOURS[item.state]};"
                                    + (" font-weight: bold;" if item.state == "above_limit"
                                       else ""))
            self._show_known(row.known, item)
            detail = self._detail(item, units)
            row.detail.setText(detail)
            row.detail.setVisible(bool(detail))
            row.week.setText(week_text(week.nutrients[key], units))
            row.week.setToolTip(week_tooltip(week.nutrients[key], week, units))
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
        """The foods that lack data, folded to one line, instead of repeating them per row."""
        lacking: dict[str, list[str]] = {}
        for item in day.nutrients.values():
            for name in item.missing_foods:
                lacking.setdefault(name, []).append(item.label)
        self.lacking.set_foods(lacking)

    @staticmethod
    def _detail(item: NutrientDay, units: str = "metric") -> str:
        if item.state == "above_limit" and item.upper_limit_applies_to == "supplements":
            return (f"Supplements give {amount_text(item.from_supplements, item.unit, units)}, "
                    f"above the {amount_text(item.upper_limit, item.unit, units)} limit for "
                    f"supplemental {item.label.lower()}.")
        if item.state == "above_limit" and item.upper_limit_kind == "CDRR":
            return (f"Above {amount_text(item.upper_limit, item.unit, units, item.key)}, the "
                    "intake above which reducing lowers chronic-disease risk.")
        if item.state == "above_limit" and item.upper_limit is not None:
            return (f"Above the upper limit of "
                    f"{amount_text(item.upper_limit, item.unit, units, item.key)}: a warning, "
                    "not a goal.")
        return ""

