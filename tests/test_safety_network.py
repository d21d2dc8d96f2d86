"""The app never opens a network connection: the main flows run with sockets that refuse."""

from __future__ import annotations

import datetime as dt
import socket
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tracker import config
from tracker.cli.main import main
from tracker.domain.entries import (
    CaffeineEntry,
    DayFactors,
    Episode,
    SupplementDose,
    SupplementProduct,
    WaterEntry,
)
from tracker.services import diary, supplements, totals
from tracker.services.context import Context
from tracker.services.foods import catalog as foods
from tracker.services.safety import backup

DAY = dt.date(2026, 11, 20)
_NETWORK_FAMILIES = {socket.AF_INET, socket.AF_INET6}
_RealSocket = socket.socket  # captured before any test patches it


class NetworkAttemptError(AssertionError):
    """Raised (and recorded) when code tries to reach the network."""


@pytest.fixture
def no_network(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """Every way Python code reaches the network raises and is recorded.

    Local (AF_UNIX) sockets stay allowed: they are how processes on this
    machine talk, not the network.
    """
    attempts: list[str] = []

    def refuse(what: str) -> NetworkAttemptError:
        attempts.append(what)
        return NetworkAttemptError(f"network use attempted: {what}")

    class GuardedSocket(_RealSocket):
        def __init__(self, family: Any = -1, *args: Any, **kwargs: Any) -> None:
            if family in _NETWORK_FAMILIES or family == -1:
                raise refuse(f"socket({family})")
            super().__init__(family, *args, **kwargs)

        def connect(self, address: Any) -> None:
            if self.family != socket.AF_UNIX:
                raise refuse(f"connect({address!r})")
            super().connect(address)

        def connect_ex(self, address: Any) -> int:
            if self.family != socket.AF_UNIX:
                raise refuse(f"connect_ex({address!r})")
            return super().connect_ex(address)

    def fail(name: str) -> Any:
        def blocked(*args: Any, **kwargs: Any) -> Any:
            raise refuse(f"{name}{args!r}")
        return blocked

    monkeypatch.setattr(socket, "socket", GuardedSocket)
    for name in ("create_connection", "getaddrinfo", "gethostbyname", "gethostbyname_ex",
                 "create_server"):
        monkeypatch.setattr(socket, name, fail(name))
    yield attempts
    assert attempts == [], f"the app tried to use the network: {attempts}"


def test_the_guard_catches_an_attempt(no_network: list[str]) -> None:
    with pytest.raises(NetworkAttemptError):
        socket.create_connection(("example.org", 80))
    with pytest.raises(NetworkAttemptError):
        socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    no_network.clear()  # expected attempts; the fixture checks the rest of the run


def test_services_offline(no_network: list[str], ctx: Context, tmp_path: Path) -> None:
    hits = foods.search_foods(ctx, "spinach", 5)
    assert hits
    entry = diary.new_food_entry(ctx, hits[0].id, DAY, dt.time(12, 0), amount="1 cup")
    diary.add_entry(ctx, entry)
    product = supplements.save_product(ctx, SupplementProduct("Mag", {"magnesium": 200.0}))
    for item in (WaterEntry(DAY, dt.time(8, 0), 500.0),
                 CaffeineEntry(DAY, dt.time(9, 0), 95.0, "coffee"),
                 SupplementDose(DAY, dt.time(21, 0), product.id, 1.0),
                 Episode(DAY, dt.time(23, 0), "cramp", "calf", 6)):
        diary.add_entry(ctx, item)
    diary.set_factors(ctx, DayFactors(DAY, 7.0, 2, 30, True, "long walk"))
    assert totals.day_summary(ctx, DAY) is not None
    assert totals.week_summary(ctx, DAY) is not None
    backup.backup_now(ctx)
    assert backup.check(ctx.diary.path).ok  # type: ignore[arg-type]

    from tracker.services.transfer.export import export_bundle
    from tracker.services.transfer.importer import import_bundle

    bundle = export_bundle(ctx, DAY - dt.timedelta(days=6), DAY, tmp_path / "bundle.zip")
    import_bundle(ctx, bundle.path)


def test_cli_offline(no_network: list[str], monkeypatch: pytest.MonkeyPatch,
                     food_cache_dir: Path, tmp_path: Path,
                     capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setattr(config, "cache_dir", lambda: food_cache_dir)
    db = str(tmp_path / "diary.sqlite3")
    runs = [
        ["search", "spinach", "--json"],
        ["log", "water", "250", "--date", "2026-11-20"],
        ["log", "caffeine", "80", "--label", "tea", "--date", "2026-11-20"],
        ["log", "episode", "--kind", "twitch", "--site", "calf", "--intensity", "4",
         "--date", "2026-11-20"],
        ["supplement", "add", "Mag", "--magnesium", "200"],
        ["log", "supplement", "Mag", "--date", "2026-11-20"],
        ["log", "day", "--date", "2026-11-20", "--sleep-hours", "7"],
        ["day", "--date", "2026-11-20", "--json"],
        ["export", "--from", "2026-11-14", "--to", "2026-11-20", "--out",
         str(tmp_path / "export.zip")],
        ["import", str(tmp_path / "export.zip")],
        ["backup"],
        ["backups"],
        ["check"],
    ]
    for argv in runs:
        assert main(["--db", db, *argv]) == 0, (argv, capsys.readouterr().err)
    hit = capsys.readouterr().out.splitlines()[0]
    assert "spinach" in hit.lower()


def test_window_offline(no_network: list[str], qtbot: Any, ctx: Context) -> None:
    from tracker.config import Settings
    from tracker.ui.safety.backups_dialog import BackupsDialog
    from tracker.ui.shell.main_window import MainWindow

    diary.add_entry(ctx, WaterEntry(DAY, dt.time(8, 0), 500.0))
    window = MainWindow(ctx, Settings(), clock=lambda: dt.datetime(2026, 11, 20, 12, 0))
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    qtbot.wait(300)
    dialog = BackupsDialog(ctx, window)
    qtbot.addWidget(dialog)
    dialog.back_up_now()
    qtbot.waitUntil(lambda: not dialog.is_busy(), timeout=30_000)
    dialog.check_diary()
    qtbot.waitUntil(lambda: not dialog.is_busy(), timeout=30_000)
    assert "fine" in dialog.status.text()
