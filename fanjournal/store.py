"""The journal folder on disk — the only module that reads or writes it.

One file per calendar year (`2026.toml`, or `2026.json` with config `format = "json"`), each
starting with `schema_version`, then the id counters (`next_number`, `nps_next`,
`follow_up_next`: a removed id is never handed out again), keys of a newer fan, the `[[off]]`,
`[[nps]]` and `[[follow_up]]` tables and one `[[fan]]` table per entry. A year is read as a typed
`YearFile`, validated as a whole.

Every change runs under an exclusive lock, re-reads its years inside it, writes a temp file in the
same folder, fsyncs it, keeps the previous version as `<file>.bak` and moves the new one in place
with `os.replace`; a change of two years that fails halfway puts the first back. A file that does
not parse or validate is never written over.
"""

from __future__ import annotations

import copy
import datetime as dt
import fcntl
import json
import os
import re
import time
import tomllib
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any

from fanjournal.errors import FanError
from fanjournal.files import FILE_MODE, atomic_write, ensure_dir, read_bytes
from fanjournal.i18n import _
from fanjournal.model import (
    FIELD_NAMES,
    ID_KINDS,
    Entry,
    RecordError,
    entry_from_record,
    id_number,
    id_year,
    make_id,
    match_id,
)

if TYPE_CHECKING:  # imported when a year's records are read: `fan add` needs none of them
    from fanjournal.followups import Touchpoint
    from fanjournal.nps import Answer
    from fanjournal.workdays import DayOff

LOCK_TIMEOUT = 15.0
YEAR_FILE = re.compile(r"^(\d{4})\.(toml|json)$")
CACHE_VERSION = 4


# --- schema migrations: a file is upgraded in memory when read, and written in the newest
# version on its next save (after keeping the original as `<file>.v<N>.bak`).


def v1_to_v2(document: dict[str, Any]) -> dict[str, Any]:
    """Schema 2 adds stories, NPS and follow-ups to a year file.

    New in version 2: an entry's `quote` (what the customer said), `[[nps]]` survey answers and
    `[[follow_up]]` touchpoints of new customers' first 100 days (see nps.py and followups.py).
    Those are additions a version 1 file cannot hold, so nothing needs converting there. What is
    converted: an entry `cost` typed by hand as a TOML or JSON number (`cost = 12.5`) becomes the
    exact decimal string version 2 always stores (`cost = "12.5"`), so money never passes
    through a float again.
    """
    records = document.get("fan")
    if isinstance(records, list):
        for record in records:
            if not isinstance(record, dict):
                continue
            cost = record.get("cost")
            if isinstance(cost, int | float) and not isinstance(cost, bool):
                # str() of a float is its shortest round-trip form: 12.5, not 12.4999…
                record["cost"] = str(Decimal(str(cost)))
    document["schema_version"] = 2
    return document


# Named, ordered migrations: MIGRATIONS[i] turns a version i+1 file into version i+2.
MIGRATIONS: list[Callable[[dict[str, Any]], dict[str, Any]]] = [v1_to_v2]
SCHEMA_VERSION = 1 + len(MIGRATIONS)


# --- files


def backup_path(path: Path) -> Path:
    return path.with_name(path.name + ".bak")


# --- the year file


# The sections a year file holds besides its `[[fan]]` entries, each read into its own frozen
# dataclass by its domain module's validator; any other top-level key is kept as found.
COUNTER_KEYS = {ID_KINDS[kind][1]: kind for kind in ID_KINDS}  # next_number -> fan, ...
RECORD_KEYS = ("off", "nps", "follow_up")
OWN_KEYS = {"schema_version", "fan", *COUNTER_KEYS, *RECORD_KEYS}


@dataclass(frozen=True)
class Records:
    """A year's days off, survey answers and follow-up touchpoints, validated."""

    days_off: tuple[DayOff, ...] = ()
    answers: tuple[Answer, ...] = ()
    touchpoints: tuple[Touchpoint, ...] = ()


def _records(sections: dict[str, Any], where: str) -> Records:
    """The validated records of a year's sections; a module is imported only for a kind the
    year holds (most years have no survey answers: the prompt need not load the NPS code)."""
    days_off: tuple[DayOff, ...] = ()
    answers: tuple[Answer, ...] = ()
    touchpoints: tuple[Touchpoint, ...] = ()
    if "off" in sections:
        from fanjournal.workdays import days_off_from

        days_off = tuple(days_off_from(sections, where))
    if "nps" in sections:
        from fanjournal.nps import answers_from

        answers = tuple(answers_from(sections, where))
    if "follow_up" in sections:
        from fanjournal.followups import touchpoints_from

        touchpoints = tuple(touchpoints_from(sections, where))
    return Records(days_off, answers, touchpoints)


