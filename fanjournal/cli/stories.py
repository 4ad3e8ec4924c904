"""Commands for stories and the customers behind them: wall, nps, budget, follow-up, due."""

from typing import TYPE_CHECKING, Annotated

import typer

from fanjournal.cli.base import (
    any_date,
    app,
    check_format,
    format_option,
    journal,
    past_date,
    settings,
    today,
)
from fanjournal.cli.options import (
    FromOpt,
    MonthOpt,
    PeriodCommand,
    PeriodGroup,
    ToOpt,
    WeekOpt,
    YearOpt,
    chosen_period,
)
from fanjournal.errors import FanError
from fanjournal.i18n import _, ngettext

if TYPE_CHECKING:
    from pathlib import Path

    from fanjournal.wall import Wall

PANEL = _("Stories and customers")

# --- fan wall


@app.command(
    cls=PeriodCommand,
    rich_help_panel=PANEL,
    help=_("The golden stories and peaks as cards, newest first: the compliments wall."),
)
def wall(
    week: WeekOpt = None,
    month: MonthOpt = None,
    year: YearOpt = None,
    from_: FromOpt = None,
    to: ToOpt = None,
    tag: Annotated[str | None, typer.Option("--tag", "-t", help=_("Only this tag."))] = None,
    customer: Annotated[
        str | None,
        typer.Option("--customer", "-c", help=_("Only this customer (part of the name will do).")),
    ] = None,
    gold: Annotated[bool, typer.Option("--gold", help=_("Only golden stories."))] = False,
    peak: Annotated[bool, typer.Option("--peak", help=_("Only peaks."))] = False,
    anonymize: Annotated[
        bool,
        typer.Option(
            "--anonymize",
            help=_(
                "Replace every customer name by Customer 1, 2, …, also inside "
                "the stories (for sharing)."
            ),
        ),
    ] = False,
    export: Annotated[
        str | None,
        typer.Option(
            "--export",
            "-o",
            help=_(
                "Write the wall to a file: wall.html (printable, one card per page) or wall.md."
            ),
            show_default=False,
        ),
    ] = None,
    fmt: Annotated[str, format_option(
        "cards", "html", "markdown", "json", help=_("cards, html, markdown or json (on stdout)."))
    ] = "cards",
) -> None:
    from pathlib import Path

    from fanjournal.render import wall as render
    from fanjournal.usecases import stories

    check_format(fmt, ("cards", "html", "markdown", "json"))
    target_format = None
    if export is not None:
        target_format = render.EXPORT_FORMATS.get(Path(export).suffix.lower())
        if target_format is None:
            raise FanError.usage(
                _("--export needs a file ending in .html or .md, not {file!r}").format(file=export),
            )
    span = chosen_period(week, month, year, from_, to)
    both = not (gold or peak)
    start, end = (span.start, span.end) if span else (None, None)
    result = stories.wall(journal(), start, end, customer=customer, tag=tag, gold=gold or both,
                          peak=peak or both, anonymize=anonymize)
    if export is not None and target_format is not None:
        _export_wall(result, Path(export).expanduser(), export, target_format)
    else:
        _print_wall(result, fmt)


def _export_wall(result: "Wall", path: "Path", typed: str, target_format: str) -> None:
    from fanjournal.files import atomic_write
    from fanjournal.render import wall as render

    if not result.stories:
        typer.echo(render.empty_message())
        typer.echo(_("Nothing was written to {file}.").format(file=typed))
        return
    if not path.parent.is_dir():
        raise FanError(
            _("there is no folder {folder} to write {file} in").format(
                folder=path.parent, file=path.name
            )
        )
    text = render.as_html(result) if target_format == "html" else render.as_markdown(result)
    atomic_write(path, text.encode())
    typer.echo(
        ngettext(
            "Wrote {n} story to {file}.", "Wrote {n} stories to {file}.", len(result.stories)
        ).format(n=len(result.stories), file=typed)
    )


def _print_wall(result: "Wall", fmt: str) -> None:
    from fanjournal.render import wall as render

    if fmt == "json":
        import json

        typer.echo(json.dumps(result.to_json(), ensure_ascii=False, indent=2))
    elif fmt == "html":
        typer.echo(render.as_html(result), nl=False)
    elif fmt == "markdown":
        typer.echo(render.as_markdown(result), nl=False)
    elif not result.stories:
        typer.echo(render.empty_message())
    else:
        render.print_cards(result)


# --- fan nps

nps_app = typer.Typer(
    cls=PeriodGroup,
    invoke_without_command=True,
    no_args_is_help=False,
    help=_(
        "Net Promoter Score: % promoters (9–10) − % detractors (0–6), for the last 12 months "
        "or the period you ask for, per month and per customer. Answers are fans' scores "
        "(fan add --score 9) and survey answers (fan nps add 9)."
    ),
)
app.add_typer(nps_app, name="nps", rich_help_panel=PANEL)


