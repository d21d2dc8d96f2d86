"""``import``: read an exported bundle (folder or .zip) back into the diary, all or nothing;
or another app's history (Cronometer, Bearable, see ``import_other``)."""

from __future__ import annotations

import argparse
from pathlib import Path

from tracker.cli import import_other
from tracker.services.context import Context
from tracker.services.importer import apply_plan, read_bundle


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser(
        "import", help="import an exported folder or .zip (entries already present are kept)",
        description="Check every row of every file first; one bad row imports nothing and "
                    "names the file and line. Importing the same files twice adds nothing twice.")
    parser.add_argument("path", type=Path, metavar="PATH",
                        help="export folder or .zip file, Cronometer's servings.csv or a "
                             "Bearable export")
    parser.add_argument("--check", action="store_true",
                        help="only check the files and say what they hold; write nothing")
    import_other.add_options(parser)
    parser.set_defaults(handler=_import)


def _import(args: argparse.Namespace, ctx: Context) -> int:
    if import_other.wanted(args):
        return import_other.run(args, ctx)
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
