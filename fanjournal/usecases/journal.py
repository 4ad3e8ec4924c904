"""The journal's entries: add (with a new customer's plan), find, select, edit and remove."""

from dataclasses import dataclass, replace
from typing import Any

from fanjournal import model
from fanjournal.config import Settings
from fanjournal.entries import Filter
from fanjournal.errors import FanError
from fanjournal.followups import Plan
from fanjournal.i18n import _
from fanjournal.model import Entry
from fanjournal.store import Journal
from fanjournal.usecases import followups


@dataclass(frozen=True)
class Added:
    entry: Entry
    fans_that_day: int
    plan: Plan | None = None


def add(journal: Journal, settings: Settings, entry: Entry, *,
        new_customer: bool = False) -> Added:
    """Add `entry` (its id is given here). With `new_customer`, plan the customer's follow-ups
    in the same change: the fan and its plan are saved together, or neither is."""
    if not new_customer:
        def make(entry_id: str) -> Entry:
            return replace(entry, id=entry_id)

        added, same_day = journal.append(entry.date.year, make)
        return Added(added, same_day)
    customer = entry.customer or ""
    if not customer.strip():
        raise FanError.usage(_("--new-customer needs --customer: whose first 100 days to plan?"))
    steps = followups.schedule(settings)
    followups.check_no_open_plan(journal, customer, entry.date)
    with journal.change(entry.date.year) as year_file:
        added = replace(entry, id=year_file.allocate())
        year_file.entries.append(added)
        plan = followups.plan_into(year_file, journal, settings, steps, customer, entry.date,
                                 entry_id=added.id)
        same_day = sum(1 for e in year_file.entries if e.date == added.date)
    return Added(added, same_day, plan)


def find(journal: Journal, entry_id: str) -> Entry:
    wanted = model.parse_id(entry_id)
    year_file = journal.load(model.id_year(wanted))
    return year_file.entries[year_file.index_of(entry_id.strip())]


def select(journal: Journal, where: Filter, limit: int | None = None) -> list[Entry]:
    """Matching entries in date order; with `limit`, only the newest that many."""
    if limit is not None:
        if limit <= 0:
            return []
        if where.start is None:
            return journal.recent(where.matches, limit, end=where.end)
        return [e for e in journal.entries(where.start, where.end) if where.matches(e)][-limit:]
    return [e for e in journal.entries(where.start, where.end) if where.matches(e)]


def update(journal: Journal, entry_id: str, changes: dict[str, Any],
           expected: Entry | None = None) -> Entry:
    """Apply `changes` to one entry under the lock. With `expected`, refuse if it changed."""
    entry_id = entry_id.strip()
    year = model.id_year(model.parse_id(entry_id))
    new_date = changes.get("date")
    if new_date is not None and new_date.year != year:
        raise FanError.usage(_(
            "{id} belongs to {year}; to move it to {new}, add it again with --date and remove "
            "{id}").format(id=entry_id, year=year, new=new_date.year))
    with journal.change(year) as year_file:
        index = year_file.index_of(entry_id)
        current = year_file.entries[index]
        if expected is not None and current.to_record() != expected.to_record():
            raise FanError(_("{id} was changed by another command while you edited it; "
                             "nothing was saved, please try again").format(id=entry_id))
        updated = current.with_changes(**changes)
        year_file.entries[index] = updated
    return updated


def remove(journal: Journal, entry_id: str) -> Entry:
    entry_id = entry_id.strip()
    with journal.change(model.id_year(model.parse_id(entry_id))) as year_file:
        return year_file.entries.pop(year_file.index_of(entry_id))

