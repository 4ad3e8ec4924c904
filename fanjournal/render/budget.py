"""The fan budget on screen: money in its currency, spent against budget, a month in detail."""

import json
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from fanjournal.budget import Month, Spent
from fanjournal.i18n import _, language, ngettext

if TYPE_CHECKING:
    from rich.table import Table
    from rich.text import Text

    from fanjournal.dates import Period

SYMBOLS = {"EUR": "€", "USD": "$", "GBP": "£", "JPY": "¥", "INR": "₹"}


def money(amount: Decimal, currency: str) -> str:
    """€12.50 in English, € 12,50 in Dutch; other currencies by code (CHF 12.50)."""
    text = f"{abs(amount):,.2f}"
    if language() == "nl":
        text = text.replace(",", " ").replace(".", ",").replace(" ", ".")
    sign = "−" if amount < 0 else ""
    symbol = SYMBOLS.get(currency)
    if symbol:
        return f"{sign}{symbol} {text}" if language() == "nl" else f"{sign}{symbol}{text}"
    return f"{sign}{currency} {text}"


def minutes_text(minutes: int) -> str:
    """95 min -> 1 h 35 min."""
    hours, rest = divmod(minutes, 60)
    if hours and rest:
        return _("{h} h {m} min").format(h=hours, m=rest)
    if hours:
        return _("{h} h").format(h=hours)
    return _("{m} min").format(m=rest)


def money_line(spent: Spent, currency: str) -> str:
    """One plain line: "€42.50 of €100.00 spent, €57.50 left"."""
    if spent.money_budget is None:
        return _("{spent} spent (no money budget set)").format(
            spent=money(spent.money, currency))
    left = spent.money_left or Decimal(0)
    if left < 0:
        return _("{spent} of {budget} spent, {over} over budget").format(
            spent=money(spent.money, currency), budget=money(spent.money_budget, currency),
            over=money(-left, currency))
    return _("{spent} of {budget} spent, {left} left").format(
        spent=money(spent.money, currency), budget=money(spent.money_budget, currency),
        left=money(left, currency))


def minutes_line(spent: Spent) -> str:
    if spent.minutes_budget is None:
        return _("{spent} spent (no time budget set)").format(spent=minutes_text(spent.minutes))
    left = spent.minutes_left or 0
    if left < 0:
        return _("{spent} of {budget} spent, {over} over budget").format(
            spent=minutes_text(spent.minutes), budget=minutes_text(spent.minutes_budget),
            over=minutes_text(-left))
    return _("{spent} of {budget} spent, {left} left").format(
        spent=minutes_text(spent.minutes), budget=minutes_text(spent.minutes_budget),
        left=minutes_text(left))


def summary_lines(spent: Spent, currency: str) -> list[str]:
    """The budget in two short lines for `fan status` and `fan report` (plain text)."""
    return [_("Money: {line}").format(line=money_line(spent, currency)),
            _("Time: {line}").format(line=minutes_line(spent))]


def summary_markdown(spent: Spent, currency: str) -> str:
    from fanjournal.render.text import md

    return "\n".join(f"- {md(line)}" for line in summary_lines(spent, currency)) + "\n"


def _bar(used: Decimal | int, total: Decimal | int, width: int = 30) -> "Text":
    from rich.text import Text

    if not total:
        return Text("")
    share = min(Decimal(used) / Decimal(total), Decimal(1))
    filled = int((share * width).to_integral_value())
    over = used > total
    bar = Text("█" * filled, style="red" if over else "green")
    bar.append("░" * (width - filled), style="dim")
    return bar


def print_summary(spent: Spent, currency: str) -> None:
    """The budget block of `fan status` / `fan report`: two lines with bars."""
    from fanjournal.render.console import console

    console().print(summary_grid(spent, currency))


def summary_grid(spent: Spent, currency: str) -> Any:
    from rich.table import Table
    from rich.text import Text

    grid = Table.grid(padding=(0, 1))
    grid.add_column(no_wrap=True, style="bold")
    grid.add_column(no_wrap=True)
    grid.add_column()
    if spent.money_budget is not None:
        grid.add_row(_("Money"), _bar(spent.money, spent.money_budget, 20),
                     Text(money_line(spent, currency), style="red" if spent.over_money else ""))
    else:
        grid.add_row(_("Money"), "", Text(money_line(spent, currency)))
    if spent.minutes_budget is not None:
        grid.add_row(_("Time"), _bar(spent.minutes, spent.minutes_budget, 20),
                     Text(minutes_line(spent), style="red" if spent.over_minutes else ""))
    else:
        grid.add_row(_("Time"), "", Text(minutes_line(spent)))
    return grid


def as_json(month: Month, currency: str) -> str:
    return json.dumps({**month.to_json(), "currency": currency}, ensure_ascii=False,
                      indent=2) + "\n"


def period_json(spent: Spent, period: "Period", currency: str) -> str:
    """`fan budget` for a week, a year or a range: the sums, as JSON."""
    return json.dumps({"period": {"kind": period.kind, "label": period.label},
                       **spent.to_json(), "currency": currency},
                      ensure_ascii=False, indent=2) + "\n"