@dataclass
class YearFile:
    """One year of the journal as loaded: typed records, id counters and unknown keys kept."""

    year: int
    path: Path
    entries: list[Entry] = field(default_factory=list)
    days_off: list[DayOff] = field(default_factory=list)
    answers: list[Answer] = field(default_factory=list)
    touchpoints: list[Touchpoint] = field(default_factory=list)
    counters: dict[str, int] = field(default_factory=dict)  # kind -> next number
    extra: dict[str, Any] = field(default_factory=dict)  # keys of a newer fan, as found
    version: int = SCHEMA_VERSION
    raw: bytes | None = None  # the bytes it was parsed from (None: new, or read from the cache)
    ids_assigned: bool = False  # entries without an id were given one that is not yet written

    @property
    def next_number(self) -> int:
        return self.counters.get("fan", 1)

    def allocate(self, kind: str = "fan") -> str:
        """A new id of `kind` ("fan", "nps", "follow_up"): one past the counter and every id of
        that kind in the file, so no id is ever handed out twice."""
        number = self.counters.get(kind, 1)
        self.counters[kind] = number + 1
        return make_id(self.year, number, kind)

    def index_of(self, entry_id: str) -> int:
        for index, entry in enumerate(self.entries):
            if entry.id == entry_id:
                return index
        raise FanError(_("no entry with id {id}").format(id=entry_id))

    def records(self) -> Records:
        return Records(tuple(self.days_off), tuple(self.answers), tuple(self.touchpoints))

    def sections(self) -> dict[str, Any]:
        """Everything but the entries and the schema version, as stored."""
        document: dict[str, Any] = {key: self.counters.get(kind, 1)
                                    for key, kind in COUNTER_KEYS.items()
                                    if kind == "fan" or self.counters.get(kind, 1) > 1}
        document.update(self.extra)
        for key, items in (("off", self.days_off), ("nps", self.answers),
                           ("follow_up", self.touchpoints)):
            if items:
                document[key] = [item.to_record() for item in items]
        return document

    def state(self) -> tuple[Any, ...]:
        """What a change is judged by (entries by identity: cheap on a big year)."""
        return (list(map(id, self.entries)), self.records(), dict(self.counters),
                copy.deepcopy(self.extra))

    def fill(self, sections: dict[str, Any], where: str) -> None:
        """Take the validated records, counters and unknown keys of `sections`."""
        try:
            records = _records(sections, where)
        except FanError as error:  # a broken [[off]], [[nps]] or [[follow_up]] table
            raise FanError(f"{error.message}. {_restore_hint(Path(where))}") from None
        self.days_off, self.answers = list(records.days_off), list(records.answers)
        self.touchpoints = list(records.touchpoints)
        for key, kind in COUNTER_KEYS.items():
            value = sections.get(key, 1)
            if not _counts(value):
                raise _broken(Path(where), _("{key} must be a whole number above 0").format(
                    key=key))
            # the fans' counter was set from their ids by the caller (_parse: each entry read
            # once; the cache: its own copy), so only the other kinds' ids are looked at here
            ids = {"fan": [], "nps": [a.id or "" for a in self.answers],
                   "follow_up": [t.id for t in self.touchpoints]}[kind]
            used = max((id_number(i) for i in ids if id_year(i) == self.year), default=0)
            self.counters[kind] = max(value, used + 1, self.counters.get(kind, 1))
        self.extra = {k: v for k, v in sections.items() if k not in OWN_KEYS}


@dataclass(frozen=True)
class YearSummary:
    """What status, streaks and the prompt need of a year, without the entries' text."""

    year: int
    fan_days: dict[dt.date, int]  # date -> number of fans that day
    records: Records  # days off, survey answers, follow-ups
    money_days: dict[dt.date, Decimal] = field(default_factory=dict)  # days with a cost
    minutes_days: dict[dt.date, int] = field(default_factory=dict)  # days with minutes


