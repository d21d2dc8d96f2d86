"""``supplement add|list``: the products a person takes."""

from __future__ import annotations

import argparse

from tracker.cli.common import print_json
from tracker.domain import validation
from tracker.domain.entries import SupplementProduct
from tracker.domain.nutrients import BY_KEY, SUPPLEMENT_NUTRIENTS
from tracker.services import supplements
from tracker.services.context import Context


def register(subparsers: argparse._SubParsersAction) -> None:
    sup = subparsers.add_parser("supplement", help="define supplement products")
    actions = sup.add_subparsers(dest="action", metavar="ACTION", required=True)
    add = actions.add_parser("add", help="add a product with its amounts per unit")
    add.add_argument("name")
    add.add_argument("--unit-label", default="tablet", help="what one unit is (tablet, capsule)")
    for key in SUPPLEMENT_NUTRIENTS:
        if key == "vitamin_d":
            continue
        entry = BY_KEY[key]
        add.add_argument(f"--{key.replace('_', '-')}", metavar=entry.unit.upper(),
                         help=f"{entry.label} per unit in {entry.unit}")
    add.add_argument("--vitamin-d", metavar="AMOUNT", help="vitamin D per unit")
    add.add_argument("--vitamin-d-unit", default="ug", choices=("ug", "IU", "iu"))
    add.set_defaults(handler=_add)
    lst = actions.add_parser("list", help="list products")
    lst.add_argument("--json", action="store_true")
    lst.set_defaults(handler=_list)


def _add(args: argparse.Namespace, ctx: Context) -> int:
    per_unit: dict[str, float] = {}
    for key in SUPPLEMENT_NUTRIENTS:
        raw = getattr(args, key)
        if raw is None:
            continue
        value = validation.parse_number(raw, BY_KEY[key].label, key)
        per_unit[key] = (supplements.vitamin_d_ug(value, args.vitamin_d_unit)
                         if key == "vitamin_d" else value)
    product = supplements.save_product(ctx, SupplementProduct(args.name, per_unit,
                                                              args.unit_label))
    amounts = ", ".join(f"{BY_KEY[k].label} {v:g} {BY_KEY[k].unit}"
                        for k, v in product.per_unit.items())
    print(f"Added {product.name} (per {product.unit_label}: {amounts}).")
    return 0


def _list(args: argparse.Namespace, ctx: Context) -> int:
    items = supplements.products(ctx)
    if args.json:
        print_json([{"id": p.id, "name": p.name, "unit_label": p.unit_label,
                     "per_unit": p.per_unit} for p in items])
        return 0
    for p in items:
        amounts = ", ".join(f"{BY_KEY[k].label} {v:g} {BY_KEY[k].unit}"
                            for k, v in p.per_unit.items())
        print(f"{p.name} (per {p.unit_label}): {amounts}")
    if not items:
        print("No supplements yet; add one with 'supplement add NAME --magnesium 200'.")
    return 0
