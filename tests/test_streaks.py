"""Streak rules (README "Streaks"), pinned on fixed calendars, and their invariants."""

import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st

from fanjournal.streaks import NO_STREAK, Streak, StreakState, streak_state
from fanjournal.usecases.holidays import public_holidays
from fanjournal.workdays import Calendar, days

d = dt.date
MON_FRI = Calendar()
FRIDAY = d(2026, 11, 20)  # conftest's FAN_TODAY, ISO week 47


def fans(*dates: dt.date, count: int = 1) -> dict[dt.date, int]:
    return dict.fromkeys(dates, count)


MONDAY = d(2026, 11, 16)


def week(*weekdays: int) -> list[dt.date]:
    """Days of ISO week 47 of 2026 by weekday number (0 = Monday)."""
    return [MONDAY + dt.timedelta(days=w) for w in weekdays]


def test_empty_journal_has_no_streak():
    assert streak_state({}, MON_FRI, FRIDAY) == StreakState(NO_STREAK, NO_STREAK, False)


def test_no_fan_yet_today_counts_through_yesterday_and_is_at_risk():
    state = streak_state(fans(*week(0, 1, 2, 3)), MON_FRI, FRIDAY)
    assert state.current == Streak(4, d(2026, 11, 16), d(2026, 11, 19))
    assert state.at_risk


def test_a_fan_today_extends_the_streak_and_makes_it_safe():
    state = streak_state(fans(*week(0, 1, 2, 3, 4)), MON_FRI, FRIDAY)
    assert state.current == Streak(5, d(2026, 11, 16), FRIDAY)
    assert not state.at_risk


def test_a_day_that_is_over_without_a_fan_breaks_the_streak():
    state = streak_state(fans(*week(0, 1, 3, 4)), MON_FRI, FRIDAY)  # no fan on Wednesday
    assert state.current == Streak(2, d(2026, 11, 19), FRIDAY)
    assert state.longest == Streak(2, d(2026, 11, 19), FRIDAY)  # ties: the most recent


def test_a_streak_of_zero_is_not_at_risk():
    state = streak_state(fans(*week(0, 1, 2)), MON_FRI, FRIDAY)  # Thursday missed
    assert state.current == NO_STREAK
    assert state.longest == Streak(3, d(2026, 11, 16), d(2026, 11, 18))
    assert not state.at_risk


def test_the_weekend_neither_breaks_nor_extends():
    # Thursday, Friday, a fan on Saturday, nothing on Sunday, Monday, Tuesday
    dates = [d(2026, 11, 12), d(2026, 11, 13), d(2026, 11, 14), d(2026, 11, 16),
             d(2026, 11, 17)]
    state = streak_state(fans(*dates), MON_FRI, d(2026, 11, 17))
    assert state.current == Streak(4, d(2026, 11, 12), d(2026, 11, 17))


def test_on_a_free_day_the_streak_stands_and_is_not_at_risk():
    state = streak_state(fans(*week(0, 1, 2, 3, 4)), MON_FRI, d(2026, 11, 22))  # Sunday
    assert state.current == Streak(5, d(2026, 11, 16), FRIDAY)
    assert not state.at_risk


def test_a_day_off_neither_breaks_nor_extends():
    off = Calendar(off={d(2026, 11, 18): "dentist"})
    state = streak_state(fans(*week(0, 1, 3, 4)), off, FRIDAY)
    assert state.current == Streak(4, d(2026, 11, 16), FRIDAY)
    state = streak_state(fans(*week(0, 1, 2, 3, 4)), off, FRIDAY)  # a fan on the day off
    assert state.current.length == 4


def test_today_off_is_not_at_risk():
    off = Calendar(off={FRIDAY: "training"})
    state = streak_state(fans(*week(0, 1, 2, 3)), off, FRIDAY)
    assert state.current.length == 4 and not state.at_risk


def test_other_workdays():
    tue_to_sat = Calendar(weekdays=frozenset({1, 2, 3, 4, 5}))
    dates = [d(2026, 11, 14), d(2026, 11, 17), d(2026, 11, 18)]  # Sat, Tue, Wed (Mon is free)
    state = streak_state(fans(*dates), tue_to_sat, d(2026, 11, 18))
    assert state.current == Streak(3, d(2026, 11, 14), d(2026, 11, 18))


def test_fans_after_today_are_ignored():
    state = streak_state(fans(*week(0, 1, 2, 3), d(2026, 12, 1)), MON_FRI, FRIDAY)
    assert state.current.length == 4 and state.at_risk


