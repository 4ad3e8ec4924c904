"""`fan config`: where files live, and reading and changing config.toml."""

from typing import Annotated

import typer

from fanjournal.cli.app import app

config_app = typer.Typer(help="", no_args_is_help=True)
app.add_typer(config_app, name="config", rich_help_panel="Setup")


def _complete_key(incomplete: str) -> list[str]:
    from fanjournal import config

    return [k for k in config.keys() if k.startswith(incomplete)]


KeyArg = Annotated[str, typer.Argument(help="A config key (see fan config show).",
                                       autocompletion=_complete_key, show_default=False)]


def _shown(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        return ",".join(str(v) for v in value)
    return str(value)


@config_app.command()
def path() -> None:
    """Print where the config file and the journal live."""
    from fanjournal import config
    from fanjournal.i18n import _

    settings = config.load()
    typer.echo(_("config:  {path}").format(path=config.config_path()))
    typer.echo(_("journal: {path}").format(path=settings.journal_dir))


@config_app.command()
def show() -> None:
    """Print every setting with its value (defaults included)."""
    from fanjournal import config

    settings = config.load()
    known = config.keys()
    width = max(len(name) for name in known)
    for name, key in known.items():
        typer.echo(f"{name:<{width}}  {_shown(settings[name]):<14}  # {key.help}")


@config_app.command()
def get(key: KeyArg) -> None:
    """Print one setting."""
    from fanjournal import config

    config.check_key(key)
    typer.echo(_shown(config.load()[key]))


@config_app.command("set")
def set_(
    key: KeyArg,
    value: Annotated[str, typer.Argument(help="The new value.", show_default=False)],
) -> None:
    """Change one setting (the value is checked first)."""
    from fanjournal import config
    from fanjournal.i18n import _

    stored = config.set_value(key, value)
    typer.echo(_("{key} = {value}").format(key=key, value=_shown(stored)))


@config_app.command()
def unset(key: KeyArg) -> None:
    """Go back to the default for one setting."""
    from fanjournal import config
    from fanjournal.i18n import _

    config.unset_value(key)
    typer.echo(_("{key} is back to its default ({value})").format(
        key=key, value=_shown(config.keys()[key].default)))
