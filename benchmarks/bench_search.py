"""Time food search per keystroke: on SR28, and on a generated 1,000,000-food reference.

Run: .venv/bin/python benchmarks/bench_search.py [--foods N] [--skip-large]

Targets: p95 <= 10 ms per query on SR28 and <= 50 ms on the large database,
measured in process after a warm-up. The large database is generated once
(SR28 words recombined under invented brand names) and cached in the temp dir.
"""

from __future__ import annotations

import argparse
import hashlib
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Iterator, Mapping
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from food_db.loader import iter_foods
from tests.search_cases import CASES
from tracker.domain.foods import Food
from tracker.storage.food_reference import FoodReference
from tracker.storage.food_reference_build import build, schema_signature

SR28_TARGET_MS = 10.0
LARGE_TARGET_MS = 50.0
LARGE_FOODS = 1_000_000
RUNS = 15
GENERATOR_VERSION = 1
_SYLLABLES = ("ka", "lo", "mi", "ra", "ven", "to", "zu", "bel", "dor", "fi", "gra", "hu",
              "nor", "pa", "qui", "sel", "tam", "vi", "wex", "yo")

# What people type: whole words, words cut short while typing, typos, several words.
TYPING = ("m", "mi", "mil", "ch", "chi", "chick", "b", "ba", "ban", "s", "sp", "spin",
          "whole m", "chicken br", "peanut but", "orange j")
TYPOS = ("spinich", "bananna", "brocoli", "avocaod", "strawberies", "orange juise")
QUERIES = tuple(dict.fromkeys([c.query for c in CASES] + list(TYPING) + list(TYPOS)))


def _brands(rng: random.Random, count: int) -> list[str]:
    brands: set[str] = set()
    while len(brands) < count:
        parts = rng.randint(2, 4)
        brands.add("".join(rng.choice(_SYLLABLES) for _ in range(parts)).upper())
    return sorted(brands)


def generated_foods(total: int, seed: int = 28) -> Iterator[Food]:
    """SR28 itself, then branded foods made of SR28 description parts, ``total`` in all."""
    base = list(iter_foods())
    yield from base
    rng = random.Random(seed)
    brands = _brands(rng, 5000)
    for number in range(total - len(base)):
        food = rng.choice(base)
        parts = [p.strip() for p in food.name.split(",") if p.strip()]
        kept = [parts[0]] + [p for p in parts[1:] if rng.random() < 0.6]
        if rng.random() < 0.5:
            other = rng.choice(base).name.split(",")
            kept.append(f"with {rng.choice(other).strip().lower()}")
        name = ", ".join([rng.choice(brands), *kept])
        yield Food(f"gen:{number:07d}", name, food.group, food.nutrients, food.portions,
                   survey=False, beverage=food.beverage)


def large_reference(total: int) -> Path:
    """Path of the generated database, built on first use and then reused."""
    folder = Path(tempfile.gettempdir()) / "nutrient-tracker-bench"
    signature = hashlib.sha256(schema_signature().encode()).hexdigest()[:12]
    tag = f"v{GENERATOR_VERSION}-{total}-{signature}"
    path = folder / f"generated-{tag}.sqlite3"
    if not path.exists():
        print(f"generating {total:,} foods into {path} ...", flush=True)
        start = time.perf_counter()
        build(path, generated_foods(total), fingerprint=tag)
        print(f"built in {time.perf_counter() - start:.1f} s", flush=True)
    else:
        print(f"reusing {path}")
    return path


def measure(ref: FoodReference, boosts: Mapping[str, float] | None) -> dict[str, list[float]]:
    for query in QUERIES:  # warm-up: page cache, vocabulary, statement cache
        ref.search(query, 20, boosts)
    times: dict[str, list[float]] = {q: [] for q in QUERIES}
    for _ in range(RUNS):
        for query in QUERIES:
            start = time.perf_counter()
            ref.search(query, 20, boosts)
            times[query].append((time.perf_counter() - start) * 1000)
    return times


def p95(values: list[float]) -> float:
    return statistics.quantiles(values, n=20, method="inclusive")[-1]


def report(label: str, ref: FoodReference, target_ms: float, verbose: bool) -> bool:
    rng = random.Random(5)
    sr28_ids = [f.id for f in iter_foods()]
    boosts = {food_id: rng.random() for food_id in rng.sample(sr28_ids, 150)}
    ok = True
    for boost_label, boost in (("no boosts", None), ("150 boosted foods", boosts)):
        times = measure(ref, boost)
        if verbose:
            print(f"\n{label}, {boost_label}: per query over {RUNS} runs (ms)")
            print(f"  {'query':<22} {'p50':>7} {'p95':>7}")
            for query, values in times.items():
                print(f"  {query!r:<22} {statistics.median(values):7.2f} {p95(values):7.2f}")
        every = [v for values in times.values() for v in values]
        worst = max(times, key=lambda q: p95(times[q]))
        print(f"{label}, {boost_label}: all {len(every)} searches p50 "
              f"{statistics.median(every):.2f} ms, p95 {p95(every):.2f} ms; slowest query "
              f"{worst!r} p95 {p95(times[worst]):.2f} ms (target p95 <= {target_ms:g} ms)")
        ok = ok and p95(every) <= target_ms
    return ok


def bench_lookups(ref: FoodReference) -> None:
    ids = [f.id for f in iter_foods()]
    sample = random.Random(7).sample(ids, 1000)
    start = time.perf_counter()
    found = ref.get_many(sample)
    print(f"get_many of {len(found)} foods: {(time.perf_counter() - start) * 1000:.1f} ms")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--foods", type=int, default=LARGE_FOODS, help="size of the large db")
    parser.add_argument("--skip-large", action="store_true")
    parser.add_argument("--quiet", action="store_true", help="summary lines only")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as cache:
        start = time.perf_counter()
        FoodReference.open(Path(cache)).close()
        print(f"SR28 reference built in {time.perf_counter() - start:.2f} s")
        opens = []
        for _ in range(20):
            start = time.perf_counter()
            ref = FoodReference.open(Path(cache))
            opens.append((time.perf_counter() - start) * 1000)
            ref.close()
        print(f"opening the built SR28 reference: median {statistics.median(opens):.2f} ms")
        with FoodReference.open(Path(cache)) as ref:
            ok = report("SR28", ref, SR28_TARGET_MS, not args.quiet)
            bench_lookups(ref)
    if not args.skip_large:
        path = large_reference(args.foods)
        with FoodReference.open_file(path) as ref:
            print(f"large reference: {ref.count():,} foods, "
                  f"{path.stat().st_size / 2**20:.0f} MiB")
            ok = report(f"{args.foods:,} foods", ref, LARGE_TARGET_MS, not args.quiet) and ok
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
