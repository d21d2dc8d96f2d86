"""Power, honesty and confounding of the relationship analysis on simulated diaries.

Each cell simulates ``--diaries`` people and runs the full analysis on each
diary, as ``analyze`` does. Two worlds, both written independently of the
analysis (no import from tracker.analysis):

- ``--world goal`` (default; tests/goal_world.py): the world the issue states its
  goals in. Episodes negative binomial, 1 a day unexposed, variance = mean +
  0.2 × mean²; 10 % of days unlogged in lapses of 1–3 days, day factors on 95 %
  of logged days, intake read with 5 % error; magnesium, calcium and potassium
  below target in runs of 3–10 days (at or above in runs of 3–10); vitamin D
  and B12 below target in runs of 3–8 weeks (a supplement stopped and started,
  a season), days lognormal with sd 0.5 around the run's level; drinks below
  target in runs of 1–3 days (other runs 2–4), caffeine over the limit 1–3
  (2–5), short sleep 1–3 (2–5), stress 4–5 1–3 (3–6); alcohol of 14 g or more
  on Fridays and Saturdays with chance 0.6, other days 0.08; hard exercise
  (60–120 min) on 25 % of days, rest on 30 %. The true window and lag of an
  effect are drawn per diary around the pre-specified ones (``TRUE_TIMINGS``:
  for magnesium 2, 3 or 4 days ending the day before, or 3 days ending the
  same day or two days before; for vitamin D 21, 28 or 35 days; for caffeine
  the same day or the mean of that day and the day before). Confounded
  scenarios: heavy-coffee stretches of 3–8 days on which magnesium is 50
  points of target lower; stressful days take 1.5 h off that night's sleep
  and 0.5 h off the next.
- ``--world robust`` (tests/simulated_diaries.py): a harsher world kept as a
  robustness check: episodes with their own weekly rhythm, seasonal drift and
  day-to-day persistence (gamma-mixed Poisson, shape 2–5), 70–95 % of days
  logged, intake read with 10 % error, exposures that move together.

The table counts diaries per cell:

- doubling at 120 days, for each of the eleven exposures in turn: how often that
  exposure is flagged (goal: at least 80 %);
- fourfold at 90 days, likewise (goal: at least 80 %);
- no effect at 30, 90, 180 and 365 days: how often *anything* is flagged
  (goal: at most 5 %);
- caffeine driving episodes while heavy-coffee days are low-magnesium days, and
  stress driving episodes while stressful days come with short nights, 180 days:
  how often the driver is flagged and the bystander is not (goal: at least 80 %);
- the same doubling at 180 and 365 days, to show how long a doubling takes
  (``longer``), and doubling and fourfold with the true timing equal to the
  pre-specified one (``exact``), to tell the cost of a timing the analysis did
  not guess from the method's own.

Beside each driver cell, two bounds count the diaries in which an analysis that
knew the true exposure on every day would find it: a plain comparison with
nothing adjusted, and the app's own model and flag rule (see ``_bounds``).

Seeds are fixed, so a run is reproducible; ``--workers`` spreads diaries over
processes (the figures do not depend on it).

Run: .venv/bin/python benchmarks/bench_relationship_power.py --diaries 200 --workers 2
"""

from __future__ import annotations

import argparse
import math
import statistics
import sys
import time
from collections.abc import Iterable
from dataclasses import dataclass
from multiprocessing import Pool
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests import goal_world, simulated_diaries
from tests.simulated_diaries import (
    DOCUMENTED_TIMINGS,
    EXPOSURE_KEYS,
    Driver,
    Scenario,
    SimulatedDiary,
)

WORLDS = {"goal": goal_world.simulate, "robust": simulated_diaries.simulate}


@dataclass(frozen=True)
class Cell:
    name: str
    days: int
    scenario: Scenario
    goal: str  # "flag KEY", "none", "KEY not OTHER"
    target: float  # share of diaries meeting the goal needed
    at_least: bool  # True: share >= target is the goal; False: share <= target
    seed: int


