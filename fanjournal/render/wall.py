"""The stories wall as Rich cards, a self-contained printable HTML page, or Markdown.

Every piece of customer data (name, story, quote) is escaped for its format by
`fanjournal.render.text` or wrapped in `rich.text.Text`, so a story can never inject markup.
The HTML page has no external assets: styles are inline, there are no images, fonts or scripts,
and it prints one card per page for the physical compliments wall.
"""

import datetime as dt
import re

from fanjournal.i18n import _, language, ngettext
from fanjournal.render.entries import moment_label
from fanjournal.render.names import month_long
from fanjournal.render.text import html_text, md
from fanjournal.wall import Story, Wall

EXPORT_FORMATS = {".html": "html", ".htm": "html", ".md": "markdown", ".markdown": "markdown"}


def long_date(day: dt.date) -> str:
    """18 November 2026 (month name in the language in force)."""
    return _("{day} {month} {year}").format(day=day.day, month=month_long(day.month),
                                           year=day.year)


def title() -> str:
    return _("Golden stories")


def kind(story: Story) -> str:
    if story.gold and story.peak:
        return _("Golden story · peak")
    return _("Golden story") if story.gold else _("Peak moment")


def badge(story: Story) -> str:
    return ("◆ " if story.gold else "") + ("★ " if story.peak else "") + kind(story)


def period(wall: Wall) -> str:
    if wall.start and wall.end:
        return _("{start} to {end}").format(start=long_date(wall.start), end=long_date(wall.end))
    if wall.start:
        return _("since {start}").format(start=long_date(wall.start))
    if wall.end:
        return _("until {end}").format(end=long_date(wall.end))
    return ""


def subtitle(wall: Wall) -> str:
    count = ngettext("{n} story", "{n} stories", len(wall.stories)).format(n=len(wall.stories))
    parts = [count, period(wall)]
    if wall.anonymized:
        parts.append(_("names replaced"))
    return " · ".join(p for p in parts if p)


def footer_text() -> str:
    return _("Printed from fan: one customer a fan every working day.")


def empty_message() -> str:
    return _("No golden stories or peaks here yet. When a customer tells you what you did for "
             "them, log it: fan add \"what you did\" --gold --quote \"what they said\"")


# --- Rich


def print_cards(wall: Wall) -> None:
    from rich.console import Group
    from rich.panel import Panel
    from rich.text import Text

    from fanjournal.render.console import console

    out = console()
    heading = Text(title(), style="bold")
    heading.append(" · " + subtitle(wall), style="dim")
    out.print(heading)
    for story in wall.stories:
        heading = Text(long_date(story.date), style="bold")
        if story.customer:
            heading.append(" · ")
            heading.append(story.customer, style="green")
        body: list[Text] = []
        if story.quote:
            body.append(Text(f"“{story.quote}”", style="italic"))
            body.append(Text(""))
        body.append(Text(story.text))
        out.print(Panel(
            Group(*body), title=heading, title_align="left",
            subtitle=Text(f"{badge(story)} · {moment_label(story.moment)}  {story.id}",
                          style="dim"),
            subtitle_align="right", border_style="yellow" if story.gold else "magenta",
            padding=(0, 1)))


# --- Markdown


def _md_paragraph(text: str) -> str:
    """Markdown-safe text that also cannot start a list, a heading or a rule."""
    escaped = md(text)
    if re.match(r"\d+[.)]", escaped):
        return re.sub(r"^(\d+)([.)])", r"\1\\\2", escaped)
    if escaped.startswith(("-", "=", ":")):
        return "\\" + escaped
    return escaped


def as_markdown(wall: Wall) -> str:
    lines = [f"# {md(title())}", "", f"_{md(subtitle(wall))}_", ""]
    for story in wall.stories:
        heading = long_date(story.date)
        if story.customer:
            heading += " · " + story.customer
        lines += [f"## {'◆ ' if story.gold else ''}{'★ ' if story.peak else ''}{md(heading)}",
                  "", f"*{md(kind(story))} · {md(moment_label(story.moment))}*", ""]
        if story.quote:
            lines += [f"> “{md(story.quote)}”", ""]
        lines += [_md_paragraph(story.text), ""]
    if not wall.stories:
        lines += [md(empty_message()), ""]
    return "\n".join(lines)


# --- HTML

