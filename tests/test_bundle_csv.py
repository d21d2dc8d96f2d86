"""The CSV cell conventions: any text and any finite float read back exactly, formulas never run."""

from __future__ import annotations

import csv
import io
import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.bundle_diary import FORMULA_STARTS
from tracker.services.transfer.bundle_csv import (
    cell,
    neutralise,
    number,
    render,
    restore,
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
