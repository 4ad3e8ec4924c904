"""The `fan` command line: the app and its command modules, each registering its commands.

`fan add` runs many times a day, so `main` imports only the module that owns the command asked
for: Typer then builds one command, not thirty. Help, completion and unknown words load all of
them (in the order of the help's panels: journal, review, making fans, stories, setup).
`from fanjournal.cli import app` gives the app with every command.
"""

import os
import sys
from importlib import import_module
from typing import Any

MODULES = ("journal", "review", "coach", "stories", "hook", "settings")
COMMANDS = {
    "add": "journal", "list": "journal", "show": "journal", "edit": "journal", "rm": "journal",
    "status": "review", "report": "review", "off": "review",
    "nee": "coach", "coach": "coach", "idea": "coach",
    "wall": "stories", "nps": "stories", "budget": "stories", "follow-up": "stories",
    "due": "stories",
    "hook": "hook",
    "config": "settings",
}


def load(command: str | None = None) -> None:
    """Register the commands of `command`'s module, or of every module when None or unknown."""
    module = COMMANDS.get(command or "")
    for name in (module,) if module else MODULES:
        import_module(f"fanjournal.cli.{name}")


def _command_word(args: list[str]) -> str | None:
    """The command the arguments ask for: the first word that is not an option (the top level
    takes no option with a value). None when completing, so that every command is offered."""
    if any(key.endswith("_COMPLETE") and key.startswith("_FAN") for key in os.environ):
        return None
    return next((arg for arg in args if not arg.startswith("-")), None)


def main() -> None:
    args = sys.argv[1:]
    if args in (["--version"], ["-V"]):  # asked by scripts and prompts: answer before Typer
        from fanjournal import version_line

        print(version_line())
        return
    from fanjournal.cli.base import app

    command = _command_word(args)
    if command is not None or not {"--version", "-V"} & set(args):
        load(command)
    app()


def __getattr__(name: str) -> Any:
    if name == "app":
        from fanjournal.cli.base import app

        load()
        return app
    raise AttributeError(name)
