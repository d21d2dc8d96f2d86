"""``IN (...)`` lists read in pieces.

SQLite refuses a statement with more bound parameters than its limit (999 in
builds before 3.32), so a long list of ids is read a few hundred at a time.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import TypeVar

Key = TypeVar("Key")

IN_BATCH = 500


def in_batches(keys: Sequence[Key]) -> Iterator[tuple[Sequence[Key], str]]:
    """Each run of at most ``IN_BATCH`` keys, with its "?,?,…" placeholders."""
    for start in range(0, len(keys), IN_BATCH):
        chunk = keys[start:start + IN_BATCH]
        yield chunk, ",".join("?" * len(chunk))
