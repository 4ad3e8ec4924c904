import datetime as dt

import pytest

from fanjournal.dates import parse_date, parse_past_date, parse_year
from fanjournal.errors import FanError

FRIDAY = dt.date(2026, 11, 20)


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("2026-11-02", dt.date(2026, 11, 2)),
        ("today", FRIDAY),
        ("Vandaag", FRIDAY),
        ("yesterday", dt.date(2026, 11, 19)),
        ("gisteren", dt.date(2026, 11, 19)),
        ("-3", dt.date(2026, 11, 17)),
        ("-0", FRIDAY),
        ("friday", FRIDAY),  # the most recent Friday is today
        ("vrijdag", FRIDAY),
        ("monday", dt.date(2026, 11, 16)),
        ("saturday", dt.date(2026, 11, 14)),
        ("zo", dt.date(2026, 11, 15)),
        (" Thu ", dt.date(2026, 11, 19)),
    ],
)
def test_date_words(word, expected):
    assert parse_date(word, FRIDAY) == expected


@pytest.mark.parametrize("word", ["tomorrow", "2026-13-01", "", "-x", "3", "next friday"])
def test_unreadable_dates_are_refused_with_examples(word):
    with pytest.raises(FanError) as caught:
        parse_date(word, FRIDAY)
    assert "2026-11-20" in caught.value.message


def test_future_date_is_refused():
    with pytest.raises(FanError, match="future"):
        parse_past_date("2026-11-21", FRIDAY)
    assert parse_past_date("2026-11-20", FRIDAY) == FRIDAY


def test_negative_offsets_cross_the_year_end():
    assert parse_date("-5", dt.date(2027, 1, 2)) == dt.date(2026, 12, 28)


def test_year():
    assert parse_year("2026") == 2026
    with pytest.raises(FanError):
        parse_year("26")


@pytest.mark.parametrize("word", ["9999-12-31", "0001-01-01", "1899-12-31", "-99999"])
def test_dates_out_of_range_are_refused(word):
    with pytest.raises(FanError, match="1900"):
        parse_date(word, FRIDAY)
