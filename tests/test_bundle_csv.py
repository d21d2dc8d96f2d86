"""The CSV cell conventions: any text and any finite float read back exactly, formulas never run."""

from __future__ import annotations

import csv
import io
import math
import os
import stat
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.bundle_diary import FORMULA_STARTS
from tracker.services.transfer.bundle_csv import (
    Row,
    cell,
    fixed,
    identifier,
    neutralise,
    number,
    render,
    render_cells,
    restore,
    rounded,
    write_private,
)
from tracker.services.transfer.bundle_read import read_rows

# Text as the diary stores it: no NUL, no lone surrogates (validation refuses both).
_TEXT = st.text(st.characters(exclude_categories=["Cs"], exclude_characters="\x00"),
                max_size=40)


@given(st.lists(_TEXT, min_size=1, max_size=5))
def test_any_text_survives_a_file_and_never_starts_a_formula(texts: list[str]) -> None:
    data = render(("label",), [(text,) for text in texts])
    _, rows = read_rows("caffeine_log.csv", data, ("label",))
    written = [row.get("label") for row in rows]
    assert all(not cell.startswith(FORMULA_STARTS) for cell in written)
    # Rows whose only cell is blank are skipped by the reader, as a spreadsheet's would be;
    # a lone tab or CR is not blank once neutralised, so it comes back.
    kept = [text for text in texts if text.strip() or text[:1] in ("\t", "\r")]
    assert [restore(cell) for cell in written if cell.strip()] == kept


@pytest.mark.parametrize("start", FORMULA_STARTS)
def test_each_formula_start_is_written_behind_an_apostrophe(start: str) -> None:
    text = start + "SUM(A1)"
    assert neutralise(text) == cell(text) == "'" + text
    data = render(("label",), [(text,)])
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))
    assert rows == [["label"], ["'" + text]]


@given(_TEXT)
def test_restore_undoes_neutralise(text: str) -> None:
    assert restore(neutralise(text)) == text


@given(st.floats(allow_nan=False, allow_infinity=False))
def test_any_finite_float_reads_back_identically(value: float) -> None:
    text = number(value)
    assert float(text) == value
    assert "," not in text and " " not in text


def test_unknown_is_an_empty_cell_never_zero() -> None:
    assert number(None) == ""
    assert number(math.nan) == ""
    assert number(0.0) == "0"


@pytest.mark.parametrize(("value", "text"), [
    (250.0, "250"), (-3.0, "-3"), (0.1, "0.1"), (1 / 3, "0.3333333333333333"),
    (2.5e-7, "2.5e-07"), (999999999999999.0, "999999999999999"),
    # from 10^15 on a whole float keeps its point: past 2^53 not every integer is a float
    (1e15, "1000000000000000.0"), (-1e15, "-1000000000000000.0"),
    (True, "1"), (False, "0"), (7, "7"), (-0.0, "0"), (math.inf, ""), (-math.inf, ""),
])
def test_numbers_as_written(value: float, text: str) -> None:
    assert number(value) == text


def test_a_numpy_like_number_is_written_as_a_float() -> None:
    class Grams(float):
        pass

    assert number(Grams(12.5)) == "12.5"
    assert number(Grams(3.0)) == "3"


@pytest.mark.parametrize(("value", "decimals", "text"), [
    (12.5, 1, "12.5"), (12.50, 2, "12.5"), (3.0, 1, "3"), (3.04, 1, "3"), (0.04, 1, "0"),
    (-0.04, 1, "0"), (-0.4, 1, "-0.4"), (1250.0, 0, "1250"), (100.0, 0, "100"), (2.345, 2, "2.35"),
])
def test_derived_amounts_are_rounded_without_trailing_zeros(value: float, decimals: int,
                                                            text: str) -> None:
    assert fixed(value, decimals) == text
    assert rounded(value, decimals) == text


def test_an_unknown_derived_amount_is_an_empty_cell() -> None:
    assert rounded(None, 1) == ""
    assert rounded(math.nan, 1) == ""
    assert rounded(math.inf, 0) == ""
    assert rounded(5, 0) == "5"