def _cells(which: set[str]) -> list[Cell]:
    cells: list[Cell] = []
    for i, key in enumerate(EXPOSURE_KEYS):
        if "double" in which:
            cells.append(Cell(f"doubling, {key}, 120 days", 120,
                              Scenario((Driver(key, 2.0),)), f"flag {key}", 0.8, True,
                              100_000 + 1000 * i))
        if "four" in which:
            cells.append(Cell(f"fourfold, {key}, 90 days", 90,
                              Scenario((Driver(key, 4.0),)), f"flag {key}", 0.8, True,
                              200_000 + 1000 * i))
    for i, key in enumerate(EXPOSURE_KEYS):
        exact = DOCUMENTED_TIMINGS[key]
        if "exact" in which:
            cells.append(Cell(f"doubling, {key}, 120 days, true timing = pre-specified", 120,
                              Scenario((Driver(key, 2.0, *exact),)), f"flag {key}", 0.8, True,
                              150_000 + 1000 * i))
            cells.append(Cell(f"fourfold, {key}, 90 days, true timing = pre-specified", 90,
                              Scenario((Driver(key, 4.0, *exact),)), f"flag {key}", 0.8, True,
                              250_000 + 1000 * i))
    if "null" in which:
        for days in (30, 90, 180, 365):
            cells.append(Cell(f"no effect, {days} days: anything flagged", days, Scenario(),
                              "none", 0.05, False, 300_000 + days))
    if "confound" in which:
        # The driver triples the rate: a strong driver makes the bystander's
        # borrowed association stronger, so this is the harder case for adjustment.
        cells.append(Cell("caffeine drives, heavy-coffee days low in magnesium, 180 days",
                          180, Scenario((Driver("caffeine", 3.0, 1, 0),),
                                        coffee_skips_magnesium=True),
                          "caffeine not magnesium", 0.8, True, 400_000))
        cells.append(Cell("stress drives, stressful days with short nights, 180 days",
                          180, Scenario((Driver("stress", 3.0, 1, 0),), stress_cuts_sleep=True),
                          "stress not sleep", 0.8, True, 401_000))
    if "longer" in which:
        for days in (180, 365):
            for i, key in enumerate(EXPOSURE_KEYS):
                cells.append(Cell(f"doubling, {key}, {days} days", days,
                                  Scenario((Driver(key, 2.0),)), f"flag {key}", 0.8, True,
                                  500_000 + 10 * days + 1000 * i))
    return cells


def _run_one(job: tuple[str, int, int, Scenario]) -> tuple[frozenset[str], bool, bool]:
    """What the app flags, and whether each bound finds the driver (see ``_bounds``)."""
    from tracker.analysis.relationship import analyze_relationships

    world, days, seed, scenario = job
    diary = WORLDS[world](days, seed, scenario)
    result = analyze_relationships(diary.frame)
    flagged = frozenset(k for k, v in result["exposures"].items() if v["flagged"])
    return flagged, *_bounds(diary)


def _bounds(diary: SimulatedDiary) -> tuple[bool, bool]:
    """Would an analysis that knew the true exposure on every day find the driver?

    Two answers, both at the flag rule's threshold (one-sided, 0.04 / 11):

    - *unadjusted*: a quasi-Poisson comparison of episodes on truly exposed and
      other days, every day of the period, nothing adjusted. No method working
      from the diary can do better, so it shows how much of a shortfall in
      power is the data's and how much the method's.
    - *in the app's model*: the app's whole analysis (adjustment, standard
      errors, Holm, the flag rule) with the driver's true exposure put in place
      of the one read from the diary (for an acute exposure, without the second
      timing the diary's reading gets: the truth is already at its own timing).
      It shows what the required adjustment and an honest test cost on their
      own, with the timing and the reading perfect.
    """
    import warnings

    import numpy as np
    from statsmodels.genmod.families import Poisson
    from statsmodels.genmod.generalized_linear_model import GLM

    from tracker.analysis.relationship import ALPHA, PRIMARY_TESTS, analyze_relationships

    if not diary.true_exposed:
        return False, False
    key, exposed = next(iter(diary.true_exposed.items()))
    exposed = exposed.astype(float)
    y = diary.frame["episodes"].to_numpy(dtype=float)
    if exposed.min() == exposed.max():
        return False, False
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        fit = GLM(y, np.column_stack([np.ones(len(y)), exposed]), family=Poisson()).fit(
            scale="X2")
    z = float(fit.params[1] / fit.bse[1])
    unadjusted = z > statistics.NormalDist().inv_cdf(1 - ALPHA / PRIMARY_TESTS)
    in_model = analyze_relationships(diary.frame, known_states={key: exposed})
    return unadjusted, bool(in_model["exposures"][key]["flagged"])


