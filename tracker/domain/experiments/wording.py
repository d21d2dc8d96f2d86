"""What the app says about a trial: its name, the day's phase and the result in plain words."""

from __future__ import annotations

from tracker.domain.entries import SupplementProduct
from tracker.domain.experiments.comparison import HELPED, NO_CLEAR_DIFFERENCE, WORSE
from tracker.domain.experiments.plan import CAFFEINE_LIMIT, SUPPLEMENT, TrialPlan
from tracker.domain.experiments.randomisation import fewest_pairs, min_possible_p
from tracker.domain.experiments.schedule import ON, DayPhase
from tracker.domain.nutrients import BY_KEY

CAVEATS: tuple[str, ...] = (
    "You knew which phase you were in (the trial is not blinded), and expecting a change "
    "can change how often twitching is noticed and logged.",
    "The result is about you only, over these weeks; it does not show what would happen to "
    "anyone else or at another time.",
    "Talk to a doctor before starting or stopping a supplement, and about what the result "
    "means for you.",
)
STOPPED_CAVEAT = ("The trial was stopped early: only the pairs completed before the stop are "
                  "compared, so it can show less than the full plan would have.")


def _plural(n: float, word: str) -> str:
    return f"{n:g} {word}{'' if n == 1 else 's'}"


def washin_text(days: int) -> str:
    """"the first 3 days of each block not counted" (or "no wash-in days")."""
    if days == 0:
        return "every day of each block counted"
    return ("the first day" if days == 1 else f"the first {days} days") + \
        " of each block not counted"


def subject(plan: TrialPlan, product: SupplementProduct | None) -> str:
    """The thing tested in a few words: "magnesium", "caffeine limit", "drinks"."""
    if plan.kind == SUPPLEMENT:
        if product is None:
            return "supplement"
        declared = [k for k, v in product.per_unit.items() if v]
        if len(declared) == 1 and declared[0] in BY_KEY:
            return BY_KEY[declared[0]].label.lower()
        return product.name
    return "caffeine limit" if plan.kind == CAFFEINE_LIMIT else "drinks"


def describe(plan: TrialPlan, product: SupplementProduct | None) -> str:
    """"Magnesium glycinate, 1 capsule a day", "caffeine at most 100 mg a day"."""
    if plan.kind == SUPPLEMENT:
        name = product.name if product else "a supplement"
        unit = product.unit_label if product else "unit"
        return f"{name}, {_plural(plan.units or 0, unit)} a day"
    if plan.kind == CAFFEINE_LIMIT:
        return f"caffeine at most {plan.limit_mg:g} mg a day"
    return f"drinks at least {plan.min_ml:,.0f} ml a day"


def todays_task(plan: TrialPlan, product: SupplementProduct | None, phase: str,
                when: str = "today") -> str:
    """What the phase asks of the day; ``when`` is "today" or "that day"."""
    if plan.kind == SUPPLEMENT:
        if phase == ON:
            unit = product.unit_label if product else "unit"
            return f"{_plural(plan.units or 0, unit)} {when}"
        return f"no {product.name if product else 'supplement'} {when}"
    if plan.kind == CAFFEINE_LIMIT:
        return (f"at most {plan.limit_mg:g} mg caffeine {when}" if phase == ON
                else f"your usual caffeine {when}")
    return (f"at least {plan.min_ml:,.0f} ml of drinks {when}" if phase == ON
            else f"drink as usual {when}")


def banner(plan: TrialPlan, product: SupplementProduct | None, day_phase: DayPhase,
           when: str = "today") -> str:
    """"Week 3 of 10: magnesium ON — 1 capsule today" ("that day" for another day)."""
    task = todays_task(plan, product, day_phase.phase, when)
    text = (f"Week {day_phase.week} of {day_phase.weeks}: {subject(plan, product)} "
            f"{day_phase.phase.upper()} — {task}")
    if day_phase.washin:
        text += " (wash-in day: not counted)"
    return text


def before_start(plan: TrialPlan, product: SupplementProduct | None) -> str:
    return (f"Self-experiment on {subject(plan, product)} starts "
            f"{plan.start:%a} {plan.start.day} {plan.start:%b %Y}.")


def reach_note(pairs: int) -> str:
    """Says plainly when a plan's test can never reach 0.05."""
    fewest = fewest_pairs()
    if pairs >= fewest:
        return ""
    return (f"With {pairs} pairs the test can never reach p = 0.05 (the smallest p it can "
            f"give is {float(min_possible_p(pairs)):.3g}); {fewest} pairs are the fewest that "
            "can. You can still run it, to get a first impression.")


def verdict_text(verdict: str, what: str, rate_ratio: float | None,
                 p_value: float | None) -> str:
    if verdict == HELPED:
        return (f"During the ON blocks ({what}) you had fewer episodes: about "
                f"{rate_ratio:.2f} times as many as OFF (p = {p_value:.3g}). Such a clear "
                "difference is unlikely to come from the random order alone.")
    if verdict == WORSE:
        return (f"During the ON blocks ({what}) you had more episodes: about "
                f"{rate_ratio:.2f} times as many as OFF (p = {p_value:.3g}).")
    if verdict == NO_CLEAR_DIFFERENCE:
        ratio = "" if rate_ratio is None else f" (ON had {rate_ratio:.2f} times the OFF rate)"
        return (f"No clear difference between ON and OFF{ratio}: a difference this size "
                "could well come from the random order alone. It may still exist but be "
                "smaller than this trial could detect.")
    return ("Not enough data for an answer: the blocks compared so far cannot give p below "
            f"0.05 whatever happened in them. The test needs at least {fewest_pairs()} "
            "completed ON blocks and as many OFF blocks, each with logged days.")

