"""Working days: the configured weekdays, less days off (stored in the journal) and public
holidays (config `holidays`; `usecases/holidays.py` finds them). Pure: a Calendar is built once
from what the use cases gather, then queried."""

import datetime as dt
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from fanjournal.errors import FanError
from fanjournal.i18n import _
from fanjournal.model import RecordError, stored_date

if TYPE_CHECKING:
    pass

OFF_SECTION = "off"


@dataclass(frozen=True)
class DayOff:
    date: dt.date
    reason: str = ""

    def to_record(self) -> dict[str, object]:
        record: dict[str, object] = {"date": self.date}
        if self.reason:
            record["reason"] = self.reason
        return record


def days_off_from(sections: dict[str, object], where: str) -> list[DayOff]:
    """The `[[off]]` tables of one year file, validated."""
    records = sections.get(OFF_SECTION, [])
    if not isinstance(records, list):
        raise FanError(_("{file}: 'off' must be a list of days off").format(file=where))
    days = []
    for index, record in enumerate(records):
        try:
            if not isinstance(record, dict) or "date" not in record:
                raise RecordError("date", _("missing"))
            reason = record.get("reason", "")
            if not isinstance(reason, str):
                raise RecordError("reason", _("expected text"))
            days.append(DayOff(stored_date(record["date"], "date"), reason))
        except RecordError as error:
            raise FanError(_("{file}: day off {n}, field '{field}': {problem}").format(
                file=where, n=index + 1, field=error.field, problem=error)) from None
    return days


def days(start: dt.date, end: dt.date) -> Iterator[dt.date]:
    day = start
    while day <= end:
        yield day
        day += dt.timedelta(days=1)


@dataclass(frozen=True)
class Calendar:
    """Which days are working days. Pure: built once from config and journal, then queried."""

    weekdays: frozenset[int] = frozenset(range(5))
    off: dict[dt.date, str] = field(default_factory=dict)
    holidays: dict[dt.date, str] = field(default_factory=dict)

    def is_working(self, day: dt.date) -> bool:
        return day.weekday() in self.weekdays and day not in self.off and day not in self.holidays

    def why_not_working(self, day: dt.date) -> str | None:
        """None on a working day; else "weekend", the day-off reason or the holiday's name."""
        if day in self.off:
            return self.off[day] or _("day off")
        if day in self.holidays:
            return self.holidays[day]
        if day.weekday() not in self.weekdays:
            return _("not a working weekday")
        return None

    def working_days(self, start: dt.date, end: dt.date) -> list[dt.date]:
        return [d for d in days(start, end) if self.is_working(d)]

    def count_working(self, start: dt.date, end: dt.date) -> int:
        return sum(1 for d in days(start, end) if self.is_working(d))


def with_days_off(known: Iterable[DayOff], new: Iterable[DayOff]
                  ) -> tuple[list[DayOff], list[DayOff], list[DayOff]]:
    """`known` days off with `new` ones added, sorted by date; a day already off gets the new
    reason when one is given. Returns (all, added, changed)."""
    by_date = {day.date: day for day in known}
    added: list[DayOff] = []
    changed: list[DayOff] = []
    for day in new:
        if day.date not in by_date:
            by_date[day.date] = day
            added.append(day)
        elif day.reason and by_date[day.date].reason != day.reason:
            by_date[day.date] = day
            changed.append(day)
    return [by_date[d] for d in sorted(by_date)], added, changed


@dataclass(frozen=True)
class OffRun:
    """Days off with one reason and no working day between them (a holiday week, say)."""

    start: dt.date
    end: dt.date
    reason: str
    count: int  # days off recorded in the run


def runs_of(days_off: Iterable[DayOff], calendar: Calendar) -> list[OffRun]:
    """Consecutive days off with the same reason, as runs (free days between them join them)."""
    runs: list[OffRun] = []
    for day in sorted(days_off, key=lambda d: d.date):
        if runs and runs[-1].reason == day.reason and not calendar.count_working(
                runs[-1].end + dt.timedelta(days=1), day.date - dt.timedelta(days=1)):
            last = runs[-1]
            runs[-1] = OffRun(last.start, day.date, last.reason, last.count + 1)
        else:
            runs.append(OffRun(day.date, day.date, day.reason, 1))
    return runs
