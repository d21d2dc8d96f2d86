"""A refusal beside its field is shown whole, even when it wraps onto several lines."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest

from tracker.config import Settings
from tracker.domain.entries import Profile, SupplementProduct
from tracker.domain.errors import UserError
from tracker.services import profile, supplements
from tracker.services.context import Context
from tracker.services.foods import catalog as foods
from tracker.ui.day.entry_dialogs import CaffeineDialog, EpisodeDialog, WaterDialog
from tracker.ui.foods.custom_food_dialog import CustomFoodDialog
from tracker.ui.foods.food_dialog import FoodDialog
from tracker.ui.settings.settings_dialog import SettingsDialog
from tracker.ui.supplements.supplement_dialog import SupplementDoseDialog
from tracker.ui.supplements.supplement_products_dialog import SupplementProductsDialog


def _fully_shown(label: Any) -> bool:
    return label.isVisible() and label.height() >= label.heightForWidth(label.width())


def test_a_long_message_grows_the_dialog_instead_of_being_clipped(qtbot: Any) -> None:
    dialog = WaterDialog(dt.date(2026, 11, 20), dt.time(9, 0))
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    before = dialog.height()
    long = ("The volume of 9000 ml is more than 5000 ml in one entry; split it into two "
            "entries or check the number you typed.")
    dialog.errors.show(UserError(long, "volume_ml"))
    label = next(lab for lab in dialog.findChildren(type(dialog.general_error))
                 if lab.text() == long)
    qtbot.waitUntil(lambda: _fully_shown(label))
    assert dialog.height() > before


# --- A refusal always describes what the field holds now ------------------------------

DAY = dt.date(2026, 11, 20)
NOON = dt.time(12, 0)


def _ok(dialog: Any) -> None:
    dialog.accept()


def _water(qtbot: Any, ctx: Context) -> tuple[Any, Any, Any]:
    dialog = WaterDialog(DAY, NOON)
    return dialog, dialog.amount_edit, _ok


def _caffeine(qtbot: Any, ctx: Context) -> tuple[Any, Any, Any]:
    dialog = CaffeineDialog(DAY, NOON)
    return dialog, dialog.mg_edit, _ok


def _intensity(qtbot: Any, ctx: Context) -> tuple[Any, Any, Any]:
    dialog = EpisodeDialog(DAY, NOON)
    return dialog, dialog.intensity_edit, _ok


def _food_quantity(qtbot: Any, ctx: Context) -> tuple[Any, Any, Any]:
    dialog = FoodDialog(ctx, DAY, NOON)
    dialog.choose_food(foods.get_food(ctx, "sr28:09040"))  # bananas, raw
    return dialog, dialog.picker.quantity_edit, _ok


def _dose_units(qtbot: Any, ctx: Context) -> tuple[Any, Any, Any]:
    supplements.save_product(ctx, SupplementProduct("Magnesium citrate", {"magnesium": 200.0}))
    dialog = SupplementDoseDialog(ctx, DAY, NOON)
    return dialog, dialog.units_edit, _ok


def _custom_serving(qtbot: Any, ctx: Context) -> tuple[Any, Any, Any]:
    dialog = CustomFoodDialog(ctx, name="Lentil soup")
    return dialog, dialog.serving_edit, _ok


def _custom_nutrient(qtbot: Any, ctx: Context) -> tuple[Any, Any, Any]:
    dialog = CustomFoodDialog(ctx, name="Lentil soup")
    dialog.serving_edit.setText("250")
    return dialog, dialog.amount_edits["magnesium"], _ok


def _product_amount(qtbot: Any, ctx: Context) -> tuple[Any, Any, Any]:
    dialog = SupplementProductsDialog(ctx)
    dialog.form.name_edit.setText("Magnesium glycinate")
    return dialog, dialog.form.amount_edits["magnesium"], lambda d: d.save()


def _settings_glass(qtbot: Any, ctx: Context) -> tuple[Any, Any, Any]:
    profile.set_profile(ctx, Profile("female", dt.date(1984, 5, 17)))
    settings = Settings(Path(str(ctx.diary.path)).with_name("settings.toml"))
    dialog = SettingsDialog(ctx, settings)
    return dialog, dialog.glass_edit, _ok


# (dialog, first text, text typed after the refusal, start of the message for it, good text)
REFUSALS = {
    "water": (_water, "", "a glass", "The volume must be a number, not 'a glass'", "250"),
    "caffeine": (_caffeine, "", "strong", "Caffeine must be a number, not 'strong'", "80"),
    "intensity": (_intensity, "", "high", "Intensity must be a number, not 'high'", "4"),
    "food quantity": (_food_quantity, "x", "lots", "The amount must be a number, not 'lots'",
                      "2"),
    "supplement units": (_dose_units, "", "two",
                         "The number of units must be a number, not 'two'", "2"),
    "custom food serving": (_custom_serving, "abc", "heavy",
                            "Serving weight must be a number, not 'heavy'", "250"),
    "custom food nutrient": (_custom_nutrient, "abc", "some",
                             "Magnesium must be a number, not 'some'", "40"),
    "supplement product": (_product_amount, "abc", "lots",
                           "Magnesium must be a number, not 'lots'", "200"),
    "settings glass": (_settings_glass, "", "big", "The glass size must be a number, not 'big'",
                       "300"),
}


def _message(dialog: Any) -> str:
    if isinstance(dialog, SupplementProductsDialog):  # its form holds the messages
        return str(dialog.form.errors.message())
    return str(dialog.message())


@pytest.mark.parametrize("case", list(REFUSALS))
def test_a_refusal_follows_what_the_field_holds_now(qtbot: Any, ctx: Context,
                                                    case: str) -> None:
    make, first, typed, expected, good = REFUSALS[case]
    dialog, edit, submit = make(qtbot, ctx)
    qtbot.addWidget(dialog)
    dialog.show()
    edit.setText(first)
    submit(dialog)
    assert f"not {first!r}" in _message(dialog) or not first
    assert _message(dialog), "the first text was not refused"
    # The person keeps typing: the message must describe this text, not the first.
    edit.selectAll()
    qtbot.keyClicks(edit, typed)
    assert edit.text() == typed
    assert _message(dialog).startswith(expected)
    assert repr(first) not in _message(dialog)
    edit.selectAll()
    qtbot.keyClicks(edit, good)
    assert _message(dialog) == ""
    assert edit.styleSheet() == ""


def test_an_edit_elsewhere_leaves_a_refusal_in_place(qtbot: Any) -> None:
    dialog = CaffeineDialog(DAY, NOON)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.mg_edit.setText("lots")
    dialog.accept()
    assert dialog.message() == "Caffeine must be a number, not 'lots'."
    qtbot.keyClicks(dialog.label_combo.lineEdit(), "tea")
    assert dialog.message() == "Caffeine must be a number, not 'lots'."


def test_a_message_without_a_field_to_recheck_is_withdrawn_on_edit(qtbot: Any,
                                                                    ctx: Context,
                                                                    tmp_path: Path) -> None:
    from tracker.ui.transfer.export_dialog import ExportDialog

    dialog = ExportDialog(ctx, folder=tmp_path)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.path_edit.setText("")
    dialog.start_export()
    assert dialog.message() == "Choose where to save the export."
    qtbot.keyClicks(dialog.path_edit, "visit")
    assert dialog.message() == ""
