"""Reading another app's CSV export: columns found by header name, rows with their line.

Other apps' exports vary (a column the person does not track is absent, a
new one appears), so nothing is read by position. Any problem names the file
and the line.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from tracker.domain.errors import UserError
from tracker.services.transfer.bundle_csv import BundleFileError

if TYPE_CHECKING:
    from _csv import Reader as CsvReader

# No export of a diary comes near this; a larger file is the wrong file.
MAX_BYTES = 200 * 1024 * 1024
_SPACES = re.compile(r"\s+")
# Both micro signs: U+00B5 (MICRO SIGN) and U+03BC (GREEK SMALL LETTER MU).
_MICRO = str.maketrans({"\u00b5": "u", "\u03bc": "u"})


def header_key(text: str) -> str:
    """A header as it is compared: case, spacing and the micro sign do not matter."""
    return _SPACES.sub(" ", text.translate(_MICRO).strip().casefold())


@dataclass(frozen=True)
class Line:
    """One data row: its physical line in the file and its cells by header key."""

    number: int
    cells: dict[str, str]

    def get(self, *keys: str) -> str:
        """The first of ``keys`` the row has, stripped; empty when none."""
        for key in keys:
            if key in self.cells:
                return self.cells[key].strip()
        return ""


@dataclass(frozen=True)
class Table:
    file: str
    header: tuple[str, ...]  # header keys, in file order
    lines: list[Line]
    labels: dict[str, str]  # header key -> the header as the file writes it

    def has(self, key: str) -> bool:
        return key in self.header

    def fail(self, line: int | None, message: str, column: str | None = None) -> BundleFileError:
        """An error naming the file, the line and the column as the file writes it."""
        named = self.labels.get(column, column) if column else None
        return BundleFileError(self.file, line, message, named)


def read_bytes(path: Path) -> bytes:
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise UserError(f"{path.name} is {size / 2**20:.0f} MB, too large for a diary "
                            "export; nothing was imported.", "path")
        return path.read_bytes()
    except OSError as exc:
        raise UserError(f"{path.name} cannot be read ({exc.strerror}); nothing was imported.",
                        "path") from exc


def first_line(path: Path) -> str:
    """The header line of a CSV file, for telling which app wrote it."""
    with path.open("rb") as handle:
        raw = handle.readline(64 * 1024)
    return raw.decode("utf-8-sig", errors="replace")


def read_table(path: Path, required: Iterable[str] = ()) -> Table:
    """The rows of ``path``, refusing text that is not UTF-8 or rows that cannot be read."""
    data = read_bytes(path)
    name = path.name
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise BundleFileError(name, line, "the file is not UTF-8 text.") from None
    if "\x00" in text:
        raise BundleFileError(name, None, "the file contains NUL characters; it is not a CSV "
                              "text file.")
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    try:
        written = [h.strip() for h in next(reader)]
    except StopIteration:
        raise BundleFileError(name, 1, "the file is empty; it needs a header row.") from None
    except csv.Error as exc:
        raise BundleFileError(name, 1, f"the header row cannot be read ({exc}).") from None
    header = tuple(header_key(h) for h in written)
    missing = [key for key in required if header_key(key) not in header]
    if missing:
        raise BundleFileError(name, 1, f"the header lacks the column"
                              f"{'s' if len(missing) > 1 else ''} {', '.join(missing)}.")
    return Table(name, header, list(_lines(name, reader, header)), dict(zip(header, written,
                                                                            strict=True)))


def _lines(name: str, reader: CsvReader, header: tuple[str, ...]) -> Iterable[Line]:
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
        yield Line(start, dict(zip(header, fields, strict=False)))
