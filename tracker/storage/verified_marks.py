"""Marks of diaries this app checked and then closed cleanly, to skip re-checking them at open.

``PRAGMA quick_check`` reads the whole file: on a ten-year diary it costs more
than the rest of opening the window. A file whose device, inode, size,
modification and change times are exactly what they were when this app
closed it, after a check that found it sound, and that has no write-ahead log
left over, has not been written since; it is opened without the check, and
the caller runs the check right after (off the path to the first window, see
``Diary.verified``). Any write by anyone, a restore, a crash or a copy changes
the identity, and the next open checks first as before.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
from pathlib import Path


def _identity(path: Path) -> str | None:
    try:
        st = os.stat(path)
    except OSError:
        return None
    if Path(f"{path}-wal").exists() or Path(f"{path}-journal").exists():
        return None  # not closed cleanly: the log may hold what a check must see
    return f"{st.st_dev}:{st.st_ino}:{st.st_size}:{st.st_mtime_ns}:{st.st_ctime_ns}"


class VerifiedMarks:
    """One small file per diary under ``folder`` (the user's cache), keyed by its path."""

    def __init__(self, folder: Path) -> None:
        self.folder = Path(folder)

    def _mark(self, path: Path) -> Path:
        key = hashlib.sha256(str(Path(path).resolve()).encode()).hexdigest()[:32]
        return self.folder / f"{key}.verified"

    def matches(self, path: Path) -> bool:
        """True if ``path`` is, to the nanosecond, as this app left it after a sound check."""
        identity = _identity(Path(path))
        if identity is None:
            return False
        try:
            return self._mark(path).read_text(encoding="ascii") == identity
        except (OSError, UnicodeDecodeError):
            return False

    def record(self, path: Path) -> None:
        """Remember ``path`` as checked and cleanly closed (called after the last close)."""
        identity = _identity(Path(path))
        if identity is None:
            return
        with contextlib.suppress(OSError):  # a cache we cannot write only costs a check
            self.folder.mkdir(parents=True, exist_ok=True)
            mark = self._mark(path)
            tmp = mark.with_suffix(".tmp")
            tmp.write_text(identity, encoding="ascii")
            tmp.replace(mark)

    def forget(self, path: Path) -> None:
        with contextlib.suppress(OSError):
            self._mark(path).unlink()
