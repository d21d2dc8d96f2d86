"""Reading one bundle file as a stream of rows, in whichever dialect a spreadsheet saved it.

The dialect is decided once, from the header: commas, or semicolons (the
spreadsheet's choice where a comma is the decimal separator, so numbers may then
use a decimal comma). It is never guessed row by row. Rows are read one at a
time, so a large file costs no more memory than its longest row.

Line numbers are physical lines (the header is line 1), so a row holding a note
with line breaks still points at where it starts.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable, Iterator, Sequence
from typing import TYPE_CHECKING

from tracker.services.transfer.bundle_csv import BOM, BundleFileError, Row

if TYPE_CHECKING:
    from _csv import Reader as CsvReader

_UTF8_BOM = BOM.encode("utf-8")
_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")
_SAVE_AS = "save it from the spreadsheet as 'CSV UTF-8'"
# A carriage return not followed by a line feed ends a line too, as in any text file.
_LONE_CR = re.compile(r"(?<=\r)(?!\n)")


class _Lines:
    """Decoded text lines of a byte stream; ``count`` is how many were handed out."""

    def __init__(self, name: str, raw: Iterable[bytes]) -> None:
        self.name = name
        self._raw = iter(raw)
        self._pending: list[str] = []
        self.count = 0

    def __iter__(self) -> Iterator[str]:
        return self

    def __next__(self) -> str:
        if not self._pending:
            self._pending = self._decode(next(self._raw))
        self.count += 1
        return self._pending.pop()

    def _decode(self, raw: bytes) -> list[str]:
        line = self.count + 1
        if self.count == 0:
            if raw.startswith(_UTF16_BOMS):
                raise BundleFileError(self.name, 1, f"the file is UTF-16 text; {_SAVE_AS}.")
            raw = raw.removeprefix(_UTF8_BOM)
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError:
            raise BundleFileError(self.name, line, f"the file is not UTF-8 text; {_SAVE_AS}."
                                  ) from None
        if "\x00" in text:
            raise BundleFileError(self.name, line, "the file contains NUL characters; it is "
                                  "not a CSV text file.")
        if "\r" in text.rstrip("\n")[:-1]:
            return [piece for piece in _LONE_CR.split(text) if piece][::-1]
        return [text]


class CsvFile:
    """An open bundle file: its header and dialect, then its rows one at a time."""

    def __init__(self, name: str, raw_lines: Iterable[bytes], required: Sequence[str]) -> None:
        self.name = name
        self._lines = _Lines(name, raw_lines)
        first = next(self._lines, None)
        if first is None or not first.strip():
            raise BundleFileError(name, 1, "the file is empty; it needs a header row.")
        self.delimiter = _delimiter(name, first)
        # Spreadsheets save with semicolons where the comma is the decimal separator.
        self.decimal_comma = self.delimiter == ";"
        try:
            header = next(csv.reader([first], delimiter=self.delimiter, strict=True))
        except csv.Error as exc:
            raise BundleFileError(name, 1, f"the header row cannot be read ({exc}).") from None
        self.header = [h.strip() for h in header]
        _check_header(name, self.header, required)
        self._reader: CsvReader = csv.reader(self._lines, delimiter=self.delimiter,
                                             strict=True)

    def __iter__(self) -> Iterator[Row]:
        name, header, reader = self.name, self.header, self._reader
        width = len(header)
        decimal_comma = self.decimal_comma
        # The header came before the reader; its line numbers start after it.
        line_num = 1
        while True:
            start = line_num + 1
            try:
                fields = next(reader)
            except StopIteration:
                return
            except csv.Error as exc:
                raise BundleFileError(name, start, f"the row cannot be read ({exc}).") from None
            line_num = reader.line_num + 1
            if not fields or all(not f.strip() for f in fields):
                continue
            if len(fields) > width:
                raise BundleFileError(name, start, f"the row has {len(fields)} cells but the "
                                      f"header has {width} columns.")
            yield Row(start, dict(zip(header, fields, strict=False)), decimal_comma)


def _delimiter(name: str, header: str) -> str:
    commas, semicolons = header.count(","), header.count(";")
    if semicolons > commas:
        return ";"
    if commas or not any(sep in header for sep in ("\t", "|")):
        return ","
    raise BundleFileError(name, 1, "the columns are not separated by commas or semicolons; "
                          "save it from the spreadsheet as 'CSV UTF-8 (comma delimited)'.")


def _check_header(name: str, header: list[str], required: Sequence[str]) -> None:
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


def read_rows(name: str, data: bytes, required: Sequence[str]) -> tuple[list[str], list[Row]]:
    """A whole file's header and rows at once (small files and tests)."""
    source = CsvFile(name, data.splitlines(keepends=True), required)
    return source.header, list(source)
