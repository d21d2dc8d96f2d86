"""The main window: one diary day, quick logging, undo, and the totals beside it.

Every change to the diary goes through an undo command (tracker.ui.common.commands)
or a dialog flow; each ends with one ``Changes`` on the window's ``bus``, which
the day view, the totals and the charts window follow.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QDate, QEvent, QObject, QThread, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QKeyEvent, QKeySequence, QUndoStack
from PySide6.QtWidgets import QDateEdit, QLabel, QMainWindow, QMessageBox, QVBoxLayout, QWidget

from tracker.config import Settings
from tracker.domain.changes import Changes
from tracker.domain.entries import DayEntries, DayFactors, Entry
from tracker.domain.errors import UserError
from tracker.services import diary, supplements
from tracker.services.context import Context
from tracker.services.experiments import any_trial
from tracker.ui.common.change_bus import ChangeBus
from tracker.ui.common.commands import (
    KIND_LABELS,
    AddEntry,
    CopyFoods,
    DeleteEntry,
    EditEntry,
    SetFactors,
)
from tracker.ui.day.day_model import DayModel
from tracker.ui.day.day_rows import build_rows, water_text
from tracker.ui.day.day_table import DayTable
from tracker.ui.day.factors_panel import FactorsPanel
from tracker.ui.day.totals_side import GUI_NO_PROFILE, TotalsSide
from tracker.ui.experiments.phase_banner import PhaseBanner
from tracker.ui.shell.side_splitter import SideSplitter
from tracker.ui.shell.window_actions import WindowActions

if TYPE_CHECKING:
    from tracker.ui.charts.charts_window import ChartsWindow
    from tracker.ui.foods.food_flows import FoodFlows
    from tracker.ui.shell.desktop import Desktop
    from tracker.ui.shell.flows import WindowFlows
    from tracker.ui.shell.quick_window import QuickLogWindow
    from tracker.ui.shell.reminders_ui import ReminderBanner

Clock = Callable[[], dt.datetime]


class DiaryUndoKeys(QObject):
    """Lets Ctrl+Z / Ctrl+Shift+Z reach the diary's undo stack from a field whose own
    undo is of no use to anyone (the date field)."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ShortcutOverride and isinstance(event, QKeyEvent) and (
                event.matches(QKeySequence.StandardKey.Undo)
                or event.matches(QKeySequence.StandardKey.Redo)):
            event.ignore()
            return True
        return False


