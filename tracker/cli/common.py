"""Argument helpers shared by the subcommands."""

from __future__ import annotations

import argparse
import datetime as dt
import json
from typing import Any

from tracker.domain import validation


def add_when(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--date", metavar="YYYY-MM-DD", help="diary day (default: today)")
    parser.add_argument("--time", metavar="HH:MM", help="local time (default: now)")


def when(args: argparse.Namespace) -> tuple[dt.date, dt.time]:
    """The diary day and local time given, defaulting to the local now."""
    now = dt.datetime.now()
    day = validation.parse_date(args.date) if args.date else now.date()
    time = validation.parse_time(args.time) if args.time else now.time().replace(
        second=0, microsecond=0)
    return day, time


def date_arg(text: str | None, default: dt.date | None = None) -> dt.date | None:
    return validation.parse_date(text) if text else default


def print_json(data: Any) -> None:
    print(json.dumps(data, ensure_ascii=False))
