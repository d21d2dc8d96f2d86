"""Where the app keeps its files, and the user's settings, declared once with defaults.

Settings live in a small TOML file under the user's config directory; every
key, its type and its default are listed in ``SETTINGS`` and nowhere else.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import platformdirs

APP_NAME = "nutrient-tracker"
DB_ENV = "NUTRIENT_TRACKER_DB"


def data_dir() -> Path:
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def cache_dir() -> Path:
    return Path(platformdirs.user_cache_dir(APP_NAME, appauthor=False))


def config_dir() -> Path:
    return Path(platformdirs.user_config_dir(APP_NAME, appauthor=False))


def log_dir() -> Path:
    """Where the error log goes (~/.local/state/nutrient-tracker/log on Linux)."""
    return Path(platformdirs.user_log_dir(APP_NAME, appauthor=False))


def default_db_path() -> Path:
    """``--db`` wins, then the environment variable, then the user's data directory."""
    env = os.environ.get(DB_ENV)
    return Path(env).expanduser() if env else data_dir() / "diary.sqlite3"


@dataclass(frozen=True)
class Setting:
    key: str
    type: type
    default: Any
    choices: tuple[Any, ...] = ()


SETTINGS: tuple[Setting, ...] = (
    # Display and entry of food and drinks; the diary itself always keeps g and ml.
    Setting("units", str, "metric", ("metric", "us")),
    Setting("water_unit", str, "ml", ("ml", "fl_oz")),  # read once into "units", then unused
    Setting("glass_ml", float, 250.0),
    Setting("bottle_ml", float, 500.0),
    Setting("last_body_site", str, "calf"),
    Setting("last_episode_kind", str, "twitch"),
    Setting("last_side", str, "none"),
    Setting("chart_weeks", int, 12, (4, 12, 26, 52)),
    Setting("theme", str, "system", ("system", "light", "dark")),
    # Closing the window: "ask" (once), "tray" (keep running there) or "quit".
    Setting("close_to_tray", str, "ask", ("ask", "tray", "quit")),
    Setting("reminders", bool, False),
    Setting("meal_times", str, "08:30, 12:30, 19:00"),
    Setting("evening_time", str, "21:30"),
    Setting("first_run_done", bool, False),
    Setting("last_open_date", str, ""),
)
_BY_KEY = {s.key: s for s in SETTINGS}


# A line as ``Settings`` writes it: a bare key, " = ", and a TOML boolean, number
# (no "+", "_", leading zero, inf or nan) or basic string (no escapes but \\ and \").
_WRITTEN_LINE = re.compile(r'([A-Za-z_][A-Za-z0-9_]*) = (?:(true|false)'
                           r'|(-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?)'
                           r'|"((?:[^"\\\x00-\x1f\x7f]|\\["\\])*)")')


def _read_as_written(text: str) -> dict[str, Any] | None:
    """The file's values when every line is one ``Settings`` writes, else None.

    Reading the app's own file needs no TOML parser, whose module costs a cold
    start about 10 ms; a file edited into any other TOML goes to tomllib.
    """
    values: dict[str, Any] = {}
    for line in text.split("\n"):
        line = line.removesuffix("\r")
        if not line:
            continue
        match = _WRITTEN_LINE.fullmatch(line)
        if match is None or match[1] in values:
            return None
        key, flag, number, string = match.groups()
        if flag is not None:
            values[key] = flag == "true"
        elif number is not None:
            values[key] = float(number) if any(c in number for c in ".eE") else int(number)
        else:
            values[key] = re.sub(r'\\(["\\])', r"\1", string)
    return values


def _read_settings(path: Path) -> dict[str, Any]:
    """The values in the settings file; none when it is missing or not TOML."""
    try:
        data = path.read_bytes()
        simple = _read_as_written(data.decode("utf-8"))
        if simple is not None:
            return simple
    except (OSError, UnicodeDecodeError):
        return {}
    import tomllib

    try:
        return tomllib.loads(data.decode("utf-8"))
    except tomllib.TOMLDecodeError:
        return {}


class Settings:
    """Typed access to the settings file; unknown or ill-typed values fall back to defaults."""

    def __init__(self, path: Path | None = None) -> None:
        self.path = path or config_dir() / "settings.toml"
        self._values: dict[str, Any] = {}
        raw = _read_settings(self.path)
        for key, value in raw.items():
            if key in _BY_KEY and self._valid(_BY_KEY[key], value):
                self._values[key] = _BY_KEY[key].type(value)
        # The older drinks-only unit choice carries over to the units for everything.
        if "units" not in self._values and self._values.get("water_unit") == "fl_oz":
            self._values["units"] = "us"

    @staticmethod
    def _valid(setting: Setting, value: Any) -> bool:
        if setting.type is bool:
            return isinstance(value, bool)  # bool("false") would be True
        try:
            converted = setting.type(value)
        except (TypeError, ValueError):
            return False
        return not setting.choices or converted in setting.choices

    def get(self, key: str) -> Any:
        return self._values.get(key, _BY_KEY[key].default)

    def set(self, key: str, value: Any) -> None:
        setting = _BY_KEY[key]
        if not self._valid(setting, value):
            raise ValueError(f"invalid value {value!r} for setting {key}")
        self._values[key] = setting.type(value)
        self._save()

    def _save(self) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        lines = [f"{key} = {_toml_value(value)}" for key, value in sorted(self._values.items())]
        tmp = self.path.with_suffix(".tmp")
        tmp.write_text("\n".join(lines) + "\n", encoding="utf-8")
        tmp.replace(self.path)


def _toml_value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        escaped = value.replace("\\", "\\\\").replace('"', '\\"')
        return f'"{escaped}"'
    return repr(value)