def _count_day(days: dict[str, list[Any]], entry: Entry) -> None:
    """Add `entry` to the per-day totals kept in the cache: [fans, money, minutes]."""
    fans, money, minutes = days.get(entry.date.isoformat(), (0, "0", 0))
    if entry.cost:
        money = str(Decimal(money) + entry.cost)
    days[entry.date.isoformat()] = [fans + 1, money, minutes + (entry.minutes or 0)]


def _summary_from_days(year: int, days: dict[str, list[Any]], records: Records) -> YearSummary:
    summary = YearSummary(year, {}, records)
    for text, (fans, money, minutes) in days.items():
        day = dt.date.fromisoformat(text)
        summary.fan_days[day] = int(fans)
        if money != "0":
            summary.money_days[day] = Decimal(money)
        if minutes:
            summary.minutes_days[day] = int(minutes)
    return summary


def _json_default(value: Any) -> Any:
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    raise TypeError(f"cannot store {type(value).__name__} in JSON")


def _dumps(year_file: YearFile) -> bytes:
    document: dict[str, Any] = {"schema_version": SCHEMA_VERSION, **year_file.sections()}
    if year_file.entries or year_file.path.suffix == ".json":
        # TOML: no `fan = []` for a year without fans, so a later `[[fan]]` may follow
        document["fan"] = [entry.to_record() for entry in year_file.entries]
    if year_file.path.suffix == ".json":
        text = json.dumps(document, default=_json_default, ensure_ascii=False, indent=2)
        return (text + "\n").encode()
    import tomli_w

    return tomli_w.dumps(document).encode()


def _entry_line(text: str, index: int) -> int | None:
    """The line of the index-th `[[fan]]` header in a TOML file (for error messages)."""
    seen = -1
    for number, line in enumerate(text.split("\n"), start=1):
        if line.strip() == "[[fan]]":
            seen += 1
            if seen == index:
                return number
    return None


def _restore_hint(path: Path) -> str:
    backup = backup_path(path)
    if backup.exists():
        return _("The journal was not changed. Fix the file, or restore the last good version "
                 "with: cp '{backup}' '{path}'").format(backup=backup, path=path)
    return _("The journal was not changed. Fix the file by hand and try again.")


def _broken(path: Path, problem: str) -> FanError:
    return FanError(f"{path}: {problem}. {_restore_hint(path)}", code=1)


def _parse(path: Path, data: bytes, year: int) -> YearFile:
    text, document = _document(path, data)
    version, document = _migrated(path, document)
    records, next_number = _fan_records(path, document, year)
    year_file = YearFile(year=year, path=path, version=version, raw=data)
    year_file.counters["fan"] = next_number
    _read_entries(year_file, records, text)
    year_file.fill(document, str(path))  # days off, answers, follow-ups: validated whole
    return year_file


def _document(path: Path, data: bytes) -> tuple[str, dict[str, Any]]:
    """The file's text and what it holds: TOML, or JSON for a .json file."""
    try:
        text = data.decode("utf-8-sig")  # a byte order mark from a Windows editor is fine
    except UnicodeDecodeError:
        raise _broken(path, _("not UTF-8 text")) from None
    try:
        if path.suffix == ".json":
            document = json.loads(text)
            if not isinstance(document, dict):
                raise _broken(path, _("expected a JSON object at the top"))
        else:
            document = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise _broken(path, _("not valid TOML ({error})").format(error=error)) from None
    except json.JSONDecodeError as error:
        raise _broken(path, _("not valid JSON (line {line}, column {col}: {msg})").format(
            line=error.lineno, col=error.colno, msg=error.msg)) from None
    return text, document


def _counts(value: Any) -> bool:
    """Whether `value` is a whole number above 0 (not a bool), as versions and counters are."""
    return isinstance(value, int) and not isinstance(value, bool) and value >= 1


def _migrated(path: Path, document: dict[str, Any]) -> tuple[int, dict[str, Any]]:
    """The schema version the file was written in, and its document in today's schema."""
    version = document.get("schema_version", 1)
    if not _counts(version):
        raise _broken(path, _("schema_version must be a whole number"))
    if version > SCHEMA_VERSION:
        raise FanError(_(
            "{path} has schema_version {found}, but this fan knows up to {known}: it was written "
            "by a newer fan. Upgrade fan (pip install -U fanjournal); the file was not changed."
        ).format(path=path, found=version, known=SCHEMA_VERSION))
    for migrate in MIGRATIONS[version - 1:]:
        document = migrate(document)
    return version, document


