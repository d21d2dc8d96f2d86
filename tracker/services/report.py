"""The figures of the doctor-visit report, gathered from the diary and its daily frame."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import TYPE_CHECKING

from tracker.domain.entries import Episode, SupplementDose, SupplementProduct
from tracker.domain.reference import reference_set_name
from tracker.domain.report import (
    CAVEAT,
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
    data.findings, data.findings_note = _findings(frame)
    return data


def _findings(frame: pd.DataFrame) -> tuple[list[FindingLine], str]:
    from tracker.analysis.relationship import analyze_relationships

    result = analyze_relationships(frame)
    lines = [FindingLine(finding["label"], bool(finding["flagged"]), finding["message"])
             for finding in result["nutrients"].values()]
    return lines, CAVEAT


def report_pdf(ctx: Context, frame: pd.DataFrame, episodes: Sequence[Episode],
               doses: Sequence[SupplementDose], products: Sequence[SupplementProduct]) -> bytes:
    """report.pdf's bytes."""
    from tracker.services.report_pdf import render_report

    return render_report(report_data(ctx, frame, episodes, doses, products))