@nps_app.callback(
    help=_(
        "The NPS of the last 12 months (or the period you ask for), per month and per "
        "customer. Answers are the scores of fans (fan add --score 9) and survey answers "
        "(fan nps add 9)."
    )
)
def nps(
    ctx: typer.Context,
    week: WeekOpt = None,
    month: MonthOpt = None,
    year: YearOpt = None,
    from_: FromOpt = None,
    to: ToOpt = None,
    customer: Annotated[
        str | None,
        typer.Option("--customer", "-c", help=_("Only this customer (part of the name will do).")),
    ] = None,
    answers: Annotated[
        bool,
        typer.Option(
            "--answers", help=_("List every answer of the period (with ids for fan nps rm).")
        ),
    ] = False,
    fmt: Annotated[str, format_option("rich", "json", help=_("rich or json."))] = "rich",
) -> None:
    if ctx.invoked_subcommand is not None:
        return
    from fanjournal.render import nps as render
    from fanjournal.usecases import stories

    check_format(fmt, ("rich", "json"))
    view = stories.nps_view(journal(), chosen_period(week, month, year, from_, to), today(),
                            customer)
    result = view.report
    if fmt == "json":
        typer.echo(render.as_json(result), nl=False)
        return
    title = _("{start} to {end}").format(start=view.start.isoformat(), end=view.end.isoformat())
    if customer:
        title += " · " + customer
    render.print_report(result, title)
    if answers and result.answers:
        typer.echo()
        render.print_answers(result)


@nps_app.command(
    "add",
    help=_('Record a survey answer that is not tied to a fan: fan nps add 9 --customer "Anna".'),
)
def nps_add(
    score: Annotated[int, typer.Argument(help=_("The answer, 0 to 10."), show_default=False)],
    customer: Annotated[
        str | None, typer.Option("--customer", "-c", help=_("Who answered (optional)."))
    ] = None,
    date: Annotated[
        str | None,
        typer.Option(
            "--date", "-d", help=_("When they answered: 2026-11-20, yesterday, -3 (default today).")
        ),
    ] = None,
    note: Annotated[
        str | None, typer.Option("--note", "-n", help=_("What they said with it, in a few words."))
    ] = None,
) -> None:
    from fanjournal.render.nps import group_label
    from fanjournal.usecases import stories

    answer = stories.add_answer(journal(), past_date(date), score, customer, note)
    typer.echo(
        _("Added survey answer {id}: {score} ({group}).").format(
            id=answer.id, score=answer.score, group=group_label(answer.group)
        )
    )


@nps_app.command(
    "rm", help=_("Remove a survey answer typed by mistake (its id is not used again).")
)
def nps_rm(
    answer_id: Annotated[
        str,
        typer.Argument(
            help=_("The answer's id, such as 2026-N004 (see fan nps --answers)."),
            show_default=False,
        ),
    ],
) -> None:
    from fanjournal.usecases import stories

    removed = stories.remove_answer(journal(), answer_id)
    typer.echo(
        _("Removed survey answer {id} ({score} on {date}).").format(
            id=removed.id, score=removed.score, date=removed.date.isoformat()
        )
    )


# --- fan budget


@app.command(
    cls=PeriodCommand,
    rich_help_panel=PANEL,
    help=_("Money and time spent on fans this month (or --month), against your budget.") + "\n\n"
    + _("A month is shown in detail: per day, and what the money went to. --week, --year and "
        "--from/--to show the sums of that period against the budget shared out over it."),
)
def budget(
    week: WeekOpt = None,
    month: MonthOpt = None,
    year: YearOpt = None,
    from_: FromOpt = None,
    to: ToOpt = None,
    fmt: Annotated[str, format_option("rich", "json", help=_("rich or json."))] = "rich",
) -> None:
    from fanjournal.render import budget as render
    from fanjournal.render.names import month_title
    from fanjournal.usecases import review

    check_format(fmt, ("rich", "json"))
    config = settings()
    view = review.budget_view(journal(), config, chosen_period(week, month, year, from_, to),
                              today())
    if view.spent is not None:
        if fmt == "json":
            typer.echo(render.period_json(view.spent, view.period, config.currency), nl=False)
        else:
            render.print_period(view.spent, config.currency, view.period)
    elif view.month is not None:
        if fmt == "json":
            typer.echo(render.as_json(view.month, config.currency), nl=False)
        else:
            render.print_month(view.month, config.currency, month_title(view.period.start))


# --- fan follow-up and fan due

follow_up_app = typer.Typer(
    no_args_is_help=True,
    help=_("The first 100 days of a new customer: plan follow-ups, see them, mark them done."),
)
app.add_typer(follow_up_app, name="follow-up", rich_help_panel=PANEL)


