"""Options that several commands share (fan add's fields: `fan add`, `fan edit`, `fan nee --log`).

Kept apart from the commands so that a module can use them without registering those commands.
"""

from typing import Annotated

import typer

from fanjournal.cli.base import complete_moment
from fanjournal.i18n import _

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
