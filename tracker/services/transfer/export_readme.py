"""README.txt of an export: what each file and column means, units, where figures come from."""

from __future__ import annotations

import datetime as dt

from tracker import __version__
from tracker.domain.nutrients import NUTRIENTS
from tracker.services.transfer import bundle_format as fmt

_INTRO = """\
Nutrient Tracker export, {first} to {last} (made with version {version}).

This folder holds a food and symptom diary kept by the person it belongs to.
report.pdf is a one-page summary for a clinician. The .csv files open in any
spreadsheet program; each has one header row. They are also the person's own
copy of the diary: Nutrient Tracker can import them back (File > Import).

Conventions
- Text is UTF-8 with a byte-order mark; dates are YYYY-MM-DD, times HH:MM
  (24-hour, the person's local time). Each entry belongs to the diary day
  the person chose, which is not derived from a time zone.
- Units are in the column names: mg milligrams, ug micrograms (µg), g grams,
  ml millilitres, kcal kilocalories, s seconds, min minutes.
- An empty cell means unknown, never zero. A day with nothing logged has no
  intake figures: it is missing, not a day without food.
- Text that would start with = + - @ or a tab is written with a leading
  apostrophe (') so a spreadsheet does not run it as a formula; an apostrophe
  that begins text is doubled. The importer removes that one apostrophe.
- The id columns identify entries, so importing the same files twice does not
  add anything twice.

Opened and saved again in a spreadsheet
The .csv files may be opened in a spreadsheet program, tidied and saved again
as CSV; they still import back. What the spreadsheet itself changes on the way
(LibreOffice Calc and Excel do this when they save) is understood:
- times come back as 12-hour times with seconds: 08:05 as 08:05:00 AM;
- the byte-order mark is dropped, and text may come back in double quotes;
- numbers lose trailing zeros (0.50 as 0.5) and keep at most 15 significant
  digits; a number below 0.0001 comes back in scientific notation with three
  significant digits (0.0000123456 as 1.23E-05): untick "Save cell content as
  shown" when saving to keep every digit;
- text that looks like a number, date or time may be turned into one (a label
  "007" comes back as 7); ids that look like numbers are written behind an
  apostrophe, so they come back unchanged;
- saved with semicolons, as where a comma is the decimal separator, numbers may
  use a decimal comma (330,5). Dates must stay YYYY-MM-DD: a date rewritten as
  05/10/2026 could mean two different days, so the import refuses it and names
  the line.
The nutrient amounts of each entry and daily_summary.csv are recomputed on
import, so their rounding does not matter. An entry edited in the files keeps
its id: imported into the same diary it is listed as changed, and applied only
when asked to (nutrient-tracker import --update, or the box in the Import
window). In food_log.csv, amount with unit and grams must agree; leave grams
empty to have it worked out from the amount.

Data sources
- Food composition: USDA National Nutrient Database for Standard Reference,
  Legacy (SR28), per 100 g, plus foods the person entered (custom_foods.csv).
  Where a food lacks a value, that nutrient is unknown for the entry and the
  day's completeness (known_fraction) drops below 1.
- Targets: {reference} for the person's age, sex and life stage on each day,
  or their own target (targets.csv).{derived}
  Vitamin D is in µg (1 µg = 40 IU).
- Supplements: the amounts per unit the person copied from each label.

Caution
These are self-reported records. Patterns in them are associations, not
proof of cause; a diagnosis needs a clinician and, for these nutrients, a
blood test.
"""

