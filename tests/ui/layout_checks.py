"""Is any text in a window cut? Each widget's text is measured with its own QFontMetrics
and compared with the room it was given.

Used by the layout tests at every screen scale. A problem is returned as one line
naming the widget and both widths, so a failure says exactly what was cut.
"""

from __future__ import annotations

from collections.abc import Iterator

from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtGui import QFontMetrics, QRegion, QTextDocument
from PySide6.QtGui import Qt as GuiQt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QComboBox,
    QGroupBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMenuBar,
    QStyle,
    QStyleOptionComboBox,
    QToolBar,
    QWidget,
)

from tracker.ui.day.nutrient_bar import NutrientBar

SLACK = 1  # a pixel of rounding, at most
mightBeRichText = GuiQt.mightBeRichText  # noqa: N816 (Qt's name)


def _shown(root: QWidget) -> Iterator[QWidget]:
    for widget in [root, *root.findChildren(QWidget)]:
        if widget.isVisible() and widget.width() > 0 and widget.window().isVisible():
            yield widget


def _name(widget: QWidget) -> str:
    text = ""
    for getter in ("text", "title", "currentText"):
        if hasattr(widget, getter):
            text = str(getattr(widget, getter)())
            break
    return f"{type(widget).__name__} {text[:60]!r}"


def _plain(text: str) -> str:
    """The text as drawn: one '&' marks a shortcut and is not drawn."""
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&")


def _cut_by_parents(widget: QWidget) -> bool:
    """Whether part of ``widget`` lies outside one of its parents (a scrolled-away area)."""
    parent = widget.parentWidget()
    while parent is not None:
        shown = QRect(widget.mapTo(parent, QPoint(0, 0)), widget.size())
        if not parent.rect().contains(shown):
            return True
        if parent.isWindow():
            break
        parent = parent.parentWidget()
    return False


def _label(label: QLabel) -> str | None:
    text = label.text()
    if not text or label.pixmap() is not None and not label.pixmap().isNull():
        return None
    room = label.contentsRect().adjusted(label.margin(), label.margin(), -label.margin(),
                                         -label.margin())
    if label.indent() > 0:
        room.setLeft(room.left() + label.indent())
    rich = label.textFormat() == Qt.TextFormat.RichText or (
        label.textFormat() == Qt.TextFormat.AutoText and mightBeRichText(text))
    if rich:
        document = QTextDocument()
        document.setDefaultFont(label.font())
        document.setDocumentMargin(0)
        document.setHtml(text)
        if label.wordWrap():
            document.setTextWidth(room.width())
            needed = document.size().height()
            if needed > room.height() + SLACK:
                return f"{_name(label)}: needs {needed:.0f} px high, has {room.height()}"
            return None
        needed = document.idealWidth()
    else:
        shown = _plain(text) if label.buddy() is not None else text
        if label.wordWrap():
            needed_height = label.heightForWidth(label.width())
            if needed_height > label.height() + SLACK:
                return f"{_name(label)}: needs {needed_height} px high, has {label.height()}"
            return None
        metrics = QFontMetrics(label.font())
        needed = max(metrics.horizontalAdvance(line) for line in shown.splitlines() or [""])
    if needed > room.width() + SLACK:
        return f"{_name(label)}: text {needed:.0f} px wide, room {room.width()}"
    return None


def _button(button: QAbstractButton) -> str | None:
    text = _plain(button.text())
    if not text:
        return None
    metrics = QFontMetrics(button.font())
    needed = metrics.horizontalAdvance(text)
    # What the style adds around the text (indicator, icon, margins) is the part of
    # the size hint that is not text; the rest of the width is the text's room.
    room = button.width() - (button.sizeHint().width() - needed)
    if needed > room + SLACK:
        return f"{_name(button)}: text {needed} px wide, room {room}"
    return None


def _group_box(box: QGroupBox) -> str | None:
    metrics = QFontMetrics(box.font())
    needed = metrics.horizontalAdvance(_plain(box.title()))
    room = box.width() - 2 * metrics.horizontalAdvance(" ")
    if needed > room + SLACK:
        return f"{_name(box)}: title {needed} px wide, room {room}"
    return None


def _combo(combo: QComboBox) -> str | None:
    text = combo.currentText()
    if not text:
        return None
    option = QStyleOptionComboBox()
    option.initFrom(combo)
    option.editable = combo.isEditable()
    option.currentText = text
    option.frame = combo.hasFrame()
    field = combo.style().subControlRect(QStyle.ComplexControl.CC_ComboBox, option,
                                         QStyle.SubControl.SC_ComboBoxEditField, combo)
    needed = QFontMetrics(combo.font()).horizontalAdvance(text)
    if needed > field.width() + SLACK:
        return f"{_name(combo)}: text {needed} px wide, field {field.width()}"
    return None


