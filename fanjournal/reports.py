"""Period summaries for `fan status` and `fan report`: the figures of one period (a
`dates.Period`) and the glance at today, as frozen dataclasses.

Pure: plain data in, dataclasses out, "today" a parameter. `usecases/review.py` gathers what
they need from the journal: year summaries (fans per day) wherever counts suffice, whole entries
only for the period a report shows.
"""

import datetime as dt
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from fanjournal.dates import ONE_DAY, Period, month_containing, week_containing
from fanjournal.model import MOMENTS, Entry
from fanjournal.pace import Pace, pace_on
from fanjournal.streaks import (
    Streak,
    StreakState,
    streak_state,
)
from fanjournal.workdays import Calendar, days

TOP_CUSTOMERS = 5
DAY_ROWS_UP_TO = 31  # periods up to this many days get a row per day; longer ones get buckets
MONTH_BUCKETS_UP_TO = 24  # ranges up to this many months get a bar per month, longer per year


# --- the figures


@dataclass(frozen=True)
class Day:
    """One calendar day of a period."""

    date: dt.date
    fans: int
    working: bool
    reason: str | None  # why it is not a working day (weekend, day-off reason, holiday name)
    off: bool  # a recorded day off or a public holiday (not merely a free weekday)
    future: bool  # after the day the report is made on
    moments: tuple[tuple[str, int], ...] = ()  # fans that day per moment, in MOMENTS order


@dataclass(frozen=True)
class Bucket:
    """A month (or a year) of a longer period: one bar of the chart."""

    label: str
    start: dt.date
    end: dt.date
    fans: int
    working_days: int  # up to the report's as_of day (0 for a month still to come)
    active_days: int


@dataclass(frozen=True)
class Comparison:
    """This period against the one before, over as many days as this one has had so far."""

    label: str  # the previous period's label
    start: dt.date
    end: dt.date
    fans: int
    change: int  # this period's fans minus the previous period's
    percent: float | None  # change relative to the previous period (None when that had none)
    partial: bool  # only the first days of the previous period (this one is still running)


@dataclass(frozen=True)
class Report:
    period: Period
    today: dt.date
    as_of: dt.date  # the last day counted: today, or the period's end when that is earlier
    fans: int
    working_days: int  # working days in the whole period
    working_days_so_far: int  # … up to as_of
    active_days: int  # working days with at least one fan
    off_days: int  # days off and public holidays on working weekdays in the period
    days: tuple[Day, ...]
    bucket_kind: str  # "" (the days are the rows), "month" or "year"
    buckets: tuple[Bucket, ...]
    moments: tuple[tuple[str, int], ...]  # every moment in MOMENTS order
    customers: tuple[tuple[str, int], ...]  # the top customers, most fans first
    stories: tuple[Entry, ...]  # peaks and golden stories, oldest first
    streak: StreakState  # as of as_of
    period_longest: Streak  # the longest streak inside the period
    pace: Pace  # the year of as_of, as of as_of
    previous: Comparison
    week_start: int = 0  # first weekday of a week (0 = Monday), for laying out the heatmap

    @property
    def empty(self) -> bool:
        return self.fans == 0

    @property
    def started(self) -> bool:
        return self.period.start <= self.today


@dataclass(frozen=True)
class Status:
    """What `fan status` shows: today, the streak, this week and the year's pace."""

    today: dt.date
    fans_today: int
    working_today: bool
    reason_today: str | None  # why today is not a working day
    week: Period
    fans_week: int
    working_days_week: int
    active_days_week: int
    streak: StreakState
    pace: Pace
    total_fans: int  # in the whole journal, up to today

    @property
    def empty(self) -> bool:
        return self.total_fans == 0


def _sum(fan_days: Mapping[dt.date, int], start: dt.date, end: dt.date) -> int:
    return sum(count for day, count in fan_days.items() if start <= day <= end)


def _active(fan_days: Mapping[dt.date, int], calendar: Calendar, start: dt.date,
            end: dt.date) -> int:
    return sum(1 for day, count in fan_days.items()
               if start <= day <= end and count > 0 and calendar.is_working(day))


def status_on(fan_days: Mapping[dt.date, int], calendar: Calendar, today: dt.date,
              target: int, week_start: int = 0) -> Status:
    """The glance at `today`. `calendar` must cover every year in `fan_days` and this week."""
    week = week_containing(today, week_start)
    return Status(
        today=today,
        fans_today=fan_days.get(today, 0),
        working_today=calendar.is_working(today),
        reason_today=calendar.why_not_working(today),
        week=week,
        fans_week=_sum(fan_days, week.start, today),
        working_days_week=calendar.count_working(week.start, week.end),
        active_days_week=_active(fan_days, calendar, week.start, today),
        streak=streak_state(fan_days, calendar, today),
        pace=pace_on(fan_days, calendar, target, today.year, today),
        total_fans=sum(count for day, count in fan_days.items() if day <= today),
    )


def compare(period: Period, as_of: dt.date, fans: int,
            fan_days: Mapping[dt.date, int]) -> Comparison:
    """`fans` of `period` (counted up to `as_of`) against the previous period, like for like."""
    before = period.previous()
    end = before.end
    partial = as_of < period.end
    if partial:
        end = min(before.end, before.start + (max(as_of, period.start) - period.start))
    previous_fans = _sum(fan_days, before.start, end)
    change = fans - previous_fans
    percent = round(100 * change / previous_fans, 1) if previous_fans else None
    return Comparison(before.label, before.start, end, previous_fans, change, percent, partial)


