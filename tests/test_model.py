import datetime as dt
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from fanjournal import model
from fanjournal.errors import FanError
from fanjournal.store import Journal


@pytest.mark.parametrize(
    ("word", "moment"),
    [("nee-maar", "nee-maar"), ("klacht", "klacht"), ("complaint", "klacht"), ("k", "klacht"),
     ("Niet mijn probleem", "niet-mijn-probleem"), ("niet", "niet-mijn-probleem"),
     ("question", "vraag"), ("zomaar", "zomaar"), ("just-because", "zomaar"),
     ("no-but", "nee-maar")],
)
def test_moments_accept_names_aliases_and_prefixes(word, moment):
    assert model.parse_moment(word) == moment


@pytest.mark.parametrize("word", ["", "n", "party", "z z"])
def test_unknown_or_ambiguous_moment(word):
    with pytest.raises(FanError, match="choose one of: nee-maar, klacht"):
        model.parse_moment(word)


@pytest.mark.parametrize("value", [-1, 11, "x", "7.5", True])
def test_score_bounds(value):
    with pytest.raises(FanError, match="score"):
        model.parse_score(value)


def test_cost_is_exact_and_non_negative():
    assert model.parse_cost("12,50") == Decimal("12.50")
    assert model.parse_cost(3) == Decimal(3)
    for bad in ("-1", "abc", "NaN", "Infinity", "1.005"):
        with pytest.raises(FanError, match="cost"):
            model.parse_cost(bad)


def test_tags_are_normalised_and_deduplicated():
    assert model.parse_tags(["Phone", "#repair,phone", " "]) == ("phone", "repair")


def test_ids_name_their_year():
    assert model.make_id(2026, 17) == "2026-017"
    assert model.id_year("2026-017") == 2026
    assert model.make_id(2026, 1234) == "2026-1234"
    with pytest.raises(FanError, match="2026-017"):
        model.id_year("17")


def test_record_errors_name_the_field():
    good = {"id": "2026-001", "date": dt.date(2026, 1, 5), "text": "x"}
    assert model.entry_from_record(good).moment == "zomaar"
    for field, value in [("score", 12), ("moment", "party"), ("peak", "yes"), ("date", "soon"),
                         ("date", dt.date(1, 1, 1)), ("created", dt.datetime(1, 1, 1)),
                         ("cost", "-2"), ("tags", 3), ("text", "")]:
        with pytest.raises(model.RecordError) as caught:
            model.entry_from_record({**good, field: value})
        assert caught.value.field == field


# Text that stresses TOML and JSON: quotes, backslashes, newlines, emoji, control characters.
texts = st.text(min_size=1, max_size=200).filter(lambda s: s.strip())
entries = st.builds(
    model.Entry,
    id=st.integers(1, 5000).map(lambda n: model.make_id(2026, n)),
    date=st.dates(dt.date(2026, 1, 1), dt.date(2026, 12, 31)),
    created=st.datetimes(dt.datetime(2026, 1, 1), dt.datetime(2026, 12, 31),
                         timezones=st.sampled_from([dt.UTC,
                                                    dt.timezone(dt.timedelta(hours=1))]))
    .map(lambda d: d.replace(microsecond=0)),
    text=texts,
    moment=st.sampled_from(model.MOMENTS),
    customer=st.none() | texts.map(str.strip),
    tags=st.lists(st.from_regex(r"[a-z0-9][a-z0-9-]{0,10}", fullmatch=True), max_size=3,
                  unique=True).map(tuple),
    score=st.none() | st.integers(0, 10),
    cost=st.none() | st.decimals(0, 10_000, places=2),
    minutes=st.none() | st.integers(0, 600),
    peak=st.booleans(),
    gold=st.booleans(),
    extra=st.just({}),
)


@pytest.mark.parametrize("fmt", ["toml", "json"])
@given(batch=st.lists(entries, min_size=1, max_size=5, unique_by=lambda e: e.id))
def test_any_entry_survives_save_and_load(tmp_path_factory, fmt, batch):
    journal = Journal(tmp_path_factory.mktemp("j"), fmt)
    with journal.change(2026) as year_file:
        year_file.entries.extend(batch)
    loaded = Journal(journal.root, fmt).load(2026).entries
    assert [e.to_record() for e in loaded] == [e.to_record() for e in batch]


def test_to_json_names_every_model_field():
    entry = model.Entry(id="2026-001", date=dt.date(2026, 1, 5),
                        created=dt.datetime(2026, 1, 5, 9, tzinfo=dt.UTC), text="x",
                        cost=Decimal("1.50"), tags=("a",))
    data = entry.to_json()
    assert tuple(data) == model.FIELD_NAMES
    assert data["cost"] == "1.50" and data["tags"] == ["a"] and data["date"] == "2026-01-05"


def test_cost_is_stored_plainly_and_capped():
    assert str(model.parse_cost("1E+3")) == "1000"
    with pytest.raises(FanError, match="more than any one fan"):
        model.parse_cost("99999999999999999999999999999999.99")
