"""Dates and periods as people type them.

Dates: 2026-11-20, today/vandaag, yesterday/gisteren, -3 (days ago), friday/vrijdag. Periods
(ISO weeks, months, years and free ranges): 2026-W47, 2026-11, 2026, this/deze, last/vorige,
or a date (the week, month or year holding it) — one vocabulary for every command that covers
a period (`--week`, `--month`, `--year`, `--from/--to`; see `cli/options.py`).
"""

import datetime as dt
import re
from dataclasses import dataclass

from fanjournal.errors import FanError
from fanjournal.i18n import _

WEEKDAY_WORDS = {
    "monday": 0, "mon": 0, "maandag": 0, "ma": 0,
    "tuesday": 1, "tue": 1, "dinsdag": 1, "di": 1,
    "wednesday": 2, "wed": 2, "woensdag": 2, "wo": 2,
    "thursday": 3, "thu": 3, "donderdag": 3, "do": 3,
    "friday": 4, "fri": 4, "vrijdag": 4, "vr": 4,
    "saturday": 5, "sat": 5, "zaterdag": 5, "za": 5,
    "sunday": 6, "sun": 6, "zondag": 6, "zo": 6,
}
TODAY_WORDS = {"today", "vandaag", "now", "nu"}
YESTERDAY_WORDS = {"yesterday", "gisteren"}


FIRST_YEAR, LAST_YEAR = 1900, 2999  # beyond these, date arithmetic (and the journal) ends
ONE_DAY = dt.timedelta(days=1)


def check_year(year: int, text: str) -> None:
    """Refuse a year so far away that date arithmetic around it would leave the calendar."""
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise FanError.usage(_("{date} is out of range: use dates from {first} to {last}").format(
            date=text, first=FIRST_YEAR, last=LAST_YEAR))


def month_bounds(day: dt.date) -> tuple[dt.date, dt.date]:
    """The first and last day of `day`'s month."""
    first = day.replace(day=1)
    return first, (first + dt.timedelta(days=32)).replace(day=1) - dt.timedelta(days=1)


def months_before(first: dt.date, months: int) -> dt.date:
    """The first day of the month `months` before the month starting on `first`."""
    year, month = divmod(first.year * 12 + first.month - 1 - months, 12)
    return dt.date(year, month + 1, 1)


def parse_date(text: str, today: dt.date) -> dt.date:
    """The date a word means on `today`; a weekday name is the most recent one (today included)."""
    date = _parse_date(text, today)
    check_year(date.year, date.isoformat())
    return date


def _parse_date(text: str, today: dt.date) -> dt.date:
    date = _date_word(text, today)
    if date is None:
        raise FanError.usage(_(
            "cannot read the date {text!r}; use 2026-11-20, today, yesterday, -3 (days ago) "
            "or a weekday such as friday"
        ).format(text=text))
    return date


def _date_word(text: str, today: dt.date) -> dt.date | None:
    """The date `text` names, or None when it names none."""
    word = text.strip().lower()
    if word in TODAY_WORDS:
        return today
    if word in YESTERDAY_WORDS:
        return today - dt.timedelta(days=1)
    if re.fullmatch(r"-\d{1,5}", word):
        days = int(word[1:])
        if days > (today - dt.date(FIRST_YEAR, 1, 1)).days:
            raise FanError.usage(_("{text} days ago is before {first}").format(
                text=word[1:], first=FIRST_YEAR))
        return today - dt.timedelta(days=days)
    if word in WEEKDAY_WORDS:
        back = (today.weekday() - WEEKDAY_WORDS[word]) % 7
        return today - dt.timedelta(days=back)
    try:
        return dt.date.fromisoformat(word)
    except ValueError:
        return None


def parse_past_date(text: str, today: dt.date) -> dt.date:
    """Like parse_date, but a date after today is refused: fans are logged once made."""
    date = parse_date(text, today)
    if date > today:
        raise FanError.usage(_("{date} is in the future; log a fan once you have made it").format(
            date=date.isoformat()))
    return date


def parse_year(text: str) -> int:
    if not re.fullmatch(r"\d{4}", text.strip()):
        raise FanError.usage(_("{text!r} is not a year such as 2026").format(text=text))
    return int(text)


# --- periods


@dataclass(frozen=True)
class Period:
    """A run of calendar days a command covers, both ends included."""

    kind: str  # week, month, year or range
    start: dt.date
    end: dt.date

    @property
    def label(self) -> str:
        """2026-W47, 2026-11, 2026 or 2026-11-01..2026-11-20."""
        if self.kind == "week":
            monday = self.start + dt.timedelta(days=-self.start.weekday() % 7)
            year, week, _day = monday.isocalendar()
            return f"{year}-W{week:02d}"
        if self.kind == "month":
            return f"{self.start.year}-{self.start.month:02d}"
        if self.kind == "year":
            return str(self.start.year)
        return f"{self.start.isoformat()}..{self.end.isoformat()}"

    @property
    def length(self) -> int:
        return (self.end - self.start).days + 1

    def previous(self) -> "Period":
        """The period of the same kind just before this one."""
        if self.kind == "week":
            return Period("week", self.start - dt.timedelta(days=7),
                          self.end - dt.timedelta(days=7))
        if self.kind == "month":
            return month_containing(self.start - ONE_DAY)
        if self.kind == "year":
            return year_period(self.start.year - 1)
        return Period("range", self.start - dt.timedelta(days=self.length), self.start - ONE_DAY)


def check_dates(*dates: dt.date) -> None:
    """Refuse dates so far away that a period around them would leave the calendar."""
    for day in dates:
        check_year(day.year, day.isoformat())


