""""Nee, maar…" templates, moment coaching and ideas, drawn with Rich for the terminal.

Every template, idea and filled-in value is data: it goes into Rich as `Text`, never as markup.
Lines are wrapped here with a hanging indent and no trailing spaces, so the output reads well
at 80 columns and copies cleanly from a pipe.
"""

from collections.abc import Sequence
from typing import TYPE_CHECKING

from fanjournal.i18n import _

if TYPE_CHECKING:
    from rich.console import Console
    from rich.text import Text

    from fanjournal.coaching import Coaching
    from fanjournal.templates import Idea, IdeaGroup, Situation

OPEN_STYLE = "bold yellow"  # a placeholder still to fill in


def _with_open_placeholders(text: str) -> "Text":
    from rich.text import Text

    from fanjournal.templates import PLACEHOLDER

    shown = Text(text)
    shown.highlight_regex(PLACEHOLDER.pattern, style=OPEN_STYLE)
    return shown


def _plain(text: str, style: str = "") -> "Text":
    from rich.text import Text

    return Text(text, style=style)


def _rows(out: "Console", rows: Sequence[tuple[str, "Text"]], label_style: str = "bold",
          indent: int = 0, gap: int = 2) -> None:
    """Labelled rows: the label in a column of its own, the text wrapped beside it."""
    from rich.cells import cell_len
    from rich.text import Text

    label_width = max((cell_len(label) for label, _text in rows), default=0)
    left = indent + label_width + (gap if label_width else 0)
    width = max(out.width - left, 20)
    for label, text in rows:
        for number, line in enumerate(text.wrap(out, width)):
            line.rstrip()
            prefix = Text(" " * indent)
            if number == 0 and label:
                prefix.append(label, style=label_style)
                prefix.append(" " * (left - indent - cell_len(label)))
            else:
                prefix.append(" " * (left - indent))
            out.print(prefix + line if line.plain else prefix.plain.rstrip(), soft_wrap=True)


def _hint(out: "Console", text: str) -> None:
    _rows(out, [("", _plain(text, "dim"))])


def print_situation_list(situations: Sequence["Situation"]) -> None:
    from fanjournal.render.console import console

    out = console()
    out.print(_plain(_("\"No, but…\": pick the situation you are in."), "bold"))
    rows = []
    for situation in situations:
        title = _plain(situation.title)
        if situation.own:
            title.append(" " + _("(yours)"), style="green")
        rows.append((situation.name, title))
    _rows(out, rows, label_style="cyan", indent=2)
    example = situations[0].name if situations else "price"
    _hint(out, _("Show the words: fan nee {example}. Search: fan nee --search WORD. "
                 "Your own: fan nee --path.").format(example=example))


def print_situations(situations: Sequence["Situation"]) -> None:
    from fanjournal.render.console import console

    out = console()
    for number, situation in enumerate(situations):
        if number:
            out.print()
        heading = _plain(situation.name, "bold cyan")
        heading.append(" — ")
        heading.append(situation.title, style="bold")
        if situation.own:
            heading.append(" " + _("(yours)"), style="green")
        _rows(out, [("", heading)])
        rows = [("✗", _with_open_placeholders(situation.no))]  # the no …
        rows += [("→", _with_open_placeholders(text)) for text in situation.but]  # … but
        _rows(out, rows, indent=2)


def print_fill_hint(command: str, names: Sequence[str]) -> None:
    """Say how to fill the placeholders that are still open."""
    from fanjournal.render.console import console

    fills = " ".join(f"--fill {name}=…" for name in names)
    _hint(console(), _("Fill in the gaps: {command} {fills}").format(command=command,
                                                                       fills=fills))


def print_moment_list(coachings: Sequence["Coaching"]) -> None:
    from fanjournal.render.console import console

    out = console()
    out.print(_plain(_("The moments to make a fan:"), "bold"))
    _rows(out, [(c.moment, _plain(c.summary)) for c in coachings], label_style="cyan", indent=2)
    _hint(out, _("Steps for one moment: fan coach klacht"))


def print_moment(coaching: "Coaching") -> None:
    from fanjournal.render.console import console

    out = console()
    heading = _plain(coaching.moment, "bold cyan")
    heading.append(" — ")
    heading.append(coaching.title, style="bold")
    _rows(out, [("", heading)])
    _rows(out, [("", _plain(coaching.summary))])
    out.print()
    _rows(out, [(f"{number}.", _plain(step))
                for number, step in enumerate(coaching.steps, start=1)], indent=2, gap=1)
    out.print()
    _rows(out, [(_("Afterwards"), _plain(coaching.afterwards)),
                (_("Your answer"), _plain(coaching.answer))], indent=2)
    out.print()
    hints = {
        "nee-maar": _("Words for it: fan nee. Log it: fan add \"…\" -m nee-maar"),
        "zomaar": _("An idea for today: fan idea. Log it: fan add \"…\" -m zomaar"),
    }
    _hint(out, hints.get(coaching.moment, _("Log it: fan add \"…\" -m {moment}").format(
        moment=coaching.moment)))


def print_idea(idea: "Idea", another: bool) -> None:
    from fanjournal.render.console import console

    out = console()
    out.print(_plain(_("Another idea:") if another else _("Your idea for today:"), "bold"))
    _rows(out, [("", _plain(idea.text)), ("", _plain(idea.group_title, "dim italic"))],
          indent=2)
    out.print()
    _hint(out, _("When they ask why: \"Just because!\" Log it: fan add \"…\" -m zomaar. "
                 "Something else: fan idea --another"))


def print_idea_groups(groups: Sequence["IdeaGroup"]) -> None:
    from fanjournal.render.console import console

    out = console()
    for number, group in enumerate(groups):
        if number:
            out.print()
        out.print(_plain(group.title, "bold"))
        _rows(out, [("•", _plain(idea)) for idea in group.ideas], indent=1, gap=1)
