"""Options that several commands share: fan add's fields (`fan add`, `fan edit`, `fan nee
--log`) and the period options (`fan report`, `wall`, `nps`, `budget`, `list`), each declared
once, with the one function that turns the period options into days.

Kept apart from the commands so that a module can use them without registering those commands.
"""

import re
from collections.abc import Callable, Collection
from typing import TYPE_CHECKING, Annotated

import typer
from typer.core import TyperCommand, TyperGroup, TyperOption

from fanjournal.cli.base import complete_moment, today
from fanjournal.dates import Span, date_range
from fanjournal.errors import FanError
from fanjournal.i18n import _

if TYPE_CHECKING:
    from typer._click import Context, Parameter

MomentOpt = Annotated[
    str | None,
    typer.Option(
        "--moment",
        "-m",
        autocompletion=complete_moment,
        help=_("nee-maar, klacht, vraag, niet-mijn-probleem or zomaar (default zomaar)."),
    ),
]
CustomerOpt = Annotated[
    str | None,
    typer.Option("--customer", "-c", help=_("Who the fan is (a name, a company, a colleague).")),
]
DateOpt = Annotated[
    str | None,
    typer.Option(
        "--date", "-d", help=_("When: 2026-11-20, today, yesterday, -3 (days ago), friday.")
    ),
]
TagOpt = Annotated[
    list[str] | None,
    typer.Option("--tag", "-t", help=_("A tag; repeat for more (-t phone -t repair).")),
]
ScoreOpt = Annotated[
    int | None, typer.Option(help=_("The customer's 0–10 recommendation score, if known."))
]
CostOpt = Annotated[str | None, typer.Option(help=_("Money spent on this fan, e.g. 12.50."))]
MinutesOpt = Annotated[int | None, typer.Option(help=_("Minutes spent on this fan."))]
QuoteOpt = Annotated[
    str | None,
    typer.Option(
        "--quote",
        "-q",
        help=_("What the customer said, in their words (shown on the stories wall)."),
    ),
]


# --- the period options: one vocabulary for report, wall, nps, budget and list

BARE = ""  # the value of --week, --month or --year given alone: the current one


def _complete_period(kind: str) -> Callable[[str], list[str]]:
    """this and last (deze and vorige in Dutch), then the current and the previous label."""

    def complete(incomplete: str) -> list[str]:
        from fanjournal.dates import parse_period
        from fanjournal.i18n import language

        words = ["deze" if kind != "year" else "dit", "vorige" if kind != "year" else "vorig"] \
            if language() == "nl" else ["this", "last"]
        now = parse_period(None, kind, today())
        labels = [now.label, now.previous().label]
        return [word for word in words + labels if word.startswith(incomplete.lower())]

    return complete


WeekOpt = Annotated[
    str | None,
    typer.Option(
        "--week", metavar="[PERIOD]", show_default=False, autocompletion=_complete_period("week"),
        help=_("A week: this (also --week alone), last, 2026-W47 or a date in it."),
    ),
]
MonthOpt = Annotated[
    str | None,
    typer.Option(
        "--month", metavar="[PERIOD]", show_default=False,
        autocompletion=_complete_period("month"),
        help=_("A month: this (also --month alone), last, 2026-11, 11 (this year) or a date "
               "in it."),
    ),
]
YearOpt = Annotated[
    str | None,
    typer.Option(
        "--year", metavar="[PERIOD]", show_default=False, autocompletion=_complete_period("year"),
        help=_("A year: this (also --year alone), last, 2026 or a date in it."),
    ),
]
FromOpt = Annotated[
    str | None,
    typer.Option(
        "--from", metavar="DATE", show_default=False,
        help=_("First day of a free range: 2026-11-01, -30, monday … (default: the journal's "
               "first year)."),
    ),
]
ToOpt = Annotated[
    str | None,
    typer.Option(
        "--to", metavar="DATE", show_default=False,
        help=_("Last day of a free range (default: today)."),
    ),
]
OPTIONAL_VALUE = ("--week", "--month", "--year")
_DAYS_AGO = re.compile(r"-\d+")


def with_bare_values(args: list[str], params: list["Parameter"],
                     subcommands: Collection[str] = ()) -> list[str]:
    """`args` with each --week, --month or --year that has no value given the value BARE.

    Typer 0.28's own copy of Click has no options with an optional value (its `flag_value` is
    accepted and ignored), so the commands that take these options mend their arguments before
    parsing: the option has no value when nothing follows it, or another option (not a date
    such as -3), or `--`, or one of a group's subcommands. Values of other options are skipped,
    so that `--search --month` still searches for "--month".
    """
    takes_value = {opt for param in params if isinstance(param, TyperOption)
                   and not param.is_flag and not param.count
                   for opt in param.opts if opt not in OPTIONAL_VALUE}
    mended: list[str] = []
    rest = list(args)
    while rest:
        arg = rest.pop(0)
        mended.append(arg)
        if arg == "--":
            break
        if arg in OPTIONAL_VALUE:
            if _no_value_follows(rest, subcommands):
                mended[-1] = f"{arg}={BARE}"
            else:
                mended.append(rest.pop(0))
        elif arg in takes_value and rest:
            mended.append(rest.pop(0))
        elif subcommands and not arg.startswith("-"):
            break  # a group's options come before its subcommand; the rest is the subcommand's
    return mended + rest


def _no_value_follows(rest: list[str], subcommands: Collection[str]) -> bool:
    """Whether what follows a period option is not its value: nothing, `--`, a subcommand, or
    another option (a date such as -3 is a value)."""
    following = rest[0] if rest else None
    return following is None or following == "--" or following in subcommands or (
        following.startswith("-") and not _DAYS_AGO.fullmatch(following))


class PeriodCommand(TyperCommand):
    """A command with the period options (see `with_bare_values`)."""

    def parse_args(self, ctx: "Context", args: list[str]) -> list[str]:
        return super().parse_args(ctx, with_bare_values(args, self.get_params(ctx)))


class PeriodGroup(TyperGroup):
    """A group whose own callback takes the period options (`fan nps`)."""

    def parse_args(self, ctx: "Context", args: list[str]) -> list[str]:
        mended = with_bare_values(args, self.get_params(ctx), self.list_commands(ctx))
        return super().parse_args(ctx, mended)


def check_one_period(week: str | None, month: str | None, year: str | None,
                     from_: str | None, to: str | None) -> None:
    chosen = sum(value is not None for value in (week, month, year))
    if chosen + (from_ is not None or to is not None) > 1:
        raise FanError.usage(_("choose one of --week, --month, --year or --from/--to"))


def chosen_period(week: str | None, month: str | None, year: str | None, from_: str | None,
                  to: str | None, week_start: int | None = None) -> Span | None:
    """The days the period options ask for, or None when none was given (each command keeps
    its own default). `week_start` (0 = Monday) is read from the settings when not given."""
    from fanjournal.dates import parse_date, parse_period

    check_one_period(week, month, year, from_, to)
    now = today()
    for kind, text in (("week", week), ("month", month), ("year", year)):
        if text is not None:
            first_day = (configured_week_start() if week_start is None else week_start) \
                if kind == "week" else 0
            period = parse_period(text, kind, now, first_day)
            return Span(period.start, period.end, period)
    if from_ is None and to is None:
        return None
    start = None if from_ is None else parse_date(from_, now)
    end = None if to is None else parse_date(to, now)
    return Span(start, end, date_range(start, end) if start and end else None)


def configured_week_start() -> int:
    from fanjournal.cli.base import settings

    return settings().week_start