def _fan_records(path: Path, document: dict[str, Any], year: int) -> tuple[list[Any], int]:
    """The entry records and the next fan number: next_number, but past every fan id of `year`
    already written."""
    next_number = document.get("next_number", 1)
    if not _counts(next_number):
        raise _broken(path, _("next_number must be a whole number above 0"))
    records = document.get("fan", [])
    if not isinstance(records, list):
        raise _broken(path, _("'fan' must be a list of entries"))
    written = [r.get("id") for r in records if isinstance(r, dict)]
    used = max((id_number(i) for i in written
                if isinstance(i, str) and match_id(i) and id_year(i) == year), default=0)
    return records, max(next_number, used + 1)


def _read_entries(year_file: YearFile, records: list[Any], text: str) -> None:
    """Validate the entry records into `year_file`, refusing an id used twice."""
    seen: set[str] = set()
    for index, record in enumerate(records):
        if isinstance(record, dict) and "id" not in record:
            # an entry added by hand without an id gets the next one, written on the next save
            record = {"id": year_file.allocate(), **record}
            year_file.ids_assigned = True
        try:
            entry = entry_from_record(record)
        except RecordError as error:
            raise _broken(year_file.path, _("{where}, field '{field}': {problem}").format(
                where=_entry_where(year_file.path, text, index), field=error.field,
                problem=error)) from None
        if entry.id in seen:
            raise _broken(year_file.path, _("id {id} is used twice").format(id=entry.id))
        seen.add(entry.id)
        year_file.entries.append(entry)


def _entry_where(path: Path, text: str, index: int) -> str:
    """Which entry a message is about: its number, and in a TOML file its line."""
    line = _entry_line(text, index) if path.suffix == ".toml" else None
    if line is None:
        return _("entry {n}").format(n=index + 1)
    return _("entry {n} (line {line})").format(n=index + 1, line=line)


