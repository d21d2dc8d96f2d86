"""Readers for the raw SR28 ASCII files (latin-1, ``^`` separators, ``~`` text quotes)."""

from __future__ import annotations

import gzip
import io
from collections.abc import Iterator
from pathlib import Path


def _open_binary(path: Path) -> io.BufferedIOBase:
    if path.suffix == ".gz":
        return gzip.open(path, "rb")
    return open(path, "rb")


def _field(raw: str) -> str | None:
    value = raw.strip()
    if value.startswith("~") and value.endswith("~") and len(value) >= 2:
        value = value[1:-1]
    value = value.strip()
    return value or None


def records(path: Path, fields: int | None = None) -> Iterator[list[str | None]]:
    """Each record of an SR28 file as a list of fields; an empty field is None.

    ``fields`` keeps only the first few fields, which makes NUT_DATA quicker to read.
    """
    limit = -1 if fields is None else fields
    # Records end in LF (after a CR); splitting on LF alone and dropping every CR
    # keeps a stray bare CR inside a record from cutting it in two.
    with _open_binary(path) as handle:
        for raw in handle:
            line = raw.decode("latin-1").replace("\r", "").rstrip("\n")
            if line.strip():
                parts = line.split("^", limit)
                yield [_field(part) for part in parts[:fields]]


def find(directory: Path, name: str) -> Path:
    """The file ``name`` in ``directory``, also accepted gzip-compressed."""
    for candidate in (directory / name, directory / f"{name}.gz"):
        if candidate.exists():
            return candidate
    raise FileNotFoundError(f"{name} not found in {directory}")
