"""The menu entry, its icons and the autostart entry, written for the current user only."""

from __future__ import annotations

import configparser
from pathlib import Path

import pytest

from tracker.cli.main import main
from tracker.services import desktop_files


def _entry(path: Path) -> configparser.SectionProxy:
    parser = configparser.ConfigParser(interpolation=None)
    parser.optionxform = str  # type: ignore[assignment,method-assign]
    parser.read(path, encoding="utf-8")
    return parser["Desktop Entry"]


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    return tmp_path


def test_install_then_uninstall_the_menu_entry_from_the_command_line(
        home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--install-desktop-entry"]) == 0
    entry = home / "data" / "applications" / "nutrient-tracker.desktop"
    fields = _entry(entry)
    assert fields["Type"] == "Application"
    assert fields["Name"] == "Nutrient Tracker"
    assert fields["Icon"] == "nutrient-tracker"
    assert desktop_files.exec_arguments(entry.read_text()) == desktop_files.program_command()
    assert Path(desktop_files.program_command()[0]).exists()
    for size in ("48x48", "128x128", "256x256"):
        png = home / "data" / "icons" / "hicolor" / size / "apps" / "nutrient-tracker.png"
        assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    svg = home / "data" / "icons" / "hicolor" / "scalable" / "apps" / "nutrient-tracker.svg"
    assert svg.read_text().startswith("<svg")
    assert "Menu entry:" in capsys.readouterr().out
    assert main(["--uninstall-desktop-entry"]) == 0
    assert not entry.exists() and not svg.exists()
    assert "Removed 5 files." in capsys.readouterr().out


def test_a_path_with_spaces_and_quotes_is_quoted_for_launchers(
        home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    odd = "/opt/My Apps/nutrient \"tracker\"/nutrient-tracker"
    monkeypatch.setattr(desktop_files, "program_command", lambda: [odd])
    text = desktop_files.desktop_entry_text(("--minimized",))
    assert 'Exec="/opt/My Apps/nutrient \\"tracker\\"/nutrient-tracker" --minimized' in text
    assert desktop_files.exec_arguments(text) == [odd, "--minimized"]


def test_start_at_login_writes_and_removes_the_xdg_autostart_entry(home: Path) -> None:
    assert not desktop_files.starts_at_login()
    path = desktop_files.set_start_at_login(True)
    assert path == home / "config" / "autostart" / "nutrient-tracker.desktop"
    fields = _entry(path)
    assert fields["X-GNOME-Autostart-enabled"] == "true"
    assert desktop_files.exec_arguments(path.read_text())[-1] == "--minimized"
    assert desktop_files.starts_at_login()
    desktop_files.set_start_at_login(False)
    assert not path.exists() and not desktop_files.starts_at_login()
    desktop_files.set_start_at_login(False)  # removing twice is harmless
