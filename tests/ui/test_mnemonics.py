"""Alt+letter reaches one thing at a time: no two mnemonics the window shows share a letter.

Two widgets on one letter make Alt+letter open whichever Qt finds first (the
Settings menu instead of the first run's "Sex" field, as it once did).
"""

from __future__ import annotations

import re
from collections import defaultdict
from pathlib import Path
from typing import Any

from PySide6.QtWidgets import QAbstractButton, QLabel, QWidget

from tests.ui.window_fixtures import make_window
from tracker.services.context import Context
from tracker.ui.shell import app as app_module

MNEMONIC = re.compile(r"(?<!&)&([^&\s])")


def _mnemonics(window: Any) -> dict[str, list[str]]:
    """Letter -> the texts that claim it, over the menu bar and the visible labels
    (with a buddy) and buttons; toolbar buttons take no mnemonics."""
    claims: dict[str, list[str]] = defaultdict(list)
    texts = [action.text() for action in window.menuBar().actions()]
    for widget in window.findChildren(QWidget):
        if not widget.isVisibleTo(window):
            continue
        labelled = isinstance(widget, QLabel) and widget.buddy() is not None
        button = isinstance(widget, QAbstractButton) and type(widget).__name__ != "QToolButton"
        if labelled or button:
            texts.append(widget.text())
    for text in texts:
        for letter in MNEMONIC.findall(text):
            claims[letter.lower()].append(text)
    return claims


def test_the_first_window_has_no_letter_twice(qtbot: Any, ctx: Context, tmp_path: Path) -> None:
    window = make_window(qtbot, ctx, tmp_path / "settings.toml")
    app_module._after_first_paint(window).wait()
    assert window.first_run.isVisible()
    claims = _mnemonics(window)
    # The first run's fields and buttons, the day factors and the menus are all there.
    assert {"x", "b", "g", "k", "u", "d", "a", "t", "p", "r", "i", "n",
            "f", "e", "l", "v", "m", "s", "h"} <= set(claims)
    assert {letter: texts for letter, texts in claims.items() if len(texts) > 1} == {}
