"""The first 100 days of a new customer: the schedule, the planned touchpoints and what is due.

Most new customers who leave do so in their first 100 days, for lack of attention after the
sale (DOMAIN.md, Joey Coleman). When a fan is made for a new customer, `plan` lays out one
touchpoint per day of the schedule (config `follow_up_days`, default 1, 3, 14, 30, 60, 100),
each with a suggested action for its phase of the customer's journey: thank them, reassure them
their choice was right (Affirm), check in, help them settle, celebrate what they achieved, and
only from day 100 ask for their story or a referral — never earlier.

Storage: a plan lives as `[[follow_up]]` tables in the year file of its *start* date, one table
per touchpoint, even when later touchpoints fall in the next year. Ids name that year
(`2026-F007`), so `fan follow-up done` opens one file. Touchpoints are marked done or skipped,
never removed, so an id is never handed out twice. A touchpoint's due date is the start plus its
day number, moved to the next working day when that is a weekend, day off or holiday.

The functions at the top are pure; those at the bottom take the Journal and change it only
through `Journal.change`.
"""

import datetime as dt
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from fanjournal.errors import FanError
from fanjournal.i18n import _
from fanjournal.model import RecordError, id_number, match_id, parse_id, stored_date

if TYPE_CHECKING:
    from fanjournal.workdays import Calendar

SECTION = "follow_up"
MAX_DAY = 366  # config follow_up_days is capped here, so a plan spans at most two years

# The journey after the sale (Coleman: Affirm, Activate, Acclimate, Accomplish, Adopt,
# Advocate), as the phase a touchpoint's day number falls in: (last day of the phase, phase).
PHASES: tuple[tuple[int, str], ...] = (
    (1, "thank"),
    (7, "affirm"),
    (21, "activate"),
    (45, "acclimate"),
    (99, "accomplish"),
    (MAX_DAY, "advocate"),
)


def phase_for(day: int) -> str:
    """The phase of the first 100 days that day `day` after the start belongs to."""
    for last, phase in PHASES:
        if day <= last:
            return phase
    return PHASES[-1][1]


def suggested_action(phase: str) -> str:
    """The default suggestion for a phase, in the configured language."""
    actions = {
        "thank": _("Thank them for choosing you: a handwritten card by post beats an email."),
        "affirm": _("Reassure them their choice was right: call and ask how the start went."),
        "activate": _("Check in: are they getting what they came for? Fix any small thing "
                      "before they have to ask."),
        "acclimate": _("Help them settle in: share a tip they have not found yet, or introduce "
                       "the person who can help."),
        "accomplish": _("Celebrate what they achieved with you so far, with something personal."),
        "advocate": _("Day 100: ask for their story or a referral, and thank them whatever "
                      "they say."),
    }
    return actions.get(phase, phase)


def phase_label(phase: str) -> str:
    labels = {
        "thank": _("thank you"),
        "affirm": _("reassure"),
        "activate": _("check in"),
        "acclimate": _("settle in"),
        "accomplish": _("celebrate"),
        "advocate": _("story or referral"),
    }
    return labels.get(phase, phase)


@dataclass(frozen=True)
class Step:
    """One line of the schedule: on day `day` after the start, do `action` (None: the phase's
    suggestion, in whatever language is in force when it is shown)."""

    day: int
    action: str | None = None

    @property
    def phase(self) -> str:
        return phase_for(self.day)


def schedule(days: Iterable[int], actions: dict[str, str] | None = None) -> tuple[Step, ...]:
    """The schedule from config `follow_up_days` and `follow_up_actions` (day -> own text)."""
    chosen = sorted(set(days))
    own = {int(day): text for day, text in (actions or {}).items()}
    unknown = sorted(set(own) - set(chosen))
    if unknown:
        raise FanError(_(
            "config follow_up_actions has an action for day {days}, which is not in "
            "follow_up_days ({schedule}); add the day there or remove the action"
        ).format(days=", ".join(map(str, unknown)), schedule=", ".join(map(str, chosen))))
    return tuple(Step(day, own.get(day)) for day in chosen)


