"""How a cell of an exported CSV file is written and read back.

The same rules serve export and import, so a value written is the value read:
floats in their shortest round-trip form with no locale, empty cell = unknown,
UTF-8 with a byte-order mark so spreadsheet programs pick the right encoding,
and text that a spreadsheet would run as a formula neutralised with a leading
apostrophe that the importer removes again.
"""

from __future__ import annotations

import contextlib
import csv
import io
import math
import os
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from tracker.domain.errors import UserError

Cell = str | float | int | bool | None

# A spreadsheet treats a cell starting with one of these as a formula (or, for
# tab and CR, may shift it into one), so exported text never starts with them.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
QUOTE = "'"
BOM = "\ufeff"


_RISKY = frozenset((*FORMULA_STARTS, QUOTE))
# An id a spreadsheet reads as a number ("1234e56" is 1.234E+59 to it) comes back rewritten.
_NUMBER_LIKE = re.compile(r"[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?")


class Verbatim(str):
    """A cell already written as it must appear in the file (see ``identifier``)."""

    __slots__ = ()


def identifier(value: str) -> Verbatim:
    """An id as written: behind an apostrophe when a spreadsheet would read it as a number,
    as it would any text starting with one; the importer removes the apostrophe again."""
    if value[:1] in _RISKY or _NUMBER_LIKE.fullmatch(value):
        return Verbatim(QUOTE + value)
    return Verbatim(value)


def neutralise(text: str) -> str:
    """Text safe to open in a spreadsheet; ``restore`` gives back the original.

    A leading apostrophe is doubled too, so text that really starts with one
    survives the round trip.
    """
    return QUOTE + text if text[:1] in _RISKY else text


def restore(text: str) -> str:
    """The text ``neutralise`` was given."""
    return text[1:] if text.startswith(QUOTE) else text


def number(value: float | int | None) -> str:
    """A number that reads back identically with ``float``; empty for unknown.

    Whole values print without ``.0`` so spreadsheets and people see ``250``.
    """
    if type(value) is not float:  # floats, the common case, skip these checks
        if value is None:
            return ""
        if isinstance(value, bool):
            return "1" if value else "0"
        if isinstance(value, int):
            return str(value)
        value = float(value)
    if not math.isfinite(value):
        return ""
    if value.is_integer() and -1e15 < value < 1e15:
        return str(int(value))
    return repr(value)


def fixed(value: float, decimals: int) -> str:
    """A derived amount to ``decimals`` places without trailing zeros (``12.5``, ``3``)."""
    text = f"{value:.{decimals}f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


def rounded(value: float | None, decimals: int) -> str:
    """A derived amount rounded for reading; empty for unknown."""
    if value is None or not math.isfinite(value):
        return ""
    return fixed(float(value), decimals)


def cell(value: Cell) -> str:
    # Checked by exact type first: this runs for every cell of ten years of diary.
    if type(value) is str:
        return QUOTE + value if value[:1] in _RISKY else value
    if value is None:
        return ""
    if isinstance(value, Verbatim):
        return value
    if isinstance(value, str):
        return neutralise(value)
    return number(value)


def render(header: Sequence[str], rows: Iterable[Sequence[Cell]]) -> bytes:
    """The whole file's bytes: BOM, one header row, CRLF line ends as RFC 4180 asks."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows([cell(v) for v in row] for row in rows)
    return (BOM + buffer.getvalue()).encode("utf-8")


def render_cells(header: Sequence[str], rows: Iterable[Sequence[str]]) -> bytes:
    """Like ``render`` for rows whose cells went through ``cell`` already."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows(rows)
    return (BOM + buffer.getvalue()).encode("utf-8")


def write_private(path: Path, data: bytes) -> None:
    """Write ``path`` readable by the owner only, replacing it in one step.

    The data goes to a temporary file first so an interrupted export never
    leaves half a file under the final name; a failed write removes it.
    """
    temporary = path.with_name(f".{path.name}.partial")
    fd = os.open(temporary, os.O_CREAT | os.O_TRUNC | os.O_WRONLY | os.O_NOFOLLOW, 0o600)
    try:
        os.fchmod(fd, 0o600)
        with os.fdopen(fd, "wb") as handle:
            fd = -1
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temporary, path)
    except BaseException:
        if fd >= 0:
            os.close(fd)
        with contextlib.suppress(OSError):
            temporary.unlink()
        raise


@dataclass(frozen=True)
class Row:
    """One data row: its physical line in the file and its cells by column name.

    ``decimal_comma`` is set for a file saved with semicolons, where numbers may
    use a comma as the decimal separator.
    """

    line: int
    cells: dict[str, str]
    decimal_comma: bool = False

    def get(self, column: str) -> str:
        return self.cells.get(column, "")


class BundleFileError(UserError):
    """A problem in one file of an import bundle, named by file and line."""

    def __init__(self, file: str, line: int | None, message: str,
                 column: str | None = None) -> None:
        where = f"{file} line {line}" if line else file
        prefix = f"{where}: {column}: " if column else f"{where}: "
        super().__init__(prefix + message, column)
        self.file = file
        self.line = line
