"""Commands that log and read the journal: add, list, show, edit, rm."""

import datetime as dt
import os
import shlex
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Any

import typer

from fanjournal.cli.base import (
    app,
    check_format,
    format_option,
    journal,
    past_date,
    settings,
    stdin_is_terminal,
    today,
)
from fanjournal.cli.options import (
    CostOpt,
    CustomerOpt,
    DateOpt,
    FromOpt,
    MinutesOpt,
    MomentOpt,
    MonthOpt,
    PeriodCommand,
    QuoteOpt,
    ScoreOpt,
    TagOpt,
    ToOpt,
    WeekOpt,
    YearOpt,
    chosen_period,
)
from fanjournal.errors import STOPPED, FanError
from fanjournal.i18n import _, ngettext


def _read_text(text: str | None) -> tuple[str, str | None]:
    """The text from the argument, a prompt on a terminal, or stdin when piped."""
    if text is not None:
        return text, None
    if stdin_is_terminal():
        from fanjournal.model import MOMENTS

        said = typer.prompt(_("What did you do for the customer?"))
        moment = typer.prompt(
            _("Moment ({moments})").format(moments=", ".join(MOMENTS)), default="zomaar"
        )
        return said, moment
    if sys.stdin is None:
        raise FanError.usage(_('no text given; use: fan add "what you did"'))
    return sys.stdin.read(), None


@app.command(
    rich_help_panel=_("Journal"),
    help=_("Log a fan you made."),
    epilog=_('Example: fan add "Walked her to the car with an umbrella" -m niet-mijn-probleem'),
)
def add(
    text: Annotated[
        str | None,
        typer.Argument(
            help=_(
                "What you did for the customer. Read from stdin when piped, asked on a terminal."
            ),
            show_default=False,
        ),
    ] = None,
    moment: MomentOpt = None,
    customer: CustomerOpt = None,
    date: DateOpt = None,
    tag: TagOpt = None,
    score: ScoreOpt = None,
    cost: CostOpt = None,
    minutes: MinutesOpt = None,
    peak: Annotated[bool, typer.Option("--peak", help=_("Mark as a standout story."))] = False,
    gold: Annotated[bool, typer.Option("--gold", help=_("Mark as a golden story."))] = False,
    quote: QuoteOpt = None,
    new_customer: Annotated[
        bool,
        typer.Option(
            "--new-customer",
            help=_(
                "A new customer: plan follow-ups across their first 100 days (needs --customer)."
            ),
        ),
    ] = False,
) -> None:
    options = {"customer": customer, "date": date, "tag": tag, "score": score, "cost": cost,
               "minutes": minutes, "peak": peak, "gold": gold, "quote": quote,
               "new_customer": new_customer}
    check_new_customer(options)
    when = past_date(date)
    said, asked_moment = _read_text(text)
    log_fan(said, moment or asked_moment, options, when)


def check_new_customer(options: dict[str, Any]) -> None:
    if options["new_customer"] and not (options["customer"] or "").strip():
        raise FanError.usage(_("--new-customer needs --customer: whose first 100 days to plan?"))


def log_fan(said: str, moment: str | None, options: dict[str, Any], when: "dt.date") -> None:
    """Validate a fan as typed, save it (with its follow-up plan for --new-customer, in the
    same change) and say so: what `fan add` and `fan nee --log` share."""
    from fanjournal import clock, model
    from fanjournal.usecases import journal as usecase

    entry = model.Entry(
        id="",  # given when it is saved
        date=when,
        created=clock.now(),
        text=model.parse_text(said),
        moment=model.parse_moment(moment or model.DEFAULT_MOMENT),
        customer=model.parse_customer(options["customer"]),
        tags=model.parse_tags(options["tag"] or []),
        score=None if options["score"] is None else model.parse_score(options["score"]),
        cost=None if options["cost"] is None else model.parse_cost(options["cost"]),
        minutes=None if options["minutes"] is None else model.parse_minutes(options["minutes"]),
        peak=options["peak"],
        gold=options["gold"],
        quote=model.parse_quote(options["quote"]),
    )
    added = usecase.add(journal(), settings(), entry, new_customer=options["new_customer"])
    if when == today():
        count = ngettext("{n} fan today", "{n} fans today", added.fans_that_day)
    else:
        count = ngettext("{n} fan on {date}", "{n} fans on {date}", added.fans_that_day)
    typer.echo(
        _("Added {id} — {count}.").format(
            id=added.entry.id, count=count.format(n=added.fans_that_day, date=when.isoformat())
        )
    )
    if added.plan is not None:
        from fanjournal.render import followups as render_followups

        typer.echo(render_followups.planned_line(added.plan, today()))


