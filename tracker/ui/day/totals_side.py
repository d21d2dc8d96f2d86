"""Beside the day: drinks against their target, then the totals panel once it has loaded.

The totals panel (and the pandas it needs) is created on the first summary, after
the window has painted; until then, or without a profile, a short notice stands in.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QSize, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QProgressBar, QVBoxLayout, QWidget

from tracker.ui.day.day_rows import water_text

if TYPE_CHECKING:
    from tracker.domain.summary import DaySummary, WeekSummary
    from tracker.ui.day.totals_panel import TotalsPanel


# The window's wording of the totals' "no profile" notice: a place in the app, not a command.
GUI_NO_PROFILE = ("Targets depend on your sex, age and pregnancy or breastfeeding: set them "
                  "in <a href='settings:Profile'>Settings → Profile</a> (Ctrl+,).")


def window_notice(notice: str | None) -> str:
    # Imported here: the reference tables' module is not needed to paint the window.
    from tracker.domain.reference import NO_PROFILE_MESSAGE

    return GUI_NO_PROFILE if notice == NO_PROFILE_MESSAGE else (notice or "")


class TotalsSide(QWidget):
    """Drinks bar, notice and totals panel, stacked."""

    settingsRequested = Signal(str)  # the Settings tab a notice's link names

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        # The figures sit beside the bar's title, not across the bar, where the
        # edge of the fill ran through them.
        self.drinks_bar = QProgressBar(self)
        self.drinks_bar.setTextVisible(False)
        self.drinks_bar.setValue(0)
        self.drinks_bar.setFixedHeight(max(8, self.fontMetrics().height() // 2))
        self.drinks_bar.setToolTip("Drinks today against the drinks target for your profile")
        drinks_label = QLabel("<b>Drinks today</b>", self)
        drinks_label.setBuddy(self.drinks_bar)
        self.drinks_text = QLabel("…", self)
        drinks_row = QHBoxLayout()
        drinks_row.addWidget(drinks_label)
        drinks_row.addStretch(1)
        drinks_row.addWidget(self.drinks_text)
        self.notice = QLabel("Loading totals…", self)
        self.notice.setWordWrap(True)
        self.notice.linkActivated.connect(self._link)
        self.panel: TotalsPanel | None = None
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(4, 0, 0, 0)
        self._layout.addLayout(drinks_row)
        self._layout.addWidget(self.drinks_bar)
        self._layout.addWidget(self.notice)
        self._layout.addStretch(1)

    def _tall_enough(self, hint: QSize) -> QSize:
        layout = self.layout()
        if layout is not None and layout.hasHeightForWidth():
            hint.setHeight(max(hint.height(), layout.totalHeightForWidth(hint.width())))
        return hint

    def minimumSizeHint(self) -> QSize:
        # Wrapped lines (the footer, a warning under a bar) are tallest at the narrowest
        # width: ask for that height, so a window at its minimum cuts none of them.
        return self._tall_enough(super().minimumSizeHint())

    def sizeHint(self) -> QSize:
        return self._tall_enough(super().sizeHint())

    def show_notice(self, message: str) -> None:
        """No totals to show (e.g. no profile yet): say why instead."""
        self.notice.setText(message)
        self.notice.show()
        if self.panel is not None:
            self.panel.hide()
        self.drinks_bar.setRange(0, 1)
        self.drinks_bar.setValue(0)
        self._set_drinks_text("no target yet")

    def show_summary(self, day: DaySummary, week: WeekSummary, units: str) -> None:
        if self.panel is None:
            from tracker.ui.day.totals_panel import TotalsPanel

            self.panel = TotalsPanel(self)
            self.panel.notice.linkActivated.connect(self._link)
            self._layout.insertWidget(self._layout.count() - 1, self.panel)
        self.notice.hide()
        self.panel.show()
        self.panel.show_summary(day, week, units)
        self.panel.notice.setText(window_notice(day.notice))
        self._show_drinks(day.drinks_ml, day.nutrients["drinks"].target, units)

    def _show_drinks(self, drunk_ml: float, target_ml: float | None, unit: str) -> None:
        if not target_ml:
            self.drinks_bar.setRange(0, 1)
            self.drinks_bar.setValue(0)
            self._set_drinks_text(f"{water_text(drunk_ml, unit)} (no target)")
            return
        self.drinks_bar.setRange(0, round(target_ml))
        self.drinks_bar.setValue(min(round(drunk_ml), round(target_ml)))
        self._set_drinks_text(f"{water_text(drunk_ml, unit)} of {water_text(target_ml, unit)}")

    def _set_drinks_text(self, text: str) -> None:
        self.drinks_text.setText(text)
        self.drinks_bar.setAccessibleName(f"Drinks today: {text}")

    def _link(self, target: str) -> None:
        if target.startswith("settings:"):
            self.settingsRequested.emit(target.split(":", 1)[1])
