"""The foods of the day whose values the reference data lacks, folded to one line.

A busy day can name a dozen foods with long SR28 names; written out in full they
pushed the totals panel off the bottom of the window. Folded, the list is one
line ("6 foods lack some values — show"); opened, it is a short scrollable list,
one food per line, so nothing is ever cut.
"""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QListWidget,
    QListWidgetItem,
    QSizePolicy,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

# Opened, the list shows up to this many lines, fewer when the window is short (never
# under two), and scrolls for the rest.
VISIBLE_LINES = 6
FEWEST_LINES = 2


def lacking_summary(count: int, shown: bool) -> str:
    foods = "1 food lacks" if count == 1 else f"{count} foods lack"
    return f"{foods} some values — {'hide' if shown else 'show'}"


def lacking_line(name: str, labels: list[str]) -> str:
    """"Duck, … roasted: no magnesium, vitamin D, vitamin B12 and 1 more"."""
    named = [label[0].lower() + label[1:] for label in labels]
    if len(named) > 3:
        return f"{name}: no {', '.join(named[:3])} and {len(named) - 3} more"
    if len(named) > 1:
        return f"{name}: no {', '.join(named[:-1])} or {named[-1]}"
    return f"{name}: no {named[0]}" if named else name


class _FoodList(QListWidget):
    """Wrapped lines, as tall as the room allows between two and six lines."""

    def _lines(self, count: int) -> QSize:
        height = count * self.fontMetrics().lineSpacing() + 2 * self.frameWidth() + 4
        return QSize(super().sizeHint().width(), height)

    def sizeHint(self) -> QSize:
        return self._lines(VISIBLE_LINES)

    def minimumSizeHint(self) -> QSize:
        return self._lines(FEWEST_LINES)


class LackingFoods(QWidget):
    """A toggle naming how many foods lack data, and the list it opens."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.toggle = QToolButton(self)
        self.toggle.setCheckable(True)
        self.toggle.setAutoRaise(True)
        self.toggle.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.toggle.setArrowType(Qt.ArrowType.RightArrow)
        self.toggle.toggled.connect(self._show_list)
        self.list = _FoodList(self)
        self.list.setWordWrap(True)
        self.list.setResizeMode(QListWidget.ResizeMode.Adjust)
        self.list.setTextElideMode(Qt.TextElideMode.ElideNone)
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.list.setAccessibleName("Foods without data")
        self.list.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Maximum)
        self.list.hide()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.toggle, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.list)
        self._count = 0

    def set_foods(self, lacking: dict[str, list[str]]) -> None:
        """``lacking`` maps a food's name to the nutrient labels it has no value for."""
        self._count = len(lacking)
        self.list.clear()
        lines = [lacking_line(name, labels) for name, labels in lacking.items()]
        for line in lines:
            item = QListWidgetItem(line)
            item.setToolTip(line)
            self.list.addItem(item)
        tip = ("Totals count only what is known; these foods have no value for some "
               "nutrients in the reference data:\n" + "\n".join(lines))
        self.toggle.setToolTip(tip)
        self.setVisible(bool(lacking))
        self._show_list(self.toggle.isChecked())

    def _show_list(self, shown: bool) -> None:
        self.toggle.setText(lacking_summary(self._count, shown))
        self.toggle.setAccessibleName(self.toggle.text())
        self.toggle.setArrowType(Qt.ArrowType.DownArrow if shown else Qt.ArrowType.RightArrow)
        self.list.setVisible(shown and self._count > 0)

    def text(self) -> str:
        """Everything the list names, one food per line; for tests and screen readers."""
        return "\n".join(self.list.item(i).text() for i in range(self.list.count()))
