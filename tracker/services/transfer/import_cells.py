"""Reading one cell of an import row into a checked value, or a message naming file and line.

Every cell goes through the same validation functions the forms and the CLI
use, so a value the app would refuse when typed is refused when imported. Cells
may be in any form a spreadsheet writes (``tracker.services.transfer.import_values``);
text is kept exactly as written, spaces included, apart from the apostrophe the
export put before text a spreadsheet would otherwise run or rewrite.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import uuid
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TypeVar

from tracker.domain import validation
from tracker.domain.errors import UserError
from tracker.services.transfer import import_values
from tracker.services.transfer.bundle_csv import BundleFileError, Row, restore

T = TypeVar("T")

# '@' marks a version of a food ("custom:<hex>@2").
_ID_RE = re.compile(r"[A-Za-z0-9:_.@\-]{1,64}")
# Fixed namespace: the same row content always derives the same id, so a
# bundle without id columns can be imported twice without duplicates.
_NAMESPACE = uuid.UUID("5f0c7a4e-2d1b-5c3e-9a8f-6b7d4e1c2a90")
_TRUE = ("1", "true", "yes", "y")
_FALSE = ("0", "false", "no", "n", "")


class Cells:
    """The cells of one row, read with the file and line attached to any error."""

    def __init__(self, file: str, row: Row) -> None:
        self.file = file
        self.row = row

    @property
    def line(self) -> int:
        return self.row.line

    def fail(self, message: str, column: str | None = None) -> BundleFileError:
        return BundleFileError(self.file, self.row.line, message, column)

    @contextmanager
    def checking(self) -> Iterator[None]:
        """Turn a validation error into one that names this file and line."""
        try:
            yield
        except BundleFileError:
            raise
        except UserError as exc:
            raise self.fail(exc.message, exc.field) from None

    def raw(self, column: str) -> str:
        return self.row.cells.get(column, "").strip()

    def required(self, column: str) -> str:
        value = self.raw(column)
        if not value:
            raise self.fail("this cell is empty but is required.", column)
        return value

    def text(self, column: str, what: str, maximum: int = validation.MAX_TEXT,
             required: bool = False, default: str = "") -> str:
        cell = self.row.get(column)
        if not cell.strip():
            if required:
                raise self.fail("this cell is empty but is required.", column)
            return default
        value = restore(cell)
        with self.checking():
            validation.check_text(value, what, column, maximum, required)
        return value

    def _convert(self, column: str, parse: Callable[[str], T]) -> T:
        # try/except rather than ``checking()``: this runs for every cell of an import.
        text = self.required(column)
        try:
            return parse(text)
        except UserError as exc:
            raise self.fail(exc.message, exc.field) from None

    def date(self, column: str = "date") -> dt.date:
        return self._convert(column, lambda t: import_values.parse_date(t, column))

    def time(self, column: str = "time") -> dt.time:
        return self._convert(column, lambda t: import_values.parse_time(t, column))

    def number(self, column: str, what: str) -> float:
        comma = self.row.decimal_comma
        return self._convert(column,
                             lambda t: import_values.parse_number(t, what, column, comma))

    def optional_number(self, column: str, what: str) -> float | None:
        return self.number(column, what) if self.raw(column) else None

    def whole(self, column: str, what: str) -> int:
        value = self.number(column, what)
        if value != int(value):
            raise self.fail(f"{what} must be a whole number, not {self.raw(column)!r}.", column)
        return int(value)

    def optional_whole(self, column: str, what: str) -> int | None:
        return self.whole(column, what) if self.raw(column) else None

    def flag(self, column: str) -> bool:
        value = self.raw(column).lower()
        if value in _TRUE:
            return True
        if value in _FALSE:
            return False
        raise self.fail(f"use 1 for yes or 0 for no, not {self.raw(column)!r}.", column)

    def entry_id(self, seen: Occurrences, *columns: str) -> str:
        """The row's ``id`` cell, or one derived from the cells that identify the entry.

        Identical rows without ids stay distinct entries: the second gets the
        next occurrence number, and so the same id on every import of the file.
        """
        given = self.raw("id")
        if given:
            return self.checked_id("id", given)
        identity = tuple(self.raw(c) for c in columns)
        return derived_id(self.file, *identity, str(seen.next(identity)))

    def checked_id(self, column: str, value: str) -> str:
        # An id a spreadsheet would read as a number was written behind an apostrophe.
        value = restore(value)
        if not _ID_RE.fullmatch(value):
            raise self.fail(f"{value!r} is not an id (letters, digits, ':', '_', '-', '.', "
                            "'@'; up to 64 characters).", column)
        return value


class Occurrences:
    """How many times each identity was seen; keyed by a short stable digest, so a large
    file of rows without ids costs a few bytes per distinct row."""

    def __init__(self) -> None:
        self._seen: Counter[bytes] = Counter()

    def next(self, identity: tuple[str, ...]) -> int:
        key = hashlib.blake2b("\x1f".join(identity).encode("utf-8"), digest_size=8).digest()
        self._seen[key] += 1
        return self._seen[key] - 1


def derived_id(*parts: str) -> str:
    """A stable id from the parts that identify a row."""
    return uuid.uuid5(_NAMESPACE, "\x1f".join(parts)).hex
