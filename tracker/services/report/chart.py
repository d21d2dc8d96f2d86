"""The report's chart, drawn with fpdf2 primitives: percent of target per run of weeks, episodes.

No Qt here: the CLI exports headless. Bars are means over logged days, so a
week with few entries is not drawn as a week of low intake.
"""

from __future__ import annotations

import math

from tracker.domain.nutrients import BY_KEY, FOCUS
from tracker.domain.report import ChartBin, ReportData
from tracker.services.report.style import (
    CHART_CAP,
    COLOURS,
    EPISODE_COLOUR,
    FONT,
    INK,
    MARGIN,
    MUTED,
    RULE,
    WIDTH,
    ReportPage,
)


def draw_chart(pdf: ReportPage, data: ReportData) -> None:
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


def _legend(pdf: ReportPage, x: float, y: float) -> None:
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


def _axis(pdf: ReportPage, left: float, top: float, width: float, height: float,
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


def _episode_bars(pdf: ReportPage, bins: list[ChartBin], left: float, top: float, width: float,
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


def _x_labels(pdf: ReportPage, bins: list[ChartBin], left: float, y: float, slot: float) -> None:
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
