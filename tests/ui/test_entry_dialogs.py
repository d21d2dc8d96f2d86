"""The water, caffeine and episode dialogs: bad input is explained beside its field, never saved."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from PySide6.QtWidgets import QDialogButtonBox

from tracker.domain.entries import Entry, Episode, WaterEntry
from tracker.domain.errors import UserError
from tracker.ui.day.entry_dialogs import CaffeineDialog, EpisodeDialog, WaterDialog, parse_duration

DAY = dt.date(2026, 3, 10)
TIME = dt.time(21, 15)


def _ok(dialog: Any) -> None:
    dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()


@pytest.fixture
def saved() -> list[Entry]:
    return []


def _episode_dialog(qtbot: Any, saved: list[Entry]) -> EpisodeDialog:
    dialog = EpisodeDialog(DAY, TIME, saver=saved.append)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


@pytest.mark.parametrize("bad", ["0", "11", "-3", "5.5", "abc", "nan", ""])
def test_episode_intensity_outside_1_to_10_is_refused_beside_the_field(
        qtbot: Any, saved: list[Entry], bad: str) -> None:
    dialog = _episode_dialog(qtbot, saved)
    dialog.intensity_edit.setText(bad)
    _ok(dialog)
    assert dialog.isVisible()
    assert saved == []
    label, _widget = dialog.errors._fields["intensity"]
    assert label.isVisibleTo(dialog) and "Intensity" in label.text()


def test_episode_dialog_saves_what_was_chosen(qtbot: Any, saved: list[Entry]) -> None:
    dialog = _episode_dialog(qtbot, saved)
    dialog.kind_combo.setCurrentIndex(1)
    dialog.site_combo.setCurrentText("Calf")
    dialog.side_combo.setCurrentIndex(1)
    dialog.intensity_slider.setValue(8)
    dialog.duration_edit.setText("45 s")
    dialog.notes_edit.setText("after a run")
    _ok(dialog)
    assert not dialog.isVisible()
    (episode,) = saved
    assert isinstance(episode, Episode)
    assert (episode.date, episode.time, episode.kind, episode.body_site, episode.side,
            episode.intensity, episode.duration_s, episode.notes) == (
        DAY, TIME, "cramp", "calf", "right", 8, 45, "after a run")
    assert dialog.saved_entry() == episode


def test_episode_needs_a_body_site(qtbot: Any, saved: list[Entry]) -> None:
    dialog = _episode_dialog(qtbot, saved)
    dialog.site_combo.setCurrentText("  ")
    _ok(dialog)
    assert dialog.isVisible() and saved == []
    assert "body site" in dialog.message()


def test_editing_an_episode_keeps_its_id(qtbot: Any, saved: list[Entry]) -> None:
    old = Episode(DAY, TIME, "twitch", "eyelid", 2, "left", 10, "tired")
    dialog = EpisodeDialog(DAY, TIME, entry=old, saver=saved.append)
    qtbot.addWidget(dialog)
    assert dialog.site_combo.currentText() == "eyelid"
    assert dialog.duration_edit.text() == "10 s"
    dialog.intensity_edit.setText("4")
    _ok(dialog)
    (episode,) = saved
    assert episode.id == old.id and isinstance(episode, Episode) and episode.intensity == 4


@pytest.mark.parametrize(("text", "seconds"), [("30", 30), ("30 s", 30), ("2 min", 120),
                                               ("1.5 min", 90), ("", None)])
def test_durations_read_as_people_write_them(text: str, seconds: int | None) -> None:
    assert parse_duration(text) == seconds


@pytest.mark.parametrize(("bad", "words"), [
    ("soon", "'soon' is not a duration; write e.g. '30 s' or '2 min'"),
    ("-5 s", "'-5 s' is not a duration"), ("25 hours", "'25 hours' is not a duration"),
    ("999999 min", "Duration must be between 0 seconds and 24 hours"),
])
def test_impossible_durations_are_refused(bad: str, words: str) -> None:
    with pytest.raises(UserError) as caught:
        parse_duration(bad)
    assert caught.value.field == "duration_s"
    assert words in caught.value.message


@pytest.mark.parametrize("bad", ["-1", "0", "nan", "inf", "lots", "", "5001"])
def test_water_dialog_refuses_bad_volumes(qtbot: Any, saved: list[Entry], bad: str) -> None:
    dialog = WaterDialog(DAY, TIME, saver=saved.append)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.amount_edit.setText(bad)
    _ok(dialog)
    assert dialog.isVisible() and saved == []
    assert dialog.message()


def test_water_in_fl_oz_is_stored_in_ml(qtbot: Any, saved: list[Entry]) -> None:
    dialog = WaterDialog(DAY, TIME, units="us", saver=saved.append)
    qtbot.addWidget(dialog)
    assert dialog.unit_combo.currentText() == "US fl oz", "US units start in fl oz"
    dialog.amount_edit.setText("12")
    _ok(dialog)
    (water,) = saved
    assert isinstance(water, WaterEntry)
    # NIST Handbook 44: 1 US fl oz = 29.5735295625 ml.
    assert water.volume_ml == pytest.approx(354.88235475)


def test_water_in_cups_is_stored_in_ml_and_metric_starts_in_ml(
        qtbot: Any, saved: list[Entry]) -> None:
    dialog = WaterDialog(DAY, TIME, units="us", saver=saved.append)
    qtbot.addWidget(dialog)
    dialog.unit_combo.setCurrentIndex(dialog.unit_combo.findData("cup"))
    dialog.amount_edit.setText("1.5")
    _ok(dialog)
    assert saved[-1].volume_ml == pytest.approx(354.88235475)  # 1.5 cups = 12 fl oz
    metric = WaterDialog(DAY, TIME, saver=saved.append)
    qtbot.addWidget(metric)
    assert metric.unit_combo.currentData() == "ml"


def test_editing_water_under_us_units_shows_fl_oz(qtbot: Any, saved: list[Entry]) -> None:
    old = WaterEntry(DAY, TIME, 473.176473)
    dialog = WaterDialog(DAY, TIME, entry=old, units="us", saver=saved.append)
    qtbot.addWidget(dialog)
    assert dialog.amount_edit.text() == "16"


def test_caffeine_over_the_entry_limit_is_refused(qtbot: Any, saved: list[Entry]) -> None:
    dialog = CaffeineDialog(DAY, TIME, saver=saved.append)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.mg_edit.setText("2001")  # one entry holds at most 2000 mg
    dialog.label_combo.setCurrentText("pre-workout")
    _ok(dialog)
    assert dialog.isVisible() and saved == []
    label, _widget = dialog.errors._fields["caffeine_mg"]
    assert label.text() == dialog.message()


def test_a_refused_save_keeps_the_dialog_and_its_input(qtbot: Any) -> None:
    def refuse(_entry: Entry) -> None:
        raise UserError("The diary is busy in another program; try again.")

    dialog = CaffeineDialog(DAY, TIME, saver=refuse)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.mg_edit.setText("95")
    _ok(dialog)
    assert dialog.isVisible()
    assert dialog.mg_edit.text() == "95"
    assert "busy" in dialog.message()