def _moment_counts(entries: Iterable[Entry]) -> tuple[tuple[str, int], ...]:
    counts = Counter(entry.moment for entry in entries)
    known = [(moment, counts.get(moment, 0)) for moment in MOMENTS]
    return tuple(known + sorted((m, n) for m, n in counts.items() if m not in MOMENTS))


def top_customers(entries: Iterable[Entry], limit: int = TOP_CUSTOMERS) -> tuple[
        tuple[str, int], ...]:
    """Customers with the most fans (names compared without case; the first spelling shown)."""
    counts: Counter[str] = Counter()
    names: dict[str, str] = {}
    for entry in entries:
        if entry.customer:
            key = entry.customer.casefold()
            names.setdefault(key, entry.customer)
            counts[key] += 1
    ranked = sorted(counts.items(), key=lambda item: (-item[1], names[item[0]].casefold()))
    return tuple((names[key], count) for key, count in ranked[:limit])


def _buckets(period: Period, fan_days: Mapping[dt.date, int], calendar: Calendar,
             as_of: dt.date) -> tuple[str, tuple[Bucket, ...]]:
    if period.kind != "year" and period.length <= DAY_ROWS_UP_TO:
        return "", ()
    months = (period.end.year - period.start.year) * 12 + period.end.month - period.start.month
    kind = "month" if months < MONTH_BUCKETS_UP_TO else "year"
    found = []
    start = period.start
    while start <= period.end:
        if kind == "month":
            end = month_containing(start).end
            label = f"{start.year}-{start.month:02d}"
        else:
            end = dt.date(start.year, 12, 31)
            label = str(start.year)
        end = min(end, period.end)
        found.append(Bucket(label, start, end, _sum(fan_days, start, end),
                            calendar.count_working(start, min(end, as_of)),
                            _active(fan_days, calendar, start, end)))
        start = end + ONE_DAY
    return kind, tuple(found)


def report_on(period: Period, entries: Sequence[Entry], fan_days: Mapping[dt.date, int],
              calendar: Calendar, today: dt.date, target: int,
              week_start: int = 0) -> Report:
    """The figures of `period` as of `today`.

    `entries` are the period's entries (for moments, customers and stories); `fan_days` holds
    fans per date for every year up to the period (for streaks, pace and the comparison), and
    `calendar` must cover those years and the whole year of the period's end.
    """
    as_of = min(today, period.end)
    day_over = as_of < today
    counted = [entry for entry in entries
               if period.start <= entry.date <= period.end and entry.date <= as_of]
    per_day = _moments_per_day(counted)
    in_period = {day: sum(counter.values()) for day, counter in per_day.items()}
    day_rows = _day_rows(period, per_day, calendar, as_of)
    fans = sum(in_period.values())
    bucket_kind, buckets = _buckets(period, in_period, calendar, as_of)
    merged = {**{d: n for d, n in fan_days.items() if not period.start <= d <= period.end},
              **in_period}
    return Report(
        period=period,
        today=today,
        as_of=as_of,
        fans=fans,
        working_days=calendar.count_working(period.start, period.end),
        working_days_so_far=calendar.count_working(period.start, as_of),
        active_days=_active(in_period, calendar, period.start, as_of),
        off_days=sum(1 for row in day_rows
                     if row.off and row.date.weekday() in calendar.weekdays),
        days=tuple(day_rows),
        bucket_kind=bucket_kind,
        buckets=buckets,
        moments=_moment_counts(counted),
        customers=top_customers(counted),
        stories=tuple(entry for entry in counted if entry.peak or entry.gold),
        streak=streak_state(merged, calendar, as_of, day_over=day_over),
        period_longest=streak_state(in_period, calendar, as_of, day_over=day_over).longest,
        pace=pace_on(merged, calendar, target, as_of.year, as_of, day_over=day_over),
        previous=compare(period, as_of, fans, merged),
        week_start=week_start,
    )


def _moments_per_day(entries: Iterable[Entry]) -> dict[dt.date, Counter[str]]:
    """How many fans of each moment each date has."""
    per_day: dict[dt.date, Counter[str]] = {}
    for entry in entries:
        per_day.setdefault(entry.date, Counter())[entry.moment] += 1
    return per_day


def _day_rows(period: Period, per_day: Mapping[dt.date, Counter[str]], calendar: Calendar,
              as_of: dt.date) -> list[Day]:
    """A row for each day of `period`: its fans by moment, and whether it was a working day."""
    rows = []
    for day in days(period.start, period.end):
        reason = calendar.why_not_working(day)
        moments = per_day.get(day, Counter())
        rows.append(Day(
            date=day,
            fans=sum(moments.values()),
            working=reason is None,
            reason=reason,
            off=day in calendar.off or day in calendar.holidays,
            future=day > as_of,
            moments=tuple((m, moments[m]) for m in MOMENTS if moments.get(m)),
        ))
    return rows


@dataclass(frozen=True)
class Glance:
    """The prompt's few figures: the streak, and fans today and this year."""

    streak: StreakState
    fans_today: int
    fans_year: int
    target: int
