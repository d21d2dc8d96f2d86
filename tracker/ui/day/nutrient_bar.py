"""One nutrient's bar: the amount as a share of its target, coloured by its state.

Colour is never the only signal; the totals panel also names the state in
words beside the bar. The figures are never drawn across a notch or cut short.
"""

from __future__ import annotations

import math
from collections.abc import Callable

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent, QPalette, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from tracker.domain.summary import NutrientDay
from tracker.domain.units import amount_text

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


INSIDE, BESIDE, BELOW = "inside", "beside", "below"
_PAD = 6.0  # between the bar's end and its text
_NOTCH_CLEAR = 4.0  # no text this close to a notch
_BESIDE_SHARE = 0.6  # beside the text, a bar keeps at least this share of the width


class BarGroup:
    """Bars shown one above the other: they place their texts the same way.

    Each bar would rather write its figures inside itself; if any cannot (too
    narrow, or a notch where the text would go), all of them write beside the
    bar, and if the bars would then be too short, below it. One rule for the
    group keeps the bars the same length, so their notches line up.
    """

    def __init__(self, follow: Callable[[str], object] | None = None) -> None:
        self.bars: list[NutrientBar] = []
        self._cache: tuple[tuple[object, ...], str] | None = None
        # Told the placement whenever it changes, so labels beside the bars can line up
        # with the figures.
        self._follow = follow
        self._followed: str | None = None

    def add(self, bar: NutrientBar) -> None:
        self.bars.append(bar)
        bar.group = self

    def text_width(self) -> float:
        return max((bar.text_width() for bar in self.bars if bar.text), default=0.0)

    def placement(self, width: int) -> str:
        key = (width, *((bar.text, bar.target_at, bar.limit_at) for bar in self.bars))
        if self._cache is None or self._cache[0] != key:
            self._cache = (key, self._choose(width))
        placement = self._cache[1]
        if self._follow is not None and placement != self._followed:
            self._followed = placement
            self._follow(placement)
        return placement

    def _choose(self, width: int) -> str:
        if all(bar.fits_inside(width) for bar in self.bars):
            return INSIDE
        if width - self.text_width() - _PAD >= _BESIDE_SHARE * width:
            return BESIDE
        return BELOW


