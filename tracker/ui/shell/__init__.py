"""The application shell: start-up, the main window, its actions and shortcuts.

The diary's own modules that the first window needs load here, before any Qt
module does: once PySide6 is imported it reads the source of every Python module
imported after it (to support its per-module ``__feature__`` switches), about a
tenth of a millisecond each, a measurable part of a cold start.
"""

import importlib

for _name in ("tracker.domain.changes", "tracker.domain.entries", "tracker.domain.units",
              "tracker.services.context", "tracker.services.diary",
              "tracker.services.experiments", "tracker.services.foods.lookup",
              "tracker.services.supplements"):
    importlib.import_module(_name)
