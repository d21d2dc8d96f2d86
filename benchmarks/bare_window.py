"""The baseline for bench_startup.py: a bare PySide6 main window, shown and painted once.

It reports its first paint the way ``nutrient-tracker --startup-check`` does, so the
two processes are timed alike.
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QMainWindow, QWidget


def process_age_ms() -> float:
    stat = Path("/proc/self/stat").read_text()
    started = int(stat.rsplit(")", 1)[1].split()[19]) / os.sysconf("SC_CLK_TCK")
    return (time.clock_gettime(time.CLOCK_BOOTTIME) - started) * 1000.0


class FirstPaint(QObject):
    def __init__(self, window: QWidget, app: QApplication) -> None:
        super().__init__(window)
        self.window, self.app, self.seen = window, app, False
        window.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if not self.seen and event.type() == QEvent.Type.Paint:
            self.seen = True
            self.window.removeEventFilter(self)
            QTimer.singleShot(0, self.report)
        return False

    def report(self) -> None:
        print(f"first paint: {process_age_ms():.1f} ms", flush=True)
        self.app.exit(0)


def main() -> int:
    app = QApplication(sys.argv[:1])
    window = QMainWindow()
    window.setWindowTitle("bare")
    # The app's window size, fitted to the screen the same way, so both paint alike.
    room = app.primaryScreen().availableGeometry()
    window.resize(min(1360, room.width() * 95 // 100), min(820, room.height() * 95 // 100))
    FirstPaint(window, app)
    window.show()
    return int(app.exec())


if __name__ == "__main__":
    raise SystemExit(main())
