"""One cell of an import row: the value it holds, or a message naming file, line and column."""

from __future__ import annotations

import datetime as dt
import uuid

import pytest

from tracker.domain.errors import UserError
from tracker.services.transfer.bundle_csv import BundleFileError, Row
from tracker.services.transfer.import_cells import Cells, Occurrences, derived_id

# The namespace of ids derived from a row's cells. It is part of the file format:
# another value would give a re-imported file new ids, and so duplicate entries.
NAMESPACE = uuid.UUID("5f0c7a4e-2d1b-5c3e-9a8f-6b7d4e1c2a90")


def _cells(line: int = 7, decimal_comma: bool = False, **cells: str) -> Cells:
    return Cells("water_log.csv", Row(line, dict(cells), decimal_comma))


def _error(call: object) -> BundleFileError:
    assert callable(call)
    with pytest.raises(BundleFileError) as info:
        call()
    return info.value


def test_a_failure_names_file_line_and_column() -> None:
    error = _cells(line=12).fail("too much.", "volume_ml")
    assert str(error) == error.message == "water_log.csv line 12: volume_ml: too much."
    assert (error.file, error.line, error.field) == ("water_log.csv", 12, "volume_ml")
    assert _cells(line=3).fail("bad row.").message == "water_log.csv line 3: bad row."
    assert _cells(line=3).line == 3


def test_a_whole_file_problem_has_no_line() -> None:
    assert BundleFileError("foods.csv", None, "no header.").message == "foods.csv: no header."
    assert BundleFileError("foods.csv", 0, "empty.", "name").message == "foods.csv: name: empty."


def test_a_validation_error_inside_checking_gains_file_and_line() -> None:
    cells = _cells(line=4)

    def refuse() -> None:
        with cells.checking():
            raise UserError("Stress must be from 1 to 5.", "stress")

    error = _error(refuse)
    assert error.message == "water_log.csv line 4: stress: Stress must be from 1 to 5."
    assert error.field == "stress"


def test_a_file_error_inside_checking_is_passed_on_unchanged() -> None:
    original = BundleFileError("other.csv", 9, "as it was.")

    def refuse() -> None:
        with _cells().checking():
            raise original

    assert _error(refuse) is original


def test_raw_and_required_cells_are_stripped() -> None:
    cells = _cells(volume_ml=" 250 ", note="  ")
    assert cells.raw("volume_ml") == "250"
    assert cells.raw("absent") == ""
    assert cells.required("volume_ml") == "250"
    error = _error(lambda: cells.required("note"))
    assert error.message == "water_log.csv line 7: note: this cell is empty but is required."
    assert error.field == "note"


def test_text_is_kept_as_written_apart_from_the_export_apostrophe() -> None:
    cells = _cells(label="  decaf  ", formula="'=1+1", quote="''tis", blank=" ")
    assert cells.text("label", "The label") == "  decaf  "
    assert cells.text("formula", "The label") == "=1+1"
    assert cells.text("quote", "The label") == "'tis"
    assert cells.text("blank", "The label") == ""
    assert cells.text("absent", "The label", default="none") == "none"
    error = _error(lambda: cells.text("blank", "The label", required=True))
    assert error.message == "water_log.csv line 7: blank: this cell is empty but is required."


def test_text_over_its_limit_names_the_column_it_came_from() -> None:
    cells = _cells(label="x" * 11)
    error = _error(lambda: cells.text("label", "The label", maximum=10))
    assert error.message == "water_log.csv line 7: label: The label is longer than 10 characters."
    assert error.field == "label"
    assert _cells(label="x" * 10).text("label", "The label", maximum=10) == "x" * 10


def test_dates_times_and_numbers() -> None:
    cells = _cells(date="2026-11-20", time="8:30 PM", volume_ml="250.0", when="2026-11-20",
                   at="07:05")
    assert cells.date() == dt.date(2026, 11, 20)
    assert cells.date("when") == dt.date(2026, 11, 20)
    assert cells.time() == dt.time(20, 30)
    assert cells.time("at") == dt.time(7, 5)
    assert cells.number("volume_ml", "The volume") == 250.0


def test_a_bad_date_names_its_own_column() -> None:
    error = _error(lambda: _cells(start="20/11/2026").date("start"))
    assert error.field == "start"
    assert error.message.startswith("water_log.csv line 7: start: '20/11/2026' could be read")
    error = _error(lambda: _cells(at="25:00").time("at"))
    assert error.message == ("water_log.csv line 7: at: 25:00 is not a time of day "
                             "(00:00 to 23:59).")


def test_a_decimal_comma_is_read_only_in_a_semicolon_file() -> None:
    assert _cells(decimal_comma=True, grams="12,5").number("grams", "The amount") == 12.5
    error = _error(lambda: _cells(grams="12,5").number("grams", "The amount"))
    assert error.field == "grams"
    assert "could be read more than one way" in error.message


def test_a_bad_number_names_what_it_is() -> None:
    error = _error(lambda: _cells(grams="lots").number("grams", "The amount"))
    assert error.message == "water_log.csv line 7: grams: The amount must be a number, not 'lots'."


def test_optional_numbers_are_none_when_blank() -> None:
    cells = _cells(sleep_hours=" ", stress="4", exercise_min="")
    assert cells.optional_number("sleep_hours", "Sleep") is None
    assert cells.optional_number("stress", "Stress") == 4.0
    assert cells.optional_whole("exercise_min", "Exercise") is None
    assert cells.optional_whole("stress", "Stress") == 4