def print_period(spent: Spent, currency: str, period: "Period") -> None:
    """`fan budget` for a week, a year or a range: the sums against the budget shared out."""
    from rich.text import Text

    from fanjournal.render.console import console
    from fanjournal.render.report import period_title

    out = console()
    out.print(Text(_("Fan budget — {period}").format(period=period_title(period)), style="bold"))
    out.print()
    print_summary(spent, currency)
    out.print(Text(ngettext("{n} fan in this period", "{n} fans in this period",
                            spent.fans).format(n=spent.fans), style="dim"))
    if not spent.has_budget:
        out.print(Text(_("Set a budget with: fan config set budget_money_month 100 (and "
                         "budget_minutes_day 30)"), style="dim"))


def print_month(month: Month, currency: str, month_title: str) -> None:
    from rich.text import Text

    from fanjournal.render.console import console

    out = console()
    spent = month.spent
    out.print(Text(_("Fan budget — {month}").format(month=month_title), style="bold"))
    out.print()
    print_summary(spent, currency)
    out.print(Text(" · ".join(_month_facts(month, currency)), style="dim"))
    if not spent.has_budget:
        out.print(Text(_("Set a budget with: fan config set budget_money_month 100 (and "
                         "budget_minutes_day 30)"), style="dim"))
    if month.days:
        out.print()
        out.print(_days_table(month, currency))
    if month.costly:
        out.print()
        out.print(Text(_("What the money went to"), style="bold"))
        out.print(_costly_table(month, currency))
    if not spent.fans:
        out.print(Text(_("No fans logged this month yet."), style="dim"))


def _month_facts(month: Month, currency: str) -> list[str]:
    """The line under the summary: fans, those that cost money, the average and the projection."""
    spent = month.spent
    facts = [ngettext("{n} fan this month", "{n} fans this month", spent.fans).format(
        n=spent.fans)]
    if month.costly:
        facts.append(ngettext("{n} cost money", "{n} cost money", len(month.costly)).format(
            n=len(month.costly)))
        facts.append(_("{amount} on average").format(
            amount=money(month.average_cost or Decimal(0), currency)))
    if month.projected is not None and spent.money:
        facts.append(_("about {amount} by the end of the month at this rate").format(
            amount=money(month.projected, currency)))
    return facts


def _days_table(month: Month, currency: str) -> "Table":
    """The days with a cost or minutes; minutes over the daily budget in red."""
    from rich.table import Table
    from rich.text import Text

    table = Table(box=None, header_style="bold", pad_edge=False)
    table.add_column(_("date"), no_wrap=True)
    table.add_column(_("fans"), justify="right")
    table.add_column(_("money"), justify="right", no_wrap=True)
    table.add_column(_("time"), justify="right", no_wrap=True)
    for day in month.days:
        table.add_row(day.date.isoformat(), str(day.fans),
                      money(day.money, currency) if day.money else "",
                      Text(minutes_text(day.minutes) if day.minutes else "",
                           style="red" if day.over_minutes else ""))
    return table


def _costly_table(month: Month, currency: str) -> "Table":
    """The fans that cost money, most expensive first."""
    from rich.table import Table
    from rich.text import Text

    table = Table(box=None, header_style="bold", pad_edge=False)
    table.add_column(_("date"), no_wrap=True)
    table.add_column(_("customer"), max_width=18)
    table.add_column(_("what you did"), ratio=1, min_width=20)
    table.add_column(_("cost"), justify="right", no_wrap=True)
    for entry in month.costly:
        table.add_row(entry.date.isoformat(), Text(entry.customer or ""), Text(entry.text),
                      money(entry.cost or Decimal(0), currency))
    return table


def worth_showing(spent: Spent) -> bool:
    """Whether `fan status` / `fan report` should show the budget: one is set, or money or time
    was spent (a journal that never tracks either stays quiet)."""
    return spent.has_budget or bool(spent.money) or bool(spent.minutes)


def print_block(spent: Spent, currency: str, heading: str) -> None:
    """A heading and the two budget lines with bars, for `fan status` and `fan report`."""
    from fanjournal.render.console import console

    out = console()
    for part in block_renderables(spent, currency, heading):
        out.print(part)


def block_renderables(spent: Spent, currency: str, heading: str) -> list[Any]:
    """The budget block as Rich renderables (the report's --export adds them to its page)."""
    from rich.text import Text

    return [Text("\n" + heading, style="bold"), summary_grid(spent, currency)]


def csv_rows(spent: Spent) -> list[tuple[object, ...]]:
    """The budget as rows of the report's CSV: section, key, value, detail."""
    return [("budget", key, "" if value is None else value, "")
            for key, value in spent.to_json().items()]


def status_heading(spent: Spent) -> str:
    from fanjournal.render.names import month_title

    return _("Fan budget, {month}").format(
        month=month_title(spent.start))


def report_heading() -> str:
    return _("Fan budget")
