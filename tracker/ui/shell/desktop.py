"""The app as a desktop citizen: tray, reminders, the link for ``quick``, and how it quits.

Installed after the first paint, so none of it delays the window. Where the
desktop has no tray, closing the window quits as it always did and nothing is
said about the missing tray.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QCheckBox, QMessageBox

from tracker.ui.shell.instance_link import InstanceServer
from tracker.ui.shell.reminders_ui import Reminders
from tracker.ui.shell.tray import Tray

if TYPE_CHECKING:
    from tracker.ui.shell.main_window import MainWindow


class Desktop(QObject):
    """Owns the tray, the reminders and the instance link of one main window."""

    def __init__(self, window: MainWindow, app: QApplication, db_path: Path | None,
                 tray_available: bool | None = None, icon: QIcon | None = None) -> None:
        super().__init__(window)
        self.window = window
        self.app = app
        self.tray = Tray(window, icon or app.windowIcon(), window.quit_app, tray_available)
        self.reminders = Reminders(window, self.tray if self.tray.available else None)
        self.server = (InstanceServer(db_path, window.show_quick_log, window.show_and_raise, self)
                       if db_path is not None else None)
        # With a tray the window may be hidden while the app runs on; the app ends
        # when the window closes for real.
        app.setQuitOnLastWindowClosed(not self.tray.available)
        window.closed.connect(self.shutdown)
        app.commitDataRequest.connect(self.end_of_session)
        window.desktop = self

    def end_of_session(self, _manager: object = None) -> None:
        """Logging out or shutting down: the session asks every app to save and go; quit
        like File → Quit (entries are saved as made; the quit backup runs)."""
        self.window.quit_app()

    def keep_running_in_tray(self) -> bool:
        """Closing the window: keep running in the tray? Asks once when set to "ask"."""
        if not self.tray.available:
            return False
        choice = str(self.window.settings.get("close_to_tray"))
        if choice == "ask":
            choice = self._ask()
        return choice == "tray"

    def _ask(self) -> str:
        box = QMessageBox(QMessageBox.Icon.Question, "Keep Nutrient Tracker running?",
                          "Keep it running in the tray, so a twitch or a glass of water is "
                          "one click away? Quit from the tray icon's menu.", parent=self.window)
        keep = box.addButton("Keep in &tray", QMessageBox.ButtonRole.AcceptRole)
        box.addButton("&Quit", QMessageBox.ButtonRole.RejectRole)
        remember = QCheckBox("Don't ask again (change it in Settings → Desktop)", box)
        remember.setChecked(True)
        box.setCheckBox(remember)
        box.exec()
        choice = "tray" if box.clickedButton() is keep else "quit"
        if remember.isChecked():
            self.window.settings.set("close_to_tray", choice)
        return choice

    def shutdown(self) -> None:
        """The window closed for real: stop the reminders, leave the tray, end the loop."""
        self.reminders.stop()
        self.tray.remove()
        if self.server is not None:
            self.server.server.close()
        self.app.quit()
