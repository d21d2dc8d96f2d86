"""The quick-log window: small, always on top, and two keystrokes per log.

T then Enter logs a twitch where the last one was (T then 1–9 picks the site
instead); W then Enter a glass of water; C then Enter the last caffeine again.
Esc closes it. It is opened from the tray, or by ``nutrient-tracker quick``
(see ``instance_link``), and logs through the same undoable operations as the
diary window.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QKeyEvent
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from tracker.domain.entries import BODY_SITES
from tracker.ui.shell.quick_log import QuickLog

CLOSE_AFTER_MS = 1500
SITE_KEYS = BODY_SITES[:9]  # 1–9 after T


class QuickLogWindow(QWidget):
    """Keyboard-first logging of a twitch, water or caffeine; closes itself after a log."""

    closed = Signal()

    def __init__(self, quick: QuickLog, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Tool | Qt.WindowType.WindowStaysOnTopHint)
        self.quick = quick
        self.pending: str | None = None
        self.setWindowTitle("Quick log")
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        heading = QLabel("<b>Quick log</b> — a letter, then Enter", self)
        self.choices = QLabel(self)
        self.choices.setTextFormat(Qt.TextFormat.RichText)
        self.choices.setWordWrap(True)
        self.status = QLabel("T twitch, W water, C caffeine; Esc closes.", self)
        self.status.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(self.choices)
        layout.addWidget(self.status)
        self._close_timer = QTimer(self)
        self._close_timer.setSingleShot(True)
        self._close_timer.timeout.connect(self.close)
        self.refresh()
        self.setFixedWidth(max(self.sizeHint().width() + 40, 360))

    def refresh(self) -> None:
        """The three choices, the chosen one marked, and the site keys after T."""
        rows = [("T", "twitch", f"Twitch ({self.quick.last_site()})"),
                ("W", "water", self.quick.glass_label()),
                ("C", "coffee", self.quick.coffee_label())]
        lines = []
        for key, name, text in rows:
            line = f"<b>{key}</b>&nbsp;&nbsp;{text}"
            lines.append(f"<span style='background:palette(highlight)'>▶ {line}</span>"
                         if self.pending == name else f"&nbsp;&nbsp;&nbsp;{line}")
        if self.pending == "twitch":
            sites = ", ".join(f"{i} {s}" for i, s in enumerate(SITE_KEYS, start=1))
            lines.append(f"<small>Enter: {self.quick.last_site()}; or a site: {sites}</small>")
        self.choices.setText("<br>".join(lines))
        self.adjustSize()  # the site list after T needs more height

    def open(self) -> None:
        self.pending = None
        self._close_timer.stop()
        self.status.setText("T twitch, W water, C caffeine; Esc closes.")
        self.refresh()
        self.show()
        self.raise_()
        self.activateWindow()
        self.setFocus()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key, text = event.key(), event.text().lower()
        if key == Qt.Key.Key_Escape:
            self.close()
        elif text in ("t", "w", "c"):
            self.pending = {"t": "twitch", "w": "water", "c": "coffee"}[text]
            self.status.setText("Enter logs it; another letter changes it.")
            self.refresh()
        elif key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.pending:
            self._log(None)
        elif self.pending == "twitch" and text.isdigit() and 1 <= int(text) <= len(SITE_KEYS):
            self._log(SITE_KEYS[int(text) - 1])
        else:
            super().keyPressEvent(event)

    def _log(self, site: str | None) -> None:
        pending, self.pending = self.pending, None
        if pending == "twitch":
            done = self.quick.twitch(site)
        elif pending == "water":
            done = self.quick.glass_of_water()
        else:
            done = self.quick.coffee()
        self.refresh()
        if done:
            self.status.setText(f"✓ {done}")
            self._close_timer.start(CLOSE_AFTER_MS)

    def closeEvent(self, event: QCloseEvent) -> None:
        super().closeEvent(event)
        self.closed.emit()
