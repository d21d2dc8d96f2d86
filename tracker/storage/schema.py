"""The diary schema, one list of statements per version, and how versions are numbered.

Every amount is ``NOT NULL`` with a range ``CHECK``: Python's sqlite3 writes NaN
as NULL, which a range check alone would let through.

Versions are major.minor, stored as ``PRAGMA user_version = major << 16 | minor``
(qutebrowser's UserVersion). Diaries from before this numbering hold plain 1, 2
or 3, which read as 0.1, 0.2 and 0.3, so they open and upgrade as they always did.

How to add a migration
- Write its statements as a new tuple ``V<n>`` after the last one and append it
  to ``MIGRATIONS``. Never edit a landed migration: every old diary must upgrade
  the same way. If a rebase shows that someone else appended one, put yours
  after theirs and renumber yours.
- A *minor* step (the default) is additive: a new table, index or view, or a new
  column whose default satisfies its CHECK. An older app can still read such a
  diary, so it opens it read-only (it cannot know the new columns' rules) and says
  so, instead of refusing it.
- A *major* step is one an older app would misread: dropping or renaming a table
  or column, changing what a column means or its unit, tightening a CHECK. Wrap
  its statements in ``MajorStep``: ``V9 = MajorStep(("ALTER TABLE ...",))``.
  Older apps refuse such a diary and leave it untouched; this app upgrades to it
  as usual. A major step resets the minor number to 0.
"""

from __future__ import annotations

from dataclasses import dataclass

_DATE = "CHECK ({col} GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]')"
_TIME = "CHECK ({col} GLOB '[0-2][0-9]:[0-5][0-9]')"


def _date(col: str) -> str:
    return _DATE.format(col=col)


def _time(col: str) -> str:
    return _TIME.format(col=col)


class MajorStep(tuple[str, ...]):
    """The statements of a migration that older apps must refuse (see the module text)."""

    __slots__ = ()


_ID = "id TEXT PRIMARY KEY NOT NULL CHECK (length(id) BETWEEN 1 AND 64)"
_WHEN = f"date TEXT NOT NULL {_date('date')}, time TEXT NOT NULL {_time('time')}"