_CSS = """
:root { --ink: #1f2328; --soft: #59636e; --gold: #b7791f; --peak: #8250df; --paper: #fffdf7; }
* { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; }
body { margin: 0; padding: 2rem 1.5rem 3rem; background: #f4f1ea; color: var(--ink);
  font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial,
  sans-serif; }
header.wall { max-width: 64rem; margin: 0 auto 1.5rem; }
header.wall h1 { margin: 0; font-size: 2rem; letter-spacing: .01em; }
header.wall p { margin: .25rem 0 0; color: var(--soft); }
main { max-width: 64rem; margin: 0 auto; display: grid; gap: 1.25rem;
  grid-template-columns: repeat(auto-fill, minmax(19rem, 1fr)); align-items: start; }
.card { background: var(--paper); border-radius: .75rem; padding: 1.25rem 1.4rem 1rem;
  border-top: .4rem solid var(--gold); box-shadow: 0 1px 3px rgba(0,0,0,.12);
  display: flex; flex-direction: column; gap: .75rem; break-inside: avoid; }
.card.peak { border-top-color: var(--peak); }
.badge { margin: 0; font-size: .8rem; font-weight: 600; text-transform: uppercase;
  letter-spacing: .06em; color: var(--gold); }
.card.peak .badge { color: var(--peak); }
blockquote { margin: 0; font-family: Georgia, "Times New Roman", serif; font-size: 1.3rem;
  line-height: 1.35; font-style: italic; }
blockquote p, .story { margin: 0; overflow-wrap: anywhere; }
.story { white-space: normal; }
.card footer { margin-top: auto; padding-top: .5rem; border-top: 1px solid #e6e0d4;
  color: var(--soft); font-size: .85rem; }
.who { color: var(--ink); font-weight: 600; }
.empty { max-width: 64rem; margin: 0 auto; color: var(--soft); }
footer.page { max-width: 64rem; margin: 2rem auto 0; color: var(--soft); font-size: .8rem; }
@page { size: A4 landscape; margin: 18mm; }
@media print {
  body { background: #fff; padding: 0; font-size: 14pt; }
  header.wall, footer.page { display: none; }
  main { display: block; max-width: none; }
  .card { box-shadow: none; border: 1.5pt solid #d8d0c0; border-top: 8pt solid var(--gold);
    min-height: 150mm; padding: 14mm 16mm 10mm; justify-content: center; gap: 8mm;
    break-after: page; page-break-after: always; }
  .card.peak { border-top-color: var(--peak); }
  .badge { margin-bottom: auto; font-size: 11pt; }  /* with the footer's auto margin: centred */
  .card:last-child { break-after: auto; page-break-after: auto; }
  blockquote { font-size: 28pt; }
  .story { font-size: 18pt; }
  .card footer { font-size: 12pt; }
  * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}
"""


def _html_block(text: str) -> str:
    """Escaped text with its line breaks kept."""
    return "<br>\n".join(html_text(line) for line in text.strip().splitlines())


def _card(story: Story) -> str:
    classes = "card" + (" gold" if story.gold else "") + (" peak" if story.peak and not
                                                           story.gold else "")
    parts = [f'<article class="{classes}">',
             f'<p class="badge">{html_text(badge(story))}</p>']
    if story.quote:
        parts.append(f"<blockquote><p>“{_html_block(story.quote)}”</p></blockquote>")
    parts.append(f'<p class="story">{_html_block(story.text)}</p>')
    meta = []
    if story.customer:
        meta.append(f'<span class="who">{html_text(story.customer)}</span>')
    meta.append(f'<time datetime="{story.date.isoformat()}">'
                f"{html_text(long_date(story.date))}</time>")
    meta.append(f'<span class="moment">{html_text(moment_label(story.moment))}</span>')
    parts.append("<footer>" + " · ".join(meta) + "</footer>")
    parts.append("</article>")
    return "\n".join(parts)


def as_html(wall: Wall) -> str:
    """A whole HTML document: open it in a browser, print it for the wall."""
    cards = "\n".join(_card(story) for story in wall.stories)
    if not wall.stories:
        cards = f'<p class="empty">{html_text(empty_message())}</p>'
    return f"""<!DOCTYPE html>
<html lang="{html_text(language())}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="fan">
<title>{html_text(title())}</title>
<style>{_CSS}</style>
</head>
<body>
<header class="wall">
<h1>{html_text(title())}</h1>
<p>{html_text(subtitle(wall))}</p>
</header>
<main>
{cards}
</main>
<footer class="page">{html_text(footer_text())}</footer>
</body>
</html>
"""
