"""File → Import from another app…: Cronometer or Bearable history, previewed, then imported.

The file's header says which app wrote it. Before anything is written the
dialog shows what would be added, the dates covered and what is left out,
and asks the two questions only the person can answer: which Bearable
symptoms are twitches or cramps, and which Cronometer supplements-group
foods are doses of which product. The import is one undo step.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from tracker.domain.errors import UserError
from tracker.services.context import Context
from tracker.services.supplements import products
from tracker.services.transfer.other_apps.cronometer import NEW_PRODUCT
from tracker.services.transfer.other_apps.formats import (
    BEARABLE,
    BUNDLE,
    CRONOMETER,
    Choices,
    detect,
    read_foreign,
)
from tracker.services.transfer.other_apps.plan import ForeignPlan
from tracker.ui.common.field_errors import FieldError

SYMPTOM_CHOICES = (("Not imported", ""), ("Twitch episodes", "twitch"), ("Cramps", "cramp"))
KEEP_AS_FOOD = "Keep as food"
NEW_PRODUCT_TEXT = "New supplement from its label values"


class OtherAppDialog(QDialog):
    """Choose a file, answer its questions, see the preview, import; ``importer`` writes."""

    def __init__(self, ctx: Context, importer: Callable[[ForeignPlan], None],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Import from another app")
        self._ctx = ctx
        self._importer = importer
        self._kind: str | None = None
        self.plan: ForeignPlan | None = None
        self.symptom_combos: dict[str, QComboBox] = {}
        self.supplement_combos: dict[str, QComboBox] = {}
        self.path_edit = QLineEdit()
        self.path_edit.setPlaceholderText("Cronometer's servings.csv or a Bearable export")
        self.path_edit.setMinimumWidth(380)
        self.path_edit.editingFinished.connect(self.read_file)
        choose = QPushButton("&Choose file…")
        choose.setAutoDefault(False)
        choose.clicked.connect(self.choose_file)
        row = QHBoxLayout()
        row.addWidget(self.path_edit, 1)
        row.addWidget(choose)
        self.choices_box = QGroupBox("Your choices")
        self.choices_form = QFormLayout(self.choices_box)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.choices_box)
        scroll.setMinimumHeight(150)
        self.preview = QLabel("Choose a file exported from Cronometer (Food & Recipe Entries) "
                              "or from Bearable.")
        self.preview.setWordWrap(True)
        self.error = FieldError()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.import_button = self.buttons.addButton("&Import",
                                                    QDialogButtonBox.ButtonRole.AcceptRole)
        self.import_button.setEnabled(False)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("Everything is checked before anything is written; one bad "
                                "row imports nothing and says the file and line."))
        layout.addLayout(row)
        layout.addWidget(scroll, 1)
        layout.addWidget(QLabel("<b>What will be imported</b>"))
        layout.addWidget(self.preview)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.resize(640, 560)

    def choose_file(self) -> None:
        chosen, _ = QFileDialog.getOpenFileName(self, "Import from another app",
                                                str(Path.home()), "CSV files (*.csv)")
        if chosen:
            self.path_edit.setText(chosen)
            self.read_file()

    def read_file(self) -> None:
        """Tell which app wrote the file, offer its questions and show the preview."""
        path = Path(self.path_edit.text().strip()).expanduser()
        self.plan = None
        try:
            kind = detect(path)
            if kind == BUNDLE:
                raise UserError("That is an export of this app; use File → Import… for it.",
                                "path")
            self._kind = kind
            self._offer_choices(read_foreign(self._ctx, path, kind))
        except UserError as exc:
            self._show_error(exc.message)
            return
        self.refresh()

    def _offer_choices(self, plan: ForeignPlan) -> None:
        while self.choices_form.rowCount():
            self.choices_form.removeRow(0)
        self.symptom_combos.clear()
        self.supplement_combos.clear()
        self.choices_box.setTitle(
            "Which symptoms are twitches or cramps?" if self._kind == BEARABLE else
            "Foods in a supplements group: keep them as foods, or log them as doses?")
        if self._kind == BEARABLE:
            for name in sorted(plan.symptoms, key=str.casefold):
                combo = QComboBox()
                for text, _ in SYMPTOM_CHOICES:
                    combo.addItem(text)
                combo.currentIndexChanged.connect(self.refresh)
                self.symptom_combos[name] = combo
                self.choices_form.addRow(f"{name} ({plan.symptoms[name]}×)", combo)
            if not plan.symptoms:
                self.choices_form.addRow(QLabel("This export holds no symptoms."))
        else:
            known = products(self._ctx)
            for name in sorted(plan.supplement_rows, key=str.casefold):
                combo = QComboBox()
                combo.addItem(KEEP_AS_FOOD, "")
                combo.addItem(NEW_PRODUCT_TEXT, NEW_PRODUCT)
                for product in known:
                    combo.addItem(f"Doses of {product.name}", product.id)
                combo.currentIndexChanged.connect(self.refresh)
                self.supplement_combos[name] = combo
                rows = plan.supplement_rows[name]
                self.choices_form.addRow(f"{name} ({rows} row{'' if rows == 1 else 's'})", combo)
            if not plan.supplement_rows:
                self.choices_form.addRow(QLabel("No rows in a supplements group: every row "
                                                "comes in as a food."))

    def choices(self) -> Choices:
        twitches = [n for n, c in self.symptom_combos.items()
                    if SYMPTOM_CHOICES[c.currentIndex()][1] == "twitch"]
        cramps = [n for n, c in self.symptom_combos.items()
                  if SYMPTOM_CHOICES[c.currentIndex()][1] == "cramp"]
        supplements = {n: str(c.currentData()) for n, c in self.supplement_combos.items()
                       if c.currentData()}
        return Choices(twitches, cramps, supplements)

    def refresh(self) -> None:
        """Read the file again with the choices made and show what it would add."""
        if self._kind not in (CRONOMETER, BEARABLE):
            return
        path = Path(self.path_edit.text().strip()).expanduser()
        try:
            self.plan = read_foreign(self._ctx, path, self._kind, self.choices())
        except UserError as exc:
            self._show_error(exc.message)
            return
        self.error.set_message("")
        self.preview.setText("\n".join(line.strip() for line in self.plan.preview()))
        self.import_button.setEnabled(bool(self.plan.counts()))

    def _show_error(self, message: str) -> None:
        self.plan = None
        self.error.set_message(message)
        self.preview.setText("")
        self.import_button.setEnabled(False)

    def accept(self) -> None:
        if self.plan is None:
            return
        try:
            self._importer(self.plan)
        except UserError as exc:
            self.error.set_message(exc.message)
            return
        super().accept()
