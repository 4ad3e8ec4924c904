"""Date words people type — 2026-11-20, today/vandaag, yesterday/gisteren, -3, friday/vrijdag."""

import datetime as dt
import re

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


def check_year(year: int, text: str) -> None:
    """Refuse a year so far away that date arithmetic around it would leave the calendar."""
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise FanError(_("{date} is out of range: use dates from {first} to {last}").format(
            date=text, first=FIRST_YEAR, last=LAST_YEAR), 2)


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
    word = text.strip().lower()
    if word in TODAY_WORDS:
        return today
    if word in YESTERDAY_WORDS:
        return today - dt.timedelta(days=1)
    if re.fullmatch(r"-\d{1,5}", word):
        days = int(word[1:])
        if days > (today - dt.date(FIRST_YEAR, 1, 1)).days:
            raise FanError(_("{text} days ago is before {first}").format(
                text=word[1:], first=FIRST_YEAR))
        return today - dt.timedelta(days=days)
    if word in WEEKDAY_WORDS:
        back = (today.weekday() - WEEKDAY_WORDS[word]) % 7
        return today - dt.timedelta(days=back)
    try:
        return dt.date.fromisoformat(word)
    except ValueError:
        raise FanError(_(
            "cannot read the date {text!r}; use 2026-11-20, today, yesterday, -3 (days ago) "
            "or a weekday such as friday"
        ).format(text=text)) from None


def parse_past_date(text: str, today: dt.date) -> dt.date:
    """Like parse_date, but a date after today is refused: fans are logged once made."""
    date = parse_date(text, today)
    if date > today:
        raise FanError(_("{date} is in the future; log a fan once you have made it").format(
            date=date.isoformat()))
    return date


def parse_year(text: str) -> int:
    if not re.fullmatch(r"\d{4}", text.strip()):
        raise FanError(_("{text!r} is not a year such as 2026").format(text=text))
    return int(text)
