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
        assert Layout.toml_counter(raw) is not None  # the counter line, no other form of fan
    elif year_file.entries:
        assert Layout.json_counter(raw) is not None  # counter line, "fan" last, the ending
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
    '"f\\u0061n" = []\n',                 # the same key, spelt with an escape
    'fan.note = "x"\n',                   # a dotted key makes fan a table
    'note = """\n[[fan]]\n"""\n',         # the header ends inside a string
])
def test_a_toml_header_holding_fan_otherwise_is_not_spliced(header):
    raw = f"schema_version = 2\nnext_number = 1\n{header}".encode()
    assert Layout.toml_counter(raw) is None


@pytest.mark.parametrize("raw", [
    b"schema_version = 2\nnext_number=1\n",
    b"schema_version = 2\n",
    b'schema_version = 2\nnote = """\nnext_number = 99\n"""\nnext_number = 3\n',  # look-alike
    b"\xef\xbb\xbfschema_version = 2\nnext_number = 1\n",  # a byte order mark first
])
def test_a_toml_file_not_starting_as_fan_writes_it_is_not_spliced(raw):
    assert Layout.toml_counter(raw) is None


def test_a_hand_edited_year_still_gets_the_right_id_and_keeps_its_text(fan, journal_dir):
    """Found by measuring the cache: a multi-line string above the counter holding a line
    `next_number = 99` got rewritten while the real counter stayed; an escaped `fan` key made
    `fan add` write invalid TOML. Both now take the full path."""
    fan("add", "First")
    fan("add", "Second")
    path = journal_dir / "2026.toml"
    text = path.read_text()
    edited = text.replace("schema_version = 2\n",
                          'schema_version = 2\nnote = """\nnext_number = 99\n"""\n', 1)
    path.write_text(edited)
    fan("list")  # the cache now describes the edited file
    assert "Added 2026-003" in fan("add", "Third").stdout
    after = tomllib.loads(path.read_text())
    assert after["note"] == "next_number = 99\n" and after["next_number"] == 4
    # the fans as an inline array under an escaped key: valid TOML, one [[fan]] more is not
    path.write_text('schema_version = 2\nnext_number = 2\n"f\\u0061n" = [{ id = "2026-001", '
                    'date = 2026-11-20, created = 2026-11-20T09:00:00+01:00, text = "One" }]\n')
    fan("list")
    assert "Added 2026-002" in fan("add", "Two").stdout
    assert [e["text"] for e in tomllib.loads(path.read_text())["fan"]] == ["One", "Two"]


@pytest.mark.parametrize("raw", [
    b'{\n  "schema_version": 2,\n  "next_number": 2,\n  "fan": [\n    {}\n  ]\n}',  # no newline
    b'{\n  "fan": [\n    {}\n  ],\n  "next_number": 2,\n  "x": 1\n}\n',  # fan not last
    b'{\n  "schema_version": 2, "next_number": 2,\n  "fan": [\n    {}\n  ]\n}\n',  # counter
    b'{\n  "schema_version": 2,\n  "next_number": 2,\n  "x": {\n  "fan": [\n    {}\n  ]\n}\n}\n',
])
def test_a_json_file_laid_out_otherwise_is_not_spliced(raw):
    entry = Entry(id="2026-002", date=dt.date(2026, 1, 2),
                  created=dt.datetime(2026, 1, 2, tzinfo=dt.UTC), text="x", cost=Decimal("1"))
    assert _appended(raw, ".json", entry, 3) is None
