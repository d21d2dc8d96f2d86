"""The figures of the doctor-visit report, gathered from the diary and its daily frame."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import TYPE_CHECKING

from tracker.domain.entries import Episode, SupplementDose, SupplementProduct
from tracker.domain.experiments.wording import describe, washin_text
from tracker.domain.reference import reference_set_name
from tracker.domain.report import (
    CAVEAT,
    ExperimentLine,
    FindingLine,
    ReportData,
    profile_text,
    summarise_episodes,
    summarise_supplements,
)
from tracker.services.context import Context
from tracker.storage import profile as profile_repo

if TYPE_CHECKING:
    import pandas as pd


def report_data(ctx: Context, frame: pd.DataFrame, episodes: Sequence[Episode],
                doses: Sequence[SupplementDose],
                products: Sequence[SupplementProduct]) -> ReportData:
    """Everything report.pdf shows for the period the daily ``frame`` covers."""
    from tracker.analysis.export_figures import chart_bins, intake_lines

    index = frame.index
    first: dt.date = index[0].date()
    last: dt.date = index[-1].date()
    profile = profile_repo.get_profile(ctx.diary.conn)
    data = ReportData(
        first=first, last=last,
        profile_text=profile_text(
            profile.sex if profile else None,
            profile.age_years(last) if profile else None,
            profile.life_stage if profile else None),
        logged_days=int(frame["logged"].sum()),
        complete_days=int(frame["complete"].sum()) if "complete" in frame.columns else 0,
        reference_text=(reference_set_name(profile.reference_set) if profile
                        else "none (no profile set)"),
        reference_note=(" (drinks: 80 % of EFSA's total water, which EFSA gives alone)"
                        if profile and profile.reference_set == "efsa" else ""),
    )
    data.intake = intake_lines(frame)
    data.bins, data.bin_days = chart_bins(frame)
    data.episodes = summarise_episodes(episodes, data.n_days)
    data.supplements = summarise_supplements(doses, {p.id: p for p in products})
    data.findings, data.findings_note = _findings(ctx, frame)
    data.experiments = experiment_lines(ctx, first, last)
    return data


def experiment_lines(ctx: Context, first: dt.date, last: dt.date) -> list[ExperimentLine]:
    """Each self-experiment that ran during the period (abandoned ones are left out)."""
    from tracker.services.experiments.result import result
    from tracker.services.experiments.trials import product_of, trials

    lines = []
    for trial in trials(ctx):
        plan = trial.plan
        if trial.status == "abandoned" or plan.start > last or trial.span_end < first:
            continue
        found = result(ctx, trial.id, dt.date.today())
        blocks = tuple((b.start, b.end, b.phase) for b in trial.blocks())
        lines.append(ExperimentLine(
            title=f"{describe(plan, product_of(ctx, plan))} (ON) against as usual (OFF), "
                  f"{plan.start.isoformat()} to {trial.span_end.isoformat()}, {found['status']}",
            blocks=blocks,
            design=f"{plan.pairs} ON and {plan.pairs} OFF blocks of {plan.block_days} days in a "
                   f"random balanced order (seed {plan.seed}); {washin_text(plan.washin_days)}. "
                   "Exact randomisation test of episodes per day.",
            adherence=_adherence_text(found),
            result=_result_text(found)))
    return lines


def _share(value: float | None) -> str:
    return "–" if value is None else f"{100 * value:.0f} %"


def _adherence_text(found: dict) -> str:
    text = (f"Adherence (from what was logged): {_share(found['adherence_on'])} of ON days, "
            f"{_share(found['adherence_off'])} of OFF days.")
    if found["low_adherence_blocks"]:
        text += " Below 80 % in block " + ", ".join(map(str, found["low_adherence_blocks"])) + "."
    return text


def _result_text(found: dict) -> str:
    ratio, ci, p = found["rate_ratio"], found["ci95"], found["p_value"]
    figures = (f"Episodes per day {found['episodes_per_day_on']} ON ({found['days_on']} days) "
               f"vs {found['episodes_per_day_off']} OFF ({found['days_off']} days)")
    if ratio is not None:
        figures += f"; rate ratio {ratio:.2f}"
        if ci:
            figures += f" (95 % CI {ci[0]:.2f}–{ci[1]:.2f})"
    if p is not None:
        figures += f"; p = {p:.3g} (smallest possible {found['min_possible_p']:.2g})"
    verdict = {"helped": "fewer episodes ON", "worse": "more episodes ON",
               "no_clear_difference": "no clear difference",
               "not_enough_data": "not enough data"}[found["verdict"]]
    return (f"Result: {verdict}. {figures}. Unblinded, one person: the person knew the "
            "phase, and expectations affect symptoms.")


def _findings(ctx: Context, frame: pd.DataFrame) -> tuple[list[FindingLine], str]:
    from tracker.analysis.relationship import analyze_relationships
    from tracker.services.analysis import without_trial_phases

    result = analyze_relationships(without_trial_phases(ctx, frame)[0])
    lines = [FindingLine(
        f["label"], bool(f["flagged"]), f["message"], f["exposed_when"], bool(f["enough_data"]),
        bool(f["same_day"]), f["shortfall_days"], f["adequate_days"],
        f["episodes_per_day_shortfall"], f["episodes_per_day_adequate"],
        f["adjusted_rate_ratio"],
        tuple(f["adjusted_ci95"]) if f["adjusted_ci95"] else None,
        f["days_needed_for_doubling"]) for f in result["exposures"].values()]
    return lines, CAVEAT


def report_pdf(ctx: Context, frame: pd.DataFrame, episodes: Sequence[Episode],
               doses: Sequence[SupplementDose], products: Sequence[SupplementProduct]) -> bytes:
    """report.pdf's bytes."""
    from tracker.services.report.pdf import render_report

    return render_report(report_data(ctx, frame, episodes, doses, products))