@dataclass(frozen=True)
class Touchpoint:
    """One planned follow-up of a new customer."""

    id: str
    customer: str
    start: dt.date
    day: int
    due: dt.date
    action: str | None = None  # your own text; None means the phase's suggestion
    entry: str | None = None  # the fan that started the plan
    done: dt.date | None = None
    skipped: dt.date | None = None
    logged: str | None = None  # the fan logged when it was done (`done --log`)
    extra: dict[str, Any] = field(default_factory=dict, compare=False)

    @property
    def phase(self) -> str:
        return phase_for(self.day)

    @property
    def is_open(self) -> bool:
        return self.done is None and self.skipped is None

    @property
    def suggestion(self) -> str:
        return self.action or suggested_action(self.phase)

    def to_record(self) -> dict[str, Any]:
        record: dict[str, Any] = {"id": self.id, "customer": self.customer, "start": self.start,
                                  "day": self.day, "due": self.due}
        if self.action:
            record["action"] = self.action
        if self.entry:
            record["entry"] = self.entry
        if self.done:
            record["done"] = self.done
        if self.skipped:
            record["skipped"] = self.skipped
        if self.logged:
            record["logged"] = self.logged
        for key, value in self.extra.items():
            record.setdefault(key, value)
        return record

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id, "customer": self.customer, "start": self.start.isoformat(),
            "day": self.day, "due": self.due.isoformat(), "phase": self.phase,
            "action": self.suggestion, "entry": self.entry,
            "done": self.done.isoformat() if self.done else None,
            "skipped": self.skipped.isoformat() if self.skipped else None,
            "logged": self.logged,
        }


def due_date(start: dt.date, day: int, calendar: "Calendar | None" = None) -> dt.date:
    """Start + day, moved on to the next working day (never earlier) when a calendar is given."""
    due = start + dt.timedelta(days=day)
    if calendar is not None:
        for _step in range(MAX_DAY):
            if calendar.is_working(due):
                break
            due += dt.timedelta(days=1)
    return due


def plan(customer: str, start: dt.date, steps: Sequence[Step], new_id: Callable[[], str],
         calendar: "Calendar | None" = None, entry_id: str | None = None) -> list[Touchpoint]:
    """The touchpoints of a new customer's first days, each with an id from `new_id()`."""
    customer = customer.strip()
    if not customer:
        raise FanError.usage(_("a follow-up plan needs the customer's name"))
    if not steps:
        raise FanError(_("config follow_up_days is empty: there is nothing to plan"))
    return [
        Touchpoint(id=new_id(), customer=customer, start=start,
                   day=step.day, due=due_date(start, step.day, calendar), action=step.action,
                   entry=entry_id)
        for step in steps
    ]


def _optional_date(record: dict[str, Any], name: str) -> dt.date | None:
    return stored_date(record[name], name) if record.get(name) is not None else None


def _text(record: dict[str, Any], name: str, required: bool = False) -> str | None:
    value = record.get(name)
    if value is None and not required:
        return None
    if not isinstance(value, str) or not value.strip():
        raise RecordError(name, _("expected text") if value is not None else _("missing"))
    return value


def touchpoints_from(sections: dict[str, Any], where: str) -> list[Touchpoint]:
    """The `[[follow_up]]` tables of one year file, validated."""
    records = sections.get(SECTION, [])
    if not isinstance(records, list):
        raise FanError(_("{file}: 'follow_up' must be a list of tables").format(file=where))
    found: list[Touchpoint] = []
    seen: set[str] = set()
    for index, record in enumerate(records):
        try:
            touchpoint = _touchpoint(record)
        except RecordError as error:
            raise FanError(_("{file}: follow-up {n}, field '{field}': {problem}").format(
                file=where, n=index + 1, field=error.field, problem=error)) from None
        if touchpoint.id in seen:
            raise FanError(_("{file}: follow-up id {id} is used twice").format(
                file=where, id=touchpoint.id))
        seen.add(touchpoint.id)
        found.append(touchpoint)
    return found


_FIELDS = {"id", "customer", "start", "day", "due", "action", "entry", "done", "skipped",
           "logged"}  # a touchpoint's own keys; any other is kept as found


