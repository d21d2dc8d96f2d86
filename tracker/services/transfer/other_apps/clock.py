"""Clock times as other apps write them: "9:00 AM", "12:30 pm", "21:05", "21:05:00"."""

from __future__ import annotations

import datetime as dt
import re

_CLOCK = re.compile(r"^(?P<h>\d{1,2})[:.](?P<m>\d{2})(?::(?P<s>\d{2}))?\s*(?P<half>[ap]\.?m\.?)?$",
                    re.IGNORECASE)


def parse_clock(text: str) -> dt.time | None:
    """The time in ``text`` (12- or 24-hour, seconds dropped), or None if it is not one."""
    match = _CLOCK.match(text.strip())
    if not match:
        return None
    hour, minute = int(match["h"]), int(match["m"])
    half = (match["half"] or "").lower().replace(".", "")
    if half:
        if not 1 <= hour <= 12:
            return None
        hour = hour % 12 + (12 if half == "pm" else 0)
    if hour > 23 or minute > 59:
        return None
    return dt.time(hour, minute)
