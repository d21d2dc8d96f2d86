"""The main window's split: the day's entries on the left, the totals on the right.

Extra width goes mostly to the entries (their names are what gets cut), while
the totals grow with the window up to a point, so on a 4K screen the bars are
long enough to read but the figures stay near the names. Once the person drags
the handle, their split is kept.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QSize, Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QSplitter, QWidget

# The totals' share of the window when it is wide, and how far past their preferred
# width they may grow.
SIDE_SHARE = 0.3
SIDE_GROWTH = 1.6


class SideSplitter(QSplitter):
    """``main`` beside ``side``; neither can be squeezed below its minimum width."""

    def __init__(self, main: QWidget, side: QWidget, parent: QWidget | None = None) -> None:
        super().__init__(Qt.Orientation.Horizontal, parent)
        self.addWidget(main)
        self.addWidget(side)
        self.setStretchFactor(0, 1)
        self.setStretchFactor(1, 0)
        self.setChildrenCollapsible(False)
        self.dragged = False
        self.splitterMoved.connect(self._moved)

    def _moved(self) -> None:
        self.dragged = True

    def side_width(self, total: int) -> int:
        """The totals' width in a split ``total`` pixels wide."""
        main, side = self.widget(0), self.widget(1)
        assert main is not None and side is not None
        least = side.minimumSizeHint().width()
        wanted = min(int(SIDE_SHARE * total), int(SIDE_GROWTH * side.sizeHint().width()))
        room = total - main.minimumSizeHint().width()
        return max(least, min(wanted, room))

    def minimumSizeHint(self) -> QSize:
        # QSplitter leaves out its own margins, so a window at its minimum would
        # squeeze the totals by that much.
        return super().minimumSizeHint().grownBy(self.contentsMargins())

    def sizeHint(self) -> QSize:
        return super().sizeHint().grownBy(self.contentsMargins())

    def _split(self) -> None:
        if self.dragged:
            return
        margins = self.contentsMargins()
        total = self.width() - margins.left() - margins.right() - self.handleWidth()
        side = self.side_width(total)
        if self.sizes() != [total - side, side]:
            self.blockSignals(True)
            self.setSizes([total - side, side])
            self.blockSignals(False)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._split()

    def event(self, event: QEvent) -> bool:
        handled = super().event(event)
        # The totals arrive after the first paint and change what they need.
        if event.type() == QEvent.Type.LayoutRequest:
            self._split()
        return handled
