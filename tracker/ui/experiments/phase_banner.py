"""The line above the day's entries while a self-experiment runs."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QWidget

ON_STYLE = ("QLabel#phase_banner { background: #e3f2e8; color: #1b4d2e; border: 1px solid "
            "#9cc9ab; border-radius: 4px; padding: 6px 10px; font-weight: bold; }")
OFF_STYLE = ("QLabel#phase_banner { background: #eef0f3; color: #2f3a48; border: 1px solid "
             "#c3c9d2; border-radius: 4px; padding: 6px 10px; font-weight: bold; }")


class PhaseBanner(QLabel):
    """"Week 3 of 10: magnesium ON — 1 capsule today", hidden outside a trial."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("phase_banner")
        self.setWordWrap(True)
        self.setToolTip("Your self-experiment's phase on the day shown. Mark a day complete "
                        "when nothing happened, so it counts as a logged day without episodes.")
        self.hide()

    def show_phase(self, text: str | None) -> None:
        if not text:
            self.clear()
            self.hide()
            return
        self.setStyleSheet(ON_STYLE if " ON — " in text else OFF_STYLE)
        self.setText(text)
        self.show()
