"""Working days: the configured weekdays, less days off (stored in the journal) and public
holidays (config `holidays`, from the `holidays` package, imported only when set)."""

import datetime as dt
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from fanjournal.errors import FanError
from fanjournal.i18n import _
from fanjournal.model import RecordError, stored_date

if TYPE_CHECKING:
    from pathlib import Path

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


def public_holidays(country: str, years: Iterable[int]) -> dict[dt.date, str]:
    """Public holidays of `country` (e.g. "NL", or "US-CA" for a subdivision).

    Importing `holidays` and building a country costs about 0.2 s, too much for every `fan
    status --prompt`; so the holidays of each year are kept in a small cache file (see
    `holiday_cache_path`), valid for as long as the same `holidays` package is installed.
    """
    if not country:
        return {}
    from fanjournal.i18n import language

    names_in = language()  # holiday names in the tool's language where the package has it
    wanted = sorted(set(years))
    missing = [year for year in wanted if (country, names_in, year) not in _holiday_memo]
    if missing:
        stamp = _holidays_stamp()
        stamp = f"{stamp}:{names_in}" if stamp else ""
        cached = _read_holiday_cache(country, stamp)
        to_compute = [year for year in missing if year not in cached]
        if to_compute:
            cached.update(_compute_holidays(country, to_compute, names_in))
            _write_holiday_cache(country, stamp, cached)
        for year in missing:
            _holiday_memo[(country, names_in, year)] = cached[year]
    found: dict[dt.date, str] = {}
    for year in wanted:
        found.update(_holiday_memo[(country, names_in, year)])
    return found


_holiday_memo: dict[tuple[str, str, int], dict[dt.date, str]] = {}


def _compute_holidays(country: str, years: list[int],
                      names_in: str) -> dict[int, dict[dt.date, str]]:
    import holidays

    code, _sep, subdiv = country.partition("-")
    try:  # a language the country's names are not kept in falls back to their own
        found = holidays.country_holidays(code, subdiv=subdiv or None, years=years,
                                          language=names_in)
    except (NotImplementedError, KeyError):  # how the holidays package says "no such country"
        raise FanError(_("config holidays: {code!r} is not a country the holidays package knows "
                         "(try NL, BE, DE, GB, US)").format(code=country)) from None
    by_year: dict[int, dict[dt.date, str]] = {year: {} for year in years}
    for day, name in found.items():
        if day.year in by_year:
            by_year[day.year][day] = str(name)
    return by_year


def holiday_cache_path(country: str) -> "Path":
    """$FAN_HOME/cache/holidays-NL.json, or the user cache folder (safe to delete)."""
    from fanjournal.paths import cache_dir

    return cache_dir() / f"holidays-{country}.json"


def _holidays_stamp() -> str:
    """Which `holidays` package is installed, found without importing it."""
    import importlib.util
    import os

    spec = importlib.util.find_spec("holidays")
    if spec is None or not spec.origin:
        return ""
    try:
        status = os.stat(spec.origin)
    except OSError:
        return ""
    return f"{spec.origin}:{status.st_mtime_ns}:{status.st_size}"


def _read_holiday_cache(country: str, stamp: str) -> dict[int, dict[dt.date, str]]:
    import json

    if not stamp:
        return {}
    try:
        document = json.loads(holiday_cache_path(country).read_text(encoding="utf-8"))
        if document.get("stamp") != stamp:
            return {}
        return {int(year): {dt.date.fromisoformat(day): str(name) for day, name in days.items()}
                for year, days in document["years"].items()}
    except (OSError, ValueError, TypeError, KeyError, AttributeError):
        return {}  # missing or damaged: computed again and rewritten


def _write_holiday_cache(country: str, stamp: str,
                         years: dict[int, dict[dt.date, str]]) -> None:
    import json

    from fanjournal.files import atomic_write

    if not stamp:
        return
    document = {"stamp": stamp, "country": country,
                "years": {str(year): {day.isoformat(): name for day, name in sorted(days.items())}
                          for year, days in sorted(years.items())}}
    try:
        atomic_write(holiday_cache_path(country),
                     json.dumps(document, ensure_ascii=False, indent=1).encode())
    except FanError:
        pass  # a cache that cannot be written only costs time


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
