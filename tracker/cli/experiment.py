"""``experiment plan|start|status|result|stop|list``: randomised ON/OFF self-experiments."""

from __future__ import annotations

import argparse
import datetime as dt
from typing import Any

from tracker.cli.common import date_arg, print_json
from tracker.domain import validation
from tracker.domain.errors import UserError
from tracker.domain.experiments import plan as plans
from tracker.domain.experiments.schedule import new_seed
from tracker.services import supplements
from tracker.services.context import Context
from tracker.services.experiments import result as results
from tracker.services.experiments import trials as experiments


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser(
        "experiment", help="randomised ON/OFF self-experiments (a supplement, less caffeine, "
                           "more drinks)",
        description="Test one change on yourself: blocks ON and OFF in a random order within "
                    "each pair, then an exact randomisation test of episodes per day.")
    actions = parser.add_subparsers(dest="action", metavar="ACTION", required=True)
    for name, helptext, handler in (("plan", "show what a plan can show, without saving", _plan),
                                    ("start", "save the plan and start the trial", _start)):
        sub = actions.add_parser(name, help=helptext)
        _plan_options(sub)
        sub.set_defaults(handler=handler)
    status = actions.add_parser("status", help="the running trial, today's phase, adherence")
    _common(status)
    status.set_defaults(handler=_status)
    result = actions.add_parser("result", help="the result of a trial (default: the latest)")
    result.add_argument("id", nargs="?", help="trial id (see 'experiment list')")
    _common(result)
    result.set_defaults(handler=_result)
    stop = actions.add_parser("stop", help="stop the running trial early (it is analysed as "
                                           "far as it went) or abandon it")
    stop.add_argument("--abandon", action="store_true",
                      help="keep it in the history but do not analyse it")
    _common(stop)
    stop.set_defaults(handler=_stop)
    listing = actions.add_parser("list", help="every trial")
    _common(listing)
    listing.set_defaults(handler=_list)


