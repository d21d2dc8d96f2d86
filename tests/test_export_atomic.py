"""An export appears whole or not at all: a failure part way leaves nothing that looks like
an export (which ``import --check`` would then call ready to import), and a failed export
into an existing folder leaves that folder as it was."""

from __future__ import annotations

import datetime as dt
import errno
from collections.abc import Iterator
from pathlib import Path

import pytest

from tracker.cli.main import main
from tracker.domain.entries import WaterEntry
from tracker.domain.errors import UserError
from tracker.services import diary
from tracker.services.context import Context
from tracker.services.transfer import bundle_csv
from tracker.services.transfer.export import export_bundle
from tracker.storage.diary import Diary

DAY = dt.date(2026, 11, 20)


@pytest.fixture
def ctx(tmp_path: Path, food_cache_dir: Path) -> Iterator[Context]:
    with Context(Diary.open(tmp_path / "diary.sqlite3"), food_cache_dir) as context:
        diary.add_entry(context, WaterEntry(DAY, dt.time(8, 0), 250.0))
        yield context


@pytest.fixture
def fail_on_sixth_file(monkeypatch: pytest.MonkeyPatch) -> None:
    real = bundle_csv.write_private
    written: list[Path] = []

    def write(path: Path, data: bytes) -> None:
        if len(written) == 5:
            raise OSError(errno.ENOSPC, "No space left on device")
        written.append(path)
        real(path, data)

    monkeypatch.setattr("tracker.services.transfer.export.write_private", write)


def test_a_failed_export_leaves_nothing_import_would_take_for_one(
        ctx: Context, tmp_path: Path, fail_on_sixth_file: None,
        capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "exports" / "visit"
    out.parent.mkdir()
    with pytest.raises(UserError, match="No space left on device"):
        export_bundle(ctx, DAY, DAY, out)
    assert list(out.parent.iterdir()) == []  # neither the folder nor a hidden partial one
    assert main(["--db", str(tmp_path / "other.sqlite3"), "import", "--check", str(out)]) == 2
    assert "There is no file or folder" in capsys.readouterr().err


def test_a_failed_export_into_an_existing_folder_leaves_it_as_it_was(
        ctx: Context, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "visit"
    export_bundle(ctx, DAY, DAY, out)
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    (out / "my notes.txt").write_text("for the doctor", encoding="utf-8")
    diary.add_entry(ctx, WaterEntry(DAY, dt.time(9, 0), 500.0))
    real = bundle_csv.write_private
    count = 0

    def write(path: Path, data: bytes) -> None:
        nonlocal count
        count += 1
        if count == 6:
            raise OSError(errno.EIO, "Input/output error")
        real(path, data)

    monkeypatch.setattr("tracker.services.transfer.export.write_private", write)
    with pytest.raises(UserError, match="Input/output error"):
        export_bundle(ctx, DAY, DAY, out)
    after = {p.name: p.read_bytes() for p in out.iterdir()}
    assert after == {**before, "my notes.txt": b"for the doctor"}


def test_an_export_into_an_existing_folder_replaces_its_files(ctx: Context,
                                                              tmp_path: Path) -> None:
    out = tmp_path / "visit"
    export_bundle(ctx, DAY, DAY, out)
    diary.add_entry(ctx, WaterEntry(DAY, dt.time(9, 0), 500.0))
    export_bundle(ctx, DAY, DAY, out)
    water = (out / "water_log.csv").read_text(encoding="utf-8-sig")
    assert ",250," in water and ",500," in water
    assert not [p for p in out.iterdir() if p.name.startswith(".")]


def test_a_failed_zip_export_leaves_no_zip_and_an_earlier_one_as_it_was(
        ctx: Context, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "visit.zip"
    export_bundle(ctx, DAY, DAY, out)
    before = out.read_bytes()
    diary.add_entry(ctx, WaterEntry(DAY, dt.time(9, 0), 500.0))

    def disk_full(fd: int) -> None:  # where a full disk shows itself when writing through
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(bundle_csv.os, "fsync", disk_full)
    with pytest.raises(UserError, match="No space left on device"):
        export_bundle(ctx, DAY, DAY, out)
    with pytest.raises(UserError, match="No space left on device"):
        export_bundle(ctx, DAY, DAY, tmp_path / "new.zip")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["diary.sqlite3", "diary.sqlite3-shm",
                                                          "diary.sqlite3-wal", "visit.zip"]
    assert out.read_bytes() == before