class NutrientBar(QWidget):
    """A horizontal bar: the amount as a share of the target (or of the ceiling, for caffeine).

    A dark notch marks the target, a red one the ceiling where it counts the
    same intake as the bar. The figures never cross a notch or get cut: they go
    inside the bar where there is room, else beside or below it (see BarGroup).
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.fraction = 0.0  # of the bar's width
        self.target_at: float | None = None
        self.limit_at: float | None = None
        self.state = "unknown"
        self.text = ""
        self.group: BarGroup | None = None
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)

    # --- size -------------------------------------------------------------------------
    def text_width(self) -> float:
        return float(self.fontMetrics().horizontalAdvance(self.text))

    def _height(self) -> int:
        return self.fontMetrics().height() + 12

    def minimumSizeHint(self) -> QSize:
        # Below the bar, the figures need their own width, and never less than a short bar.
        shortest = 6 * self.fontMetrics().height()
        return QSize(max(shortest, math.ceil(self.text_width()) + 2), self._height())

    def sizeHint(self) -> QSize:
        # Wide enough for the figures to sit inside, clear of the target notch.
        inside = (2 * _PAD + _NOTCH_CLEAR + self.text_width()) * BAR_SCALE_PERCENT / 100.0
        return QSize(max(self.minimumSizeHint().width(), math.ceil(inside) + 2),
                     self._height())

    # --- values -----------------------------------------------------------------------
    def set_values(self, item: NutrientDay, units: str = "metric") -> None:
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
        shown = amount_text(item.amount, item.unit, units, item.key)
        spoken = shown
        if item.percent_of_target is not None:
            shown += f"  ·  {percent_text(item.percent_of_target)}"
            spoken += f", {percent_text(item.percent_of_target)} of target"
        elif item.target is None and item.percent_of_upper_limit is not None:
            shown += f"  ·  {percent_text(item.percent_of_upper_limit)} of limit"
            spoken += f", {percent_text(item.percent_of_upper_limit)} of the upper limit"
        self.text = shown
        self.setAccessibleName(f"{item.label}: {spoken}, {STATE_WORDS[item.state] or 'no target'}")
        self.setAccessibleDescription(_reference_words(item, units))
        self.updateGeometry()
        self.update()

    def _light(self) -> bool:
        return self.palette().color(QPalette.ColorRole.Base).lightness() >= 128

    # --- geometry ---------------------------------------------------------------------
    def notches(self) -> list[tuple[float, str]]:
        """(fraction of the bar, colour) of the target and ceiling notches."""
        # The target notch in the theme's ink where the bar's ground is dark.
        target = ("#2c3e50" if self._light()
                  else self.palette().color(QPalette.ColorRole.WindowText).name())
        return [(where, colour) for where, colour in ((self.target_at, target),
                                                     (self.limit_at,
                                                      STATE_COLOURS["above_limit"]))
                if where is not None]

    def _inside_text(self, track: QRectF) -> QRectF:
        return QRectF(track.left() + _PAD, track.top(), self.text_width(), track.height())

    def fits_inside(self, width: int) -> bool:
        """Whether the figures fit inside the bar at ``width``, clear of every notch."""
        if not self.text:
            return True
        track, _ = self.geometry_for(INSIDE, width)
        text = self._inside_text(track)
        if text.right() + _PAD > track.right():
            return False
        return not any(text.left() - _NOTCH_CLEAR <= track.left() + track.width() * where
                       <= text.right() + _NOTCH_CLEAR for where, _ in self.notches())

    def placement(self) -> str:
        if self.group is not None:
            return self.group.placement(self.width())
        if self.fits_inside(self.width()):
            return INSIDE
        return BESIDE if self.width() - self.text_width() - _PAD >= _BESIDE_SHARE * \
            self.width() else BELOW

    def geometry_for(self, placement: str, width: int) -> tuple[QRectF, QRectF]:
        """The bar's rectangle and the figures' rectangle for ``placement`` at ``width``."""
        height = float(self._height())
        line = float(self.fontMetrics().height())
        if placement == BELOW:
            # The bar sits close above its own figures and clear of the row above.
            track = QRectF(0.5, 4.5, width - 1.0, height - line - 6.0)
            return track, QRectF(0.5, track.bottom() + 0.5, self.text_width(), line)
        if placement == BESIDE:
            room = (self.group.text_width() if self.group is not None
                    else self.text_width())
            track = QRectF(0.5, 3.5, width - 1.0 - room - _PAD, height - 7.0)
            return track, QRectF(track.right() + _PAD, 0.0, self.text_width(), height)
        track = QRectF(0.5, 3.5, width - 1.0, height - 7.0)
        return track, self._inside_text(track)

    def text_rect(self) -> QRectF:
        """Where the figures are drawn now; for tests."""
        return self.geometry_for(self.placement(), self.width())[1]

    def track_span(self) -> tuple[float, float]:
        """Top and bottom of the bar as drawn now; for tests."""
        track, _ = self.geometry_for(self.placement(), self.width())
        return track.top(), track.bottom()

    def notch_xs(self) -> list[float]:
        """Where the notches are drawn now, in the widget's x; for tests."""
        track, _ = self.geometry_for(self.placement(), self.width())
        return [track.left() + track.width() * where for where, _ in self.notches()]

    # --- painting ---------------------------------------------------------------------
    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        placement = self.placement()
        track, text_rect = self.geometry_for(placement, self.width())
        radius = min(4.0, track.height() / 2)
        painter.setPen(QPen(self.palette().color(QPalette.ColorRole.Mid), 1))
        painter.setBrush(self.palette().color(QPalette.ColorRole.Base))
        painter.drawRoundedRect(track, radius, radius)
        fill = QRectF(track)
        fill.setWidth(track.width() * self.fraction if self.fraction > 0 else 0.0)
        if self.fraction > 0:
            fill.setWidth(max(fill.width(), 6.0))
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(QColor(FILL_COLOURS[self.state]))
            painter.drawRoundedRect(fill, radius, radius)
        for where, colour_name in self.notches():
            x = track.left() + track.width() * where
            painter.setPen(QPen(QColor(colour_name), 2))
            painter.drawLine(QPointF(x, track.top() - 2), QPointF(x, track.bottom() + 2))
        align = Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft
        text_colour = self.palette().color(QPalette.ColorRole.Text)
        if placement == INSIDE:
            # Dark over the light fill, the theme's text colour over the rest.
            for clip, colour in ((fill, QColor(FILL_TEXT)),
                                 (track.adjusted(fill.width(), 0, 0, 0), text_colour)):
                painter.save()
                painter.setClipRect(clip)
                painter.setPen(colour)
                painter.drawText(text_rect, align, self.text)
                painter.restore()
        else:
            painter.setPen(text_colour)
            painter.drawText(text_rect, align, self.text)
        painter.end()


def _reference_words(item: NutrientDay, units: str = "metric") -> str:
    """The target and ceiling in words, for screen readers."""
    parts = []
    if item.target is not None:
        parts.append(f"target {amount_text(item.target, item.unit, units, item.key)}")
    if item.upper_limit is not None:
        scope = (" from supplements" if item.upper_limit_applies_to == "supplements" else "")
        parts.append(f"upper limit {amount_text(item.upper_limit, item.unit, units, item.key)}"
                     f"{scope}")
    words = "; ".join(parts) or "no target"
    return words[0].upper() + words[1:]