@pytest.mark.parametrize(("value", "written"), [
    ("custom:ab12", "custom:ab12"), ("sr28:01001", "sr28:01001"), ("1234", "'1234"),
    ("1234e56", "'1234e56"), ("-5", "'-5"), ("+5", "'+5"), (".5", "'.5"), ("5.", "'5."),
    ("1.5E-3", "'1.5E-3"), ("=A1", "'=A1"), ("@x", "'@x"), ("'a", "''a"), ("12ab", "12ab"),
    ("e5", "e5"), ("", ""),
])
def test_ids_a_spreadsheet_would_rewrite_go_behind_an_apostrophe(value: str, written: str) -> None:
    assert identifier(value) == written
    assert cell(identifier(value)) == written, "an id is written once, not neutralised again"
    assert restore(written) == value


@pytest.mark.parametrize(("value", "written"), [
    (None, ""), ("tea", "tea"), ("'tea", "''tea"), ("-2 cups", "'-2 cups"), ("", ""),
    (12.5, "12.5"), (4, "4"), (True, "1"), (math.nan, ""),
])
def test_cells(value: object, written: str) -> None:
    assert cell(value) == written  # type: ignore[arg-type]


def test_a_text_subclass_is_neutralised_like_text() -> None:
    class Label(str):
        pass

    assert cell(Label("=1+1")) == "'=1+1"
    assert cell(Label("tea")) == "tea"


def test_files_start_with_a_bom_and_end_lines_with_crlf() -> None:
    data = render(("a", "b"), [("x,y", 1.5), (None, "=1")])
    assert data == '\ufeffa,b\r\n"x,y",1.5\r\n,\'=1\r\n'.encode()
    assert render_cells(("a",), [("'=1",), ("2",)]) == "\ufeffa\r\n'=1\r\n2\r\n".encode()


def test_a_private_file_is_the_owners_alone_and_replaced_whole(tmp_path: Path) -> None:
    target = tmp_path / "water_log.csv"
    target.write_bytes(b"old")
    write_private(target, b"new,data\r\n")
    assert target.read_bytes() == b"new,data\r\n"
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert sorted(p.name for p in tmp_path.iterdir()) == ["water_log.csv"]


def test_a_failed_write_leaves_the_old_file_and_no_partial_one(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "water_log.csv"
    target.write_bytes(b"old")

    def full_disk(fd: int) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(os, "fsync", full_disk)
    with pytest.raises(OSError, match="disk full"):
        write_private(target, b"new")
    assert target.read_bytes() == b"old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["water_log.csv"]


def test_a_row_reads_a_missing_column_as_empty() -> None:
    row = Row(3, {"label": "tea"})
    assert row.get("label") == "tea"
    assert row.get("volume_ml") == ""
    assert row.decimal_comma is False


def test_a_failed_permission_change_closes_the_file_and_removes_it(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "water_log.csv"

    def refused(fd: int, mode: int) -> None:
        raise PermissionError("not allowed")

    monkeypatch.setattr(os, "fchmod", refused)
    with pytest.raises(PermissionError, match="not allowed"):
        write_private(target, b"new")
    assert list(tmp_path.iterdir()) == []


def test_a_failed_write_closes_its_own_file_and_no_other(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Once the file is handed to its writer, a failure must not close a descriptor by a
    stale number: 1 is the process's standard output, where the CLI prints."""
    def full_disk(fd: int) -> None:
        raise OSError("disk full")

    def is_open(fd: int) -> bool:
        try:
            os.fstat(fd)
        except OSError:
            return False
        return True

    monkeypatch.setattr(os, "fsync", full_disk)
    saved = os.dup(1)
    try:
        with pytest.raises(OSError, match="disk full"):
            write_private(tmp_path / "water_log.csv", b"new")
        assert is_open(1)
    finally:
        if not is_open(1):
            os.dup2(saved, 1)
        os.close(saved)
