"""``import PATH --format cronometer|bearable``: another app's history, previewed, then written.

The format is taken from the file's header when ``--format`` is not given.
Everything is checked before anything is written; the preview (counts, the
dates covered, what is left out) is printed first, and ``--check`` stops there.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from contextlib import AbstractContextManager

from tracker.domain.errors import UserError
from tracker.services.context import Context
from tracker.services.supplements import product_named
from tracker.services.transfer.other_apps.cronometer import NEW_PRODUCT
from tracker.services.transfer.other_apps.formats import (
    BUNDLE,
    FORMATS,
    Choices,
    detect,
    read_foreign,
)
from tracker.services.transfer.other_apps.plan import apply_plan


def add_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--format", choices=FORMATS,
                        help="what PATH is (default: told from the file itself)")
    parser.add_argument("--episode-symptom", action="append", default=[], metavar="NAME",
                        help="Bearable: a symptom that is a twitch episode; repeatable")
    parser.add_argument("--cramp-symptom", action="append", default=[], metavar="NAME",
                        help="Bearable: a symptom that is a cramp; repeatable")
    parser.add_argument("--supplement", action="append", default=[], metavar="NAME=PRODUCT",
                        help="Cronometer: log the supplements-group food NAME as doses of "
                             "your product PRODUCT; repeatable")
    parser.add_argument("--new-supplement", action="append", default=[], metavar="NAME",
                        help="Cronometer: make a product of the supplements-group food NAME "
                             "from its nutrients and log its rows as doses; repeatable")


def wanted(args: argparse.Namespace) -> bool:
    """Whether the command is an import from another app rather than of a bundle."""
    kind = args.format or detect(args.path)
    args.format = kind
    return bool(kind != BUNDLE)


def _choices(args: argparse.Namespace, ctx: Context) -> Choices:
    supplements: dict[str, str] = {}
    for text in args.supplement:
        name, equals, product = text.partition("=")
        if not equals or not name.strip() or not product.strip():
            raise UserError(f"--supplement {text!r} must look like NAME=PRODUCT.", "supplement")
        supplements[name.strip()] = product_named(ctx, product.strip()).id
    for name in args.new_supplement:
        supplements[name.strip()] = NEW_PRODUCT
    return Choices(args.episode_symptom, args.cramp_symptom, supplements)


def run(args: argparse.Namespace, ctx: Context,
        create: Callable[[], AbstractContextManager[Context]] | None = None) -> int:
    """Preview, then (unless ``--check``) write; ``ctx`` may be an empty in-memory diary,
    standing for one not made yet, which ``create`` makes once there is something to write."""
    choices = _choices(args, ctx)
    plan = read_foreign(ctx, args.path, args.format, choices)
    for line in plan.preview():
        print(line)
    if plan.supplement_rows:
        mapped = {name.casefold() for name in choices.supplements}
        unmapped = sorted(name for name in plan.supplement_rows if name.casefold() not in mapped)
        if unmapped:
            print("  supplements-group foods kept as foods (map them with --supplement "
                  "NAME=PRODUCT or --new-supplement NAME): " + ", ".join(unmapped))
    if args.check:
        print("Nothing was written (--check).")
        return 0
    if ctx.diary.path is None and create is not None:
        with create() as created:
            summary = apply_plan(created, plan)
    else:
        summary = apply_plan(ctx, plan)
    print(f"Imported {args.path}: {summary.total_added} new, {summary.total_present} already "
          "present.")
    for line in summary.describe():
        print(f"  {line}")
    return 0
