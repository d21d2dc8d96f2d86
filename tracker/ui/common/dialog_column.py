"""The layout the export and import dialogs share: parts stacked, buttons bottom right."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtWidgets import QDialog, QHBoxLayout, QLayout, QPushButton, QVBoxLayout, QWidget


def close_button(dialog: QDialog) -> QPushButton:
    button = QPushButton("Close")
    button.clicked.connect(dialog.reject)
    return button


def stack(dialog: QDialog, parts: Sequence[QWidget | QLayout],
          buttons: Sequence[QPushButton]) -> QVBoxLayout:
    """Lay ``parts`` out top to bottom with ``buttons`` in a row at the bottom right."""
    row = QHBoxLayout()
    row.addStretch(1)
    for button in buttons:
        row.addWidget(button)
    layout = QVBoxLayout(dialog)
    # Word-wrapped labels report their height only for a given width; this
    # makes the dialog grow to fit them instead of clipping the first line.
    layout.setSizeConstraint(QLayout.SizeConstraint.SetMinimumSize)
    for part in parts:
        if isinstance(part, QWidget):
            layout.addWidget(part)
        else:
            layout.addLayout(part)
    layout.addLayout(row)
    return layout
