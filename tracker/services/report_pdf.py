"""Laying out report.pdf with fpdf2: one page (two at most) a clinician can scan in a minute.

No Qt here: the CLI exports headless. The font is bundled (DejaVu Sans) so µ,
en dashes and accented food names print the same on every machine.
"""

from __future__ import annotations

import datetime as dt
import math
from importlib import resources

from fpdf import FPDF
from fpdf.enums import XPos, YPos

from tracker import __version__
from tracker.domain.nutrients import BY_KEY, FOCUS
from tracker.domain.report import ChartBin, IntakeLine, ReportData

FONT = "DejaVu"
MARGIN = 12.0
BOTTOM = 10.0  # room for the footer line only
WIDTH = 210.0 - 2 * MARGIN
INK = (33, 37, 41)
MUTED = (108, 117, 125)
RULE = (206, 212, 218)
SHORT = (201, 42, 42)
COLOURS: dict[str, tuple[int, int, int]] = {
    "magnesium": (31, 119, 180), "calcium": (255, 127, 14),
    "vitamin_d": (44, 160, 44), "vitamin_b12": (148, 103, 189),
}
EPISODE_COLOUR = (120, 120, 120)
# Bars above this percent are drawn to it and labelled, so one supplement day
# does not flatten every other bar.
CHART_CAP = 200.0
UNIT_TEXT = {"ug": "µg"}


def _unit(unit: str) -> str:
    return UNIT_TEXT.get(unit, unit)


def _amount(value: float | None, unit: str, decimals: int = 0) -> str:
    if value is None:
        return "–"
    return f"{value:,.{decimals}f} {_unit(unit)}"


def _percent(value: float | None) -> str:
    return "–" if value is None else f"{value:.0f} %"