class MainWindow(QMainWindow):
    """The day diary; ``clock`` is injectable so tests control "now"."""

    closed = Signal()  # the window closed for real (not hidden into the tray)
    # The one-click twitch is saved at a middling intensity; Enter on the new line
    # opens it to correct the intensity when it was stronger or weaker.
    quick_intensity = 3

    def __init__(self, ctx: Context, settings: Settings, clock: Clock = dt.datetime.now,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._totals_started = False
        self._charts: ChartsWindow | None = None  # made on first use: it loads pyqtgraph
        self._flows: WindowFlows | None = None  # made on first use: it loads the dialogs
        self.diary_check: QThread | None = None  # the check run after the first paint
        # Tray, reminders and the quick-log link, installed after the first paint.
        self.desktop: Desktop | None = None
        self.quitting = False  # a real quit, not a close into the tray
        self.last_logged_at: dt.datetime | None = None  # reminders stay quiet just after
        self._banner: ReminderBanner | None = None
        self.quick_window: QuickLogWindow | None = None
        self._food_flows: FoodFlows | None = None
        self.ctx = ctx
        self.settings = settings
        self.clock = clock
        self.date = clock().date()
        self.day_entries = DayEntries(self.date)
        self.setWindowTitle("Nutrient Tracker")
        self.undo_stack = QUndoStack(self)
        self.bus = ChangeBus(self)
        self.acts = WindowActions(self, self.undo_stack)
        self.acts.build_menus(self)
        self.date_edit = QDateEdit(QDate(self.date.year, self.date.month, self.date.day), self)
        self.date_edit.setCalendarPopup(True)
        self.date_edit.setDisplayFormat("ddd d MMM yyyy")
        self.date_edit.setToolTip("The diary day shown (Ctrl+G to type a date)")
        # The date field's own text undo would swallow Ctrl+Z meant for the diary.
        self._diary_keys = DiaryUndoKeys(self)
        self.date_edit.installEventFilter(self._diary_keys)
        self.date_edit.lineEdit().installEventFilter(self._diary_keys)
        self.twitch_button = self.acts.build_toolbars(self, self.date_edit)
        self.model = DayModel(self)
        self.table = DayTable(self.model, self)
        self.table.addAction(self.acts.edit_action)
        self.table.addAction(self.acts.delete_action)
        self.table.add_menu_actions((self.acts.save_meal_action, self.acts.save_recipe_action))
        self.factors_panel = FactorsPanel(self)
        self.phase_banner = PhaseBanner(self)
        self.side = TotalsSide(self)
        self._totals_timer = QTimer(self)
        self._totals_timer.setSingleShot(True)
        self._totals_timer.timeout.connect(self.refresh_totals)
        self._select_after_refresh: str | None = None
        self._build_layout()
        self._connect()
        self._update_water_labels()
        self.read_only_banner: QLabel | None = None
        if ctx.diary.read_only is not None:
            from tracker.ui.shell.read_only import show_read_only

            self.read_only_banner = show_read_only(self, self.acts, ctx.diary.read_only,
                                                   (self.factors_panel,))
        self.refresh_day()
        # The day's entries are where Enter, Delete and the arrow keys make sense.
        self.setFocusProxy(self.table)
        self.table.setFocus()

    # --- building -------------------------------------------------------
    def _build_layout(self) -> None:
        day = QWidget(self)
        day_layout = QVBoxLayout(day)
        day_layout.setContentsMargins(0, 0, 0, 0)
        day_layout.addWidget(self.phase_banner)
        day_layout.addWidget(self.table, 1)
        day_layout.addWidget(self.factors_panel)
        splitter = SideSplitter(day, self.side, self)
        splitter.setContentsMargins(6, 2, 6, 0)
        central = QWidget(self)
        # Above the day: the first-run questions and reminder banners, when there are any.
        self._column = QVBoxLayout(central)
        self._column.setContentsMargins(0, 0, 0, 0)
        self._column.setSpacing(2)
        self._column.addWidget(splitter, 1)
        self.setCentralWidget(central)
        self.statusBar().showMessage("Ctrl+F adds a food, Ctrl+L logs a twitch now; "
                                     "Help → Keyboard shortcuts lists them all.")

    def _connect(self) -> None:
        acts = self.acts
        acts.prev_action.triggered.connect(lambda: self.show_date(self.date - dt.timedelta(1)))
        acts.next_action.triggered.connect(lambda: self.show_date(self.date + dt.timedelta(1)))
        acts.today_action.triggered.connect(lambda: self.show_date(self.clock().date()))
        acts.pick_date_action.triggered.connect(self._focus_date)
        self.date_edit.dateChanged.connect(lambda d: self.show_date(d.toPython()))
        acts.add_food_action.triggered.connect(lambda: self.flows.add_food())
        acts.glass_action.triggered.connect(
            lambda: self.log_water(float(self.settings.get("glass_ml"))))
        acts.bottle_action.triggered.connect(
            lambda: self.log_water(float(self.settings.get("bottle_ml"))))
        acts.custom_water_action.triggered.connect(lambda: self.flows.add_water())
        acts.caffeine_action.triggered.connect(lambda: self.flows.add_caffeine())
        acts.supplement_action.triggered.connect(lambda: self.flows.add_supplement())
        acts.episode_action.triggered.connect(lambda: self.flows.add_episode())
        acts.log_twitch_action.triggered.connect(self.log_twitch)
        acts.copy_previous_day_action.triggered.connect(self.copy_previous_day)
        acts.edit_action.triggered.connect(self.edit_selected)
        acts.delete_action.triggered.connect(self.delete_selected)
        acts.quit_action.triggered.connect(self.quit_app)
        acts.settings_action.triggered.connect(lambda: self.flows.open_settings())
        self.side.settingsRequested.connect(lambda tab: self.flows.open_settings(tab))
        acts.export_action.triggered.connect(lambda: self.flows.open_export())
        acts.import_action.triggered.connect(lambda: self.flows.open_import())
        acts.backups_action.triggered.connect(lambda: self.flows.open_backups())
        acts.check_action.triggered.connect(lambda: self.flows.open_backups(check=True))
        acts.shortcuts_action.triggered.connect(lambda: self.flows.show_shortcuts())
        acts.about_action.triggered.connect(lambda: self.flows.show_about())
        acts.day_view_action.triggered.connect(self.table.setFocus)
        acts.weekly_action.triggered.connect(lambda: self.show_charts("weekly"))
        acts.relationships_action.triggered.connect(lambda: self.show_charts("relationship"))
        acts.sources_action.triggered.connect(lambda: self.flows.show_sources())
        acts.products_action.triggered.connect(lambda: self.flows.manage_products())
        acts.plan_experiment_action.triggered.connect(lambda: self.flows.plan_experiment())
        acts.experiment_result_action.triggered.connect(
            lambda: self.flows.show_experiment_result())
        acts.stop_experiment_action.triggered.connect(lambda: self.flows.stop_experiment())
        acts.import_other_action.triggered.connect(lambda: self.flows.open_import_other())
        acts.save_meal_action.triggered.connect(
            lambda: self.food_flows.meal_from_entries(self.table.selected_entries()))
        acts.save_recipe_action.triggered.connect(
            lambda: self.food_flows.recipe_from_entries(self.table.selected_entries()))
        acts.new_recipe_action.triggered.connect(lambda: self.food_flows.new_recipe())
        acts.own_foods_action.triggered.connect(lambda: self.food_flows.manage())
        # "activated" is Enter on a row as well as a double-click, whichever window
        # holds the keyboard focus after a dialog closes.
        self.table.activated.connect(lambda _index: self.edit_selected())
        self.factors_panel.factorsEdited.connect(self.save_factors)
        self.bus.changed.connect(self.apply_changes)
        self.bus.failed.connect(self.show_error)

    @property
    def flows(self) -> WindowFlows:
        """The window's dialogs; imported on first use to keep start-up quick."""
        if self._flows is None:
            from tracker.ui.shell.flows import WindowFlows

            self._flows = WindowFlows(self, self)
        return self._flows

    @property
    def food_flows(self) -> FoodFlows:
        """Recipes, saved meals and own foods; imported on first use."""
        if self._food_flows is None:
            from tracker.ui.foods.food_flows import FoodFlows

            self._food_flows = FoodFlows(self, self)
        return self._food_flows

    def show_charts(self, which: str) -> None:
        """Open the charts window on the weekly or the relationship view."""
        from tracker.ui.charts import charts_window

        if self._charts is None:
            self._charts = charts_window.ChartsWindow(self.ctx, self.bus, self)
            from tracker.ui.shell.theme import is_dark, restyle_charts

            restyle_charts(self._charts, is_dark(str(self.settings.get("theme"))))
        tab = (charts_window.WEEKLY_TAB if which == "weekly"
               else charts_window.RELATIONSHIP_TAB)
        try:
            self._charts.show_tab(tab)
        except UserError as exc:
            QMessageBox.warning(self, "Charts", exc.message)

    # --- showing a day --------------------------------------------------
    def show_date(self, date: dt.date) -> None:
        """Show diary day ``date``; does nothing if it is already shown."""
        if date == self.date:
            return
        self.date = date
        self.date_edit.blockSignals(True)
        self.date_edit.setDate(QDate(date.year, date.month, date.day))
        self.date_edit.blockSignals(False)
        self.refresh_day()

    def refresh_day(self) -> None:
        """Reload the shown day's entries into the table, factors and drinks bar."""
        self.day_entries = diary.day(self.ctx, self.date)
        foods = {}
        if self.day_entries.foods:
            # Not the food catalog: its search machinery is not needed to show a day.
            from tracker.services.foods.lookup import foods_by_id

            foods = foods_by_id(self.ctx, (e.food_id for e in self.day_entries.foods))
        products = ({p.id: p for p in supplements.products(self.ctx)}
                    if self.day_entries.doses else {})
        self.model.set_rows(build_rows(self.day_entries, foods, products,
                                       str(self.settings.get("units"))))
        self.factors_panel.show_factors(self.date, self.day_entries.factors)
        self.phase_banner.show_phase(self._phase_text())
        self._restore_selection()
        if self._totals_started:
            # After this refresh has painted: totals can be slower than a frame.
            self._totals_timer.start(0)

    def _phase_text(self) -> str | None:
        if not any_trial(self.ctx):
            return None
        from tracker.services.experiments import trials

        return trials.banner(self.ctx, self.date, self.today())

    def _restore_selection(self) -> None:
        if self._select_after_refresh is not None:
            self.table.select_entry(self._select_after_refresh)
            self._select_after_refresh = None

    def start_totals(self) -> None:
        """Load the totals now and after every change; called once the window has painted,
        because the totals need pandas, which would delay the first paint."""
        self._totals_started = True
        self.refresh_totals()

    def refresh_totals(self) -> None:
        """Fill the totals panel and drinks bar; runs after paint since it loads pandas."""
        from tracker.services import totals
        try:
            day_summary = totals.day_summary(self.ctx, self.date)
            week_summary = totals.week_summary(self.ctx, self.date)
        except UserError as exc:
            self.side.show_notice(GUI_NO_PROFILE if exc.field == "profile" else exc.message)
            return
        self.side.show_summary(day_summary, week_summary, str(self.settings.get("units")))

    def _focus_date(self) -> None:
        self.date_edit.setFocus()
        self.date_edit.selectAll()

    def apply_changes(self, changes: Changes) -> None:
        """Follow one operation: show the day it touched, reload what it changed."""
        if changes.focus_entry is not None:
            self._select_after_refresh = changes.focus_entry
        if changes.focus_date is not None and changes.focus_date != self.date:
            # An undo may touch another day; show that day so the person sees what changed.
            self.show_date(changes.focus_date)
        elif changes.touches_day(self.date):
            self.refresh_day()
        elif self._totals_started and changes.touches_period(
                self.date - dt.timedelta(days=6), self.date):
            self._totals_timer.start(0)
        if changes.settings:
            self._update_water_labels()
            self._apply_settings()

    # --- changing the diary ---------------------------------------------
    def today(self) -> dt.date:
        return self.clock().date()

    def now_time(self) -> dt.time:
        return self.clock().time().replace(second=0, microsecond=0)

    def save_entry(self, entry: Entry, old: Entry | None = None) -> None:
        """Add ``entry`` (or replace ``old``) as one undoable step; raises UserError."""
        command = (AddEntry(self.ctx, self.bus, entry) if old is None
                   else EditEntry(self.ctx, self.bus, old, entry))
        self.undo_stack.push(command)
        if command.error is not None:
            raise command.error
        self.last_logged_at = self.clock()
        self.statusBar().showMessage(f"{command.text()} saved. Ctrl+Z undoes it.", 8000)

    def try_save(self, entry: Entry, old: Entry | None = None) -> bool:
        """``save_entry`` for one-click actions: a refusal is shown, never raised."""
        try:
            self.save_entry(entry, old)
        except UserError as exc:
            self.show_error(exc.message)
            return False
        return True

    def log_water(self, volume_ml: float) -> None:
        from tracker.domain.entries import WaterEntry

        if self.try_save(WaterEntry(self.date, self.now_time(), volume_ml)):
            unit = str(self.settings.get("units"))
            self.statusBar().showMessage(f"Logged {water_text(volume_ml, unit)} of water. "
                                         "Ctrl+Z undoes it.", 8000)

    def log_twitch(self) -> None:
        """One click: a twitch now, today, where the last one was."""
        from tracker.domain.entries import Episode

        now = self.clock()
        episode = Episode(now.date(), self.now_time(),
                          str(self.settings.get("last_episode_kind")),
                          str(self.settings.get("last_body_site")),
                          self.quick_intensity, str(self.settings.get("last_side")))
        if self.try_save(episode):
            self.statusBar().showMessage(
                f"Logged a {episode.kind} ({episode.body_site}) at {episode.time:%H:%M}. "
                "Enter edits the details; Ctrl+Z undoes it.", 10000)

    def copy_previous_day(self) -> None:
        command = CopyFoods(self.ctx, self.bus, self.date - dt.timedelta(1), self.date)
        self.undo_stack.push(command)
        if command.error is not None:
            self.show_error(command.error.message)
        else:
            self.statusBar().showMessage(
                f"Copied {len(command.copies)} foods from the previous day. Ctrl+Z undoes it.",
                8000)

    def save_factors(self, factors: DayFactors) -> None:
        command = SetFactors(self.ctx, self.bus, self.day_entries.factors, factors)
        self.undo_stack.push(command)
        if command.error is not None:
            self.show_error(command.error.message)
            self.factors_panel.show_factors(self.date, self.day_entries.factors)

    def edit_selected(self) -> None:
        if not self.acts.edit_action.isEnabled():  # a read-only diary
            return
        entry = self.table.selected_entry()
        if entry is not None:
            self.flows.edit_entry(entry)

    def delete_selected(self) -> None:
        entry = self.table.selected_entry()
        if entry is None:
            return
        row = self.table.currentIndex().row()
        command = DeleteEntry(self.ctx, self.bus, entry)
        self.undo_stack.push(command)
        if command.error is not None:
            self.show_error(command.error.message)
            return
        self.statusBar().showMessage(f"Deleted {KIND_LABELS[type(entry)]}. Ctrl+Z brings it "
                                     "back.", 8000)
        if self.model.rowCount():
            self.table.selectRow(min(row, self.model.rowCount() - 1))

    def show_error(self, message: str) -> None:
        QMessageBox.warning(self, "Not saved", message)

    def _update_water_labels(self) -> None:
        unit = str(self.settings.get("units"))
        for action, key, name in ((self.acts.glass_action, "glass_ml", "Glass"),
                                  (self.acts.bottle_action, "bottle_ml", "Bottle")):
            action.setText(f"{name} {water_text(float(self.settings.get(key)), unit)}")

    def _apply_settings(self) -> None:
        """Theme and reminders follow a settings save (units and sizes reload with the day)."""
        from tracker.ui.shell.theme import apply_theme, restyle_charts

        dark = apply_theme(str(self.settings.get("theme")))
        if self._charts is not None:
            restyle_charts(self._charts, dark)
        if self.desktop is not None:
            self.desktop.reminders.apply_settings()

    # --- the desktop around the window ------------------------------------
    @property
    def banner(self) -> ReminderBanner:
        """The non-modal message strip above the day, made on first use."""
        if self._banner is None:
            from tracker.ui.shell.reminders_ui import ReminderBanner

            self._banner = ReminderBanner(self)
            self._column.insertWidget(0, self._banner)
        return self._banner

    def show_first_run(self) -> None:
        """The first-run questions, inside the window above the day."""
        from tracker.ui.settings.first_run import FirstRunPanel

        panel = FirstRunPanel(self.ctx, self.settings,
                              lambda: self.bus.publish(Changes(settings=True, profile=True)),
                              self)
        self.first_run = panel
        self._column.insertWidget(0, panel)
        panel.show()
        panel.finished.connect(self.table.setFocus)
        panel.profile_form.sex_combo.setFocus()

    def show_and_raise(self) -> None:
        self.showNormal()
        self.raise_()
        self.activateWindow()

    def show_quick_log(self) -> None:
        from tracker.ui.shell.quick_log import QuickLog
        from tracker.ui.shell.quick_window import QuickLogWindow

        if self.quick_window is None:
            self.quick_window = QuickLogWindow(QuickLog(self))
        self.quick_window.open()

    def mark_today_complete(self) -> None:
        """The evening check's one click: today marked complete, as one undoable step."""
        import dataclasses

        today = self.clock().date()
        current = diary.day(self.ctx, today).factors
        command = SetFactors(self.ctx, self.bus, current,
                             dataclasses.replace(current or DayFactors(today), complete=True))
        self.undo_stack.push(command)
        if command.error is not None:
            self.show_error(command.error.message)
        else:
            self.statusBar().showMessage("Today is marked complete. Ctrl+Z undoes it.", 8000)

    def quit_app(self) -> None:
        """File → Quit, the tray's Quit, a signal or logout: close for real (not to the tray)."""
        self.quitting = True
        if self.quick_window is not None:
            self.quick_window.close()
        self.close()

    def closeEvent(self, event: QCloseEvent) -> None:
        if self._charts is not None:
            # The charts' worker thread must end before the window can go (at most the
            # second or so a long diary's charts take), also when it only goes to the tray.
            self._charts.finish_work()
        if (not self.quitting and self.desktop is not None
                and self.desktop.keep_running_in_tray()):
            event.ignore()
            self.hide()
            return
        self._totals_timer.stop()
        super().closeEvent(event)
        self.closed.emit()
