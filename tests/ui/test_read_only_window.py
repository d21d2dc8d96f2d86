"""A read-only diary in the window: a banner says why, editing is switched off, looking,
charts and export stay on, and no key or click changes the diary."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt

from tests.ui.window_fixtures import NOW, make_window
from tracker.domain.entries import WaterEntry
from tracker.services import diary
from tracker.services.context import Context, open_context
from tracker.storage.diary import Diary

TODAY = NOW.date()


@pytest.fixture
def read_only_ctx(tmp_path: Path, food_cache_dir: Path) -> Iterator[Context]:
    path = tmp_path / "diary.sqlite3"
    with Context(Diary.open(path), food_cache_dir) as ctx:
        diary.add_entry(ctx, WaterEntry(TODAY, dt.time(7, 0), 330.0))
    os.chmod(path, 0o444)
    with open_context(path, food_cache_dir) as ctx:
        yield ctx


def test_the_window_shows_a_banner_and_switches_editing_off(
        qtbot: Any, read_only_ctx: Context, tmp_path: Path) -> None:
    window = make_window(qtbot, read_only_ctx, tmp_path / "settings.toml")
    banner = window.read_only_banner
    assert banner is not None and banner.isVisible()
    assert banner.text().startswith(f"Read-only: the file {read_only_ctx.diary.path} is "
                                    "read-only.")
    assert "(read-only)" in window.windowTitle()
    acts = window.acts
    for action in (acts.add_food_action, acts.glass_action, acts.log_twitch_action,
                   acts.episode_action, acts.edit_action, acts.delete_action,
                   acts.import_action, acts.copy_previous_day_action, acts.products_action):
        assert not action.isEnabled(), action.text()
    for action in (acts.export_action, acts.weekly_action, acts.relationships_action,
                   acts.prev_action, acts.next_action, acts.check_action):
        assert action.isEnabled(), action.text()
    assert not window.factors_panel.isEnabled()
    assert window.model.rowCount() == 1  # the day is shown as usual


def test_keys_and_clicks_change_nothing(qtbot: Any, read_only_ctx: Context,
                                        tmp_path: Path) -> None:
    window = make_window(qtbot, read_only_ctx, tmp_path / "settings.toml")
    before = read_only_ctx.diary.path.read_bytes()  # type: ignore[union-attr]
    window.table.setFocus()
    window.table.selectRow(0)
    qtbot.keyClick(window, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)  # log twitch
    qtbot.keyClick(window.table, Qt.Key.Key_Delete)
    qtbot.keyClick(window.table, Qt.Key.Key_Return)  # would open the entry to edit
    window.acts.glass_action.trigger()
    qtbot.wait(50)
    assert diary.day(read_only_ctx, TODAY).water == (
        WaterEntry(TODAY, dt.time(7, 0), 330.0, id=window.day_entries.water[0].id),)
    assert not diary.day(read_only_ctx, TODAY).episodes
    assert read_only_ctx.diary.path.read_bytes() == before  # type: ignore[union-attr]
    assert window.undo_stack.count() == 0
