"""The fan budget: money and time spent on fans against what the team agreed.

Making fans does not always cost money, but teams agree a budget per person (DOMAIN.md: e.g.
€100 a month) and how much time one may spend. Config `budget_money_month` and
`budget_minutes_day` set them; each fan may carry a `cost` and `minutes`.

Money is `Decimal` from the file to the screen: a cost is stored as a string ("12.50") and summed
exactly, never through a float. The money budget of a period that is not a whole month is the
monthly budget shared out by calendar days (a week in a 30-day month: 7/30 of it), rounded to
cents; the minutes budget is `budget_minutes_day` for each working day of the period.
"""

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction
from typing import TYPE_CHECKING, Any

from fanjournal.dates import month_bounds

if TYPE_CHECKING:
    from fanjournal.model import Entry

CENT = Decimal("0.01")
ZERO = Decimal(0)


def _rounded(amount: Decimal) -> Decimal:
    """An amount rounded to cents, half up."""
    return amount.quantize(CENT, rounding=ROUND_HALF_UP)


def cents(amount: Decimal) -> str:
    """An amount as exact text with two decimals ("50.00"), as JSON output gives it."""
    return str(_rounded(amount))


def money_budget(money_month: Decimal, start: dt.date, end: dt.date) -> Decimal:
    """The money budget of [start, end]: each month's budget times the share of its days in
    the period, exactly, then rounded to cents (a whole month gets the whole budget)."""
    share = Fraction(0)
    day = start
    while day <= end:
        first, last = month_bounds(day)
        days_in_month = (last - first).days + 1
        share += Fraction((min(last, end) - day).days + 1, days_in_month)
        day = last + dt.timedelta(days=1)
    exact = Decimal(money_month) * share.numerator / share.denominator
    return _rounded(exact)


def total_cost(entries: Iterable["Entry"]) -> Decimal:
    """The exact sum of the fans' costs (those without a cost count as nothing)."""
    return sum((e.cost for e in entries if e.cost is not None), ZERO)


@dataclass(frozen=True)
class Spent:
    """Money and minutes spent in a period, against the budget where one is set."""

    start: dt.date
    end: dt.date
    fans: int
    money: Decimal
    minutes: int
    money_budget: Decimal | None  # None: no budget_money_month configured
    minutes_budget: int | None  # None: no budget_minutes_day configured
    working_days: int

    @property
    def money_left(self) -> Decimal | None:
        return None if self.money_budget is None else self.money_budget - self.money

    @property
    def minutes_left(self) -> int | None:
        return None if self.minutes_budget is None else self.minutes_budget - self.minutes

    @property
    def over_money(self) -> bool:
        return self.money_budget is not None and self.money > self.money_budget

    @property
    def over_minutes(self) -> bool:
        return self.minutes_budget is not None and self.minutes > self.minutes_budget

    @property
    def has_budget(self) -> bool:
        return self.money_budget is not None or self.minutes_budget is not None

    def to_json(self) -> dict[str, Any]:
        def money(value: Decimal | None) -> str | None:
            return None if value is None else cents(value)

        return {
            "from": self.start.isoformat(), "to": self.end.isoformat(), "fans": self.fans,
            "money": money(self.money), "money_budget": money(self.money_budget),
            "money_left": money(self.money_left), "minutes": self.minutes,
            "minutes_budget": self.minutes_budget, "minutes_left": self.minutes_left,
            "working_days": self.working_days,
        }


def spent(entries: Iterable["Entry"], start: dt.date, end: dt.date,
          money_month: Decimal | str | None, minutes_day: int | None,
          working_days: int) -> Spent:
    """What the fans dated within [start, end] cost, against the budget for that period."""
    chosen = [e for e in entries if start <= e.date <= end]
    return spent_totals(start, end, len(chosen), total_cost(chosen),
                  sum(e.minutes or 0 for e in chosen), money_month, minutes_day, working_days)


def spent_totals(start: dt.date, end: dt.date, fans: int, money: Decimal, minutes: int,
           money_month: Decimal | str | None, minutes_day: int | None,
           working_days: int) -> Spent:
    return Spent(
        start=start, end=end, fans=fans, money=money, minutes=minutes,
        money_budget=None if money_month is None else money_budget(Decimal(money_month),
                                                                    start, end),
        minutes_budget=None if minutes_day is None else minutes_day * working_days,
        working_days=working_days,
    )


@dataclass(frozen=True)
class Day:
    date: dt.date
    fans: int
    money: Decimal
    minutes: int
    over_minutes: bool  # more minutes than budget_minutes_day


@dataclass(frozen=True)
class Month:
    """`fan budget`: one month in detail."""

    spent: Spent
    days: tuple[Day, ...]  # the days with a cost or minutes, oldest first
    costly: tuple["Entry", ...]  # the fans that cost money, most expensive first
    average_cost: Decimal | None  # per fan that cost money
    projected: Decimal | None  # the month's spending at this rate (current month only)
    elapsed_days: int  # calendar days of the month up to today

    def to_json(self) -> dict[str, Any]:
        return {
            **self.spent.to_json(),
            "month": self.spent.start.strftime("%Y-%m"),
            "average_cost": None if self.average_cost is None else cents(self.average_cost),
            "projected": None if self.projected is None else cents(self.projected),
            "days": [{"date": d.date.isoformat(), "fans": d.fans, "money": cents(d.money),
                      "minutes": d.minutes, "over_minutes": d.over_minutes} for d in self.days],
            "fans_with_cost": [{"id": e.id, "date": e.date.isoformat(), "customer": e.customer,
                                "text": e.text, "cost": cents(e.cost or ZERO),
                                "minutes": e.minutes}
                               for e in self.costly],
        }


def month(entries: Iterable["Entry"], day: dt.date, today: dt.date,
          money_month: Decimal | str | None, minutes_day: int | None,
          working_days: int) -> Month:
    """The month of `day` in detail, as seen on `today`."""
    start, end = month_bounds(day)
    chosen = [e for e in entries if start <= e.date <= end]
    summary = spent(chosen, start, end, money_month, minutes_day, working_days)
    costly = tuple(sorted((e for e in chosen if e.cost),
                          key=lambda e: (-(e.cost or ZERO), e.date, e.id)))
    average = _rounded(summary.money / len(costly)) if costly else None
    elapsed, projected = _spending_pace(summary.money, start, end, today)
    return Month(summary, _days(chosen, minutes_day), costly, average, projected, elapsed)


def _days(chosen: list["Entry"], minutes_day: int | None) -> tuple[Day, ...]:
    """The days with a cost or minutes, oldest first, each against budget_minutes_day."""
    per_day: dict[dt.date, list[Entry]] = {}
    for entry in chosen:
        if entry.cost or entry.minutes:
            per_day.setdefault(entry.date, []).append(entry)
    return tuple(
        Day(date, len(items), total_cost(items), sum(e.minutes or 0 for e in items),
            minutes_day is not None and sum(e.minutes or 0 for e in items) > minutes_day)
        for date, items in sorted(per_day.items()))


def _spending_pace(money: Decimal, start: dt.date, end: dt.date,
                   today: dt.date) -> tuple[int, Decimal | None]:
    """The calendar days of [start, end] up to today, and what `money` spent in them comes to
    by the end at this rate (only while the period runs)."""
    elapsed = (min(today, end) - start).days + 1 if today >= start else 0
    projected = None
    if start <= today < end and elapsed:
        total_days = (end - start).days + 1
        projected = _rounded(money * total_days / elapsed)
    return elapsed, projected


