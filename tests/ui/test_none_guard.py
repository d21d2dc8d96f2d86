"""The None guard keeps a long session alive on a PySide6 whose void methods leak None."""

from __future__ import annotations

import sys
from typing import Any

from PySide6.QtCore import QObject

from tracker.ui import none_guard


def test_none_survives_many_void_calls_once_guarded(qapp: Any) -> None:
    timer = none_guard.install(qapp)
    leaking = none_guard.void_calls_leak_none()
    assert (timer is not None) == leaking
    probe = QObject()
    lowest = sys.getrefcount(None)
    for _ in range(10):
        for _ in range(20_000):
            probe.setObjectName("x")
        lowest = min(lowest, sys.getrefcount(None))
        none_guard.top_up()  # what the guard's timer does between a person's actions
    assert lowest > 10_000
    if timer is not None:
        timer.stop()
