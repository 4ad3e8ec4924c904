"""Commands that look back and ahead: status, report, and off (days off)."""

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from fanjournal.cli.base import (
    app,
    check_format,
    format_option,
    journal,
    settings,
    stdout_is_terminal,
    today,
)
from fanjournal.cli.options import (
    BARE,
    FromOpt,
    MonthOpt,
    PeriodCommand,
    ToOpt,
    WeekOpt,
    YearOpt,
    check_one_period,
    chosen_period,
)
from fanjournal.errors import FanError
from fanjournal.i18n import _, ngettext

if TYPE_CHECKING:
    from fanjournal.budget import Spent
    from fanjournal.dates import Period, Span

PANEL = _("Review")
MAX_OFF_RANGE = 366
MAX_REASON = 200


@app.command(rich_help_panel=PANEL, help=_(
    "Today at a glance: fans today, the streak, this week and the year's pace.") + "\n\n" + _(
    "The streak counts working days with a fan; with none yet today it is at risk. The year "
    "bar marks where you should be by now. [bold]fan status --prompt[/bold] prints a short "
    "segment for a shell prompt."))
def status(
    fmt: Annotated[str, format_option("rich", "json", help=_("rich or json."))] = "rich",
    prompt: Annotated[bool, typer.Option(
        "--prompt", help=_("Print one short plain segment for a shell prompt theme, such as "
                           "★3 12/300 (streak, ! when at risk today, fans this year / target)."))
    ] = False,
) -> None:
    from fanjournal.render import report as render
    from fanjournal.usecases import review

    if prompt:
        if fmt != "rich":
            raise FanError.usage(_("--prompt prints its own plain segment; leave out --format"))
        glance = review.glance(journal(), settings(), today())
        typer.echo(render.prompt_segment(glance), nl=stdout_is_terminal())
        return
    check_format(fmt, render.STATUS_FORMATS)
    config = settings()
    view = review.status_view(journal(), config, today())
    if fmt == "json":
        typer.echo(render.as_json({**render.status_data(view.status),
                                   "budget": view.spent.to_json(),
                                   "follow_ups_due": view.due}), nl=False)
    else:
        render.print_status(view.status)
        _print_budget_and_due(view.spent, config.currency, view.due, month=True)


def _print_budget_and_due(spent: "Spent", currency: str, due: int | None, month: bool) -> None:
    from fanjournal.render import budget as render_budget
    from fanjournal.render import followups as render_followups

    if render_budget.worth_showing(spent):
        render_budget.print_block(spent, currency, render_budget.status_heading(spent) if month
                                  else render_budget.report_heading())
    if due is not None:
        render_followups.print_due_line(due)


@app.command(cls=PeriodCommand, rich_help_panel=PANEL, help=_(
    "The weekly review; also a month, a year or any range.") + "\n\n" + _(
    "Fans per day, moments, peaks and golden stories, streak, pace, and the change against "
    "the period before; the year adds a calendar heatmap. Examples: [bold]fan report --week "
    "last[/bold], [bold]fan report --month[/bold], [bold]fan report --year 2025[/bold], "
    "[bold]fan report 2026-W47[/bold]."))
