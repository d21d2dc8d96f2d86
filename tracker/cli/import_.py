"""``import``: read an exported bundle (folder or .zip) back into the diary, all or nothing;
or another app's history (Cronometer, Bearable, see ``import_other``)."""

from __future__ import annotations

import argparse
from pathlib import Path

from tracker.cli import import_other
from tracker.services.context import open_context, open_if_exists
from tracker.services.transfer.importer import ImportPlan, apply_plan, read_bundle


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser(
        "import", help="import an exported folder or .zip (entries already present are kept)",
        description="Check every row of every file first; one bad row imports nothing and "
                    "names the file and line. Importing the same files twice adds nothing "
                    "twice. An entry edited in the files since it was exported is a change: "
                    "--check lists them, --update applies them; without --update a bundle "
                    "with changes is refused.")
    parser.add_argument("path", type=Path, metavar="PATH",
                        help="export folder or .zip file, Cronometer's servings.csv or a "
                             "Bearable export")
    parser.add_argument("--check", action="store_true",
                        help="only check the files and say what they would add and change; "
                             "write nothing")
    parser.add_argument("--update", action="store_true",
                        help="apply the files' version of entries that differ from the diary")
    import_other.add_options(parser)
    parser.set_defaults(raw_handler=_import)


def _report(path: Path, plan: ImportPlan) -> None:
    found = plan.review
    print(f"{path} is ready to import: {found.headline()}.")
    for line in found.describe():
        print(f"  {line}")
    if found.changes:
        print("First changes:" if found.changed > 1 else "The change:")
        for change in found.changes:
            print(f"  {change}")


def _import(args: argparse.Namespace) -> int:
    db_path: Path = args.db
    if import_other.wanted(args):
        # Like a bundle: checking, or files refused, create no diary.
        with open_if_exists(db_path) as ctx:
            return import_other.run(args, ctx, lambda: open_context(db_path))
    # Checking never creates a diary: an absent one is compared as an empty one.
    with open_if_exists(db_path) as ctx, read_bundle(ctx, args.path) as plan:
        if args.check:
            _report(args.path, plan)
            return 0
        if ctx.diary.path is not None:
            summary = apply_plan(ctx, plan, update=args.update)
        else:
            with open_context(db_path) as created:
                summary = apply_plan(created, plan, update=args.update)
    print(f"Imported {args.path}: {summary.headline()}.")
    for line in summary.describe():
        print(f"  {line}")
    return 0