def _line_edit(edit: QLineEdit) -> str | None:
    # Only fields showing a value the app wrote (spin boxes, dates, read-only text): a
    # person's own long typing scrolls inside the field, as it should.
    parent = edit.parentWidget()
    if not (isinstance(parent, QAbstractSpinBox) or edit.isReadOnly()):
        return None
    text = edit.displayText()
    if not text:
        return None
    margins = edit.textMargins()
    room = edit.contentsRect().width() - margins.left() - margins.right() - 4
    needed = QFontMetrics(edit.font()).horizontalAdvance(text)
    if needed > room + SLACK:
        return f"{_name(parent or edit)}: text {needed} px wide, room {room}"
    return None


def _header(header: QHeaderView) -> list[str]:
    if header.orientation() != Qt.Orientation.Horizontal or not header.isVisible():
        return []
    model = header.model()
    metrics = QFontMetrics(header.font())
    margin = header.style().pixelMetric(QStyle.PixelMetric.PM_HeaderMargin, None, header)
    problems = []
    for section in range(header.count()):
        if header.isSectionHidden(section):
            continue
        text = str(model.headerData(section, Qt.Orientation.Horizontal) or "")
        needed = max((metrics.horizontalAdvance(line) for line in text.splitlines()),
                     default=0)
        room = header.sectionSize(section) - 2 * margin
        if needed > room + SLACK:
            problems.append(f"header {text!r}: text {needed} px wide, room {room}")
    return problems


def _bar(bar: NutrientBar) -> list[str]:
    problems = []
    text = bar.text_rect()
    needed = QFontMetrics(bar.font()).horizontalAdvance(bar.text)
    if text.width() + SLACK < needed:
        problems.append(f"bar {bar.text!r}: text {needed} px wide, room {text.width():.0f}")
    if text.left() < -SLACK or text.right() > bar.width() + SLACK or \
            text.bottom() > bar.height() + SLACK:
        problems.append(f"bar {bar.text!r}: text runs outside the bar's widget")
    for x in bar.notch_xs():
        if text.left() - 2 <= x <= text.left() + needed + 2:
            track_top, track_bottom = bar.track_span()
            if text.top() < track_bottom and text.bottom() > track_top:
                problems.append(f"bar {bar.text!r}: a notch at {x:.0f} crosses the text")
    return problems


def _toolbar(toolbar: QToolBar) -> list[str]:
    problems = []
    for action in toolbar.actions():
        if action.isSeparator() or not action.isVisible():
            continue
        widget = toolbar.widgetForAction(action)
        if widget is None or not widget.isVisible():
            problems.append(f"toolbar {toolbar.objectName()}: {action.text()!r} is hidden "
                            "in the overflow menu")
    return problems


def _one(widget: QWidget) -> list[str]:
    if isinstance(widget, QHeaderView):
        return _header(widget)
    if isinstance(widget, NutrientBar):
        return _bar(widget)
    if isinstance(widget, QToolBar):
        return _toolbar(widget)
    found: str | None = None
    if isinstance(widget, QLabel):
        found = _label(widget)
    elif isinstance(widget, QAbstractButton) and widget.objectName() != "qt_toolbar_ext_button":
        found = _button(widget)
    elif isinstance(widget, QGroupBox):
        found = _group_box(widget)
    elif isinstance(widget, QComboBox):
        found = _combo(widget)
    elif isinstance(widget, QLineEdit):
        found = _line_edit(widget)
    elif isinstance(widget, QMenuBar) and widget.sizeHint().width() > widget.width():
        found = f"menu bar: needs {widget.sizeHint().width()} px, has {widget.width()}"
    return [found] if found else []


def clipped(root: QWidget) -> list[str]:
    """One line for each text under ``root`` that is cut, elided, overflowed or hidden."""
    problems: list[str] = []
    for widget in _shown(root):
        problems += _one(widget)
        if isinstance(widget, QLabel | QAbstractButton | NutrientBar) and \
                _cut_by_parents(widget):
            problems.append(f"{_name(widget)}: partly outside its parent")
    return problems


def horizontal_scroll_bars(root: QWidget) -> list[str]:
    """Item views and scroll areas under ``root`` that show a horizontal scroll bar."""
    return [f"{_name(view)} scrolls sideways" for view in _shown(root)
            if isinstance(view, QAbstractItemView) and view.horizontalScrollBar().isVisible()]


def unobscured(widget: QWidget) -> bool:
    """Whether all of ``widget`` can be painted (nothing covers or cuts it)."""
    return QRegion(widget.rect()).subtracted(widget.visibleRegion()).isEmpty()