def test_whole_numbers() -> None:
    cells = _cells(intensity="7.0", half="2.5", big="1e3")
    assert cells.whole("intensity", "Intensity") == 7
    assert isinstance(cells.whole("intensity", "Intensity"), int)
    assert cells.whole("big", "Intensity") == 1000
    error = _error(lambda: cells.whole("half", "Intensity"))
    assert error.message == ("water_log.csv line 7: half: Intensity must be a whole number, "
                             "not '2.5'.")
    assert error.field == "half"


@pytest.mark.parametrize(("text", "value"), [
    ("1", True), ("true", True), ("TRUE", True), (" yes ", True), ("Y", True),
    ("0", False), ("false", False), ("No", False), ("n", False), ("", False), ("  ", False),
])
def test_flags(text: str, value: bool) -> None:
    assert _cells(complete=text).flag("complete") is value


def test_a_flag_that_is_neither_is_refused() -> None:
    error = _error(lambda: _cells(complete=" maybe ").flag("complete"))
    assert error.message == ("water_log.csv line 7: complete: use 1 for yes or 0 for no, "
                             "not 'maybe'.")
    assert error.field == "complete"
    assert _cells().flag("complete") is False


def test_a_given_id_is_checked_and_its_apostrophe_removed() -> None:
    seen = Occurrences()
    assert _cells(id=" custom:ab12@2 ").entry_id(seen, "date") == "custom:ab12@2"
    assert _cells(id="'1234e56").entry_id(seen, "date") == "1234e56"
    assert _cells().checked_id("food_id", "a" * 64) == "a" * 64
    error = _error(lambda: _cells().checked_id("food_id", "a" * 65))
    assert error.field == "food_id"
    assert error.message == ("water_log.csv line 7: food_id: '" + "a" * 65 + "' is not an id "
                             "(letters, digits, ':', '_', '-', '.', '@'; up to 64 characters).")
    for bad in ("two words", "semi;colon", "", "ünï"):
        assert _error(lambda bad=bad: _cells().checked_id("id", bad)).field == "id"
    assert _cells().checked_id("id", "A-z_0.9:@") == "A-z_0.9:@"


def test_rows_without_ids_get_the_same_ids_on_every_import() -> None:
    def ids() -> list[str]:
        seen = Occurrences()
        rows = [_cells(date="2026-11-20", time="08:00", volume_ml="250"),
                _cells(date="2026-11-20", time="08:00", volume_ml="250"),
                _cells(date="2026-11-20", time="09:00", volume_ml="250")]
        return [row.entry_id(seen, "date", "time", "volume_ml") for row in rows]

    first = ids()
    assert ids() == first
    assert len(set(first)) == 3, "identical rows stay two entries"
    assert first[0] == uuid.uuid5(
        NAMESPACE, "water_log.csv\x1f2026-11-20\x1f08:00\x1f250\x1f0").hex
    assert first[1] == uuid.uuid5(
        NAMESPACE, "water_log.csv\x1f2026-11-20\x1f08:00\x1f250\x1f1").hex
    assert first[2] == uuid.uuid5(
        NAMESPACE, "water_log.csv\x1f2026-11-20\x1f09:00\x1f250\x1f0").hex


def test_occurrences_count_each_identity_from_zero() -> None:
    seen = Occurrences()
    assert [seen.next(("a", "b")) for _ in range(3)] == [0, 1, 2]
    assert seen.next(("a", "c")) == 0
    assert seen.next(("ab",)) == 0, "the parts are kept apart, not run together"
    assert Occurrences().next(("a", "b")) == 0


def test_derived_ids_are_uuid5_of_the_parts() -> None:
    assert derived_id("foods.csv", "x") == uuid.uuid5(NAMESPACE, "foods.csv\x1fx").hex
    assert derived_id("a", "b") != derived_id("ab")


def test_a_required_text_that_is_only_the_export_apostrophe_and_spaces_is_empty() -> None:
    cells = _cells(label="'  ")
    error = _error(lambda: cells.text("label", "The label", required=True))
    assert error.message == "water_log.csv line 7: label: The label is required."
    assert cells.text("label", "The label") == "  "


def test_a_bad_optional_or_whole_number_names_what_it_is() -> None:
    cells = _cells(stress="high", sleep_hours="long")
    assert _error(lambda: cells.optional_whole("stress", "Stress")).message == (
        "water_log.csv line 7: stress: Stress must be a number, not 'high'.")
    assert _error(lambda: cells.whole("stress", "Stress")).message == (
        "water_log.csv line 7: stress: Stress must be a number, not 'high'.")
    assert _error(lambda: cells.optional_number("sleep_hours", "Sleep")).message == (
        "water_log.csv line 7: sleep_hours: Sleep must be a number, not 'long'.")


def test_a_bad_id_cell_is_named_as_the_id_column() -> None:
    error = _error(lambda: _cells(id="no spaces").entry_id(Occurrences(), "date"))
    assert error.field == "id"
    assert error.message == ("water_log.csv line 7: id: 'no spaces' is not an id (letters, "
                             "digits, ':', '_', '-', '.', '@'; up to 64 characters).")
