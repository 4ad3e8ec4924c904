"""`fan status`, `fan report` and `fan off --list` drawn: Rich, JSON, Markdown, CSV, and the Rich
view exported as HTML or SVG. Every format is drawn from the same computed dataclasses
(`reports.Status`, `reports.Report`); nothing here computes a figure."""

import datetime as dt
import io
import json
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from fanjournal.dates import Period
from fanjournal.i18n import _, ngettext
from fanjournal.pace import Pace
from fanjournal.render.names import month_long, month_name, month_title, weekday_long, weekday_name
from fanjournal.reports import Glance, Report, Status
from fanjournal.streaks import Streak, StreakState
from fanjournal.workdays import OffRun

if TYPE_CHECKING:
    from rich.console import RenderableType
    from rich.text import Text

REPORT_FORMATS = ("rich", "json", "markdown", "csv")
STATUS_FORMATS = ("rich", "json")
EXPORT_SUFFIXES = (".html", ".htm", ".svg")
EXPORT_WIDTH = 120
STORIES_SHOWN = 12  # a year's peaks can be many; Rich and Markdown show the first this many

# The heatmap: one glyph per day, darker for more fans. Without colour the glyph carries the
# level; in colour every day with fans is a square and the colour carries it.
LEVELS = ("·", "░", "▒", "▓", "█")
SQUARE = "■"
LEVEL_STYLES = ("grey50", "#9be9a8", "#40c463", "#30a14e", "#216e39")
OFF_GLYPH = "◦"
OFF_STYLE = "#4a90d9"
PACE_MARK = "┃"


# --- words for dates and counts


def day_label(day: dt.date, year: bool = False) -> str:
    """Fri 20 Nov, or Fri 20 Nov 2026."""
    if year:
        return _("{weekday} {day} {month} {year}").format(
            weekday=weekday_name(day), day=day.day, month=month_name(day.month), year=day.year)
    return _("{weekday} {day} {month}").format(
        weekday=weekday_name(day), day=day.day, month=month_name(day.month))


def span_label(start: dt.date, end: dt.date, year: bool = True) -> str:
    """Mon 9 Nov – Fri 13 Nov 2026 (with `year=False` the year only when the span crosses one)."""
    crosses = start.year != end.year
    if start == end:
        return day_label(start, year=year)
    return _("{start} – {end}").format(start=day_label(start, year=crosses),
                                      end=day_label(end, year=year or crosses))


def period_title(period: Period) -> str:
    if period.kind == "week":
        year, week = period.label.split("-W")
        return _("Week {week} of {year}").format(week=int(week), year=year)
    if period.kind == "month":
        return month_title(period.start)
    if period.kind == "year":
        return str(period.start.year)
    return _("{start} to {end}").format(start=period.start.isoformat(),
                                        end=period.end.isoformat())


def fans_count(n: int) -> str:
    return ngettext("{n} fan", "{n} fans", n).format(n=n)


def working_days_count(n: int) -> str:
    return ngettext("{n} working day", "{n} working days", n).format(n=n)


def one_decimal(value: float) -> str:
    """1.7, or 1,7 in Dutch."""
    from fanjournal.i18n import language

    text = f"{value:.1f}"
    return text.replace(".", ",") if language() == "nl" else text


def signed(n: int) -> str:
    return f"+{n}" if n > 0 else str(n)


def streak_words(streak: Streak) -> str:
    if not streak.length or streak.start is None or streak.end is None:
        return _("none yet")
    return _("{days} ({span})").format(days=working_days_count(streak.length),
                                      span=span_label(streak.start, streak.end))


def streak_safety(state: StreakState, working_today: bool, fans_today: int) -> str:
    if state.at_risk:
        return _("at risk: log a fan today to keep it")
    if fans_today:
        return _("safe today")
    if not working_today:
        return _("safe: today is not a working day")
    return _("log a fan today to start one")


def pace_words(pace: Pace) -> str:
    """expected 266 by today: 16 behind · on course for 282"""
    if pace.difference > 0:
        where = _("{n} ahead").format(n=pace.difference)
    elif pace.difference < 0:
        where = _("{n} behind").format(n=-pace.difference)
    else:
        where = _("on pace")
    if pace.remaining:
        text = _("expected {expected} by now: {where}").format(expected=pace.expected_whole,
                                                              where=where)
    else:  # a year that is over
        text = _("expected {expected} by the end of {year}: {where}").format(
            expected=pace.expected_whole, year=pace.year, where=where)
    if pace.projected is not None and pace.remaining:
        text += " · " + _("on course for {n}").format(n=pace.projected)
    return text


