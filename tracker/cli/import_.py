"""``import``: read an exported bundle (folder or .zip) back into the diary, all or nothing."""

from __future__ import annotations

import argparse
from pathlib import Path

from tracker.services.context import Context
from tracker.services.importer import apply_plan, read_bundle


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser(
        "import", help="import an exported folder or .zip (entries already present are kept)",
        description="Check every row of every file first; one bad row imports nothing and "
                    "names the file and line. Importing the same files twice adds nothing twice.")
    parser.add_argument("path", type=Path, metavar="PATH", help="export folder or .zip file")
    parser.add_argument("--check", action="store_true",
                        help="only check the files and say what they hold; write nothing")
    parser.set_defaults(handler=_import)


def _import(args: argparse.Namespace, ctx: Context) -> int:
    plan = read_bundle(ctx, args.path)
    if args.check:
        print(f"{args.path} is ready to import: " + (", ".join(plan.describe()) or "no entries")
              + ".")
        return 0
    summary = apply_plan(ctx, plan)
    print(f"Imported {args.path}: {summary.total_added} new, {summary.total_present} already "
          "present.")
    for line in summary.describe():
        print(f"  {line}")
    return 0