V1: tuple[str, ...] = (
    f"""CREATE TABLE profile (
        singleton INTEGER PRIMARY KEY NOT NULL CHECK (singleton = 1),
        sex TEXT NOT NULL CHECK (sex IN ('male', 'female')),
        birth_date TEXT NOT NULL {_date('birth_date')},
        life_stage TEXT NOT NULL CHECK (life_stage IN ('general', 'pregnancy', 'lactation'))
    ) STRICT""",
    """CREATE TABLE target_override (
        nutrient TEXT PRIMARY KEY NOT NULL,
        target REAL NOT NULL CHECK (target > 0 AND target < 1e7)
    ) STRICT""",
    f"""CREATE TABLE custom_food (
        {_ID},
        name TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
        food_group TEXT NOT NULL,
        beverage INTEGER NOT NULL CHECK (beverage IN (0, 1)),
        created_at TEXT NOT NULL
    ) STRICT""",
    """CREATE TABLE custom_food_nutrient (
        food_id TEXT NOT NULL REFERENCES custom_food(id) ON DELETE CASCADE,
        nutrient TEXT NOT NULL,
        per_100g REAL NOT NULL CHECK (per_100g >= 0 AND per_100g < 1e7),
        PRIMARY KEY (food_id, nutrient)
    ) STRICT""",
    """CREATE TABLE custom_food_portion (
        food_id TEXT NOT NULL REFERENCES custom_food(id) ON DELETE CASCADE,
        seq INTEGER NOT NULL,
        amount REAL NOT NULL CHECK (amount > 0 AND amount < 1e6),
        description TEXT NOT NULL CHECK (length(description) BETWEEN 1 AND 200),
        grams REAL NOT NULL CHECK (grams > 0 AND grams <= 5000),
        PRIMARY KEY (food_id, seq)
    ) STRICT""",
    f"""CREATE TABLE food_entry (
        {_ID}, {_WHEN},
        food_id TEXT NOT NULL CHECK (length(food_id) BETWEEN 1 AND 64),
        grams REAL NOT NULL CHECK (grams > 0 AND grams <= 5000),
        amount REAL NOT NULL CHECK (amount > 0 AND amount < 1e6),
        unit TEXT NOT NULL CHECK (length(unit) BETWEEN 1 AND 200)
    ) STRICT""",
    "CREATE INDEX food_entry_by_date ON food_entry(date, time)",
    "CREATE INDEX food_entry_by_food ON food_entry(food_id, date)",
    f"""CREATE TABLE water_entry (
        {_ID}, {_WHEN},
        volume_ml REAL NOT NULL CHECK (volume_ml > 0 AND volume_ml <= 5000)
    ) STRICT""",
    "CREATE INDEX water_entry_by_date ON water_entry(date, time)",
    f"""CREATE TABLE caffeine_entry (
        {_ID}, {_WHEN},
        caffeine_mg REAL NOT NULL CHECK (caffeine_mg > 0 AND caffeine_mg <= 2000),
        label TEXT NOT NULL CHECK (length(label) <= 200)
    ) STRICT""",
    "CREATE INDEX caffeine_entry_by_date ON caffeine_entry(date, time)",
    f"""CREATE TABLE supplement_product (
        {_ID},
        name TEXT NOT NULL UNIQUE COLLATE NOCASE CHECK (length(name) BETWEEN 1 AND 200),
        unit_label TEXT NOT NULL CHECK (length(unit_label) BETWEEN 1 AND 40)
    ) STRICT""",
    """CREATE TABLE supplement_nutrient (
        product_id TEXT NOT NULL REFERENCES supplement_product(id) ON DELETE CASCADE,
        nutrient TEXT NOT NULL,
        per_unit REAL NOT NULL CHECK (per_unit >= 0 AND per_unit <= 100000),
        PRIMARY KEY (product_id, nutrient)
    ) STRICT""",
    f"""CREATE TABLE supplement_dose (
        {_ID}, {_WHEN},
        product_id TEXT NOT NULL REFERENCES supplement_product(id) ON DELETE RESTRICT,
        units REAL NOT NULL CHECK (units > 0 AND units <= 100)
    ) STRICT""",
    "CREATE INDEX supplement_dose_by_date ON supplement_dose(date, time)",
    f"""CREATE TABLE episode (
        {_ID}, {_WHEN},
        kind TEXT NOT NULL CHECK (kind IN ('twitch', 'cramp', 'spasm', 'tingling')),
        body_site TEXT NOT NULL CHECK (length(body_site) BETWEEN 1 AND 200),
        side TEXT NOT NULL CHECK (side IN ('left', 'right', 'both', 'none')),
        intensity INTEGER NOT NULL CHECK (intensity BETWEEN 1 AND 10),
        duration_s INTEGER CHECK (duration_s IS NULL OR duration_s BETWEEN 0 AND 86400),
        notes TEXT NOT NULL CHECK (length(notes) <= 2000)
    ) STRICT""",
    "CREATE INDEX episode_by_date ON episode(date, time)",
    f"""CREATE TABLE day_factors (
        date TEXT PRIMARY KEY NOT NULL {_date('date')},
        sleep_hours REAL CHECK (sleep_hours IS NULL OR sleep_hours BETWEEN 0 AND 24),
        stress INTEGER CHECK (stress IS NULL OR stress BETWEEN 1 AND 5),
        exercise_min INTEGER CHECK (exercise_min IS NULL OR exercise_min BETWEEN 0 AND 1440),
        complete INTEGER NOT NULL CHECK (complete IN (0, 1))
    ) STRICT""",
)

# Version 2: a free-text note per day ("slept badly, long run"). ADD COLUMN keeps
# every existing row and its rowid; the default satisfies the CHECK for old rows.
V2: tuple[str, ...] = (
    "ALTER TABLE day_factors ADD COLUMN notes TEXT NOT NULL DEFAULT '' "
    "CHECK (length(notes) <= 2000)",
)

# Version 3: which reference table the profile's targets come from (US/Canadian
# DRI or EFSA). Additive: an existing profile keeps the DRI it always had.
V3: tuple[str, ...] = (
    "ALTER TABLE profile ADD COLUMN reference_set TEXT NOT NULL DEFAULT 'dri' "
    "CHECK (reference_set IN ('dri', 'efsa'))",
)

