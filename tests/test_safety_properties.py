"""Every parser and validator either refuses input with a message or keeps it exactly."""

from __future__ import annotations

import datetime as dt
import math
import struct
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tracker.domain import validation as v
from tracker.domain.amounts import parse_amount
from tracker.domain.entries import CaffeineEntry, DayFactors, Episode, WaterEntry
from tracker.domain.errors import UserError
from tracker.domain.foods import Food, Portion
from tracker.services import diary
from tracker.services.context import Context
from tracker.services.transfer.bundle_csv import Row
from tracker.services.transfer.import_parse import caffeine as parse_caffeine_rows
from tracker.services.transfer.import_parse import episodes as parse_episode_rows
from tracker.services.transfer.import_parse import water as parse_water_rows
from tracker.storage.diary import Diary

SPINACH = Food("sr28:11457", "Spinach, raw", "Vegetables", {"magnesium": 79.0},
               (Portion(1, "cup", 30.0), Portion(0.5, "bunch", 170.0)))
DAY = dt.date(2026, 11, 20)
NOON = dt.time(12, 0)
ODD_TEXT = st.one_of(
    st.text(),
    st.text(alphabet=st.sampled_from("שלום مرحبا 🥤💊🦵\u200f\u202e\u0301\u00a0\x00\t\n")),
    st.text(min_size=1990, max_size=2010),
)
FLOATS = st.one_of(st.floats(), st.sampled_from([0.0, -0.0, 1e308, -1e308, 5e-324, 5000.0,
                                                 5000.000000001, float("nan"), float("inf")]))
# The international avoirdupois ounce is exactly 28.349523125 g (1959 international yard
# and pound agreement).
GRAMS_PER_OUNCE = 28.349523125
# The diary holds days from 1900-01-01 to the end of 2200, and names of up to 200 characters.
EARLIEST_DATE = dt.date(1900, 1, 1)
MAX_NAME = 200
settings.register_profile("safety", deadline=None,
                          suppress_health_check=[HealthCheck.too_slow])
settings.load_profile("safety")


def _same_float(a: float, b: float) -> bool:
    return struct.pack("<d", a) == struct.pack("<d", b)


def _refused(error: UserError) -> None:
    assert error.message and "Traceback" not in error.message


@given(st.text())
def test_parse_date_any_text(text: str) -> None:
    try:
        day = v.parse_date(text)
    except UserError as error:
        _refused(error)
        assert error.field == "date"
        return
    assert day.isoformat() == text.strip()


@given(st.dates())
def test_parse_date_round_trip(day: dt.date) -> None:
    try:
        assert v.parse_date(day.isoformat()) == day
    except UserError:
        assert day < EARLIEST_DATE or day.year > 2200


@given(st.text())
def test_parse_time_any_text(text: str) -> None:
    try:
        time = v.parse_time(text)
    except UserError as error:
        _refused(error)
        return
    hour, minute = text.strip().split(":")
    assert (time.hour, time.minute) == (int(hour), int(minute))


@given(st.times())
def test_parse_time_round_trip(time: dt.time) -> None:
    minute = time.replace(second=0, microsecond=0, tzinfo=None)
    assert v.parse_time(minute.strftime("%H:%M")) == minute


@given(st.one_of(st.text(), FLOATS.map(repr), FLOATS.map(str)))
def test_parse_number_any_text(text: str) -> None:
    try:
        value = v.parse_number(text, "The amount", "amount")
    except UserError as error:
        _refused(error)
        assert error.field == "amount"
        return
    assert math.isfinite(value)


@given(FLOATS)
def test_parse_number_keeps_finite_values_exactly(value: float) -> None:
    if math.isfinite(value):
        assert _same_float(v.parse_number(repr(value), "x", "x"), value)
        assert _same_float(v.parse_number(value, "x", "x"), value)
    else:
        try:
            v.parse_number(value, "x", "x")
        except UserError as error:
            _refused(error)
        else:
            raise AssertionError("a non-finite number was accepted")


@given(FLOATS)
def test_check_amount(value: float) -> None:
    try:
        kept = v.check_amount(value, "The volume", "volume_ml", 5000.0, "ml")
    except UserError as error:
        _refused(error)
        assert not (math.isfinite(value) and 0 < value <= 5000)
        return
    assert 0 < kept <= 5000 and kept == value


@given(ODD_TEXT, st.booleans())
def test_check_text(text: str, required: bool) -> None:
    try:
        kept = v.check_text(text, "Notes", "notes", 2000, required)
    except UserError as error:
        _refused(error)
        assert "\x00" in text or len(text) > 2000 or (required and not text.strip())
        return
    assert kept == text.strip() and "\x00" not in kept


