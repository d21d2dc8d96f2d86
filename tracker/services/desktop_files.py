"""Freedesktop files for the current user: the menu entry with its icons, and autostart.

The menu entry goes to ``$XDG_DATA_HOME/applications`` and the icons to the
hicolor theme under ``$XDG_DATA_HOME/icons``; "Start at login" is an entry in
``$XDG_CONFIG_HOME/autostart`` (the XDG Autostart specification). ``Exec``
names the program that is running now: the standalone build's executable, or
the installed ``nutrient-tracker`` script.
"""

from __future__ import annotations

import os
import shlex
import shutil
import sys
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

import platformdirs

APP_ID = "nutrient-tracker"
DESKTOP_NAME = f"{APP_ID}.desktop"
ICON_SIZES = (48, 128, 256)
# Started at login the app waits in the tray (or minimised) instead of taking the screen.
AUTOSTART_ARGUMENTS = ("--minimized",)


@dataclass(frozen=True)
class Installed:
    desktop_file: Path
    icons: tuple[Path, ...]


def _data_home() -> Path:
    return Path(platformdirs.user_data_path())


def _config_home() -> Path:
    return Path(platformdirs.user_config_path())


def program_command() -> list[str]:
    """How to start this very installation again, as an argument list."""
    if getattr(sys, "frozen", False):
        return [str(Path(sys.executable).resolve())]
    script = Path(sys.executable).with_name(APP_ID)
    if script.exists():
        return [str(script)]
    found = shutil.which(APP_ID)
    if found:
        return [str(Path(found).resolve())]
    return [str(Path(sys.executable).resolve()), "-m", "tracker"]


def _exec_line(arguments: tuple[str, ...] = ()) -> str:
    # The desktop-entry spec quotes with double quotes; shlex's single quotes are not
    # understood by every launcher, so quote by hand where a path needs it.
    def quote(word: str) -> str:
        if all(c.isalnum() or c in "/._-+=:," for c in word):
            return word
        for special in ("\\", '"', "`", "$"):
            word = word.replace(special, "\\" + special)
        return f'"{word}"'

    return " ".join(quote(w) for w in [*program_command(), *arguments])


def desktop_entry_text(arguments: tuple[str, ...] = (), extra: str = "") -> str:
    """The bundled .desktop template with ``Exec`` pointing at this installation."""
    template = (resources.files("tracker.resources") / DESKTOP_NAME).read_text(encoding="utf-8")
    lines = []
    for line in template.splitlines():
        if line.startswith("Exec="):
            line = f"Exec={_exec_line(arguments)}"
        lines.append(line)
    return "\n".join(lines) + "\n" + extra


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(text, encoding="utf-8")
    os.chmod(tmp, 0o644)
    tmp.replace(path)


def install_desktop_entry() -> Installed:
    """Put the menu entry and icons in place for the current user (idempotent)."""
    data = _data_home()
    entry = data / "applications" / DESKTOP_NAME
    _write(entry, desktop_entry_text())
    icons_dir = resources.files("tracker.resources") / "icons"
    icons: list[Path] = []
    scalable = data / "icons" / "hicolor" / "scalable" / "apps" / f"{APP_ID}.svg"
    scalable.parent.mkdir(parents=True, exist_ok=True)
    scalable.write_bytes((icons_dir / f"{APP_ID}.svg").read_bytes())
    icons.append(scalable)
    for size in ICON_SIZES:
        target = data / "icons" / "hicolor" / f"{size}x{size}" / "apps" / f"{APP_ID}.png"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes((icons_dir / f"{APP_ID}-{size}.png").read_bytes())
        icons.append(target)
    return Installed(entry, tuple(icons))


def uninstall_desktop_entry() -> list[Path]:
    """Remove what ``install_desktop_entry`` put in place; returns what was removed."""
    data = _data_home()
    candidates = [data / "applications" / DESKTOP_NAME,
                  data / "icons" / "hicolor" / "scalable" / "apps" / f"{APP_ID}.svg",
                  *(data / "icons" / "hicolor" / f"{s}x{s}" / "apps" / f"{APP_ID}.png"
                    for s in ICON_SIZES)]
    removed = [p for p in candidates if p.exists()]
    for path in removed:
        path.unlink()
    return removed


def autostart_path() -> Path:
    return _config_home() / "autostart" / DESKTOP_NAME


def set_start_at_login(enabled: bool) -> Path:
    """Write or remove the XDG autostart entry; returns its path."""
    path = autostart_path()
    if enabled:
        _write(path, desktop_entry_text(AUTOSTART_ARGUMENTS,
                                        "X-GNOME-Autostart-enabled=true\n"))
    elif path.exists():
        path.unlink()
    return path


def starts_at_login() -> bool:
    return autostart_path().exists()


def exec_arguments(entry_text: str) -> list[str]:
    """The ``Exec`` line of a desktop entry split into words (for tests and checks)."""
    for line in entry_text.splitlines():
        if line.startswith("Exec="):
            return shlex.split(line[len("Exec="):])
    return []
