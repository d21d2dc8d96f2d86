"""Phrases shared by the findings text and the charts, so both describe a window,
a lag and the limits of the analysis in the same words."""

from __future__ import annotations

DISCLAIMER = (
    "These are patterns in your own diary, not proof that one thing causes another. "
    "Twitching and cramps have many possible causes: please see a doctor, who can "
    "check magnesium, calcium, vitamin D and B12 with a blood test."
)


def stretch_phrase(window: int) -> str:
    """How the averaging window reads inside a sentence."""
    return "that day" if window == 1 else f"over the {window} days up to that day"


def average_phrase(window: int) -> str:
    """How the averaging window reads as a short chart label."""
    return "intake that day" if window == 1 else f"{window}-day average intake"


def lag_phrase(lag: int) -> str:
    """How the lag between intake and episodes reads."""
    return {0: "the same day", 1: "the next day"}.get(lag, f"{lag} days later")
