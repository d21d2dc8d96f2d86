"""Cold start to the first painted window, against a bare PySide6 window (budget: 2×).

Both are whole processes started the same way (same interpreter, same platform
flag), alternating, at least 7 runs each; the app opens a generated diary of
ten years (``--years``) ending today, with the settings of someone who uses the
desktop pieces (reminders on, the tray kept, the first run done). Reported:
medians of the wall time from spawn to exit, of the first-paint time each
process prints, and of the CPU time each process used (steadier than wall time
on a busy machine), and the ratios. The budget applies to the process and
first-paint ratios.

``--plain`` also times the app without a settings file (reminders and the tray off),
alternating with the others, and prints the on/off ratios.

Run: QT_QPA_PLATFORM=offscreen .venv/bin/python benchmarks/bench_startup.py [--runs 9]
 or: xvfb-run -a .venv/bin/python benchmarks/bench_startup.py [--years 1] [--plain]
"""

from __future__ import annotations

import argparse
import os
import re
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from benchmarks.generate import generate  # noqa: E402

BUDGET_RATIO = 2.0
_PAINT_RE = re.compile(r"first paint: ([\d.]+) ms")


def app_command(db_path: Path) -> list[str]:
    script = Path(sys.executable).with_name("nutrient-tracker")
    if script.exists():
        return [str(script), "--db", str(db_path), "--startup-check"]
    return [sys.executable, "-m", "tracker", "--db", str(db_path), "--startup-check"]


def _children_cpu_ms() -> float:
    used = resource.getrusage(resource.RUSAGE_CHILDREN)
    return (used.ru_utime + used.ru_stime) * 1000.0


def run_once(command: list[str], env: dict[str, str]) -> tuple[float, float, float]:
    """Wall ms from spawn to exit, the first paint the process printed, and its CPU ms."""
    cpu_before = _children_cpu_ms()
    start = time.perf_counter()
    done = subprocess.run(command, env=env, capture_output=True, text=True, timeout=120)
    wall = (time.perf_counter() - start) * 1000.0
    cpu = _children_cpu_ms() - cpu_before
    match = _PAINT_RE.search(done.stdout)
    if done.returncode != 0 or match is None:
        raise SystemExit(f"{command[0]} failed ({done.returncode}): {done.stderr[-800:]}")
    return wall, float(match.group(1)), cpu


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=9)
    parser.add_argument("--years", type=float, default=10.0, help="diary length (default 10)")
    parser.add_argument("--plain", action="store_true",
                        help="also time the app with no settings file (reminders and the tray "
                             "off), alternating with the rest, to show what they cost the start")
    args = parser.parse_args()
    runs = max(args.runs, 7)
    with tempfile.TemporaryDirectory() as tmp:
        home = Path(tmp)
        env = dict(os.environ)
        if "DISPLAY" not in env:
            env.setdefault("QT_QPA_PLATFORM", "offscreen")
        for name in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME"):
            env[name] = str(home / name.lower())
        # An installed app has its bytecode compiled; without this, a shell that
        # sets PYTHONDONTWRITEBYTECODE would time compiling every module of the
        # app on each start (the bare script is one file and pays almost nothing).
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        env["PYTHONPYCACHEPREFIX"] = str(home / "pycache")
        # The tray, the reminders and the quick-log link are set up after the first
        # paint; turned on here, they show whether they cost the start anything.
        settings = home / "xdg_config_home" / "nutrient-tracker" / "settings.toml"
        settings.parent.mkdir(parents=True)
        settings.write_text('reminders = true\nclose_to_tray = "tray"\nfirst_run_done = true\n'
                            'meal_times = "08:30, 12:30, 19:00"\n', encoding="utf-8")
        db_path = home / "diary.sqlite3"
        count = generate(db_path, args.years)
        print(f"{args.years:g}-year diary: {count} entries; platform "
              f"{env.get('QT_QPA_PLATFORM', 'xcb')}; {runs} runs each, alternating")
        app = app_command(db_path)
        bare = [sys.executable, str(HERE / "bare_window.py")]
        plain_env = dict(env, XDG_CONFIG_HOME=str(home / "no-settings"))
        starts = {"bare": (bare, env), "app": (app, env)}
        if args.plain:
            starts["plain"] = (app, plain_env)
        # Warm-up, not counted: builds the food reference cache and the bytecode
        # once and fills the OS file cache, as on any start after the first.
        for _ in range(2):
            for command, start_env in starts.values():
                run_once(command, start_env)
        results: dict[str, list[tuple[float, float, float]]] = {name: [] for name in starts}
        for _ in range(runs):
            for name, (command, start_env) in starts.items():
                results[name].append(run_once(command, start_env))
    medians = {name: tuple(statistics.median(row[i] for row in rows) for i in range(3))
               for name, rows in results.items()}
    for name in starts:
        wall, paint, cpu = medians[name]
        print(f"{name:<5} median process (spawn to exit) {wall:7.1f} ms   "
              f"first paint {paint:7.1f} ms   CPU {cpu:7.1f} ms")
    if args.plain:
        print(f"reminders and tray on / off: process "
              f"{medians['app'][0] / medians['plain'][0]:.2f}×, first paint "
              f"{medians['app'][1] / medians['plain'][1]:.2f}×, CPU "
              f"{medians['app'][2] / medians['plain'][2]:.2f}×")
    wall_ratio = medians["app"][0] / medians["bare"][0]
    paint_ratio = medians["app"][1] / medians["bare"][1]
    cpu_ratio = medians["app"][2] / medians["bare"][2]
    print(f"ratio app/bare: process {wall_ratio:.2f}×, first paint {paint_ratio:.2f}×, "
          f"CPU {cpu_ratio:.2f}× (budget {BUDGET_RATIO:g}× on process and first paint)")
    return 0 if max(wall_ratio, paint_ratio) <= BUDGET_RATIO else 1


if __name__ == "__main__":
    raise SystemExit(main())
