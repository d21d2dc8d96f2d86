"""Phrases shared by the findings text and the charts, so both describe a window,
a lag and the limits of the analysis in the same words."""

from __future__ import annotations

DISCLAIMER = (
    "These are patterns in your own diary, not proof that one thing causes another. "
    "Twitching and cramps have many possible causes: please see a doctor, who can "
    "check magnesium, calcium, vitamin D and B12 with a blood test."
)


def average_phrase(window: int) -> str:
    """How the averaging window reads as a short chart label."""
    return "intake that day" if window == 1 else f"{window}-day average intake"


def lag_phrase(lag: int) -> str:
    """How the lag between intake and episodes reads."""
    return {0: "the same day", 1: "the next day"}.get(lag, f"{lag} days later")


def timing_phrase(window: int, lag: int, night: bool = False) -> str:
    """When the exposure is measured relative to the day the episodes are counted.

    ``night`` is for sleep, which is logged on the day it ends: its same-day
    value is the night before.
    """
    if window == 1:
        if night:
            return {0: "the night before", 1: "two nights before"}.get(
                lag, f"{lag + 1} nights before")
        return {0: "the same day", 1: "the day before"}.get(lag, f"{lag} days before")
    if lag == 0:
        return f"over the {window} days up to that day"
    if lag == 1:
        return f"over the {window} days before"
    return f"over {window} days ending {lag} days before"


SAME_DAY_CAVEAT = (
    "Because both were on the same day, the twitching may have led to it rather than "
    "the other way round (for example coffee after a bad night, or a short night "
    "because of cramps).")


def short_timing(window: int, lag: int, night: bool = False) -> str:
    """The timing in a few words for a table cell: "3 days before", "same day"."""
    if window == 1:
        if night:
            return {0: "night before", 1: "two nights before"}.get(lag, f"{lag + 1} nights before")
        return {0: "same day", 1: "day before"}.get(lag, f"{lag} days before")
    if lag == 0:
        return f"{window} days to that day"
    return f"{window} days before" if lag == 1 else f"{window} days ending {lag} before"


def both_days(night: bool = False, short: bool = False) -> str:
    """The two timings an acute factor's adjusted ratio counts together.

    "the same day and the day before"; for sleep, logged on the day its night
    ends, "the night before and two nights before".
    """
    phrase = short_timing if short else timing_phrase
    return f"{phrase(1, 0, night)} and {phrase(1, 1, night)}"