def _share(count: int, of: int) -> str:
    return f"{count}/{of} ({count / of:.0%})"


def _meets(goal: str, flagged: frozenset[str]) -> bool:
    words = goal.split()
    if words[0] == "flag":
        return words[1] in flagged
    if words[0] == "none":
        return bool(flagged)  # counted: diaries with any flag
    return words[0] in flagged and words[2] not in flagged


def _bystander(goal: str, flagged: frozenset[str]) -> bool:
    words = goal.split()
    return len(words) == 3 and words[2] in flagged


MIN_GROUP_CHOICES = (10, 20)
SIDE_BINS = ((10, 14), (15, 19), (20, 29), (30, 49), (50, 10_000))


def _null_one(job: tuple[str, int, int]
              ) -> tuple[list[tuple[int, float, bool]], dict[int, bool]]:
    """Per test (smaller side, one-sided p) at the lowest minimum; any flag per minimum."""
    from tracker.analysis.relationship import analyze_relationships

    world, days, seed = job
    frame = WORLDS[world](days, seed, Scenario()).frame
    tests: list[tuple[int, float, bool]] = []
    any_flag: dict[int, bool] = {}
    for minimum in MIN_GROUP_CHOICES:
        result = analyze_relationships(frame, min_group=minimum)["exposures"]
        any_flag[minimum] = any(v["flagged"] for v in result.values())
        if minimum == MIN_GROUP_CHOICES[0]:
            tests = [(min(v["shortfall_days"], v["adequate_days"]), v["p_value"],
                      v["adjusted_rate_ratio"] > 1)
                     for v in result.values() if v["p_value"] is not None]
    return tests, any_flag


def null_study(world: str, diaries: int, workers: int, offset: int) -> None:
    """Why the minimum days per side is what it is: false positives with no effect.

    Per test, by the size of the smaller side: the share of one-sided p-values
    under 0.05 and under 0.05 / 11 (what they should be with an honest test);
    per diary, the share with any flag for each candidate minimum.
    """
    print(f"{world} world: {diaries} diaries with no effect per length, "
          f"seed offset {offset}\n")
    by_bin = {b: [0, 0, 0, 0] for b in SIDE_BINS}
    print(f"| days | {' | '.join(f'any flag, min {m}' for m in MIN_GROUP_CHOICES)} |")
    print(f"| --- | {' | '.join('---' for _ in MIN_GROUP_CHOICES)} |")
    with Pool(workers) as pool:
        for days in (30, 90, 180, 365):
            runs = pool.map(_null_one, [(world, days, 600_000 + days + offset + i)
                                        for i in range(diaries)], chunksize=4)
            for tests, _ in runs:
                for side, p, up in tests:
                    for low, high in SIDE_BINS:
                        if low <= side <= high:
                            by_bin[(low, high)][0] += 1
                            by_bin[(low, high)][1] += p < 0.05
                            by_bin[(low, high)][2] += p < 0.05 / 11
                            by_bin[(low, high)][3] += p < 0.05 / 11 and up
            counts = [sum(flags[m] for _, flags in runs) for m in MIN_GROUP_CHOICES]
            cells = " | ".join(f"{c}/{diaries} ({c / diaries:.1%})" for c in counts)
            print(f"| {days} | {cells} |", flush=True)
    print("\n| smaller side (days) | tests | p < 0.05 (expect 5 %) "
          "| p < 0.05/11 (expect 0.45 %) |")
    print("| --- | --- | --- | --- |")
    for (low, high), (n, at05, at_holm, _) in by_bin.items():
        if n:
            label = f"{low}–{high}" if high < 10_000 else f"{low}+"
            print(f"| {label} | {n} | {at05} ({at05 / n:.1%}) | {at_holm} ({at_holm / n:.2%}) |")