# Version 0.4: self-experiments (randomised ON/OFF trials). A minor step, additive: a new table,
# and a partial unique index so that at most one trial is running at a time.
# The schedule is stored as drawn ("on off off on ..."), beside the seed that drew it.
V4: tuple[str, ...] = (
    f"""CREATE TABLE experiment (
        {_ID},
        kind TEXT NOT NULL CHECK (kind IN ('supplement', 'caffeine-limit', 'drinks-min')),
        product_id TEXT REFERENCES supplement_product(id) ON DELETE RESTRICT,
        units REAL CHECK (units IS NULL OR (units > 0 AND units <= 100)),
        limit_mg REAL CHECK (limit_mg IS NULL OR (limit_mg >= 0 AND limit_mg <= 1000)),
        min_ml REAL CHECK (min_ml IS NULL OR (min_ml >= 250 AND min_ml <= 6000)),
        outcome TEXT NOT NULL CHECK (outcome IN ('episodes', 'cramps')),
        block_days INTEGER NOT NULL CHECK (block_days IN (7, 14)),
        pairs INTEGER NOT NULL CHECK (pairs BETWEEN 3 AND 10),
        washin_days INTEGER NOT NULL CHECK (washin_days >= 0 AND 2 * washin_days <= block_days),
        start_date TEXT NOT NULL {_date('start_date')},
        seed INTEGER NOT NULL CHECK (seed >= 0),
        schedule TEXT NOT NULL CHECK (length(schedule) BETWEEN 1 AND 100),
        status TEXT NOT NULL CHECK (status IN ('running', 'finished', 'stopped', 'abandoned')),
        stopped_on TEXT CHECK (stopped_on IS NULL OR {_date('stopped_on')[7:-1]}),
        created_at TEXT NOT NULL CHECK (length(created_at) BETWEEN 10 AND 40),
        CHECK ((kind = 'supplement') = (product_id IS NOT NULL AND units IS NOT NULL)),
        CHECK ((kind = 'caffeine-limit') = (limit_mg IS NOT NULL)),
        CHECK ((kind = 'drinks-min') = (min_ml IS NOT NULL))
    ) STRICT""",
    "CREATE UNIQUE INDEX experiment_one_running ON experiment(status) WHERE status = 'running'",
    "CREATE INDEX experiment_by_start ON experiment(start_date)",
)

# Version 0.5: recipes, saved meals, and custom foods that can be edited. An edit
# adds a new row for the food under "<id>@<version>" and retires the old one,
# which stays for the entries logged with it; the first version keeps the
# plain id every existing entry names. A minor step, additive: new tables,
# and columns whose defaults describe every existing food (first version, current).
_FOOD_ID = "CHECK (length(food_id) BETWEEN 1 AND 64)"
V5: tuple[str, ...] = (
    "ALTER TABLE custom_food ADD COLUMN version INTEGER NOT NULL DEFAULT 1 "
    "CHECK (version BETWEEN 1 AND 1000000)",
    "ALTER TABLE custom_food ADD COLUMN retired INTEGER NOT NULL DEFAULT 0 "
    "CHECK (retired IN (0, 1))",
    f"""CREATE TABLE recipe (
        {_ID},
        name TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
        version INTEGER NOT NULL CHECK (version BETWEEN 1 AND 1000000),
        retired INTEGER NOT NULL CHECK (retired IN (0, 1)),
        servings REAL NOT NULL CHECK (servings > 0 AND servings <= 1000),
        cooked_grams REAL CHECK (cooked_grams IS NULL
                                 OR (cooked_grams > 0 AND cooked_grams <= 200000)),
        created_at TEXT NOT NULL
    ) STRICT""",
    f"""CREATE TABLE recipe_item (
        recipe_id TEXT NOT NULL REFERENCES recipe(id) ON DELETE CASCADE,
        seq INTEGER NOT NULL,
        food_id TEXT NOT NULL {_FOOD_ID},
        grams REAL NOT NULL CHECK (grams > 0 AND grams <= 100000),
        amount REAL NOT NULL CHECK (amount > 0 AND amount < 1e6),
        unit TEXT NOT NULL CHECK (length(unit) BETWEEN 1 AND 200),
        PRIMARY KEY (recipe_id, seq)
    ) STRICT""",
    "CREATE INDEX recipe_item_by_food ON recipe_item(food_id)",
    f"""CREATE TABLE meal (
        {_ID},
        name TEXT NOT NULL UNIQUE COLLATE NOCASE CHECK (length(name) BETWEEN 1 AND 200),
        times_logged INTEGER NOT NULL CHECK (times_logged >= 0),
        last_logged TEXT CHECK (last_logged IS NULL
                                OR last_logged GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'),
        created_at TEXT NOT NULL
    ) STRICT""",
    """CREATE TABLE meal_item (
        meal_id TEXT NOT NULL REFERENCES meal(id) ON DELETE CASCADE,
        seq INTEGER NOT NULL,
        kind TEXT NOT NULL CHECK (kind IN ('food', 'water', 'caffeine', 'supplement')),
        food_id TEXT CHECK (food_id IS NULL OR length(food_id) BETWEEN 1 AND 64),
        grams REAL, amount REAL, unit TEXT CHECK (unit IS NULL OR length(unit) <= 200),
        volume_ml REAL, caffeine_mg REAL,
        label TEXT CHECK (label IS NULL OR length(label) <= 200),
        product_id TEXT REFERENCES supplement_product(id) ON DELETE RESTRICT,
        units REAL,
        CHECK ((kind = 'food' AND food_id IS NOT NULL AND grams > 0 AND grams <= 5000
                AND amount > 0 AND amount < 1e6 AND length(unit) >= 1)
               OR (kind = 'water' AND volume_ml > 0 AND volume_ml <= 5000)
               OR (kind = 'caffeine' AND caffeine_mg > 0 AND caffeine_mg <= 2000
                   AND label IS NOT NULL)
               OR (kind = 'supplement' AND product_id IS NOT NULL AND units > 0
                   AND units <= 100)),
        PRIMARY KEY (meal_id, seq)
    ) STRICT""",
    "CREATE INDEX meal_item_by_food ON meal_item(food_id)",
    "CREATE INDEX meal_item_by_product ON meal_item(product_id)",
)

