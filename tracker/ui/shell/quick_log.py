"""One-step logging from outside the diary window: the tray menu and the quick-log window.

Every action here is the same undoable operation the window's own buttons use
(``MainWindow.save_entry`` pushes an undo command), dated today whatever day
the window happens to show, so Ctrl+Z in the window takes it back.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from tracker.domain.entries import CaffeineEntry, Episode, WaterEntry
from tracker.domain.errors import UserError
from tracker.domain.units import volume_text
from tracker.services import diary

if TYPE_CHECKING:
    from tracker.ui.shell.main_window import MainWindow

# With nothing logged before, "Coffee" means a cup of brewed coffee (USDA SR28
# 14209: 40 mg caffeine per 100 g, about 95 mg in a 237 ml cup).
DEFAULT_COFFEE = ("coffee", 95.0)


class QuickLog:
    """Twitch now, twitch at a site, a glass of water, the last caffeine again."""

    def __init__(self, window: MainWindow) -> None:
        self.window = window

    def _now(self) -> tuple[dt.date, dt.time]:
        now = self.window.clock()
        return now.date(), now.time().replace(second=0, microsecond=0)

    def _save(self, entry: object, done: str) -> str | None:
        """Save as one undo step; returns what was logged, or None (the refusal is shown)."""
        try:
            self.window.save_entry(entry)  # type: ignore[arg-type]
        except UserError as exc:
            self.window.show_error(exc.message)
            return None
        self.window.statusBar().showMessage(f"{done} Ctrl+Z undoes it.", 10000)
        return done

    def last_site(self) -> str:
        return str(self.window.settings.get("last_body_site"))

    def twitch(self, site: str | None = None) -> str | None:
        """A twitch now at ``site`` (default: where the last one was); the site is remembered."""
        settings = self.window.settings
        where = site or self.last_site()
        date, time = self._now()
        episode = Episode(date, time, str(settings.get("last_episode_kind")), where,
                          self.window.quick_intensity, str(settings.get("last_side")))
        done = self._save(episode, f"Logged a {episode.kind} ({where}) at {time:%H:%M}.")
        if done and site:
            settings.set("last_body_site", site)
        return done

    def _glass(self) -> tuple[float, str]:
        """The glass size in ml (as stored) and as the person reads it (ml or US fl oz)."""
        volume = float(self.window.settings.get("glass_ml"))
        return volume, volume_text(volume, str(self.window.settings.get("units")))

    def glass_label(self) -> str:
        return f"Glass of water ({self._glass()[1]})"

    def glass_of_water(self) -> str | None:
        volume, shown = self._glass()
        date, time = self._now()
        return self._save(WaterEntry(date, time, volume), f"Logged a glass of water ({shown}).")

    def coffee_label(self) -> str:
        last = diary.last_caffeine(self.window.ctx)
        label, mg = (last.label or "caffeine", last.caffeine_mg) if last else DEFAULT_COFFEE
        return f"{label.capitalize()} again ({mg:g} mg)" if last else f"Coffee ({mg:g} mg)"

    def coffee(self) -> str | None:
        """The last caffeine entry repeated now (label and milligrams)."""
        last = diary.last_caffeine(self.window.ctx)
        label, mg = (last.label, last.caffeine_mg) if last else DEFAULT_COFFEE
        date, time = self._now()
        return self._save(CaffeineEntry(date, time, mg, label),
                          f"Logged {label or 'caffeine'} ({mg:g} mg) at {time:%H:%M}.")
