"""What one user operation changed, so each view decides for itself whether to reload.

Every operation that changes the diary or the app's settings (add, edit, delete,
undo, redo, import, restore, a settings or profile save) ends with exactly one
``Changes``. Views subscribe to that one summary instead of to a signal per kind
of edit, so a new kind of operation cannot forget to tell one of them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from typing import Protocol


class Dated(Protocol):
    """Anything that belongs to a diary day (an entry, a day's factors)."""

    @property
    def date(self) -> dt.date: ...


@dataclass(frozen=True)
class Changes:
    """A typed summary of one operation.

    ``dates`` are the diary days whose entries or day factors changed;
    ``focus_date``/``focus_entry`` say what the person just touched, so the day
    view can show and select it. The flags name the other things that changed:
    foods (the person's own foods, recipes, meals), supplement products, the
    profile or targets, the app settings, self-experiments. ``everything``
    means the diary was replaced or rewritten wholesale (a restore, an import).
    """

    dates: frozenset[dt.date] = field(default_factory=frozenset)
    focus_date: dt.date | None = None
    focus_entry: str | None = None
    foods: bool = False
    supplements: bool = False
    profile: bool = False
    settings: bool = False
    experiments: bool = False
    everything: bool = False

    @classmethod
    def of(cls, *items: Dated, focus: Dated | None = None) -> Changes:
        """The days of ``items`` changed; ``focus`` (default: the last item) is shown."""
        target = focus if focus is not None else (items[-1] if items else None)
        focus_id = getattr(target, "id", None)
        return cls(dates=frozenset(item.date for item in items),
                   focus_date=target.date if target is not None else None,
                   focus_entry=focus_id if isinstance(focus_id, str) else None)

    @classmethod
    def removed(cls, item: Dated) -> Changes:
        """``item`` is gone; its day is shown, with nothing to select there."""
        return cls(dates=frozenset([item.date]), focus_date=item.date)

    @classmethod
    def of_dates(cls, dates: Iterable[dt.date]) -> Changes:
        return cls(dates=frozenset(dates))

    @classmethod
    def whole_diary(cls) -> Changes:
        return cls(everything=True)

    def __or__(self, other: Changes) -> Changes:
        """Both operations' changes; the later one's focus wins."""
        return replace(
            self,
            dates=self.dates | other.dates,
            focus_date=other.focus_date or self.focus_date,
            focus_entry=other.focus_entry or self.focus_entry,
            foods=self.foods or other.foods,
            supplements=self.supplements or other.supplements,
            profile=self.profile or other.profile,
            settings=self.settings or other.settings,
            experiments=self.experiments or other.experiments,
            everything=self.everything or other.everything,
        )

    @property
    def diary(self) -> bool:
        """Whether anything a chart or an analysis reads from the diary changed."""
        return bool(self.dates) or self.everything or self.foods or self.supplements \
            or self.profile or self.experiments

    def touches_day(self, date: dt.date) -> bool:
        """Whether the rows shown for ``date`` may look different now.

        Food and product edits rename or revalue rows; settings change units.
        """
        return (self.everything or date in self.dates or self.foods or self.supplements
                or self.settings or self.experiments)

    def touches_period(self, first: dt.date, last: dt.date) -> bool:
        """Whether totals over ``first``..``last`` may differ (targets depend on the profile)."""
        return (self.touches_day(first) or self.profile
                or any(first <= day <= last for day in self.dates))
