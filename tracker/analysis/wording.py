"""Plain-language sentences for each finding, written for someone who is not a statistician.

Every sentence says association, never cause, and a doctor with a blood test
is the route to a diagnosis.
"""

from __future__ import annotations

from typing import Any

from tracker.analysis.exposures import Exposure
from tracker.domain.finding_text import lag_phrase, stretch_phrase

_BLOOD_TEST = {
    "magnesium": "a blood test for magnesium",
    "calcium": "a blood test for calcium",
    "vitamin_d": "a blood test for vitamin D",
    "vitamin_b12": "a blood test for vitamin B12",
}


def _days(n: int) -> str:
    return f"{n} day" if n == 1 else f"{n} days"


def _num(value: float | None) -> str:
    return "–" if value is None else f"{value:.2g}" if value < 10 else f"{value:.0f}"


def finding_message(exposure: Exposure, result: dict[str, Any], min_group: int) -> str:
    """The sentence shown under each exposure in the findings panel and the CLI."""
    if result["days_needed"] > 0:
        return (f"{_days(result['logged_days'])} logged so far. Log {result['days_needed']} "
                f"more {'day' if result['days_needed'] == 1 else 'days'} before "
                f"{exposure.label.lower()} can be compared with your twitching.")
    if not result["enough_data"]:
        exposed, other = result["shortfall_days"], result["adequate_days"]
        if exposed == 0 or other == 0:
            side = exposure.exposed_phrase if other == 0 else exposure.other_phrase_alone
            return (f"All {_days(exposed + other)} that could be analysed were {side}, so "
                    f"there are no other days to compare them with yet; at least {min_group} "
                    f"on each side are needed.")
        return (f"Not enough days on both sides yet: {_days(exposed)} "
                f"{exposure.exposed_phrase} and {_days(other)} "
                f"{exposure.other_phrase}; at least {min_group} of each are needed. "
                f"Keep logging.")
    rates = (f"{_num(result['episodes_per_day_shortfall'])} episodes a day when intake "
             f"{stretch_phrase(result['window_days'])} was {exposure.exposed_phrase}, "
             f"against {_num(result['episodes_per_day_adequate'])} when it was "
             f"{exposure.other_phrase} (counting episodes {lag_phrase(result['lag_days'])})")
    low, high = result["ci95"]
    interval = (f"{_num(result['rate_ratio'])} times the rate, 95 % interval "
                f"{_num(low)} to {_num(high)}")
    if result["flagged"]:
        advice = (f" Ask your doctor about {_BLOOD_TEST[exposure.key]}."
                  if exposure.key in _BLOOD_TEST else " Mention it to your doctor.")
        return (f"Twitching was more frequent: {rates}; {interval}. This held up after "
                f"allowing for all {result['comparisons']} comparisons made. It is an "
                f"association, not proof of cause.{advice}")
    if result["p_value_adjusted"] < 0.05 and result["rate_ratio"] < 1:
        return (f"Twitching was less frequent, not more: {rates}; {interval}. A shortfall "
                f"going with fewer episodes is not a sign of need, so this is not flagged; "
                f"something else that changes with {exposure.label.lower()} may be involved.")
    return (f"No clear link: {rates}; {interval}. After allowing for all "
            f"{result['comparisons']} comparisons made, this could be chance.")
