"""`fan nps` on screen or as JSON: the score, the three groups as a bar, the months, the
customers."""

import json
from typing import TYPE_CHECKING

from fanjournal.i18n import _, ngettext
from fanjournal.nps import MEANINGFUL, Report, Score

if TYPE_CHECKING:
    from rich.text import Text

COLOURS = {"promoter": "green", "passive": "yellow", "detractor": "red"}
GLYPHS = {"promoter": "█", "passive": "▒", "detractor": "░"}  # apart without colour too


def signed(value: int) -> str:
    return f"+{value}" if value > 0 else str(value).replace("-", "−")


def group_label(group: str) -> str:
    return {"promoter": _("promoter"), "passive": _("passive"),
            "detractor": _("detractor")}[group]


def group_title(group: str) -> str:
    return {"promoter": _("Promoters (9–10)"), "passive": _("Passives (7–8)"),
            "detractor": _("Detractors (0–6)")}[group]


def meaning_line(score: Score) -> str | None:
    """None when the score is meaningful; otherwise how many answers are still needed."""
    if score.meaningful:
        return None
    missing = MEANINGFUL - score.answers
    return ngettext(
        "Not yet meaningful: {n} answer so far; from {m} on the number starts to say something "
        "({k} more to go).",
        "Not yet meaningful: {n} answers so far; from {m} on the number starts to say something "
        "({k} more to go).", score.answers).format(n=score.answers, m=MEANINGFUL, k=missing)


def as_json(report: Report) -> str:
    return json.dumps(report.to_json(), ensure_ascii=False, indent=2) + "\n"


def distribution(score: Score, width: int = 40) -> "Text":
    """A bar of the three groups in their colours, widths by share."""
    from rich.text import Text

    bar = Text()
    if not score.answers:
        return Text("·" * width, style="dim")
    counts = {"promoter": score.promoters, "passive": score.passives,
              "detractor": score.detractors}
    # largest remainder, so the three parts always fill the bar exactly
    raw = {g: counts[g] * width / score.answers for g in counts}
    cells = {g: int(raw[g]) for g in raw}
    for g in sorted(raw, key=lambda g: raw[g] - cells[g], reverse=True)[:width - sum(
            cells.values())]:
        cells[g] += 1
    for group in ("detractor", "passive", "promoter"):
        bar.append(GLYPHS[group] * cells[group], style=COLOURS[group])
    return bar


def _score_text(score: Score) -> "Text":
    from rich.text import Text

    if score.value is None:
        return Text("–", style="dim")
    style = "green" if score.value > 0 else "red" if score.value < 0 else ""
    if not score.meaningful:
        style = "dim"
    return Text(signed(score.value), style=style)


def print_report(report: Report, period_title: str) -> None:
    from rich.table import Table
    from rich.text import Text

    from fanjournal.render.console import console

    out = console()
    score = report.score
    out.print(Text(_("Net Promoter Score — {period}").format(period=period_title), style="bold"))
    if score.value is None:
        out.print(_("No answers in this period yet. A fan's score counts (fan add … --score 9), "
                    "and so does a survey answer: fan nps add 9 --customer \"Anna\""))
        return
    out.print()
    headline = Text(_("NPS "), style="bold")
    headline.append_text(_score_text(score))
    headline.append("  ")
    headline.append(ngettext("from {n} answer", "from {n} answers", score.answers).format(
        n=score.answers), style="dim")
    out.print(headline)
    meaning = meaning_line(score)
    if meaning:
        out.print(Text(meaning, style="yellow"))
    out.print(distribution(score))
    groups = Table.grid(padding=(0, 2))
    groups.add_column(no_wrap=True)
    groups.add_column(no_wrap=True)
    groups.add_column(justify="right", no_wrap=True)
    for group, count in (("promoter", score.promoters), ("passive", score.passives),
                         ("detractor", score.detractors)):
        groups.add_row(Text(f"{GLYPHS[group]} {count}", style=COLOURS[group]),
                       group_title(group), Text(f"{score.percent(group)}%", style="dim"))
    out.print(groups)

    # the trend from the first month with answers: leading empty months say nothing
    first = next((i for i, m in enumerate(report.months) if m.score.answers), 0)
    shown_months = report.months[first:]
    if len(shown_months) > 1:
        out.print()
        out.print(Text(_("Per month"), style="bold"))
        table = Table(box=None, header_style="bold", pad_edge=False)
        table.add_column(_("month"), no_wrap=True)
        table.add_column(_("NPS"), justify="right")
        table.add_column(_("answers"), justify="right")
        table.add_column("", no_wrap=True)
        for month in shown_months:
            table.add_row(month.month.strftime("%Y-%m"), _score_text(month.score),
                          str(month.score.answers) if month.score.answers else "",
                          distribution(month.score, 20) if month.score.answers else "")
        out.print(table)

    if report.customers:
        out.print()
        out.print(Text(_("Per customer"), style="bold"))
        table = Table(box=None, header_style="bold", pad_edge=False)
        table.add_column(_("customer"), ratio=1, max_width=30)
        table.add_column(_("answers"), justify="right")
        table.add_column(_("last"), justify="right", no_wrap=True)
        table.add_column(_("NPS"), justify="right")
        for customer in report.customers:
            last = customer.last
            table.add_row(Text(customer.customer), str(customer.score.answers),
                          Text(f"{last.score} ({group_label(last.group)})",
                               style=COLOURS[last.group]),
                          _score_text(customer.score))
        out.print(table)
        out.print(Text(_("Per customer, few answers say little: read it as a list of who to "
                         "call."), style="dim"))


def print_answers(report: Report) -> None:
    """Every answer of the period, for checking and for `fan nps rm`."""
    from rich.table import Table
    from rich.text import Text

    from fanjournal.render.console import console

    table = Table(box=None, header_style="bold", pad_edge=False)
    table.add_column(_("id"), no_wrap=True, style="dim")
    table.add_column(_("date"), no_wrap=True)
    table.add_column(_("score"), justify="right")
    table.add_column(_("customer"), max_width=18)
    table.add_column(_("note"), ratio=1)
    for answer in reversed(report.answers):
        table.add_row(answer.id or answer.entry or "", answer.date.isoformat(),
                      Text(str(answer.score), style=COLOURS[answer.group]),
                      Text(answer.customer or ""), Text(answer.note or ""))
    console().print(table)
