"""A refusal beside its field is shown whole, even when it wraps onto several lines."""

from __future__ import annotations

import datetime as dt
from typing import Any

from tracker.domain.errors import UserError
from tracker.ui.day.entry_dialogs import WaterDialog


def _fully_shown(label: Any) -> bool:
    return label.isVisible() and label.height() >= label.heightForWidth(label.width())


def test_a_long_message_grows_the_dialog_instead_of_being_clipped(qtbot: Any) -> None:
    dialog = WaterDialog(dt.date(2026, 11, 20), dt.time(9, 0))
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    before = dialog.height()
    long = ("The volume of 9000 ml is more than 5000 ml in one entry; split it into two "
            "entries or check the number you typed.")
    dialog.errors.show(UserError(long, "volume_ml"))
    label = next(lab for lab in dialog.findChildren(type(dialog.general_error))
                 if lab.text() == long)
    qtbot.waitUntil(lambda: _fully_shown(label))
    assert dialog.height() > before
