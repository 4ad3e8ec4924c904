"""The Rich consoles: colour only on a terminal and never with NO_COLOR (Rich checks both)."""

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from rich.console import Console


def console(stderr: bool = False, record: bool = False) -> "Console":
    from rich.console import Console

    return Console(stderr=stderr, record=record, highlight=False, soft_wrap=False)