class Journal:
    """The journal folder: per-year files, read lazily, changed only under the lock."""

    def __init__(self, root: Path, fmt: str = "toml") -> None:
        self.root = root
        self.fmt = fmt
        self._loaded: dict[int, YearFile] = {}  # years read by this command, parsed once
        self._summaries: dict[int, YearSummary] = {}

    # reading

    def years(self) -> list[int]:
        try:
            names = os.listdir(self.root)
        except FileNotFoundError:
            return []
        except OSError as error:
            raise FanError(_("cannot read {path}: {error}").format(
                path=self.root, error=error.strerror)) from None
        return sorted({int(m.group(1)) for m in map(YEAR_FILE.match, names) if m})

    def path_for(self, year: int) -> Path:
        toml_path = self.root / f"{year}.toml"
        json_path = self.root / f"{year}.json"
        toml_exists, json_exists = toml_path.exists(), json_path.exists()
        if toml_exists and json_exists:
            raise FanError(_("both {a} and {b} exist; keep one of them (fan reads one file per "
                             "year)").format(a=toml_path, b=json_path))
        if toml_exists:
            return toml_path
        if json_exists:
            return json_path
        return json_path if self.fmt == "json" else toml_path

    def load(self, year: int) -> YearFile:
        """One year as it is on disk (parsed once per Journal; use `change` to modify)."""
        if year not in self._loaded:
            self._loaded[year] = self._read_cached(year) or self._read(year)
        return self._loaded[year]

    def _read(self, year: int) -> YearFile:
        """Parse and validate the year file itself, and refresh its cache."""
        path = self.path_for(year)
        before = _signature(path)
        data = read_bytes(path)
        if data is None:
            return YearFile(year=year, path=path)
        year_file = _parse(path, data, year)
        # Only a file that did not change while it was read (a reader holds no lock) and whose
        # every entry has its id written down may be mirrored by the cache.
        if before is not None and before[0] == len(data) and _signature(path) == before \
                and not year_file.ids_assigned:
            self._write_cache(year_file, before)
        return year_file

    # The cache mirrors year files already validated, so `fan add` and the daily views cost the
    # same after ten years as on day one:
    #   .cache/<year>.days.json     signature of the year file (size, mtime, inode), schema
    #                               version, next_number, entry count, fans per day, sections
    #   .cache/<year>.entries.jsonl one entry per line, appended to by `fan add`
    # Any mismatch or damage is ignored and the year file is parsed again: the cache is never
    # the source of truth, and nothing in it is ever written back into the journal.

    def _cache_path(self, year: int, name: str) -> Path:
        return self.root / ".cache" / f"{year}.{name}"

    def _head(self, year: int) -> dict[str, Any] | None:
        """The year's cached head, if it still describes the file on disk."""
        signature = _signature(self.path_for(year))
        if signature is None:
            return None
        try:
            head = json.loads(self._cache_path(year, "days.json").read_bytes())
        except (OSError, ValueError):
            return None
        if not isinstance(head, dict) or head.get("cache") != CACHE_VERSION \
                or head.get("signature") != signature:
            return None
        return head

    def _cached_lines(self, year: int, head: dict[str, Any]) -> list[bytes] | None:
        try:
            lines = self._cache_path(year, "entries.jsonl").read_bytes().splitlines()
        except OSError:
            return None
        return lines if len(lines) == head.get("count") else None

    def _cached_entries(self, year: int, head: dict[str, Any], start: dt.date | None = None,
                        end: dt.date | None = None) -> list[Entry] | None:
        """The year's entries within [start, end] from the cache described by `head`, parsing
        only those lines (see `Layout.cache_line_date`). None when it is damaged."""
        lines = self._cached_lines(year, head)
        if lines is None:
            return None
        low = start.isoformat().encode() if start else b""
        high = end.isoformat().encode() if end else b"9999"
        try:
            return [_entry_from_cache(json.loads(line)) for line in lines
                    if low <= Layout.cache_line_date(line) <= high]
        except (KeyError, TypeError, ValueError, ArithmeticError):
            return None

    def _read_cached(self, year: int) -> YearFile | None:
        head = self._head(year)
        entries = self._cached_entries(year, head) if head is not None else None
        if head is None or entries is None:
            return None
        path = self.path_for(year)
        try:
            year_file = YearFile(year=year, path=path, entries=entries, version=head["version"],
                                 counters={"fan": int(head["next_number"])})
            year_file.fill(head["sections"], str(path))
        except (KeyError, TypeError, ValueError, AttributeError):
            return None
        return year_file

    def _write_head(self, year: int, head: dict[str, Any], signature: list[int] | None) -> None:
        if signature is None:
            return
        head = {**head, "cache": CACHE_VERSION, "signature": signature}
        text = json.dumps(head, default=_json_default, ensure_ascii=False, separators=(",", ":"))
        atomic_write(self._cache_path(year, "days.json"), text.encode(), durable=False)

    def _write_cache(self, year_file: YearFile, signature: list[int] | None) -> None:
        """Mirror `year_file`, as read from the file whose signature is given."""
        try:
            days: dict[str, list[Any]] = {}
            for entry in year_file.entries:
                _count_day(days, entry)
            lines = "".join(_cache_line(entry) for entry in year_file.entries)
            ensure_dir(self.root / ".cache")
            atomic_write(self._cache_path(year_file.year, "entries.jsonl"), lines.encode(),
                         durable=False)
            self._write_head(year_file.year, {
                "version": year_file.version, "next_number": year_file.next_number,
                "count": len(year_file.entries), "days": days,
                "sections": year_file.sections()}, signature)
        except (FanError, TypeError, ValueError):
            # a value JSON cannot hold exactly (a time, a date among unknown keys): no cache
            # for this year, which only costs speed
            self._forget_cache(year_file.year)

    def _forget_cache(self, year: int) -> None:
        try:
            self._cache_path(year, "days.json").unlink()
        except OSError:
            pass

    def summary(self, year: int) -> YearSummary:
        """Fans, money and minutes per day and the other sections of one year, from the cache
        when it is current (cheap: use it for counts and sums)."""
        if year not in self._summaries:
            self._summaries[year] = self._summary(year)
        return self._summaries[year]

    def _summary(self, year: int) -> YearSummary:
        if year not in self._loaded:
            cached = self._head(year)
            if cached is not None:
                try:
                    records = _records(cached["sections"], str(self.path_for(year)))
                    return _summary_from_days(year, cached["days"], records)
                except (KeyError, TypeError, ValueError, AttributeError, ArithmeticError):
                    pass
        year_file = self.load(year)
        days: dict[str, list[Any]] = {}
        for entry in year_file.entries:
            _count_day(days, entry)
        return _summary_from_days(year, days, year_file.records())

    def entries(self, start: dt.date | None = None, end: dt.date | None = None) -> list[Entry]:
        """Entries dated within [start, end], reading only the years that range touches."""
        found: list[Entry] = []
        for year in self.years():
            if (start and year < start.year) or (end and year > end.year):
                continue
            found.extend(entry for entry in self._entries_of(year, start, end)
                         if _within(entry.date, start, end))
        found.sort(key=sort_key)
        return found

    def _entries_of(self, year: int, start: dt.date | None, end: dt.date | None) -> list[Entry]:
        """The entries of `year` to look through for [start, end]: for part of a year that is
        not loaded yet, only that part's lines of the cache when the cache is current."""
        whole = (start is None or start <= dt.date(year, 1, 1)) \
            and (end is None or end >= dt.date(year, 12, 31))
        head = None if whole or year in self._loaded else self._head(year)
        # a week of a big year: parse only that week's lines of the cache
        part = None if head is None else self._cached_entries(year, head, start, end)
        return self.load(year).entries if part is None else part

    def recent(self, keep: Callable[[Entry], bool], limit: int,
               end: dt.date | None = None) -> list[Entry]:
        """The newest `limit` entries that pass `keep`, reading years newest first."""
        found: list[Entry] = []
        for year in reversed(self.years()):
            if end and year > end.year:
                continue
            matching = [e for e in self.load(year).entries
                        if keep(e) and (end is None or e.date <= end)]
            found.extend(matching)
            if len(found) >= limit:
                break
        found.sort(key=sort_key)
        return found[-limit:] if limit else []

    # changing

    @contextmanager
    def lock(self) -> Iterator[None]:
        self._summaries.clear()  # what is read under the lock is read afresh
        ensure_dir(self.root)
        lock_path = self.root / ".lock"
        try:
            fd = os.open(lock_path, os.O_RDWR | os.O_CREAT, FILE_MODE)
        except OSError as error:
            raise FanError(_("cannot open the lock file {path}: {error}").format(
                path=lock_path, error=error.strerror)) from None
        try:
            deadline = time.monotonic() + LOCK_TIMEOUT
            while True:
                try:
                    fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                    break
                except BlockingIOError:
                    if time.monotonic() > deadline:
                        raise FanError(_("the journal is busy: another fan command has held "
                                         "{path} for {n} seconds").format(
                                             path=lock_path, n=int(LOCK_TIMEOUT))) from None
                    time.sleep(0.005)
            yield
        finally:
            os.close(fd)  # closing releases the lock
            self._summaries.clear()  # the change may have made them stale

    @contextmanager
    def change(self, year: int) -> Iterator[YearFile]:
        """Lock, re-read `year`, let the caller change it, then save it if it changed."""
        with self.change_years(year) as year_files:
            yield year_files[year]

    @contextmanager
    def change_years(self, *years: int) -> Iterator[dict[int, YearFile]]:
        """One change to one or more years, all or nothing: under one lock, every year is read
        afresh and validated; when the caller is done, each changed year is written. If a write
        fails, the years already written get their earlier bytes back."""
        with self.lock():
            year_files: dict[int, YearFile] = {}
            for year in dict.fromkeys(years):
                self._loaded.pop(year, None)
                year_files[year] = self._read(year)
            before = {year: year_file.state() for year, year_file in year_files.items()}
            yield year_files
            changed = [year_file for year, year_file in year_files.items()
                       if year_file.state() != before[year] and not _empty(year_file)]
            documents = [(year_file, year_file.raw, _dumps(year_file)) for year_file in changed]
            written: list[tuple[YearFile, bytes | None]] = []
            try:
                for year_file, raw, data in documents:
                    self._save(year_file, data)
                    written.append((year_file, raw))
            except BaseException:
                for year_file, raw in reversed(written):
                    _undo(year_file.path, raw)
                    self._forget_cache(year_file.year)
                raise
            for year_file in changed:
                self._write_cache(year_file, _signature(year_file.path))
            self._loaded.update(year_files)

    def append(self, year: int, make: Callable[[str], Entry]) -> tuple[Entry, int]:
        """Add one entry, made by `make(new_id)`; returns it and the number of fans that day.

        The common case touches neither the year's other entries nor a TOML parser: the id
        counter and the day counts come from the cache, and the new table is appended to the
        file's text. Anything unusual (no cache, an older schema, a file edited by hand) takes
        the full path: parse, validate, write whole.
        """
        with self.lock():
            self._loaded.pop(year, None)
            head = self._head(year)
            path = self.path_for(year)
            raw = read_bytes(path) if head is not None else None
            if head is not None and raw is not None and head.get("version") == SCHEMA_VERSION:
                number = head["next_number"]
                entry = make(make_id(year, number))
                data = None if Layout.id_is_taken(raw, entry.id) \
                    else _appended(raw, path.suffix, entry, number + 1)
                if data is not None:
                    self._save(YearFile(year=year, path=path, raw=raw), data)
                    _count_day(head["days"], entry)
                    head.update(next_number=number + 1, count=head["count"] + 1)
                    try:
                        with self._cache_path(year, "entries.jsonl").open("a") as cache:
                            cache.write(_cache_line(entry))
                        self._write_head(year, head, _signature(path))
                    except (OSError, FanError, TypeError, ValueError):
                        pass  # the next read notices and parses the file again
                    return entry, head["days"][entry.date.isoformat()][0]
            year_file = self._read(year)
            entry = make(year_file.allocate())
            year_file.entries.append(entry)
            self._save(year_file, _dumps(year_file))
            self._write_cache(year_file, _signature(year_file.path))
            return entry, sum(1 for e in year_file.entries if e.date == entry.date)

    def _save(self, year_file: YearFile, data: bytes) -> None:
        path = year_file.path
        if year_file.raw is not None:
            if year_file.version < SCHEMA_VERSION:
                old = path.with_name(f"{path.name}.v{year_file.version}.bak")
                if not old.exists():
                    atomic_write(old, year_file.raw)
            _keep_backup(path, year_file.raw)
        atomic_write(path, data)
        year_file.raw = data
        year_file.version = SCHEMA_VERSION


