"""Bearable's export (date, weekday, time of day, category, rating/amount, detail, notes).

Symptoms are written "Name (Severity)", several in one row separated by " | ".
The person says which symptom names are twitch episodes and which are cramps;
each such symptom becomes an episode whose intensity follows its severity
(Mild 3, Moderate 5, Severe 7, Unbearable 9; 5 when none is given). Caffeine
and water become entries where Bearable gives an amount (mg; ml, l or fl oz);
a row with only a level ("A lot") is left out. Sleep given as hours
("7:30") becomes the day's sleep. Dates read like "22nd Sep 2020"; times of
day "am" (09:00), "pm" (15:00) or a clock time.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Iterable
from pathlib import Path

from tracker.domain import validation
from tracker.domain.entries import BODY_SITES, CaffeineEntry, DayFactors, Episode, WaterEntry
from tracker.domain.errors import UserError
from tracker.services.transfer.import_cells import derived_id
from tracker.services.transfer.other_apps.clock import parse_clock
from tracker.services.transfer.other_apps.plan import ForeignPlan
from tracker.services.transfer.other_apps.table import Line, Table, header_key, read_table

SEVERITY = {"mild": 3, "moderate": 5, "severe": 7, "unbearable": 9}
NO_SEVERITY_INTENSITY = 5
TIMES_OF_DAY = {"am": dt.time(9, 0), "morning": dt.time(9, 0), "mid": dt.time(12, 0),
                "midday": dt.time(12, 0), "noon": dt.time(12, 0), "pm": dt.time(15, 0),
                "afternoon": dt.time(15, 0), "evening": dt.time(19, 0),
                "night": dt.time(22, 0), "all day": dt.time(12, 0), "": dt.time(12, 0)}
_MONTHS = {name: number for number, names in enumerate(
    (("jan", "january"), ("feb", "february"), ("mar", "march"), ("apr", "april"),
     ("may",), ("jun", "june"), ("jul", "july"), ("aug", "august"),
     ("sep", "sept", "september"), ("oct", "october"), ("nov", "november"),
     ("dec", "december")), start=1) for name in names}
_DATE = re.compile(r"^(?P<d>\d{1,2})(?:st|nd|rd|th)?\s+(?P<m>[a-z]+)\.?,?\s+(?P<y>\d{4})$",
                   re.IGNORECASE)
_SYMPTOM = re.compile(r"^(?P<name>.*?)\s*(?:\((?P<severity>[^()]*)\))?\s*$")
_AMOUNT = re.compile(r"(?P<n>\d+(?:[.,]\d+)?)\s*(?P<unit>mg|ml|millilitres?|milliliters?|"
                     r"litres?|liters?|l|fl\.? ?oz|oz|cups?|glass(?:es)?|mugs?)?\b",
                     re.IGNORECASE)
_ML = {"ml": 1.0, "millilitre": 1.0, "milliliter": 1.0, "l": 1000.0, "litre": 1000.0,
       "liter": 1000.0, "floz": 29.5735295625, "oz": 29.5735295625}
_CAFFEINE = ("caffeine", "coffee")
_WATER = ("water", "hydration")
# Words in a symptom's name that say where it is ("Calf cramps" -> calf).
_SITE_WORDS = {**{site: site for site in BODY_SITES}, "calves": "calf", "thighs": "thigh",
               "feet": "foot", "toe": "toes", "shins": "shin", "hamstrings": "hamstring",
               "knees": "knee", "eyelids": "eyelid", "eye": "eyelid", "hands": "hand",
               "arms": "arm", "legs": "other"}


def looks_like(header: str) -> bool:
    """Whether a CSV header line is a Bearable export."""
    keys = {header_key(h) for h in header.split(",")}
    return {"category", "detail"} <= keys and ("rating/amount" in keys or "time of day" in keys)


def read_bearable(path: Path, episode_symptoms: Iterable[str] = (),
                  cramp_symptoms: Iterable[str] = ()) -> ForeignPlan:
    """Read the export at ``path``; the named symptoms become episodes. Nothing is written."""
    path = Path(path).expanduser()
    if not path.is_file():
        raise UserError(f"There is no file at {path}.", "path")
    table = read_table(path, ("date", "category"))
    plan = ForeignPlan("Bearable", (path.name,), f"Bearable: {path.name}")
    kinds = {name.strip().casefold(): "twitch" for name in episode_symptoms if name.strip()}
    kinds.update({name.strip().casefold(): "cramp" for name in cramp_symptoms if name.strip()})
    reader = _Reader(table, plan, kinds)
    for line in table.lines:
        reader.row(line)
    plan.factors = [reader.sleep[day] for day in sorted(reader.sleep)]
    if reader.without_severity:
        plan.notes.append(f"{reader.without_severity} episodes had no severity and were given "
                          f"intensity {NO_SEVERITY_INTENSITY}")
    unchosen = sorted(name for name in plan.symptoms if name.casefold() not in kinds)
    if unchosen:
        plan.notes.append("symptoms not imported (choose which are twitches or cramps): "
                          + ", ".join(unchosen))
    return plan


class _Reader:
    def __init__(self, table: Table, plan: ForeignPlan, kinds: dict[str, str]) -> None:
        self.table, self.plan, self.kinds = table, plan, kinds
        self.seen: Counter[tuple[str, ...]] = Counter()
        self.sleep: dict[dt.date, DayFactors] = {}
        self.without_severity = 0

    def _id(self, line: Line, *parts: str) -> str:
        key = (line.get("date"), line.get("time of day"), line.get("category"), *parts)
        self.seen[key] += 1
        return derived_id("bearable", self.table.file, *key, str(self.seen[key] - 1))

    def row(self, line: Line) -> None:
        category = line.get("category")
        kind = category.casefold()
        if kind in ("symptom", "symptoms"):
            self._symptoms(line)
        elif kind in _CAFFEINE or kind in _WATER:
            if not self._amount_entry(line, kind, line.get("rating/amount", "amount")):
                self.plan.skipped[f"{category} rows without an amount"] += 1
        elif kind == "sleep":
            self._sleep(line)
        else:
            found = False
            for segment in _segments(line.get("detail")):
                name = segment.split("-", 1)[0].split("(", 1)[0].split(":", 1)[0]
                name = re.sub(r"[^\w ]", "", name).strip().casefold()
                if name in _CAFFEINE or name in _WATER:
                    found = self._amount_entry(line, name, segment) or found
            if not found:
                self.plan.skipped[f"{category or 'uncategorised'} rows"] += 1

    def _when(self, line: Line) -> tuple[dt.date, dt.time]:
        return _date(self.table, line), _time(self.table, line)

    def _symptoms(self, line: Line) -> None:
        for segment in _segments(line.get("detail")):
            match = _SYMPTOM.match(segment)
            name = (match["name"] if match else segment).strip()
            if not name:
                continue
            self.plan.symptoms[name] += 1
            kind = self.kinds.get(name.casefold())
            if kind is None:
                continue
            severity = ((match["severity"] if match else None) or "").strip().casefold()
            if severity in ("none", "0"):
                continue
            intensity = SEVERITY.get(severity)
            if intensity is None:
                if severity:
                    raise self.table.fail(line.number, f"{severity!r} is not a severity "
                                          "(Mild, Moderate, Severe or Unbearable).", "detail")
                intensity = NO_SEVERITY_INTENSITY
                self.without_severity += 1
            day, time = self._when(line)
            episode = Episode(day, time, kind, _site(name), intensity, "none", None,
                              line.get("notes")[:2000], id=self._id(line, name))
            try:
                validation.check_episode(episode)
            except UserError as exc:
                raise self.table.fail(line.number, exc.message, "detail") from None
            self.plan.add("episodes", episode)

    def _amount_entry(self, line: Line, kind: str, text: str) -> bool:
        """A caffeine or water entry from ``text``'s amount; False if it gives none in
        units this app keeps."""
        match = _AMOUNT.search(text)
        if not match:
            return False
        value = float(match["n"].replace(",", "."))
        unit = (match["unit"] or "").casefold().replace(".", "").replace(" ", "").rstrip("s")
        day, time = self._when(line)
        try:
            if kind in _CAFFEINE:
                if unit not in ("", "mg"):
                    return False
                entry: CaffeineEntry | WaterEntry = validation.check_caffeine_entry(
                    CaffeineEntry(day, time, value, "Bearable", id=self._id(line, text)))
                self.plan.add("caffeine", entry)
            else:
                if unit not in ("", *_ML):
                    return False
                entry = validation.check_water_entry(WaterEntry(
                    day, time, round(value * _ML.get(unit, 1.0), 1), id=self._id(line, text)))
                self.plan.add("water", entry)
        except UserError as exc:
            raise self.table.fail(line.number, exc.message, "rating/amount") from None
        return True

    def _sleep(self, line: Line) -> None:
        text = line.get("rating/amount", "amount")
        hours = _hours(text)
        if hours is None:
            self.plan.skipped["sleep rows without hours"] += 1
            return
        day = _date(self.table, line)
        before = self.sleep.get(day)
        total = hours + ((before.sleep_hours or 0.0) if before else 0.0)
        if total > 24:
            raise self.table.fail(line.number, "the sleep of this day adds up to more than 24 "
                                  "hours.", "rating/amount")
        self.sleep[day] = DayFactors(day, round(total, 2))


def _segments(detail: str) -> list[str]:
    return [part.strip() for part in detail.split(" | ") if part.strip()]


def _site(name: str) -> str:
    for word in re.findall(r"[a-z]+", name.casefold()):
        if word in _SITE_WORDS:
            return _SITE_WORDS[word]
    return "other"


def _hours(text: str) -> float | None:
    match = re.fullmatch(r"(\d{1,2}):(\d{2})", text.strip())
    if match:
        return int(match[1]) + int(match[2]) / 60.0
    try:
        return float(text) if text.strip() else None
    except ValueError:
        return None


def _date(table: Table, line: Line) -> dt.date:
    text = line.get("date formatted", "date")
    match = _DATE.match(text)
    try:
        if match and match["m"].casefold() in _MONTHS:
            day = dt.date(int(match["y"]), _MONTHS[match["m"].casefold()], int(match["d"]))
            return validation.check_date(day)
        return validation.parse_date(text, "date")
    except ValueError:
        raise table.fail(line.number, f"{text} is not a day on the calendar.", "date") from None
    except UserError as exc:
        raise table.fail(line.number, f"{exc.message} Bearable writes dates like 22nd Sep "
                         "2020.", "date") from None


def _time(table: Table, line: Line) -> dt.time:
    text = line.get("time of day")
    found = TIMES_OF_DAY.get(text.casefold()) or parse_clock(text)
    if found is None:
        raise table.fail(line.number, f"{text!r} is not a time of day (am, pm or a time "
                         "such as 03:00).", "time of day")
    return found