def _phi_one(job: tuple[str, int, int]) -> list[float]:
    from tracker.analysis.power import inflation_from_fit
    from tracker.analysis.relationship import analyze_relationships

    world, days, seed = job
    result = analyze_relationships(WORLDS[world](days, seed, Scenario()).frame)
    dispersion = result["model"]["dispersion"]
    out = []
    for v in result["exposures"].values():
        low, high = v["adjusted_ci95"] or (None, None)
        if low is None or high is None or not dispersion:
            continue
        se = (math.log(high) - math.log(low)) / (2 * 1.96)
        phi = inflation_from_fit(se, v["shortfall_days"] * v["episodes_per_day_shortfall"],
                                 v["adequate_days"] * v["episodes_per_day_adequate"])
        if math.isfinite(phi):
            out.append(phi / dispersion)
    return out


def phi_study(world: str, diaries: int, workers: int) -> None:
    """The adjustment cost ``power.ADJUSTMENT_COST`` stands for: the median ratio of the
    adjusted model's variance to the overdispersion-only one, in 180-day diaries."""
    with Pool(workers) as pool:
        runs = pool.map(_phi_one, [(world, 180, 700_000 + i) for i in range(diaries)], chunksize=4)
    ratios = sorted(r for run in runs for r in run)
    print(f"{len(ratios)} tested exposures in {diaries} diaries of 180 days: median "
          f"{statistics.median(ratios):.2f}, quartiles {ratios[len(ratios) // 4]:.2f}–"
          f"{ratios[3 * len(ratios) // 4]:.2f}")


def _level_one(job: tuple[str, int, int, int]) -> tuple[int, int, int]:
    """One diary's design with fresh no-effect episodes ``draws`` times: tests, p < 0.05/11,
    and draws with any p < 0.05/11 (what Holm at 5 % would flag)."""
    from dataclasses import replace

    import numpy as np

    from tracker.analysis import count_model
    from tracker.analysis.design import build_design, primary_exposures
    from tracker.analysis.exposures import EXPOSURES, normalise

    world, days, seed, draws = job
    daily = normalise(WORLDS[world](days, seed, Scenario()).frame)
    design = build_design(daily, primary_exposures(daily), tuple(e.key for e in EXPOSURES))
    rng = np.random.default_rng(seed)
    tests = low = anything = 0
    for _ in range(draws):
        # Negative binomial, mean 1, variance 1.2: the goal world's episodes.
        fitted = count_model.fit(replace(design, y=rng.negative_binomial(
            5, 5 / 6, len(design.y)).astype(float)))
        if fitted is None:
            continue
        p = [e.p_more for e in fitted.estimates.values()]
        tests += len(p)
        low += sum(v < 0.05 / 11 for v in p)
        anything += min(p, default=1.0) < 0.05 / 11
    return tests, low, anything


