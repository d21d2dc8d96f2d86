"""Which app wrote a file, and reading it with the person's choices.

A bundle (an export of this app: a folder or .zip) is read by ``importer``;
a CSV file is told apart by its header: Cronometer's servings export has Day,
Food Name and Amount columns, Bearable's has category and detail.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from tracker.domain.errors import UserError
from tracker.services.context import Context
from tracker.services.transfer.other_apps import bearable, cronometer
from tracker.services.transfer.other_apps.plan import ForeignPlan
from tracker.services.transfer.other_apps.table import first_line

BUNDLE = "bundle"
CRONOMETER = "cronometer"
BEARABLE = "bearable"
FORMATS = (BUNDLE, CRONOMETER, BEARABLE)


@dataclass(frozen=True)
class Choices:
    """What the person decided for an import from another app."""

    episode_symptoms: Sequence[str] = ()
    cramp_symptoms: Sequence[str] = ()
    supplements: Mapping[str, str] = field(default_factory=dict)  # name -> product id or new


def detect(path: Path) -> str:
    """The format of ``path``: a bundle folder or .zip, or which app's CSV it is."""
    path = Path(path).expanduser()
    if not path.exists():
        raise UserError(f"There is no file or folder at {path}.", "path")
    if path.is_dir():
        return CRONOMETER if (path / cronometer.SERVINGS).is_file() else BUNDLE
    if path.suffix.lower() == ".zip":
        return BUNDLE
    header = first_line(path)
    if cronometer.looks_like(header):
        return CRONOMETER
    if bearable.looks_like(header):
        return BEARABLE
    raise UserError(f"{path.name} is not an export this app reads: a Nutrient Tracker export "
                    "(folder or .zip), Cronometer's servings.csv or a Bearable export. Name "
                    "the format with --format if it is one of these.", "path")


def read_foreign(ctx: Context, path: Path, kind: str, choices: Choices = Choices()
                 ) -> ForeignPlan:
    """Read another app's export; nothing is written."""
    if kind == CRONOMETER:
        return cronometer.read_cronometer(ctx, path, choices.supplements)
    if kind == BEARABLE:
        return bearable.read_bearable(path, choices.episode_symptoms, choices.cramp_symptoms)
    raise UserError(f"Unknown format {kind!r}; use one of {', '.join(FORMATS)}.", "format")
