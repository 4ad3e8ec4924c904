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
from collections.abc import Mapping
from dataclasses import dataclass

from fanjournal.dates import ONE_DAY
from fanjournal.workdays import Calendar


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
    current, longest = _current_and_longest(made, calendar, today, day_over)
    at_risk = (not day_over and current.length > 0 and calendar.is_working(today)
               and today not in made)
    return StreakState(current, longest, at_risk)


def _current_and_longest(made: set[dt.date], calendar: Calendar, today: dt.date,
                         day_over: bool) -> tuple[Streak, Streak]:
    """The streak that runs on `today` and the longest one, walking the working days from the
    first day a fan was `made` up to today."""
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
    return current, longest


