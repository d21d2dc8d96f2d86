"""One nutrient's bar: the amount as a share of its target, coloured by its state.

Colour is never the only signal; the totals panel also names the state in
words beside the bar.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent, QPalette, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from tracker.domain.summary import NutrientDay, format_amount

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


def percent_text(value: float | None) -> str:
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

    def sizeHint(self) -> QSize:
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
            shown += f"  ·  {percent_text(item.percent_of_target)}"
            spoken += f", {percent_text(item.percent_of_target)} of target"
        elif item.target is None and item.percent_of_upper_limit is not None:
            shown += f"  ·  {percent_text(item.percent_of_upper_limit)} of limit"
            spoken += f", {percent_text(item.percent_of_upper_limit)} of the upper limit"
        self.text = shown
        self.setAccessibleName(f"{item.label}: {spoken}, {STATE_WORDS[item.state] or 'no target'}")
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:
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
