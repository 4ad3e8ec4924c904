"""Streaks: runs of consecutive working days with at least one fan (pure; "today" is a parameter).

The rules, as the README states them:

- A streak is a run of consecutive **working days** (see `workdays.Calendar`) with at least one
  fan. Non-working days — weekend, day off, public holiday — neither break nor extend it; a fan
  logged on one still counts toward the totals, just not toward the streak.
- Today is not over until it is over: with no fan yet today, the current streak counts through
  the last working day before today, and it is *at risk* (see `StreakState.at_risk`).
- A streak's `start` and `end` are its first and last working day; `length` counts its working
  days. Of two longest streaks of equal length the more recent one is reported, so a current
  streak that ties the record is shown as the record.
- Fans dated after `today` are ignored.
"""

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

from fanjournal.workdays import Calendar, calendar_for

if TYPE_CHECKING:
    from fanjournal.config import Config
    from fanjournal.store import Journal

ONE_DAY = dt.timedelta(days=1)


@dataclass(frozen=True)
class Streak:
    """A run of working days with fans; length 0 (and no dates) when there is none."""

    length: int
    start: dt.date | None
    end: dt.date | None


NO_STREAK = Streak(0, None, None)


@dataclass(frozen=True)
class StreakState:
    """The streaks as of one day.

    `at_risk` is True exactly when today is a working day, no fan has been logged today yet and
    the current streak is longer than 0: one fan today keeps it, a day without one ends it. It is
    always False for a day that is over (`day_over=True`).
    """

    current: Streak
    longest: Streak
    at_risk: bool


def streak_state(fan_days: Mapping[dt.date, int], calendar: Calendar, today: dt.date, *,
                 day_over: bool = False) -> StreakState:
    """Current and longest streak as of `today`, from fans per date.

    `calendar` must know the days off and holidays of every year that `fan_days` covers.
    With `day_over=True` today counts as finished (a report on a past period): a working day
    without a fan then breaks the streak like any other day.
    """
    made = {day for day, count in fan_days.items() if count > 0 and day <= today}
    if not made:
        return StreakState(NO_STREAK, NO_STREAK, False)
    length, start, end = 0, None, None
    longest = NO_STREAK
    day = min(made)
    while day <= today:
        if calendar.is_working(day):
            if day in made:
                if length == 0:
                    start = day
                length += 1
                end = day
                if length >= longest.length:  # ">=": of equal runs, keep the most recent
                    longest = Streak(length, start, end)
            elif day < today or day_over:
                length, start, end = 0, None, None
            # else: today, no fan yet, not over: the streak stands through the last working day
        day += ONE_DAY
    current = Streak(length, start, end) if length else NO_STREAK
    at_risk = (not day_over and current.length > 0 and calendar.is_working(today)
               and today not in made)
    return StreakState(current, longest, at_risk)


# --- on the journal: the one place that gathers what the streak needs


def fan_days_of(journal: "Journal", years: Iterable[int]) -> dict[dt.date, int]:
    """Fans per date for the given years, from the year summaries (no entry text is kept)."""
    found: dict[dt.date, int] = {}
    for year in years:
        found.update(journal.summary(year).fan_days)
    return found


def calendar_of(settings: "Config", journal: "Journal", first_year: int,
                last_year: int) -> Calendar:
    """Working days of whole years `first_year`..`last_year`: days off and holidays included."""
    return calendar_for(settings, journal, dt.date(first_year, 1, 1),
                        dt.date(last_year, 12, 31))


def years_through(journal: "Journal", last: int) -> list[int]:
    return [year for year in journal.years() if year <= last]


def load_streak(journal: "Journal", settings: "Config", today: dt.date, *,
                longest: bool = True) -> StreakState:
    """The streak as of `today`, reading year summaries newest first.

    With `longest=False` it stops reading once the current streak is known to be broken (fast,
    for the prompt): it reads this year, then also last year (a streak across New Year), then
    all years (a streak of years); `longest` is then only the longest within the years read.
    """
    years = years_through(journal, today.year)
    if longest or not years:
        first = years[0] if years else today.year
        calendar = calendar_of(settings, journal, first, today.year)
        return streak_state(fan_days_of(journal, years), calendar, today)
    oldest = years[0]
    for first in dict.fromkeys(max(year, oldest) for year in (today.year, today.year - 1,
                                                              oldest)):
        calendar = calendar_of(settings, journal, first, today.year)
        state = streak_state(fan_days_of(journal, [y for y in years if y >= first]), calendar,
                             today)
        # The streak may go on into the year before only if no working day of the years read
        # lies before it (e.g. 1 January is a holiday and the streak starts on 2 January).
        reaches = state.current.start or today
        if first <= oldest or calendar.count_working(dt.date(first, 1, 1), reaches - ONE_DAY):
            break
    return state
