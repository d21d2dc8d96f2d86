"""The forms a spreadsheet writes when it saves a bundle file, read back strictly.

Tolerant of form, strict about meaning: a time may come back as ``08:05``,
``08:05:00``, ``8:05 AM`` or ``8:05:00 AM``, a date as ``2026-11-01`` or
``2026-11-01 00:00:00``, a number with trailing zeros, in scientific notation or
(in a semicolon file) with a decimal comma. Anything that could mean two things
(``01/02/2026``, ``1.234`` in a file that uses decimal commas) is refused with the
forms that are accepted.
"""

from __future__ import annotations

import datetime as dt
import math
import re

from tracker.domain.errors import UserError
from tracker.domain.validation import check_date

DATE_FORMS = "YYYY-MM-DD, e.g. 2026-11-20 (2026-11-20 00:00:00 is accepted too)"
TIME_FORMS = "HH:MM (24-hour), HH:MM:SS, h:mm AM/PM or h:mm:ss AM/PM, e.g. 08:30 or 8:30 AM"

_ISO_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})(?:[ T]00:00(?::00(?:\.0+)?)?)?")
_ISO_DATE_TIME = re.compile(r"\d{4}-\d{2}-\d{2}[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?")
_OTHER_DATE = re.compile(r"\d{1,4}[./-]\d{1,2}[./-]\d{1,4}(?:[ T].*)?")
_TIME = re.compile(r"(\d{1,2}):(\d{2})(?::(\d{2})(?:\.0+)?)?(?:\s*([AaPp])\.?\s*[Mm]\.?)?")
_NUMBER = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?")
# In a decimal-comma file: digits, one comma, digits; or a point that cannot be a
# thousands separator (not followed by exactly three digits).
_DECIMAL_COMMA = re.compile(r"[+-]?(?:\d+(?:,\d*)?|,\d+)(?:[eE][+-]?\d+)?")
_THOUSANDS_POINT = re.compile(r"[+-]?\d{1,3}(?:\.\d{3})+(?:,\d*)?")


def parse_date(text: str, column: str = "date") -> dt.date:
    """A calendar date in ISO form, alone or as a spreadsheet's midnight date-time."""
    value = text.strip()
    match = _ISO_DATE.fullmatch(value)
    if match is None:
        if _ISO_DATE_TIME.fullmatch(value):
            raise UserError(f"{value!r} has a time of day; a diary date is the day alone, "
                            f"written as {DATE_FORMS}.", column)
        if _OTHER_DATE.fullmatch(value):
            raise UserError(f"{value!r} could be read more than one way; write dates as "
                            f"{DATE_FORMS}.", column)
        raise UserError(f"{value!r} is not a date; write dates as {DATE_FORMS}.", column)
    try:
        day = dt.date(int(match[1]), int(match[2]), int(match[3]))
    except ValueError:
        raise UserError(f"{value} is not a day on the calendar.", column) from None
    return check_date(day, column)


def parse_time(text: str, column: str = "time") -> dt.time:
    """A clock time to the minute, 24-hour or with AM/PM; seconds must be zero."""
    value = text.strip()
    match = _TIME.fullmatch(value)
    if match is None:
        raise UserError(f"{value!r} is not a time; write times as {TIME_FORMS}.", column)
    hour, minute = int(match[1]), int(match[2])
    seconds = int(match[3] or 0)
    half = (match[4] or "").lower()
    if half:
        if not 1 <= hour <= 12:
            raise UserError(f"{value!r} is not a time: with AM or PM the hour is 1 to 12.",
                            column)
        hour = hour % 12 + (12 if half == "p" else 0)
    if hour > 23 or minute > 59 or seconds > 59:
        raise UserError(f"{value} is not a time of day (00:00 to 23:59).", column)
    if seconds:
        raise UserError(f"{value!r} has seconds; the diary keeps times to the minute, so "
                        "write it as HH:MM.", column)
    return dt.time(hour, minute)


def parse_number(text: str, what: str, column: str, decimal_comma: bool = False) -> float:
    """A finite number as a spreadsheet writes it; ``decimal_comma`` for semicolon files."""
    value = text.strip()
    if decimal_comma:
        if _THOUSANDS_POINT.fullmatch(value):
            raise UserError(f"{what}: {value!r} could be read more than one way; write it "
                            "without thousands separators, e.g. 1234,5.", column)
        if _DECIMAL_COMMA.fullmatch(value):
            value = value.replace(",", ".")
    elif "," in value and _DECIMAL_COMMA.fullmatch(value):
        raise UserError(f"{what}: {value!r} could be read more than one way in a file whose "
                        "columns are separated by commas; use a decimal point, e.g. 1.5.",
                        column)
    if not _NUMBER.fullmatch(value):
        raise UserError(f"{what} must be a number, not {text.strip()!r}.", column)
    number = float(value)
    if not math.isfinite(number):
        raise UserError(f"{what} must be a real number.", column)
    return number + 0.0
