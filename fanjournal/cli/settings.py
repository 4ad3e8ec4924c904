"""`fan config`: where files live, and reading and changing config.toml."""

from typing import Annotated

import typer

from fanjournal.cli.base import app
from fanjournal.i18n import _

config_app = typer.Typer(
    help=_("Where files live, and reading and changing your settings."), no_args_is_help=True
)
app.add_typer(config_app, name="config", rich_help_panel=_("Setup"))


def _complete_key(incomplete: str) -> list[str]:
    from fanjournal import config

    return [k for k in config.keys() if k.startswith(incomplete)]


KeyArg = Annotated[
    str,
    typer.Argument(
        help="A config key (see fan config show).", autocompletion=_complete_key, show_default=False
    ),
]


def _shown(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        return ",".join(str(v) for v in value)
    return str(value)


@config_app.command(help=_("Print where the config file and the journal live."))
def path() -> None:
    from fanjournal import config, paths
    from fanjournal.i18n import _

    settings = config.load()
    typer.echo(_("config:  {path}").format(path=paths.config_path()))
    typer.echo(_("journal: {path}").format(path=settings.journal_dir))


@config_app.command(help=_("Print every setting with its value (defaults included)."))
def show() -> None:
    from fanjournal import config

    settings = config.load()
    known = config.keys()
    width = max(len(name) for name in known)
    for name, key in known.items():
        typer.echo(f"{name:<{width}}  {_shown(settings[name]):<14}  # {key.help}")


@config_app.command(help=_("Print one setting."))
def get(key: KeyArg) -> None:
    from fanjournal import config

    config.check_key(key)
    typer.echo(_shown(config.load()[key]))


@config_app.command("set", help=_("Change one setting (the value is checked first)."))
def set_(
    key: KeyArg,
    value: Annotated[str, typer.Argument(help="The new value.", show_default=False)],
) -> None:
    from fanjournal import config
    from fanjournal.i18n import _

    stored = config.set_value(key, value)
    typer.echo(_("{key} = {value}").format(key=key, value=_shown(stored)))


@config_app.command(help=_("Go back to the default for one setting."))
def unset(key: KeyArg) -> None:
    from fanjournal import config
    from fanjournal.i18n import _

    config.unset_value(key)
    typer.echo(
        _("{key} is back to its default ({value})").format(
            key=key, value=_shown(config.keys()[key].default)
        )
    )
