"""A random run of add, edit, delete, undo, redo, backup, restore and reopen keeps the diary
equal to a plain in-memory model after every step."""

from __future__ import annotations

import datetime as dt
import shutil
import tempfile
from dataclasses import replace
from pathlib import Path

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import (
    RuleBasedStateMachine,
    initialize,
    invariant,
    precondition,
    rule,
)

from tracker.domain.entries import CaffeineEntry, Entry, Episode, WaterEntry
from tracker.services import diary
from tracker.services.context import Context
from tracker.services.safety import backup
from tracker.storage.diary import Diary

FIRST = dt.date(2026, 3, 28)
DAYS = 3  # a daylight-saving change falls in these days in Europe
START = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)

whens = st.tuples(st.integers(0, DAYS - 1), st.integers(0, 23), st.integers(0, 59)).map(
    lambda t: (FIRST + dt.timedelta(days=t[0]), dt.time(t[1], t[2])))
entries = st.one_of(
    st.builds(lambda w, ml: WaterEntry(w[0], w[1], float(ml)), whens, st.integers(1, 5000)),
    st.builds(lambda w, mg, label: CaffeineEntry(w[0], w[1], float(mg), label), whens,
              st.integers(1, 2000), st.text(max_size=20).filter(lambda t: "\x00" not in t)),
    st.builds(lambda w, n, notes: Episode(w[0], w[1], "twitch", "calf", n, "both", None, notes),
              whens, st.integers(1, 10), st.sampled_from(["", "😖", "ليلاً", "x" * 2000])),
)

# An undo step: the entry before and after the action (None = absent).
Step = tuple[Entry | None, Entry | None]


class DiaryMachine(RuleBasedStateMachine):
    def __init__(self) -> None:
        super().__init__()
        self.folder = Path(tempfile.mkdtemp(prefix="safety-"))
        self.path = self.folder / "diary.sqlite3"
        self.ctx = Context(Diary.open(self.path), self.folder / "cache")
        self.model: dict[str, Entry] = {}
        self.undo_stack: list[Step] = []
        self.redo_stack: list[Step] = []
        self.backups: dict[Path, dict[str, Entry]] = {}
        self.clock = START

    @initialize()
    def start_empty(self) -> None:
        assert self._stored() == {}

    def _apply(self, before: Entry | None, after: Entry | None) -> None:
        """Make the diary go from ``before`` to ``after`` through the services, as undo does."""
        if after is None:
            assert before is not None
            diary.delete_entry(self.ctx, before)
            del self.model[before.id]
        elif before is None:
            diary.add_entry(self.ctx, after)
            self.model[after.id] = after
        else:
            diary.update_entry(self.ctx, after)
            self.model[after.id] = after

    def _do(self, before: Entry | None, after: Entry | None) -> None:
        self._apply(before, after)
        self.undo_stack.append((before, after))
        self.redo_stack.clear()

    @rule(entry=entries)
    def add(self, entry: Entry) -> None:
        self._do(None, entry)

    @rule(entry=entries)
    def save_twice(self, entry: Entry) -> None:
        self._do(None, entry)
        diary.add_entry(self.ctx, entry)  # the second press of Save changes nothing

    @precondition(lambda self: self.model)
    @rule(data=st.data())
    def edit(self, data: st.DataObject) -> None:
        current = self.model[data.draw(st.sampled_from(sorted(self.model)))]
        when = data.draw(whens)
        self._do(current, replace(current, date=when[0], time=when[1]))

    @precondition(lambda self: self.model)
    @rule(data=st.data())
    def delete(self, data: st.DataObject) -> None:
        self._do(self.model[data.draw(st.sampled_from(sorted(self.model)))], None)

    @precondition(lambda self: self.undo_stack)
    @rule()
    def undo(self) -> None:
        before, after = self.undo_stack.pop()
        self._apply(after, before)
        self.redo_stack.append((before, after))

    @precondition(lambda self: self.redo_stack)
    @rule()
    def redo(self) -> None:
        before, after = self.redo_stack.pop()
        self._apply(before, after)
        self.undo_stack.append((before, after))

    def _tick(self) -> dt.datetime:
        self.clock += dt.timedelta(hours=7)
        return self.clock

    def _forget_rotated(self) -> None:
        self.backups = {p: snap for p, snap in self.backups.items() if p.exists()}

    @rule()
    def back_up(self) -> None:
        info = backup.backup_now(self.ctx, now=self._tick())
        self.backups[info.path] = dict(self.model)
        self._forget_rotated()

    @precondition(lambda self: self.backups)
    @rule(data=st.data())
    def restore(self, data: st.DataObject) -> None:
        chosen = data.draw(st.sampled_from(sorted(self.backups)))
        result = backup.restore(self.path, chosen, now=self._tick())
        assert result.previous_kept_at is not None
        self.backups[result.previous_kept_at] = dict(self.model)
        self.model = dict(self.backups[chosen])
        self.undo_stack.clear()  # undo steps belong to the diary that was replaced
        self.redo_stack.clear()
        self._forget_rotated()

    @rule()
    def reopen(self) -> None:
        self.ctx.close()
        self.ctx = Context(Diary.open(self.path), self.folder / "cache")

    def _stored(self) -> dict[str, Entry]:
        found: dict[str, Entry] = {}
        for offset in range(DAYS):
            day = diary.day(self.ctx, FIRST + dt.timedelta(days=offset))
            logged: list[Entry] = [*day.water, *day.caffeine, *day.episodes]
            for entry in logged:
                assert entry.id not in found, "an entry is stored twice"
                found[entry.id] = entry
        return found

    @invariant()
    def diary_equals_model(self) -> None:
        assert self._stored() == self.model

    def teardown(self) -> None:
        self.ctx.close()
        shutil.rmtree(self.folder, ignore_errors=True)


DiaryMachine.TestCase.settings = settings(
    max_examples=25, stateful_step_count=30, deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
TestDiaryMachine = DiaryMachine.TestCase
