"""A trial's result in plain words: the answer, the figures, adherence and the caveats."""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

from tracker.services.context import Context
from tracker.services.experiments import result as experiment_result
from tracker.ui.common.dialog_column import close_button, stack

HEADLINES = {
    "helped": "It helped: fewer episodes during ON blocks",
    "worse": "It went worse: more episodes during ON blocks",
    "no_clear_difference": "No clear difference between ON and OFF",
    "not_enough_data": "Not enough data for an answer yet",
}
COLOURS = {"helped": "#1b5e20", "worse": "#b00020", "no_clear_difference": "#37474f",
           "not_enough_data": "#8a4b00"}


def _rate(value: float | None) -> str:
    return "–" if value is None else f"{value:.2f}"


def _share(value: float | None) -> str:
    return "–" if value is None else f"{100 * value:.0f} %"


def figures_text(result: dict[str, Any]) -> str:
    """The numbers in sentences: rates, ratio with interval, p, adherence, per protocol."""
    ci = result["ci95"]
    interval = "" if ci is None else f" (95 % interval {ci[0]:.2f} to {ci[1]:.2f})"
    p = result["p_value"]
    lowest = result["min_possible_p"]
    pp = result["per_protocol"]
    lines = [
        f"Episodes per counted day: <b>{_rate(result['episodes_per_day_on'])}</b> ON "
        f"({result['days_on']} days) and <b>{_rate(result['episodes_per_day_off'])}</b> OFF "
        f"({result['days_off']} days).",
        "Rate ratio ON / OFF: " + ("–" if result["rate_ratio"] is None
                                   else f"<b>{result['rate_ratio']:.2f}</b>{interval}") + ".",
        "Randomisation test: " + ("not possible yet" if p is None else
                                  f"p = {p:.3g} (the smallest this trial could give: "
                                  f"{lowest:.2g})") + ".",
        f"Adherence: {_share(result['adherence_on'])} of logged ON days and "
        f"{_share(result['adherence_off'])} of logged OFF days went to plan. Counting only "
        f"those days (per protocol): {_rate(pp['episodes_per_day_on'])} ON against "
        f"{_rate(pp['episodes_per_day_off'])} OFF.",
    ]
    if result["low_adherence_blocks"]:
        blocks = ", ".join(str(b) for b in result["low_adherence_blocks"])
        lines.append(f"<span style='color:#8a4b00'>Adherence was below 80 % in block"
                     f"{'s' if len(result['low_adherence_blocks']) > 1 else ''} {blocks}."
                     "</span>")
    model = result["secondary"]["count_model"]
    if model.get("fitted"):
        lines.append(f"Secondary (count model): rate ratio {model['rate_ratio']:.2f}, "
                     f"p = {model['p_value']:.3g}.")
    return "<br>".join(lines)


class ResultDialog(QDialog):
    """The latest trial's result (or ``trial_id``'s), as of ``today``."""

    def __init__(self, ctx: Context, today: dt.date, parent: QWidget | None = None,
                 trial_id: str | None = None) -> None:
        super().__init__(parent)
        self.outcome = experiment_result.result(ctx, trial_id, today)
        result = self.outcome
        self.setWindowTitle("Self-experiment result")
        verdict = result["verdict"]
        self.headline = QLabel(f"<span style='font-size:15pt; color:{COLOURS[verdict]}'>"
                               f"<b>{HEADLINES[verdict]}</b></span>")
        self.headline.setObjectName("result_headline")
        what = QLabel(f"Tested: {result['what']}. {result['pairs_completed']} of "
                      f"{result['pairs_planned']} pairs of blocks completed; "
                      f"{result['status']}.")
        what.setWordWrap(True)
        self.message = QLabel(result["message"])
        self.message.setWordWrap(True)
        self.figures = QLabel(figures_text(result))
        self.figures.setWordWrap(True)
        self.figures.setTextFormat(Qt.TextFormat.RichText)
        self.table = self._blocks_table(result["blocks"])
        caveats = QLabel("<b>What this cannot show</b><ul>" + "".join(
            f"<li>{c}</li>" for c in result["caveats"]) + "</ul>")
        caveats.setWordWrap(True)
        caveats.setObjectName("result_caveats")
        self.caveats = caveats
        close = close_button(self)
        close.setDefault(True)
        parts: list[QWidget] = [self.headline, what, self.message, self.figures, self.table,
                                caveats]
        buttons: list[QPushButton] = [close]
        stack(self, parts, buttons)
        self.resize(720, 680)

    def _blocks_table(self, blocks: list[dict[str, Any]]) -> QTableWidget:
        headers = ("Block", "Dates", "Phase", "Adherent", "Not kept", "Not logged",
                   "Episodes", "Counted days")
        table = QTableWidget(len(blocks), len(headers))
        table.setHorizontalHeaderLabels(headers)
        table.verticalHeader().hide()
        table.verticalHeader().setDefaultSectionSize(22)
        table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        for row, block in enumerate(blocks):
            start = dt.date.fromisoformat(block["start"])
            end = dt.date.fromisoformat(block["end"])
            cells = (str(block["block"]), f"{start:%d %b} – {end:%d %b}",
                     block["phase"].upper() + ("" if block["complete"] else " (so far)"),
                     str(block["adherent_days"]), str(block["non_adherent_days"]),
                     str(block["not_logged_days"]), str(block["events"]),
                     str(block["counted_days"]))
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if block["low_adherence"] and column in (3, 4):
                    item.setForeground(Qt.GlobalColor.darkYellow)
                table.setItem(row, column, item)
        table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        table.setMinimumHeight(180)
        return table