def needed_words(pace: Pace) -> str:
    if pace.reached:
        return _("target of {target} reached").format(target=pace.target)
    if pace.needed_per_day is None:
        return _("the year is over: {n} short of {target}").format(
            n=pace.target - pace.fans, target=pace.target)
    return _("{rate} fans a working day to reach {target} ({days} left)").format(
        rate=one_decimal(pace.needed_per_day), target=pace.target,
        days=working_days_count(pace.remaining))


def change_words(report: Report) -> str:
    previous = report.previous
    if previous.percent is None:
        change = signed(previous.change)
    else:
        change = _("{change} ({percent}%)").format(change=signed(previous.change),
                                                  percent=signed(round(previous.percent)))
    if previous.partial:
        return _("{change} against the same days of {label} ({fans}, {span})").format(
            change=change, label=previous.label, fans=fans_count(previous.fans),
            span=span_label(previous.start, previous.end, year=False))
    return _("{change} against {label} ({fans})").format(
        change=change, label=previous.label, fans=fans_count(previous.fans))


def moment_name(moment: str) -> str:
    from fanjournal.render.entries import moment_label

    return _("{moment} ({meaning})").format(moment=moment, meaning=moment_label(moment))


ADD_HINT = 'fan add "what you did"'


def empty_journal_line() -> str:
    return _("No fans yet. Make a customer a fan today, then log it with:") + "\n  " + ADD_HINT


def empty_period_line(report: Report) -> str:
    if not report.started:
        return _("{label} has not started yet; fan report shows this week.").format(
            label=report.period.label)
    return _("No fans in {label} yet. Make one today, then log it with:").format(
        label=report.period.label) + "\n  " + ADD_HINT


# --- plain data (JSON, and the rows of CSV)


def streak_data(streak: Streak) -> dict[str, Any]:
    return {"length": streak.length,
            "start": streak.start.isoformat() if streak.start else None,
            "end": streak.end.isoformat() if streak.end else None}


def pace_data(pace: Pace) -> dict[str, Any]:
    return {
        "year": pace.year, "target": pace.target, "fans": pace.fans,
        "working_days": pace.working_days, "elapsed": pace.elapsed,
        "remaining": pace.remaining, "expected": round(pace.expected, 2),
        "expected_whole": pace.expected_whole, "difference": pace.difference,
        "projected": pace.projected,
        "needed_per_day": None if pace.needed_per_day is None else round(pace.needed_per_day, 2),
        "reached": pace.reached,
    }


def period_data(period: Period) -> dict[str, Any]:
    return {"kind": period.kind, "label": period.label, "start": period.start.isoformat(),
            "end": period.end.isoformat()}


def status_data(status: Status) -> dict[str, Any]:
    return {
        "today": status.today.isoformat(),
        "fans_today": status.fans_today,
        "working_today": status.working_today,
        "reason_today": status.reason_today,
        "week": {**period_data(status.week), "fans": status.fans_week,
                 "working_days": status.working_days_week,
                 "active_days": status.active_days_week},
        "streak": {"current": streak_data(status.streak.current),
                   "longest": streak_data(status.streak.longest),
                   "at_risk": status.streak.at_risk},
        "pace": pace_data(status.pace),
        "total_fans": status.total_fans,
    }


def report_data(report: Report) -> dict[str, Any]:
    previous = report.previous
    return {
        "period": period_data(report.period),
        "today": report.today.isoformat(),
        "as_of": report.as_of.isoformat(),
        "fans": report.fans,
        "working_days": report.working_days,
        "working_days_so_far": report.working_days_so_far,
        "active_days": report.active_days,
        "off_days": report.off_days,
        "moments": dict(report.moments),
        "days": [{"date": day.date.isoformat(), "fans": day.fans, "working": day.working,
                  "reason": day.reason, "off": day.off, "future": day.future,
                  "moments": dict(day.moments)} for day in report.days],
        "buckets": {"kind": report.bucket_kind or None,
                    "items": [{"label": b.label, "start": b.start.isoformat(),
                               "end": b.end.isoformat(), "fans": b.fans,
                               "working_days": b.working_days, "active_days": b.active_days}
                              for b in report.buckets]},
        "top_customers": [{"customer": name, "fans": n} for name, n in report.customers],
        "stories": [entry.to_json() for entry in report.stories],
        "streak": {"current": streak_data(report.streak.current),
                   "longest": streak_data(report.streak.longest),
                   "longest_in_period": streak_data(report.period_longest),
                   "at_risk": report.streak.at_risk},
        "pace": pace_data(report.pace),
        "previous": {"label": previous.label, "start": previous.start.isoformat(),
                     "end": previous.end.isoformat(), "fans": previous.fans,
                     "change": previous.change, "percent": previous.percent,
                     "partial": previous.partial},
    }