def _common(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--json", action="store_true", help="print JSON instead of text")
    parser.add_argument("--today", metavar="YYYY-MM-DD", help=argparse.SUPPRESS)


def _plan_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--kind", required=True, choices=plans.KINDS)
    parser.add_argument("--product", metavar="NAME", help="supplement product to test")
    parser.add_argument("--units", metavar="N", help="units of the product a day when ON")
    parser.add_argument("--limit-mg", metavar="N", help="caffeine limit a day when ON")
    parser.add_argument("--min-ml", metavar="N", help="drinks a day at least, when ON")
    parser.add_argument("--block-days", type=int, choices=plans.BLOCK_LENGTHS,
                        help="days per block (default: 14 for a supplement, else 7)")
    parser.add_argument("--pairs", type=int, default=plans.DEFAULT_PAIRS,
                        help=f"pairs of ON and OFF blocks, {plans.MIN_PAIRS}-{plans.MAX_PAIRS} "
                             f"(default {plans.DEFAULT_PAIRS})")
    parser.add_argument("--start", required=True, metavar="YYYY-MM-DD")
    parser.add_argument("--washin-days", type=int,
                        help="days at the start of each block not counted (default: 3 for a "
                             "supplement, else 1)")
    parser.add_argument("--seed", type=int, help="seed of the random order (default: a new "
                                                  "one, printed)")
    parser.add_argument("--outcome", choices=plans.OUTCOMES, default="episodes",
                        help="what is counted each day (default: every episode)")
    parser.add_argument("--accept-upper-limit", action="store_true",
                        help="start even though the dose is above the magnesium upper limit")
    _common(parser)


def _today(args: argparse.Namespace) -> dt.date:
    return date_arg(args.today) or dt.date.today()


def _number(text: str | None, what: str, field: str) -> float | None:
    return None if text is None else validation.parse_number(text, what, field)


def build_plan(args: argparse.Namespace, ctx: Context) -> plans.TrialPlan:
    product_id = None
    if args.product is not None:
        product_id = supplements.product_named(ctx, args.product).id
    elif args.kind == plans.SUPPLEMENT:
        raise UserError("A supplement trial needs --product NAME and --units N.", "product")
    start = validation.parse_date(args.start, "start")
    return plans.with_defaults(
        args.kind, start, new_seed() if args.seed is None else args.seed,
        block_days=args.block_days, pairs=args.pairs, washin_days=args.washin_days,
        product_id=product_id, units=_number(args.units, "The units", "units"),
        limit_mg=_number(args.limit_mg, "The caffeine limit", "limit_mg"),
        min_ml=_number(args.min_ml, "The drinks minimum", "min_ml"), outcome=args.outcome)


def _plan(args: argparse.Namespace, ctx: Context) -> int:
    summary = results.plan_summary(ctx, build_plan(args, ctx))
    if args.json:
        print_json(summary)
    else:
        print(plan_text(summary))
    return 0


def plan_text(summary: dict[str, Any]) -> str:
    ratio = summary["detectable_rate_ratio"]
    lines = [f"{summary['what']}: {summary['pairs']} pairs of {summary['block_days']}-day "
             f"blocks, {summary['days']} days from {summary['start']} to {summary['end']} "
             f"(seed {summary['seed']}).",
             f"Smallest p-value the test can give: {summary['min_possible_p']:.3g}."]
    if summary["note"]:
        lines.append(summary["note"])
    lines.append("With about 80 % power it can detect episodes falling to "
                 f"{ratio:.2f} times the OFF rate." if ratio is not None else
                 "It has no realistic power to show a difference at p = 0.05.")
    limit = summary["upper_limit"]
    if limit and limit["exceeds"]:
        lines.append(limit["message"])
    return "\n".join(lines)


def _start(args: argparse.Namespace, ctx: Context) -> int:
    plan = build_plan(args, ctx)
    summary = results.plan_summary(ctx, plan)
    trial = experiments.start(ctx, plan, _today(args),
                              accept_upper_limit=args.accept_upper_limit)
    if args.json:
        print_json({**summary, "id": trial.id})
    else:
        print(plan_text(summary))
        print(f"Started; trial id {trial.id}. 'experiment status' shows today's phase.")
    return 0


def _status(args: argparse.Namespace, ctx: Context) -> int:
    found = results.status(ctx, _today(args))
    if args.json:
        print_json(found)
    elif found["id"] is None:
        print(found["message"])
    else:
        share = found["adherence"]["share"]
        print(f"{found['what']} ({found['start']} to {found['end']}).")
        print(found["banner"] or "Not in the schedule today.")
        print("Adherence so far: " + ("no logged days yet" if share is None
                                      else f"{100 * share:.0f} % of logged days"))
    return 0


def _result(args: argparse.Namespace, ctx: Context) -> int:
    found = results.result(ctx, args.id, _today(args))
    if args.json:
        print_json(found)
        return 0
    print(f"{found['what']}: {found['status']}, {found['pairs_completed']} of "
          f"{found['pairs_planned']} pairs completed.")
    print(found["message"])
    for caveat in found["caveats"]:
        print(f"- {caveat}")
    return 0


def _stop(args: argparse.Namespace, ctx: Context) -> int:
    trial = experiments.stop(ctx, _today(args), abandon=args.abandon)
    if args.json:
        print_json({"id": trial.id, "status": trial.status,
                    "stopped_on": trial.stopped_on.isoformat() if trial.stopped_on else None})
    elif args.abandon:
        print("Abandoned; the trial is kept in the history but not analysed.")
    else:
        print("Stopped; 'experiment result' analyses the pairs completed so far.")
    return 0


def _list(args: argparse.Namespace, ctx: Context) -> int:
    rows = results.list_rows(ctx, _today(args))
    if args.json:
        print_json(rows)
        return 0
    for row in rows:
        print(f"{row['id']}  {row['start']} to {row['end']}  {row['status']:9}  {row['what']}")
    if not rows:
        print("No self-experiments yet; 'experiment plan --help' shows how to plan one.")
    return 0
