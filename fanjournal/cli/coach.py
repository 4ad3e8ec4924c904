"""Commands that help make a fan: nee ("Nee, maar…" templates), coach (moments) and idea."""

import sys
from typing import TYPE_CHECKING, Annotated, Any

import typer

from fanjournal.cli.base import app, complete_moment, past_date, stdin_is_terminal, today
from fanjournal.cli.options import CostOpt, DateOpt, MinutesOpt, QuoteOpt, ScoreOpt, TagOpt
from fanjournal.errors import FanError
from fanjournal.i18n import _, ngettext

if TYPE_CHECKING:
    from fanjournal.templates import Situation, Templates

PANEL = _("Making fans")


def _language() -> str:
    from fanjournal import i18n

    return i18n.language()


def _warn(problem: str | None) -> None:
    if problem:
        typer.echo(_("fan: warning: {problem}; using the shipped templates only").format(
            problem=problem), err=True)


def _complete_situation(incomplete: str) -> list[str]:
    from fanjournal.usecases.coach import templates

    loaded = templates(_language())
    return [s.name for s in loaded.situations if s.name.startswith(incomplete.lower())]


def _ask_missing(names: list[str], loaded: "Templates") -> dict[str, str]:
    answers = {}
    for name in names:
        label = _("{name} — {description} (Enter leaves it open)").format(
            name=loaded.local(name), description=loaded.describe(name))
        answers[name] = typer.prompt(label, default="", show_default=False).strip()
    return answers


def _log_text(text: str | None, default: str) -> str:
    """What you did: --text, else asked on a terminal, else read from a pipe, else `default`."""
    if text is not None:
        return text
    if stdin_is_terminal():  # ask only when a person is typing, not in pipes or scripts
        return str(typer.prompt(_("What did you do for the customer?"), default=default))
    piped = sys.stdin.read() if sys.stdin is not None else ""
    return piped if piped.strip() else default


@app.command(rich_help_panel=PANEL, help=_(
    "\"No, but…\": words for when you must say no. Without a situation, lists them all."))
def nee(
    situation: Annotated[str | None, typer.Argument(
        help=_("The situation you are in, such as price or out-of-stock (see fan nee)."),
        autocompletion=_complete_situation, show_default=False)] = None,
    fill: Annotated[list[str] | None, typer.Option(
        "--fill", metavar="NAME=VALUE",
        help=_("Fill in a placeholder, such as --fill customer=Anna; repeat for more. "
               "On a terminal, missing ones are asked for."))] = None,
    search: Annotated[str | None, typer.Option(
        "--search", "-s", help=_("Show the situations whose words contain this text."))] = None,
    log: Annotated[bool, typer.Option(
        "--log", help=_("Then log the fan with moment nee-maar, as fan add does."))] = False,
    text: Annotated[str | None, typer.Option(
        "--text", help=_("With --log: what you did (else asked on a terminal)."))] = None,
    customer: Annotated[str | None, typer.Option(
        "--customer", "-c",
        help=_("Who the customer is: fills in their name and, with --log, the fan's customer."))
    ] = None,
    date: DateOpt = None,
    tag: TagOpt = None,
    score: ScoreOpt = None,
    cost: CostOpt = None,
    minutes: MinutesOpt = None,
    peak: Annotated[bool, typer.Option("--peak", help=_("With --log: mark as a standout story."))
                    ] = False,
    gold: Annotated[bool, typer.Option("--gold", help=_("With --log: mark as a golden story."))
                    ] = False,
    quote: QuoteOpt = None,
    new_customer: Annotated[bool, typer.Option(
        "--new-customer", help=_("A new customer: plan follow-ups across their first 100 days "
                                 "(needs --customer)."))] = False,
    path: Annotated[bool, typer.Option(
        "--path", help=_("Print where your own templates.toml goes, and stop."))] = False,
) -> None:
    from fanjournal import templates
    from fanjournal.paths import templates_path
    from fanjournal.render import coach as render
    from fanjournal.usecases.coach import templates as load_templates

    if path:
        typer.echo(str(templates_path()))
        return
    _check_nee_options(situation, search, log, {
        "--text": text, "--date": date, "--tag": tag, "--score": score, "--cost": cost,
        "--minutes": minutes, "--peak": peak or None, "--gold": gold or None, "--quote": quote,
        "--new-customer": new_customer or None})
    typed = templates.parse_fill(fill or [])
    loaded = load_templates(_language())
    shown = _shown_situations(loaded, situation, search, bool(fill))
    if not shown:
        return
    used, values = _placeholder_values(loaded, shown, typed, customer)
    render.print_situations([loaded.filled(s, values) for s in shown])
    if not log:
        _hint_still_open(loaded, shown, used, values)
        return
    who = customer if customer is not None else values.get("customer")
    _log_nee_maar(shown[0], text, {
        "customer": who, "date": date, "tag": tag, "score": score, "cost": cost,
        "minutes": minutes, "peak": peak, "gold": gold, "quote": quote,
        "new_customer": new_customer})


