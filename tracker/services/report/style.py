"""The look of report.pdf: page, font, colours and the few text helpers every section uses.

The font is bundled (DejaVu Sans, see resources/fonts/LICENSE) so µ, en dashes
and accented food names print the same on every machine.
"""

from __future__ import annotations

from importlib import resources

from fpdf import FPDF
from fpdf.enums import XPos, YPos

from tracker import __version__

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
# Bars above this percent are cut at it (and labelled where there is room), so
# one supplement-heavy week does not flatten every other bar.
CHART_CAP = 200.0
UNIT_TEXT = {"ug": "µg"}
# Put for a character the bundled font cannot draw (a name typed in a script it lacks,
# an emoji), so the page says something is there instead of printing nothing.
MISSING_MARK = "\u25a1"  # □, which the font has
MISSING_NOTE = f"{MISSING_MARK} marks a character this font cannot print; the CSV files keep it"


def unit_text(unit: str) -> str:
    """The unit as printed: µg rather than the ASCII ``ug`` of column names."""
    return UNIT_TEXT.get(unit, unit)


class ReportPage(FPDF):
    """An A4 page with the bundled font, a footer, section headings and text blocks."""

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
        self.missing: set[str] = set()

    def normalize_text(self, text: str) -> str:
        """The text with each character the current font lacks shown as a box."""
        text = super().normalize_text(text)
        cmap = getattr(self.current_font, "cmap", None)
        if not cmap or all(ord(char) in cmap for char in text):
            return text
        kept = []
        for char in text:
            if ord(char) in cmap or char in "\n\r\t":
                kept.append(char)
            else:
                self.missing.add(char)
                kept.append(MISSING_MARK)
        return "".join(kept)

    def footer(self) -> None:
        self.set_y(-8)
        self.set_font(FONT, "", 7)
        self.set_text_color(*MUTED)
        note = f" · {MISSING_NOTE}" if self.missing else ""
        self.cell(0, 4, f"Nutrient Tracker {__version__} · self-reported diary · page "
                  f"{self.page_no()}{note}", align="C")
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
