"""The `fan` command line: the app and its command modules, each registering its commands.

The import order is the order of the help's panels: journal, review, making fans, stories, setup.
"""

# isort: off
from fanjournal.cli import journal  # noqa: F401  add, list, show, edit, rm
from fanjournal.cli import review  # noqa: F401  status, report, off
from fanjournal.cli import coach  # noqa: F401  nee, coach, idea
from fanjournal.cli import stories  # noqa: F401  wall, nps, budget, follow-up, due
from fanjournal.cli import hook  # noqa: F401  hook
from fanjournal.cli import settings  # noqa: F401  config
# isort: on
from fanjournal.cli.app import app


def main() -> None:
    app()
