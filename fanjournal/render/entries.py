"""Entries as a Rich table, JSON, CSV or Markdown, and one entry in full."""

import json
from collections.abc import Sequence

from fanjournal.i18n import _
from fanjournal.model import FIELD_NAMES, Entry
from fanjournal.render.text import csv_table, md_table

FORMATS = ("table", "json", "csv", "markdown")


def moment_label(moment: str) -> str:
    return {
        "nee-maar": _("no, but…"),
        "klacht": _("complaint"),
        "vraag": _("question"),
        "niet-mijn-probleem": _("not my problem"),
        "zomaar": _("just because"),
    }.get(moment, moment)


def flags(entry: Entry) -> str:
    return ("★" if entry.peak else "") + ("◆" if entry.gold else "")


def _cell(entry: Entry, name: str) -> object:
    value = getattr(entry, name)
    if name == "tags":
        return ";".join(value)
    if name in ("peak", "gold"):
        return "true" if value else "false"
    if name in ("date", "created"):
        return value.isoformat()
    return "" if value is None else value


def as_json(entries: Sequence[Entry]) -> str:
    """A JSON list, one entry per line (readable, and json's fast encoder does the work)."""
    if not entries:
        return "[]\n"
    lines = (json.dumps(e.to_json(), ensure_ascii=False) for e in entries)
    return "[\n  " + ",\n  ".join(lines) + "\n]\n"


def as_csv(entries: Sequence[Entry]) -> str:
    return csv_table(FIELD_NAMES, ([_cell(e, n) for n in FIELD_NAMES] for e in entries))


def as_markdown(entries: Sequence[Entry]) -> str:
    header = [_("id"), _("date"), _("moment"), _("customer"), _("text"), _("tags"), ""]
    rows = ([e.id, e.date.isoformat(), e.moment, e.customer or "", e.text,
             " ".join("#" + t for t in e.tags), flags(e)] for e in entries)
    return md_table(header, rows)


def print_table(entries: Sequence[Entry]) -> None:
    from rich.table import Table
    from rich.text import Text

    from fanjournal.render.console import console

    table = Table(box=None, header_style="bold", pad_edge=False, expand=False)
    table.add_column(_("id"), style="dim", no_wrap=True)
    table.add_column(_("date"), no_wrap=True)
    table.add_column(_("moment"), style="cyan", no_wrap=True)
    table.add_column(_("customer"), style="green", max_width=18)
    table.add_column(_("what you did"), ratio=1, min_width=20)
    table.add_column("", no_wrap=True, style="yellow")
    for e in entries:
        text = Text(e.text)
        if e.tags:
            text.append("  " + " ".join("#" + t for t in e.tags), style="dim")
        table.add_row(e.id, e.date.isoformat(), e.moment, Text(e.customer or ""), text,
                      flags(e))
    out = console()
    out.print(table)
    if len(entries) > 1:
        out.print(_("{n} fans").format(n=len(entries)), style="dim")


def print_entry(entry: Entry, currency: str) -> None:
    from rich.table import Table
    from rich.text import Text

    from fanjournal.render.console import console

    table = Table.grid(padding=(0, 2))
    table.add_column(style="bold", no_wrap=True)
    table.add_column(overflow="fold")
    rows = [
        (_("id"), entry.id),
        (_("date"), entry.date.isoformat()),
        (_("moment"), f"{entry.moment} ({moment_label(entry.moment)})"),
        (_("customer"), entry.customer or ""),
        (_("text"), entry.text),
        (_("quote"), f"“{entry.quote}”" if entry.quote else ""),
        (_("tags"), " ".join("#" + t for t in entry.tags)),
        (_("score"), "" if entry.score is None else f"{entry.score}/10"),
        (_("cost"), "" if entry.cost is None else f"{entry.cost} {currency}"),
        (_("minutes"), "" if entry.minutes is None else str(entry.minutes)),
        (_("peak"), _("yes") if entry.peak else ""),
        (_("gold"), _("yes") if entry.gold else ""),
        (_("created"), entry.created.isoformat()),
    ]
    rows += [(key, str(value)) for key, value in entry.extra.items()]
    for label, value in rows:
        if value:
            table.add_row(Text(label), Text(value))  # Text: data is never read as markup
    console().print(table)
