"""Self-experiments end to end through the services, on diaries that follow the schedule."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.experiment_diaries import START, Shape, fill, magnesium, start_trial
from tracker.domain.entries import (
    CaffeineEntry,
    DayFactors,
    Episode,
    SupplementDose,
    WaterEntry,
)
from tracker.domain.errors import UserError
from tracker.domain.experiments.plan import with_defaults
from tracker.services import diary
from tracker.services.context import Context
from tracker.services.experiments import result as results
from tracker.services.experiments import trials as experiments
from tracker.storage.diary import Diary


@pytest.fixture
def memory_ctx(food_cache_dir: Path) -> Iterator[Context]:
    context = Context(Diary.in_memory(), food_cache_dir)
    yield context
    context.close()


def _verdicts(food_cache_dir: Path, shape: Shape, seeds: range) -> list[tuple[str, float]]:
    out = []
    for seed in seeds:
        with Context(Diary.in_memory(), food_cache_dir) as ctx:
            trial = start_trial(ctx, shape, seed)
            fill(ctx, trial, shape, seed + 10_000)
            found = results.result(ctx, None, trial.plan.end + dt.timedelta(days=1))
            out.append((found["verdict"], found["p_value"]))
    return out


def test_a_true_effect_is_found_in_most_diaries(food_cache_dir: Path) -> None:
    # Episodes 2.5 times as frequent OFF as ON, 6 pairs of 7-day blocks, one a day OFF.
    found = _verdicts(food_cache_dir, Shape(rate_ratio=0.4), range(24))
    helped = [p for verdict, p in found if verdict == "helped"]
    assert all(p <= 0.05 for p in helped)
    assert len(helped) > len(found) / 2, found


def test_no_effect_rarely_gives_a_verdict(food_cache_dir: Path) -> None:
    # At most 5 % in the long run (benchmarks/bench_experiments.py counts thousands);
    # 80 diaries at a true 5 % give at most 7 verdicts 95 times in 100.
    found = _verdicts(food_cache_dir, Shape(rate_ratio=1.0), range(100, 180))
    decided = [v for v, _ in found if v in ("helped", "worse")]
    assert len(decided) <= 7, found
    assert all(v != "not_enough_data" for v, _ in found)


def test_result_has_every_key_of_the_contract(memory_ctx: Context) -> None:
    shape = Shape(rate_ratio=0.4)
    trial = start_trial(memory_ctx, shape, 3)
    fill(memory_ctx, trial, shape, 4)
    found = results.result(memory_ctx, trial.id, trial.plan.end + dt.timedelta(days=1))
    for key in ("id", "status", "pairs_completed", "episodes_per_day_on",
                "episodes_per_day_off", "rate_ratio", "ci95", "p_value", "min_possible_p",
                "adherence_on", "adherence_off", "days_on", "days_off", "verdict"):
        assert key in found
    assert found["status"] == "finished" and found["pairs_completed"] == 6
    assert found["days_on"] == found["days_off"] == 36  # 6 blocks × (7 - 1 wash-in day)
    assert found["min_possible_p"] == pytest.approx(2 / 924)
    assert found["adherence_on"] == found["adherence_off"] == 1.0
    low, high = found["ci95"]
    assert low < found["rate_ratio"] < high
    assert found["secondary"]["count_model"]["fitted"] is True


def _day(ctx: Context, day: dt.date, *entries: object) -> None:
    diary.set_factors(ctx, DayFactors(day, complete=True))
    for entry in entries:
        diary.add_entry(ctx, entry)  # type: ignore[type-var]


def test_adherence_counts_match_hand_made_days(memory_ctx: Context) -> None:
    product = magnesium(memory_ctx)
    plan = with_defaults("supplement", START, 8, block_days=7, pairs=3, washin_days=1,
                         product_id=product.id, units=2.0)
    trial = experiments.start(memory_ctx, plan, START, accept_upper_limit=True)
    days = trial.blocks()[0].days()
    t = dt.time(8, 0)
    dose = SupplementDose
    # Day 1: the planned dose; day 2: half of it; day 3: none; day 4 not logged;
    # day 5: the dose in two parts; day 6: logged with only an episode; day 7 not logged.
    _day(memory_ctx, days[0], dose(days[0], t, product.id, 2.0))
    _day(memory_ctx, days[1], dose(days[1], t, product.id, 1.0))
    _day(memory_ctx, days[2])
    _day(memory_ctx, days[4], dose(days[4], t, product.id, 1.0),
         dose(days[4], dt.time(20, 0), product.id, 1.0))
    diary.add_entry(memory_ctx, Episode(days[5], t, "twitch", "calf", 4))
    found = results.result(memory_ctx, trial.id, trial.plan.end + dt.timedelta(days=1))
    row = found["blocks"][0]
    # An ON block: adherent on days 1 and 5, not on 2, 3 and 6. An OFF block: adherent
    # on days 3 and 6 (no dose), not on 1, 2 and 5. Either way days 4 and 7 are not logged.
    assert (row["adherent_days"], row["non_adherent_days"], row["not_logged_days"]) == (2, 3, 2)
    assert row["adherence"] == pytest.approx(0.4)
    assert row["low_adherence"] is True and 1 in found["low_adherence_blocks"]
    # Counted days skip the one wash-in day: days 2, 3, 5 and 6 are logged and counted.
    assert row["counted_days"] == 4 and row["events"] == 1


def test_caffeine_and_drinks_adherence(memory_ctx: Context) -> None:
    caffeine = with_defaults("caffeine-limit", START, 2, pairs=3, limit_mg=100.0)
    trial = experiments.start(memory_ctx, caffeine, START)
    on_block = next(b for b in trial.blocks() if b.phase == "on")
    off_block = next(b for b in trial.blocks() if b.phase == "off")
    t = dt.time(9, 0)
    _day(memory_ctx, on_block.start, CaffeineEntry(on_block.start, t, 80.0, "coffee"))
    later = on_block.start + dt.timedelta(days=1)
    _day(memory_ctx, later, CaffeineEntry(later, t, 80.0, "coffee"),
         CaffeineEntry(later, t, 40.0, "tea"))
    _day(memory_ctx, off_block.start, CaffeineEntry(off_block.start, t, 300.0, "coffee"))
    found = {r["block"]: r for r in results.result(
        memory_ctx, trial.id, trial.plan.end + dt.timedelta(days=1))["blocks"]}
    on_row, off_row = found[on_block.index + 1], found[off_block.index + 1]
    assert (on_row["adherent_days"], on_row["non_adherent_days"]) == (1, 1)
    assert (off_row["adherent_days"], off_row["non_adherent_days"]) == (1, 0)
    later_start = trial.plan.end + dt.timedelta(days=1)
    drinks = experiments.start(memory_ctx, with_defaults(
        "drinks-min", later_start, 4, pairs=3, min_ml=2000.0), later_start)
    on_day = next(b for b in drinks.blocks() if b.phase == "on").start
    _day(memory_ctx, on_day, WaterEntry(on_day, t, 1500.0), WaterEntry(on_day, t, 600.0))
    row = next(r for r in results.result(memory_ctx, drinks.id, later_start + dt.timedelta(
        days=60))["blocks"] if r["phase"] == "on")
    assert (row["adherent_days"], row["non_adherent_days"]) == (1, 0)


def test_stopping_early_analyses_the_completed_blocks(memory_ctx: Context) -> None:
    shape = Shape(rate_ratio=0.4)
    trial = start_trial(memory_ctx, shape, 21)
    stop_day = START + dt.timedelta(days=7 * 9 + 3)  # three days into block 10
    fill(memory_ctx, trial, shape, 22, last=stop_day - dt.timedelta(days=1))
    assert results.result(memory_ctx, None, stop_day)["status"] == "running"
    stopped = experiments.stop(memory_ctx, stop_day)
    assert stopped.stopped_on == stop_day - dt.timedelta(days=1)
    found = results.result(memory_ctx, None, stop_day + dt.timedelta(days=30))
    assert found["status"] == "stopped"
    assert found["blocks_compared"] == 9 and len(found["blocks"]) == 10
    assert found["blocks"][-1]["complete"] is False
    assert found["days_on"] + found["days_off"] == 9 * 6
    ons = sum(phase == "on" for phase in trial.phases[:9])
    assert found["pairs_completed"] == min(ons, 9 - ons)
    assert "stopped early" in found["caveats"][0]
    assert experiments.current(memory_ctx, stop_day) is None


def test_abandoned_trials_are_kept_but_not_analysed(memory_ctx: Context) -> None:
    trial = start_trial(memory_ctx, Shape(), 5)
    experiments.stop(memory_ctx, START + dt.timedelta(days=10), abandon=True)
    rows = results.list_rows(memory_ctx, START + dt.timedelta(days=10))
    assert [(r["id"], r["status"]) for r in rows] == [(trial.id, "abandoned")]
    with pytest.raises(UserError, match="abandoned"):
        results.result(memory_ctx, trial.id, START + dt.timedelta(days=11))


def test_one_running_trial_and_no_start_after_seen_outcomes(memory_ctx: Context) -> None:
    start_trial(memory_ctx, Shape(), 5)
    again = with_defaults("caffeine-limit", START + dt.timedelta(days=3), 6, limit_mg=100.0)
    with pytest.raises(UserError, match="already running"):
        experiments.start(memory_ctx, again, START + dt.timedelta(days=3))
    experiments.stop(memory_ctx, START + dt.timedelta(days=3), abandon=True)
    diary.add_entry(memory_ctx, Episode(START + dt.timedelta(days=20), dt.time(9, 0), "twitch",
                                        "calf", 3))
    past = with_defaults("caffeine-limit", START + dt.timedelta(days=10), 7, limit_mg=100.0)
    with pytest.raises(UserError, match="in the past"):
        experiments.start(memory_ctx, past, START + dt.timedelta(days=30))
    assert len(experiments.trials(memory_ctx)) == 1


def test_magnesium_above_the_upper_limit_needs_confirmation(memory_ctx: Context) -> None:
    product = magnesium(memory_ctx)
    plan = with_defaults("supplement", START, 1, product_id=product.id, units=2.0)
    with pytest.raises(UserError, match="upper limit of 350 mg"):
        experiments.start(memory_ctx, plan, START)
    summary = results.plan_summary(memory_ctx, plan)
    assert summary["upper_limit"]["exceeds"] is True
    assert experiments.start(memory_ctx, plan, START, accept_upper_limit=True).plan == plan


def test_banner_names_week_phase_and_dose(memory_ctx: Context) -> None:
    product = magnesium(memory_ctx)
    plan = with_defaults("supplement", START, 3, pairs=5, product_id=product.id, units=1.0)
    trial = experiments.start(memory_ctx, plan, START)
    week3 = START + dt.timedelta(days=14 + 4)
    phase = trial.phases[1]
    text = experiments.banner(memory_ctx, week3)
    if phase == "on":
        assert text == "Week 3 of 20: magnesium ON — 1 capsule today"
    else:
        assert text == "Week 3 of 20: magnesium OFF — no Magnesium glycinate today"
    assert "wash-in" in (experiments.banner(memory_ctx, START) or "")
    other_day = experiments.banner(memory_ctx, week3, today=week3 + dt.timedelta(days=1))
    assert other_day is not None and other_day.endswith(" that day")
    assert experiments.banner(memory_ctx, START - dt.timedelta(days=1)).startswith(
        "Self-experiment on magnesium starts")
    assert experiments.banner(memory_ctx, plan.end + dt.timedelta(days=1)) is None


def test_export_import_keeps_every_trial_exactly(memory_ctx: Context, tmp_path: Path,
                                                 food_cache_dir: Path) -> None:
    from tracker.services.transfer.export import export_bundle
    from tracker.services.transfer.importer import import_bundle

    shape = Shape(rate_ratio=0.5)
    first = start_trial(memory_ctx, shape, 31)
    fill(memory_ctx, first, shape, 32, last=START + dt.timedelta(days=30))
    experiments.stop(memory_ctx, START + dt.timedelta(days=31))
    later = START + dt.timedelta(days=40)
    experiments.start(memory_ctx, with_defaults("drinks-min", later, 77, pairs=4,
                                                 min_ml=1750.0), later)
    experiments.stop(memory_ctx, later + dt.timedelta(days=3), abandon=True)
    running_start = START + dt.timedelta(days=60)
    experiments.start(memory_ctx, with_defaults("caffeine-limit", running_start, 2**40 + 3,
                                                pairs=10, limit_mg=50.0, outcome="cramps"),
                      running_start)
    before = experiments.trials(memory_ctx)
    bundle = tmp_path / "visit.zip"
    export_bundle(memory_ctx, START, START + dt.timedelta(days=90), bundle)
    _report_names_the_trials(bundle)
    with Context(Diary.open(tmp_path / "copy.sqlite3"), food_cache_dir) as copy:
        summary = import_bundle(copy, bundle)
        assert summary.added["experiments"] == 3
        assert experiments.trials(copy) == before
        again = import_bundle(copy, bundle)
        assert again.present["experiments"] == 3 and "experiments" not in again.added
        after = START + dt.timedelta(days=65)
        assert results.result(copy, first.id, after)["blocks"] == results.result(
            memory_ctx, first.id, after)["blocks"]


def test_import_keeps_the_schedule_as_written_and_refuses_bad_rows(
        memory_ctx: Context, tmp_path: Path) -> None:
    from tracker.services.transfer.bundle_csv import BundleFileError
    from tracker.services.transfer.export import export_bundle
    from tracker.services.transfer.importer import import_bundle

    today = dt.date.today()  # the import judges "running" by today's date
    begun = today - dt.timedelta(days=5)
    trial = experiments.start(memory_ctx, with_defaults("drinks-min", begun, 5, pairs=3,
                                                        min_ml=2000.0), today)
    folder = tmp_path / "bundle"
    export_bundle(memory_ctx, begun, today, folder)
    path = folder / "experiments.csv"
    text = path.read_text(encoding="utf-8-sig")
    drawn = " ".join(trial.phases)
    # A schedule differing from what the seed draws is still imported as written.
    swapped = " ".join(reversed(trial.phases))
    assert swapped != drawn
    path.write_text(text.replace(drawn, swapped).replace(trial.id, "a" * 32),
                    encoding="utf-8-sig")
    with Context(Diary.in_memory(), memory_ctx.cache_dir) as other:
        import_bundle(other, folder)
        assert experiments.get(other, "a" * 32).phases == tuple(reversed(trial.phases))
    with pytest.raises(UserError, match="already has a running"):
        import_bundle(memory_ctx, folder)  # its own trial plus the copy: two running
    path.write_text(text.replace(drawn, "on on on on off off"), encoding="utf-8-sig")
    with Context(Diary.in_memory(), memory_ctx.cache_dir) as other:
        with pytest.raises(BundleFileError, match="experiments.csv line 2: schedule"):
            import_bundle(other, folder)
        assert experiments.trials(other) == []


def _report_names_the_trials(bundle: Path) -> None:
    """report.pdf's compact section: what was tested, schedule, adherence, result."""
    import io
    import zipfile

    from pypdf import PdfReader

    with zipfile.ZipFile(bundle) as archive:
        pdf = PdfReader(io.BytesIO(archive.read("report.pdf")))
    text = " ".join(page.extract_text() for page in pdf.pages)
    assert len(pdf.pages) <= 2
    assert text.count("Self-experiment (randomised ON/OFF trial)") == 2  # abandoned left out
    assert "Magnesium glycinate, 1 capsule a day (ON)" in text
    assert "caffeine at most 50 mg a day (ON)" in text
    assert "Adherence (from what was logged)" in text and "Result:" in text
    assert "Unblinded" in text