def level_study(world: str, diaries: int, workers: int) -> None:
    """Is the test at its level? Each diary's model refitted to fresh no-effect episodes."""
    draws = 10
    print(f"{world} world: {diaries} diaries x {draws} fresh no-effect episode series\n")
    print("| days | tests | one-sided p < 0.05/11 (expect 0.45 %) "
          "| series with any (Holm at 5 %: expect 4.9 %) |")
    print("| --- | --- | --- | --- |")
    with Pool(workers) as pool:
        for days in (120, 365):
            runs = pool.map(_level_one, [(world, days, 800_000 + days + i, draws)
                                         for i in range(diaries)], chunksize=4)
            tests, low, anything = (sum(r[i] for r in runs) for i in range(3))
            series = diaries * draws
            print(f"| {days} | {tests} | {low} ({low / tests:.2%}) "
                  f"| {anything}/{series} ({anything / series:.1%}) |", flush=True)


def main(argv: Iterable[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--diaries", type=int, default=200, help="diaries per cell")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--null-diaries", type=int, default=0,
                        help="diaries per no-effect cell (default: --diaries)")
    parser.add_argument("--world", choices=sorted(WORLDS), default="goal",
                        help="goal: the world the issue states its goals in "
                             "(tests/goal_world.py); robust: the harsher one "
                             "(tests/simulated_diaries.py)")
    parser.add_argument("--seed-offset", type=int, default=0,
                        help="added to every seed (a fresh, equally fixed sample)")
    parser.add_argument("--cells", default="double,four,null,confound",
                        help="comma-separated: double, four, null, confound, longer, exact")
    parser.add_argument("--null-study", action="store_true",
                        help="instead: false positives by group size and minimum group size")
    parser.add_argument("--level", action="store_true",
                        help="instead: the test's level on the diaries' own designs")
    parser.add_argument("--phi", action="store_true",
                        help="instead: the adjustment cost used before a model is fitted")
    args = parser.parse_args(list(argv) if argv is not None else None)
    if args.phi:
        phi_study(args.world, args.diaries, args.workers)
        return 0
    if args.level:
        level_study(args.world, args.diaries, args.workers)
        return 0
    if args.null_study:
        null_study(args.world, args.diaries, args.workers, args.seed_offset)
        return 0
    cells = _cells(set(args.cells.split(",")))
    failures = 0
    start = time.perf_counter()
    print(f"{args.world} world, {args.diaries} diaries per cell, "
          f"seed offset {args.seed_offset}")
    if args.world == "goal":
        print("\n".join(f"  {line}" for line in goal_world.parameters()))
    print()
    print(f"| {'scenario':<62} | {'result':<26} | goal | met "
          "| true exposure known, unadjusted | true exposure in the app's model |")
    print(f"| {'-' * 62} | {'-' * 26} | ---- | --- | --- | --- |")
    with Pool(args.workers) as pool:
        for cell in cells:
            diaries = args.null_diaries if cell.goal == "none" and args.null_diaries \
                else args.diaries
            jobs = [(args.world, cell.days, cell.seed + args.seed_offset + i, cell.scenario)
                    for i in range(diaries)]
            results = pool.map(_run_one, jobs, chunksize=4)
            hits = sum(_meets(cell.goal, flagged) for flagged, _, _ in results)
            share = hits / diaries
            met = share >= cell.target if cell.at_least else share <= cell.target
            failures += not met
            goal = f"{'≥' if cell.at_least else '≤'} {cell.target:.0%}"
            extra = ""
            if cell.goal.count(" ") == 2:
                wrong = sum(_bystander(cell.goal, flagged) for flagged, _, _ in results)
                extra = f"; {cell.goal.split()[2]} wrongly flagged {wrong}"
            text = f"{hits}/{diaries} ({share:.1%}){extra}"
            bounds = [_share(sum(r[i] for r in results), diaries)
                      if cell.scenario.drivers else "–" for i in (1, 2)]
            print(f"| {cell.name:<62} | {text:<26} | {goal} | {'yes' if met else 'NO'} "
                  f"| {bounds[0]} | {bounds[1]} |", flush=True)
    print(f"\n{len(cells) - failures} of {len(cells)} goals met "
          f"({time.perf_counter() - start:.0f} s)")
    return 0 if failures == 0 else 1


if __name__ == "__main__":
    raise SystemExit(main())
