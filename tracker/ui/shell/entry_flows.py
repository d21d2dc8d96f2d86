"""Opening the right dialog for adding or editing each kind of entry.

Every dialog saves through the window's undo stack while it is still open, so a
refusal (bad input, diary busy) appears beside the field and keeps the input.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QDialog, QMessageBox

from tracker import __version__
from tracker.domain.entries import (
    CaffeineEntry,
    Entry,
    Episode,
    FoodEntry,
    SupplementDose,
    WaterEntry,
)
from tracker.domain.errors import UserError
from tracker.ui.day.entry_dialogs import CaffeineDialog, EpisodeDialog, WaterDialog
from tracker.ui.shell.shortcuts import ShortcutsDialog

if TYPE_CHECKING:
    from tracker.ui.shell.main_window import MainWindow

def _saver(window: MainWindow, old: Entry | None) -> Callable[[Entry], None]:
    return lambda entry: window.save_entry(entry, old)


def add_food(window: MainWindow, old: FoodEntry | None = None) -> None:
    from tracker.ui.foods.food_dialog import FoodDialog

    date, time = (old.date, old.time) if old else (window.date, window.now_time())
    FoodDialog(window.ctx, date, time, window, entry=old, saver=_saver(window, old)).exec()


def add_supplement(window: MainWindow, old: SupplementDose | None = None) -> None:
    from tracker.ui.supplements.supplement_dialog import SupplementDoseDialog

    date, time = (old.date, old.time) if old else (window.date, window.now_time())
    SupplementDoseDialog(window.ctx, date, time, window, dose=old,
                         saver=_saver(window, old)).exec()


def add_water(window: MainWindow, old: WaterEntry | None = None) -> None:
    date, time = (old.date, old.time) if old else (window.date, window.now_time())
    WaterDialog(date, time, window, entry=old, unit=str(window.settings.get("water_unit")),
                saver=_saver(window, old)).exec()


def add_caffeine(window: MainWindow, old: CaffeineEntry | None = None) -> None:
    date, time = (old.date, old.time) if old else (window.date, window.now_time())
    CaffeineDialog(date, time, window, entry=old, saver=_saver(window, old)).exec()


def add_episode(window: MainWindow, old: Episode | None = None) -> None:
    date, time = (old.date, old.time) if old else (window.date, window.now_time())
    settings = window.settings
    defaults = Episode(date, time, str(settings.get("last_episode_kind")),
                       str(settings.get("last_body_site")), window.quick_intensity,
                       str(settings.get("last_side")))
    dialog = EpisodeDialog(date, time, window, entry=old, defaults=defaults,
                           saver=_saver(window, old))
    if dialog.exec() == QDialog.DialogCode.Accepted:
        remember_episode(window, dialog.entry())  # type: ignore[arg-type]


def remember_episode(window: MainWindow, episode: Episode) -> None:
    """The one-click twitch repeats the kind, site and side logged last."""
    for key, value in (("last_episode_kind", episode.kind),
                       ("last_body_site", episode.body_site), ("last_side", episode.side)):
        if window.settings.get(key) != value:
            window.settings.set(key, value)


def edit_entry(window: MainWindow, entry: Entry) -> None:
    if isinstance(entry, FoodEntry):
        add_food(window, entry)
    elif isinstance(entry, SupplementDose):
        add_supplement(window, entry)
    elif isinstance(entry, WaterEntry):
        add_water(window, entry)
    elif isinstance(entry, CaffeineEntry):
        add_caffeine(window, entry)
    else:
        add_episode(window, entry)


def open_settings(window: MainWindow) -> None:
    from tracker.ui.settings.settings_dialog import SettingsDialog

    if SettingsDialog(window.ctx, window.settings, window).exec() == QDialog.DialogCode.Accepted:
        window.settings_changed()


def open_backups(window: MainWindow, check: bool = False) -> None:
    """File → Backups… (and Check diary, which runs the check as the dialog opens)."""
    from tracker.ui.safety.backups_dialog import BackupsDialog

    try:
        dialog = BackupsDialog(window.ctx, window)
    except UserError as exc:
        window.show_error(exc.message)
        return
    dialog.diaryRestored.connect(lambda _result: window.diary_replaced())
    if check:
        dialog.check_diary()
    dialog.exec()


def open_export(window: MainWindow) -> None:
    from tracker.ui.transfer.export_dialog import ExportDialog

    ExportDialog(window.ctx, window, today=window.clock().date()).exec()


def open_import(window: MainWindow) -> None:
    from tracker.ui.transfer.import_dialog import ImportDialog

    dialog = ImportDialog(window.ctx, window)
    dialog.imported.connect(lambda _summary: window.refresh_day())
    dialog.exec()


def show_shortcuts(window: MainWindow) -> None:
    ShortcutsDialog(window).exec()


def show_about(window: MainWindow) -> None:
    QMessageBox.about(
        window, "About Nutrient Tracker",
        f"<p><b>Nutrient Tracker {__version__}</b></p>"
        "<p>An offline diary of food, drinks, caffeine, supplements and muscle twitching. "
        "It compares magnesium, calcium, vitamin D and B12 with the Dietary Reference "
        "Intakes for your profile.</p><p>It is not a diagnosis: a blood test read by a "
        "clinician is what establishes a deficiency. Nothing leaves this computer.</p>")


def show_sources(window: MainWindow) -> None:
    QMessageBox.information(
        window, "Data sources",
        "<p><b>Foods:</b> USDA ARS, USDA National Nutrient Database for Standard Reference, "
        "Release 28 (2016), public domain: 8,789 foods, values per 100 g. A value the "
        "database lacks is shown as unknown, never as zero, and totals say how much of the "
        "food logged has data.</p>"
        "<p><b>Targets and upper limits:</b> Dietary Reference Intakes of the US Institute of "
        "Medicine / National Academies: calcium and vitamin D (2011), magnesium (1997), "
        "B vitamins (1998), water (2004), sodium and potassium (2019). Caffeine: US FDA "
        "consumer guidance and EFSA (2015); ACOG for pregnancy.</p>"
        "<p>These are population reference values, not a diagnosis.</p>")


def manage_products(window: MainWindow) -> None:
    from tracker.ui.supplements.supplement_dialog import SupplementProductsDialog

    SupplementProductsDialog(window.ctx, window).exec()
    window.refresh_day()