def report(
    period: Annotated[str | None, typer.Argument(
        help=_("2026-W47, 2026-11, 2026, this, last, or a date (the week holding it; the month "
               "or year with --month or --year alone)."),
        show_default=False)] = None,
    week: WeekOpt = None,
    month: MonthOpt = None,
    year: YearOpt = None,
    from_: FromOpt = None,
    to: ToOpt = None,
    fmt: Annotated[str, format_option("rich", "json", "markdown", "csv",
                                      help=_("rich, json, markdown or csv."))] = "rich",
    export: Annotated[Path | None, typer.Option(
        "--export", help=_("Save the rich view to FILE.html or FILE.svg to share or print."),
        dir_okay=False, show_default=False)] = None,
) -> None:
    from fanjournal.dates import parse_period
    from fanjournal.render import report as render

    check_format(fmt, render.REPORT_FORMATS)
    if export is not None:
        if export.suffix.lower() not in render.EXPORT_SUFFIXES:
            raise FanError.usage(_("--export saves .html or .svg, not {name!r}").format(
                name=export.name))
        if fmt != "rich":
            raise FanError.usage(_("--export saves the rich view; leave out --format"))
    config, now = settings(), today()
    week_start = config.week_start
    chosen: Period | Span
    if period is None:
        chosen = chosen_period(week, month, year, from_, to, week_start) or \
            parse_period(None, "week", now, week_start)
    else:
        chosen = _named_period(period, {"week": week, "month": month, "year": year,
                                        "from": from_, "to": to}, week_start)
    from fanjournal.render import budget as render_budget
    from fanjournal.usecases import review

    view = review.report_view(journal(), config, chosen, now)
    found, spent = view.report, view.spent
    shown = render_budget.worth_showing(spent)
    if export is not None:
        render.export_report(found, export, render_budget.block_renderables(
            spent, config.currency, render_budget.report_heading()) if shown else ())
        typer.echo(_("Saved {label} to {path}").format(label=found.period.label, path=export))
    elif fmt == "json":
        typer.echo(render.as_json({**render.report_data(found), "budget": spent.to_json()}),
                   nl=False)
    elif fmt == "csv":
        typer.echo(render.report_csv(found, render_budget.csv_rows(spent) if shown else ()),
                   nl=False)
    elif fmt == "markdown":
        markdown = render.report_markdown(found)
        if shown:
            markdown += f"\n## {render_budget.report_heading()}\n\n" + \
                render_budget.summary_markdown(spent, config.currency)
        typer.echo(markdown, nl=False)
    else:
        render.print_report(found)
        _print_budget_and_due(spent, config.currency, None, month=False)


def _named_period(text: str, options: dict[str, str | None], week_start: int) -> "Period":
    """`fan report PERIOD`: the period it names; --week, --month or --year alone picks the
    kind of period a date means."""
    from fanjournal.dates import parse_period

    check_one_period(*options.values())
    given = next(((name, value) for name, value in options.items() if value is not None), None)
    if given is not None and (given[1] != BARE or given[0] in ("from", "to")):
        raise FanError.usage(_("{period!r} and --{option} both choose the period; leave out "
                               "one").format(period=text, option=given[0]))
    return parse_period(text, given[0] if given else None, today(), week_start)


def _date_span(text: str) -> tuple[dt.date, dt.date, bool]:
    """DATE or DATE..DATE → (first, last, is_range)."""
    from fanjournal.dates import parse_date  # refuses dates outside 1900–2999 itself

    first, sep, last = text.partition("..")
    start = parse_date(first, today())
    if not sep:
        return start, start, False
    end = parse_date(last, today())
    if end < start:
        raise FanError.usage(_("the range {text!r} ends before it starts").format(text=text))
    if (end - start).days + 1 > MAX_OFF_RANGE:
        raise FanError.usage(_("a range of days off can span at most {n} days").format(
            n=MAX_OFF_RANGE))
    return start, end, True


def _reason(text: str | None) -> str:
    reason = " ".join((text or "").split())
    if text is not None and "\n" in text.strip():
        raise FanError.usage(_("the reason must be one line"))
    if len(reason) > MAX_REASON:
        raise FanError.usage(_("the reason is longer than {n} characters").format(n=MAX_REASON))
    return reason


@app.command(rich_help_panel=PANEL, help=_(
    "Record days off (holiday, sick, training), list or remove them.") + "\n\n" + _(
    "Days off neither break nor extend a streak, and the pace expects no fans on them. "
    "Example: [bold]fan off 2026-12-24..2027-01-04 --reason \"Christmas holiday\"[/bold]."))
