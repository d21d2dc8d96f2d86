"""Checking the open diary after the window is up, when it was opened without a check."""

from __future__ import annotations

from tracker.services.context import Context
from tracker.storage.safety.health import quick_check_file


def check_open_diary(ctx: Context) -> str | None:
    """Check the diary file on a connection of its own; None if sound, else what is wrong.

    Safe from a worker thread: it reads only, and marks the diary verified (so
    the next start may skip the check) only when the file is sound.
    """
    diary = ctx.diary
    if diary.verified or diary.path is None:
        return None
    rows = quick_check_file(diary.path)
    if rows == ["ok"]:
        diary.verified = True
        return None
    diary.distrust()
    return rows[0] if rows else "no answer from the integrity check"
