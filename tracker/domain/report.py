"""What the doctor-visit report shows, as plain data the PDF writer lays out.

The analysis layer fills the intake figures and the chart; the episode and
supplement summaries are simple counts made here from the diary's own objects.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from tracker.domain.entries import Episode, SupplementDose, SupplementProduct

# Written for the clinician reading the report; the app's own screens word it for the person.
CAVEAT = ("These are patterns in a diary the person kept themselves, not proof that one "
          "thing causes another; twitching and cramps have many causes. A diagnosis needs a "
          "clinician, and magnesium, calcium, vitamin D and B12 status needs a blood test.")


@dataclass(frozen=True)
class IntakeLine:
    """Average daily intake of one nutrient over the logged days, against its target."""

    key: str
    label: str
    unit: str
    mean: float | None
    target: float | None
    pct: float | None
    known_fraction: float | None
    days: int
    is_limit: bool = False  # the target is a ceiling (caffeine), not a goal


@dataclass(frozen=True)
class ChartBin:
    """One bar group of the chart: a run of days with mean percent of target per nutrient."""

    first: dt.date
    last: dt.date
    pct: dict[str, float | None]
    episodes_per_week: float
    logged_days: int


@dataclass(frozen=True)
class EpisodeSummary:
    count: int
    per_week: float
    by_site: list[tuple[str, int]]
    by_kind: list[tuple[str, int]]
    mean_intensity: float | None
    max_intensity: int | None


@dataclass(frozen=True)
class SupplementLine:
    name: str
    doses: int
    days: int
    mean_units: float
    unit_label: str
    per_unit: dict[str, float]


@dataclass(frozen=True)
class FindingLine:
    """One exposure's row in the report: what it is, its days, rates and adjusted estimate."""

    label: str
    flagged: bool
    message: str
    exposed_when: str = ""
    tested: bool = False
    same_day: bool = False
    exposed_days: int = 0
    other_days: int = 0
    rate_exposed: float | None = None
    rate_other: float | None = None
    adjusted_ratio: float | None = None
    adjusted_ci: tuple[float | None, float | None] | None = None
    days_for_doubling: int | None = None


@dataclass(frozen=True)
class ExperimentLine:
    """One self-experiment in the report: what, when, the schedule, adherence and result."""

    title: str
    blocks: tuple[tuple[dt.date, dt.date, str], ...]  # first day, last day, "on"/"off"
    design: str
    adherence: str
    result: str


@dataclass
class ReportData:
    first: dt.date
    last: dt.date
    profile_text: str
    logged_days: int
    complete_days: int
    intake: list[IntakeLine] = field(default_factory=list)
    bins: list[ChartBin] = field(default_factory=list)
    bin_days: int = 7
    episodes: EpisodeSummary | None = None
    supplements: list[SupplementLine] = field(default_factory=list)
    findings: list[FindingLine] = field(default_factory=list)
    findings_note: str = ""
    # Where the targets come from: "US/Canadian Dietary Reference Intakes", "EFSA …".
    reference_text: str = "US/Canadian Dietary Reference Intakes (DRI)"
    reference_note: str = ""
    experiments: list[ExperimentLine] = field(default_factory=list)

    @property
    def n_days(self) -> int:
        return (self.last - self.first).days + 1


def summarise_episodes(episodes: Iterable[Episode], n_days: int) -> EpisodeSummary:
    """Counts per body site and kind, the rate per week and the intensities."""
    items = list(episodes)
    intensities = [e.intensity for e in items]
    return EpisodeSummary(
        count=len(items),
        per_week=7.0 * len(items) / max(n_days, 1),
        by_site=Counter(e.body_site for e in items).most_common(),
        by_kind=Counter(e.kind for e in items).most_common(),
        mean_intensity=sum(intensities) / len(intensities) if intensities else None,
        max_intensity=max(intensities) if intensities else None,
    )


def summarise_supplements(doses: Iterable[SupplementDose],
                          products: Mapping[str, SupplementProduct]) -> list[SupplementLine]:
    """One line per product taken in the period, most taken first."""
    by_product: dict[str, list[SupplementDose]] = {}
    for dose in doses:
        by_product.setdefault(dose.product_id, []).append(dose)
    lines = []
    for product_id, taken in by_product.items():
        product = products.get(product_id)
        if product is None:
            continue
        lines.append(SupplementLine(
            product.name, len(taken), len({d.date for d in taken}),
            sum(d.units for d in taken) / len(taken), product.unit_label,
            dict(product.per_unit)))
    return sorted(lines, key=lambda line: (-line.doses, line.name.casefold()))


def profile_text(sex: str | None, age: float | None, life_stage: str | None) -> str:
    """"Female, 46 years" (plus the life stage when it is not general)."""
    if sex is None or age is None:
        return "No profile set: targets are the person's own only."
    text = f"{sex.capitalize()}, {int(age)} years"
    if life_stage and life_stage != "general":
        text += f", {life_stage}"
    return text