_FILES: tuple[tuple[str, str, tuple[tuple[str, str], ...]], ...] = (
    (fmt.DAILY_SUMMARY_NAME, "One row per calendar day of the period.", (
        ("<nutrient>_<unit>", "total intake that day from foods and supplements"),
        ("caffeine_mg", "caffeine from foods, drinks and manual caffeine entries"),
        ("water_total_ml", "all water: drinks plus the water in foods"),
        ("drinks_ml", "plain water and beverages drunk"),
        ("episodes", "number of twitch/cramp episodes logged that day"),
        ("<nutrient>_target_<unit>", "that day's target (reference intake or own target)"),
        ("<nutrient>_pct_of_target", "intake as a percent of that day's target"),
        ("caffeine_limit_mg", "the caffeine ceiling used for comparisons"),
        ("<nutrient>_known_fraction", "completeness: share of the day's food weight whose "
                                      "value for that nutrient is known (1 = all known)"),
        ("logged", "1 when the day counts as logged (marked complete or has food entries)"),
        ("day_complete", "1 when the person marked the day's logging as complete"),
    )),
    (fmt.FOOD_LOG.name, "One row per food or drink eaten.", (
        ("food_id", "sr28:<NDB number> for USDA foods, custom:<id> for the person's own, "
                    "recipe:<id> for a recipe (@<n>: the version the entry was logged with), "
                    "imported:<id> for a row imported from another app"),
        ("amount, unit", "the amount as the person entered it (e.g. 1.5 cup)"),
        ("grams", "the weight that amount stands for"),
        ("<nutrient>_<unit>", "that entry's amount of each nutrient (derived; empty if unknown)"),
        ("id", "entry id"),
        ("source", "the app and file an entry was imported from (empty: logged here); "
                   "every log file has this column"),
    )),
    (fmt.WATER_LOG.name, "Plain water.", (("volume_ml", "volume drunk"),)),
    (fmt.CAFFEINE_LOG.name, "Caffeine entered by hand (tablets, drinks not in the food list).", (
        ("caffeine_mg", "caffeine"), ("label", "what it was"),)),
    (fmt.SUPPLEMENT_LOG.name, "One row per supplement dose.", (
        ("supplement", "product name"), ("units", "how many units (tablets, drops, ...)"),
        ("<nutrient>_<unit>", "nutrients in that dose (derived from supplements.csv)"),
        ("product_id", "id of the product in supplements.csv"),
    )),
    (fmt.SUPPLEMENTS.name, "The supplement products, with nutrients per unit from the label.", (
        ("<nutrient>_<unit>_per_unit", "amount in one unit"),)),
    (fmt.EPISODES.name, "One row per twitch, cramp, spasm or tingling episode.", (
        ("kind", "twitch, cramp, spasm or tingling"),
        ("body_site, side", "where (calf, thigh, foot, eyelid, ...) and which side"),
        ("intensity", "1 (barely noticeable) to 10 (worst imaginable)"),
        ("duration_s", "how long it lasted, in seconds (empty if not noted)"),
    )),
    (fmt.DAY_FACTORS.name, "Context per day, where the person noted it.", (
        ("sleep_hours", "hours slept"), ("stress", "1 (calm) to 5 (very stressed)"),
        ("exercise_min", "minutes of exercise"),
        ("day_complete", "1 when the day's logging was marked complete"),
    )),
    (fmt.CUSTOM_FOODS.name, "Foods the person defined, one row per version.", (
        ("<nutrient>_<unit>_per_100g", "amount per 100 g (empty = unknown)"),
        ("beverage", "1 when it counts as a drink"),
        ("id", "custom:<id> for the first version, custom:<id>@2 and so on after edits"),
        ("retired", "1 for an earlier version, kept because entries logged with it use it"),
    )),
    (fmt.IMPORTED_FOODS.name, "Foods brought in from another app (such as Cronometer), one "
     "per imported row, with that row's nutrients.", (
        ("id", "imported:<id>, named by food_log.csv's food_id"),
        ("source", "the app and file the row came from"),
        ("<nutrient>_<unit>_per_100g", "amount per 100 g (empty = unknown)"),
    )),
    (fmt.RECIPES.name, "Recipes: foods made of other foods, one row per version.", (
        ("servings", "how many servings the recipe makes"),
        ("cooked_grams", "what the finished dish weighs (empty: the ingredients' weight)"),
        ("retired", "1 for an earlier version, kept for the entries logged with it"),
    )),
    (fmt.RECIPE_ITEMS.name, "The ingredients of each recipe version, in order.", (
        ("food_id", "the ingredient (an SR28 food, a custom food or another recipe)"),
        ("amount, unit, grams", "how much of it, as entered, and its weight"),
    )),
    (fmt.MEALS.name, "Saved meals, logged in one step (such as a usual breakfast).", (
        ("times_logged, last_logged", "how often and when last the meal was logged"),
    )),
    (fmt.MEAL_ITEMS.name, "What each saved meal holds.", (
        ("kind", "food, water, caffeine or supplement"),
        ("food_id, amount, unit, grams", "a food and how much of it"),
        ("volume_ml / caffeine_mg, label / supplement, units", "the other kinds"),
    )),
    (fmt.CUSTOM_FOOD_PORTIONS.name, "Household measures of those foods.", (
        ("amount, description, grams", "e.g. 1, bar, 40: one bar weighs 40 g"),)),
    (fmt.PROFILE.name, "Sex, birth date and life stage, which select the reference intakes.", (
        ("reference_set", "dri: US/Canadian Dietary Reference Intakes; efsa: EFSA Dietary "
                          "Reference Values"),)),
    (fmt.TARGETS.name, "Targets the person set for themselves instead of the reference.", ()),
    (fmt.EXPERIMENTS.name, "Self-experiments: blocks ON and OFF in a random order (all of "
     "them, whatever the period).", (
        ("kind", "supplement, caffeine-limit or drinks-min"),
        ("units / limit_mg / min_ml", "the daily dose ON, the caffeine limit ON, or the "
                                      "drinks minimum ON"),
        ("block_days, pairs, washin_days", "block length, pairs of ON and OFF blocks, and "
                                           "the days at the start of each block not counted"),
        ("seed, schedule", "the recorded seed and the order it drew, one word per block"),
        ("status, stopped_on", "running, finished, stopped or abandoned; the last day of a "
                               "trial ended early"))),
)


_REFERENCE_TEXT = {
    "dri": ("the Dietary Reference Intakes (US National Academies; the US/Canadian\n"
            "  reference set)", ""),
    "efsa": ("EFSA's Dietary Reference Values (European Food Safety Authority;\n"
             "  the reference set the person chose)",
             "\n  EFSA gives total water only: the drinks target is 80 % of it."),
}
_NO_PROFILE_TEXT = ("no reference intakes (no profile was set), only the person's own\n"
                    "  targets", "")


def readme_text(first: dt.date, last: dt.date, reference_set: str | None = "dri") -> str:
    """README.txt naming the reference set the targets came from (None: no profile)."""
    reference, derived = (_REFERENCE_TEXT.get(reference_set, _REFERENCE_TEXT["dri"])
                          if reference_set else _NO_PROFILE_TEXT)
    lines = [_INTRO.format(first=first.isoformat(), last=last.isoformat(),
                           version=__version__, reference=reference, derived=derived),
             "Files"]
    for name, what, columns in _FILES:
        lines.append(f"\n{name}: {what}")
        lines.extend(f"  {column}: {meaning}" for column, meaning in columns)
    lines.append("\nNutrients and their units")
    lines.extend(f"  {n.column}: {n.label}" for n in NUTRIENTS)
    return "\n".join(lines) + "\n"
