"""Supplement products and doses through the real dialogs."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QMessageBox
from pytestqt.qtbot import QtBot

from tracker.domain.entries import SupplementDose, SupplementProduct
from tracker.domain.errors import UserError
from tracker.services import diary, supplements
from tracker.services.context import Context
from tracker.ui.supplements.supplement_dialog import SupplementDoseDialog, SupplementProductsDialog

DAY = dt.date(2026, 11, 20)
MORNING = dt.time(8, 15)


@pytest.fixture(autouse=True)
def _no_modal_questions(monkeypatch: pytest.MonkeyPatch) -> None:
    """A real message box would wait for a click; tests that care answer it themselves."""
    monkeypatch.setattr(QMessageBox, "question",
                        lambda *_args, **_kw: QMessageBox.StandardButton.Discard)


@pytest.fixture
def products_dialog(qtbot: QtBot, ctx: Context) -> SupplementProductsDialog:
    dlg = SupplementProductsDialog(ctx)
    qtbot.addWidget(dlg)
    dlg.show()
    dlg.activateWindow()
    qtbot.waitUntil(dlg.isActiveWindow)
    return dlg


def _fill(qtbot: QtBot, dlg: SupplementProductsDialog, name: str,
          amounts: dict[str, str], unit_label: str = "capsule") -> None:
    dlg.start_new()
    qtbot.keyClicks(dlg.form.name_edit, name)
    dlg.form.unit_combo.setEditText(unit_label)
    for key, text in amounts.items():
        qtbot.keyClicks(dlg.form.amount_edits[key], text)


def test_vitamin_d_in_iu_is_stored_in_micrograms(qtbot: QtBot, ctx: Context,
                                                 products_dialog: SupplementProductsDialog
                                                 ) -> None:
    _fill(qtbot, products_dialog, "D3 + magnesium", {"vitamin_d": "1000", "magnesium": "150"})
    products_dialog.form.vitamin_d_unit.setCurrentText("IU")
    expected_ug = 25.0  # 1000 IU at 40 IU per µg (IOM 2011)
    assert "= 25 µg" in products_dialog.form.vitamin_d_note.text()
    qtbot.mouseClick(products_dialog.save_button, Qt.MouseButton.LeftButton)
    [product] = supplements.products(ctx)
    assert product.name == "D3 + magnesium" and product.unit_label == "capsule"
    assert product.per_unit == {"vitamin_d": pytest.approx(expected_ug), "magnesium": 150.0}
    assert products_dialog.model.rowCount() == 1
    assert "Saved" in products_dialog.status.text()


def test_duplicate_name_is_refused_beside_the_name(qtbot: QtBot, ctx: Context,
                                                   products_dialog: SupplementProductsDialog
                                                   ) -> None:
    supplements.save_product(ctx, SupplementProduct("Magnesium glycinate", {"magnesium": 100}))
    products_dialog.reload()
    _fill(qtbot, products_dialog, "magnesium GLYCINATE", {"magnesium": "200"})
    assert not products_dialog.save()
    assert "already exists" in products_dialog.form.errors.message()
    assert products_dialog.form.name_edit.hasFocus()
    assert [p.per_unit for p in supplements.products(ctx)] == [{"magnesium": 100}]


@pytest.mark.parametrize(("key", "typed"), [("calcium", "-5"), ("calcium", "abc"),
                                            ("vitamin_b12", "nan"), ("zinc", "1e9")])
def test_bad_amounts_are_refused_and_nothing_stored(
        qtbot: QtBot, ctx: Context, products_dialog: SupplementProductsDialog,
        key: str, typed: str) -> None:
    _fill(qtbot, products_dialog, "Odd product", {key: typed})
    assert not products_dialog.save()
    message = products_dialog.form.errors.message()
    assert message and products_dialog.form.amount_edits[key].hasFocus()
    assert supplements.products(ctx) == []


def test_a_product_needs_a_name_and_an_amount(qtbot: QtBot, ctx: Context,
                                              products_dialog: SupplementProductsDialog
                                              ) -> None:
    _fill(qtbot, products_dialog, "", {"magnesium": "100"})
    assert not products_dialog.save()
    assert "name is required" in products_dialog.form.errors.message()
    _fill(qtbot, products_dialog, "Empty capsule", {})
    assert not products_dialog.save()
    assert "at least one nutrient" in products_dialog.form.errors.message()
    assert supplements.products(ctx) == []


def test_editing_a_product_keeps_its_id(qtbot: QtBot, ctx: Context,
                                        products_dialog: SupplementProductsDialog) -> None:
    original = supplements.save_product(ctx, SupplementProduct("Calcium", {"calcium": 500}))
    products_dialog.reload()
    products_dialog.list_view.setCurrentIndex(products_dialog.model.index(0))
    assert products_dialog.form.name_edit.text() == "Calcium"
    assert products_dialog.form.amount_edits["calcium"].text() == "500"
    products_dialog.form.amount_edits["calcium"].setText("600")
    assert products_dialog.save()
    [product] = supplements.products(ctx)
    assert product.id == original.id and product.per_unit == {"calcium": 600.0}


def test_delete_asks_and_refuses_a_product_with_doses(
        qtbot: QtBot, ctx: Context, products_dialog: SupplementProductsDialog,
        monkeypatch: pytest.MonkeyPatch) -> None:
    used = supplements.save_product(ctx, SupplementProduct("Used", {"magnesium": 100}))
    unused = supplements.save_product(ctx, SupplementProduct("Unused", {"magnesium": 100}))
    diary.add_entry(ctx, SupplementDose(DAY, MORNING, used.id, 1))
    monkeypatch.setattr(QMessageBox, "question",
                        lambda *_args, **_kw: QMessageBox.StandardButton.Yes)
    products_dialog.reload(select_id=used.id)
    products_dialog.delete_selected()
    assert "delete those first" in products_dialog.form.errors.message()
    products_dialog.reload(select_id=unused.id)
    products_dialog.delete_selected()
    assert [p.id for p in supplements.products(ctx)] == [used.id]


def test_dose_dialog_returns_a_dose_without_storing_it(qtbot: QtBot, ctx: Context) -> None:
    supplements.save_product(ctx, SupplementProduct("A", {"calcium": 100}))
    chosen = supplements.save_product(ctx, SupplementProduct("B", {"magnesium": 200}, "tablet"))
    dlg = SupplementDoseDialog(ctx, DAY, MORNING)
    qtbot.addWidget(dlg)
    dlg.show()
    dlg.product_combo.setCurrentIndex(dlg.model.row_of(chosen.id))
    dlg.units_edit.clear()
    qtbot.keyClicks(dlg.units_edit, "2")
    assert dlg.unit_label.text() == "tablets"
    assert "400 mg" in dlg.preview.text()
    qtbot.keyClick(dlg.units_edit, Qt.Key.Key_Return)
    assert dlg.result() == QDialog.DialogCode.Accepted
    dose = dlg.saved_entry()
    assert (dose.date, dose.time, dose.product_id, dose.units) == (DAY, MORNING, chosen.id, 2.0)
    assert diary.day(ctx, DAY).doses == ()


@pytest.mark.parametrize(("typed", "words"), [
    ("0", "The number of units must be more than zero"),
    ("-1", "The number of units must be more than zero"),
    ("abc", "The number of units must be a number, not 'abc'"),
    ("nan", "The number of units must be a real number"),
    ("101", "101 units is more than 100 units in one entry"),
    ("", "The number of units must be a number"),
])
def test_invalid_units_are_refused(qtbot: QtBot, ctx: Context, typed: str, words: str) -> None:
    supplements.save_product(ctx, SupplementProduct("B", {"magnesium": 200}))
    dlg = SupplementDoseDialog(ctx, DAY, MORNING)
    qtbot.addWidget(dlg)
    dlg.show()
    dlg.units_edit.clear()
    qtbot.keyClicks(dlg.units_edit, typed)
    qtbot.mouseClick(dlg.ok_button, Qt.MouseButton.LeftButton)
    assert dlg.isVisible() and dlg.result() != QDialog.DialogCode.Accepted
    assert words in dlg.errors.message()
    with pytest.raises(UserError) as err:
        dlg.build()
    assert err.value.field == "units" and words in err.value.message


def test_editing_a_dose_keeps_its_id(qtbot: QtBot, ctx: Context) -> None:
    product = supplements.save_product(ctx, SupplementProduct("B", {"magnesium": 200}))
    dose = SupplementDose(DAY, MORNING, product.id, 1.5)
    dlg = SupplementDoseDialog(ctx, dt.date(2000, 1, 1), dt.time(0, 0), dose=dose)
    qtbot.addWidget(dlg)
    assert dlg.units_edit.text() == "1.5"
    dlg.units_edit.setText("3")
    dlg.accept()
    edited = dlg.saved_entry()
    assert (edited.id, edited.units, edited.date, edited.time) == (dose.id, 3.0, DAY, MORNING)


def test_a_product_added_from_the_dose_dialog_is_chosen(
        qtbot: QtBot, ctx: Context, monkeypatch: pytest.MonkeyPatch) -> None:
    supplements.save_product(ctx, SupplementProduct("A first", {"calcium": 100}))
    dlg = SupplementDoseDialog(ctx, DAY, MORNING)
    qtbot.addWidget(dlg)

    def add_one(products: SupplementProductsDialog) -> int:
        products.start_new()
        products.form.name_edit.setText("Z last")
        products.form.amount_edits["vitamin_b12"].setText("500")
        assert products.save()
        return 0

    monkeypatch.setattr(SupplementProductsDialog, "exec", add_one)
    dlg.manage_products()
    chosen = dlg.selected_product()
    assert chosen is not None and chosen.name == "Z last"


def test_with_no_products_the_dialog_offers_to_add_them(
        qtbot: QtBot, ctx: Context, monkeypatch: pytest.MonkeyPatch) -> None:
    dlg = SupplementDoseDialog(ctx, DAY, MORNING)
    qtbot.addWidget(dlg)
    dlg.show()
    assert not dlg.ok_button.isEnabled() and dlg.empty_note.isVisible()

    def add_one(products: SupplementProductsDialog) -> int:
        products.form.name_edit.setText("Magnesium")
        products.form.amount_edits["magnesium"].setText("250")
        assert products.save()
        return 0

    monkeypatch.setattr(SupplementProductsDialog, "exec", add_one)
    qtbot.mouseClick(dlg.manage_button, Qt.MouseButton.LeftButton)
    assert dlg.ok_button.isEnabled() and not dlg.empty_note.isVisible()
    assert dlg.selected_product() is not None
    assert dlg.selected_product().name == "Magnesium"  # type: ignore[union-attr]


def test_a_failed_save_keeps_the_dose_dialog_open(qtbot: QtBot, ctx: Context) -> None:
    supplements.save_product(ctx, SupplementProduct("B", {"magnesium": 200}))

    def busy(_dose: SupplementDose) -> None:
        raise UserError("The diary is busy; try again in a moment.")

    dlg = SupplementDoseDialog(ctx, DAY, MORNING, saver=busy)
    qtbot.addWidget(dlg)
    dlg.show()
    qtbot.mouseClick(dlg.ok_button, Qt.MouseButton.LeftButton)
    assert dlg.isVisible() and dlg.message() == "The diary is busy; try again in a moment."


@pytest.mark.parametrize(("answer", "stored", "closed"), [
    (QMessageBox.StandardButton.Save, ["Zinc 15"], True),
    (QMessageBox.StandardButton.Discard, [], True),
    (QMessageBox.StandardButton.Cancel, [], False),
])
def test_closing_with_unsaved_changes_asks(qtbot: QtBot, ctx: Context,
                                           products_dialog: SupplementProductsDialog,
                                           monkeypatch: pytest.MonkeyPatch,
                                           answer: QMessageBox.StandardButton,
                                           stored: list[str], closed: bool) -> None:
    asked: list[str] = []

    def reply(_parent: object, title: str, *_args: object) -> QMessageBox.StandardButton:
        asked.append(title)
        return answer

    monkeypatch.setattr(QMessageBox, "question", reply)
    _fill(qtbot, products_dialog, "Zinc 15", {"zinc": "15"})
    products_dialog.reject()
    assert asked and [p.name for p in supplements.products(ctx)] == stored
    assert products_dialog.isVisible() != closed


def test_closing_without_changes_does_not_ask(qtbot: QtBot, ctx: Context,
                                              products_dialog: SupplementProductsDialog,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    supplements.save_product(ctx, SupplementProduct("Calcium", {"calcium": 500}))
    products_dialog.reload()
    products_dialog.list_view.setCurrentIndex(products_dialog.model.index(0))
    monkeypatch.setattr(QMessageBox, "question", lambda *_a: pytest.fail("asked"))
    products_dialog.reject()
    assert not products_dialog.isVisible()


@pytest.mark.parametrize(("answer", "shown", "calcium"), [
    (QMessageBox.StandardButton.Save, "Zinc", 600.0),
    (QMessageBox.StandardButton.Discard, "Zinc", 500.0),
    (QMessageBox.StandardButton.Cancel, "Calcium", 500.0),
])
def test_switching_products_with_unsaved_changes_asks(
        qtbot: QtBot, ctx: Context, products_dialog: SupplementProductsDialog,
        monkeypatch: pytest.MonkeyPatch, answer: QMessageBox.StandardButton, shown: str,
        calcium: float) -> None:
    supplements.save_product(ctx, SupplementProduct("Calcium", {"calcium": 500}))
    supplements.save_product(ctx, SupplementProduct("Zinc", {"zinc": 15}))
    products_dialog.reload(select_id=supplements.product_named(ctx, "Calcium").id)
    products_dialog.form.amount_edits["calcium"].clear()
    qtbot.keyClicks(products_dialog.form.amount_edits["calcium"], "600")
    asked: list[str] = []

    def reply(_parent: object, title: str, *_args: object) -> QMessageBox.StandardButton:
        asked.append(title)
        return answer

    monkeypatch.setattr(QMessageBox, "question", reply)
    products_dialog.list_view.setCurrentIndex(products_dialog.model.index(1))
    qtbot.waitUntil(lambda: bool(asked))
    qtbot.waitUntil(lambda: products_dialog.form.name_edit.text() == shown)
    selected = products_dialog.model.product_at(products_dialog.list_view.currentIndex().row())
    assert selected is not None and selected.name == shown
    assert supplements.product_named(ctx, "Calcium").per_unit == {"calcium": calcium}
