"""The ``nutrient-tracker`` command: no subcommand opens the window, subcommands work headless.

Each module in COMMAND_MODULES adds its subcommands with ``register(subparsers)``
and sets ``handler(args, ctx) -> int`` (or ``raw_handler(args) -> int`` for
commands that must not open the diary themselves, such as ``check``).
"""

from __future__ import annotations

import argparse
import gc
import importlib
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import NoReturn

from tracker import __version__, config
from tracker.domain.errors import UserError

COMMAND_MODULES: tuple[str, ...] = (
    "tracker.cli.log",
    "tracker.cli.profile",
    "tracker.cli.supplement",
    "tracker.cli.backup",
    "tracker.cli.search",
    "tracker.cli.food",
    "tracker.cli.recipe",
    "tracker.cli.meal",
    "tracker.cli.day",
    "tracker.cli.export",
    "tracker.cli.import_",
    "tracker.cli.analyze",
    "tracker.cli.experiment",
)

EXIT_USER_ERROR = 2
# What a shell reports for a command whose reader closed the pipe (128 + SIGPIPE).
EXIT_BROKEN_PIPE = 141


class _Parser(argparse.ArgumentParser):
    """argparse that reports a mistake in one line, like every other user error."""

    def error(self, message: str) -> NoReturn:
        self.exit(EXIT_USER_ERROR, f"{self.prog}: {message} (see --help)\n")


def _global_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--db", type=Path, metavar="PATH",
                        help=f"diary file (default: ${config.DB_ENV} or "
                             f"{config.data_dir() / 'diary.sqlite3'})")
    parser.add_argument("--startup-check", action="store_true",
                        help="open the main window, wait for its first paint, print the time "
                             "it took and exit")
    parser.add_argument("--minimized", action="store_true",
                        help="start in the tray (or minimised where there is no tray), as "
                             "'Start at login' does")
    parser.add_argument("--install-desktop-entry", action="store_true",
                        help="add Nutrient Tracker to this user's application menu (a .desktop "
                             "entry and icons) and exit")
    parser.add_argument("--uninstall-desktop-entry", action="store_true",
                        help="remove the menu entry and icons again and exit")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="nutrient-tracker",
        description="Log food, water, caffeine, supplements and twitch episodes; compare "
                    "intake with reference intakes. Without a command, opens the window.")
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    _global_options(parser)
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    for name in COMMAND_MODULES:
        importlib.import_module(name).register(subparsers)
    quick = subparsers.add_parser(
        "quick", help="the small always-on-top quick-log window: T, W or C, then Enter",
        description="Log a twitch (T), a glass of water (W) or the last caffeine again (C) "
                    "with two keys. Shows the open window's quick log if the app is running.")
    quick.set_defaults(raw_handler=_quick)
    return parser


def _window_options(argv: Sequence[str] | None) -> argparse.Namespace | None:
    """The options when the command line asks for the window only, else None.

    Checked before the subcommands are imported, so opening the window does not
    load the export, import and analysis code first.
    """
    parser = _Parser(prog="nutrient-tracker", add_help=False)
    _global_options(parser)
    options, rest = parser.parse_known_args(argv)
    return None if rest else options


def _recovery_hint(error: UserError, db_path: Path) -> str:
    """For a diary that cannot be opened, the latest good backup to restore, on the same line.

    A diary from a newer version is not offered one: updating the app is the fix.
    """
    from tracker.services.safety import backup
    if not isinstance(error, backup.DiaryOpenError) or error.reason in (backup.MISSING,
                                                                          backup.NEWER):
        return ""
    offer = backup.backup_offer(backup.CheckOutcome(db_path, error.reason, error.message,
                                                    good=backup.latest_good_backup(db_path)))
    return f" {offer}"


def _pause_garbage_collection() -> None:
    """Off while the window's modules load: each collection would walk every module,
    class and Qt enum loaded so far, again and again (about a tenth of a cold start).
    ``run_gui`` turns it back on once the window has painted."""
    gc.disable()


def _quick(args: argparse.Namespace) -> int:
    _pause_garbage_collection()
    from tracker.ui.shell.app import run_gui

    return run_gui(args.db, quick=True)


def _desktop_entry(install: bool) -> int:
    from tracker.services import desktop_files
    try:
        if install:
            done = desktop_files.install_desktop_entry()
            print(f"Menu entry: {done.desktop_file}")
            print(f"Icons: {len(done.icons)} under {done.icons[0].parents[3]}")
        else:
            removed = desktop_files.uninstall_desktop_entry()
            print(f"Removed {len(removed)} files." if removed else "Nothing to remove.")
    except OSError as exc:
        print(f"nutrient-tracker: the menu entry could not be written: "
              f"{exc.strerror or exc}", file=sys.stderr)
        return 1
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    window = _window_options(argv)
    if window is not None and (window.install_desktop_entry or window.uninstall_desktop_entry):
        return _desktop_entry(install=window.install_desktop_entry)
    if window is not None:
        _pause_garbage_collection()
        from tracker.ui.shell.app import run_gui

        db_path = window.db.expanduser() if window.db else config.default_db_path()
        return run_gui(db_path, startup_check=window.startup_check, minimized=window.minimized)
    from tracker.cli.common import option_values_joined, quiet_stdout

    parser = build_parser()
    args = parser.parse_args(option_values_joined(
        parser, sys.argv[1:] if argv is None else argv))
    db_path = args.db.expanduser() if args.db else config.default_db_path()
    args.db = db_path
    try:
        if getattr(args, "raw_handler", None):
            status = int(args.raw_handler(args))
        else:
            from tracker.services.context import open_context

            with open_context(db_path) as ctx:
                status = int(args.handler(args, ctx))
        sys.stdout.flush()  # a reader that went away (| head) is met here, not at exit
        return status
    except BrokenPipeError:
        quiet_stdout()
        return EXIT_BROKEN_PIPE
    except UserError as exc:
        print(f"nutrient-tracker: {exc.message}{_recovery_hint(exc, db_path)}",
              file=sys.stderr)
        return EXIT_USER_ERROR
    except KeyboardInterrupt:
        return 130
