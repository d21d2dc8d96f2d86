"""When to ask the person to log: meal-time reminders, the evening check, a missed day.

Pure rules over an explicit "now", so the window's timer and the tests share
them and no test waits for a real clock. A reminder fires at most once a day,
never in the 30 minutes after the person logged something, and only while it
is still its own time (a reminder missed by more than two hours is dropped,
not shown late in the evening).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from tracker.domain.errors import UserError

QUIET_AFTER_LOG = dt.timedelta(minutes=30)
STALE_AFTER = dt.timedelta(hours=2)
DEFAULT_MEAL_TIMES = "08:30, 12:30, 19:00"
DEFAULT_EVENING_TIME = "21:30"


@dataclass(frozen=True)
class Reminder:
    key: str  # "meal 12:30", "evening": fired at most once per day each
    kind: str  # "meal" or "evening"
    message: str


def parse_times(text: str) -> tuple[dt.time, ...]:
    """"8:30, 12:30,19:00" → sorted times; a clear UserError for anything else."""
    times: set[dt.time] = set()
    for part in (p.strip() for p in text.replace(";", ",").split(",")):
        if not part:
            continue
        try:
            hours, minutes = part.split(":")
            times.add(dt.time(int(hours), int(minutes)))
        except ValueError:
            raise UserError(f"{part!r} is not a time; write times like 8:30, 12:30, 19:00.",
                            "meal_times") from None
    return tuple(sorted(times))


def format_times(times: tuple[dt.time, ...]) -> str:
    return ", ".join(f"{t:%H:%M}" for t in times)


def due(now: dt.datetime, meal_times: tuple[dt.time, ...], evening: dt.time | None,
        fired: set[str], last_logged: dt.datetime | None,
        day_complete: bool) -> Reminder | None:
    """The reminder to show at ``now``, if any; ``fired`` holds today's keys already shown."""
    if last_logged is not None and now - last_logged < QUIET_AFTER_LOG:
        return None
    candidates: list[Reminder] = []
    previous: dt.time | None = None
    for at in meal_times:
        key = f"meal {at:%H:%M}"
        if key not in fired and _in_window(now, at):
            # Since the last thing logged today, else since the previous reminder time.
            logged_today = last_logged is not None and last_logged.date() == now.date()
            since = (f"{last_logged:%H:%M}" if logged_today and last_logged
                     else f"{previous:%H:%M}" if previous else None)
            text = (f"Anything to log since {since}?" if since
                    else "Anything to log so far today?")
            candidates.append(Reminder(key, "meal", text))
        previous = at
    if evening is not None and not day_complete and "evening" not in fired \
            and _in_window(now, evening):
        candidates.append(Reminder("evening", "evening", "Mark today complete?"))
    return candidates[-1] if candidates else None


def _in_window(now: dt.datetime, at: dt.time) -> bool:
    start = dt.datetime.combine(now.date(), at)
    return start <= now < start + STALE_AFTER


def missed_day_note(today: dt.date, last_open: dt.date | None,
                    logged_days: set[dt.date]) -> str | None:
    """A gentle note when a day since the app was last open has nothing logged."""
    if last_open is None or last_open >= today:
        return None
    first_gap = None
    day = max(last_open, today - dt.timedelta(days=7))
    while day < today:
        if day not in logged_days:
            first_gap = day
            break
        day += dt.timedelta(days=1)
    if first_gap is None:
        return None
    when = "Yesterday" if first_gap == today - dt.timedelta(days=1) else f"{first_gap:%A %d %B}"
    return (f"{when} has nothing logged. If you remember what you ate or drank, adding it "
            "now keeps your charts honest; if not, that is fine too.")
