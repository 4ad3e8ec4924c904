"""What several use cases gather first: working days, fans per day, the streak."""

import datetime as dt
from collections.abc import Iterable

from fanjournal.config import Settings
from fanjournal.dates import ONE_DAY, Period, Span
from fanjournal.store import Journal
from fanjournal.streaks import StreakState, streak_state
from fanjournal.usecases.holidays import public_holidays
from fanjournal.workdays import Calendar


def calendar_for(journal: Journal, settings: Settings, start: dt.date, end: dt.date) -> Calendar:
    """The working days of [start, end]: weekdays, days off in the journal, public holidays."""
    years = range(start.year, end.year + 1)
    known = set(journal.years())
    off = {day.date: day.reason for year in years if year in known
           for day in journal.summary(year).records.days_off}
    return Calendar(weekdays=settings.workdays, off=off,
                    holidays=public_holidays(settings.holidays, years))


def calendar_of(journal: Journal, settings: Settings, first_year: int,
                last_year: int) -> Calendar:
    """Working days of whole years `first_year`..`last_year`."""
    return calendar_for(journal, settings, dt.date(first_year, 1, 1), dt.date(last_year, 12, 31))


def fan_days_of(journal: Journal, years: Iterable[int]) -> dict[dt.date, int]:
    """Fans per date for the given years, from the year summaries (no entry text is kept)."""
    found: dict[dt.date, int] = {}
    for year in years:
        found.update(journal.summary(year).fan_days)
    return found


def closed(journal: Journal, span: Span, today: dt.date) -> Period:
    """A span as a period: an open start is 1 January of the journal's first year."""
    return span.closed(min(journal.years(), default=None), today)


def years_through(journal: Journal, last: int) -> list[int]:
    return [year for year in journal.years() if year <= last]


def load_streak(journal: Journal, settings: Settings, today: dt.date, *,
                longest: bool = True) -> StreakState:
    """The streak as of `today`, reading year summaries newest first.

    With `longest=False` it stops reading once the current streak is known to be broken (fast,
    for the prompt): it reads this year, then also last year (a streak across New Year), then
    all years (a streak of years); `longest` is then only the longest within the years read.
    """
    years = years_through(journal, today.year)
    if longest or not years:
        first = years[0] if years else today.year
        calendar = calendar_of(journal, settings, first, today.year)
        return streak_state(fan_days_of(journal, years), calendar, today)
    oldest = years[0]
    for first in dict.fromkeys(max(year, oldest) for year in (today.year, today.year - 1,
                                                              oldest)):
        calendar = calendar_of(journal, settings, first, today.year)
        state = streak_state(fan_days_of(journal, [y for y in years if y >= first]), calendar,
                             today)
        # The streak may go on into the year before only if no working day of the years read
        # lies before it (e.g. 1 January is a holiday and the streak starts on 2 January).
        reaches = state.current.start or today
        if first <= oldest or calendar.count_working(dt.date(first, 1, 1), reaches - ONE_DAY):
            break
    return state