@follow_up_app.command(
    "plan",
    help=_("Plan follow-ups across a new customer's first 100 days (config follow_up_days)."),
)
def follow_up_plan(
    customer: Annotated[str, typer.Argument(help=_("The new customer."), show_default=False)],
    start: Annotated[
        str | None,
        typer.Option("--start", "-s", help=_("Their first day as a customer (default today).")),
    ] = None,
) -> None:
    from fanjournal.render.followups import planned_line
    from fanjournal.usecases import followups as follow_ups

    first_day = any_date(start) or today()
    plan = follow_ups.plan(journal(), settings(), customer, first_day)
    typer.echo(planned_line(plan, today()))


@follow_up_app.command(
    "list", help=_("Show follow-up plans: each touchpoint, when it is due and what to do.")
)
def follow_up_list(
    customer: Annotated[
        str | None,
        typer.Argument(
            help=_("Only this customer (part of the name will do)."), show_default=False
        ),
    ] = None,
    all_: Annotated[
        bool,
        typer.Option("--all", "-a", help=_("Also finished plans and plans older than last year.")),
    ] = False,
    fmt: Annotated[str, format_option("rich", "json", help=_("rich or json."))] = "rich",
) -> None:
    from fanjournal.render import followups as render
    from fanjournal.usecases import followups as follow_ups

    check_format(fmt, ("rich", "json"))
    now = today()
    chosen = follow_ups.plans(journal(), now, customer, everything=all_)
    if fmt == "json":
        typer.echo(render.plans_json(chosen), nl=False)
    elif not chosen:
        if customer:
            typer.echo(
                _(
                    "No follow-up plan for {customer}. Plan one with: fan follow-up plan "
                    '"{customer}"'
                ).format(customer=customer)
            )
        else:
            typer.echo(
                _(
                    "No running follow-up plans. When you make a fan of a new customer, "
                    'add --new-customer: fan add "…" -c "Anna" --new-customer'
                )
            )
    else:
        render.print_plans(chosen, now)


@follow_up_app.command("done", help=_("Mark a follow-up done, and with --log log it as a fan too."))
def follow_up_done(
    touchpoint_id: Annotated[
        str,
        typer.Argument(
            help=_("The follow-up's id, such as 2026-F007 (see fan due)."), show_default=False
        ),
    ],
    log: Annotated[
        bool, typer.Option("--log", help=_("Also log it as a fan for this customer."))
    ] = False,
    text: Annotated[
        str | None,
        typer.Option("--text", help=_("With --log: what you did (default: the follow-up itself).")),
    ] = None,
    date: Annotated[
        str | None, typer.Option("--date", "-d", help=_("When you did it (default today)."))
    ] = None,
) -> None:
    from fanjournal import clock
    from fanjournal.usecases import followups as follow_ups

    if text is not None and not log:
        raise FanError.usage(_("--text goes with --log"))
    when = past_date(date)
    done, logged = follow_ups.done(journal(), touchpoint_id, when, log=log, text=text,
                                now=clock.now())
    line = _("Done: {id}, day {day} for {customer}.").format(
        id=done.id, day=done.day, customer=done.customer
    )
    if logged is not None:
        line += " " + _("Logged as fan {id}.").format(id=logged.id)
    typer.echo(line)


@follow_up_app.command(
    "skip", help=_("Skip follow-ups you will not do (they stop being due; the ids stay taken).")
)
def follow_up_skip(
    touchpoint_ids: Annotated[
        list[str],
        typer.Argument(help=_("One or more follow-up ids, such as 2026-F007."), show_default=False),
    ],
) -> None:
    from fanjournal.usecases import followups as follow_ups

    book = journal()
    for touchpoint_id in touchpoint_ids:
        skipped, _logged = follow_ups.close(book, touchpoint_id, today(), skip=True)
        typer.echo(
            _("Skipped {id}, day {day} for {customer}.").format(
                id=skipped.id, day=skipped.day, customer=skipped.customer
            )
        )


@app.command(rich_help_panel=PANEL, help=_("Follow-ups due today or overdue, with what to do."))
def due(
    ahead: Annotated[
        int,
        typer.Option("--ahead", "-a", min=0, max=3660,
                     help=_("Also show what comes up in the next N days.")),
    ] = 0,
    fmt: Annotated[str, format_option("rich", "json", help=_("rich or json."))] = "rich",
) -> None:
    from fanjournal.render import followups as render
    from fanjournal.usecases import followups as follow_ups

    check_format(fmt, ("rich", "json"))
    now = today()
    items = follow_ups.due(journal(), now, ahead)
    if fmt == "json":
        typer.echo(render.due_json(items), nl=False)
    elif not items:
        if ahead:
            typer.echo(_("No follow-ups due in the next {n} days.").format(n=ahead))
        else:
            typer.echo(_("No follow-ups due today."))
    else:
        render.print_due(items, now)
