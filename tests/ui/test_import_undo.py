"""File → Import… in the window: changes to entries already in the diary are applied only
with the box ticked, and the whole import is one undoable step that publishes one Changes."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from tests.ui.window_fixtures import NOW, make_window, when_dialog_opens
from tracker.domain.changes import Changes
from tracker.domain.entries import WaterEntry
from tracker.services import diary
from tracker.services.context import Context
from tracker.ui.transfer.import_dialog import ImportDialog

TODAY = NOW.date()
KEPT_ID = "a" * 32


def _bundle(folder: Path) -> Path:
    folder.mkdir()
    (folder / "water_log.csv").write_text(
        "date,time,volume_ml,id\n"
        f"{TODAY},07:00,330,{KEPT_ID}\n"  # the diary has 250 ml under this id
        f"{TODAY},12:00,500,{'b' * 32}\n", encoding="utf-8")
    (folder / "episodes.csv").write_text(
        f"date,time,kind,body_site,intensity\n{TODAY},06:40,cramp,calf,6\n", encoding="utf-8")
    return folder


def _volumes(ctx: Context) -> list[float]:
    return [w.volume_ml for w in diary.day(ctx, TODAY).water]


def _import_through_the_dialog(qtbot: Any, window: Any, folder: Path, tick: bool) -> list[str]:
    """Open File → Import…, check, (tick the box), import, close; returns messages shown."""
    shown: list[str] = []

    def drive(dialog: Any) -> None:
        assert isinstance(dialog, ImportDialog)
        dialog.path_edit.setText(str(folder))
        dialog.check_button.click()
        qtbot.waitUntil(dialog.import_button.isEnabled, timeout=30_000)
        shown.append(dialog.report.text())
        assert dialog.update_check.isEnabled()
        dialog.update_check.setChecked(tick)
        dialog.import_button.click()
        qtbot.waitUntil(lambda: not dialog.is_busy() and (
            dialog.receipt is not None or bool(dialog.message())), timeout=30_000)
        shown.append(dialog.message() or dialog.report.text())
        dialog.reject()

    when_dialog_opens(drive)
    window.acts.import_action.trigger()
    return shown


def test_an_import_with_changes_is_one_undoable_step(qtbot: Any, ctx: Context,
                                                     tmp_path: Path) -> None:
    diary.add_entry(ctx, WaterEntry(TODAY, dt.time(7, 0), 250.0, id=KEPT_ID))
    window = make_window(qtbot, ctx, tmp_path / "settings.toml")
    published: list[Changes] = []
    window.bus.changed.connect(published.append)
    folder = _bundle(tmp_path / "bundle")

    shown = _import_through_the_dialog(qtbot, window, folder, tick=False)
    assert "Ready to import: 2 new, 1 changed, 0 unchanged." in shown[0]
    assert "water_log.csv line 2: volume_ml 250 → 330" in shown[0]
    assert shown[1].startswith("1 item differs from your diary")
    assert _volumes(ctx) == [250.0] and published == [] and window.undo_stack.count() == 0

    shown = _import_through_the_dialog(qtbot, window, folder, tick=True)
    assert shown[1].startswith("Imported: 2 new, 1 changed, 0 unchanged.")
    assert _volumes(ctx) == [330.0, 500.0]
    assert len(diary.day(ctx, TODAY).episodes) == 1
    assert published == [Changes.whole_diary()]
    assert window.undo_stack.count() == 1
    assert window.undo_stack.undoText() == "Import bundle"
    assert [r for r in range(window.model.rowCount())] == [0, 1, 2]  # the view followed

    window.undo_stack.undo()
    assert _volumes(ctx) == [250.0]
    assert diary.day(ctx, TODAY).episodes == ()
    assert published == [Changes.whole_diary()] * 2
    assert window.model.rowCount() == 1

    window.undo_stack.redo()
    assert _volumes(ctx) == [330.0, 500.0]
    assert len(diary.day(ctx, TODAY).episodes) == 1
    assert published == [Changes.whole_diary()] * 3