class _Report(FPDF):
    def __init__(self) -> None:
        super().__init__(orientation="P", unit="mm", format="A4")
        fonts = resources.files("tracker.resources") / "fonts"
        with resources.as_file(fonts / "DejaVuSans.ttf") as regular, \
                resources.as_file(fonts / "DejaVuSans-Bold.ttf") as bold:
            self.add_font(FONT, "", regular)
            self.add_font(FONT, "B", bold)
        self.set_margins(MARGIN, MARGIN, MARGIN)
        self.set_auto_page_break(True, margin=BOTTOM)
        self.set_text_color(*INK)

    def footer(self) -> None:
        self.set_y(-8)
        self.set_font(FONT, "", 7)
        self.set_text_color(*MUTED)
        self.cell(0, 4, f"Nutrient Tracker {__version__} · self-reported diary · page "
                  f"{self.page_no()}", align="C")
        self.set_text_color(*INK)

    def heading(self, text: str) -> None:
        if self.get_y() > 297 - MARGIN - 20:
            self.add_page()
        self.ln(1.5)
        self.set_font(FONT, "B", 10.5)
        self.cell(0, 6, text, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.set_draw_color(*RULE)
        self.line(MARGIN, self.get_y(), MARGIN + WIDTH, self.get_y())
        self.ln(1)

    def text_block(self, text: str, size: float = 8.5, bold: bool = False,
                   colour: tuple[int, int, int] = INK) -> None:
        self.set_font(FONT, "B" if bold else "", size)
        self.set_text_color(*colour)
        self.multi_cell(0, size * 0.48, text, align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.set_text_color(*INK)


def render_report(data: ReportData) -> bytes:
    """The PDF's bytes for ``data``."""
    pdf = _Report()
    pdf.set_title(f"Diet and twitching diary {data.first} to {data.last}")
    pdf.set_creator(f"Nutrient Tracker {__version__}")
    pdf.add_page()
    _header(pdf, data)
    _intake_table(pdf, data.intake)
    _chart(pdf, data)
    _episodes_and_supplements(pdf, data)
    _findings(pdf, data)
    return bytes(pdf.output())


def _header(pdf: _Report, data: ReportData) -> None:
    pdf.set_font(FONT, "B", 14)
    pdf.cell(0, 8, "Diet and muscle-twitch diary: summary for a clinician",
             new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.set_font(FONT, "B", 10)
    pdf.cell(0, 5.5, f"Period {data.first.isoformat()} to {data.last.isoformat()} "
             f"({data.n_days} days)", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.text_block(
        f"{data.profile_text}. {data.logged_days} of {data.n_days} days logged, "
        f"{data.complete_days} marked complete. Days without entries are left out of the "
        f"averages, not counted as zero. Printed {dt.date.today().isoformat()}.",
        8.5, colour=MUTED)


def _intake_table(pdf: _Report, lines: list[IntakeLine]) -> None:
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
                   "known in the food data; below 100 % the average is a lower bound. Targets "
                   "are the US Dietary Reference Intakes for the profile, or the person's own.",
                   7.2, colour=MUTED)


def _meter(pdf: _Report, x: float, y: float, w: float, h: float, pct: float | None,
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


def _chart(pdf: _Report, data: ReportData) -> None:
    span = "week" if data.bin_days == 7 else f"{data.bin_days // 7} weeks"
    pdf.heading(f"Intake as % of target and episodes, per {span}")
    bins = data.bins
    if pdf.get_y() > 297 - MARGIN - 80:
        pdf.add_page()
    left = MARGIN + 10.0
    top = pdf.get_y() + 6.0
    width = WIDTH - 10.0
    height = 33.0
    top_pct = max([100.0] + [min(v, CHART_CAP) for b in bins for v in b.pct.values()
                             if v is not None]) * 1.1
    _legend(pdf, left, top - 5.0)
    _axis(pdf, left, top, width, height, top_pct)
    slot = width / max(len(bins), 1)
    bar = min(slot * 0.8 / len(FOCUS), 6.0)
    for i, chart_bin in enumerate(bins):
        x0 = left + i * slot + (slot - bar * len(FOCUS)) / 2
        for j, key in enumerate(FOCUS):
            value = chart_bin.pct.get(key)
            if value is None:
                continue
            h = height * min(value, CHART_CAP) / top_pct
            pdf.set_fill_color(*COLOURS[key])
            pdf.rect(x0 + j * bar, top + height - h, bar * 0.92, h, style="F")
            if value > CHART_CAP and slot >= 24:  # room to label a cut bar legibly
                pdf.set_font(FONT, "", 5)
                pdf.text(x0 + j * bar, top + height - h - 0.6, f"{value:.0f}")
        if chart_bin.logged_days == 0:
            pdf.set_font(FONT, "", 6)
            pdf.set_text_color(*MUTED)
            pdf.text(left + i * slot + slot / 2 - 4, top + height - 2, "not logged")
            pdf.set_text_color(*INK)
    _episode_bars(pdf, bins, left, top + height + 3.0, width, 13.0, slot)
    _x_labels(pdf, bins, left, top + height + 3.0 + 13.0 + 1.0, slot)
    pdf.set_y(top + height + 3.0 + 13.0 + 5.0)


def _legend(pdf: _Report, x: float, y: float) -> None:
    pdf.set_font(FONT, "", 7)
    for key in FOCUS:
        pdf.set_fill_color(*COLOURS[key])
        pdf.rect(x, y + 0.8, 3, 2.4, style="F")
        pdf.text(x + 4, y + 3, BY_KEY[key].label)
        x += 6 + pdf.get_string_width(BY_KEY[key].label) + 4
    pdf.set_draw_color(*INK)
    pdf.set_dash_pattern(dash=1, gap=0.8)
    pdf.line(x, y + 2, x + 6, y + 2)
    pdf.set_dash_pattern()
    pdf.text(x + 7, y + 3, f"100 % of target; bars: mean over logged days, cut at "
             f"{CHART_CAP:.0f} %")


def _axis(pdf: _Report, left: float, top: float, width: float, height: float,
          top_pct: float) -> None:
    pdf.set_font(FONT, "", 6.5)
    pdf.set_text_color(*MUTED)
    pdf.set_draw_color(*RULE)
    step = 50.0 if top_pct <= 250 else 100.0
    level = 0.0
    while level <= top_pct:
        y = top + height - height * level / top_pct
        pdf.line(left, y, left + width, y)
        pdf.text(left - 8.5, y + 1, f"{level:.0f} %")
        level += step
    pdf.set_text_color(*INK)
    pdf.set_draw_color(*INK)
    pdf.set_dash_pattern(dash=1, gap=0.8)
    y100 = top + height - height * 100.0 / top_pct
    pdf.line(left, y100, left + width, y100)
    pdf.set_dash_pattern()


def _episode_bars(pdf: _Report, bins: list[ChartBin], left: float, top: float, width: float,
                  height: float, slot: float) -> None:
    peak = max([b.episodes_per_week for b in bins] + [1.0])
    pdf.set_font(FONT, "", 6.5)
    pdf.set_text_color(*MUTED)
    pdf.text(left - 10, top + 2.5, "episodes")
    pdf.text(left - 10, top + 5.0, "/week")
    pdf.set_text_color(*INK)
    pdf.set_draw_color(*RULE)
    pdf.line(left, top + height, left + width, top + height)
    for i, chart_bin in enumerate(bins):
        h = (height - 3.5) * chart_bin.episodes_per_week / peak
        x = left + i * slot + slot * 0.3
        pdf.set_fill_color(*EPISODE_COLOUR)
        pdf.rect(x, top + height - h, slot * 0.4, h, style="F")
        pdf.set_font(FONT, "", 6)
        label = f"{chart_bin.episodes_per_week:.1f}".rstrip("0").rstrip(".")
        pdf.text(x + slot * 0.2 - pdf.get_string_width(label) / 2, top + height - h - 0.7,
                 label)


def _x_labels(pdf: _Report, bins: list[ChartBin], left: float, y: float, slot: float) -> None:
    pdf.set_font(FONT, "", 6.5)
    pdf.set_text_color(*MUTED)
    long_period = bool(bins) and (bins[-1].last - bins[0].first).days > 366
    # Label every n-th group so neighbouring labels keep a gap between them.
    widest = pdf.get_string_width("Sep 2026 " if long_period else "30 Sep 2026")
    every = max(1, math.ceil((widest + 2.0) / max(slot, 0.1)))
    for i, chart_bin in enumerate(bins):
        if i % every:
            continue
        label = chart_bin.first.strftime("%b %Y" if long_period else "%d %b")
        if i == 0 and not long_period:
            label += chart_bin.first.strftime(" %Y")
        pdf.text(left + i * slot + slot / 2 - pdf.get_string_width(label) / 2, y + 2.5, label)
    pdf.set_text_color(*INK)


def _episodes_and_supplements(pdf: _Report, data: ReportData) -> None:
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
        contents = ", ".join(f"{BY_KEY[k].label} {v:g} {_unit(BY_KEY[k].unit)}"
                             for k, v in line.per_unit.items() if v)
        pdf.text_block(f"{line.name}: {line.doses} doses on {line.days} of {data.n_days} days, "
                       f"{line.mean_units:g} per dose on average; one {line.unit_label} "
                       f"holds {contents}.")


def _findings(pdf: _Report, data: ReportData) -> None:
    pdf.heading("Shortfalls and twitching: patterns in this diary")
    if data.findings_note:
        pdf.set_fill_color(248, 249, 250)
        pdf.set_draw_color(*RULE)
        pdf.set_font(FONT, "B", 8.2)
        pdf.multi_cell(0, 4.0, "Association, not cause. " + data.findings_note, border=1,
                       fill=True, padding=1, align="L", new_x=XPos.LMARGIN,
                       new_y=YPos.NEXT)
        pdf.ln(1)
    for finding in data.findings:
        verdict = "pattern found" if finding.flagged else "no clear pattern"
        pdf.set_font(FONT, "", 7.3)
        pdf.multi_cell(0, 3.4, f"**{finding.label}: {verdict}.** {finding.message}",
                       markdown=True, align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        pdf.ln(0.4)
