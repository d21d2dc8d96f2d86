"""The export and import dialogs: export runs off the GUI thread to 100 %, errors show in place."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.bundle_diary import FIRST, LAST, build_diary
from tracker.services.context import Context
from tracker.storage.diary import Diary
from tracker.ui.transfer.export_dialog import ExportDialog
from tracker.ui.transfer.import_dialog import ImportDialog


@pytest.fixture(scope="module")
def source(food_cache_dir: Path) -> Iterator[Context]:
    with Context(Diary.in_memory(), food_cache_dir) as context:
        build_diary(context)
        yield context


def _dialog(qtbot: Any, ctx: Context, tmp_path: Path) -> ExportDialog:
    dialog = ExportDialog(ctx, today=LAST, folder=tmp_path)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def test_defaults_to_the_last_four_weeks_in_a_named_folder(qtbot: Any, source: Context,
                                                           tmp_path: Path) -> None:
    dialog = _dialog(qtbot, source, tmp_path)
    first, last = dialog.period()
    assert last == LAST and (last - first).days == 27
    assert dialog.path_edit.text() == str(
        tmp_path / f"nutrient-tracker-export-{first}-to-{last}")
    dialog.as_zip.setChecked(True)
    assert dialog.path_edit.text().endswith(".zip")


def test_export_runs_and_progress_reaches_100(qtbot: Any, source: Context,
                                             tmp_path: Path) -> None:
    dialog = _dialog(qtbot, source, tmp_path)
    seen: list[int] = []
    dialog.progress.valueChanged.connect(seen.append)
    with qtbot.waitSignal(dialog.exported, timeout=60_000) as blocker:
        dialog.export_button.click()
        assert dialog.is_busy() or dialog.result_info is not None
    result = blocker.args[0]
    assert dialog.progress.value() == 100
    assert seen == sorted(seen) and len(seen) > 2
    assert (result.path / "report.pdf").is_file()
    assert result.first == FIRST
    assert "Saved 20 files" in dialog.status.text()
    assert dialog.open_button.isEnabled()
    assert dialog.export_button.isEnabled()


def test_a_backwards_period_is_shown_beside_the_date(qtbot: Any, source: Context,
                                                     tmp_path: Path) -> None:
    dialog = _dialog(qtbot, source, tmp_path)
    dialog.first_edit.setDate(dialog.last_edit.date().addDays(3))
    dialog.path_edit.setText(str(tmp_path / "out"))
    dialog.export_button.click()
    qtbot.waitUntil(lambda: bool(dialog.message()), timeout=30_000)
    assert "starts" in dialog.message()
    assert not (tmp_path / "out").exists()
    assert dialog.progress.value() == 0


def test_import_dialog_checks_then_imports(qtbot: Any, source: Context, tmp_path: Path,
                                           food_cache_dir: Path) -> None:
    export = _dialog(qtbot, source, tmp_path)
    export.as_zip.setChecked(True)
    with qtbot.waitSignal(export.exported, timeout=60_000):
        export.export_button.click()
    archive = export.path_edit.text()
    with Context(Diary.in_memory(), food_cache_dir) as empty:
        dialog = ImportDialog(empty, None)
        qtbot.addWidget(dialog)
        dialog.show()
        dialog.path_edit.setText(archive)
        dialog.check_button.click()
        qtbot.waitUntil(dialog.import_button.isEnabled, timeout=30_000)
        assert "food entries" in dialog.report.text()
        with qtbot.waitSignal(dialog.imported, timeout=60_000) as blocker:
            dialog.import_button.click()
        assert blocker.args[0].summary.total_added > 0
        assert dialog.report.text().startswith(
            f"Imported: {blocker.args[0].summary.total_added} new, 0 changed, 0 unchanged.")


def test_import_dialog_names_the_bad_line(qtbot: Any, tmp_path: Path,
                                          food_cache_dir: Path) -> None:
    (tmp_path / "water_log.csv").write_text(
        "date,time,volume_ml\n2026-10-05,09:00,250\n2026-10-06,25:00,250\n", encoding="utf-8")
    with Context(Diary.in_memory(), food_cache_dir) as empty:
        dialog = ImportDialog(empty, None)
        qtbot.addWidget(dialog)
        dialog.show()
        dialog.path_edit.setText(str(tmp_path))
        dialog.check_button.click()
        qtbot.waitUntil(lambda: bool(dialog.message()), timeout=30_000)
        assert dialog.message().startswith("water_log.csv line 3: time:")
        assert not dialog.import_button.isEnabled()
        assert "Nothing was imported" in dialog.report.text()


def test_a_date_is_shown_as_iso(qtbot: Any, source: Context, tmp_path: Path) -> None:
    dialog = _dialog(qtbot, source, tmp_path)
    dialog.last_edit.setDate(dialog.last_edit.date().addDays(-1))
    assert dialog.last_edit.text() == (LAST - dt.timedelta(days=1)).isoformat()
