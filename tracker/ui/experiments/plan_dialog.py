"""Planning a self-experiment: what to test, how long, and what such a plan can show.

Before anything is saved the dialog says the total length, the smallest
p-value the plan's test can give (and plainly when it can never reach 0.05),
and the rate ratio it has about 80 % power to detect at the person's own
episode and logging rates. That last figure is simulated off the GUI thread.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDoubleSpinBox,
    QFormLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QWidget,
)

from tracker.domain.errors import UserError
from tracker.domain.experiments import plan as plans
from tracker.domain.experiments.randomisation import min_possible_p
from tracker.domain.experiments.schedule import new_seed
from tracker.domain.experiments.trial import Trial
from tracker.domain.experiments.wording import reach_note, washin_text
from tracker.services import supplements
from tracker.services.context import Context
from tracker.services.experiments import trials as experiments
from tracker.ui.common.dialog_column import stack
from tracker.ui.common.entry_form import from_qdate, to_qdate
from tracker.ui.common.field_errors import FieldError, FormErrors
from tracker.ui.common.task_thread import TaskThread

KIND_LABELS = {plans.SUPPLEMENT: "A supplement, taken ON and not OFF",
               plans.CAFFEINE_LIMIT: "Caffeine kept under a limit ON",
               plans.DRINKS_MIN: "Drinks of at least an amount ON"}
SAFETY = ("Talk to a doctor before starting or stopping a supplement. You will know which "
          "phase you are in, so note episodes as they happen rather than from memory.")


class PlanDialog(QDialog):
    """Plan and start a trial; ``started`` carries the saved trial."""

    started = Signal(object)

    def __init__(self, ctx: Context, today: dt.date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.today = today
        self.seed = new_seed()
        self._thread: TaskThread | None = None
        self._pending = False
        self.detectable: float | None = None
        self.setWindowTitle("Plan a self-experiment")
        self.kind = QComboBox()
        for kind, label in KIND_LABELS.items():
            self.kind.addItem(label, kind)
        self.product = QComboBox()
        for product in supplements.products(ctx):
            self.product.addItem(f"{product.name} (per {product.unit_label})", product.id)
        self.units = self._spin(0.5, plans.MAX_UNITS, 1.0, 1, " a day")
        self.limit = self._spin(0, plans.MAX_LIMIT_MG, 100, 0, " mg a day at most")
        self.min_ml = self._spin(plans.MIN_DRINKS_ML, plans.MAX_DRINKS_ML, 2000, 0,
                                 " ml a day at least")
        self.min_ml.setSingleStep(250)
        self.block_days = QComboBox()
        for days in plans.BLOCK_LENGTHS:
            self.block_days.addItem(f"{days} days", days)
        self.pairs = QSpinBox()
        self.pairs.setRange(plans.MIN_PAIRS, plans.MAX_PAIRS)
        self.pairs.setValue(plans.DEFAULT_PAIRS)
        self.pairs.setSuffix(" pairs of ON and OFF blocks")
        self.washin = QSpinBox()
        self.washin.setSuffix(" days at the start of each block, not counted")
        self.start_date = QDateEdit(to_qdate(today + dt.timedelta(days=1)))
        self.start_date.setCalendarPopup(True)
        self.start_date.setDisplayFormat("ddd d MMM yyyy")
        self.outcome = QComboBox()
        self.outcome.addItem("Every episode logged", "episodes")
        self.outcome.addItem("Cramps only", "cramps")
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.summary.setTextFormat(Qt.TextFormat.RichText)
        self.summary.setObjectName("plan_summary")
        self.limit_warning = QLabel()
        self.limit_warning.setWordWrap(True)
        self.limit_warning.setStyleSheet("color: #8a4b00; font-weight: bold;")
        self.confirm = QCheckBox("I have talked to a doctor about this dose and want to test it")
        self.safety = QLabel(SAFETY)
        self.safety.setWordWrap(True)
        self.start_button = QPushButton("&Start the experiment")
        self.start_button.setDefault(True)
        self.start_button.clicked.connect(self.start_trial)
        cancel = QPushButton("Cancel")
        cancel.clicked.connect(self.reject)
        self.general_error = FieldError()
        self.errors = FormErrors(self.general_error)
        self._layout(cancel)
        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(250)
        self._debounce.timeout.connect(self._estimate)
        for signal in (self.kind.currentIndexChanged, self.product.currentIndexChanged,
                       self.units.valueChanged, self.limit.valueChanged,
                       self.min_ml.valueChanged, self.block_days.currentIndexChanged,
                       self.pairs.valueChanged, self.washin.valueChanged,
                       self.start_date.dateChanged, self.outcome.currentIndexChanged):
            signal.connect(self.update_summary)
        self.kind.currentIndexChanged.connect(self._kind_defaults)
        self.product.currentIndexChanged.connect(self._unit_suffix)
        self.units.valueChanged.connect(self._unit_suffix)
        self._unit_suffix()
        self.confirm.toggled.connect(lambda _on: self._enable_start())
        self._kind_defaults()
        self.resize(620, 600)

    @staticmethod
    def _spin(low: float, high: float, value: float, decimals: int,
              suffix: str) -> QDoubleSpinBox:
        spin = QDoubleSpinBox()
        spin.setRange(low, high)
        spin.setDecimals(decimals)
        spin.setValue(value)
        spin.setSuffix(suffix)
        return spin

    def _layout(self, cancel: QPushButton) -> None:
        form = QFormLayout()
        errors = self.errors
        form.addRow("What to test:", errors.beside(self.kind, "kind"))
        # One of these four rows shows at a time; their errors go under the dialog.
        form.addRow("Product:", self.product)
        form.addRow("Dose when ON:", self.units)
        form.addRow("Caffeine when ON:", self.limit)
        form.addRow("Drinks when ON:", self.min_ml)
        form.addRow("Each block lasts:", errors.beside(self.block_days, "block_days"))
        form.addRow("Length:", errors.beside(self.pairs, "pairs"))
        form.addRow("Wash-in:", errors.beside(self.washin, "washin_days"))
        form.addRow("Start on:", errors.beside(self.start_date, "start"))
        form.addRow("Count each day:", self.outcome)
        self.form = form
        heading = QLabel("<b>What this plan can show</b>")
        layout = stack(self, [form, heading, self.summary, self.limit_warning, self.confirm,
                              self.safety, self.general_error], [cancel, self.start_button])
        # Spare height goes below the text, not between its lines.
        layout.insertStretch(layout.count() - 1, 1)

    def _kind_defaults(self) -> None:
        kind = str(self.kind.currentData())
        for widget, wanted in ((self.product, plans.SUPPLEMENT), (self.units, plans.SUPPLEMENT),
                               (self.limit, plans.CAFFEINE_LIMIT),
                               (self.min_ml, plans.DRINKS_MIN)):
            self.form.setRowVisible(self._row_of(widget), kind == wanted)
        self.block_days.setCurrentIndex(plans.BLOCK_LENGTHS.index(
            plans.DEFAULT_BLOCK_DAYS[kind]))
        self.washin.setValue(plans.DEFAULT_WASHIN_DAYS[kind])
        self.update_summary()

    def _row_of(self, widget: QWidget) -> int:
        position = self.form.getWidgetPosition(widget)
        return int(position[0])  # type: ignore[index]

    def _unit_suffix(self) -> None:
        product_id = self.product.currentData()
        found = [p for p in supplements.products(self.ctx) if p.id == product_id]
        unit = found[0].unit_label if found else "unit"
        self.units.setSuffix(f" {unit}{'' if self.units.value() == 1 else 's'} a day")

    # --- the plan ---------------------------------------------------------
    def plan(self) -> plans.TrialPlan:
        """The plan the fields describe (not yet checked)."""
        kind = str(self.kind.currentData())
        block_days = int(self.block_days.currentData())
        self.washin.setMaximum(block_days // 2)
        return plans.TrialPlan(
            kind, block_days, self.pairs.value(), self.washin.value(),
            from_qdate(self.start_date.date()), self.seed,
            product_id=self.product.currentData() if kind == plans.SUPPLEMENT else None,
            units=self.units.value() if kind == plans.SUPPLEMENT else None,
            limit_mg=self.limit.value() if kind == plans.CAFFEINE_LIMIT else None,
            min_ml=self.min_ml.value() if kind == plans.DRINKS_MIN else None,
            outcome=str(self.outcome.currentData()))

    def update_summary(self) -> None:
        """Redraw what the plan can show; the power figure follows a moment later."""
        self.detectable = None
        self._show_summary(estimating=True)
        self._debounce.start()

    def _show_summary(self, estimating: bool = False, failed: str = "") -> None:
        plan = self.plan()
        pairs = plan.pairs
        lowest = float(min_possible_p(pairs))
        lines = [f"<b>{plan.days} days</b> ({plan.weeks} weeks), {plan.start:%d %b %Y} to "
                 f"{plan.end:%d %b %Y}: {pairs} ON and {pairs} OFF blocks of "
                 f"{plan.block_days} days in a random order, {washin_text(plan.washin_days)}.",
                 f"Smallest p-value its test can give: <b>{lowest:.2g}</b>."]
        note = reach_note(pairs)
        if note:
            lines.append(f"<span style='color:#b00020'>{note}</span>")
        if failed:
            lines.append(failed)
        elif estimating:
            lines.append("Working out how large a change it can detect…")
        elif self.detectable is None:
            lines.append("It has no realistic chance (80 %) of showing even a large change "
                         "at p = 0.05 with your usual episode and logging rates.")
        else:
            lines.append(f"With your usual episode and logging rates it has about 80 % chance "
                         f"of showing a fall to <b>{self.detectable:.2f} times</b> your OFF "
                         f"episode rate (or less) at p = 0.05.")
        self.summary.setText("<br>".join(lines))
        self._show_limit(plan)

    def _show_limit(self, plan: plans.TrialPlan) -> None:
        check = None
        if plan.kind == plans.SUPPLEMENT and plan.product_id:
            try:
                check = experiments.dose_check(self.ctx, plan)
            except UserError:
                check = None
        exceeds = check is not None and check.exceeds
        self.limit_warning.setText(check.message() if check is not None and exceeds else "")
        self.limit_warning.setVisible(exceeds)
        self.confirm.setVisible(exceeds)
        if not exceeds:
            self.confirm.setChecked(False)
        self._enable_start()

    def needs_confirmation(self) -> bool:
        return not self.confirm.isHidden()

    def _enable_start(self) -> None:
        self.start_button.setEnabled(not self.needs_confirmation() or self.confirm.isChecked())

    def _estimate(self) -> None:
        if self._thread is not None:
            self._pending = True
            return
        plan = self.plan()
        ctx = self.ctx

        def work(_progress: Any) -> Any:
            from tracker.services.experiments.result import plan_summary

            return plan_summary(ctx, plan)["detectable_rate_ratio"]

        self._thread = TaskThread(work, self)
        self._thread.succeeded.connect(self._estimated)
        self._thread.failed.connect(lambda message, _field: self._estimate_failed(message))
        self._thread.finished.connect(self._thread_done)
        self._thread.start()

    def _estimated(self, ratio: object) -> None:
        if self._pending:
            return
        self.detectable = ratio if isinstance(ratio, float) else None
        self._show_summary()

    def _estimate_failed(self, message: str) -> None:
        if not self._pending:
            self._show_summary(failed=message)

    def _thread_done(self) -> None:
        self._thread = None
        if self._pending:
            self._pending = False
            self._estimate()

    @property
    def estimating(self) -> bool:
        return self._thread is not None or self._debounce.isActive()

    # --- starting ------------------------------------------------------------
    def start_trial(self) -> None:
        self.errors.clear()
        try:
            trial = experiments.start(self.ctx, self.plan(), self.today,
                                      accept_upper_limit=self.confirm.isChecked())
        except UserError as exc:
            self.errors.show(exc)
            return
        self.trial: Trial = trial
        self.started.emit(trial)
        self.accept()

    def done(self, result: int) -> None:
        self._debounce.stop()
        if self._thread is not None:
            self._thread.wait()
        super().done(result)
