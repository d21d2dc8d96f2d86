"""Reading the files of an import bundle from a folder or a .zip, without extracting anything.

A .zip is read in memory and never written to disk, so a member named
``../../.bashrc`` could do no harm; it is still refused, because a bundle the
app wrote never holds one and such a file is not to be trusted.
"""

from __future__ import annotations

import zipfile
from pathlib import Path, PurePosixPath

from tracker.domain.errors import UserError
from tracker.services.bundle_format import KNOWN_NAMES, README_NAME, REPORT_NAME

# No diary export comes near this; a larger member is a mistake or a zip bomb.
MAX_MEMBER_BYTES = 512 * 1024 * 1024
_SKIPPED = {README_NAME, REPORT_NAME}


def read_bundle_files(path: Path) -> dict[str, bytes]:
    """The CSV files of the bundle at ``path`` (a folder or a .zip), by file name."""
    path = Path(path).expanduser()
    if not path.exists():
        raise UserError(f"There is no file or folder at {path}.", "path")
    found = _from_folder(path) if path.is_dir() else _from_zip(path)
    if not found:
        raise UserError(f"{path} holds none of the files an export writes (such as "
                        "food_log.csv or episodes.csv); nothing was imported.", "path")
    return found


def _from_folder(folder: Path) -> dict[str, bytes]:
    found = {}
    for name in sorted(KNOWN_NAMES - _SKIPPED):
        candidate = folder / name
        if candidate.is_file():
            try:
                found[name] = candidate.read_bytes()
            except OSError as exc:
                raise UserError(f"{name} cannot be read ({exc.strerror}); nothing was "
                                "imported.", "path") from exc
    return found


def _unsafe(name: str) -> bool:
    """An absolute name, a drive letter or a ``..`` step: a path leaving the archive."""
    normal = name.replace("\\", "/")
    parts = PurePosixPath(normal).parts
    if normal.startswith("/") or not parts:
        return True
    return ".." in parts or ":" in parts[0]


def _from_zip(path: Path) -> dict[str, bytes]:
    if not zipfile.is_zipfile(path):
        raise UserError(f"{path.name} is not a .zip file, or it is damaged; nothing was "
                        "imported.", "path")
    try:
        with zipfile.ZipFile(path) as archive:
            members = [m for m in archive.infolist() if not m.is_dir()]
            for member in members:
                if _unsafe(member.filename):
                    raise UserError(f"{path.name} holds a file named {member.filename!r} that "
                                    "points outside the archive; nothing was imported.", "path")
            chosen = _choose_members(members)
            found = {}
            for name, member in chosen.items():
                if member.flag_bits & 0x1:
                    raise UserError(f"{name} in {path.name} is encrypted; export the bundle "
                                    "again without a password.", "path")
                if member.file_size > MAX_MEMBER_BYTES:
                    raise UserError(f"{name} in {path.name} is too large to be an export.",
                                    "path")
                found[name] = archive.read(member)
            return found
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError) as exc:
        raise UserError(f"{path.name} cannot be read as a .zip ({exc}); nothing was imported.",
                        "path") from exc


def _choose_members(members: list[zipfile.ZipInfo]) -> dict[str, zipfile.ZipInfo]:
    """Known files at the top of the archive, or inside its one top folder.

    People often zip the export folder itself, which puts every file one level
    down; both layouts import the same way.
    """
    by_folder: dict[str, dict[str, zipfile.ZipInfo]] = {}
    for member in members:
        pure = PurePosixPath(member.filename.replace("\\", "/"))
        if pure.name in KNOWN_NAMES - _SKIPPED and len(pure.parts) <= 2:
            folder = pure.parts[0] if len(pure.parts) == 2 else ""
            by_folder.setdefault(folder, {})[pure.name] = member
    if "" in by_folder:
        return by_folder[""]
    if len(by_folder) == 1:
        return next(iter(by_folder.values()))
    if len(by_folder) > 1:
        raise UserError("The .zip holds more than one export (in the folders "
                        f"{', '.join(sorted(by_folder))}); import them one at a time.", "path")
    return {}
