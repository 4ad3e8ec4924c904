"""New customers' first 100 days: their follow-up plans, what is due, done and skipped."""

import datetime as dt
from collections.abc import Iterable
from dataclasses import replace

from fanjournal import followups
from fanjournal.config import Settings
from fanjournal.errors import FanError
from fanjournal.followups import Plan, Step, Touchpoint
from fanjournal.i18n import _
from fanjournal.model import Entry, parse_id
from fanjournal.store import Journal, YearFile
from fanjournal.usecases.calendar import calendar_for


def schedule(settings: Settings) -> tuple[Step, ...]:
    return followups.schedule(settings.follow_up_days, settings.follow_up_actions)


def touchpoints(journal: Journal, years: Iterable[int] | None = None) -> list[Touchpoint]:
    """The touchpoints stored in `years` (default: every year of the journal)."""
    present = set(journal.years())
    chosen = present if years is None else present & set(years)
    return [t for year in sorted(chosen) for t in journal.summary(year).records.touchpoints]


def plans(journal: Journal, today: dt.date, customer: str | None = None,
          everything: bool = False) -> list[Plan]:
    """`fan follow-up list`: the running plans of this year and last, or one customer's (part of
    the name will do), or with `everything` every plan of every year, finished ones included."""
    years = None if everything else [y for y in journal.years() if y >= today.year - 1]
    found = touchpoints(journal, years)
    if customer:
        found = followups.for_customer(found, customer)
    chosen = followups.plans(found)
    return chosen if everything or customer else [p for p in chosen if p.open]


def due(journal: Journal, today: dt.date, ahead: int = 0) -> list[followups.Due]:
    """What is due by today (and in the next `ahead` days)."""
    years = [y for y in journal.years() if y >= today.year - 1] if ahead \
        else followups.years_to_read(today)
    return followups.due(touchpoints(journal, years), today, ahead)


def due_count(journal: Journal, today: dt.date) -> int:
    """How many touchpoints are due today or overdue: reads at most two year files."""
    return len(followups.due(touchpoints(journal, followups.years_to_read(today)), today))


def next_due_dates(journal: Journal, today: dt.date) -> list[dt.date]:
    """The due dates of every open touchpoint from today's view, earliest first: a state file
    can hold these and count what is due on a later day without running fan."""
    years = range(today.year - 1, today.year + 2)  # next year too: plans that start there
    return sorted(t.due for t in touchpoints(journal, years) if t.is_open)


def check_no_open_plan(journal: Journal, customer: str, start: dt.date) -> None:
    """Refuse a second running plan for the same customer (FanError)."""
    years = [y for y in journal.years() if y >= start.year - 1]
    wanted = customer.strip().casefold()
    for running in followups.plans(touchpoints(journal, years)):
        if running.customer.casefold() == wanted and running.open:
            raise FanError(_(
                "{customer} already has a follow-up plan that started on {start}; see it with "
                "fan follow-up list \"{customer}\", or skip its open touchpoints first"
            ).format(customer=running.customer, start=running.start.isoformat()))


def plan_into(year_file: YearFile, journal: Journal, settings: Settings, steps: tuple[Step, ...],
              customer: str, start: dt.date, entry_id: str | None = None) -> Plan:
    """Plan a new customer's touchpoints into `year_file` (their start year), inside a change."""
    calendar = calendar_for(journal, settings, start,
                            start + dt.timedelta(days=max(s.day for s in steps) + 31))
    planned = followups.plan(customer, start, steps, lambda: year_file.allocate("follow_up"),
                             calendar, entry_id)
    year_file.touchpoints += planned
    return Plan(planned[0].customer, start, tuple(planned))


def plan(journal: Journal, settings: Settings, customer: str, start: dt.date) -> Plan:
    """`fan follow-up plan`: plan and store a new customer's touchpoints."""
    steps = schedule(settings)
    check_no_open_plan(journal, customer, start)
    with journal.change(start.year) as year_file:
        return plan_into(year_file, journal, settings, steps, customer, start)


def find(journal: Journal, touchpoint_id: str) -> Touchpoint:
    wanted = parse_id(touchpoint_id, "follow_up")
    for touchpoint in touchpoints(journal, [int(wanted[:4])]):
        if touchpoint.id == wanted:
            return touchpoint
    raise FanError(_("no follow-up with id {id} (see fan due or fan follow-up list)").format(
        id=wanted))


def _close_in(year_file: YearFile, wanted: str, on: dt.date, skip: bool,
              logged: str | None) -> Touchpoint:
    index = next((i for i, t in enumerate(year_file.touchpoints) if t.id == wanted), None)
    if index is None:
        raise FanError(_("no follow-up with id {id} (see fan due or fan follow-up list)")
                       .format(id=wanted))
    touchpoint = year_file.touchpoints[index]
    followups.check_open(touchpoint)
    changed = (replace(touchpoint, skipped=on) if skip
               else replace(touchpoint, done=on, logged=logged or touchpoint.logged))
    year_file.touchpoints[index] = changed
    return changed


def done(journal: Journal, touchpoint_id: str, on: dt.date, *, log: bool = False,
         text: str | None = None, now: dt.datetime | None = None
         ) -> tuple[Touchpoint, Entry | None]:
    """`fan follow-up done`: close one touchpoint; with `log`, also log it as a fan (its text
    `text`, else the follow-up itself), both in one change."""
    from fanjournal.model import parse_text

    touchpoint = find(journal, touchpoint_id)
    followups.check_open(touchpoint)
    fan = None
    if log:
        said = text if text is not None else _(
            "Follow-up for {customer}, day {day} of their first 100 days: {action}").format(
            day=touchpoint.day, customer=touchpoint.customer,
            action=followups.phase_label(touchpoint.phase))
        fan = Entry(id="", date=on, created=now or dt.datetime.now().astimezone(),
                    text=parse_text(said), customer=touchpoint.customer, tags=("follow-up",))
    return close(journal, touchpoint.id, on, log=fan)


def close(journal: Journal, touchpoint_id: str, on: dt.date, *, skip: bool = False,
          log: Entry | None = None) -> tuple[Touchpoint, Entry | None]:
    """Mark one touchpoint done (or skipped) on `on`; with `log`, also add that fan (its id is
    given here) — both in one change, or neither. FanError if the touchpoint is not open."""
    wanted = parse_id(touchpoint_id, "follow_up")
    years = [int(wanted[:4])] + ([log.date.year] if log is not None else [])
    with journal.change_years(*years) as year_files:
        logged = None
        if log is not None:
            entry_file = year_files[log.date.year]
            logged = replace(log, id=entry_file.allocate())
            entry_file.entries.append(logged)
        done = _close_in(year_files[years[0]], wanted, on, skip,
                         logged.id if logged is not None else None)
    return done, logged
