"""The system-tray icon and its menu; where the desktop has no tray, only the menu exists.

The menu is built whether or not a tray is available, so the same actions can
be shown elsewhere (and tested without a tray); the icon itself is made only
where ``QSystemTrayIcon.isSystemTrayAvailable()`` says a tray exists, and the
app says nothing about a missing one.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction, QIcon
from PySide6.QtWidgets import QMenu, QSystemTrayIcon

from tracker.domain.entries import BODY_SITES
from tracker.ui.shell.quick_log import QuickLog

if TYPE_CHECKING:
    from tracker.ui.shell.main_window import MainWindow


class Tray(QObject):
    """Tray menu: today's self-experiment phase (while one runs), Log twitch now, Log twitch
    at…, Glass of water, Coffee, Open diary, Quit."""

    def __init__(self, window: MainWindow, icon: QIcon, quit_app: Callable[[], object],
                 available: bool | None = None) -> None:
        super().__init__(window)
        self.window = window
        self.quick = QuickLog(window)
        self.menu = QMenu()
        # Today's self-experiment phase, when one runs: information, not a command.
        self.phase_action = QAction("", self.menu)
        self.phase_action.setEnabled(False)
        self.phase_separator = QAction(self.menu)
        self.phase_separator.setSeparator(True)
        self.menu.addAction(self.phase_action)
        self.menu.addAction(self.phase_separator)
        self.twitch_action = QAction("Log &twitch now", self.menu)
        self.sites_menu = QMenu("Log twitch &at…", self.menu)
        self.site_actions: dict[str, QAction] = {}
        for site in BODY_SITES:
            action = QAction(site.capitalize(), self.sites_menu)
            action.triggered.connect(lambda _checked=False, s=site: self.quick.twitch(s))
            self.sites_menu.addAction(action)
            self.site_actions[site] = action
        self.water_action = QAction("&Glass of water", self.menu)
        self.coffee_action = QAction("&Coffee", self.menu)
        self.quick_window_action = QAction("&Quick log…", self.menu)
        self.open_action = QAction("&Open diary", self.menu)
        self.quit_action = QAction("&Quit", self.menu)
        self.twitch_action.triggered.connect(lambda: self.quick.twitch())
        self.water_action.triggered.connect(self.quick.glass_of_water)
        self.coffee_action.triggered.connect(self.quick.coffee)
        self.quick_window_action.triggered.connect(window.show_quick_log)
        self.open_action.triggered.connect(window.show_and_raise)
        self.quit_action.triggered.connect(quit_app)
        for item in (self.twitch_action, self.sites_menu.menuAction(), self.water_action,
                     self.coffee_action, self.quick_window_action):
            self.menu.addAction(item)
        self.menu.addSeparator()
        self.menu.addAction(self.open_action)
        self.menu.addAction(self.quit_action)
        # Texts name what will be logged: the tray follows the window's "what changed"
        # broadcast like every other view, and reads afresh as the menu opens.
        self.menu.aboutToShow.connect(self.refresh_texts)
        window.bus.changed.connect(lambda _changes: self.refresh_texts())
        self.refresh_texts()
        exists = QSystemTrayIcon.isSystemTrayAvailable() if available is None else available
        self.icon: QSystemTrayIcon | None = None
        if exists:
            self.icon = QSystemTrayIcon(icon, self)
            self.icon.setToolTip("Nutrient Tracker")
            self.icon.setContextMenu(self.menu)
            self.icon.activated.connect(self._activated)
            self.icon.show()

    @property
    def available(self) -> bool:
        return self.icon is not None

    def refresh_texts(self) -> None:
        from tracker.services.experiments import trials as experiments
        phase = experiments.banner(self.window.ctx, self.window.today())
        # "&" would turn the next letter into a mnemonic.
        self.phase_action.setText((phase or "").replace("&", "&&"))
        self.phase_action.setVisible(bool(phase))
        self.phase_separator.setVisible(bool(phase))
        self.twitch_action.setText(f"Log &twitch now ({self.quick.last_site()})")
        self.water_action.setText(f"&{self.quick.glass_label()}")
        self.coffee_action.setText(f"&{self.quick.coffee_label()}")

    def _activated(self, reason: QSystemTrayIcon.ActivationReason) -> None:
        if reason == QSystemTrayIcon.ActivationReason.Trigger:
            self.window.show_and_raise()

    def notify(self, title: str, message: str) -> bool:
        """A desktop notification from the tray icon; False where there is no tray."""
        if self.icon is None or not QSystemTrayIcon.supportsMessages():
            return False
        self.icon.showMessage(title, message, QSystemTrayIcon.MessageIcon.Information, 15000)
        return True

    def remove(self) -> None:
        if self.icon is not None:
            self.icon.hide()
            self.icon.deleteLater()
            self.icon = None
        self.menu.deleteLater()
