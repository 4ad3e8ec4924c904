"""The `fan` command line: the app and its command modules, each registering its commands."""

from fanjournal.cli import coach  # noqa: F401  (registers nee, coach, idea)
from fanjournal.cli import journal, settings  # noqa: F401  (registers the commands)
from fanjournal.cli import review  # noqa: F401  (registers status, report, off)
from fanjournal.cli import hook  # noqa: F401  (registers hook)
from fanjournal.cli import stories  # noqa: F401  (registers wall, nps, budget, follow-up, due)
from fanjournal.cli.app import app


def main() -> None:
    app()
