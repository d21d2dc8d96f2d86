"""A guard against PySide6 builds whose void methods hand back None without a reference.

PySide6 6.12.0 returns a borrowed ``None`` from every C++ method declared void,
so each such call made from Python takes one reference away from ``None``;
after a few thousand calls CPython aborts with "deallocating None" and the app
dies mid-entry. (6.11.3 is not affected.) The guard measures the loss once at
start and, only if there is one, keeps ``None``'s reference count topped up,
so the window keeps running whatever PySide6 is installed. (From Python 3.12
``None`` is immortal and the probe finds nothing to guard.)
"""

from __future__ import annotations

import ctypes
import sys

from PySide6.QtCore import QObject, QTimer

# A refill adds TOP_UP references once fewer than LOW_WATER remain; a user's
# actions make a few hundred void calls each, far fewer than that per check.
LOW_WATER = 100_000
TOP_UP = 200_000
CHECK_INTERVAL_MS = 500
_PROBE_CALLS = 200


def void_calls_leak_none() -> bool:
    """True when calling a void PySide6 method costs ``None`` a reference."""
    probe = QObject()
    before = sys.getrefcount(None)
    for _ in range(_PROBE_CALLS):
        probe.setObjectName("probe")
    return sys.getrefcount(None) <= before - _PROBE_CALLS // 2


def top_up() -> None:
    if sys.getrefcount(None) < LOW_WATER:
        # Raised in place rather than held in a list: a list would hand its
        # references back at exit, when the leaked ones are already gone, and
        # the abort would just move to shutdown.
        ctypes.c_ssize_t.from_address(id(None)).value += TOP_UP


def install(parent: QObject) -> QTimer | None:
    """Start the guard if this PySide6 needs it; the timer lives as long as ``parent``."""
    if not void_calls_leak_none():
        return None
    top_up()
    timer = QTimer(parent)
    timer.setInterval(CHECK_INTERVAL_MS)
    timer.timeout.connect(top_up)
    timer.start()
    return timer
