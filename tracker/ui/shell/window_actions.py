"""The main window's actions, menus and toolbars, so the window itself holds only behaviour.

Actions whose dialogs belong to other parts of the app (export, import, backups,
charts) are created here with clear names and connected by whoever owns them.
"""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QAction, QFont, QUndoStack
from PySide6.QtWidgets import QDateEdit, QMainWindow, QToolBar, QToolButton

from tracker.ui.shell import shortcuts


class WindowActions:
    """Every QAction of the main window, by name (e.g. ``export_action``)."""

    def __init__(self, window: QMainWindow, undo_stack: QUndoStack) -> None:
        def make(text: str, name: str | None = None) -> QAction:
            action = QAction(text, window)
            if name is not None:
                shortcuts.apply(action, name)
            return action

        self.export_action = make("&Export for doctor…")
        self.import_action = make("&Import…")
        self.import_other_action = make("Import from another &app…")
        self.backups_action = make("&Backups…")
        self.check_action = make("&Check diary")
        self.quit_action = make("&Quit", "quit")
        self.undo_action = undo_stack.createUndoAction(window, "&Undo")
        shortcuts.apply(self.undo_action, "undo")
        self.redo_action = undo_stack.createRedoAction(window, "&Redo")
        shortcuts.apply(self.redo_action, "redo")
        self.edit_action = make("&Edit entry…", "edit")
        self.delete_action = make("&Delete entry", "delete")
        self.copy_previous_day_action = make("Copy &previous day's foods", "copy_previous_day")
        self.save_meal_action = make("Save selection as &meal…")
        self.save_recipe_action = make("Save selection as &recipe…")
        self.new_recipe_action = make("New &recipe…")
        self.own_foods_action = make("My &foods, recipes and meals…")
        self.day_view_action = make("&Day")
        self.weekly_action = make("&Weekly charts")
        self.relationships_action = make("&Relationships")
        self.settings_action = make("&Settings…", "settings")
        self.shortcuts_action = make("&Keyboard shortcuts")
        self.about_action = make("&About Nutrient Tracker")
        self.sources_action = make("Data &sources")
        self.plan_experiment_action = make("&Plan a self-experiment…")
        self.experiment_result_action = make("Self-experiment &result…")
        self.stop_experiment_action = make("&Stop or abandon the self-experiment…")

        self.prev_action = make("◀ &Previous", "prev")
        self.today_action = make("&Today", "today")
        self.next_action = make("&Next ▶", "next")
        self.pick_date_action = make("Go to date", "pick_date")
        self.add_food_action = make("&Add food", "add_food")
        self.glass_action = make("Glass", "glass")
        self.bottle_action = make("Bottle", "bottle")
        self.custom_water_action = make("&Water, other amount…", "custom_water")
        self.caffeine_action = make("Caffeine…", "caffeine")
        self.supplement_action = make("&Supplement…", "supplement")
        self.products_action = make("My supplement &products…")
        self.log_twitch_action = make("Log &twitch", "log_twitch")
        self.episode_action = make("Episode…", "episode")
        # Toolbar buttons drop a trailing "…" from the menu text; keep it, and say
        # what the water button is for.
        for action, label in ((self.custom_water_action, "Other amount…"),
                              (self.caffeine_action, "Caffeine…"),
                              (self.supplement_action, "Supplement…"),
                              (self.episode_action, "Episode…")):
            action.setIconText(label)
        # Edit and Delete act on the table only, so Delete in a text field or
        # Enter in a spin box never removes or opens a diary entry.
        for action in (self.edit_action, self.delete_action):
            action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)

    def build_menus(self, window: QMainWindow) -> None:
        bar = window.menuBar()
        file_menu = bar.addMenu("&File")
        for action in (self.export_action, self.import_action, self.import_other_action,
                       self.backups_action, self.check_action):
            file_menu.addAction(action)
        file_menu.addSeparator()
        file_menu.addAction(self.quit_action)
        edit_menu = bar.addMenu("&Edit")
        for action in (self.undo_action, self.redo_action):
            edit_menu.addAction(action)
        edit_menu.addSeparator()
        for action in (self.edit_action, self.delete_action, self.copy_previous_day_action):
            edit_menu.addAction(action)
        edit_menu.addSeparator()
        for action in (self.save_meal_action, self.save_recipe_action):
            edit_menu.addAction(action)
        log_menu = bar.addMenu("&Log")
        for action in (self.add_food_action, self.glass_action, self.bottle_action,
                       self.custom_water_action, self.caffeine_action, self.supplement_action,
                       self.log_twitch_action, self.episode_action):
            log_menu.addAction(action)
        log_menu.addSeparator()
        for action in (self.new_recipe_action, self.own_foods_action, self.products_action):
            log_menu.addAction(action)
        view_menu = bar.addMenu("&View")
        for action in (self.day_view_action, self.weekly_action, self.relationships_action):
            view_menu.addAction(action)
        view_menu.addSeparator()
        for action in (self.prev_action, self.today_action, self.next_action,
                       self.pick_date_action):
            view_menu.addAction(action)
        experiment_menu = bar.addMenu("Experi&ment")
        for action in (self.plan_experiment_action, self.experiment_result_action,
                       self.stop_experiment_action):
            experiment_menu.addAction(action)
        settings_menu = bar.addMenu("&Settings")
        settings_menu.addAction(self.settings_action)
        help_menu = bar.addMenu("&Help")
        for action in (self.shortcuts_action, self.sources_action, self.about_action):
            help_menu.addAction(action)

    def build_toolbars(self, window: QMainWindow, date_edit: QDateEdit) -> QToolButton:
        """The date bar and the quick-log bar; returns the big "Log twitch" button."""
        dates = QToolBar("Date", window)
        dates.setObjectName("date_toolbar")
        dates.setMovable(False)
        dates.addAction(self.prev_action)
        dates.addWidget(date_edit)
        dates.addAction(self.next_action)
        dates.addAction(self.today_action)
        window.addToolBar(dates)
        quick = QToolBar("Quick log", window)
        quick.setObjectName("quick_toolbar")
        quick.setMovable(False)
        quick.setIconSize(QSize(0, 0))
        quick.addAction(self.add_food_action)
        quick.addAction(self.copy_previous_day_action)
        quick.addSeparator()
        for action in (self.glass_action, self.bottle_action, self.custom_water_action):
            quick.addAction(action)
        quick.addSeparator()
        quick.addAction(self.caffeine_action)
        quick.addAction(self.supplement_action)
        quick.addSeparator()
        quick.addAction(self.episode_action)
        quick.addAction(self.log_twitch_action)
        twitch = quick.widgetForAction(self.log_twitch_action)
        assert isinstance(twitch, QToolButton)
        twitch.setObjectName("log_twitch_button")
        font = QFont(twitch.font())
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.2)
        twitch.setFont(font)
        twitch.setStyleSheet("QToolButton#log_twitch_button { background: #c62828; color: white;"
                             " border-radius: 4px; padding: 6px 14px; }"
                             "QToolButton#log_twitch_button:focus { outline: 2px solid black; }"
                             "QToolButton#log_twitch_button:disabled { background: #e4b9b9; }")
        window.addToolBarBreak()
        window.addToolBar(quick)
        return twitch