def _touchpoint(record: Any) -> Touchpoint:
    """One `[[follow_up]]` table as a Touchpoint; RecordError names the field that is wrong."""
    if not isinstance(record, dict):
        raise RecordError("follow_up", _("expected a table of fields"))
    raw_id = record.get("id")
    if not isinstance(raw_id, str) or match_id(raw_id, "follow_up") is None:
        raise RecordError("id", _("expected an id such as 2026-F007"))
    day = record.get("day")
    if isinstance(day, bool) or not isinstance(day, int) or not 0 <= day <= MAX_DAY:
        raise RecordError("day", _("expected a whole number from 0 to 366"))
    for name in ("start", "due"):
        if name not in record:
            raise RecordError(name, _("missing"))
    return Touchpoint(
        id=parse_id(raw_id, "follow_up"),
        customer=(_text(record, "customer", required=True) or "").strip(),
        start=stored_date(record["start"], "start"),
        day=day,
        due=stored_date(record["due"], "due"),
        action=_text(record, "action"),
        entry=_text(record, "entry"),
        done=_optional_date(record, "done"),
        skipped=_optional_date(record, "skipped"),
        logged=_text(record, "logged"),
        extra={k: v for k, v in record.items() if k not in _FIELDS},
    )


@dataclass(frozen=True)
class Plan:
    """One customer's touchpoints from one start date, in day order."""

    customer: str
    start: dt.date
    touchpoints: tuple[Touchpoint, ...]

    @property
    def entry(self) -> str | None:
        return self.touchpoints[0].entry if self.touchpoints else None

    @property
    def open(self) -> tuple[Touchpoint, ...]:
        return tuple(t for t in self.touchpoints if t.is_open)

    @property
    def next_due(self) -> Touchpoint | None:
        return min(self.open, key=lambda t: (t.due, t.day), default=None)


def plans(touchpoints: Iterable[Touchpoint]) -> list[Plan]:
    """Touchpoints grouped by customer and start date, oldest plan first."""
    groups: dict[tuple[str, dt.date], list[Touchpoint]] = {}
    for touchpoint in touchpoints:
        groups.setdefault((touchpoint.customer.casefold(), touchpoint.start), []).append(
            touchpoint)
    found = [Plan(items[0].customer, items[0].start,
                  tuple(sorted(items, key=lambda t: (t.day, id_number(t.id)))))
             for items in groups.values()]
    return sorted(found, key=lambda p: (p.start, p.customer.casefold()))


def for_customer(touchpoints: Iterable[Touchpoint], customer: str) -> list[Touchpoint]:
    """The touchpoints of one customer: the exact name, else every name containing it."""
    wanted = customer.strip().casefold()
    items = list(touchpoints)
    exact = [t for t in items if t.customer.casefold() == wanted]
    return exact or [t for t in items if wanted in t.customer.casefold()]


@dataclass(frozen=True)
class Due:
    touchpoint: Touchpoint
    days_late: int  # 0 due today, > 0 overdue, < 0 coming up


def due(touchpoints: Iterable[Touchpoint], today: dt.date, ahead: int = 0) -> list[Due]:
    """Open touchpoints due by today (overdue ones included), or within `ahead` more days."""
    horizon = today + dt.timedelta(days=ahead)
    return [Due(t, (today - t.due).days)
            for t in sorted(touchpoints, key=lambda t: (t.due, t.id))
            if t.is_open and t.due <= horizon]


def years_to_read(today: dt.date) -> range:
    """The year files that can hold a touchpoint due by `today`: a plan is stored in its start
    year and lasts at most MAX_DAY days, so last year's and this year's."""
    return range(today.year - 1, today.year + 1)


def check_open(touchpoint: Touchpoint) -> None:
    if touchpoint.done is not None:
        raise FanError(_("{id} was already done on {date}").format(
            id=touchpoint.id, date=touchpoint.done.isoformat()))
    if touchpoint.skipped is not None:
        raise FanError(_("{id} was skipped on {date}").format(
            id=touchpoint.id, date=touchpoint.skipped.isoformat()))
