"""The charts in a window of their own, beside the day diary.

Imported only when a person opens a chart, so pyqtgraph and pandas stay off
the path to the first window. The window follows the diary's change broadcast:
an edit, an import or a restore redraws an open window, and a hidden one
redraws when it is next shown.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QKeySequence, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from tracker.domain.changes import Changes
from tracker.services import analysis
from tracker.services.analysis import ChartData
from tracker.services.context import Context
from tracker.ui.charts.panel import ChartsPanel
from tracker.ui.common.change_bus import ChangeBus
from tracker.ui.common.task_thread import TaskRunner

WEEKLY_TAB, CALENDAR_TAB, RELATIONSHIP_TAB = 0, 1, 2


class ChartsWindow(QMainWindow):
    """Week-by-week intake, the twitching calendar and the relationship findings."""

    def __init__(self, ctx: Context, bus: ChangeBus, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self._stale = False
        # Several operations in one event-loop turn (an undo macro, a burst of
        # quick logs) redraw once.
        self._redraw = QTimer(self)
        self._redraw.setSingleShot(True)
        self._redraw.timeout.connect(self.refresh)
        self._runner = TaskRunner(self)
        self._again = False
        bus.changed.connect(self.follow_changes)
        self.setWindowTitle("Charts — Nutrient Tracker")
        self.resize(1100, 760)
        self.panel = ChartsPanel()
        self.period_label = QLabel()
        self.refresh_button = QPushButton("&Refresh")
        self.refresh_button.setToolTip("Recompute the charts from the diary (F5)")
        self.refresh_button.clicked.connect(self.refresh)
        header = QHBoxLayout()
        header.addWidget(self.period_label, 1)
        header.addWidget(self.refresh_button)
        body = QWidget()
        layout = QVBoxLayout(body)
        layout.addLayout(header)
        layout.addWidget(self.panel, 1)
        self.setCentralWidget(body)
        QShortcut(QKeySequence(Qt.Key.Key_F5), self).activated.connect(self.refresh)
        QShortcut(QKeySequence(QKeySequence.StandardKey.Close), self).activated.connect(
            self.close)

    def show_tab(self, index: int) -> None:
        """Bring the window up on chart ``index`` with the diary's current data."""
        self.panel.setCurrentIndex(index)
        self.refresh()
        self.show()
        self.raise_()
        self.activateWindow()

    def follow_changes(self, changes: Changes) -> None:
        """Redraw after an operation that changed what the charts read."""
        if not (changes.diary or changes.settings):
            return
        if self.isVisible():
            self._redraw.start(0)
        else:
            self._stale = True

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._stale:
            self._redraw.start(0)

    def refresh(self) -> None:
        """Recompute the charts on a worker thread and draw them when done; the window
        (and the diary beside it) stay responsive on a long diary meanwhile."""
        self._stale = False
        self._redraw.stop()
        if self._runner.is_busy():
            self._again = True  # changed while computing: compute once more after
            return
        work = analysis.chart_data_apart(self.ctx)
        self.setCursor(Qt.CursorShape.BusyCursor)
        self._runner.start(lambda _progress: work(), self._draw, self._failed)

    def finish_work(self) -> None:
        """Wait for a computation still running (before the app quits)."""
        self._again = False
        self._runner.wait()

    def _draw(self, data: object) -> None:
        assert isinstance(data, ChartData)
        self.unsetCursor()
        if self._again:
            self._again = False
            self.refresh()
        self.panel.set_chart_data(data)
        self.period_label.setText(
            f"Diary from {data.first:%d %b %Y} to {data.last:%d %b %Y}. Only logged days "
            "count; a day without entries is missing, not zero intake.")


    def _failed(self, message: str, _field: str) -> None:
        self.unsetCursor()
        self._again = False
        self.period_label.setText(f"The charts could not be brought up to date: {message} "
                                  "Press F5 to try again.")
