"""The dialogs the main window opens: adding and editing entries, settings, backups,
export and import, help.

Every dialog saves through the window's undo stack while it is still open, so a
refusal (bad input, diary busy) appears beside the field and keeps the input.
Dialogs that change the diary or settings outside an undo command publish their
``Changes`` on the window's bus themselves.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtWidgets import QDialog, QMessageBox, QWidget

from tracker import __version__
from tracker.domain.changes import Changes
from tracker.domain.entries import (
    CaffeineEntry,
    Entry,
    Episode,
    FoodEntry,
    SupplementDose,
    WaterEntry,
)
from tracker.domain.errors import UserError
from tracker.domain.meals import Meal
from tracker.ui.common.host import DiaryHost
from tracker.ui.day.entry_dialogs import CaffeineDialog, EpisodeDialog, WaterDialog
from tracker.ui.shell.shortcuts import ShortcutsDialog


class WindowFlows:
    """Opens each dialog over ``parent`` for the diary ``host`` holds."""

    def __init__(self, parent: QWidget, host: DiaryHost) -> None:
        self.parent = parent
        self.host = host

    def _saver(self, old: Entry | None) -> Callable[[Entry], None]:
        return lambda entry: self.host.save_entry(entry, old)

    def _when(self, old: Entry | None) -> tuple:
        return (old.date, old.time) if old else (self.host.date, self.host.now_time())

    # --- entries --------------------------------------------------------
    def add_food(self) -> None:
        self._food_dialog(None)

    def add_water(self) -> None:
        self._water_dialog(None)

    def add_caffeine(self) -> None:
        self._caffeine_dialog(None)

    def add_supplement(self) -> None:
        self._supplement_dialog(None)

    def add_episode(self) -> None:
        self._episode_dialog(None)

    def edit_entry(self, entry: Entry) -> None:
        """Open ``entry`` in the dialog of its kind; saving replaces it as one undo step."""
        if isinstance(entry, FoodEntry):
            self._food_dialog(entry)
        elif isinstance(entry, SupplementDose):
            self._supplement_dialog(entry)
        elif isinstance(entry, WaterEntry):
            self._water_dialog(entry)
        elif isinstance(entry, CaffeineEntry):
            self._caffeine_dialog(entry)
        else:
            self._episode_dialog(entry)

    def _food_dialog(self, old: FoodEntry | None) -> None:
        from tracker.ui.foods.food_dialog import FoodDialog

        date, time = self._when(old)
        dialog = FoodDialog(self.host.ctx, date, time, self.parent, entry=old,
                            saver=self._saver(old), meal_saver=self._log_meal)
        dialog.foodCreated.connect(lambda _food: self.host.bus.publish(Changes(foods=True)))
        dialog.picker.set_units(str(self.host.settings.get("units")))
        dialog.exec()

    def _supplement_dialog(self, old: SupplementDose | None) -> None:
        from tracker.ui.supplements.supplement_dialog import SupplementDoseDialog

        date, time = self._when(old)
        dialog = SupplementDoseDialog(self.host.ctx, date, time, self.parent, dose=old,
                                      saver=self._saver(old))
        dialog.productsChanged.connect(self._products_changed)
        dialog.exec()

    def _water_dialog(self, old: WaterEntry | None) -> None:
        date, time = self._when(old)
        WaterDialog(date, time, self.parent, entry=old,
                    units=str(self.host.settings.get("units")),
                    saver=self._saver(old)).exec()

    def _caffeine_dialog(self, old: CaffeineEntry | None) -> None:
        date, time = self._when(old)
        CaffeineDialog(date, time, self.parent, entry=old, saver=self._saver(old)).exec()

    def _episode_dialog(self, old: Episode | None) -> None:
        date, time = self._when(old)
        settings = self.host.settings
        defaults = Episode(date, time, str(settings.get("last_episode_kind")),
                           str(settings.get("last_body_site")), self.host.quick_intensity,
                           str(settings.get("last_side")))
        dialog = EpisodeDialog(date, time, self.parent, entry=old, defaults=defaults,
                               saver=self._saver(old))
        if dialog.exec() == QDialog.DialogCode.Accepted:
            saved = dialog.saved_entry()
            if isinstance(saved, Episode):
                self.remember_episode(saved)

    def remember_episode(self, episode: Episode) -> None:
        """The one-click twitch repeats the kind, site and side logged last."""
        settings = self.host.settings
        for key, value in (("last_episode_kind", episode.kind),
                           ("last_body_site", episode.body_site), ("last_side", episode.side)):
            if settings.get(key) != value:
                settings.set(key, value)

    # --- the diary as a whole --------------------------------------------
    def open_settings(self, tab: str = "Profile") -> None:
        from tracker.ui.settings.settings_dialog import SettingsDialog

        dialog = SettingsDialog(self.host.ctx, self.host.settings, self.parent, tab)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.host.bus.publish(Changes(settings=True, profile=True))

    def open_profile(self) -> None:
        from tracker.ui.settings.profile_dialog import ProfileDialog

        if ProfileDialog(self.host.ctx, self.parent).exec() == QDialog.DialogCode.Accepted:
            self.host.bus.publish(Changes(profile=True))

    def open_backups(self, check: bool = False) -> None:
        """File → Backups… (and Check diary, which runs the check as the dialog opens)."""
        from tracker.ui.safety.backups_dialog import BackupsDialog

        try:
            dialog = BackupsDialog(self.host.ctx, self.parent)
        except UserError as exc:
            self.host.show_error(exc.message)
            return
        dialog.diaryRestored.connect(lambda _result: self._diary_replaced())
        if check:
            dialog.check_diary()
        dialog.exec()

    def _diary_replaced(self) -> None:
        # The undo steps belong to the diary that was replaced.
        self.host.undo_stack.clear()
        self.host.bus.publish(Changes.whole_diary())

    def open_export(self) -> None:
        from tracker.ui.transfer.export_dialog import ExportDialog

        ExportDialog(self.host.ctx, self.parent, today=self.host.today()).exec()

    def open_import(self) -> None:
        from tracker.ui.transfer.import_command import ImportBundle
        from tracker.ui.transfer.import_dialog import ImportDialog

        dialog = ImportDialog(self.host.ctx, self.parent)
        dialog.imported.connect(lambda receipt: self.host.undo_stack.push(
            ImportBundle(self.host.ctx, self.host.bus, receipt)))
        dialog.exec()

    def open_import_other(self) -> None:
        """File → Import from another app…: the import is one undo step."""
        from tracker.services.transfer.other_apps.plan import ForeignPlan
        from tracker.ui.foods.food_commands import ImportOther
        from tracker.ui.transfer.other_app_dialog import OtherAppDialog

        def run(plan: ForeignPlan) -> None:
            command = ImportOther(self.host.ctx, self.host.bus, plan)
            self.host.undo_stack.push(command)
            if command.error is not None:
                raise command.error

        OtherAppDialog(self.host.ctx, run, self.parent).exec()

    def _log_meal(self, meal: Meal, date: dt.date, time: dt.time) -> None:
        from tracker.ui.foods.food_commands import LogMeal

        command = LogMeal(self.host.ctx, self.host.bus, meal, date, time)
        self.host.undo_stack.push(command)
        if command.error is not None:
            raise command.error

    def manage_products(self) -> None:
        from tracker.ui.supplements.supplement_dialog import SupplementProductsDialog

        dialog = SupplementProductsDialog(self.host.ctx, self.parent)
        dialog.productsChanged.connect(self._products_changed)
        dialog.exec()

    def _products_changed(self) -> None:
        self.host.bus.publish(Changes(supplements=True))

    # --- self-experiments ---------------------------------------------------
    def plan_experiment(self) -> None:
        from tracker.ui.experiments.plan_dialog import PlanDialog

        dialog = PlanDialog(self.host.ctx, self.host.today(), self.parent)
        dialog.started.connect(lambda _trial: self.host.bus.publish(Changes(experiments=True)))
        dialog.exec()

    def show_experiment_result(self) -> None:
        from tracker.ui.experiments.result_dialog import ResultDialog

        try:
            dialog = ResultDialog(self.host.ctx, self.host.today(), self.parent)
        except UserError as exc:
            QMessageBox.information(self.parent, "Self-experiment", exc.message)
            return
        dialog.exec()

    def stop_experiment(self) -> None:
        """Stop (analysed as far as it went) or abandon (kept, not analysed) the running trial."""
        from tracker.services.experiments import trials as experiments
        today = self.host.today()
        if experiments.current(self.host.ctx, today) is None:
            QMessageBox.information(self.parent, "Self-experiment",
                                    "No self-experiment is running.")
            return
        box = QMessageBox(QMessageBox.Icon.Question, "Stop the self-experiment",
                          "Stop it now and analyse the blocks completed so far, or abandon "
                          "it (kept in the history, not analysed)? Talk to a doctor before "
                          "stopping a supplement.", parent=self.parent)
        stop = box.addButton("Stop and analyse", QMessageBox.ButtonRole.AcceptRole)
        abandon = box.addButton("Abandon", QMessageBox.ButtonRole.DestructiveRole)
        box.addButton(QMessageBox.StandardButton.Cancel)
        box.exec()
        if box.clickedButton() not in (stop, abandon):
            return
        try:
            experiments.stop(self.host.ctx, today, abandon=box.clickedButton() is abandon)
        except UserError as exc:
            self.host.show_error(exc.message)
            return
        self.host.bus.publish(Changes(experiments=True))

    # --- help -------------------------------------------------------------
    def show_shortcuts(self) -> None:
        ShortcutsDialog(self.parent).exec()

    def show_about(self) -> None:
        QMessageBox.about(
            self.parent, "About Nutrient Tracker",
            f"<p><b>Nutrient Tracker {__version__}</b></p>"
            "<p>An offline diary of food, drinks, caffeine, supplements and muscle twitching. "
            "It compares magnesium, calcium, vitamin D and B12 with the Dietary Reference "
            "Intakes for your profile.</p><p>It is not a diagnosis: a blood test read by a "
            "clinician is what establishes a deficiency. Nothing leaves this computer.</p>")

    def show_sources(self) -> None:
        QMessageBox.information(
            self.parent, "Data sources",
            "<p><b>Foods:</b> USDA ARS, USDA National Nutrient Database for Standard "
            "Reference, Release 28 (2016), public domain: 8,789 foods, values per 100 g. A "
            "value the database lacks is shown as unknown, never as zero, and totals say how "
            "much of the food logged has data.</p>"
            "<p><b>Targets and upper limits:</b> Dietary Reference Intakes of the US Institute "
            "of Medicine / National Academies: calcium and vitamin D (2011), magnesium (1997), "
            "B vitamins (1998), water (2004), sodium and potassium (2019). Caffeine: US FDA "
            "consumer guidance and EFSA (2015); ACOG for pregnancy.</p>"
            "<p>These are population reference values, not a diagnosis.</p>")
