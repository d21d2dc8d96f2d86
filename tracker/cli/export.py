"""``export``: the doctor-visit bundle (CSV files, README and a one-page PDF) for a period."""

from __future__ import annotations

import argparse
from pathlib import Path

from tracker.cli.common import date_arg
from tracker.services.context import Context
from tracker.services.transfer.export import default_period, export_bundle

_COUNTED = (("food_log.csv", "food entries"), ("water_log.csv", "water entries"),
            ("caffeine_log.csv", "caffeine entries"), ("supplement_log.csv", "supplement doses"),
            ("episodes.csv", "episodes"))


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    export = subparsers.add_parser(
        "export", help="write CSV files and a one-page PDF for a doctor visit",
        description="Write daily_summary.csv, the logs, README.txt and report.pdf for a "
                    "period into a folder (or a .zip). The files import back with 'import'.")
    export.add_argument("--from", dest="first", metavar="YYYY-MM-DD",
                        help="first day (default: 4 weeks before --to)")
    export.add_argument("--to", dest="last", metavar="YYYY-MM-DD", help="last day (default: today)")
    export.add_argument("--out", type=Path, metavar="PATH",
                        help="folder to write into, or a .zip file (default: "
                             "nutrient-tracker-export-FROM-to-TO in the current folder)")
    export.add_argument("--zip", action="store_true", help="write one .zip file instead of a "
                                                           "folder")
    export.set_defaults(handler=_export)


def _export(args: argparse.Namespace, ctx: Context) -> int:
    default_first, default_last = default_period(date_arg(args.last))
    first = date_arg(args.first, default_first)
    assert first is not None
    out = args.out or Path(f"nutrient-tracker-export-{first}-to-{default_last}")
    result = export_bundle(ctx, first, default_last, out, as_zip=args.zip)
    counts = ", ".join(f"{label}: {result.counts.get(name, 0)}" for name, label in _COUNTED)
    print(f"Exported {result.first} to {result.last} ({counts}) to {result.path}.")
    return 0
