"""The Typer app, its error handling and what every command shares (journal, today, dates).

Errors: a FanError or a usage error becomes one line on stderr and a non-zero exit; anything
else is a bug and says so in one line (FAN_DEBUG=1 shows the traceback). The exit statuses and
their rule are in fanjournal/errors.py.
"""

import datetime as dt
import os
import sys
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

import typer
from typer.core import TyperGroup

from fanjournal import clock, version_line
from fanjournal.errors import BUG, INTERRUPTED, STOPPED, USAGE, FanError
from fanjournal.i18n import _

if TYPE_CHECKING:
    from fanjournal.config import Settings
    from fanjournal.store import Journal


def fail(message: str, code: int = STOPPED) -> None:
    typer.echo(f"fan: {message}", err=True)
    sys.exit(code)


class FanGroup(TyperGroup):
    """Turns every error a user can cause into one clear line and an exit status."""

    def main(self, args: Sequence[str] | None = None, prog_name: str | None = None,
             complete_var: str | None = None, standalone_mode: bool = True,
             windows_expand_args: bool = True, **extra: Any) -> Any:
        try:
            result = super().main(args=args, prog_name=prog_name or "fan",
                                  complete_var=complete_var, standalone_mode=False,
                                  windows_expand_args=windows_expand_args, **extra)
            _refresh_prompt_state(sys.argv[1:] if args is None else list(args))
        except FanError as error:
            fail(error.message, error.code)
        except typer.TyperException as error:  # Click's usage and parameter errors
            context = getattr(error, "ctx", None)
            hint = ""
            if context is not None:
                hint = " " + _("(see '{command} --help')").format(command=context.command_path)
            fail(error.format_message() + hint, getattr(error, "exit_code", USAGE))
        except (typer.Abort, KeyboardInterrupt, EOFError):  # Abort: Ctrl-C or Ctrl-D at a question
            typer.echo("", err=True)
            fail(_("cancelled"), INTERRUPTED)
        except BrokenPipeError:
            sys.stderr.close()
            sys.exit(STOPPED)
        except Exception as error:  # a bug, not the user's doing
            if os.environ.get("FAN_DEBUG"):
                raise
            fail(_("internal error: {error!r}. This is a bug in fan; run again with FAN_DEBUG=1 "
                   "to see where, and please report it").format(error=error), BUG)
        if not standalone_mode:
            return result
        sys.exit(result if isinstance(result, int) else 0)


def _refresh_prompt_state(args: list[str]) -> None:
    """Keep the shell hook's state file current after a command (see fanjournal/reminder.py)."""
    from fanjournal.usecases.prompt import after_command

    after_command(args)


app = typer.Typer(
    name="fan",
    cls=FanGroup,
    help=_("Make one customer a fan every working day: log each wow-moment, keep the streak, "
           "reach about 300 fans a year."),
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
    rich_markup_mode="rich",
)


def _version(value: bool) -> None:
    if value:
        typer.echo(version_line())
        raise typer.Exit()


@app.callback()
def root(
    version: bool = typer.Option(False, "--version", "-V", callback=_version, is_eager=True,
                                 help=_("Show the version and exit.")),
) -> None:
    """Make one customer a fan every working day."""


def today() -> dt.date:
    return clock.today()


def settings() -> "Settings":
    """The settings of config.toml, validated (parsed once per command)."""
    from fanjournal import config

    return config.load()


def journal() -> "Journal":
    from fanjournal.usecases import open_journal

    return open_journal(settings())


def past_date(text: str | None) -> dt.date:
    """A --date value (default today), refusing the future."""
    from fanjournal.dates import parse_past_date

    return today() if text is None else parse_past_date(text, today())


def any_date(text: str | None) -> dt.date | None:
    from fanjournal.dates import parse_date

    return None if text is None else parse_date(text, today())


def stdin_is_terminal() -> bool:
    return sys.stdin is not None and sys.stdin.isatty()


def stdout_is_terminal() -> bool:
    return sys.stdout.isatty()


def complete_moment(incomplete: str) -> list[str]:
    from fanjournal.model import MOMENTS

    return [m for m in MOMENTS if m.startswith(incomplete)]


def complete_from(*names: str) -> Callable[[str], list[str]]:
    """Shell completion for a value from a fixed set."""
    return lambda incomplete: [name for name in names if name.startswith(incomplete)]


def format_option(*choices: str, help: str) -> Any:
    """The `--format/-f` option of a command that prints in one of `choices`."""
    return typer.Option("--format", "-f", help=help, autocompletion=complete_from(*choices))


def check_format(fmt: str, choices: tuple[str, ...]) -> None:
    if fmt not in choices:
        raise FanError.usage(_("unknown format {fmt!r}; choose one of: {formats}").format(
            fmt=fmt, formats=", ".join(choices)))
