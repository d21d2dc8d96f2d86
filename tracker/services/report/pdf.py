"""Laying out report.pdf with fpdf2: one page (two at most) a clinician can scan in a minute.

Sections in reading order: period and profile, average intake against target,
the chart (``report_chart``), episodes, supplements, and the patterns found
with their caveat. No Qt here: the CLI exports headless.
"""

from __future__ import annotations

import datetime as dt

from fpdf.enums import XPos, YPos
from fpdf.fonts import FontFace
from fpdf.table import Row

from tracker import __version__
from tracker.domain.nutrients import BY_KEY
from tracker.domain.report import FindingLine, IntakeLine, ReportData
from tracker.services.report.chart import draw_chart
from tracker.services.report.style import (
    FONT,
    INK,
    MUTED,
    RULE,
    SHORT,
    WIDTH,
    ReportPage,
    unit_text,
)


def _amount(value: float | None, unit: str, decimals: int = 0) -> str:
    if value is None:
        return "–"
    return f"{value:,.{decimals}f} {unit_text(unit)}"


def _percent(value: float | None) -> str:
    return "–" if value is None else f"{value:.0f} %"


def render_report(data: ReportData) -> bytes:
    """The PDF's bytes for ``data``."""
    pdf = ReportPage()
    pdf.set_title(f"Diet and twitching diary {data.first} to {data.last}")
    pdf.set_creator(f"Nutrient Tracker {__version__}")
    pdf.add_page()
    _header(pdf, data)
    _intake_table(pdf, data.intake, data)
    draw_chart(pdf, data)
    _episodes_and_supplements(pdf, data)
    _findings(pdf, data)
    _experiments(pdf, data)
    return bytes(pdf.output())


