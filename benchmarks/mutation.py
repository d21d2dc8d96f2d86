"""Mutation score of the modules where a wrong number reaches a person.

    python benchmarks/mutation.py [--jobs 2] [--fresh] [--survivors] [MODULE ...]

Runs mutmut (configured under ``[tool.mutmut]`` in pyproject.toml; install it with
``pip install -e '.[mutation]'``) and prints, per module, how many mutants there
were, how many the tests killed, how many survived, and the score: killed (a
timeout counts as killed) over all mutants, a mutant no test reaches counting
as a survivor. A module passes at 85 %. Survivors reviewed and found to change
nothing a person could see are listed in ``benchmarks/mutation_equivalents.md``;
they are shown in their own column but still count against the score.

mutmut works on a copy of the sources under ``mutants/`` and runs the tests from
there, so the tests' paths beside the checkout (``resources/``, ``../shared``)
would point into that copy. The run therefore happens in a scratch folder,
``benchmarks/.cache/mutation``, holding copies of the sources and tests and a
link to the shared data, laid out as they are beside the checkout. Results are
kept there between runs: a second run only tests the functions that changed.

Too slow for CI on two cores (about 20-40 minutes for every module); run it by
hand after changing one of these modules or its tests. MODULE narrows the run to
the modules whose name or path contains it (``rotation``, ``analysis``);
``--rerun-survivors`` tests only the last run's unlisted survivors again, after
new tests were written for them.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WORK = ROOT / "benchmarks" / ".cache" / "mutation"
EQUIVALENTS = ROOT / "benchmarks" / "mutation_equivalents.md"
GOAL = 85.0

# The modules as issue 15 names them, and the files that hold them now.
MODULES: tuple[tuple[str, str], ...] = (
    ("domain/nutrients", "tracker/domain/nutrients.py"),
    ("domain/reference", "tracker/domain/reference.py"),
    ("domain/amounts", "tracker/domain/amounts.py"),
    ("domain/validation", "tracker/domain/validation.py"),
    ("domain/rotation", "tracker/domain/rotation.py"),
    ("analysis/totals", "tracker/analysis/totals.py"),
    ("analysis/intake", "tracker/analysis/intake.py"),
    # The tests and correction behind a flagged finding, and the adjusted model
    # whose p-values they receive.
    ("analysis/inference", "tracker/analysis/inference.py"),
    ("analysis/inference", "tracker/analysis/count_model.py"),
    ("analysis/exposures", "tracker/analysis/exposures.py"),
    ("services/bundle_csv", "tracker/services/transfer/bundle_csv.py"),
    ("services/import_cells", "tracker/services/transfer/import_cells.py"),
)

KILLED = {1, 3, 36, 24, -24, 152, 255}  # a failing test, pytest's internal error, a timeout
TIMEOUT = {36, 24, -24, 152, 255}
SURVIVED = {0}
NO_TESTS = {5, 33}
SKIPPED = {34}


@dataclass
class Score:
    issue_name: str
    path: str
    mutants: int = 0
    killed: int = 0
    timeout: int = 0
    survived: int = 0
    no_tests: int = 0
    other: int = 0  # not checked, suspicious, segfault
    equivalent: int = 0

    @property
    def score(self) -> float:
        return 100.0 * self.killed / self.mutants if self.mutants else 0.0


def _mutant_module(mutant: str) -> str:
    """``tracker.domain.rotation`` for ``tracker.domain.rotation.x_backup_due__mutmut_3``."""
    return mutant.rsplit(".", 1)[0] if "." in mutant else mutant


def _module_of(path: str) -> str:
    return path.removesuffix(".py").replace("/", ".")


def equivalents() -> set[str]:
    """Mutant names listed in the equivalents file (the first backticked word of a line)."""
    if not EQUIVALENTS.is_file():
        return set()
    names = set()
    for line in EQUIVALENTS.read_text(encoding="utf-8").splitlines():
        if line.startswith("- `") and "`" in line[3:]:
            names.add(line[3:line.index("`", 3)])
    return names


def prepare(fresh: bool) -> None:
    """The scratch folder: sources, tests and tables as beside the checkout."""
    if fresh and WORK.exists():
        shutil.rmtree(WORK)
    WORK.mkdir(parents=True, exist_ok=True)
    for name in ("tracker", "tests", "resources"):
        target = WORK / name
        # copy2 keeps modification times, by which mutmut sees an unchanged file.
        shutil.copytree(ROOT / name, target, dirs_exist_ok=True, copy_function=shutil.copy2,
                        ignore=shutil.ignore_patterns("__pycache__"))
        _remove_stale(ROOT / name, target)
    shutil.copy2(ROOT / "pyproject.toml", WORK / "pyproject.toml")
    shared = WORK / "shared"
    if not shared.exists():
        shared.symlink_to((ROOT.parent / "shared").resolve())


def _remove_stale(source: Path, copy: Path) -> None:
    """Files deleted or moved in the checkout leave the copy too (and its mutants)."""
    for path in sorted(copy.rglob("*.py"), reverse=True):
        if not (source / path.relative_to(copy)).exists():
            path.unlink()
            mutated = WORK / "mutants" / path.relative_to(WORK)
            for leftover in (mutated, mutated.with_name(mutated.name + ".meta")):
                leftover.unlink(missing_ok=True)


def run_mutmut(jobs: int, patterns: list[str], log: Path) -> int:
    mutmut = Path(sys.executable).with_name("mutmut")
    if not mutmut.exists():
        sys.exit("mutmut is not installed: pip install -e '.[mutation]'")
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    with log.open("w", encoding="utf-8") as out:
        done = subprocess.run([str(mutmut), "run", "--max-children", str(jobs), *patterns],
                              cwd=WORK, env=env, stdout=out, stderr=subprocess.STDOUT,
                              check=False)
    return done.returncode


def scores(selected: list[tuple[str, str]]) -> list[Score]:
    listed = equivalents()
    out = []
    for issue_name, path in selected:
        score = Score(issue_name, path)
        meta = WORK / "mutants" / (path + ".meta")
        if meta.is_file():
            codes = json.loads(meta.read_text(encoding="utf-8"))["exit_code_by_key"]
            for mutant, code in codes.items():
                if _mutant_module(mutant) != _module_of(path):
                    continue
                if code in SKIPPED:
                    continue
                score.mutants += 1
                if code in KILLED:
                    score.killed += 1
                    score.timeout += code in TIMEOUT
                elif code in SURVIVED:
                    score.survived += 1
                    score.equivalent += mutant in listed
                elif code in NO_TESTS:
                    score.no_tests += 1
                    score.equivalent += mutant in listed
                else:
                    score.other += 1
        out.append(score)
    return out


def _changed(path: str) -> bool:
    meta = WORK / "mutants" / (path + ".meta")
    return not meta.is_file() or (ROOT / path).stat().st_mtime > meta.stat().st_mtime


def survivors(selected: list[tuple[str, str]], unchecked: bool = False) -> list[str]:
    """The mutants no test killed (and, with ``unchecked``, those an interrupted run left)."""
    wanted = SURVIVED | NO_TESTS | ({None} if unchecked else set())
    names = []
    for _, path in selected:
        meta = WORK / "mutants" / (path + ".meta")
        if meta.is_file():
            codes = json.loads(meta.read_text(encoding="utf-8"))["exit_code_by_key"]
            names += sorted(m for m, c in codes.items() if c in wanted)
    return names


def print_table(rows: list[Score]) -> bool:
    header = (f"{'module (issue 15)':<24}{'file':<44}{'mutants':>8}{'killed':>8}{'timeout':>8}"
              f"{'survived':>9}{'no test':>8}{'equiv.':>7}{'score':>8}")
    print(header)
    print("-" * len(header))
    ok = True
    for r in rows:
        passed = r.mutants > 0 and r.score >= GOAL and not r.other
        ok &= passed
        print(f"{r.issue_name:<24}{r.path:<44}{r.mutants:>8}{r.killed:>8}{r.timeout:>8}"
              f"{r.survived:>9}{r.no_tests:>8}{r.equivalent:>7}{r.score:>7.1f}%"
              f"{'' if passed else '  below goal'}"
              f"{f'  ({r.other} not checked)' if r.other else ''}")
    total = sum(r.mutants for r in rows)
    killed = sum(r.killed for r in rows)
    print("-" * len(header))
    print(f"{'all':<68}{total:>8}{killed:>8}{sum(r.timeout for r in rows):>8}"
          f"{sum(r.survived for r in rows):>9}{sum(r.no_tests for r in rows):>8}"
          f"{sum(r.equivalent for r in rows):>7}"
          f"{100.0 * killed / total if total else 0.0:>7.1f}%")
    unreviewed = sum(r.survived + r.no_tests - r.equivalent for r in rows)
    print(f"\n{'PASS' if ok else 'FAIL'}: every module at or above {GOAL:.0f} % of mutants "
          f"killed{'' if ok else ' does not hold'}; {unreviewed} survivor(s) not listed in "
          f"{EQUIVALENTS.relative_to(ROOT)}")
    return ok


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("modules", nargs="*", help="only modules whose name or path contains this")
    parser.add_argument("--jobs", type=int, default=2, help="mutants tested at once (default 2)")
    parser.add_argument("--fresh", action="store_true", help="forget earlier results")
    parser.add_argument("--report-only", action="store_true", help="print the last results")
    parser.add_argument("--survivors", action="store_true", help="list surviving mutants")
    parser.add_argument("--rerun-survivors", action="store_true",
                        help="test the last run's survivors again (after adding tests), and "
                             "the mutants an interrupted run left")
    args = parser.parse_args()

    selected = [m for m in MODULES
                if not args.modules or any(w in m[0] or w in m[1] for w in args.modules)]
    if not selected:
        parser.error("no module matches " + " ".join(args.modules))
    if not args.report_only:
        prepare(args.fresh)
        patterns = [f"{_module_of(path)}.*" for _, path in selected] if args.modules else []
        if args.rerun_survivors:
            listed = equivalents()
            # A module changed since its last run gets new mutants: all of them run.
            changed = [path for _, path in selected if _changed(path)]
            patterns = [f"{_module_of(path)}.*" for path in changed]
            patterns += [name for name in survivors([m for m in selected if m[1] not in changed],
                                                    unchecked=True)
                         if name not in listed]
            if not patterns:
                print("no survivors to test again")
        log = WORK / "mutmut.log"
        started = time.monotonic()
        code = run_mutmut(args.jobs, patterns, log) if patterns or not args.rerun_survivors else 0
        print(f"mutmut ran {time.monotonic() - started:.0f} s with {args.jobs} job(s), "
              f"exit {code}; its output is in {log.relative_to(ROOT)}\n")
    ok = print_table(scores(selected))
    if args.survivors:
        listed = equivalents()
        print("\nsurvivors (mutmut show NAME, run in benchmarks/.cache/mutation):")
        for name in survivors(selected):
            print(f"  {name}{'  (equivalent)' if name in listed else ''}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
