"""The three charts as tabs, fed from one ``services.analysis.chart_data`` result.

The main window imports this module only when charts are first shown, which
is what keeps pyqtgraph and pandas off the start-up path.
"""

from __future__ import annotations

from PySide6.QtWidgets import QTabWidget, QWidget

from tracker.services.analysis import ChartData
from tracker.ui.charts.heatmap import EpisodeHeatmap
from tracker.ui.charts.relationship_view import RelationshipView
from tracker.ui.charts.weekly_chart import WeeklyChart


class ChartsPanel(QTabWidget):
    """Week by week, the episode calendar, and twitching against intake."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.weekly = WeeklyChart()
        self.calendar = EpisodeHeatmap()
        self.relationship = RelationshipView()
        self.addTab(self.weekly, "Week by week")
        self.addTab(self.calendar, "Twitching calendar")
        self.addTab(self.relationship, "Twitching and intake")

    def set_chart_data(self, data: ChartData) -> None:
        """Show one period's charts (see ``tracker.services.analysis.chart_data``)."""
        self.weekly.set_data(data.weekly, data.trial_blocks,
                             data.relationship.get("exposures", data.relationship.get("nutrients")))
        self.calendar.set_data(data.calendar)
        self.relationship.set_data(data.relationship, data.points)