@app.command(
    "list",
    cls=PeriodCommand,
    rich_help_panel=_("Journal"),
    help=_("List fans, oldest first, filtered as you ask."),
)
def list_(
    week: WeekOpt = None,
    month: MonthOpt = None,
    year: YearOpt = None,
    from_: FromOpt = None,
    to: ToOpt = None,
    moment: MomentOpt = None,
    customer: Annotated[
        str | None,
        typer.Option("--customer", "-c", help=_("Only this customer (part of the name will do).")),
    ] = None,
    tag: Annotated[str | None, typer.Option("--tag", "-t", help=_("Only this tag."))] = None,
    search: Annotated[
        str | None, typer.Option("--search", "-s", help=_("Only entries containing this word."))
    ] = None,
    peak: Annotated[bool, typer.Option("--peak", help=_("Only peaks."))] = False,
    gold: Annotated[bool, typer.Option("--gold", help=_("Only golden stories."))] = False,
    number: Annotated[
        int | None, typer.Option("-n", "--number", help=_("Only the newest N entries."), min=0)
    ] = None,
    fmt: Annotated[str, format_option("table", "json", "csv", "markdown",
                                      help=_("table, json, csv or markdown."))] = "table",
    anonymize: Annotated[
        bool,
        typer.Option(
            "--anonymize", help=_("Replace customer names by Customer 1, 2, … (for sharing).")
        ),
    ] = False,
) -> None:
    from fanjournal import entries, model
    from fanjournal.render import entries as render
    from fanjournal.usecases import journal as usecase

    check_format(fmt, render.FORMATS)
    span = chosen_period(week, month, year, from_, to)
    where = entries.Filter(
        start=span.start if span else None,
        end=span.end if span else None,
        moment=model.parse_moment(moment) if moment else None,
        customer=customer,
        tag=tag,
        search=search,
        peak=peak,
        gold=gold,
    )
    found = usecase.select(journal(), where, number)
    if anonymize:
        found = entries.anonymize(found)
    if fmt == "json":
        typer.echo(render.as_json(found), nl=False)
    elif fmt == "csv":
        typer.echo(render.as_csv(found), nl=False)
    elif fmt == "markdown":
        typer.echo(render.as_markdown(found), nl=False)
    elif not found:
        typer.echo(_('No fans found. Log one with: fan add "what you did"'))
    else:
        render.print_table(found)


IdArg = Annotated[
    str, typer.Argument(help=_("The entry's id, such as 2026-017."), show_default=False)
]


@app.command(rich_help_panel=_("Journal"), help=_("Show one fan in full."))
def show(
    entry_id: IdArg,
    fmt: Annotated[str, format_option("text", "json", help=_("text or json."))] = "text",
) -> None:
    from fanjournal.render import entries as render
    from fanjournal.usecases import journal as usecase

    check_format(fmt, ("text", "json"))
    entry = usecase.find(journal(), entry_id)
    if fmt == "json":
        import json

        typer.echo(json.dumps(entry.to_json(), ensure_ascii=False, indent=2))
    else:
        render.print_entry(entry, settings()["currency"])


def _run_editor(initial: str) -> str:
    editor = os.environ.get("VISUAL") or os.environ.get("EDITOR")
    command = shlex.split(editor) if editor else []
    if not command:
        fallback = shutil.which("vi")
        if not fallback:
            raise FanError(
                _(
                    "set $EDITOR (or $VISUAL), or change fields with flags such as "
                    "--text; see fan edit --help"
                )
            )
        command = [fallback]
    fd, name = tempfile.mkstemp(prefix="fan-edit-", suffix=".toml")  # created 0600
    path = Path(name)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(initial)
        try:
            status = subprocess.call([*command, str(path)])
        except OSError as error:
            raise FanError(
                _("cannot start the editor {editor!r}: {error}").format(
                    editor=command[0], error=error.strerror
                )
            ) from None
        if status != 0:
            raise FanError(
                _("the editor exited with status {status}; nothing was changed").format(
                    status=status
                )
            )
        return path.read_text(encoding="utf-8")
    finally:
        path.unlink(missing_ok=True)