def test_several_fans_a_day_count_once():
    state = streak_state(fans(*week(0, 1, 2, 3, 4), count=3), MON_FRI, FRIDAY)
    assert state.current.length == 5


def test_day_over_a_working_day_without_fan_breaks():
    state = streak_state(fans(*week(0, 1, 2, 3)), MON_FRI, FRIDAY, day_over=True)
    assert state.current == NO_STREAK and not state.at_risk
    state = streak_state(fans(*week(0, 1, 2, 3, 4)), MON_FRI, FRIDAY, day_over=True)
    assert state.current.length == 5


def test_longest_is_found_in_history():
    early = [day for day in days(d(2026, 3, 2), d(2026, 3, 20)) if day.weekday() < 5]
    state = streak_state(fans(*early, *week(3, 4)), MON_FRI, FRIDAY)
    assert state.longest == Streak(15, d(2026, 3, 2), d(2026, 3, 20))
    assert state.current == Streak(2, d(2026, 11, 19), FRIDAY)


def test_across_the_year_end_with_dutch_holidays():
    # 25 Dec 2026 (Fri) and 1 Jan 2027 (Fri) are holidays; 2026-W53 runs 28 Dec..3 Jan.
    nl = Calendar(holidays=public_holidays("NL", [2026, 2027]))
    assert not nl.is_working(d(2026, 12, 25)) and not nl.is_working(d(2027, 1, 1))
    dates = [day for day in days(d(2026, 12, 21), d(2027, 1, 5)) if nl.is_working(day)]
    assert len(dates) == 10
    state = streak_state(fans(*dates), nl, d(2027, 1, 5))
    assert state.current == Streak(10, d(2026, 12, 21), d(2027, 1, 5))
    # On the holiday itself, nothing is at risk and the streak stands.
    state = streak_state(fans(*dates), nl, d(2027, 1, 1))
    assert state.current == Streak(8, d(2026, 12, 21), d(2026, 12, 31))
    assert not state.at_risk
    # Without the holidays, 25 Dec and 1 Jan are working days without a fan.
    state = streak_state(fans(*dates), MON_FRI, d(2027, 1, 5))
    assert state.current == Streak(2, d(2027, 1, 4), d(2027, 1, 5))


def test_kings_day_does_not_break():
    nl = Calendar(holidays=public_holidays("NL", [2026]))
    dates = [d(2026, 4, 23), d(2026, 4, 24), d(2026, 4, 28)]  # Thu, Fri, (Mon 27 King's Day), Tue
    assert streak_state(fans(*dates), nl, d(2026, 4, 28)).current.length == 3
    assert streak_state(fans(*dates), MON_FRI, d(2026, 4, 28)).current.length == 1


# --- invariants


START = d(2026, 12, 1)  # the generated windows cross the year end and ISO week 53


@st.composite
def situations(draw):
    span = 60
    offsets = st.integers(min_value=0, max_value=span - 1)
    made = draw(st.dictionaries(offsets, st.integers(min_value=1, max_value=3), max_size=50))
    off = draw(st.sets(offsets, max_size=12))
    weekdays = draw(st.sets(st.integers(min_value=0, max_value=6), min_size=1))
    today = draw(offsets)
    calendar = Calendar(weekdays=frozenset(weekdays),
                        off={START + dt.timedelta(days=o): "" for o in off})
    fan_days = {START + dt.timedelta(days=o): n for o, n in made.items()}
    return fan_days, calendar, START + dt.timedelta(days=today)


def brute_current(fan_days, calendar, today, day_over=False):
    """Walk back from today, one day at a time: the rule as a person would apply it."""
    length, day = 0, today
    if calendar.is_working(today) and not fan_days.get(today) and not day_over:
        day -= dt.timedelta(days=1)  # today is not over
    while day >= START:
        if calendar.is_working(day):
            if not fan_days.get(day):
                break
            length += 1
        day -= dt.timedelta(days=1)
    return length


def with_day_off(calendar: Calendar, day: dt.date) -> Calendar:
    return Calendar(calendar.weekdays, {**calendar.off, day: "off"}, calendar.holidays)


@settings(max_examples=150, deadline=None)
@given(situations(), st.booleans())
def test_matches_walking_back_from_today(situation, day_over):
    fan_days, calendar, today = situation
    state = streak_state(fan_days, calendar, today, day_over=day_over)
    assert state.current.length == brute_current(fan_days, calendar, today, day_over)