def off(
    when: Annotated[str | None, typer.Argument(
        help=_("A day or a range: 2026-12-24, friday, 2026-12-24..2027-01-04."),
        show_default=False)] = None,
    reason: Annotated[str | None, typer.Option(
        "--reason", "-r", help=_("Why: holiday, sick, training …"))] = None,
    list_: Annotated[bool, typer.Option(
        "--list", "-l", help=_("List the days off (also what fan off alone does)."))] = False,
    rm: Annotated[str | None, typer.Option(
        "--rm", help=_("Remove the day off on this date (or range)."), show_default=False)
    ] = None,
    fmt: Annotated[str, format_option("rich", "json",
                                      help=_("With --list: rich or json."))] = "rich",
) -> None:
    from fanjournal.render import report as render

    if rm is not None and when is not None:
        raise FanError.usage(_("give the date to remove after --rm only"))
    if (list_ or rm is not None) and reason is not None:
        raise FanError.usage(_("--reason goes with a date to record"))
    if list_ and (when is not None or rm is not None):
        raise FanError.usage(_("--list takes no date"))
    if fmt != "rich" and (when is not None or rm is not None):
        raise FanError.usage(_("--format goes with --list"))
    check_format(fmt, render.STATUS_FORMATS)
    if rm is not None:
        _remove_days_off(rm)
    elif when is not None:
        _record_days_off(when, _reason(reason))
    elif reason is not None:
        raise FanError.usage(_("give the date the reason is for: fan off DATE --reason TEXT"))
    else:
        _list_days_off(fmt)


def _record_days_off(when: str, reason: str) -> None:
    from fanjournal import workdays
    from fanjournal.render.report import span_label
    from fanjournal.usecases import review

    start, end, is_range = _date_span(when)
    config = settings()
    chosen = [day for day in workdays.days(start, end)
              if not is_range or day.weekday() in config.workdays]
    skipped = (end - start).days + 1 - len(chosen)
    if not chosen:
        raise FanError(_("{span} has no working weekdays; nothing to record").format(
            span=span_label(start, end)), 1)
    added, changed = review.record_days_off(journal(),
                                            [workdays.DayOff(day, reason) for day in chosen])
    span = span_label(start, end)
    if added:
        message = ngettext("Recorded {n} day off: {span}.", "Recorded {n} days off: {span}.",
                           len(added)).format(n=len(added), span=span)
    elif changed:
        message = ngettext("Changed the reason of {n} day off: {span}.",
                           "Changed the reason of {n} days off: {span}.",
                           len(changed)).format(n=len(changed), span=span)
    else:
        message = _("Already recorded: {span}.").format(span=span)
    if added and changed:
        message += " " + ngettext("Changed the reason of {n} more.",
                                  "Changed the reason of {n} more.",
                                  len(changed)).format(n=len(changed))
    if skipped:
        message += " " + ngettext("Skipped {n} day that is not a working weekday.",
                                  "Skipped {n} days that are not working weekdays.",
                                  skipped).format(n=skipped)
    elif not is_range and start.weekday() not in config.workdays:
        message += " " + _("(It is not one of your working weekdays anyway.)")
    typer.echo(message)


def _remove_days_off(when: str) -> None:
    from fanjournal import workdays
    from fanjournal.render.report import span_label
    from fanjournal.usecases import review

    start, end, _is_range = _date_span(when)
    removed = review.remove_days_off(journal(), list(workdays.days(start, end)))
    span = span_label(start, end)
    if not removed:
        raise FanError(_("no day off recorded on {span}; see fan off --list").format(span=span))
    typer.echo(ngettext("Removed {n} day off: {span}.", "Removed {n} days off: {span}.",
                        len(removed)).format(n=len(removed), span=span))


def _list_days_off(fmt: str) -> None:
    from fanjournal.render import report as render
    from fanjournal.usecases import review

    config, now = settings(), today()
    runs, holidays = review.days_off_view(journal(), config, now)
    if fmt == "json":
        typer.echo(render.as_json(render.days_off_data(runs, holidays)), nl=False)
    else:
        render.print_days_off(runs, holidays, config.holidays, now.year)
