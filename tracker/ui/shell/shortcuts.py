"""Every keyboard shortcut of the main window, declared once.

The window sets its actions' shortcuts from this table, their tooltips name
the keys, and Help → Keyboard shortcuts lists the same table.
"""

from __future__ import annotations

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget

# action name -> (what it does, key sequences; the first is shown in menus)
SHORTCUTS: dict[str, tuple[str, tuple[str, ...]]] = {
    "add_food": ("Add a food or drink", ("Ctrl+F", "Ctrl+N")),
    "glass": ("Log a glass of water", ("Ctrl+1",)),
    "bottle": ("Log a bottle of water", ("Ctrl+2",)),
    "custom_water": ("Log water, any amount", ("Ctrl+3",)),
    "caffeine": ("Log caffeine", ("Ctrl+K",)),
    "supplement": ("Log a supplement dose", ("Ctrl+U",)),
    "log_twitch": ("Log a twitch now (last used body site)", ("Ctrl+L",)),
    "episode": ("Log an episode with details", ("Ctrl+E",)),
    "copy_previous_day": ("Copy the previous day's foods to this day", ("Ctrl+Shift+Y",)),
    "prev": ("Previous day", ("Alt+Left", "PgUp")),
    "next": ("Next day", ("Alt+Right", "PgDown")),
    "today": ("Go to today", ("Ctrl+T",)),
    "pick_date": ("Type or pick a date", ("Ctrl+G",)),
    "edit": ("Edit the selected entry", ("Return",)),
    "delete": ("Delete the selected entry", ("Delete",)),
    "undo": ("Undo", ("Ctrl+Z",)),
    "redo": ("Redo", ("Ctrl+Shift+Z", "Ctrl+Y")),
    "settings": ("Settings and profile", ("Ctrl+,",)),
    "quit": ("Quit", ("Ctrl+Q",)),
}


def keys_text(name: str) -> str:
    """The keys of ``name`` as the person reads them, e.g. "Alt+Left or PgUp"."""
    native = QKeySequence.SequenceFormat.NativeText
    return " or ".join(QKeySequence(k).toString(native) for k in SHORTCUTS[name][1])


def apply(action: QAction, name: str) -> QAction:
    """Give ``action`` its shortcuts and a tooltip that names them."""
    what, keys = SHORTCUTS[name]
    action.setShortcuts([QKeySequence(k) for k in keys])
    action.setToolTip(f"{what} ({keys_text(name)})")
    return action


class ShortcutsDialog(QDialog):
    """Help → Keyboard shortcuts: the table above, as a readable list."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Keyboard shortcuts")
        rows = "".join(f"<tr><td><b>{keys_text(name)}</b></td><td>{what}</td></tr>"
                       for name, (what, _keys) in SHORTCUTS.items())
        text = QLabel(f"<table cellspacing='6'>{rows}</table>"
                      "<p>Tab moves between fields; Alt plus an underlined letter jumps to a "
                      "field or button.</p>", self)
        text.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(text)
        layout.addWidget(buttons)