@settings(max_examples=150, deadline=None)
@given(situations())
def test_longest_at_least_current_and_streaks_are_whole_runs(situation):
    fan_days, calendar, today = situation
    state = streak_state(fan_days, calendar, today)
    assert state.longest.length >= state.current.length
    for streak in (state.current, state.longest):
        if streak.length == 0:
            assert streak == NO_STREAK
            continue
        working = calendar.working_days(streak.start, streak.end)
        assert len(working) == streak.length
        assert working[0] == streak.start and working[-1] == streak.end
        assert all(fan_days.get(day) for day in working)
        assert streak.end <= today


@settings(max_examples=150, deadline=None)
@given(situations())
def test_at_risk_exactly_when_today_is_open(situation):
    fan_days, calendar, today = situation
    state = streak_state(fan_days, calendar, today)
    assert state.at_risk == (calendar.is_working(today) and not fan_days.get(today)
                             and state.current.length > 0)


@settings(max_examples=150, deadline=None)
@given(situations(), st.integers(min_value=0, max_value=59))
def test_adding_a_fan_never_shortens_a_streak(situation, offset):
    fan_days, calendar, today = situation
    day = START + dt.timedelta(days=offset)
    before = streak_state(fan_days, calendar, today)
    after = streak_state({**fan_days, day: fan_days.get(day, 0) + 1}, calendar, today)
    assert after.current.length >= before.current.length
    assert after.longest.length >= before.longest.length


@settings(max_examples=150, deadline=None)
@given(situations(), st.integers(min_value=0, max_value=59))
def test_marking_a_day_off_never_breaks_a_streak(situation, offset):
    fan_days, calendar, today = situation
    day = START + dt.timedelta(days=offset)
    before = streak_state(fan_days, calendar, today)
    after = streak_state(fan_days, with_day_off(calendar, day), today)
    # The day itself may stop counting (it is no longer a working day); nothing else changes
    # for the worse.
    lost = 1 if calendar.is_working(day) and fan_days.get(day) else 0
    assert after.current.length >= before.current.length - lost
    assert after.longest.length >= before.longest.length - lost
    if before.current.length and not (before.current.start <= day <= before.current.end):
        assert after.current.length >= before.current.length


@settings(max_examples=100, deadline=None)
@given(situations(), st.integers(min_value=0, max_value=59))
def test_a_fan_on_a_free_day_changes_no_streak(situation, offset):
    fan_days, calendar, today = situation
    day = START + dt.timedelta(days=offset)
    if calendar.is_working(day):
        return
    before = streak_state(fan_days, calendar, today)
    after = streak_state({**fan_days, day: fan_days.get(day, 0) + 1}, calendar, today)
    assert (after.current.length, after.longest.length) == (
        before.current.length, before.longest.length)


def test_the_readme_example():
    """The table under "Streaks" in README.md."""
    before = dict.fromkeys(days(d(2026, 11, 9), d(2026, 11, 13)), 1)
    week = {d(2026, 11, 16): 1, d(2026, 11, 17): 2, d(2026, 11, 19): 2}
    fan_days = {**before, **week}
    dentist = Calendar(off={d(2026, 11, 18): "dentist"})
    holidays = Calendar(holidays={d(2026, 11, 18): "a holiday", FRIDAY: "a holiday"})
    rows = [
        (fan_days, dentist, Streak(8, d(2026, 11, 9), d(2026, 11, 19)), True),
        (fan_days, MON_FRI, Streak(1, d(2026, 11, 19), d(2026, 11, 19)), True),
        ({**fan_days, FRIDAY: 1}, dentist, Streak(9, d(2026, 11, 9), FRIDAY), False),
        (fan_days, holidays, Streak(8, d(2026, 11, 9), d(2026, 11, 19)), False),
    ]
    for made, calendar, current, at_risk in rows:
        state = streak_state(made, calendar, FRIDAY)
        assert (state.current, state.at_risk) == (current, at_risk)
    # a fan on Saturday 21 November changes no streak (seen on Sunday, after the third row)
    sunday = d(2026, 11, 22)
    for extra in ({}, {d(2026, 11, 21): 1}):
        state = streak_state({**fan_days, FRIDAY: 1, **extra}, dentist, sunday)
        assert state.current == Streak(9, d(2026, 11, 9), FRIDAY)
