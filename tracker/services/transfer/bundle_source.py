"""The files of an import bundle in a folder or a .zip, read as streams, never extracted.

A .zip is trusted no more than it must be: every member name is one an export
writes (a member named ``../../.bashrc``, or any name an export never writes,
is refused, as is a name that appears twice), and the bytes actually inflated
are counted as they are read, so a member whose header understates its size
stops at the limit instead of filling memory.
"""

from __future__ import annotations

import contextlib
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path, PurePosixPath
from typing import IO

from tracker.domain.errors import UserError
from tracker.services.transfer.bundle_format import KNOWN_NAMES, README_NAME, REPORT_NAME

# No diary export comes near these; more is a mistake or a zip bomb.
MAX_MEMBER_BYTES = 512 * 1024 * 1024
MAX_TOTAL_BYTES = 1024 * 1024 * 1024
_SKIPPED = {README_NAME, REPORT_NAME}
# What a Mac's "Compress" adds beside the files; ignored, never read.
_FINDER_LITTER = ("__MACOSX/", ".DS_Store")
_CHUNK = 64 * 1024


class Bundle:
    """The CSV files a bundle holds; ``open(name)`` gives a binary stream of one of them."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._archive: zipfile.ZipFile | None = None
        self._members: dict[str, zipfile.ZipInfo] = {}
        self._files: dict[str, Path] = {}
        self._inflated = 0

    @property
    def names(self) -> frozenset[str]:
        return frozenset(self._members or self._files)

    def open(self, name: str) -> IO[bytes]:
        if self._archive is None:
            try:
                return self._files[name].open("rb")
            except OSError as exc:
                raise UserError(f"{name} cannot be read ({exc.strerror}); nothing was "
                                "imported.", "path") from exc
        member = self._members[name]
        if member.flag_bits & 0x1:
            raise UserError(f"{name} in {self.path.name} is encrypted; export the bundle "
                            "again without a password.", "path")
        if member.file_size > MAX_MEMBER_BYTES:
            raise UserError(f"{name} in {self.path.name} is too large to be an export.",
                            "path")
        return _Counted(self, name, self._archive.open(member))  # type: ignore[return-value]

    def count(self, name: str, size: int, member_total: int) -> None:
        """Add inflated bytes; refuse once a member or the whole archive passes its limit."""
        self._inflated += size
        if member_total > MAX_MEMBER_BYTES or self._inflated > MAX_TOTAL_BYTES:
            raise UserError(f"{name} in {self.path.name} inflates to more than any export "
                            "holds; it is not an export (or it is damaged). Nothing was "
                            "imported.", "path")

    def close(self) -> None:
        if self._archive is not None:
            self._archive.close()


class _Counted:
    """A zip member's stream that counts what it inflates, line by line or in chunks."""

    def __init__(self, bundle: Bundle, name: str, stream: IO[bytes]) -> None:
        self._bundle = bundle
        self._name = name
        self._stream = stream
        self._total = 0

    def _seen(self, data: bytes) -> bytes:
        self._total += len(data)
        self._bundle.count(self._name, len(data), self._total)
        return data

    def read(self, size: int = -1) -> bytes:
        if size is None or size < 0:
            return b"".join(iter(lambda: self.read(_CHUNK), b""))
        return self._seen(_zip_guard(self._bundle, lambda: self._stream.read(size)))

    def readline(self, size: int = -1) -> bytes:
        # A bounded read, so one endless "line" cannot fill memory either.
        limit = _CHUNK * 16 if size is None or size < 0 else size
        return self._seen(_zip_guard(self._bundle, lambda: self._stream.readline(limit)))

    def __iter__(self) -> Iterator[bytes]:
        return iter(self.readline, b"")

    def close(self) -> None:
        self._stream.close()

    def __enter__(self) -> _Counted:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _zip_guard(bundle: Bundle, read: Callable[[], bytes]) -> bytes:
    try:
        return read()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError, ValueError) as exc:
        raise UserError(f"{bundle.path.name} cannot be read as a .zip ({exc}); nothing was "
                        "imported.", "path") from exc


@contextlib.contextmanager
def open_bundle(path: Path) -> Iterator[Bundle]:
    """The bundle at ``path`` (a folder or a .zip), with its CSV files found and checked."""
    path = Path(path).expanduser()
    if not path.exists():
        raise UserError(f"There is no file or folder at {path}.", "path")
    bundle = Bundle(path)
    try:
        if path.is_dir():
            bundle._files = _from_folder(path)
        else:
            _from_zip(bundle)
        if not bundle.names:
            raise UserError(f"{path} holds none of the files an export writes (such as "
                            "food_log.csv or episodes.csv); nothing was imported.", "path")
        yield bundle
    finally:
        bundle.close()


def _from_folder(folder: Path) -> dict[str, Path]:
    return {name: folder / name for name in sorted(KNOWN_NAMES - _SKIPPED)
            if (folder / name).is_file()}


def _unsafe(name: str) -> bool:
    """An absolute name, a drive letter or a ``..`` step: a path leaving the archive."""
    normal = name.replace("\\", "/")
    parts = PurePosixPath(normal).parts
    if normal.startswith("/") or not parts:
        return True
    return ".." in parts or ":" in parts[0]


def _from_zip(bundle: Bundle) -> None:
    path = bundle.path
    if not zipfile.is_zipfile(path):
        raise UserError(f"{path.name} is not a .zip file, or it is damaged; nothing was "
                        "imported.", "path")
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError) as exc:
        raise UserError(f"{path.name} cannot be read as a .zip ({exc}); nothing was imported.",
                        "path") from exc
    bundle._archive = archive
    members = [m for m in archive.infolist() if not m.is_dir()
               and not any(litter in m.filename for litter in _FINDER_LITTER)]
    for member in members:
        if _unsafe(member.filename):
            raise UserError(f"{path.name} holds a file named {member.filename!r} that points "
                            "outside the archive; nothing was imported.", "path")
    bundle._members = _choose_members(path, members)


def _choose_members(path: Path, members: list[zipfile.ZipInfo]) -> dict[str, zipfile.ZipInfo]:
    """The known files, at the top of the archive or inside its one top folder.

    People often zip the export folder itself, which puts every file one level
    down; both layouts import the same way. Anything else is refused.
    """
    by_folder: dict[str, dict[str, zipfile.ZipInfo]] = {}
    for member in members:
        pure = PurePosixPath(member.filename.replace("\\", "/"))
        if pure.name not in KNOWN_NAMES or len(pure.parts) > 2:
            raise UserError(f"{path.name} holds {member.filename!r}, which an export never "
                            "writes; nothing was imported.", "path")
        folder = pure.parts[0] if len(pure.parts) == 2 else ""
        found = by_folder.setdefault(folder, {})
        if pure.name in found:
            raise UserError(f"{path.name} holds {member.filename!r} twice; nothing was "
                            "imported.", "path")
        found[pure.name] = member
    if len(by_folder) > 1:
        folders = ", ".join(sorted(f or "(top)" for f in by_folder))
        raise UserError(f"The .zip holds more than one export (in {folders}); import them "
                        "one at a time.", "path")
    chosen = next(iter(by_folder.values()), {})
    return {name: member for name, member in chosen.items() if name not in _SKIPPED}
