"""Pace toward the yearly target (README "Pace"), pinned and as invariants."""

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from fanjournal.pace import pace_on, round_half_up
from fanjournal.usecases.holidays import public_holidays
from fanjournal.workdays import Calendar

d = dt.date
FRIDAY = d(2026, 11, 20)


def spread(total: int, year: int = 2026, until: dt.date = FRIDAY) -> dict[dt.date, int]:
    """`total` fans, one a day on weekdays from 2 January on (then two a day if needed)."""
    found: dict[dt.date, int] = {}
    day = d(year, 1, 2)
    while total:
        if day.weekday() < 5 and day <= until:
            found[day] = found.get(day, 0) + 1
            total -= 1
        day += dt.timedelta(days=1)
        if day > until:
            day = d(year, 1, 2)
    return found


def test_round_half_up():
    assert [round_half_up(x) for x in (0.5, 1.5, 2.5, 2.49, -0.5)] == [1, 2, 3, 2, 0]


def test_pinned_2026_with_dutch_holidays_and_a_day_off():
    # 261 weekdays in 2026; 7 Dutch holidays on weekdays (1 Jan, 3 and 6 Apr, 27 Apr, 14 and
    # 25 May, 25 Dec) and one day off leave 253 working days. Before Friday 20 November: 231
    # weekdays, 6 of them holidays, 1 day off = 224 elapsed, so 29 remain (today included).
    calendar = Calendar(off={d(2026, 11, 18): "sick"},
                        holidays=public_holidays("NL", [2026]))
    pace = pace_on(spread(250), calendar, 300, 2026, FRIDAY)
    assert (pace.working_days, pace.elapsed, pace.remaining) == (253, 224, 29)
    assert pace.expected == pytest.approx(300 * 224 / 253)  # 265.6
    assert pace.difference == 250 - 266
    assert pace.projected == 282  # 250 × 253 / 224 = 282.4
    assert pace.needed_per_day == pytest.approx(50 / 29)
    assert not pace.reached


def test_plain_calendar_without_holidays():
    pace = pace_on({}, Calendar(), 300, 2026, FRIDAY)
    assert (pace.working_days, pace.elapsed, pace.remaining) == (261, 231, 30)
    assert pace.fans == 0 and pace.projected == 0 and pace.difference == -266


def test_fans_on_free_days_and_after_today():
    fan_days = {d(2026, 11, 14): 2, d(2026, 11, 20): 1, d(2026, 11, 21): 5, d(2025, 12, 31): 4}
    assert pace_on(fan_days, Calendar(), 300, 2026, FRIDAY).fans == 3


def test_first_day_of_the_year_has_no_projection_yet():
    nl = Calendar(holidays=public_holidays("NL", [2027]))
    pace = pace_on({d(2027, 1, 1): 1}, nl, 300, 2027, d(2027, 1, 1))
    assert pace.elapsed == 0 and pace.projected is None and pace.expected == 0
    assert pace.difference == 1
    pace = pace_on({}, nl, 300, 2027, d(2027, 1, 4))  # Monday: Friday 1 Jan was a holiday
    assert pace.elapsed == 0 and pace.remaining == pace.working_days


def test_day_over_counts_today_as_elapsed():
    open_ = pace_on({}, Calendar(), 300, 2026, FRIDAY)
    over = pace_on({}, Calendar(), 300, 2026, FRIDAY, day_over=True)
    assert over.elapsed == open_.elapsed + 1 and over.remaining == open_.remaining - 1


def test_a_past_year_is_complete():
    pace = pace_on(spread(280, 2025, d(2025, 12, 31)), Calendar(), 300, 2025, FRIDAY)
    assert pace.elapsed == pace.working_days == 261 and pace.remaining == 0
    assert pace.expected == 300 and pace.difference == -20 and pace.projected == 280
    assert pace.needed_per_day is None  # the year is over: nothing can be needed per day


def test_a_year_to_come():
    pace = pace_on({}, Calendar(), 300, 2027, FRIDAY)
    assert pace.elapsed == 0 and pace.expected == 0 and pace.difference == 0
    assert pace.needed_per_day == pytest.approx(300 / pace.working_days)


def test_target_reached():
    pace = pace_on(spread(300), Calendar(), 300, 2026, FRIDAY)
    assert pace.reached and pace.needed_per_day == 0 and pace.difference > 0


def test_week_53_year_end():
    # 2026 has 53 ISO weeks: Thursday 31 December is in 2026-W53 and is the last working day.
    assert d(2026, 12, 31).isocalendar()[:2] == (2026, 53)
    pace = pace_on({}, Calendar(), 300, 2026, d(2026, 12, 31))
    assert pace.remaining == 1
    pace = pace_on({}, Calendar(), 300, 2026, d(2027, 1, 1))
    assert pace.remaining == 0 and pace.expected == 300


@st.composite
def years(draw):
    year = draw(st.sampled_from([2025, 2026, 2027]))
    start = d(year, 1, 1)
    offsets = st.integers(min_value=0, max_value=364)
    made = draw(st.dictionaries(offsets, st.integers(min_value=1, max_value=3), max_size=80))
    off = draw(st.sets(offsets, max_size=20))
    weekdays = draw(st.sets(st.integers(min_value=0, max_value=6), min_size=1))
    today = start + dt.timedelta(days=draw(st.integers(min_value=-10, max_value=380)))
    calendar = Calendar(weekdays=frozenset(weekdays),
                        off={start + dt.timedelta(days=o): "" for o in off})
    fan_days = {start + dt.timedelta(days=o): n for o, n in made.items()}
    target = draw(st.integers(min_value=1, max_value=1000))
    return year, fan_days, calendar, today, target


@settings(max_examples=100, deadline=None)
@given(years())
def test_pace_invariants(case):
    year, fan_days, calendar, today, target = case
    pace = pace_on(fan_days, calendar, target, year, today)
    assert pace.elapsed + pace.remaining == pace.working_days
    assert 0 <= pace.expected <= target
    if today.year < year:
        assert pace.elapsed == 0 and pace.fans == 0
    if today.year > year:
        assert pace.remaining == 0
    if pace.needed_per_day is not None:
        assert pace.needed_per_day >= 0


@settings(max_examples=100, deadline=None)
@given(years(), st.integers(min_value=0, max_value=364))
def test_adding_a_fan_never_makes_the_pace_worse(case, offset):
    year, fan_days, calendar, today, target = case
    day = d(year, 1, 1) + dt.timedelta(days=offset)
    before = pace_on(fan_days, calendar, target, year, today)
    after = pace_on({**fan_days, day: fan_days.get(day, 0) + 1}, calendar, target, year, today)
    assert after.fans >= before.fans
    assert after.difference >= before.difference
    if before.projected is not None:
        assert after.projected >= before.projected
    if before.needed_per_day is not None:
        assert after.needed_per_day <= before.needed_per_day


@settings(max_examples=100, deadline=None)
@given(years(), st.integers(min_value=1, max_value=30))
def test_expected_grows_with_time(case, later):
    year, fan_days, calendar, today, target = case
    sooner = pace_on(fan_days, calendar, target, year, today)
    after = pace_on(fan_days, calendar, target, year, today + dt.timedelta(days=later))
    assert after.expected >= sooner.expected and after.elapsed >= sooner.elapsed
