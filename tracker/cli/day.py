"""``day [--date D] [--json]``: a day's totals against the person's targets and upper limits."""

from __future__ import annotations

import argparse
import datetime as dt
import math
from typing import Any

from tracker.cli.common import date_arg, print_json
from tracker.domain.reference import reference_set_name
from tracker.domain.summary import (
    STATE_TEXT,
    DaySummary,
    NutrientDay,
    WeekSummary,
    format_amount,
)
from tracker.services import totals
from tracker.services.context import Context


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    day = subparsers.add_parser(
        "day", help="totals of a day against your targets",
        description="Totals of magnesium, calcium, vitamin D, B12, potassium, sodium, caffeine, "
                    "water and energy for one diary day, against your reference intakes.")
    day.add_argument("--date", metavar="YYYY-MM-DD", help="diary day (default: today)")
    day.add_argument("--json", action="store_true", help="print JSON instead of a table")
    day.set_defaults(handler=_day)


# Machine output keeps this many significant digits at least; rounding for the eye
# (a tenth of a microgram) belongs to the table and the window, not to the JSON.
SIGNIFICANT_DIGITS = 6


def _round(value: float | None, digits: int = 1) -> float | None:
    """``value`` to ``digits`` decimals, or more where that keeps fewer than six significant
    digits (7.95 µg stays 7.95, not 7.9)."""
    if value is None:
        return None
    number = float(value)
    if number == 0 or not math.isfinite(number):
        return number
    needed = SIGNIFICANT_DIGITS - 1 - math.floor(math.log10(abs(number)))
    return round(number, max(digits, needed))


def _nutrient_json(item: NutrientDay) -> dict[str, Any]:
    return {
        "amount": _round(item.amount), "unit": item.unit, "target": item.target,
        "target_kind": item.target_kind, "percent_of_target": _round(item.percent_of_target),
        "upper_limit": item.upper_limit, "upper_limit_kind": item.upper_limit_kind,
        "upper_limit_applies_to": item.upper_limit_applies_to,
        "percent_of_upper_limit": _round(item.percent_of_upper_limit),
        "from_food": _round(item.from_food), "from_supplements": _round(item.from_supplements),
        "known_fraction": _round(item.known_fraction, 3), "state": item.state,
        "foods_without_data": list(item.missing_foods),
        "top_entries": [{"label": c.label, "amount": _round(c.amount, 2)}
                        for c in item.top_entries],
        "source": item.source or None,
        "upper_limit_source": item.upper_limit_source or None,
        "note": item.note or None,
        "upper_limit_note": item.upper_limit_note or None,
    }


def summary_json(day: DaySummary) -> dict[str, Any]:
    """The ``day --json`` document; drinks sit beside the nutrients, as the issue shows."""
    drinks = day.nutrients["drinks"]
    out: dict[str, Any] = {
        "date": day.date.isoformat(), "complete": day.complete, "logged": day.logged,
        "drinks_ml": _round(drinks.amount), "drinks_target_ml": drinks.target,
        "drinks_percent_of_target": _round(drinks.percent_of_target),
        "drinks_target_kind": drinks.target_kind, "drinks_target_source": drinks.source or None,
        "drinks_target_note": drinks.note or None,
        "food_grams": _round(day.food_grams),
        "reference_set": day.reference_set,
        "reference_set_name": (reference_set_name(day.reference_set)
                               if day.reference_set else None),
        "nutrients": {key: _nutrient_json(item) for key, item in day.nutrients.items()
                      if key != "drinks"},
    }
    if day.notice:
        out["notice"] = day.notice
    return out


def _target_text(item: NutrientDay) -> str:
    if item.target is None:
        return ""
    return f"{format_amount(item.target, item.unit, item.key)} {item.target_kind}"


def _limit_text(item: NutrientDay) -> str:
    if item.upper_limit is None:
        return ""
    scope = " (supplements)" if item.upper_limit_applies_to == "supplements" else ""
    return f"{format_amount(item.upper_limit, item.unit, item.key)} {item.upper_limit_kind}{scope}"


def _percent_text(value: float | None) -> str:
    return "" if value is None else f"{value:.0f} %"


def _known_text(value: float | None) -> str:
    return "" if value is None else f"{100 * value:.0f} %"


def table_lines(day: DaySummary, week: WeekSummary) -> list[str]:
    """The readable table: one row per nutrient, then the foods that lack data."""
    status = "marked complete" if day.complete else "not marked complete"
    lines = [f"{day.date.isoformat()} ({status}), {day.food_grams:,.0f} g of food logged"]
    if day.notice:
        lines.append(day.notice)
    if day.reference_set:
        lines.append(f"Targets: {reference_set_name(day.reference_set)}")
    head = ("", "Today", "Target", "% of target", "Upper limit", "Status", "Data known",
            f"7-day mean ({week.logged_days} logged)")
    rows = [head]
    for key, item in day.nutrients.items():
        mean = week.nutrients[key]
        rows.append((item.label, format_amount(item.amount, item.unit, key), _target_text(item),
                     _percent_text(item.percent_of_target), _limit_text(item),
                     STATE_TEXT[item.state], _known_text(item.known_fraction),
                     format_amount(mean.mean_amount, mean.unit, key)))
    widths = [max(len(row[i]) for row in rows) for i in range(len(head))]
    for row in rows:
        lines.append("  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True))
                     .rstrip())
    for item in day.nutrients.values():
        # A derived target, or a value the diary cannot compare with, is explained.
        if item.note and (item.target_kind == "derived" or
                          (item.target is None and item.upper_limit is None)):
            lines.append(f"{item.label}: {item.note}.")
    lacking = {name for item in day.nutrients.values() for name in item.missing_foods}
    if lacking:
        lines.append("Foods without data for some nutrients: " + "; ".join(sorted(lacking)))
    lines.append("Reference intakes are for healthy people in general; only a blood test read "
                 "by a clinician shows a deficiency.")
    return lines


def _day(args: argparse.Namespace, ctx: Context) -> int:
    day = date_arg(args.date, dt.date.today())
    assert day is not None
    summary = totals.day_summary(ctx, day)
    if args.json:
        print_json(summary_json(summary))
    else:
        print("\n".join(table_lines(summary, totals.week_summary(ctx, day))))
    return 0