@app.command(
    rich_help_panel=_("Journal"),
    help=_("Change a fan with flags, or with no flags in $VISUAL/$EDITOR as TOML."),
)
def edit(
    entry_id: IdArg,
    text: Annotated[str | None, typer.Option("--text", help=_("New text."))] = None,
    moment: MomentOpt = None,
    customer: Annotated[
        str | None, typer.Option("--customer", "-c", help=_('New customer; "" clears it.'))
    ] = None,
    date: DateOpt = None,
    tag: Annotated[
        list[str] | None,
        typer.Option("--tag", "-t", help=_('Replace the tags; repeat for more; "" clears them.')),
    ] = None,
    score: ScoreOpt = None,
    cost: CostOpt = None,
    minutes: MinutesOpt = None,
    quote: QuoteOpt = None,
    peak: Annotated[
        bool | None,
        typer.Option("--peak/--no-peak", help=_("Mark or unmark as a peak."), show_default=False),
    ] = None,
    gold: Annotated[
        bool | None,
        typer.Option("--gold/--no-gold", help=_("Mark or unmark as gold."), show_default=False),
    ] = None,
    clear: Annotated[
        list[str] | None,
        typer.Option(
            "--clear", help=_("Empty a field: score, cost, minutes, customer, tags or quote.")
        ),
    ] = None,
) -> None:
    from fanjournal import entries, model
    from fanjournal.usecases import journal as usecase

    given: dict[str, tuple[Any, Callable[[Any], object]]] = {
        "text": (text, model.parse_text), "moment": (moment, model.parse_moment),
        "customer": (customer, model.parse_customer), "date": (date, past_date),
        "tags": (tag, model.parse_tags), "score": (score, model.parse_score),
        "cost": (cost, model.parse_cost), "minutes": (minutes, model.parse_minutes),
        "quote": (quote, model.parse_quote), "peak": (peak, bool), "gold": (gold, bool),
    }
    changes: dict[str, object] = {
        name: parse(value) for name, (value, parse) in given.items() if value is not None
    }
    clearable = {
        "score": None,
        "cost": None,
        "minutes": None,
        "customer": None,
        "tags": (),
        "quote": None,
    }
    for name in clear or []:
        if name not in clearable:
            raise FanError.usage(_("--clear takes one of: {names}").format(
                names=", ".join(clearable)))
        changes[name] = clearable[name]

    book = journal()
    if changes:
        updated = usecase.update(book, entry_id, changes)
    else:
        has_editor = os.environ.get("VISUAL") or os.environ.get("EDITOR")
        if not (has_editor or stdin_is_terminal()):
            raise FanError.usage(
                _(
                    "no changes given; use flags such as --text, or run fan edit on a "
                    "terminal to open your editor"
                ),
            )
        original = usecase.find(book, entry_id)
        edited = _run_editor(entries.editable_toml(original))
        changes = entries.parse_edited(edited, original, today())
        updated = usecase.update(book, entry_id, changes, expected=original)
    typer.echo(_("Updated {id}.").format(id=updated.id))


@app.command(rich_help_panel=_("Journal"), help=_("Remove a fan (its id is never used again)."))
def rm(
    entry_id: IdArg,
    yes: Annotated[bool, typer.Option("--yes", "-y", help=_("Do not ask."))] = False,
) -> None:
    from fanjournal.usecases import journal as usecase

    book = journal()
    entry = usecase.find(book, entry_id)
    if not yes:
        if not stdin_is_terminal():
            raise FanError.usage(
                _("not removing {id} without --yes (no terminal to ask on)").format(id=entry.id)
            )
        if not typer.confirm(
            _("Remove {id} ({date}): {text}?").format(
                id=entry.id, date=entry.date, text=entry.text[:60]
            )
        ):
            typer.echo(_("Nothing removed."))
            raise typer.Exit(STOPPED)
    removed = usecase.remove(book, entry.id)
    typer.echo(_("Removed {id}.").format(id=removed.id))
