"""Fixed journals for the status/report/off tests, written through fan's own store."""

import datetime as dt
from collections.abc import Iterable
from pathlib import Path

from fanjournal.model import Entry
from fanjournal.store import Journal
from fanjournal.workdays import DayOff

d = dt.date


def working_weekdays(start: dt.date, end: dt.date, skip: Iterable[dt.date] = ()) -> list[dt.date]:
    skipped = set(skip)
    found, day = [], start
    while day <= end:
        if day.weekday() < 5 and day not in skipped:
            found.append(day)
        day += dt.timedelta(days=1)
    return found


def write(fan_home: Path, fans: Iterable[dt.date] | dict[dt.date, int] = (), *,
          entries: Iterable[dict] = (), days_off: Iterable[DayOff] = (),
          fmt: str = "toml") -> Journal:
    """One plain fan per date (or `count` per date), extra entries given as fields, days off."""
    counts = fans if isinstance(fans, dict) else dict.fromkeys(fans, 1)
    specs = [{"date": day} for day, n in sorted(counts.items()) for _i in range(n)]
    specs += list(entries)
    journal = Journal(fan_home / "journal", fmt)
    by_year: dict[int, list[dict]] = {}
    for spec in specs:
        by_year.setdefault(spec["date"].year, []).append(spec)
    off_by_year: dict[int, list[DayOff]] = {}
    for day_off in days_off:
        off_by_year.setdefault(day_off.date.year, []).append(day_off)
    for year in sorted(set(by_year) | set(off_by_year)):
        with journal.change(year) as year_file:
            for spec in by_year.get(year, []):
                fields = {"text": "Helped a customer", **spec}
                created = dt.datetime.combine(fields["date"], dt.time(10, 0),
                                              tzinfo=dt.UTC)
                year_file.entries.append(Entry(id=year_file.allocate(), created=created, **fields))
            if year in off_by_year:
                year_file.days_off = list(off_by_year[year])
    return journal
