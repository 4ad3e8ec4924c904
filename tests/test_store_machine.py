"""A Hypothesis state machine over the store: any sequence of adds, edits, removals, days off,
lost caches and format choices leaves files that a fresh, cache-free read agrees with."""

import datetime as dt
import shutil
import tempfile
from decimal import Decimal
from pathlib import Path

from hypothesis import settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, rule

from fanjournal.model import MOMENTS, Entry
from fanjournal.nps import Answer
from fanjournal.store import Journal, _parse
from fanjournal.workdays import DayOff

YEARS = (2025, 2026)
# Any text, with the characters str.splitlines() treats as line breaks made likely.
texts = st.lists(
    st.text(st.characters(blacklist_categories=("Cs",)), max_size=8)
    | st.sampled_from(["\n", "\r", "\x85", "\u2028", "\x0b", '"', "\\", "[[fan]]", "\'\'\'"]),
    min_size=1, max_size=5).map("".join).filter(lambda t: t.strip())


class StoreMachine(RuleBasedStateMachine):
    @initialize(fmt=st.sampled_from(["toml", "json"]))
    def start(self, fmt):
        self.dir = Path(tempfile.mkdtemp())
        self.fmt = fmt
        self.expected: dict[int, dict[str, dict]] = {year: {} for year in YEARS}
        self.off: dict[int, set[dt.date]] = {year: set() for year in YEARS}
        self.used: dict[int, set[str]] = {year: set() for year in YEARS}  # ids of every kind
        self.answers: dict[int, dict[str, int]] = {year: {} for year in YEARS}

    def teardown(self):
        shutil.rmtree(self.dir, ignore_errors=True)

    def journal(self) -> Journal:
        return Journal(self.dir, self.fmt)

    @rule(year=st.sampled_from(YEARS), day=st.integers(1, 28), text=texts,
          moment=st.sampled_from(MOMENTS), cost=st.none() | st.decimals(0, 99, places=2),
          peak=st.booleans())
    def add(self, year, day, text, moment, cost, peak):
        date = dt.date(year, 11, day)
        created = dt.datetime(year, 11, day, 9, 0, tzinfo=dt.UTC)

        def make(entry_id):
            return Entry(id=entry_id, date=date, created=created, text=text, moment=moment,
                         cost=cost, peak=peak)

        entry, count = self.journal().append(year, make)
        assert entry.id not in self.used[year], "an id was handed out twice"
        self.used[year].add(entry.id)
        self.expected[year][entry.id] = entry.to_record()
        assert count == sum(1 for r in self.expected[year].values() if r["date"] == date)

    @rule(year=st.sampled_from(YEARS), data=st.data())
    def remove(self, year, data):
        if not self.expected[year]:
            return
        entry_id = data.draw(st.sampled_from(sorted(self.expected[year])))
        with self.journal().change(year) as year_file:
            year_file.entries.pop(year_file.index_of(entry_id))
        del self.expected[year][entry_id]

    @rule(year=st.sampled_from(YEARS), data=st.data(), text=texts)
    def edit(self, year, data, text):
        if not self.expected[year]:
            return
        entry_id = data.draw(st.sampled_from(sorted(self.expected[year])))
        with self.journal().change(year) as year_file:
            index = year_file.index_of(entry_id)
            year_file.entries[index] = year_file.entries[index].with_changes(text=text)
            self.expected[year][entry_id] = year_file.entries[index].to_record()

    @rule(year=st.sampled_from(YEARS), day=st.integers(1, 28))
    def day_off(self, year, day):
        date = dt.date(year, 12, day)
        with self.journal().change(year) as year_file:
            if date not in self.off[year]:
                year_file.days_off.append(DayOff(date))
        self.off[year].add(date)

    @rule(year=st.sampled_from(YEARS), day=st.integers(1, 28), score=st.integers(0, 10))
    def survey_answer(self, year, day, score):
        with self.journal().change(year) as year_file:
            answer = Answer(dt.date(year, 10, day), score, id=year_file.allocate("nps"))
            year_file.answers.append(answer)
        assert answer.id not in self.used[year], "an id was handed out twice"
        self.used[year].add(answer.id)
        self.answers[year][answer.id] = score

    @rule(year=st.sampled_from(YEARS), data=st.data())
    def remove_answer(self, year, data):
        if not self.answers[year]:
            return
        answer_id = data.draw(st.sampled_from(sorted(self.answers[year])))
        with self.journal().change(year) as year_file:
            year_file.answers = [a for a in year_file.answers if a.id != answer_id]
        del self.answers[year][answer_id]

    @rule(data=st.data(), text=texts)
    def fan_in_one_year_and_an_answer_in_the_other(self, data, text):
        """One change of two years (as `fan follow-up done --log` makes): both are saved."""
        first, second = data.draw(st.permutations(YEARS))
        with self.journal().change_years(first, second) as year_files:
            entry = Entry(id=year_files[first].allocate(), date=dt.date(first, 11, 2),
                          created=dt.datetime(first, 11, 2, 9, 0, tzinfo=dt.UTC), text=text)
            year_files[first].entries.append(entry)
            answer = Answer(dt.date(second, 10, 1), 7, id=year_files[second].allocate("nps"))
            year_files[second].answers.append(answer)
        for year, new_id in ((first, entry.id), (second, answer.id)):
            assert new_id not in self.used[year], "an id was handed out twice"
            self.used[year].add(new_id)
        self.expected[first][entry.id] = entry.to_record()
        self.answers[second][answer.id] = 7

    @rule(year=st.sampled_from(YEARS), first=st.integers(1, 28), days=st.integers(0, 40))
    def read_a_range(self, year, first, days):
        start = dt.date(year, 11, first)
        end = start + dt.timedelta(days=days)
        got = [e.to_record() for e in self.journal().entries(start, end)]
        expected = sorted((r for y in YEARS for r in self.expected[y].values()
                           if start <= r["date"] <= end),
                          key=lambda r: (r["date"], r["created"], int(r["id"][5:])))
        assert got == expected

    @rule()
    def lose_the_cache(self):
        shutil.rmtree(self.dir / ".cache", ignore_errors=True)

    @invariant()
    def files_agree(self):
        if not hasattr(self, "dir"):
            return
        cached = self.journal()
        for year in YEARS:
            path = cached.path_for(year)
            if not path.exists():
                assert not self.expected[year] and not self.answers[year]
                continue
            parsed = _parse(path, path.read_bytes(), year)  # the file itself, no cache
            assert {e.id: e.to_record() for e in parsed.entries} == self.expected[year]
            fresh = cached.load(year)  # through the cache when it is current
            assert [e.to_record() for e in fresh.entries] == [e.to_record()
                                                              for e in parsed.entries]
            summary = cached.summary(year)
            assert sum(summary.fan_days.values()) == len(self.expected[year])
            money = sum((Decimal(r["cost"]) for r in self.expected[year].values()
                         if "cost" in r), Decimal(0))
            assert sum(summary.money_days.values(), Decimal(0)) == money
            assert {o.date for o in parsed.days_off} == self.off[year]
            assert {o.date for o in summary.records.days_off} == self.off[year]
            assert {a.id: a.score for a in parsed.answers} == self.answers[year]
            assert {a.id: a.score for a in summary.records.answers} == self.answers[year]


StoreMachine.TestCase.settings = settings(max_examples=60, stateful_step_count=25,
                                          deadline=None)
TestStore = StoreMachine.TestCase