def _empty(year_file: YearFile) -> bool:
    """A year with no file and nothing in it: nothing to write."""
    return year_file.raw is None and not (year_file.entries or year_file.days_off
                                          or year_file.answers or year_file.touchpoints
                                          or year_file.extra)


def _undo(path: Path, raw: bytes | None) -> None:
    """Put back a year file written by a change that failed as a whole."""
    try:
        if raw is None:
            path.unlink(missing_ok=True)
        else:
            atomic_write(path, raw)
    except (OSError, FanError):
        pass  # its .bak holds the earlier version; the error that stopped the change is shown


def _keep_backup(path: Path, raw: bytes) -> None:
    """Make the file about to be replaced `<file>.bak`: a second name for it (no copy, nothing
    to fsync), or where links are not possible, a copy of the bytes it was read from."""
    backup = backup_path(path)
    link = backup.with_name(f".{backup.name}.{os.getpid()}.tmp")
    try:
        os.link(path, link)
        os.chmod(link, FILE_MODE)  # the replaced file becomes the backup: private, like all
        os.replace(link, backup)
        return
    except OSError:
        try:
            link.unlink()
        except OSError:
            pass
    atomic_write(backup, raw)


def _signature(path: Path) -> list[int] | None:
    try:
        stat = path.stat()
    except OSError:
        return None
    return [stat.st_size, stat.st_mtime_ns, stat.st_ino]