# Version 0.6: history brought in from other apps (Cronometer, Bearable). A minor
# step, additive: each imported food row becomes a food of its own holding that
# row's nutrients ("imported:<id>", never searched or edited), and every imported
# entry records where it came from, so exports can say so.
V6: tuple[str, ...] = (
    f"""CREATE TABLE imported_food (
        {_ID},
        name TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
        source TEXT NOT NULL CHECK (length(source) BETWEEN 1 AND 200),
        created_at TEXT NOT NULL
    ) STRICT""",
    """CREATE TABLE imported_food_nutrient (
        food_id TEXT NOT NULL REFERENCES imported_food(id) ON DELETE CASCADE,
        nutrient TEXT NOT NULL,
        per_100g REAL NOT NULL CHECK (per_100g >= 0 AND per_100g < 1e7),
        PRIMARY KEY (food_id, nutrient)
    ) STRICT""",
    """CREATE TABLE entry_source (
        entry_id TEXT PRIMARY KEY NOT NULL CHECK (length(entry_id) BETWEEN 1 AND 64),
        source TEXT NOT NULL CHECK (length(source) BETWEEN 1 AND 200)
    ) STRICT""",
)

# MIGRATIONS[i] takes a diary from the version after i steps to the one after i + 1.
MIGRATIONS: tuple[tuple[str, ...], ...] = (V1, V2, V3, V4, V5, V6)

# The diary's own application id, so a random SQLite file is not taken for a diary.
APPLICATION_ID = 0x4E54524B  # "NTRK"


@dataclass(frozen=True, order=True)
class UserVersion:
    """A diary format version, ``major.minor``; ordered as a pair."""

    major: int
    minor: int

    @classmethod
    def from_int(cls, value: int) -> UserVersion:
        """The version stored in ``PRAGMA user_version`` (a plain 1, 2, 3 reads as 0.x)."""
        return cls((value >> 16) & 0x7FFF, value & 0xFFFF)

    def to_int(self) -> int:
        return (self.major << 16) | self.minor

    def __str__(self) -> str:
        return f"{self.major}.{self.minor}"


def version_after(steps: int, migrations: tuple[tuple[str, ...], ...] = MIGRATIONS
                  ) -> UserVersion:
    """The version a diary has once the first ``steps`` migrations have run on it."""
    major, minor = 0, 0
    for step in migrations[:steps]:
        major, minor = (major + 1, 0) if isinstance(step, MajorStep) else (major, minor + 1)
    return UserVersion(major, minor)


def steps_of(stored: int, migrations: tuple[tuple[str, ...], ...] = MIGRATIONS) -> int | None:
    """How many migrations a diary whose ``user_version`` is ``stored`` has had; None when
    it is not a version this app made (a newer one)."""
    for steps in range(len(migrations) + 1):
        if version_after(steps, migrations).to_int() == stored:
            return steps
    return None


CURRENT = version_after(len(MIGRATIONS))
# The ``user_version`` a diary of this app's schema holds.
SCHEMA_VERSION = CURRENT.to_int()
