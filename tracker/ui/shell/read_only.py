"""A diary that cannot be changed (read-only storage, or saved by a newer version) is still
shown: a banner says why, and every action that would change it is switched off.

Looking through days, the charts and export keep working; nothing offers a restore,
because nothing is wrong with the diary.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QLabel, QMainWindow, QSizePolicy, QToolBar, QWidget

from tracker.ui.shell.window_actions import WindowActions

BANNER_OBJECT_NAME = "read_only_banner"
# Amber, as an information bar: a state to know about, not an error.
BANNER_STYLE = ("QLabel#read_only_banner { background: #fff4ce; color: #3d2f00; "
                "border: 1px solid #e0c060; border-radius: 3px; padding: 6px 10px; }")


def banner_text(reason: str) -> str:
    # Two lines broken by hand: a word-wrapped label in a toolbar takes far more height.
    return (f"Read-only: {reason}.\nYou can look through the diary, see the charts and "
            "export it; adding, editing and importing are switched off.")


def editing_actions(acts: WindowActions) -> tuple[QAction, ...]:
    """Every action that would change the diary."""
    return (acts.add_food_action, acts.glass_action, acts.bottle_action,
            acts.custom_water_action, acts.caffeine_action, acts.supplement_action,
            acts.episode_action, acts.log_twitch_action, acts.copy_previous_day_action,
            acts.edit_action, acts.delete_action, acts.import_action, acts.products_action,
            acts.undo_action, acts.redo_action, acts.plan_experiment_action,
            acts.stop_experiment_action, acts.import_other_action, acts.save_meal_action,
            acts.save_recipe_action, acts.new_recipe_action, acts.own_foods_action)


def show_read_only(window: QMainWindow, acts: WindowActions, reason: str,
                   also_disable: tuple[QWidget, ...] = ()) -> QLabel:
    """Put the banner above the diary and switch off editing; returns the banner."""
    bar = QToolBar("Read-only", window)
    bar.setObjectName("read_only_toolbar")
    bar.setMovable(False)
    bar.setFloatable(False)
    banner = QLabel(banner_text(reason), bar)
    banner.setObjectName(BANNER_OBJECT_NAME)
    banner.setStyleSheet(BANNER_STYLE)
    banner.setToolTip(reason)
    banner.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    banner.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
    bar.addWidget(banner)
    window.addToolBarBreak()
    window.addToolBar(bar)
    for action in editing_actions(acts):
        action.setEnabled(False)
    for widget in also_disable:
        widget.setEnabled(False)
    window.setWindowTitle(f"{window.windowTitle()} (read-only)")
    window.statusBar().showMessage("This diary is read-only: nothing you do here changes it.")
    return banner
