"""The one "what changed" broadcast every view of the diary subscribes to."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from tracker.domain.changes import Changes


class ChangeBus(QObject):
    """Carries each operation's ``Changes`` to the day view, totals, charts and tray.

    ``changed`` fires once per operation, after the diary holds its result.
    ``failed`` carries the message of an undo or redo the diary refused; the
    operation that failed the first time it ran raises to its caller instead.
    """

    changed = Signal(object)  # Changes
    failed = Signal(str)

    def publish(self, changes: Changes) -> None:
        self.changed.emit(changes)
