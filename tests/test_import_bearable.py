"""Bearable's export: symptoms the person names become episodes; amounts become entries."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from tracker.domain.entries import CaffeineEntry, Episode, WaterEntry
from tracker.domain.errors import UserError
from tracker.services import diary
from tracker.services.context import Context
from tracker.services.transfer.other_apps.formats import BEARABLE, Choices, detect, read_foreign
from tracker.services.transfer.other_apps.plan import apply_plan
from tracker.storage import entries as entry_repo

FIXTURE = Path(__file__).parent / "fixtures" / "other_apps" / "bearable.csv"
CHOSEN = Choices(episode_symptoms=("Muscle twitching", "eyelid TWITCH"),
                 cramp_symptoms=("Calf cramps",))


@pytest.fixture
def export(tmp_path: Path) -> Path:
    target = tmp_path / "bearable.csv"
    shutil.copy(FIXTURE, target)
    return target


def _all(ctx: Context, kind: type) -> list[object]:
    return entry_repo.in_range(ctx.diary.conn, kind, dt.date(2000, 1, 1), dt.date(2100, 1, 1))


def test_the_header_says_it_is_bearable(export: Path) -> None:
    assert detect(export) == BEARABLE


def test_preview_lists_counts_dates_and_the_symptoms_to_choose_from(ctx: Context,
                                                                    export: Path) -> None:
    plan = read_foreign(ctx, export, BEARABLE)
    assert plan.preview()[0] == "Bearable export (bearable.csv), 2020-09-23 to 2020-09-24 (2 days)"
    assert dict(plan.symptoms) == {"Muscle twitching": 2, "Headache": 1, "Calf cramps": 2,
                                   "Eyelid twitch": 1}
    assert plan.counts() == {"water": 1, "caffeine": 1, "factors": 1}
    assert _all(ctx, Episode) == []


def test_chosen_symptoms_become_episodes_with_intensity_by_severity(ctx: Context,
                                                                    export: Path) -> None:
    plan = read_foreign(ctx, export, BEARABLE, CHOSEN)
    assert plan.preview()[0] == ("Bearable export (bearable.csv), 2020-09-22 to 2020-09-24 "
                                 "(3 days)")
    apply_plan(ctx, plan)
    found = sorted((e.date, e.time, e.kind, e.body_site, e.intensity)  # type: ignore[attr-defined]
                   for e in _all(ctx, Episode))
    assert found == [
        (dt.date(2020, 9, 22), dt.time(3, 0), "cramp", "calf", 9),  # Unbearable
        (dt.date(2020, 9, 22), dt.time(9, 0), "twitch", "other", 5),  # Moderate, "am"
        (dt.date(2020, 9, 22), dt.time(15, 0), "cramp", "calf", 7),  # Severe, "pm"
        (dt.date(2020, 9, 24), dt.time(9, 0), "twitch", "eyelid", 3),  # Mild
        (dt.date(2020, 9, 24), dt.time(9, 0), "twitch", "other", 3),  # Mild
    ]
    notes = {e.notes for e in _all(ctx, Episode)}  # type: ignore[attr-defined]
    assert "left calf mostly" in notes and "woke me up" in notes


def test_amounts_become_caffeine_and_water_and_sleep_the_days_sleep(ctx: Context,
                                                                    export: Path) -> None:
    summary = apply_plan(ctx, read_foreign(ctx, export, BEARABLE, CHOSEN))
    [coffee] = _all(ctx, CaffeineEntry)
    [water] = _all(ctx, WaterEntry)
    assert (coffee.caffeine_mg, coffee.date) == (200, dt.date(2020, 9, 23))  # type: ignore[attr-defined]
    assert water.volume_ml == 500  # type: ignore[attr-defined]
    assert diary.day(ctx, dt.date(2020, 9, 24)).factors.sleep_hours == 7.5  # type: ignore[union-attr]
    assert summary.total_added == 5 + 2 + 1


def test_rows_without_amounts_and_other_categories_are_left_out_and_said_so(
        ctx: Context, export: Path) -> None:
    lines = read_foreign(ctx, export, BEARABLE, CHOSEN).preview()
    assert "  left out: 1 Factors rows" in lines
    assert "  left out: 1 Mood rows" in lines
    assert any("Headache" in line for line in lines)


def test_importing_again_adds_nothing(ctx: Context, export: Path) -> None:
    first = apply_plan(ctx, read_foreign(ctx, export, BEARABLE, CHOSEN))
    again = apply_plan(ctx, read_foreign(ctx, export, BEARABLE, CHOSEN))
    assert again.total_added == 0 and again.total_present == first.total_added
    assert len(_all(ctx, Episode)) == 5


@pytest.mark.parametrize(("old", "new", "message"), [
    ("23rd Sep 2020,Wed,am,Water", "31st Sep 2020,Wed,am,Water",
     r"^bearable.csv line 6: date: 31st Sep 2020 is not a day on the calendar"),
    ("22nd Sep 2020,Tue,pm,", "22nd Sep 2020,Tue,teatime,",
     r"^bearable.csv line 3: time of day: 'teatime' is not a time of day"),
    ("Calf cramps (Severe)", "Calf cramps (Awful)",
     r"^bearable.csv line 3: detail: 'awful' is not a severity"),
    ("Water,500 ml", "Water,9000 ml", r"^bearable.csv line 6: rating/amount: The volume"),
])
def test_a_bad_row_in_the_middle_names_file_and_line_and_writes_nothing(
        ctx: Context, export: Path, old: str, new: str, message: str) -> None:
    text = export.read_text(encoding="utf-8")
    assert old in text
    export.write_text(text.replace(old, new, 1), encoding="utf-8", newline="")
    with pytest.raises(UserError, match=message):
        apply_plan(ctx, read_foreign(ctx, export, BEARABLE, CHOSEN))
    assert _all(ctx, Episode) == [] and _all(ctx, WaterEntry) == []
