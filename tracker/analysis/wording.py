"""Plain-language sentences for each finding and for the model, written for someone who
is not a statistician.

Every sentence says association, never cause, and a doctor with a blood test
is the route to a diagnosis.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from tracker.analysis.exposures import Exposure
from tracker.domain.finding_text import (
    SAME_DAY_CAVEAT,
    both_days,
    short_timing,
    timing_phrase,
)

if TYPE_CHECKING:
    from tracker.analysis.count_model import FittedModel
    from tracker.analysis.design import Design

_BLOOD_TEST = {
    "magnesium": "a blood test for magnesium",
    "calcium": "a blood test for calcium",
    "vitamin_d": "a blood test for vitamin D",
    "vitamin_b12": "a blood test for vitamin B12",
    "potassium": "a blood test for potassium",
}


def _days(n: int) -> str:
    return f"{n} day" if n == 1 else f"{n} days"


def _num(value: float | None) -> str:
    return "–" if value is None else f"{value:.2g}" if value < 10 else f"{value:.0f}"


def _was(exposure: Exposure) -> str:
    return "were" if exposure.subject.endswith("s") and exposure.subject != "stress" else "was"


def _it(exposure: Exposure) -> str:
    return "they" if _was(exposure) == "were" else "it"


def when(exposure: Exposure, window: int, lag: int) -> str:
    """"intake over the 3 days before", "sleep the night before"."""
    return f"{exposure.subject} {timing_phrase(window, lag, night=exposure.key == 'sleep')}"


def exposed_when(exposure: Exposure) -> str:
    """The primary exposure in a few words: "below target, 3 days before"."""
    timing = short_timing(exposure.window, exposure.lag, night=exposure.key == "sleep")
    return f"{exposure.short}, {timing}"


def doubling_sentence(result: dict[str, Any]) -> str:
    """"About 45 more logged days would show a doubling, if there is one." or ''."""
    days = result["days_needed_for_doubling"]
    if days is None or result["flagged"]:
        return ""
    if days == 0:
        return (" Your diary is already long enough to show a doubling of the rate, if there "
                "were one.")
    return f" About {days} more logged days to detect a doubling, if there is one."


def finding_message(exposure: Exposure, result: dict[str, Any], min_group: int) -> str:
    """The sentence shown under each exposure in the findings panel, the CLI and the PDF."""
    if result["days_needed"] > 0:
        return (f"{_days(result['logged_days'])} logged so far. Log {result['days_needed']} "
                f"more {'day' if result['days_needed'] == 1 else 'days'} before "
                f"{exposure.label.lower()} can be compared with your twitching.")
    timing = when(exposure, result["window_days"], result["lag_days"])
    if not result["enough_data"]:
        exposed, other = result["shortfall_days"], result["adequate_days"]
        if exposed == 0 or other == 0:
            side = exposure.exposed_phrase if other == 0 else exposure.other_alone
            if exposed + other == 0:
                return (f"No day yet has {exposure.subject} to compare with your twitching."
                        f"{doubling_sentence(result)}")
            return (f"On all {_days(exposed + other)} that could be analysed, {timing} "
                    f"{_was(exposure)} "
                    f"{side}, so there are no other days to compare them with yet; at least "
                    f"{min_group} on each side are needed.")
        if (min(exposed, other) >= min_group and result["episodes_per_day_shortfall"] == 0
                and result["episodes_per_day_adequate"] == 0):
            return (f"No twitching logged on any of the {_days(exposed + other)} that could "
                    f"be analysed, so there is nothing to compare yet.")
        was = _was(exposure)
        return (f"Not enough days on both sides yet: {_days(exposed)} when {timing} {was} "
                f"{exposure.exposed_phrase} and {_days(other)} when {_it(exposure)} {was} "
                f"{exposure.other_phrase}; at least {min_group} of each are needed. Keep "
                f"logging.{doubling_sentence(result)}")
    was = _was(exposure)
    rates = (f"{_num(result['episodes_per_day_shortfall'])} episodes a day when {timing} {was} "
             f"{exposure.exposed_phrase}, against {_num(result['episodes_per_day_adequate'])} "
             f"when {_it(exposure)} {was} {exposure.other_phrase}")
    low, high = result["adjusted_ci95"]
    together = (f", and counting {exposure.subject} "
                f"{both_days(night=exposure.key == 'sleep')} together"
                if result["adjusted_both_days"] else "")
    adjusted = (f"allowing for the other factors, the day of the week and slow changes{together}, "
                f"{_num(result['adjusted_rate_ratio'])} times the rate (95 % interval "
                f"{_num(low)} to {_num(high)})")
    caveat = f" {SAME_DAY_CAVEAT}" if result["same_day"] else ""
    if result["flagged"]:
        advice = (f" Ask your doctor about {_BLOOD_TEST[exposure.key]}."
                  if exposure.key in _BLOOD_TEST else " Mention it to your doctor.")
        return (f"Twitching was more frequent: {rates}; {adjusted}. This held up after "
                f"allowing for the {result['comparisons']} factors tested. It is an "
                f"association, not proof of cause.{caveat}{advice}")
    if high is not None and high < 1:
        return (f"Twitching was less frequent, not more: {rates}; {adjusted}. This is not a "
                f"sign of need, so it is not flagged; something else that changes with "
                f"{exposure.label.lower()} may be involved.")
    return (f"No clear link: {rates}; {adjusted}. After allowing for the "
            f"{result['comparisons']} factors tested, this could be chance."
            f"{doubling_sentence(result)}")


def model_summary(design: Design, fitted: FittedModel | None, min_group: int,
                  dow_min_rows: int, tests: int, level: float) -> dict[str, Any]:
    """The top-level ``model`` entry: what was fitted and what it was adjusted for."""
    tested = list(design.tested) if fitted else []
    return {
        "kind": "Poisson regression of daily episodes with overdispersion (quasi-likelihood), "
                "fitted with statsmodels",
        "exposures_tested": tested,
        "adjusted_for": ["each other exposure tested", *design.adjusted_for] if fitted else [],
        "standard_errors": "quasi-Poisson, never smaller than Newey-West over 7 days of lags",
        "acute_exposures_estimated": "over the same day and the day before together "
                                     "(the two coefficients added)",
        "test": f"one-sided t tests for more episodes on the residual degrees of freedom, "
                f"Holm-adjusted over the {tests} primary exposures",
        "flagged_below_p_value_adjusted": level,
        "minimum_days_each_side": min_group,
        "day_of_week_from_days": dow_min_rows,
        "days": int(fitted.rows) if fitted else 0,
        "parameters": int(fitted.columns) if fitted else 0,
        "dispersion": round(fitted.dispersion, 3) if fitted else None,
    }
