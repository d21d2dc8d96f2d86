"""A local socket so ``nutrient-tracker quick`` reaches the window already open on a diary.

The running app listens on a name made from the diary's path (a Unix domain
socket in the user's runtime folder: never a network connection); a second
start that finds the diary locked sends one word and exits.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject
from PySide6.QtNetwork import QLocalServer, QLocalSocket

QUICK = b"quick\n"
SHOW = b"show\n"


def server_name(db_path: Path) -> str:
    digest = hashlib.sha256(str(db_path.resolve()).encode()).hexdigest()[:16]
    return f"nutrient-tracker-{digest}"


class InstanceServer(QObject):
    """Listens for "quick" and "show" from later starts on the same diary."""

    def __init__(self, db_path: Path, on_quick: Callable[[], object],
                 on_show: Callable[[], object], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._on = {QUICK: on_quick, SHOW: on_show}
        self.server = QLocalServer(self)
        self.server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        name = server_name(db_path)
        QLocalServer.removeServer(name)  # a socket file left by a crashed app
        self.server.listen(name)
        self.server.newConnection.connect(self._accept)

    def _accept(self) -> None:
        while self.server.hasPendingConnections():
            socket = self.server.nextPendingConnection()
            socket.readyRead.connect(lambda s=socket: self._read(s))

    def _read(self, socket: QLocalSocket) -> None:
        word = bytes(socket.readAll().data())
        handler = self._on.get(word)
        if handler is not None:
            handler()
        socket.disconnectFromServer()


def ask_running_app(db_path: Path, word: bytes = QUICK, timeout_ms: int = 1000) -> bool:
    """Send ``word`` to the app open on ``db_path``; False if none answers."""
    socket = QLocalSocket()
    socket.connectToServer(server_name(db_path))
    if not socket.waitForConnected(timeout_ms):
        return False
    socket.write(word)
    ok = socket.waitForBytesWritten(timeout_ms)
    socket.waitForDisconnected(timeout_ms)
    return ok
