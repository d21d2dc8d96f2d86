"""Argument helpers shared by the subcommands."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import sys
from collections.abc import Sequence
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


def _value_options(parser: argparse.ArgumentParser, found: set[str], every: set[str]) -> None:
    for action in parser._actions:
        every.update(action.option_strings)
        if action.option_strings and action.nargs is None:
            found.update(action.option_strings)
        if isinstance(action, argparse._SubParsersAction):
            for sub in action.choices.values():
                _value_options(sub, found, every)


def option_values_joined(parser: argparse.ArgumentParser, argv: Sequence[str]) -> list[str]:
    """``argv`` with ``--label -cmd`` written as ``--label=-cmd``.

    argparse takes any argument starting with '-' for an option, so a label or a
    note that starts with one ("-2 cups", "-cmd|calc") would be refused; joined to
    its option it is read as the value it is. An option name never counts as a value.
    """
    takes_value: set[str] = set()
    every: set[str] = set()
    _value_options(parser, takes_value, every)
    out: list[str] = []
    args = list(argv)
    index = 0
    while index < len(args):
        arg = args[index]
        if arg == "--":
            out.extend(args[index:])
            break
        following = args[index + 1] if index + 1 < len(args) else None
        if (arg in takes_value and following is not None and following.startswith("-")
                and following.split("=", 1)[0] not in every):
            out.append(f"{arg}={following}")
            index += 2
            continue
        out.append(arg)
        index += 1
    return out


def quiet_stdout() -> None:
    """After the reader of our output went away (``| head``): send what is left nowhere, so
    the interpreter's last flush does not fail too."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
    os.close(devnull)
