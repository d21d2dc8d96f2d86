"""Metric or US units for what a person sees and types; the diary always keeps g and ml.

Only display and entry convert: storage, ``--json`` and the export CSVs stay
in grams and millilitres whatever the person chose, so a file never depends
on a setting.
"""

from __future__ import annotations

from tracker.domain.amounts import GRAMS_PER_OUNCE, ML_PER_US_FL_OZ
from tracker.domain.errors import UserError

UNIT_SYSTEMS: tuple[str, ...] = ("metric", "us")
UNIT_SYSTEM_LABELS: dict[str, str] = {"metric": "Metric (g, ml)",
                                      "us": "US (oz, fl oz, cups)"}
# A US customary cup is 8 US fluid ounces.
ML_PER_US_CUP = 8 * ML_PER_US_FL_OZ
# Volume units offered for entry, per system, with the ml in one of each.
VOLUME_UNITS: dict[str, dict[str, float]] = {
    "metric": {"ml": 1.0},
    "us": {"fl oz": ML_PER_US_FL_OZ, "cup": ML_PER_US_CUP},
}
ALL_VOLUME_UNITS: dict[str, float] = {"ml": 1.0, "fl oz": ML_PER_US_FL_OZ, "cup": ML_PER_US_CUP}
# The mass unit a food amount starts in.
MASS_UNIT: dict[str, str] = {"metric": "g", "us": "oz"}


def check_system(system: str) -> str:
    if system not in UNIT_SYSTEMS:
        raise UserError(f"Units must be one of {', '.join(UNIT_SYSTEMS)}.", "units")
    return system


def volume_to_ml(value: float, unit: str) -> float:
    """``value`` of ``unit`` ("ml", "fl oz", "cup") in millilitres."""
    try:
        return value * ALL_VOLUME_UNITS[unit]
    except KeyError:
        raise UserError(f"{unit!r} is not a volume unit; use ml, fl oz or cup.",
                        "unit") from None


def ml_to_unit(volume_ml: float, unit: str) -> float:
    return volume_ml / ALL_VOLUME_UNITS[unit]


def volume_unit(system: str) -> str:
    """The unit drinks are shown in: ml, or US fluid ounces."""
    return "fl oz" if system == "us" else "ml"


def volume_text(volume_ml: float, system: str) -> str:
    """"250 ml" or "8.5 fl oz"; large US volumes add cups: "64.0 fl oz (8.0 cups)"."""
    if system != "us":
        return f"{volume_ml:,.0f} ml"
    fl_oz = volume_ml / ML_PER_US_FL_OZ
    text = f"{fl_oz:,.1f} fl oz"
    if volume_ml >= 2 * ML_PER_US_CUP:
        text += f" ({volume_ml / ML_PER_US_CUP:.1f} cups)"
    return text


def mass_text(grams: float, system: str) -> str:
    """"150 g" or "5.3 oz"."""
    if system == "us":
        return f"{grams / GRAMS_PER_OUNCE:,.1f} oz"
    return f"{grams:,.0f} g" if grams >= 10 else f"{grams:g} g"


def amount_text(value: float | None, unit: str, system: str, key: str = "") -> str:
    """An amount in a person's units: ml become fl oz under US, everything else as stored."""
    # Imported here: the day table needs this module to paint, the totals' summaries not.
    from tracker.domain.summary import format_amount

    if value is not None and unit == "ml" and system == "us":
        return volume_text(value, system)
    return format_amount(value, unit, key)