@given(st.text())
def test_parse_amount_any_text(text: str) -> None:
    try:
        amount = parse_amount(text, SPINACH)
    except UserError as error:
        _refused(error)
        return
    assert 0 < amount.grams <= 5000 and math.isfinite(amount.grams)
    assert amount.amount > 0


@given(st.integers(1, 40), st.integers(1, 16), st.sampled_from(["cup", "cups", "bunch", "g",
                                                                "oz", "gram", "ounces"]))
def test_parse_amount_structured(numerator: int, denominator: int, unit: str) -> None:
    text = f"{numerator}/{denominator} {unit}"
    quantity = numerator / denominator
    grams = {"cup": 30.0, "cups": 30.0, "bunch": 340.0, "g": 1.0, "gram": 1.0,
             "oz": GRAMS_PER_OUNCE, "ounces": GRAMS_PER_OUNCE}[unit] * quantity
    try:
        amount = parse_amount(text, SPINACH)
    except UserError:
        assert grams > 5000 or grams <= 0
        return
    assert math.isclose(amount.grams, grams, rel_tol=1e-12)


def _context() -> Context:
    return Context(Diary.in_memory(), Path("/nonexistent-cache"))


@given(ODD_TEXT, ODD_TEXT)
@settings(max_examples=150)
def test_text_round_trips_through_the_diary(label: str, notes: str) -> None:
    with _context() as ctx:
        caffeine = CaffeineEntry(DAY, NOON, 80.0, label)
        episode = Episode(DAY, NOON, "cramp", "calf", 5, "left", None, notes)
        factors = DayFactors(DAY, None, None, None, False, notes)
        for save in (lambda: diary.add_entry(ctx, caffeine),
                     lambda: diary.add_entry(ctx, episode),
                     lambda: diary.set_factors(ctx, factors)):
            try:
                save()
            except UserError as error:
                _refused(error)
        day = diary.day(ctx, DAY)
        assert day.caffeine in ((), (caffeine,))
        assert day.episodes in ((), (episode,))
        assert day.factors in (None, factors)
        assert bool(day.caffeine) == ("\x00" not in label and len(label) <= MAX_NAME)
        assert bool(day.episodes) == ("\x00" not in notes and len(notes) <= 2000)


@given(FLOATS)
def test_numbers_round_trip_through_the_diary(volume: float) -> None:
    with _context() as ctx:
        entry = WaterEntry(DAY, NOON, volume)
        try:
            diary.add_entry(ctx, entry)
        except UserError as error:
            _refused(error)
            assert diary.day(ctx, DAY).is_empty
            return
        [stored] = diary.day(ctx, DAY).water
        assert _same_float(stored.volume_ml, volume)


CELL = st.one_of(st.text(max_size=30), FLOATS.map(repr), st.dates().map(str),
                 st.times().map(lambda t: t.strftime("%H:%M")), st.just(""))


@given(st.lists(st.fixed_dictionaries(
    {"date": CELL, "time": CELL, "volume_ml": CELL, "caffeine_mg": CELL, "label": CELL,
     "kind": st.sampled_from(["twitch", "cramp", "TWITCH", "itch", ""]), "body_site": CELL,
     "side": CELL, "intensity": CELL, "duration_s": CELL, "notes": CELL, "id": st.just("")}),
    max_size=4))
def test_imported_rows_are_refused_or_valid(cells: list[dict[str, str]]) -> None:
    rows = [Row(line + 2, row) for line, row in enumerate(cells)]
    pairs: list[tuple[Callable[[list[Row]], Sequence[tuple[int, Any]]], Callable[[Any], Any]]] = [
        (parse_water_rows, v.check_water_entry),
        (parse_caffeine_rows, v.check_caffeine_entry),
        (parse_episode_rows, v.check_episode)]
    for parse, check in pairs:
        try:
            parsed = list(parse(rows))  # rows are parsed as they are read
        except UserError as error:
            _refused(error)
            continue
        assert len(parsed) == len(rows)
        for _, entry in parsed:
            check(entry)


@given(st.lists(st.tuples(st.integers(0, 23), st.integers(0, 59),
                          st.floats(1, 5000, allow_nan=False)), min_size=1, max_size=6))
def test_imported_water_rows_read_back_exactly(values: list[tuple[int, int, float]]) -> None:
    rows = [Row(n + 2, {"date": DAY.isoformat(), "time": f"{h:02d}:{m:02d}",
                        "volume_ml": repr(ml), "id": ""}) for n, (h, m, ml) in enumerate(values)]
    parsed = list(parse_water_rows(rows))
    ids = [entry.id for _, entry in parsed]
    assert len(set(ids)) == len(ids), "two rows became one entry"
    assert list(parse_water_rows(rows)) == parsed, "the same rows must give the same ids"
    for (_, entry), (hour, minute, ml) in zip(parsed, values, strict=True):
        assert entry.time == dt.time(hour, minute) and _same_float(entry.volume_ml, ml)
