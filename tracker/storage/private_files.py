"""Files and folders only their owner can read, whatever the umask.

A diary, its backups and its exports are health records: each is created with
owner-only permissions from its first byte; a file that exists keeps its mode.
"""

from __future__ import annotations

import os
from pathlib import Path

FILE_MODE = 0o600
DIR_MODE = 0o700
SIDE_FILE_SUFFIXES = ("-wal", "-shm", "-journal")


def make_private_dir(folder: Path, *, tighten: bool = False) -> None:
    """Create ``folder`` as 0700; ``tighten`` also narrows a folder the app owns that exists.

    A folder that already exists is left alone unless ``tighten``: it may be the
    user's own folder (say, Documents) that they chose to keep a diary in.
    """
    if not folder.exists():
        folder.mkdir(parents=True, mode=DIR_MODE)
        os.chmod(folder, DIR_MODE)  # mkdir's mode is filtered by the umask
    elif tighten and (folder.stat().st_mode & 0o777) != DIR_MODE:
        os.chmod(folder, DIR_MODE)


def make_private_file(path: Path) -> None:
    """Create ``path`` (and its folder) readable by the owner only, if it does not exist.

    SQLite gives the -wal and -shm files the database file's mode, so creating
    the main file as 0600 before SQLite opens it keeps all three private. An
    existing file keeps the mode it has: the person may have made it read-only,
    or shared it on purpose.
    """
    if path.exists():
        return
    make_private_dir(path.parent)
    # O_CREAT without O_EXCL: two processes racing to create the diary both succeed,
    # and an existing file is opened without being truncated. A umask only narrows
    # the mode given here.
    os.close(os.open(path, os.O_RDONLY | os.O_CREAT | os.O_CLOEXEC, FILE_MODE))


def side_files(path: Path) -> list[Path]:
    """The files SQLite keeps beside a database: write-ahead log, shared memory, journal."""
    return [path.with_name(path.name + suffix) for suffix in SIDE_FILE_SUFFIXES]


def fsync_dir(folder: Path) -> None:
    """Make a rename or new file in ``folder`` survive a power cut."""
    fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
