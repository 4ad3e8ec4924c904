"""The use cases: the only code that reads or changes the journal.

Each function takes what it needs of `(journal, settings, today)`, gathers the journal's data
through the store and hands it to the pure domain modules, returning their dataclasses. The CLI
parses what was typed, calls one function here and renders what comes back.
"""

from typing import TYPE_CHECKING

if TYPE_CHECKING:  # imported when used: `fan hook` and the prompt path stay light
    from fanjournal.config import Settings
    from fanjournal.store import Journal


def open_journal(settings: "Settings") -> "Journal":
    from fanjournal.store import Journal

    return Journal(settings.journal_dir, settings.format)
