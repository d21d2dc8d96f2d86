"""``backup``, ``backups``, ``restore PATH`` and ``check``: keeping the diary safe from a shell.

``backups``, ``restore`` and ``check`` use raw handlers: they must work on a
diary that cannot be opened normally, and must not migrate or change it.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from tracker.cli.common import print_json
from tracker.services.context import Context
from tracker.services.safety import backup

EXIT_PROBLEM = 1
EXIT_USER_ERROR = 2


def register(subparsers: argparse._SubParsersAction) -> None:
    make = subparsers.add_parser("backup", help="back up the diary now")
    make.set_defaults(handler=_backup)

    listing = subparsers.add_parser("backups", help="list the diary's backups, newest first")
    listing.add_argument("--json", action="store_true")
    listing.set_defaults(raw_handler=_list)

    restore = subparsers.add_parser(
        "restore", help="replace the diary with a backup (the current diary is kept first)")
    restore.add_argument("path", metavar="PATH", type=Path, help="backup file to restore")
    restore.set_defaults(raw_handler=_restore)

    check = subparsers.add_parser(
        "check", help="check the diary for damage: exits 0 when it is fine, 1 when it is "
                      "damaged, 2 when the file is not a diary or cannot be read",
        description="Check the diary without changing it. Details of any damage go to a log "
                    "file; the latest good backup is offered whenever the diary is not fine.")
    check.set_defaults(raw_handler=_check)


def _size(size: int) -> str:
    return f"{size / 1024:.0f} KB" if size < 1024 * 1024 else f"{size / 1024 / 1024:.1f} MB"


def _local(info: backup.BackupInfo) -> str:
    return info.taken_at.astimezone().strftime("%Y-%m-%d %H:%M")


def _backup(args: argparse.Namespace, ctx: Context) -> int:
    info = backup.backup_now(ctx)
    print(f"Backed up to {info.path} ({_size(info.size)}).")
    return 0


def _list(args: argparse.Namespace) -> int:
    items = backup.list_backups(args.db)
    if args.json:
        print_json([{"path": str(i.path), "taken_at": i.taken_at.isoformat(),
                     "reason": i.reason, "size": i.size} for i in items])
        return 0
    for info in items:
        print(f"{_local(info)}  {info.reason:<16} {_size(info.size):>8}  {info.path}")
    if not items:
        print("No backups yet; make one with 'backup'.")
    return 0


def _restore(args: argparse.Namespace) -> int:
    result = backup.restore(args.db, args.path.expanduser())
    print(f"Restored the diary from {result.restored_from}.")
    if result.previous_kept_at is not None:
        print(f"The diary as it was before is kept at {result.previous_kept_at}.")
    return 0


def _check(args: argparse.Namespace) -> int:
    outcome = backup.check_and_report(args.db)
    if outcome.ok:
        print(outcome.message)
        return 0
    if outcome.state == backup.DAMAGED:
        print(outcome.message)
        print(backup.backup_offer(outcome))
        return EXIT_PROBLEM
    # Not a diary, missing or unreadable: a mistake about the file, reported in one line.
    print(f"nutrient-tracker: {outcome.message} {backup.backup_offer(outcome)}", file=sys.stderr)
    return EXIT_USER_ERROR
