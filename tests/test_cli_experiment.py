"""``experiment`` on the command line: the JSON contract, one-line refusals, a whole trial."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from tests.experiment_diaries import START, Shape, fill
from tracker.cli.main import main
from tracker.services.context import Context
from tracker.services.experiments import trials as experiments
from tracker.storage.diary import Diary


def run(capsys: pytest.CaptureFixture[str], db: Path, *args: str) -> tuple[int, str, str]:
    code = main(["--db", str(db), *args])
    out, err = capsys.readouterr()
    return code, out, err


PLAN = ("--kind", "caffeine-limit", "--limit-mg", "100", "--block-days", "7", "--pairs", "6",
        "--start", START.isoformat(), "--seed", "12")


def test_plan_prints_the_contract_without_saving(capsys: pytest.CaptureFixture[str],
                                                 diary_path: Path) -> None:
    code, out, _ = run(capsys, diary_path, "experiment", "plan", *PLAN, "--json")
    assert code == 0
    plan = json.loads(out)
    assert {"blocks", "min_possible_p", "detectable_rate_ratio", "days"} <= plan.keys()
    assert plan["days"] == 84 and len(plan["blocks"]) == 12
    assert plan["blocks"][0] == {"start": "2025-01-06", "end": "2025-01-12",
                                 "phase": plan["blocks"][0]["phase"]}
    assert sorted(b["phase"] for b in plan["blocks"]) == ["off"] * 6 + ["on"] * 6
    assert plan["min_possible_p"] == pytest.approx(2 / 924)
    assert 0 < plan["detectable_rate_ratio"] < 1
    again = json.loads(run(capsys, diary_path, "experiment", "plan", *PLAN, "--json")[1])
    assert again["blocks"] == plan["blocks"]
    assert json.loads(run(capsys, diary_path, "experiment", "list", "--json")[1]) == []


def test_three_pairs_say_they_cannot_reach_0_05(capsys: pytest.CaptureFixture[str],
                                                diary_path: Path) -> None:
    args = [a if a != "6" else "3" for a in PLAN]
    code, out, _ = run(capsys, diary_path, "experiment", "plan", *args)
    assert code == 0 and "can never reach p = 0.05" in out
    plan = json.loads(run(capsys, diary_path, "experiment", "plan", *args, "--json")[1])
    assert plan["min_possible_p"] == pytest.approx(0.1)
    assert plan["detectable_rate_ratio"] is None and plan["can_reach_p_0_05"] is False


@pytest.mark.parametrize("args, message", [
    (("--kind", "supplement", "--pairs", "6", "--start", "2025-01-06"), "--product"),
    (("--kind", "caffeine-limit", "--limit-mg", "100", "--pairs", "12",
      "--start", "2025-01-06"), "pairs"),
    (("--kind", "drinks-min", "--min-ml", "lots", "--start", "2025-01-06"), "number"),
    (("--kind", "drinks-min", "--min-ml", "2000", "--start", "2025-02-30"), "calendar"),
])
def test_mistakes_print_one_line_and_exit_2(capsys: pytest.CaptureFixture[str],
                                            diary_path: Path, args: tuple[str, ...],
                                            message: str) -> None:
    code, out, err = run(capsys, diary_path, "experiment", "start", *args)
    assert code == 2 and out == ""
    assert len(err.strip().splitlines()) == 1 and message in err
    assert json.loads(run(capsys, diary_path, "experiment", "list", "--json")[1]) == []


def test_a_whole_trial_through_the_command(capsys: pytest.CaptureFixture[str],
                                           diary_path: Path, food_cache_dir: Path) -> None:
    run(capsys, diary_path, "supplement", "add", "Magnesium glycinate", "--magnesium", "200",
        "--unit-label", "capsule")
    code, out, _ = run(capsys, diary_path, "experiment", "start", "--kind", "supplement",
                       "--product", "magnesium glycinate", "--units", "1", "--block-days", "7",
                       "--pairs", "6", "--start", START.isoformat(), "--seed", "5",
                       "--today", START.isoformat(), "--json")
    assert code == 0
    started = json.loads(out)
    assert started["id"] and started["days"] == 84
    code, _, err = run(capsys, diary_path, "experiment", "start", *PLAN,
                       "--today", START.isoformat())
    assert code == 2 and "already running" in err
    with Context(Diary.open(diary_path), food_cache_dir) as ctx:
        trial = experiments.get(ctx, started["id"])
        fill(ctx, trial, Shape(rate_ratio=0.4, rate_off=1.5), 9,
             last=START + dt.timedelta(days=40))
    today = (START + dt.timedelta(days=41)).isoformat()
    status = json.loads(run(capsys, diary_path, "experiment", "status", "--today", today,
                            "--json")[1])
    assert status["id"] == started["id"] and status["week"] == 6
    assert status["phase"] in ("on", "off") and status["adherence"]["share"] == 1.0
    code, out, _ = run(capsys, diary_path, "experiment", "stop", "--today", today, "--json")
    assert json.loads(out)["status"] == "stopped"
    result = json.loads(run(capsys, diary_path, "experiment", "result", "--today", today,
                            "--json")[1])
    assert result["status"] == "stopped" and result["id"] == started["id"]
    assert result["days_on"] + result["days_off"] == 5 * (7 - 3)  # supplement: 3 wash-in days
    assert result["verdict"] in ("helped", "no_clear_difference", "worse", "not_enough_data")
    listed = json.loads(run(capsys, diary_path, "experiment", "list", "--json")[1])
    assert [r["status"] for r in listed] == ["stopped"]