def as_json(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def report_csv(report: Report, extra: Sequence[tuple[object, ...]] = ()) -> str:
    """The report as one long table: section, key, value, detail (a spreadsheet can pivot it)."""
    from fanjournal.render.text import csv_table

    data = report_data(report)
    rows: list[tuple[object, ...]] = [
        *_csv_figures(report, data),
        *[("moment", moment, n, "") for moment, n in report.moments],
        *_csv_days(data["days"]),
        *[(report.bucket_kind, b.label, b.fans, f"{b.active_days}/{b.working_days} working days")
          for b in report.buckets if report.bucket_kind],
        *[("customer", name, n, "") for name, n in report.customers],
        *[("story", e.id, e.text, _csv_story_detail(e)) for e in report.stories],
        *_csv_streak_pace(data),
    ]
    return csv_table(("section", "key", "value", "detail"), [*rows, *extra])


def _csv_value(value: object) -> object:
    """A value as CSV shows it: None empty, booleans as true/false, the rest as it is."""
    if value is None:
        return ""
    return str(value).lower() if isinstance(value, bool) else value


def _csv_figures(report: Report, data: dict[str, Any]) -> list[tuple[object, ...]]:
    """The period, its summary counts and the comparison with the previous period."""
    previous = data["previous"]
    return [
        ("period", "kind", report.period.kind, ""),
        ("period", "label", report.period.label, ""),
        ("period", "start", data["period"]["start"], ""),
        ("period", "end", data["period"]["end"], ""),
        ("period", "as_of", data["as_of"], ""),
        *[("summary", key, data[key], "") for key in
          ("fans", "working_days", "working_days_so_far", "active_days", "off_days")],
        ("previous", "label", previous["label"], f"{previous['start']}..{previous['end']}"),
        ("previous", "fans", previous["fans"], "partial" if previous["partial"] else ""),
        ("previous", "change", previous["change"], ""),
        ("previous", "percent", _csv_value(previous["percent"]), ""),
    ]


def _csv_days(days: list[dict[str, Any]]) -> list[tuple[object, ...]]:
    """A row a day; the detail is the reason it is not a working day, and "future"."""
    rows: list[tuple[object, ...]] = []
    for day in days:
        detail = day["reason"] or ""
        if day["future"]:
            detail = (detail + "; " if detail else "") + "future"
        rows.append(("day", day["date"], day["fans"], detail))
    return rows


def _csv_story_detail(entry: Any) -> str:
    return " ".join(filter(None, [entry.date.isoformat(), entry.moment, entry.customer or "",
                                  "peak" if entry.peak else "", "gold" if entry.gold else ""]))


def _csv_streak_pace(data: dict[str, Any]) -> list[tuple[object, ...]]:
    streak = data["streak"]
    rows: list[tuple[object, ...]] = []
    for key in ("current", "longest", "longest_in_period"):
        value = streak[key]
        span = f"{value['start']}..{value['end']}" if value["length"] else ""
        rows.append(("streak", key, value["length"], span))
    rows.append(("streak", "at_risk", _csv_value(streak["at_risk"]), ""))
    rows += [("pace", key, _csv_value(value), "") for key, value in data["pace"].items()]
    return rows


# --- Markdown


def _md_own(text: str) -> str:
    """Our own sentence in Markdown: only what would break a line or a table is escaped."""
    return " ".join(text.split()).replace("|", "\\|")


def _md_table(header: Sequence[str], rows: Iterable[Sequence[str]]) -> list[str]:
    """A Markdown table of cells that are already safe (data through `md`, ours `_md_own`)."""
    lines = ["| " + " | ".join(_md_own(h) for h in header) + " |",
             "|" + "|".join("---" for _h in header) + "|"]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return [*lines, ""]


def report_markdown(report: Report) -> str:
    """The report as Markdown; customer data (names, stories, reasons) is escaped."""
    from fanjournal.render.text import md

    period = report.period
    lines = [f"# {_md_own(period_title(period))} ({_md_own(span_label(period.start, period.end))})",
             ""]
    if report.empty:
        lines += [_md_own(empty_period_line(report)), ""]
        return "\n".join(lines)
    lines += [_md_own(_md_summary(report)), ""]
    lines += _md_buckets(report) if report.bucket_kind else _md_days(report)
    lines += [f"## {_md_own(_('Moments'))}", ""]
    lines += _md_table([_("Moment"), _("Fans")],
                       [[_md_own(moment_name(m)), str(n)] for m, n in report.moments])
    if _shows_customers(report):
        lines += [f"## {_md_own(_('Top customers'))}", ""]
        lines += _md_table([_("Customer"), _("Fans")],
                           [[md(name), str(n)] for name, n in report.customers])
    lines += _md_stories(report)
    lines += [f"## {_md_own(_('Streak and pace'))}", ""]
    lines += [f"- {_md_own(line)}" for line in streak_pace_lines(report)]
    return "\n".join(lines) + "\n"


def _md_summary(report: Report) -> str:
    return (_("{fans} on {active} of {working} · {change}") if _is_over(report) else
            _("{fans} on {active} of {working} so far · {change}")).format(
        fans=fans_count(report.fans), active=report.active_days,
        working=working_days_count(report.working_days_so_far), change=change_words(report))


def _md_days(report: Report) -> list[str]:
    from fanjournal.render.text import md

    return [f"## {_md_own(_('Days'))}", "", *_md_table(
        [_("Day"), _("Fans"), _("Moments"), _("Note")],
        [[_md_own(day_label(day.date)), "" if day.future else str(day.fans),
          _md_own(_moments_words(day.moments)), md(day.reason or "")] for day in report.days])]


def _md_buckets(report: Report) -> list[str]:
    """The calendar of a year, then the fans per month or year."""
    lines = []
    if report.period.kind == "year":
        lines += [f"## {_md_own(_('Calendar'))}", "", "```",
                  *heatmap_lines(report, 1), "", legend_text(), "```", ""]
    lines += [f"## {_md_own(_buckets_heading(report))}", ""]
    lines += _md_table(
        [_("Period"), _("Fans"), _("Working days with a fan")],
        [[b.label, "", ""] if b.start > report.as_of else
         [b.label, str(b.fans), f"{b.active_days} / {b.working_days}"]
         for b in report.buckets])
    return lines


def _md_stories(report: Report) -> list[str]:
    """The first STORIES_SHOWN peaks and golden stories, and how to list the rest."""
    from fanjournal.render.text import md

    if not report.stories:
        return []
    lines = [f"## {_md_own(_('Peaks and golden stories'))}", ""]
    for entry in report.stories[:STORIES_SHOWN]:
        head = " · ".join(filter(None, [
            f"**{entry.id}**", _md_own(day_label(entry.date, year=True)), entry.moment,
            md(entry.customer or ""), _md_own(story_marks(entry))]))
        lines.append(f"- {head}  ")
        lines.append(f"  {md(entry.text)}")
    if len(report.stories) > STORIES_SHOWN:
        lines.append("- " + _md_own(more_stories_line(report)))
    lines.append("")
    return lines


def story_marks(entry: Any) -> str:
    marks = []
    if entry.peak:
        marks.append(_("★ peak"))
    if entry.gold:
        marks.append(_("◆ gold"))
    return " ".join(marks)


def more_stories_line(report: Report) -> str:
    return _("… and {n} more: fan list --peak (or --gold) --from {start} --to {end}").format(
        n=len(report.stories) - STORIES_SHOWN, start=report.period.start.isoformat(),
        end=report.period.end.isoformat())


def streak_pace_lines(report: Report) -> list[str]:
    pace = report.pace
    lines = [
        _("Current streak: {streak}").format(streak=streak_words(report.streak.current)),
        _("Longest streak: {streak}").format(streak=streak_words(report.streak.longest)),
    ]
    if report.period.length > 7:
        lines.append(_("Longest streak in {label}: {streak}").format(
            label=report.period.label, streak=streak_words(report.period_longest)))
    lines += [
        _("{year}: {fans} of {target} · {pace}").format(
            year=pace.year, fans=pace.fans, target=pace.target, pace=pace_words(pace)),
        needed_words(pace),
    ]
    return lines


# --- the heatmap (text lines; Rich adds the colours)


def heatmap_cells(report: Report) -> tuple[list[dt.date], dict[dt.date, Any]]:
    """The first day of each week column, and the report's days by date."""
    start = report.period.start
    first = start - dt.timedelta(days=(start.weekday() - report.week_start) % 7)
    columns = []
    while first <= report.period.end:
        columns.append(first)
        first += dt.timedelta(days=7)
    return columns, {day.date: day for day in report.days}


def cell(day: Any, colour: bool = False) -> tuple[str, str]:
    """The glyph and style of one day (None: a day outside the period)."""
    if day is None or (day.future and not day.off):
        return " ", ""
    if day.fans:
        level = min(day.fans, len(LEVELS) - 1)
        return SQUARE if colour else LEVELS[level], LEVEL_STYLES[level]
    if day.off:
        return OFF_GLYPH, OFF_STYLE
    if not day.working:
        return " ", ""
    return LEVELS[0], LEVEL_STYLES[0]


def heatmap_text(report: Report, cell_width: int, colour: bool = False) -> "Text":
    from rich.text import Text

    columns, by_date = heatmap_cells(report)
    label_width = max(len(weekday_name(dt.date(2024, 1, d))) for d in range(1, 8)) + 1
    text = Text(no_wrap=True, overflow="crop")
    # month names above the week in which each month starts
    header = [" "] * (label_width + len(columns) * cell_width)
    taken = 0
    for index, column in enumerate(columns):
        for offset in range(7):
            day = column + dt.timedelta(days=offset)
            if day.day == 1 and report.period.start <= day <= report.period.end:
                name = month_name(day.month)
                position = label_width + index * cell_width
                if position >= taken:
                    header[position:position + len(name)] = list(name)
                    taken = position + len(name) + 1
    text.append("".join(header).rstrip() + "\n", style="dim")
    for row in range(7):
        day_of_row = columns[0] + dt.timedelta(days=row)
        text.append(weekday_name(day_of_row).ljust(label_width), style="dim")
        for column in columns:
            glyph, style = cell(by_date.get(column + dt.timedelta(days=row)), colour)
            text.append(glyph, style=style)
            text.append(" " * (cell_width - 1))
        text.append("\n")
    return text


def heatmap_lines(report: Report, cell_width: int) -> list[str]:
    return [line.rstrip() for line in heatmap_text(report, cell_width).plain.splitlines()]


def legend_text() -> str:
    return _("less {levels} more   {off} day off or holiday").format(
        levels=" ".join(LEVELS), off=OFF_GLYPH)


def legend(colour: bool = False) -> "Text":
    from rich.text import Text

    text = Text()
    text.append(_("less") + " ", style="dim")
    for level, (glyph, style) in enumerate(zip(LEVELS, LEVEL_STYLES, strict=True)):
        text.append((SQUARE if colour and level else glyph) + " ", style=style)
    text.append(_("more") + "   ", style="dim")
    text.append(OFF_GLYPH, style=OFF_STYLE)
    text.append(" " + _("day off or holiday"), style="dim")
    return text


# --- Rich


def bar(value: int, biggest: int, width: int, style: str = "green") -> "Text":
    from rich.text import Text

    cells = round(width * value / biggest) if biggest else 0
    if value and not cells:
        cells = 1
    return Text("█" * cells, style=style)


def progress_bar(pace: Pace, width: int) -> "Text":
    """fans/target as a bar, with ┃ where the fans expected by now would reach."""
    from rich.text import Text

    filled = min(width, round(width * pace.fans / pace.target)) if pace.target else 0
    mark = min(width - 1, round(width * pace.expected / pace.target)) if pace.target else 0
    text = Text(no_wrap=True)
    for index in range(width):
        if index == mark and pace.elapsed and 0 < pace.expected < pace.target:
            text.append(PACE_MARK, style="bold yellow" if pace.difference < 0 else "bold")
        elif index < filled:
            text.append("█", style="green")
        else:
            text.append("░", style="grey50")
    return text


def status_renderable(status: Status, width: int) -> "RenderableType":
    from rich.console import Group
    from rich.table import Table
    from rich.text import Text

    today = status.today
    title = Text(_("{weekday} {day} {month} {year} · week {week}").format(
        weekday=weekday_long(today), day=today.day, month=month_long(today.month),
        year=today.year, week=status.week.label.split("-W")[1].lstrip("0")), style="bold")
    if status.empty:
        return Group(title, Text(empty_journal_line()))
    grid = Table.grid(padding=(0, 2))
    grid.add_column(style="bold", no_wrap=True)
    grid.add_column()
    if status.fans_today:
        today_text = Text("✓ " + fans_count(status.fans_today), style="green")
    elif not status.working_today:
        today_text = Text(_("no fan needed: "), style="dim")
        today_text.append(Text(status.reason_today or "", style="dim"))
    else:
        today_text = Text(_("no fan yet"), style="yellow")
    grid.add_row(_("Today"), today_text)

    streak = status.streak
    safety = streak_safety(streak, status.working_today, status.fans_today)
    line = Text(working_days_count(streak.current.length),
                style="bold green" if streak.current.length else "")
    if streak.current.start:
        line.append(" " + _("since {day}").format(day=day_label(streak.current.start)))
    line.append("\n")
    line.append(safety, style="bold yellow" if streak.at_risk else
                "green" if status.fans_today or not status.working_today else "")
    line.append("\n" + _("longest: {streak}").format(streak=streak_words(streak.longest)),
                style="dim")
    grid.add_row(_("Streak"), line)
    grid.add_row(_("This week"), Text(_("{fans} on {active} of {working}").format(
        fans=fans_count(status.fans_week), active=status.active_days_week,
        working=working_days_count(status.working_days_week))))

    pace = status.pace
    bar_width = max(10, min(40, width - 30))
    year_line = progress_bar(pace, bar_width)
    year_line.append(f"  {pace.fans} / {pace.target}", style="bold")
    year_line.append("\n" + pace_words(pace) + "\n" + needed_words(pace))
    grid.add_row(str(pace.year), year_line)
    return Group(title, Text(""), grid)


def print_status(status: Status) -> None:
    from fanjournal.render.console import console

    out = console()
    out.print(status_renderable(status, out.width))


def prompt_segment(glance: Glance) -> str:
    """★3 12/300 — the streak (! when at risk today) and the year's fans against the target."""
    risk = "!" if glance.streak.at_risk else ""
    return f"★{glance.streak.current.length}{risk} {glance.fans_year}/{glance.target}"


def _days_table(report: Report) -> "RenderableType":
    from rich.table import Table
    from rich.text import Text

    table = Table(box=None, header_style="bold", pad_edge=False, show_edge=False)
    table.add_column(_("Day"), no_wrap=True)
    table.add_column(_("Fans"), justify="right", no_wrap=True)
    table.add_column("", no_wrap=True, style="green")
    table.add_column(_("Moments"), ratio=1)
    table.add_column(_("Note"), ratio=1, style="dim")
    for day in report.days:
        style = "dim" if not day.working or day.future else ""
        if day.date == report.today:
            style = "bold"
        note = Text(day.reason or "")
        if day.date == report.today:
            note = Text(_("today"))
        if day.future:
            count = ""
        elif day.fans or day.working:
            count = str(day.fans)
        else:
            count = ""
        moments = _moments_words(day.moments)
        table.add_row(Text(day_label(day.date), style=style), count,
                      "●" * min(day.fans, 10), moments, note)
    return table


def _buckets_table(report: Report, width: int) -> "RenderableType":
    from rich.table import Table
    from rich.text import Text

    table = Table.grid(padding=(0, 1))
    table.add_column(no_wrap=True)
    table.add_column(no_wrap=True)
    table.add_column(justify="right", no_wrap=True)
    table.add_column(no_wrap=True, style="dim")
    biggest = max((b.fans for b in report.buckets), default=0)
    bar_width = max(10, min(40, width - 40))
    for bucket in report.buckets:
        if report.bucket_kind == "month" and report.period.kind == "year":
            label = month_name(bucket.start.month)
        else:
            label = bucket.label
        if bucket.start > report.as_of:
            table.add_row(Text(label, style="dim"), "", "", "")
            continue
        table.add_row(label, bar(bucket.fans, biggest, bar_width), str(bucket.fans),
                      Text(_("{active}/{working} days").format(active=bucket.active_days,
                                                               working=bucket.working_days)))
    return table


def _moments_table(report: Report, width: int) -> "RenderableType":
    from rich.table import Table

    table = Table.grid(padding=(0, 1))
    table.add_column(no_wrap=True, style="cyan")
    table.add_column(no_wrap=True)
    table.add_column(justify="right", no_wrap=True)
    biggest = max((n for _m, n in report.moments), default=0)
    for moment, n in report.moments:
        table.add_row(moment_name(moment), bar(n, biggest, max(10, min(30, width - 40))),
                      str(n))
    return table


def _customers_table(report: Report) -> "RenderableType":
    from rich.table import Table
    from rich.text import Text

    table = Table.grid(padding=(0, 2))
    table.add_column(style="green", max_width=40)
    table.add_column(justify="right", no_wrap=True)
    for name, n in report.customers:
        table.add_row(Text(name), str(n))
    return table


def _stories(report: Report) -> "RenderableType":
    from rich.console import Group
    from rich.padding import Padding
    from rich.text import Text

    shown = report.stories if report.period.kind != "year" else report.stories[:STORIES_SHOWN]
    parts: list[RenderableType] = []
    for index, entry in enumerate(shown):
        if index:
            parts.append(Text(""))
        head = Text()
        head.append(story_marks(entry) + "  ", style="yellow")
        head.append(entry.id, style="dim")
        head.append(" · " + day_label(entry.date) + " · ")
        head.append(entry.moment, style="cyan")
        if entry.customer:
            head.append(" · ")
            head.append(Text(entry.customer, style="green"))
        parts.append(head)
        parts.append(Padding(Text(entry.text), (0, 0, 0, 4), expand=False))
    if len(shown) < len(report.stories):
        parts.append(Text(more_stories_line(report), style="dim"))
    return Group(*parts)


def _heading(text: str) -> "Text":
    from rich.text import Text

    return Text("\n" + text, style="bold underline")


def report_renderables(report: Report, width: int,
                       colour: bool = False) -> list["RenderableType"]:
    from rich.text import Text

    period = report.period
    title = Text(period_title(period), style="bold")
    title.append("  " + span_label(period.start, period.end), style="dim")
    parts: list[RenderableType] = [title]
    if report.empty:
        parts.append(Text(empty_period_line(report)))
        return parts
    summary = Text()
    summary.append(fans_count(report.fans), style="bold green")
    summary.append(" " + (_("on {active} of {working}") if _is_over(report) else
                          _("on {active} of {working} so far")).format(
        active=report.active_days, working=working_days_count(report.working_days_so_far)))
    if report.off_days:
        summary.append(" · " + ngettext("{n} day off", "{n} days off", report.off_days).format(
            n=report.off_days))
    summary.append("\n" + change_words(report), style="dim")
    parts.append(summary)

    if not report.bucket_kind:
        parts += [Text(""), _days_table(report)]
    else:
        if period.kind == "year":
            cell_width = 2 if width >= 8 + 54 * 2 else 1
            parts += [_heading(_("Calendar")), heatmap_text(report, cell_width, colour),
                      legend(colour)]
        parts += [_heading(_buckets_heading(report)), _buckets_table(report, width)]
    parts += [_heading(_("Moments")), _moments_table(report, width)]
    if _shows_customers(report):
        parts += [_heading(_("Top customers")), _customers_table(report)]
    if report.stories:
        parts += [_heading(_("Peaks and golden stories")), _stories(report)]
    parts += [_heading(_("Streak and pace")), _streak_pace(report, width)]
    return parts


def _streak_pace(report: Report, width: int) -> "RenderableType":
    from rich.table import Table
    from rich.text import Text

    grid = Table.grid(padding=(0, 2))
    grid.add_column(style="bold", no_wrap=True)
    grid.add_column()
    streak = report.streak
    current = Text(streak_words(streak.current), style="green" if streak.current.length else "")
    if streak.at_risk:
        current.append("\n" + _("at risk: log a fan today to keep it"), style="bold yellow")
    grid.add_row(_("Streak"), current)
    grid.add_row(_("Longest"), streak_words(streak.longest))
    if report.period.length > 7:
        grid.add_row(_("In {label}").format(label=report.period.label),
                     streak_words(report.period_longest))
    pace = report.pace
    line = progress_bar(pace, max(10, min(40, width - 30)))
    line.append(f"  {pace.fans} / {pace.target}", style="bold")
    line.append("\n" + pace_words(pace) + "\n" + needed_words(pace))
    grid.add_row(str(pace.year), line)
    return grid


def _moments_words(moments: Iterable[tuple[str, int]]) -> str:
    """A day's moments: "klacht ×2, zomaar"."""
    return ", ".join(f"{m} ×{n}" if n > 1 else m for m, n in moments)


def _buckets_heading(report: Report) -> str:
    return _("Fans per month") if report.bucket_kind == "month" else _("Fans per year")


def _shows_customers(report: Report) -> bool:
    """Top customers are shown for a year and for periods long enough to have buckets."""
    return bool(report.customers) and (report.period.kind == "year" or bool(report.bucket_kind))


def _is_over(report: Report) -> bool:
    """A period whose last day has passed: its counts are final, not "so far"."""
    return report.as_of >= report.period.end and report.as_of < report.today


def print_report(report: Report) -> None:
    from fanjournal.render.console import console

    out = console()
    colour = not out.no_color and out.color_system is not None
    for part in report_renderables(report, out.width, colour):
        out.print(part)


def export_report(report: Report, path: Path, extra: Sequence[Any] = ()) -> None:
    """Save the Rich view as HTML or SVG (Rich's own export), in colour, EXPORT_WIDTH wide."""
    from rich.console import Console

    from fanjournal.files import atomic_write
    from fanjournal.render.text import html_text

    recorder = Console(record=True, file=io.StringIO(), width=EXPORT_WIDTH, force_terminal=True,
                       color_system="truecolor", no_color=False, highlight=False,
                       soft_wrap=False, emoji=False, markup=False)
    for part in [*report_renderables(report, EXPORT_WIDTH, colour=True), *extra]:
        recorder.print(part)
    title = _("fan report: {title}").format(title=period_title(report.period))
    if path.suffix.lower() == ".svg":
        document = recorder.export_svg(title=title)
    else:
        safe_title = html_text(title).replace("{", "{{").replace("}", "}}")
        document = recorder.export_html(code_format=HTML_PAGE.replace("{title}", safe_title))
    atomic_write(path, document.encode("utf-8"))


# Rich fills {stylesheet}, {foreground}, {background} and {code}; {title} is ours.
HTML_PAGE = """<!DOCTYPE html>
<html>
<head>
<meta charset="UTF-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title}</title>
<style>
{stylesheet}
body {{
    color: {foreground};
    background-color: {background};
    margin: 2em;
}}
@media print {{ body {{ margin: 0; }} }}
</style>
</head>
<body>
<pre style="font-family:Menlo,'DejaVu Sans Mono',consolas,'Courier New',monospace;\
font-size:13px;line-height:1.25"><code style="font-family:inherit">{code}</code></pre>
</body>
</html>
"""


# --- days off


def days_off_data(runs: Sequence[OffRun], holidays: Iterable[tuple[dt.date, str]]) -> dict[
        str, Any]:
    return {
        "days_off": [{"start": r.start.isoformat(), "end": r.end.isoformat(),
                      "reason": r.reason, "days": r.count} for r in runs],
        "holidays": [{"date": day.isoformat(), "name": name} for day, name in holidays],
    }


def print_days_off(runs: Sequence[OffRun], holidays: Sequence[tuple[dt.date, str]],
                   country: str, year: int) -> None:
    from rich.table import Table
    from rich.text import Text

    from fanjournal.render.console import console

    out = console()
    if not runs:
        out.print(_("No days off recorded. Record one with: fan off 2026-12-24 --reason "
                    "\"Christmas shopping\""))
    else:
        table = Table(box=None, header_style="bold", pad_edge=False, show_edge=False)
        table.add_column(_("Days off"), no_wrap=True)
        table.add_column(_("Days"), justify="right", no_wrap=True)
        table.add_column(_("Reason"), ratio=1)
        for run in runs:
            table.add_row(span_label(run.start, run.end), str(run.count), Text(run.reason))
        out.print(table)
    if country:
        out.print()
        table = Table(box=None, header_style="bold", pad_edge=False, show_edge=False)
        table.add_column(_("Public holidays ({country}) in {year}").format(
            country=country, year=year), no_wrap=True)
        table.add_column("", ratio=1)
        for day, name in holidays:
            table.add_row(day_label(day, year=True), Text(name))
        out.print(table)
