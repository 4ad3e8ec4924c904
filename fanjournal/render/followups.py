"""Follow-ups on screen: what is due, a customer's plan, and the lines `add` and `status`
print."""

import datetime as dt
import json
from collections.abc import Sequence

from fanjournal.followups import Due, Plan, Touchpoint
from fanjournal.i18n import _, ngettext


def when(due: dt.date, today: dt.date) -> str:
    """today / tomorrow / 3 days late / in 5 days."""
    days = (due - today).days
    if days == 0:
        return _("today")
    if days == 1:
        return _("tomorrow")
    if days == -1:
        return _("1 day late")
    if days < 0:
        return _("{n} days late").format(n=-days)
    return ngettext("in {n} day", "in {n} days", days).format(n=days)


def status_text(touchpoint: Touchpoint, today: dt.date) -> str:
    if touchpoint.done:
        return _("done {date}").format(date=touchpoint.done.isoformat())
    if touchpoint.skipped:
        return _("skipped {date}").format(date=touchpoint.skipped.isoformat())
    if touchpoint.due <= today:
        return _("due") + " (" + when(touchpoint.due, today) + ")"
    return _("planned")


def planned_line(plan: Plan, today: dt.date) -> str:
    """What `fan add --new-customer` and `fan follow-up plan` print."""
    first = plan.next_due
    last_day = max(t.day for t in plan.touchpoints)
    line = ngettext(
        "Planned {n} follow-up for {customer} over the first {days} days.",
        "Planned {n} follow-ups for {customer} over the first {days} days.",
        len(plan.touchpoints)).format(n=len(plan.touchpoints), customer=plan.customer,
                                       days=last_day)
    if first is not None:
        line += " " + _("The first, {id}, is due {date} ({when}): see fan due.").format(
            id=first.id, date=first.due.isoformat(), when=when(first.due, today))
    return line


def due_line(count: int) -> str | None:
    """One line for `fan status` (None when nothing is due)."""
    if not count:
        return None
    return ngettext("{n} follow-up due: see fan due", "{n} follow-ups due: see fan due",
                    count).format(n=count)


def due_json(items: Sequence[Due]) -> str:
    return json.dumps([{**d.touchpoint.to_json(), "days_late": d.days_late} for d in items],
                      ensure_ascii=False, indent=2) + "\n"


def plans_json(plans: Sequence[Plan]) -> str:
    return json.dumps([{"customer": p.customer, "start": p.start.isoformat(), "entry": p.entry,
                        "touchpoints": [t.to_json() for t in p.touchpoints]} for p in plans],
                      ensure_ascii=False, indent=2) + "\n"


def print_due(items: Sequence[Due], today: dt.date) -> None:
    from rich.table import Table
    from rich.text import Text

    from fanjournal.render.console import console

    out = console()
    table = Table(box=None, header_style="bold", pad_edge=False)
    table.add_column(_("id"), no_wrap=True, style="dim")
    table.add_column(_("when"), no_wrap=True)
    table.add_column(_("customer"), max_width=16)
    table.add_column(_("day"), justify="right")
    table.add_column(_("what to do"), ratio=1, min_width=24)
    for item in items:
        touchpoint = item.touchpoint
        style = "red" if item.days_late > 0 else "bold" if item.days_late == 0 else "dim"
        table.add_row(touchpoint.id, Text(when(touchpoint.due, today), style=style),
                      Text(touchpoint.customer), str(touchpoint.day),
                      Text(touchpoint.suggestion))
    out.print(table)
    out.print(Text(_("Done one? fan follow-up done ID (add --log to log it as a fan)."),
                   style="dim"))


def print_plans(plans: Sequence[Plan], today: dt.date) -> None:
    from rich.table import Table
    from rich.text import Text

    from fanjournal.render.console import console

    out = console()
    for index, plan in enumerate(plans):
        if index:
            out.print()
        heading = Text(plan.customer, style="bold green")
        heading.append(" — " + _("first day {date}").format(date=plan.start.isoformat()),
                       style="bold")
        if plan.entry:
            heading.append("  " + _("(fan {id})").format(id=plan.entry), style="dim")
        out.print(heading)
        table = Table(box=None, header_style="bold", pad_edge=False)
        table.add_column(_("id"), no_wrap=True, style="dim")
        table.add_column(_("day"), justify="right")
        table.add_column(_("due"), no_wrap=True)
        table.add_column(_("status"), no_wrap=True)
        table.add_column(_("what to do"), ratio=1, min_width=24)
        for touchpoint in plan.touchpoints:
            status = status_text(touchpoint, today)
            style = ("dim" if not touchpoint.is_open
                     else "red" if touchpoint.due < today
                     else "bold" if touchpoint.due == today else "")
            action = Text(touchpoint.suggestion, style="dim" if not touchpoint.is_open else "")
            table.add_row(touchpoint.id, str(touchpoint.day), touchpoint.due.isoformat(),
                          Text(status, style=style), action)
        out.print(table)


def print_due_line(count: int) -> None:
    """The line `fan status` adds when follow-ups are due (nothing otherwise)."""
    from rich.text import Text

    from fanjournal.render.console import console

    line = due_line(count)
    if line:
        console().print(Text("\n" + line, style="bold yellow"))
