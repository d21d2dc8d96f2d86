"""Use cases on the person's profile and their own targets."""

from __future__ import annotations

import datetime as dt

from tracker.domain import validation
from tracker.domain.entries import Profile
from tracker.domain.errors import UserError
from tracker.domain.nutrients import BY_KEY
from tracker.services.context import Context
from tracker.storage import profile as repo

# Targets a person may set for themselves besides the registry nutrients.
EXTRA_TARGETS = ("water_total", "drinks")


def get_profile(ctx: Context) -> Profile | None:
    return repo.get_profile(ctx.diary.conn)


def set_profile(ctx: Context, profile: Profile, today: dt.date | None = None) -> Profile:
    validation.check_profile(profile, today)
    with ctx.diary.write() as conn:
        repo.put_profile(conn, profile)
    return profile


def target_overrides(ctx: Context) -> dict[str, float]:
    return repo.target_overrides(ctx.diary.conn)


def set_target_override(ctx: Context, nutrient: str, target: float | str | None) -> None:
    """Set a personal target (None restores the reference value)."""
    if nutrient not in BY_KEY and nutrient not in EXTRA_TARGETS:
        raise UserError(f"Unknown nutrient {nutrient!r}.", "nutrient")
    value = None
    if target is not None:
        value = validation.parse_number(target, "The target", "target")
        if value <= 0:
            raise UserError("A target must be more than zero.", "target")
    with ctx.diary.write() as conn:
        repo.put_target_override(conn, nutrient, value)
