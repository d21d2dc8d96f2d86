"""Light, dark or the system's theme for every window, and the charts with them.

Light and dark use Qt's Fusion style with a palette of their own, so they look
the same on every desktop; "system" gives back the style and palette Qt chose
at start. Charts take their background and ink from the theme; the PDF report
is drawn by other code and always stays light.
"""

from __future__ import annotations

import sys

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication, QStyleFactory, QWidget

_ORIGINAL: dict[str, object] = {}
DARK_BACKGROUND = "#1f2328"
DARK_INK = "#d6dbe0"


def dark_palette() -> QPalette:
    palette = QPalette()
    role, group = QPalette.ColorRole, QPalette.ColorGroup
    window, base, text = QColor(45, 49, 54), QColor(30, 33, 37), QColor(230, 233, 236)
    for r, colour in ((role.Window, window), (role.WindowText, text), (role.Base, base),
                      (role.AlternateBase, QColor(38, 42, 46)), (role.ToolTipBase, window),
                      (role.ToolTipText, text), (role.Text, text), (role.Button, window),
                      (role.ButtonText, text), (role.BrightText, QColor(255, 110, 100)),
                      (role.Link, QColor(110, 170, 240)), (role.Highlight, QColor(61, 122, 191)),
                      (role.HighlightedText, QColor(255, 255, 255)),
                      (role.PlaceholderText, QColor(150, 156, 162))):
        palette.setColor(r, colour)
    for r in (role.Text, role.WindowText, role.ButtonText):
        palette.setColor(group.Disabled, r, QColor(120, 125, 130))
    return palette


def is_dark(theme: str) -> bool:
    """Whether ``theme`` shows dark: "dark", or "system" on a desktop set to dark."""
    if theme == "dark":
        return True
    if theme == "light":
        return False
    app = QApplication.instance()
    hints = app.styleHints() if isinstance(app, QApplication) else None
    return hints is not None and hints.colorScheme() == Qt.ColorScheme.Dark


def apply_theme(theme: str) -> bool:
    """Restyle the whole application; returns whether it is now dark."""
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        return False
    if not _ORIGINAL:
        _ORIGINAL["style"] = app.style().name()
        _ORIGINAL["palette"] = QPalette(app.palette())
    if theme == "system":
        app.setStyle(str(_ORIGINAL["style"]))
        original = _ORIGINAL["palette"]
        assert isinstance(original, QPalette)
        app.setPalette(original)
    else:
        fusion = QStyleFactory.create("Fusion")
        app.setStyle(fusion)
        app.setPalette(dark_palette() if theme == "dark" else fusion.standardPalette())
    dark = is_dark(theme)
    restyle_charts(None, dark)
    return dark


def restyle_charts(root: QWidget | None, dark: bool) -> None:
    """Give charts (under ``root``, or the defaults for new ones) the theme's colours.

    Does nothing until the charts have been opened once: pyqtgraph is not
    loaded just to be told about a theme.
    """
    pg = sys.modules.get("pyqtgraph")
    if pg is None:
        return
    background, ink = (DARK_BACKGROUND, DARK_INK) if dark else ("w", "#333333")
    pg.setConfigOptions(background=background, foreground=ink)
    if root is None:
        return
    for view in root.findChildren(pg.GraphicsView):
        view.setBackground(background)
        for item in view.scene().items():
            if isinstance(item, pg.AxisItem):
                item.setPen(ink)
                item.setTextPen(ink)
            elif isinstance(item, pg.LabelItem):
                item.setText(item.text, color=ink)