def week_containing(day: dt.date, week_start: int = 0) -> Period:
    """The week holding `day`, starting on weekday `week_start` (0 = Monday, ISO)."""
    start = day - dt.timedelta(days=(day.weekday() - week_start) % 7)
    return Period("week", start, start + dt.timedelta(days=6))


def iso_week(year: int, week: int, week_start: int = 0) -> Period:
    """ISO week `week` of `year`; with another week start, the week holding its Monday."""
    try:
        monday = dt.date.fromisocalendar(year, week, 1)
    except ValueError:
        raise FanError.usage(_("{year} has no ISO week {week}; it has {n} weeks").format(
            year=year, week=week, n=dt.date(year, 12, 28).isocalendar()[1])) from None
    return week_containing(monday, week_start)


def month_containing(day: dt.date) -> Period:
    return Period("month", *month_bounds(day))


def year_period(year: int) -> Period:
    return Period("year", dt.date(year, 1, 1), dt.date(year, 12, 31))


def date_range(start: dt.date, end: dt.date) -> Period:
    check_dates(start, end)
    if start > end:
        raise FanError.usage(_("--from {start} is after --to {end}").format(start=start, end=end))
    return Period("range", start, end)


THIS_WORDS = frozenset({"this", "deze", "dit"})  # deze week/maand, dit jaar
LAST_WORDS = frozenset({"last", "vorige", "vorig"})  # vorige week/maand, vorig jaar
_WEEK = re.compile(r"^(\d{4})-?w(\d{1,2})$")
_MONTH = re.compile(r"^(\d{4})-(\d{1,2})$")
_MONTH_NUMBER = re.compile(r"^\d{1,2}$")
_YEAR = re.compile(r"^\d{4}$")


def parse_period(text: str | None, kind: str | None, today: dt.date,
                 week_start: int = 0) -> Period:
    """The period a user typed.

    `kind` is week, month or year for the value of --week, --month or --year, and None for
    `fan report`'s PERIOD argument (a week, a month or a year, whichever the text names).
    Accepted: this and last (also deze/dit and vorige/vorig), 2026-W47, 2026-11, 11 (that month
    of this year; with kind month only), 2026, and any date word `parse_date` reads: the period
    of `kind` holding it (a week when `kind` is None). No text: the current period of `kind`.
    A text naming another kind of period than `kind` is refused, with the forms `kind` takes.
    """
    check_dates(today)
    period = _parse_period(text, kind, today, week_start)
    check_dates(period.start, period.end)
    return period


def _parse_period(text: str | None, kind: str | None, today: dt.date,
                  week_start: int) -> Period:
    typed = (text or "").strip()
    word = typed.lower()
    if word in THIS_WORDS or word in LAST_WORDS or not word:
        current = _holding(today, kind or "week", week_start)
        return current.previous() if word in LAST_WORDS else current
    found = _named_period(word, typed, kind, today, week_start)
    if found is None and (day := _date_word(word, today)) is not None:
        check_dates(day)
        return _holding(day, kind or "week", week_start)
    if found is None or (kind is not None and found.kind != kind):
        raise FanError.usage(_unreadable_period(typed, kind))
    return found


def _named_period(word: str, typed: str, kind: str | None, today: dt.date,
                  week_start: int) -> Period | None:
    """The period `word` names as 2026-W47, 2026-11, 11 (a month this year) or 2026; None when
    it names none of them."""
    if _WEEK.match(word) or _MONTH.match(word) or _YEAR.match(word):
        check_year(int(word[:4]), typed)
    if match := _WEEK.match(word):
        return iso_week(int(match.group(1)), int(match.group(2)), week_start)
    if (match := _MONTH.match(word)) and 1 <= int(match.group(2)) <= 12:
        return month_containing(dt.date(int(match.group(1)), int(match.group(2)), 1))
    if kind == "month" and _MONTH_NUMBER.match(word) and 1 <= int(word) <= 12:
        return month_containing(dt.date(today.year, int(word), 1))
    if _YEAR.match(word):
        return year_period(int(word))
    return None


def _holding(day: dt.date, kind: str, week_start: int) -> Period:
    if kind == "month":
        return month_containing(day)
    if kind == "year":
        return year_period(day.year)
    return week_containing(day, week_start)


def _unreadable_period(text: str, kind: str | None) -> str:
    """The one message for a period that cannot be read, listing the forms `kind` takes."""
    if kind == "week":
        message = _("cannot read the week {text!r}; use this, last, 2026-W47 or a date (the "
                    "week holding it)")
    elif kind == "month":
        message = _("cannot read the month {text!r}; use this, last, 2026-11, 11 (that month "
                    "this year) or a date (the month holding it)")
    elif kind == "year":
        message = _("cannot read the year {text!r}; use this, last, 2026 or a date (the year "
                    "holding it)")
    else:
        message = _("cannot read the period {text!r}; use 2026-W47, 2026-11, 2026, this, last "
                    "or a date (the week holding it)")
    return message.format(text=text)


@dataclass(frozen=True)
class Span:
    """The days the period options chose. A free range may leave an end open (None)."""

    start: dt.date | None
    end: dt.date | None
    period: Period | None  # a week, month or year, or a free range with both ends

    def closed(self, first_year: int | None, today: dt.date) -> Period:
        """The span as a period: an open start is 1 January of the journal's first year (or
        of the end's year), an open end is today (or the start, when that is later)."""
        if self.period is not None:
            return self.period
        end = self.end or max(today, self.start or today)
        start = self.start or dt.date(min(first_year or end.year, end.year), 1, 1)
        return date_range(start, end)
