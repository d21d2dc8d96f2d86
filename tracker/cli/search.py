"""``search QUERY...``: find foods as the search box does, for scripts and quick look-ups."""

from __future__ import annotations

import argparse

from tracker.cli.common import print_json
from tracker.domain.foods import FoodHit
from tracker.services.context import Context
from tracker.services.foods import catalog as foods

_NAME_WIDTH = 70


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    cmd = subparsers.add_parser(
        "search", help="search foods (SR28 and your own)",
        description="Search foods. Each QUERY is one search; quote multi-word queries.")
    cmd.add_argument("queries", nargs="+", metavar="QUERY")
    cmd.add_argument("--limit", type=int, default=10, help="results per query (default 10)")
    cmd.add_argument("--json", action="store_true", help="one JSON line per query")
    cmd.set_defaults(handler=_search)


def _as_json(hit: FoodHit) -> dict[str, object]:
    return {"id": hit.id, "name": hit.name, "group": hit.group, "score": round(hit.score, 3),
            "common_names": list(hit.common_names)}


def _search(args: argparse.Namespace, ctx: Context) -> int:
    limit = max(0, min(args.limit, 1000))
    for query in args.queries:
        hits = foods.search_foods(ctx, query, limit)
        if args.json:
            print_json({"query": query, "results": [_as_json(hit) for hit in hits]})
            continue
        print(f"{query}:")
        if not hits:
            print("  no foods found")
        for hit in hits:
            name = hit.name if len(hit.name) <= _NAME_WIDTH else hit.name[:_NAME_WIDTH - 1] + "…"
            print(f"  {hit.id:<40} {name:<{_NAME_WIDTH}}  {hit.group}")
    return 0
