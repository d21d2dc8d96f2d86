"""The person's profile and their own target overrides."""

from __future__ import annotations

import datetime as dt
import sqlite3

from tracker.domain.entries import Profile


def get_profile(conn: sqlite3.Connection) -> Profile | None:
    row = conn.execute(
        "SELECT sex, birth_date, life_stage, reference_set FROM profile").fetchone()
    if row is None:
        return None
    return Profile(row[0], dt.date.fromisoformat(row[1]), row[2], row[3])


def put_profile(conn: sqlite3.Connection, profile: Profile) -> None:
    conn.execute(
        "INSERT INTO profile (singleton, sex, birth_date, life_stage, reference_set) "
        "VALUES (1, ?, ?, ?, ?) "
        "ON CONFLICT(singleton) DO UPDATE SET sex = excluded.sex, "
        "birth_date = excluded.birth_date, life_stage = excluded.life_stage, "
        "reference_set = excluded.reference_set",
        (profile.sex, profile.birth_date.isoformat(), profile.life_stage,
         profile.reference_set))


def target_overrides(conn: sqlite3.Connection) -> dict[str, float]:
    return {k: v for k, v in conn.execute("SELECT nutrient, target FROM target_override")}


def put_target_override(conn: sqlite3.Connection, nutrient: str, target: float | None) -> None:
    """Set the person's own target for ``nutrient``; None goes back to the reference value."""
    if target is None:
        conn.execute("DELETE FROM target_override WHERE nutrient = ?", (nutrient,))
    else:
        conn.execute("INSERT INTO target_override (nutrient, target) VALUES (?, ?) "
                     "ON CONFLICT(nutrient) DO UPDATE SET target = excluded.target",
                     (nutrient, float(target)))


def delete_profile(conn: sqlite3.Connection) -> None:
    """Remove the profile (an import that added it being undone)."""
    conn.execute("DELETE FROM profile")