# --- the text layout: what the cache and `fan add`'s append path assume about the bytes of a
# year file and a cache line. Each assumption holds for what `_dumps` and `_cache_line` write
# (tests/test_store_layout.py checks each one against them, and the Hypothesis state machine runs
# every add through this path); a file that breaks one, say edited by hand, takes the full path:
# parse, validate, write whole. Nothing here is needed to read a journal correctly.


class Layout:
    """The assumptions about the text, in one place."""

    # TOML: the file starts with the two lines tomli_w writes first, the counter the second (so
    # no hand-written multi-line string above it can hold a look-alike line)…
    TOML_START = re.compile(rb"\Aschema_version = \d+\nnext_number = (\d+)\n")
    # …and its header (everything before the first line starting with "[") is TOML without a
    # `fan` key in any spelling (`fan = [...]`, `"f\u0061n" = …`, `fan.x = …`): then the fans
    # are [[fan]] tables, and one more can be appended at the end
    # JSON, indented by two as `_dumps` writes it: the same two lines first, "fan" the last key,
    # a list that is not empty, closed by the file's last three lines
    JSON_START = re.compile(rb'\A\{\n  "schema_version": \d+,\n  "next_number": (\d+),\n')
    JSON_ENDING = b"\n  ]\n}\n"
    # a cache line starts with the entry's date: `{"date":"2026-11-20",…`
    CACHE_DATE = slice(len(b'{"date":"'), len(b'{"date":"') + len(b"2026-11-20"))

    @staticmethod
    def cache_line_date(line: bytes) -> bytes:
        """The ISO date a cache line starts with, as bytes (compared without parsing JSON)."""
        return line[Layout.CACHE_DATE]

    @staticmethod
    def id_is_taken(raw: bytes, entry_id: str) -> bool:
        """Whether `entry_id` appears quoted anywhere in the file: the cache's counter is a copy,
        so it is checked against the file itself (a false alarm only takes the full path)."""
        return f'"{entry_id}"'.encode() in raw

    @staticmethod
    def toml_counter(raw: bytes) -> re.Match[bytes] | None:
        """The counter of a TOML year whose layout takes an appended [[fan]] table, else None."""
        start = Layout.TOML_START.match(raw)
        if start is None:
            return None
        end = raw.find(b"\n[")
        try:
            header = tomllib.loads((raw[:end] if end >= 0 else raw).decode("utf-8"))
        except (UnicodeDecodeError, tomllib.TOMLDecodeError):
            return None  # the header ends inside a string, say: not ours to splice
        return start if "fan" not in header else None

    @staticmethod
    def json_counter(raw: bytes) -> re.Match[bytes] | None:
        """The counter of a JSON year whose layout takes one more entry at the end, else None.
        The whole file is parsed to be sure "fan" is the list that closes it (JSON years are
        the rarer choice; this is still a fraction of validating every entry)."""
        start = Layout.JSON_START.match(raw)
        if start is None or not raw.endswith(Layout.JSON_ENDING):
            return None
        try:
            document = json.loads(raw)
        except ValueError:
            return None
        fans = document.get("fan") if isinstance(document, dict) else None
        return start if list(document)[-1:] == ["fan"] and isinstance(fans, list) and fans \
            else None


