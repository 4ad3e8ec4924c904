"""Escaping for the plain formats that carry customer data: CSV, Markdown and HTML."""

import csv
import html
import io
import re
from collections.abc import Iterable, Sequence

_CSV_FORMULA = ("=", "+", "-", "@", "\t", "\r")
_PLAIN_NUMBER = re.compile(r"-?\d+(\.\d+)?")
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]<>()#+!|~])")


def csv_cell(value: object) -> str:
    """A cell a spreadsheet will not run: text starting like a formula gets a leading quote."""
    text = "" if value is None else str(value)
    if text.startswith(_CSV_FORMULA) and not _PLAIN_NUMBER.fullmatch(text):
        return "'" + text
    return text


def csv_table(header: Sequence[str], rows: Iterable[Sequence[object]]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(header)
    for row in rows:
        writer.writerow([csv_cell(cell) for cell in row])
    return out.getvalue()


def md(value: object) -> str:
    """Markdown-safe inline text: special characters escaped, line breaks flattened."""
    text = "" if value is None else str(value)
    text = " ".join(text.split())
    return _MD_SPECIAL.sub(r"\\\1", text)


def md_table(header: Sequence[str], rows: Iterable[Sequence[object]]) -> str:
    lines = ["| " + " | ".join(md(h) for h in header) + " |",
             "|" + "|".join("---" for _ in header) + "|"]
    lines += ["| " + " | ".join(md(cell) for cell in row) + " |" for row in rows]
    return "\n".join(lines) + "\n"


def html_text(value: object) -> str:
    return html.escape("" if value is None else str(value), quote=True)
