"""Looking back: the prompt's glance, `fan status`, `fan report`, the budget and days off."""

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from fanjournal import budget, workdays
from fanjournal.config import Settings
from fanjournal.dates import Period, Span, check_dates, week_containing
from fanjournal.reports import Glance, Report, Status, report_on, status_on
from fanjournal.store import Journal
from fanjournal.usecases.calendar import (
    calendar_for,
    calendar_of,
    closed,
    fan_days_of,
    load_streak,
    years_through,
)


def glance(journal: Journal, settings: Settings, today: dt.date) -> Glance:
    streak = load_streak(journal, settings, today, longest=False)
    counts = journal.summary(today.year).fan_days if today.year in journal.years() else {}
    return Glance(
        streak=streak,
        fans_today=counts.get(today, 0),
        fans_year=sum(n for day, n in counts.items() if day <= today),
        target=settings.target,
    )


@dataclass(frozen=True)
class StatusView:
    """`fan status`: the glance at today, this month's budget and the follow-ups due."""

    status: Status
    spent: budget.Spent
    due: int


def status_view(journal: Journal, settings: Settings, today: dt.date) -> StatusView:
    from fanjournal.dates import month_bounds
    from fanjournal.usecases.followups import due_count

    return StatusView(status(journal, settings, today),
                      spent(journal, settings, *month_bounds(today)), due_count(journal, today))


def status(journal: Journal, settings: Settings, today: dt.date) -> Status:
    check_dates(today)
    years = years_through(journal, today.year)
    first = years[0] if years else today.year
    last = week_containing(today, settings.week_start).end.year
    calendar = calendar_of(journal, settings, first, last)
    return status_on(fan_days_of(journal, years), calendar, today, settings.target,
                     settings.week_start)


@dataclass(frozen=True)
class ReportView:
    """`fan report`: the period's figures and what was spent in it."""

    report: Report
    spent: budget.Spent


def report_view(journal: Journal, settings: Settings, chosen: "Period | Span",
                today: dt.date) -> ReportView:
    period = closed(journal, chosen, today) if isinstance(chosen, Span) else chosen
    return ReportView(report(journal, settings, period, today),
                      spent(journal, settings, period.start, period.end))


def report(journal: Journal, settings: Settings, period: Period, today: dt.date) -> Report:
    check_dates(today)
    as_of = min(today, period.end)
    years = years_through(journal, as_of.year)
    first = min([period.previous().start.year, *years[:1]])
    last = max(period.end.year, as_of.year)
    calendar = calendar_of(journal, settings, first, last)
    entries = journal.entries(period.start, min(period.end, as_of)) if period.start <= as_of \
        else []
    return report_on(period, entries, fan_days_of(journal, years), calendar, today,
                     settings.target, settings.week_start)


def spent(journal: Journal, settings: Settings, start: dt.date, end: dt.date) -> budget.Spent:
    """Spent against budget for [start, end] (for `fan status` and `fan report`), from the
    per-day sums of the year summaries: no entry is read."""
    working = calendar_for(journal, settings, start, end).count_working(start, end)
    known = set(journal.years())
    summaries = [journal.summary(year) for year in range(start.year, end.year + 1)
                 if year in known]

    def total(per_day: str) -> Any:
        return sum((value for summary in summaries
                    for day, value in getattr(summary, per_day).items() if start <= day <= end),
                   Decimal(0) if per_day == "money_days" else 0)

    return budget.spent_totals(start, end, total("fan_days"), total("money_days"),
                               total("minutes_days"), settings.budget_money_month,
                               settings.budget_minutes_day, working)


@dataclass(frozen=True)
class BudgetView:
    """`fan budget`: a month in detail (`month`), or the sums of another period (`spent`)."""

    period: Period
    month: budget.Month | None = None
    spent: budget.Spent | None = None


def budget_view(journal: Journal, settings: Settings, span: Span | None,
                today: dt.date) -> BudgetView:
    """This month in detail by default; a month asked for, in detail; any other period (a
    week, a year, a range) as sums against the budget shared out over it."""
    from fanjournal.dates import month_containing

    if span is not None and (span.period is None or span.period.kind != "month"):
        period = closed(journal, span, today)
        return BudgetView(period, spent=spent(journal, settings, period.start, period.end))
    first = span.start if span and span.start else today.replace(day=1)
    return BudgetView(month_containing(first),
                      month=budget_month(journal, settings, first, today))


def budget_month(journal: Journal, settings: Settings, day: dt.date,
                 today: dt.date) -> budget.Month:
    """`fan budget`: the month of `day` in detail, as seen on `today`."""
    from fanjournal.dates import month_bounds

    start, end = month_bounds(day)
    working = calendar_for(journal, settings, start, end).count_working(start, end)
    return budget.month(journal.entries(start, end), day, today, settings.budget_money_month,
                        settings.budget_minutes_day, working)


# --- days off


def record_days_off(journal: Journal, days: list[workdays.DayOff]
                    ) -> tuple[list[workdays.DayOff], list[workdays.DayOff]]:
    """Record days off (one change, however many years they span); a day already off gets the
    new reason when one is given. Returns (added, changed)."""
    added: list[workdays.DayOff] = []
    changed: list[workdays.DayOff] = []
    years = sorted({day.date.year for day in days})
    with journal.change_years(*years) as year_files:
        for year, year_file in year_files.items():
            kept, new, updated = workdays.with_days_off(
                year_file.days_off, [day for day in days if day.date.year == year])
            year_file.days_off = kept
            added += new
            changed += updated
    return added, changed


def remove_days_off(journal: Journal, dates: list[dt.date]) -> list[workdays.DayOff]:
    """Remove the days off on `dates`; returns those removed (FanError when there were none)."""
    years = sorted({day.year for day in dates} & set(journal.years()))
    removed: list[workdays.DayOff] = []
    wanted = set(dates)
    with journal.change_years(*years) as year_files:
        for year_file in year_files.values():
            removed += [day for day in year_file.days_off if day.date in wanted]
            year_file.days_off = [day for day in year_file.days_off if day.date not in wanted]
    return removed


def days_off(journal: Journal) -> list[workdays.DayOff]:
    return [day for year in journal.years() for day in journal.summary(year).records.days_off]


def days_off_view(journal: Journal, settings: Settings, today: dt.date
                  ) -> tuple[list[workdays.OffRun], list[tuple[dt.date, str]]]:
    """`fan off --list`: the days off recorded, as runs, and this year's public holidays."""
    from fanjournal.usecases.holidays import public_holidays

    recorded = days_off(journal)
    calendar = workdays.Calendar(weekdays=settings.workdays,
                                 off={day.date: day.reason for day in recorded})
    holidays = sorted(public_holidays(settings.holidays, [today.year]).items())
    return workdays.runs_of(recorded, calendar), holidays