def _cache_line(entry: Entry) -> str:
    record = {"date": entry.date.isoformat(), **entry.to_json()}  # first: Layout.CACHE_DATE
    if entry.extra:
        json.dumps(entry.extra)  # a date or time among unknown keys: TypeError, no cache
        record["extra"] = entry.extra
    return json.dumps(record, default=_json_default, ensure_ascii=False,
                      separators=(",", ":")) + "\n"


def _appended(raw: bytes, suffix: str, entry: Entry, next_number: int) -> bytes | None:
    """The file's text with `entry` added at the end, or None if its layout is not ours."""
    if suffix == ".toml":
        counter = Layout.toml_counter(raw)
        if counter is None:
            return None
        import tomli_w

        body = raw if raw.endswith(b"\n") else raw + b"\n"
        added = b"\n" + tomli_w.dumps({"fan": [entry.to_record()]}).encode()
    else:
        counter = Layout.json_counter(raw)
        if counter is None:
            return None
        record = json.dumps(entry.to_record(), default=_json_default, ensure_ascii=False,
                            indent=2)
        indented = "\n".join("    " + line for line in record.split("\n")).encode()
        body = raw[: -len(Layout.JSON_ENDING)]
        added = b",\n" + indented + Layout.JSON_ENDING
    return body[:counter.start(1)] + str(next_number).encode() + body[counter.end(1):] + added


_CACHE_FIELDS = {*FIELD_NAMES, "extra"}


def _entry_from_cache(record: dict[str, Any]) -> Entry:
    values = dict(record)
    values["date"] = dt.date.fromisoformat(values["date"])
    values["created"] = dt.datetime.fromisoformat(values["created"])
    values["tags"] = tuple(values.get("tags") or ())
    if values.get("cost") is not None:
        values["cost"] = Decimal(values["cost"])
    unknown = set(values) - _CACHE_FIELDS
    if unknown:
        raise ValueError(f"cache has unknown fields {unknown}")
    return Entry(**values)


def _within(day: dt.date, start: dt.date | None, end: dt.date | None) -> bool:
    """Whether `day` lies in [start, end]; None leaves that side open."""
    return (start is None or day >= start) and (end is None or day <= end)


def sort_key(entry: Entry) -> tuple[dt.date, dt.datetime, int]:
    return (entry.date, entry.created, id_number(entry.id))
