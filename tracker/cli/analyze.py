"""``analyze [--from D] [--to D] [--json]``: does twitching come with shortfalls?"""

from __future__ import annotations

import argparse
from typing import Any

from tracker.cli.common import date_arg, print_json
from tracker.domain.finding_text import DISCLAIMER
from tracker.services import analysis
from tracker.services.context import Context


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser(
        "analyze", help="relate magnesium, calcium, vitamin D, B12, potassium, drinks, "
                        "caffeine, alcohol, sleep, stress and exercise to twitching",
        description="Compare twitch episodes with and without each exposure (a nutrient "
                    "shortfall, low drinks, caffeine over the limit, alcohol, short sleep, "
                    "high stress, unusual exercise), each at a timing fixed in advance, "
                    "adjusted for the others, the day of the week and slow changes. Only "
                    "logged days count. The result is an association, not a diagnosis.")
    parser.add_argument("--from", dest="date_from", metavar="YYYY-MM-DD",
                        help="first day (default: the first day with entries)")
    parser.add_argument("--to", dest="date_to", metavar="YYYY-MM-DD",
                        help="last day (default: the last day with entries)")
    parser.add_argument("--json", action="store_true", help="print JSON instead of text")
    parser.set_defaults(handler=_analyze)


def _analyze(args: argparse.Namespace, ctx: Context) -> int:
    result = analysis.analyze(ctx, date_arg(args.date_from), date_arg(args.date_to))
    if args.json:
        print_json(result)
    else:
        print(text_report(result))
    return 0


def text_report(result: dict[str, Any]) -> str:
    """One paragraph per exposure, flagged ones marked, then what was adjusted for, the caveat."""
    lines = []
    for finding in result["exposures"].values():
        mark = "LINKED" if finding["flagged"] else (
            "no clear link" if finding["enough_data"] else "needs more days")
        lines.append(f"{finding['label']}: {mark}")
        lines.append(f"  {finding['message']}")
    excluded = result.get("experiments", {}).get("excluded", [])
    for span in excluded:
        lines.append(f"Self-experiment {span['from']} to {span['to']}: its days are set "
                     "aside here; see 'experiment result'.")
    adjusted = result["model"]["adjusted_for"]
    if adjusted:
        lines.append("")
        lines.append(f"Adjusted for: {', '.join(adjusted)}.")
    lines.append("")
    lines.append(DISCLAIMER)
    return "\n".join(lines)
