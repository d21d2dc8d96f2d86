"""Which SR28 foods count as drinks, for counting drinks and fluid intake.

SR28 has no such flag. A drink is anything in the Beverages group plus fluid
milks and juices from other groups, except the forms nobody drinks as they
are: powders, dry mixes, syrups and undiluted concentrates (unless the entry
is the prepared drink, e.g. "cocoa mix, powder, prepared with water").
"""

from __future__ import annotations

import re

BEVERAGE_GROUP = "Beverages"

_WORD = re.compile(r"[a-z0-9]+")

# Forms that are ingredients of a drink rather than the drink itself.
_NOT_DRUNK_AS_IS = {
    "powder", "powdered", "dry", "dried", "mix", "crystals", "granules", "syrup",
    "concentrate", "concentrated", "undiluted", "dehydrated", "solids", "bar",
    "dessert", "treats",
}
# Words saying the entry describes the drink made from such a form.
_PREPARED = re.compile(r"\bprepared\b|\bdiluted\b|\breconstituted\b|\bwith water\b")
# Fluid milks outside the Beverages group; evaporated and condensed milk are
# cooking ingredients, not drinks.
_MILK_HEADS = ("milk", "soymilk", "buttermilk", "milk shakes", "shake", "kefir", "eggnog")
_NOT_FLUID_MILK = {"evaporated", "condensed", "canned"}
# "juice pack" is canned fruit packed in juice, not juice.
_JUICE_PACK = re.compile(r"\bjuice pack\b")


def is_beverage(name: str, group: str) -> bool:
    """Whether the SR28 food ``name`` in food group ``group`` is a drink."""
    lower = name.lower()
    segments = [segment.strip() for segment in lower.split(",")]
    words = set(_WORD.findall(lower))
    if "undiluted" in words:
        return False
    if words & _NOT_DRUNK_AS_IS and not _PREPARED.search(lower):
        return False
    if group == BEVERAGE_GROUP:
        return True
    head = segments[0]
    if group == "Baby Foods" and len(segments) > 1:
        head = f"{segments[0]} {segments[1]}"
    head_words = set(_WORD.findall(head))
    if "juice" in head_words and not _JUICE_PACK.search(lower):
        return True
    is_milk = head in _MILK_HEADS or head.startswith(("milk ", "soymilk "))
    return is_milk and not (words & _NOT_FLUID_MILK) and "milkfat" not in head