def _header(pdf: ReportPage, data: ReportData) -> None:
    pdf.set_font(FONT, "B", 14)
    pdf.cell(0, 8, "Diet and muscle-twitch diary: summary for a clinician",
             new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.set_font(FONT, "B", 10)
    pdf.cell(0, 5.5, f"Period {data.first.isoformat()} to {data.last.isoformat()} "
             f"({data.n_days} days)", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.text_block(
        f"{data.profile_text}; reference intakes: {data.reference_text}. "
        f"{data.logged_days} of {data.n_days} days logged, "
        f"{data.complete_days} marked complete. Days without entries are left out of the "
        f"averages, not counted as zero. Printed {dt.date.today().isoformat()}.",
        8.5, colour=MUTED)


def _intake_table(pdf: ReportPage, lines: list[IntakeLine], data: ReportData) -> None:
    pdf.heading("Average daily intake on logged days")
    widths = (34.0, 26.0, 30.0, 22.0, 38.0, 22.0, 14.0)
    titles = ("Nutrient", "Average", "Target", "% of target", "", "Completeness", "Days")
    pdf.set_font(FONT, "B", 8)
    pdf.set_text_color(*MUTED)
    for width, title in zip(widths, titles, strict=True):
        pdf.cell(width, 5, title, align="L" if title in ("Nutrient", "") else "R")
    pdf.ln(5)
    pdf.set_text_color(*INK)
    for line in lines:
        decimals = BY_KEY[line.key].decimals if line.key in BY_KEY else 0
        target = _amount(line.target, line.unit, decimals)
        if line.is_limit and line.target is not None:
            target = f"limit {target}"
        completeness = "–" if line.known_fraction is None else f"{100 * line.known_fraction:.0f} %"
        short = line.pct is not None and (line.pct > 100 if line.is_limit else line.pct < 100)
        pdf.set_font(FONT, "B", 8.5)
        pdf.cell(widths[0], 5.2, line.label)
        pdf.set_font(FONT, "", 8.5)
        pdf.cell(widths[1], 5.2, _amount(line.mean, line.unit, decimals), align="R")
        pdf.cell(widths[2], 5.2, target, align="R")
        if short:
            pdf.set_text_color(*SHORT)
        pdf.cell(widths[3], 5.2, _percent(line.pct), align="R")
        pdf.set_text_color(*INK)
        _meter(pdf, pdf.get_x() + 3, pdf.get_y() + 1.3, widths[4] - 6, 2.6, line.pct, short)
        pdf.cell(widths[4], 5.2, "")
        pdf.cell(widths[5], 5.2, completeness, align="R")
        pdf.cell(widths[6], 5.2, str(line.days), align="R", new_x=XPos.LMARGIN,
                 new_y=YPos.NEXT)
    pdf.text_block("Completeness: share of the food eaten whose value for the nutrient is "
                   "known in the food data; below 100 % the average is a lower bound. Targets: "
                   f"{data.reference_text} for the profile{data.reference_note}, or the "
                   "person's own.",
                   7.2, colour=MUTED)


def _meter(pdf: ReportPage, x: float, y: float, w: float, h: float, pct: float | None,
           warn: bool) -> None:
    """A small bar against a 100 % mark, scaled to 150 %."""
    pdf.set_fill_color(233, 236, 239)
    pdf.rect(x, y, w, h, style="F")
    if pct is not None:
        pdf.set_fill_color(*(SHORT if warn else (64, 145, 108)))
        pdf.rect(x, y, w * min(pct, 150.0) / 150.0, h, style="F")
    pdf.set_draw_color(*INK)
    mark = x + w * 100.0 / 150.0
    pdf.line(mark, y - 0.6, mark, y + h + 0.6)


def _episodes_and_supplements(pdf: ReportPage, data: ReportData) -> None:
    pdf.heading("Episodes (twitches, cramps, spasms, tingling)")
    summary = data.episodes
    if summary is None or summary.count == 0:
        pdf.text_block("No episodes were logged in this period.")
    else:
        sites = ", ".join(f"{site} {n}" for site, n in summary.by_site)
        kinds = ", ".join(f"{kind} {n}" for kind, n in summary.by_kind)
        intensity = "" if summary.mean_intensity is None else (
            f" Mean intensity {summary.mean_intensity:.1f} of 10 (highest "
            f"{summary.max_intensity}).")
        pdf.text_block(f"{summary.count} episodes, {summary.per_week:.1f} per week.{intensity} "
                       f"By body site: {sites}. By kind: {kinds}.")
    pdf.heading("Supplements taken")
    if not data.supplements:
        pdf.text_block("No supplement doses were logged in this period.")
    for line in data.supplements:
        contents = ", ".join(f"{BY_KEY[k].label} {v:g} {unit_text(BY_KEY[k].unit)}"
                             for k, v in line.per_unit.items() if v)
        pdf.text_block(f"{line.name}: {line.doses} doses on {line.days} of {data.n_days} days, "
                       f"{line.mean_units:g} per dose on average; one {line.unit_label} "
                       f"holds {contents}.")


def _findings(pdf: ReportPage, data: ReportData) -> None:
    pdf.heading("Twitching and what was eaten, drunk and done: patterns in this diary")
    if data.findings_note:
        pdf.set_fill_color(248, 249, 250)
        pdf.set_draw_color(*RULE)
        pdf.set_font(FONT, "B", 8.2)
        pdf.multi_cell(0, 4.0, "Association, not cause. " + data.findings_note, border=1,
                       fill=True, padding=1, align="L", new_x=XPos.LMARGIN,
                       new_y=YPos.NEXT)
        pdf.ln(1)
    if not data.findings:
        return
    pdf.set_font(FONT, "", 7.2)
    pdf.set_draw_color(*RULE)
    with pdf.table(col_widths=(19, 44, 19, 24, 34, 46), line_height=3.2, padding=0.5,
                   text_align=("LEFT", "LEFT", "RIGHT", "RIGHT", "RIGHT", "LEFT"),
                   borders_layout="HORIZONTAL_LINES", width=WIDTH,
                   headings_style=FontFace(emphasis="BOLD", color=MUTED)) as table:
        table.row(("Factor", "Exposed when", "Days with / without",
                   "Episodes a day with / without",
                   # No-break spaces keep "(95 % CI)" on one line when the heading wraps.
                   "Adjusted ratio (95\u00a0%\u00a0CI)", "Result"))
        for line in data.findings:
            _finding_row(table.row(), line)
    pdf.text_block(
        "Adjusted: Poisson regression of daily episodes on all factors together, with day "
        "of week and a slow trend; same-day ones over the day and the day before. Linked: more "
        "episodes, significant after Holm's correction over the 11 factors. Same-day "
        "factors may reflect the symptom changing the behaviour. \"More days\": logged days "
        "likely needed to detect a doubling (80 % power); none when already enough.", 6.6,
        colour=MUTED)


def _ratio(value: float | None) -> str:
    return "–" if value is None else f"{value:.2g}" if value < 10 else f"{value:.0f}"


def _finding_row(row: Row, line: FindingLine) -> None:
    row.cell(line.label, style=FontFace(emphasis="BOLD"))
    row.cell(line.exposed_when[:1].upper() + line.exposed_when[1:])
    row.cell(f"{line.exposed_days} / {line.other_days}")
    row.cell(f"{_ratio(line.rate_exposed)} / {_ratio(line.rate_other)}")
    if line.adjusted_ratio is not None and line.adjusted_ci is not None:
        low, high = line.adjusted_ci
        row.cell(f"{_ratio(line.adjusted_ratio)} ({_ratio(low)}–{_ratio(high)})")
    else:
        row.cell("–")
    if line.flagged:
        row.cell("Linked", style=FontFace(emphasis="BOLD", color=SHORT))
        return
    if line.tested:
        verdict = "No clear link"
    elif line.exposed_days == 0 or line.other_days == 0:
        verdict = "All days on one side"
    else:
        verdict = "Too few days"
    if line.days_for_doubling:
        verdict += f", ~{line.days_for_doubling} more days"
    row.cell(verdict)

def _experiments(pdf: ReportPage, data: ReportData) -> None:
    """Each self-experiment: what was tested, the schedule as a strip, adherence, result."""
    for line in data.experiments:
        pdf.heading("Self-experiment (randomised ON/OFF trial)")
        pdf.set_font(FONT, "B", 8.2)
        pdf.multi_cell(0, 4.0, line.title, align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        _schedule_strip(pdf, line.blocks)
        pdf.set_font(FONT, "", 7.3)
        for text in (line.design, line.adherence, line.result):
            pdf.multi_cell(0, 3.4, text, align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT)


def _schedule_strip(pdf: ReportPage, blocks: tuple[tuple[dt.date, dt.date, str], ...]) -> None:
    """One box per block, green ON and grey OFF, dated at the ends."""
    if not blocks:
        return
    x0, y = pdf.l_margin, pdf.get_y() + 0.8
    width = pdf.w - pdf.l_margin - pdf.r_margin
    box = width / len(blocks)
    pdf.set_font(FONT, "", 6.2)
    for i, (_, _, phase) in enumerate(blocks):
        pdf.set_fill_color(*((120, 180, 130) if phase == "on" else (205, 210, 216)))
        pdf.rect(x0 + i * box, y, box - 0.6, 4.2, style="F")
        pdf.set_xy(x0 + i * box, y + 0.4)
        pdf.set_text_color(*INK)
        pdf.cell(box - 0.6, 3.4, phase.upper(), align="C")
    pdf.set_text_color(*MUTED)
    pdf.set_xy(x0, y + 4.6)
    pdf.cell(width / 2, 3, blocks[0][0].isoformat())
    pdf.cell(width / 2, 3, blocks[-1][1].isoformat(), align="R", new_x=XPos.LMARGIN,
             new_y=YPos.NEXT)
    pdf.set_text_color(*INK)
    pdf.ln(0.6)
