"""Archives and big files within bounded memory: a zip whose header understates its size,
repeated or unexpected member names, and a CSV import whose memory does not grow with the
file."""

from __future__ import annotations

import json
import struct
import subprocess
import sys
import tracemalloc
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from tracker.domain.entries import WaterEntry
from tracker.domain.errors import UserError
from tracker.services.context import Context
from tracker.services.transfer import bundle_source
from tracker.services.transfer.importer import import_bundle
from tracker.storage import entries as entry_repo
from tracker.storage.diary import Diary

ROW = b"2026-10-05,09:00,250\n"
HEADER = b"date,time,volume_ml\n"


@pytest.fixture
def empty(tmp_path: Path, food_cache_dir: Path) -> Iterator[Context]:
    with Context(Diary.open(tmp_path / "empty.sqlite3"), food_cache_dir) as context:
        yield context


def _water_count(ctx: Context) -> int:
    return int(ctx.diary.conn.execute("SELECT count(*) FROM water_entry").fetchone()[0])


def _understated_zip(path: Path, megabytes: int) -> None:
    """A zip of one water_log.csv whose headers claim 1000 bytes for ``megabytes`` MB."""
    body = HEADER + ROW * (megabytes * 1024 * 1024 // len(ROW))
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
        out.writestr("water_log.csv", body)
    data = bytearray(path.read_bytes())
    local = data.find(b"PK\x03\x04")
    central = data.find(b"PK\x01\x02")
    assert struct.unpack_from("<I", data, local + 22)[0] == len(body)
    struct.pack_into("<I", data, local + 22, 1000)  # local header: uncompressed size
    struct.pack_into("<I", data, central + 24, 1000)  # central directory: the same
    path.write_bytes(bytes(data))


_MEASURE = """
import json, resource, sys
from pathlib import Path
from tracker.domain.errors import UserError
from tracker.services.context import Context
from tracker.services.transfer.importer import import_bundle
from tracker.storage.diary import Diary
before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
with Context(Diary.in_memory(), Path(sys.argv[2])) as ctx:
    try:
        import_bundle(ctx, sys.argv[1])
        message = None
    except UserError as exc:
        message = exc.message
after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(json.dumps({"grew_mb": (after - before) / 1024, "message": message}))
"""


def test_a_zip_that_understates_its_size_is_refused_without_filling_memory(
        tmp_path: Path, food_cache_dir: Path) -> None:
    archive = tmp_path / "bomb.zip"
    _understated_zip(archive, 300)  # about 1 MB on disk
    assert archive.stat().st_size < 3 * 1024 * 1024
    done = subprocess.run([sys.executable, "-P", "-c", _MEASURE, str(archive),
                           str(food_cache_dir)], capture_output=True, text=True, timeout=300,
                          check=False)
    assert done.returncode == 0, done.stderr
    found = json.loads(done.stdout)
    assert found["message"] is not None and "bomb.zip" in found["message"]
    # Reading the member whole inflates all 300 MB before the size check can fail.
    assert found["grew_mb"] < 60, found


def _streamed_bomb(path: Path, real_mb: int, claimed_mb: int) -> None:
    """A zip whose water_log.csv holds one endless row of ``real_mb`` MB of zeros and whose
    headers claim ``claimed_mb`` MB, written in chunks so the test itself stays small."""
    chunk = b"0" * (1024 * 1024)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out, \
            out.open("water_log.csv", "w") as member:
        member.write(HEADER + b"2026-10-05,09:00,")
        for _ in range(real_mb):
            member.write(chunk)
    data = bytearray(path.read_bytes())
    local, central = data.find(b"PK\x03\x04"), data.find(b"PK\x01\x02")
    struct.pack_into("<I", data, local + 22, claimed_mb * 1024 * 1024)
    struct.pack_into("<I", data, central + 24, claimed_mb * 1024 * 1024)
    path.write_bytes(bytes(data))


def test_a_zip_that_claims_less_than_the_limit_is_not_inflated_whole(
        tmp_path: Path, food_cache_dir: Path) -> None:
    """The issue's case: a small zip whose header understates a huge member, under the
    per-file limit, was inflated into memory (2.1 GB for 1.2 GB) before it was refused."""
    archive = tmp_path / "bomb.zip"
    _streamed_bomb(archive, real_mb=400, claimed_mb=200)
    assert archive.stat().st_size < 3 * 1024 * 1024
    done = subprocess.run([sys.executable, "-P", "-c", _MEASURE, str(archive),
                           str(food_cache_dir)], capture_output=True, text=True, timeout=300,
                          check=False)
    assert done.returncode == 0, done.stderr
    found = json.loads(done.stdout)
    assert found["message"] is not None
    assert found["grew_mb"] < 60, found  # the claimed 200 MB alone, held whole, is more


def test_inflated_bytes_are_counted_across_members(
        empty: Context, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(bundle_source, "MAX_TOTAL_BYTES", 200_000)
    archive = tmp_path / "two.zip"
    rows = b"".join(f"2026-10-{day:02d},09:{minute:02d},250\n".encode()
                    for day in range(1, 29) for minute in range(60)) * 3
    assert 100_000 < len(HEADER + rows) < 200_000
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as out:
        out.writestr("water_log.csv", HEADER + rows)
        out.writestr("caffeine_log.csv", b"date,time,caffeine_mg\n"
                     + rows.replace(b",250\n", b",80\n"))
    with pytest.raises(UserError, match="inflates to more than any export holds"):
        import_bundle(empty, archive)
    assert _water_count(empty) == 0


@pytest.mark.parametrize("names", [
    ("water_log.csv", "water_log.csv"),
    ("visit/water_log.csv", "visit/water_log.csv"),
])
def test_a_zip_naming_a_file_twice_is_refused(empty: Context, tmp_path: Path,
                                              names: tuple[str, str]) -> None:
    archive = tmp_path / "twice.zip"
    with pytest.warns(UserWarning, match="Duplicate name"), \
            zipfile.ZipFile(archive, "w") as out:
        out.writestr(names[0], HEADER + ROW)
        out.writestr(names[1], HEADER + ROW * 120)
    with pytest.raises(UserError, match=r"holds '.*water_log.csv' twice; nothing was imported"):
        import_bundle(empty, archive)
    assert _water_count(empty) == 0


@pytest.mark.parametrize("name", ["notes.txt", "water_log.csv.bak", "a/b/water_log.csv",
                                  "script.sh"])
def test_a_zip_with_a_file_an_export_never_writes_is_refused(empty: Context, tmp_path: Path,
                                                              name: str) -> None:
    archive = tmp_path / "odd.zip"
    with zipfile.ZipFile(archive, "w") as out:
        out.writestr("water_log.csv", HEADER + ROW)
        out.writestr(name, b"anything")
    with pytest.raises(UserError, match="which an export never writes"):
        import_bundle(empty, archive)
    assert _water_count(empty) == 0


def test_what_a_mac_adds_when_zipping_a_folder_is_ignored(empty: Context,
                                                           tmp_path: Path) -> None:
    archive = tmp_path / "mac.zip"
    with zipfile.ZipFile(archive, "w") as out:
        out.writestr("visit/water_log.csv", HEADER + ROW)
        out.writestr("visit/.DS_Store", b"\x00\x00\x00\x01Bud1")
        out.writestr("__MACOSX/visit/._water_log.csv", b"\x00\x05\x16\x07")
    assert import_bundle(empty, archive).added == {"water": 1}


def _peak_while_importing(ctx: Context, folder: Path, rows: int) -> int:
    lines = [f"2026-{1 + n % 12:02d}-{1 + n % 28:02d},{n % 24:02d}:{n % 60:02d},"
             f"{100 + n % 900},w{n:031x}\n" for n in range(rows)]
    (folder / "water_log.csv").write_text("date,time,volume_ml,id\n" + "".join(lines),
                                          encoding="utf-8")
    del lines
    tracemalloc.start()
    try:
        import_bundle(ctx, folder)
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def test_import_memory_does_not_grow_with_the_file(tmp_path: Path,
                                                   food_cache_dir: Path) -> None:
    """Rows with ids, as an export writes them (rows without ids keep a few bytes each to
    tell identical rows apart)."""
    peaks = []
    for rows in (5_000, 40_000):
        folder = tmp_path / f"rows{rows}"
        folder.mkdir()
        with Context(Diary.in_memory(), food_cache_dir) as ctx:
            peaks.append(_peak_while_importing(ctx, folder, rows))
            stored = entry_repo.in_range(ctx.diary.conn, WaterEntry,
                                         *sorted(entry_repo.logged_dates(ctx.diary.conn)))
            assert len(stored) == rows
    # Eight times the rows: the peak of Python memory stays within a few hundred kB
    # (holding the rows would cost several MB more).
    assert peaks[1] - peaks[0] < 500_000, peaks
