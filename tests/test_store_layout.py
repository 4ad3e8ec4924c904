"""The text layout the cache and `fan add`'s append path rely on (store.Layout): each assumption
holds for every year file `_dumps` writes and every line `_cache_line` writes, whatever the
entries, records and unknown keys hold — and a file that breaks one is not spliced."""

import datetime as dt
import json
import tomllib
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from fanjournal.followups import Touchpoint
from fanjournal.model import (
    ID_KINDS,
    MOMENTS,
    Entry,
    make_id,
    parse_customer,
    parse_quote,
    parse_text,
)
from fanjournal.nps import Answer
from fanjournal.store import Layout, YearFile, _appended, _cache_line, _dumps, _parse
from fanjournal.workdays import DayOff

from .test_store_machine import texts

YEAR = 2026
days = st.dates(dt.date(YEAR, 1, 1), dt.date(YEAR, 12, 31))
short = st.text(st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=12).filter(
    lambda t: t.strip() == t and t.strip())


@st.composite
def entries(draw, number: int) -> Entry:
    day = draw(days)
    return Entry(
        id=make_id(YEAR, number), date=day,
        created=dt.datetime.combine(day, dt.time(9, 30), tzinfo=dt.UTC),
        text=parse_text(draw(texts)), moment=draw(st.sampled_from(MOMENTS)),
        customer=parse_customer(draw(st.none() | short)), tags=tuple(draw(st.lists(
            st.from_regex(r"[a-z][a-z0-9-]{0,8}", fullmatch=True), max_size=2, unique=True))),
        score=draw(st.none() | st.integers(0, 10)),
        cost=draw(st.none() | st.decimals(0, 999, places=2)),
        minutes=draw(st.none() | st.integers(0, 600)), peak=draw(st.booleans()),
        gold=draw(st.booleans()), quote=parse_quote(draw(st.none() | texts)))


@st.composite
def year_files(draw, suffix: str) -> YearFile:
    count = draw(st.integers(0, 6))
    year_file = YearFile(YEAR, Path(f"/nowhere/{YEAR}{suffix}"))
    year_file.entries = [draw(entries(n)) for n in range(1, count + 1)]
    year_file.counters["fan"] = count + 1 + draw(st.integers(0, 3))  # removed ids stay used
    year_file.days_off = [DayOff(day, draw(st.just("") | short))
                          for day in sorted(draw(st.sets(days, max_size=3)))]
    year_file.answers = [Answer(draw(days), draw(st.integers(0, 10)), draw(st.none() | short),
                                id=year_file.allocate("nps"))
                         for _ in range(draw(st.integers(0, 2)))]
    start = draw(days)
    year_file.touchpoints = [Touchpoint(year_file.allocate("follow_up"), draw(short), start, day,
                                        start + dt.timedelta(days=day))
                             for day in draw(st.lists(st.integers(0, 100), max_size=3))]
    year_file.extra = draw(st.dictionaries(st.from_regex(r"future_[a-z]{1,6}", fullmatch=True),
                                           st.integers(0, 9) | short, max_size=2))
    return year_file


def record_of(year_file: YearFile) -> tuple:
    return ([e.to_record() for e in year_file.entries], year_file.records(), year_file.extra)


@settings(max_examples=150, deadline=None)
@pytest.mark.parametrize("suffix", [".toml", ".json"])
@given(data=st.data())
def test_every_file_fan_writes_can_take_an_appended_fan(suffix, data):
    year_file = data.draw(year_files(suffix))
    raw = _dumps(year_file)
    if suffix == ".toml":
        assert Layout.toml_header(raw) is not None  # the counter line, no other form of fan
    elif year_file.entries:
        assert Layout.json_appendable(raw)  # counter line, "fan" last, the fixed ending
    number = year_file.next_number
    new = data.draw(entries(number))
    assert not Layout.id_is_taken(raw, new.id)  # a fresh id is not in the file
    spliced = _appended(raw, suffix, new, number + 1)
    if suffix == ".json" and not year_file.entries:
        assert spliced is None  # `"fan": []` has no ending to splice into: the full path
        return
    assert spliced is not None
    document = json.loads(spliced) if suffix == ".json" else tomllib.loads(spliced.decode())
    assert document["next_number"] == number + 1  # the counter line itself was moved on
    parsed = _parse(year_file.path, spliced, YEAR)  # the spliced text is a valid year…
    year_file.entries.append(new)
    assert record_of(parsed) == record_of(year_file)  # …holding exactly one more fan
    assert parsed.next_number == number + 1
    expected = year_file.counters | {"fan": number + 1}
    assert {kind: parsed.counters.get(kind, 1) for kind in ID_KINDS} == \
        {kind: expected.get(kind, 1) for kind in ID_KINDS}


@given(entry=entries(7))
def test_a_cache_line_starts_with_its_date(entry):
    line = _cache_line(entry).encode()
    assert Layout.cache_line_date(line) == entry.date.isoformat().encode()
    assert json.loads(line)["id"] == entry.id
    assert line.count(b"\n") == 1 and line.endswith(b"\n")  # one line, whatever the text holds


@given(data=st.data())
def test_every_id_in_a_file_is_seen_as_taken(data):
    year_file = data.draw(year_files(".toml"))
    raw = _dumps(year_file)
    for entry in year_file.entries:
        assert Layout.id_is_taken(raw, entry.id)


@pytest.mark.parametrize("header", [
    'fan = []\n',                         # fans as an inline array: appending [[fan]] breaks it
    '"fan" = []\n',
    'fan.note = "x"\n',                   # a dotted key makes fan a table
])
def test_a_toml_header_holding_fan_otherwise_is_not_spliced(header):
    raw = f"schema_version = 2\nnext_number = 1\n{header}".encode()
    assert Layout.toml_header(raw) is None


def test_a_toml_file_without_its_counter_line_is_not_spliced():
    assert Layout.toml_header(b"schema_version = 2\nnext_number=1\n") is None
    assert Layout.toml_header(b"schema_version = 2\n") is None


@pytest.mark.parametrize("raw", [
    b'{\n  "schema_version": 2,\n  "next_number": 2,\n  "fan": [\n    {}\n  ]\n}',  # no newline
    b'{\n  "fan": [\n    {}\n  ],\n  "next_number": 2,\n  "x": 1\n}\n',  # fan not last
    b'{\n  "schema_version": 2, "next_number": 2,\n  "fan": [\n    {}\n  ]\n}\n',  # counter
])
def test_a_json_file_laid_out_otherwise_is_not_spliced(raw):
    entry = Entry(id="2026-002", date=dt.date(2026, 1, 2),
                  created=dt.datetime(2026, 1, 2, tzinfo=dt.UTC), text="x", cost=Decimal("1"))
    assert _appended(raw, ".json", entry, 3) is None
