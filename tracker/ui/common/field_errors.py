"""Showing a UserError beside the form field it names, the way every dialog of the app does.

Domain validation names the field at fault (``UserError.field``); a form maps
those names to small red labels, so the person sees why next to what they typed.
A message describes the field as it was when OK was pressed; once the person
edits that field the message is checked again (or withdrawn), so it never
quotes text the field no longer holds.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

from PySide6.QtCore import SignalInstance
from PySide6.QtWidgets import (
    QAbstractButton,
    QComboBox,
    QDateTimeEdit,
    QDoubleSpinBox,
    QHBoxLayout,
    QLabel,
    QLayout,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from tracker.domain import validation
from tracker.domain.errors import UserError
from tracker.domain.nutrients import BY_KEY
from tracker.services.supplements import vitamin_d_ug

ERROR_COLOUR = "#b00020"
_INVALID_STYLE = f"border: 1px solid {ERROR_COLOUR}; border-radius: 3px; padding: 2px;"


class FieldError(QLabel):
    """A red message under a field, hidden while there is nothing to say."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWordWrap(True)
        self.setStyleSheet(f"color: {ERROR_COLOUR};")
        self.hide()

    def set_message(self, text: str) -> None:
        self.setText(text)
        self.setVisible(bool(text))


def _change_signal(widget: QWidget) -> SignalInstance | None:
    """The signal a widget sends whenever what it shows changes, typed or set."""
    if isinstance(widget, QLineEdit):
        return widget.textChanged
    if isinstance(widget, QComboBox):
        return widget.currentTextChanged
    if isinstance(widget, QDateTimeEdit):
        return widget.dateTimeChanged
    if isinstance(widget, QSpinBox | QDoubleSpinBox):
        return widget.textChanged
    if isinstance(widget, QAbstractButton):
        return widget.toggled
    return None


class FormErrors:
    """Routes errors to the label of their field; unknown fields go to a general label.

    ``recheck`` validates the form as it stands without saving anything (a
    dialog's ``build``) and raises the UserError it finds. When the person edits
    a field whose message is on show, the message is replaced by what
    ``recheck`` now says about that field, or withdrawn if it has nothing to say.
    """

    def __init__(self, general: FieldError,
                 recheck: Callable[[], object] | None = None) -> None:
        self._general = general
        self._fields: dict[str, tuple[FieldError, QWidget | None]] = {}
        self._watched: dict[QWidget, str] = {}
        self.recheck = recheck

    def add(self, field: str, label: FieldError, widget: QWidget | None = None) -> None:
        self._fields[field] = (label, widget)
        if widget is not None:
            self.watch(field, widget)

    def watch(self, field: str, *widgets: QWidget) -> None:
        """Re-check ``field``'s message whenever one of ``widgets`` changes."""
        for widget in widgets:
            if widget in self._watched:
                continue
            signal = _change_signal(widget)
            if signal is not None:
                self._watched[widget] = field
                signal.connect(lambda *_args, w=widget: self._edited(w))

    def beside(self, item: QWidget | QHBoxLayout, field: str,
               widget: QWidget | None = None) -> QVBoxLayout:
        """``item`` with its own error label underneath, registered for ``field``."""
        error = FieldError()
        column = QVBoxLayout()
        column.setSpacing(2)
        if isinstance(item, QWidget):
            column.addWidget(item)
        else:
            column.addLayout(item)
        column.addWidget(error)
        self.add(field, error, widget or (item if isinstance(item, QWidget) else None))
        return column

    def clear(self) -> None:
        self._general.set_message("")
        for label, widget in self._fields.values():
            label.set_message("")
            if widget is not None:
                widget.setStyleSheet("")

    def show(self, error: UserError, focus: bool = True) -> None:
        """Show ``error`` beside its field (clearing older messages) and move the cursor there."""
        self.clear()
        label, widget = self._fields.get(error.field or "", (self._general, None))
        label.set_message(error.message)
        _grow_to_fit(label)
        if widget is not None:
            widget.setStyleSheet(_INVALID_STYLE)
            if focus:
                widget.setFocus()

    def _edited(self, widget: QWidget) -> None:
        field = self._watched[widget]
        label, shown_on = self._fields.get(field, (None, None))
        if label is None or label.isHidden() or not label.text():
            return
        if self.recheck is not None:
            try:
                self.recheck()
            except UserError as error:
                if self._fields.get(error.field or "", (None,))[0] is label:
                    label.set_message(error.message)
                    _grow_to_fit(label)
                    return
        label.set_message("")
        for edited in {widget, shown_on}:
            if edited is not None:
                edited.setStyleSheet("")

    def message(self) -> str:
        """The message on show now, or an empty string; for tests and screen readers."""
        for label in [self._general, *(lab for lab, _ in self._fields.values())]:
            if label.text() and not label.isHidden():
                return label.text()
        return ""


def _grow_to_fit(label: QLabel) -> None:
    # A message can wrap onto more lines than the form had room for: make the
    # window tall enough to show it whole instead of clipping its last line.
    window = label.window()
    layout = window.layout()
    if layout is None:
        return
    layout.setSizeConstraint(QLayout.SizeConstraint.SetMinimumSize)
    layout.activate()
    needed = (layout.totalHeightForWidth(window.width()) if layout.hasHeightForWidth()
              else layout.totalMinimumSize().height())
    if window.height() < needed:
        window.resize(window.width(), needed)


def typed_amounts(edits: Mapping[str, QLineEdit], vitamin_d_unit: str) -> dict[str, float]:
    """The nutrient amounts typed into ``edits`` (empty = unknown), vitamin D kept in µg.

    Raises UserError naming the nutrient whose text is not a number.
    """
    values: dict[str, float] = {}
    for key, edit in edits.items():
        text = edit.text().strip()
        if not text:
            continue
        value = validation.parse_number(text, BY_KEY[key].label, key)
        values[key] = vitamin_d_ug(value, vitamin_d_unit) if key == "vitamin_d" else value
    return values
