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
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from tracker.domain.errors import UserError

if TYPE_CHECKING:
    from _csv import Reader as CsvReader

Cell = str | float | int | bool | None

# A spreadsheet treats a cell starting with one of these as a formula (or, for
# tab and CR, may shift it into one), so exported text never starts with them.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
QUOTE = "'"
BOM = "\ufeff"


_RISKY = frozenset((*FORMULA_STARTS, QUOTE))


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
    """One data row: its physical line in the file and its cells by column name."""

    line: int
    cells: dict[str, str]

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


def read_rows(name: str, data: bytes, required: Sequence[str]) -> tuple[list[str], list[Row]]:
    """Parse a bundle file into its header and rows, refusing anything malformed.

    Line numbers are physical lines (the header is line 1), so a row holding a
    note with line breaks still points at where it starts.
    """
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise BundleFileError(name, line, "the file is not UTF-8 text; save it from the "
                              "spreadsheet as 'CSV UTF-8'.") from None
    text = text.removeprefix(BOM)
    if "\x00" in text:
        raise BundleFileError(name, None, "the file contains NUL characters; it is not a CSV "
                              "text file.")
    lines = io.StringIO(text, newline="")
    reader = csv.reader(lines, strict=True)
    try:
        header = next(reader)
    except StopIteration:
        raise BundleFileError(name, 1, "the file is empty; it needs a header row.") from None
    except csv.Error as exc:
        raise BundleFileError(name, 1, f"the header row cannot be read ({exc}).") from None
    header = [h.strip() for h in header]
    _check_header(name, header, required)
    return header, list(_rows(name, reader, header))


def _check_header(name: str, header: list[str], required: Sequence[str]) -> None:
    if len(header) == 1 and any(sep in header[0] for sep in (";", "\t", "|")):
        raise BundleFileError(name, 1, "the columns are not separated by commas; save it "
                              "from the spreadsheet as 'CSV UTF-8 (comma delimited)'.")
    seen: set[str] = set()
    for column in header:
        if column in seen:
            raise BundleFileError(name, 1, f"the column {column!r} appears twice in the "
                                  "header.")
        seen.add(column)
    missing = [c for c in required if c not in seen]
    if missing:
        raise BundleFileError(name, 1, f"the header lacks the required column"
                              f"{'s' if len(missing) > 1 else ''} {', '.join(missing)}.")


def _rows(name: str, reader: CsvReader, header: list[str]) -> Iterator[Row]:
    line_num = reader.line_num
    while True:
        start = line_num + 1
        try:
            fields = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            raise BundleFileError(name, start, f"the row cannot be read ({exc}).") from None
        line_num = reader.line_num
        if not fields or all(not f.strip() for f in fields):
            continue
        if len(fields) > len(header):
            raise BundleFileError(name, start, f"the row has {len(fields)} cells but the "
                                  f"header has {len(header)} columns.")
        cells = dict(zip(header, fields, strict=False))
        yield Row(start, cells)
