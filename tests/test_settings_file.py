"""The settings file: what Settings writes reads back the same, with or without tomllib.

The app reads its own file without a TOML parser (to start faster) and gives any
other TOML to tomllib; tomllib's reading of the same text is the expectation.
"""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tracker.config import Settings, _read_as_written, _toml_value

_KEYS = st.from_regex(r"[A-Za-z_][A-Za-z0-9_]{0,15}", fullmatch=True)
_VALUES = st.one_of(st.booleans(), st.integers(-10**12, 10**12),
                    st.floats(allow_nan=False, allow_infinity=False, width=64),
                    st.text(st.characters(blacklist_categories=("Cs",)), max_size=30))


@settings(max_examples=300)
@given(st.dictionaries(_KEYS, _VALUES, max_size=8))
def test_a_file_as_settings_writes_it_reads_as_tomllib_reads_it(values: dict[str, Any]) -> None:
    text = "".join(f"{key} = {_toml_value(value)}\n" for key, value in sorted(values.items()))
    try:
        expected = tomllib.loads(text)
    except tomllib.TOMLDecodeError:
        # A string with a control character is not TOML as written; the fast reader
        # must not accept it either, so tomllib's refusal decides.
        assert _read_as_written(text) is None
        return
    read = _read_as_written(text)
    assert read is None or read == expected
    if all(not isinstance(v, str) or v.isprintable() for v in values.values()):
        assert read == expected, "a plain file is read without tomllib"


@pytest.mark.parametrize("text", [
    "glass_ml = 1_000\n", "glass_ml = +250.0\n", "glass_ml = 0250\n", "glass_ml = inf\n",
    "theme = 'dark'\n", 'theme = "da\\tk"\n', '"quoted key" = 1\n', "glass_ml=250.0\n",
    "# a comment\n", "[table]\n", "glass_ml = 250.0 # why\n", "a = 1\na = 2\n",
    'theme = """dark"""\n', "  \n"])
def test_any_other_toml_goes_to_tomllib(text: str) -> None:
    assert _read_as_written(text) is None


def test_an_edited_file_still_reads_and_bad_toml_gives_the_defaults(tmp_path: Path) -> None:
    path = tmp_path / "settings.toml"
    # Hand-edited: a comment, a table-free literal string, an underscore in a number.
    path.write_text("# mine\ntheme = 'dark'\nchart_weeks = 2_6\nunits = \"us\"\n",
                    encoding="utf-8")
    edited = Settings(path)
    assert (edited.get("theme"), edited.get("chart_weeks"), edited.get("units")) == \
        ("dark", 26, "us")
    path.write_text('theme = "dark\n', encoding="utf-8")  # unterminated: not TOML
    assert Settings(path).get("theme") == "system"
    path.write_bytes(b'theme = "\xff"\n')  # not UTF-8
    assert Settings(path).get("theme") == "system"


def test_written_settings_read_back(tmp_path: Path) -> None:
    path = tmp_path / "settings.toml"
    first = Settings(path)
    first.set("glass_ml", 330.0)
    first.set("meal_times", 'breakfast "early", 07:15')
    first.set("reminders", True)
    first.set("chart_weeks", 26)
    again = Settings(path)
    assert (again.get("glass_ml"), again.get("meal_times"), again.get("reminders"),
            again.get("chart_weeks")) == (330.0, 'breakfast "early", 07:15', True, 26)
    assert _read_as_written(path.read_text(encoding="utf-8")) is not None
