"""``profile set|show`` and ``target set``: who the reference intakes are chosen for."""

from __future__ import annotations

import argparse

from tracker.cli.common import print_json
from tracker.domain import validation
from tracker.domain.entries import LIFE_STAGES, REFERENCE_SETS, SEXES, Profile
from tracker.domain.errors import UserError
from tracker.domain.reference import reference_set_name
from tracker.services import profile
from tracker.services.context import Context


def register(subparsers: argparse._SubParsersAction) -> None:
    prof = subparsers.add_parser("profile", help="sex, birth date and life stage")
    actions = prof.add_subparsers(dest="action", metavar="ACTION", required=True)
    set_ = actions.add_parser("set", help="set the profile")
    set_.add_argument("--sex", required=True, choices=SEXES)
    set_.add_argument("--birth-date", required=True, metavar="YYYY-MM-DD")
    set_.add_argument("--life-stage", default="general", choices=LIFE_STAGES)
    set_.add_argument("--reference", choices=REFERENCE_SETS, default=None,
                      help="reference intakes: dri (US/Canadian DRI) or efsa (EFSA Dietary "
                           "Reference Values); default: keep the current one, else dri")
    set_.set_defaults(handler=_set)
    show = actions.add_parser("show", help="print the profile")
    show.add_argument("--json", action="store_true")
    show.set_defaults(handler=_show)

    target = subparsers.add_parser("target", help="set your own daily target for a nutrient")
    target.add_argument("nutrient", help="e.g. magnesium, vitamin_d, water_total, drinks")
    target.add_argument("value", help="amount in the nutrient's unit, or 'default'")
    target.set_defaults(handler=_target)


def _set(args: argparse.Namespace, ctx: Context) -> int:
    birth = validation.parse_date(args.birth_date, "birth_date")
    current = profile.get_profile(ctx)
    reference = args.reference or (current.reference_set if current else "dri")
    saved = profile.set_profile(ctx, Profile(args.sex, birth, args.life_stage, reference))
    print(f"Profile saved: {saved.sex}, born {saved.birth_date}, {saved.life_stage}; "
          f"targets from the {reference_set_name(saved.reference_set)}.")
    return 0


def _show(args: argparse.Namespace, ctx: Context) -> int:
    current = profile.get_profile(ctx)
    if current is None:
        raise UserError("No profile yet; set one with 'profile set --sex ... --birth-date ...'.")
    data = {"sex": current.sex, "birth_date": current.birth_date.isoformat(),
            "life_stage": current.life_stage, "reference_set": current.reference_set,
            "targets": profile.target_overrides(ctx)}
    if args.json:
        print_json(data)
    else:
        print(f"{current.sex}, born {current.birth_date}, {current.life_stage}; "
              f"{reference_set_name(current.reference_set)}")
    return 0


def _target(args: argparse.Namespace, ctx: Context) -> int:
    value = None if args.value.strip().lower() == "default" else args.value
    profile.set_target_override(ctx, args.nutrient, value)
    print(f"Target for {args.nutrient} set to {args.value}.")
    return 0
