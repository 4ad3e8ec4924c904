"""`fan hook`: the prompt reminder snippet for bash, zsh and fish."""

from typing import Annotated

import typer

from fanjournal.cli.base import app
from fanjournal.i18n import _


def _complete_shell(incomplete: str) -> list[str]:
    from fanjournal.reminder import SHELLS

    return [shell for shell in SHELLS if shell.startswith(incomplete)]


@app.command(rich_help_panel=_("Setup"), help=_(
    "Print the prompt reminder for bash, zsh or fish.") + "\n\n" + _(
    "On a working day without a fan the prompt says so, and how many follow-ups are due (see "
    "[bold]fan due[/bold]), at most once per remind_every and not before remind_from; no "
    "process starts at the prompt. Install it with one line: in ~/.bashrc "
    "[bold]eval \"$(fan hook bash)\"[/bold], in ~/.zshrc [bold]eval \"$(fan hook zsh)\"[/bold], "
    "in ~/.config/fish/config.fish [bold]fan hook fish | source[/bold]. FAN_HOOK_DISABLE=1 "
    "silences it."))
def hook(
    shell: Annotated[str | None, typer.Argument(
        help=_("bash, zsh or fish."), autocompletion=_complete_shell, show_default=False)] = None,
    refresh: Annotated[bool, typer.Option(
        "--refresh", help=_("Only rewrite the state file the prompt reads (fan does this "
                            "itself after every change)."))] = False,
) -> None:
    from fanjournal import clock, config, reminder
    from fanjournal.errors import FanError
    from fanjournal.usecases import prompt

    if refresh:
        try:
            prompt.refresh(clock.today())
        except FanError:
            prompt.forget()
            raise
        return
    if shell is None:
        raise FanError.usage(_("name your shell: fan hook bash, fan hook zsh or fan hook fish"))
    if shell not in reminder.SHELLS:
        raise FanError.usage(_("unknown shell {shell!r}; choose one of: {shells}").format(
            shell=shell, shells=", ".join(reminder.SHELLS)))
    every = config.duration_minutes(config.keys()["remind_every"].default)
    try:
        every = config.load().remind_every
        prompt.refresh(clock.today())
    except FanError as error:
        # the snippet works without the state (it reminds until fan can write it): say why
        prompt.forget()
        typer.echo(f"fan: {error.message}", err=True)
    typer.echo(reminder.snippet(shell, reminder.fan_command(), prompt.state_path(),
                                prompt.quiet_path(), every * 60), nl=False)