def _check_nee_options(situation: str | None, search: str | None, log: bool,
                       log_only: dict[str, object]) -> None:
    """Refuse option combinations nee cannot use; `log_only` maps an option to its value."""
    for option, value in log_only.items():
        if value is not None and not log:
            raise FanError.usage(_("{option} only works together with --log").format(option=option))
    if situation is not None and search is not None:
        raise FanError.usage(_("give a situation or --search, not both"))
    if log and situation is None:
        raise FanError.usage(_("--log needs a situation, such as: fan nee price --log"))


def _shown_situations(loaded: "Templates", situation: str | None, search: str | None,
                      filling: bool) -> list["Situation"]:
    """The situations to fill and print: the one named, or those the search finds. Without
    either, prints the list of situations instead; empty when there is nothing to fill."""
    from fanjournal import templates
    from fanjournal.render import coach as render

    if situation is None and search is None:
        if filling:
            raise FanError.usage(_("--fill needs a situation, such as: fan nee price --fill "
                                   "customer=Anna"))
        _warn(loaded.problem)
        render.print_situation_list(loaded.situations)
        return []
    if search is None:
        shown = [templates.find_situation(loaded, situation or "")]
        _warn(loaded.problem)
        return shown
    shown = templates.search(loaded, search)
    _warn(loaded.problem)
    if not shown:
        typer.echo(_("No situation mentions {text!r}. See them all with: fan nee").format(
            text=search))
    return shown


def _placeholder_values(loaded: "Templates", shown: list["Situation"], typed: dict[str, str],
                        customer: str | None) -> tuple[list[str], dict[str, str]]:
    """The placeholders `shown` uses and their values: --fill, then --customer, then (on a
    terminal) asked for. Refuses a --fill name these words do not use."""
    values = {loaded.canonical(name): value for name, value in typed.items()}
    if customer and customer.strip():
        values.setdefault("customer", customer.strip())
    used = loaded.used(shown)
    unknown = [name for name in typed if loaded.canonical(name) not in used]
    if unknown:
        raise FanError.usage(ngettext(
            "{names} is not a placeholder here; these words use: {used}",
            "{names} are not placeholders here; these words use: {used}", len(unknown)).format(
            names=", ".join(unknown), used=", ".join(map(loaded.local, used)) or "-"))
    missing = [name for name in used if not values.get(name)]
    if missing and stdin_is_terminal():
        values.update(_ask_missing(missing, loaded))
    return used, values


def _hint_still_open(loaded: "Templates", shown: list["Situation"], used: list[str],
                     values: dict[str, str]) -> None:
    """For one situation with placeholders left open, show how to fill them in."""
    from fanjournal.render import coach as render

    still_open = [loaded.local(name) for name in used if not values.get(name)]
    if still_open and len(shown) == 1:
        render.print_fill_hint(f"fan nee {shown[0].name}", still_open)


def _log_nee_maar(situation: "Situation", text: str | None, options: dict[str, Any]) -> None:
    """Log the fan as `fan add -m nee-maar` does: the same checks, options, save and reply."""
    from fanjournal import model
    from fanjournal.cli.journal import check_new_customer, log_fan

    # check what add would refuse before asking what you did, so no typing is lost
    when = past_date(options["date"])
    for name, parse in (("score", model.parse_score), ("cost", model.parse_cost),
                        ("minutes", model.parse_minutes), ("quote", model.parse_quote)):
        if options[name] is not None:
            parse(options[name])
    check_new_customer(options)
    typer.echo()
    said = _log_text(text, _("No, but… — {title}").format(title=situation.title))
    log_fan(said, "nee-maar", options, when)


@app.command(rich_help_panel=PANEL, help=_(
    "How to make a fan at each moment: the steps, what to ask afterwards and what to answer. "
    "Without a moment, lists them."))
def coach(
    moment: Annotated[str | None, typer.Argument(
        help=_("nee-maar, klacht, vraag, niet-mijn-probleem or zomaar (complaint, question, "
               "no… work too)."),
        autocompletion=complete_moment, show_default=False)] = None,
) -> None:
    from fanjournal import coaching, model
    from fanjournal.render import coach as render

    if moment is None:
        render.print_moment_list(coaching.coaching(_language()))
        return
    render.print_moment(coaching.for_moment(model.parse_moment(moment), _language()))


@app.command(rich_help_panel=PANEL, help=_(
    "An idea for a \"zomaar\" fan: the same one all day, --another for a different one."))
def idea(
    another: Annotated[bool, typer.Option(
        "--another", "-a", help=_("A different idea than today's."))] = False,
    all_: Annotated[bool, typer.Option(
        "--all", help=_("List every idea, by group."))] = False,
) -> None:
    import random

    from fanjournal import templates
    from fanjournal.render import coach as render
    from fanjournal.usecases.coach import templates as load_templates

    if another and all_:
        raise FanError.usage(_("give --another or --all, not both"))
    loaded = load_templates(_language())
    _warn(loaded.problem)
    if all_:
        render.print_idea_groups(loaded.groups)
        return
    ideas = templates.all_ideas(loaded)
    if another:
        chosen = templates.another_idea(ideas, today(), random.randrange(1 << 30))
    else:
        chosen = templates.idea_of_the_day(ideas, today())
    render.print_idea(chosen, another)
