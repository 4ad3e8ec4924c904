"""The prompt reminder: when the shell hook may speak, what it says, and the state file it reads.

The snippets in `fanjournal/hooks/` run before every prompt and must not start a process, so they
cannot ask Python anything. Whatever they need to judge any moment of the coming weeks is worked
out here whenever `fan` runs, and kept in a small line-based state file (`hook-state`):

    fan-hook-state 2
    journal <journal folder>      | newer than the state file: edited since, trust no "done"
    year <this year's file>       | and no follow-up count (the folder changes with any year
    config <config.toml>          | file, so a follow-up closed in last year's file counts)
    every <seconds>               remind_every
    until <epoch seconds>         the end of the days the windows cover
    message <text>                the reminder
    risk <text>                   the reminder on the day the streak is at risk
    followup1 <text>              the follow-up note when one is due, @N@ for the count
    followups <text>              the same when more are due
    window <start> <end> <kind> <due>
    …                             one per working day, oldest first: from remind_from until
                                  midnight, in epoch seconds; kind 0 = remind, 1 = a fan is
                                  logged that day, 2 = remind, the streak is at risk; due = the
                                  follow-ups due that day, overdue ones included (as the journal
                                  stood when the state was written: fan rewrites it after
                                  `fan follow-up done`, `skip` and `plan`, which change it)

One window per line lets a shell stop reading at the window that holds the time now, usually
the first or second.

A prompt outside every window (night, weekend, day off, holiday) says nothing. In a window it
says the reminder (kind 0 or 2), followed on the same line by ` · ` and the follow-up note when
follow-ups are due; on a day with a fan (kind 1) it says `fan: ` and the follow-up note alone,
or nothing. The shell picks `followup1` for a count of one and `followups` for any other, and
puts the count in place of `@N@` with builtins (`${text//@N@/$n}`, fish `string replace`): the
English and Dutch plural rule, ngettext's forms for 1 and 2. A prompt after the last window, or
with a missing, unreadable or outdated state file, reminds without the follow-up note: a stale
state may cost a needless reminder or leave out the follow-ups, never a wrong "you're done" or
a follow-up already done. After it speaks the shell writes the time it may speak next (now +
remind_every, epoch seconds) to `hook-quiet-until`, which every shell shares: one line per
remind_every, however many terminals are open.

Everything here is pure (`build`, `state_text`, `parse_state`, the snippets): today, the
calendar, the fans and the open follow-ups' due dates are parameters. `usecases/prompt.py`
gathers them from the journal and writes the file (`refresh`, `after_command`).
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from fanjournal.streaks import StreakState
    from fanjournal.workdays import Calendar

MAGIC = "fan-hook-state 2"
STATE_FILE = "hook-state"
QUIET_FILE = "hook-quiet-until"
PLACEHOLDER = "@N@"  # the follow-up count, filled in by the shell
HORIZON_DAYS = 35  # days covered ahead; any fan command rewrites a state older than a week
REFRESH_AFTER = 7 * 86400  # seconds; a state older than this is rewritten by the next fan command

REMIND, DONE, AT_RISK = 0, 1, 2


@dataclass(frozen=True)
class Window:
    """One working day: from remind_from until midnight, as epoch seconds."""

    start: int
    end: int
    kind: int  # REMIND, DONE or AT_RISK
    due: int = 0  # follow-ups due that day, overdue ones included


@dataclass(frozen=True)
class HookState:
    """Everything a prompt needs to decide, for any moment of the coming weeks."""

    watch: tuple[str, str, str]  # journal folder, this year's file, config.toml
    until: int  # epoch seconds: the end of the days the windows cover
    windows: tuple[Window, ...]
    every: int  # seconds between reminders
    message: str
    risk_message: str
    followup_notes: tuple[str, str] = ("", "")  # one due, more due; PLACEHOLDER for the count


# --- pure: what the state says


def epoch(day: dt.date, at: dt.time, zone: dt.tzinfo | None = None) -> int:
    """Epoch seconds of `day` at `at`, in `zone` (None: the local time zone)."""
    moment = dt.datetime.combine(day, at)
    if zone is not None:
        return int(moment.replace(tzinfo=zone).timestamp())
    return int(moment.astimezone().timestamp())


def risk_day(streaks: StreakState, calendar: Calendar, today: dt.date) -> dt.date | None:
    """The day a fan is needed to keep the current streak: today when it is at risk, else the
    next working day after the streak's last day. None without a streak."""
    current = streaks.current
    if current.end is None or current.length == 0:
        return None
    if streaks.at_risk:
        return today
    day = max(current.end, today)
    for _step in range(400):
        day += dt.timedelta(days=1)
        if calendar.is_working(day):
            return day
    return None


def windows(calendar: Calendar, fan_days: Mapping[dt.date, int], today: dt.date,
            remind_from: dt.time, at_risk_on: dt.date | None = None,
            days: int = HORIZON_DAYS, zone: dt.tzinfo | None = None,
            due_dates: Sequence[dt.date] = ()) -> tuple[Window, ...]:
    """The reminder windows of the working days among the `days` days from `today` on, each
    with the number of `due_dates` on or before it (an open follow-up stays due until done)."""
    from bisect import bisect_right

    due_dates = sorted(due_dates)
    found = []
    day = today
    for _step in range(days):
        if calendar.is_working(day):
            if fan_days.get(day, 0) > 0:
                kind = DONE
            elif day == at_risk_on:
                kind = AT_RISK
            else:
                kind = REMIND
            next_day = day + dt.timedelta(days=1)
            found.append(Window(epoch(day, remind_from, zone), epoch(next_day, dt.time(), zone),
                                kind, bisect_right(due_dates, day)))
        day += dt.timedelta(days=1)
    return tuple(found)


def one_line(text: str) -> str:
    """A message as one line of the state file (a translation may hold a newline)."""
    return " ".join(text.split())


def plain_message() -> str:
    from fanjournal.i18n import _

    return one_line("fan: " + _('no fan yet today. Made a customer a fan? Log it: '
                                'fan add "what you did"'))


def risk_message(length: int) -> str:
    from fanjournal.i18n import ngettext

    return one_line("fan: " + ngettext(
        'keep your {n}-day streak: no fan yet today. Log one: fan add "what you did"',
        'keep your {n}-day streak: no fan yet today. Log one: fan add "what you did"',
        length).format(n=length))


def followup_notes() -> tuple[str, str]:
    """The follow-up note for one due and for more, with PLACEHOLDER for the count: the words
    of `fan status`, so that the prompt and the status say the same."""
    from fanjournal.i18n import ngettext

    def note(count: int) -> str:
        return one_line(ngettext("{n} follow-up due: see fan due",
                                 "{n} follow-ups due: see fan due", count).format(n=PLACEHOLDER))

    return note(1), note(2)


def build(*, calendar: Calendar, fan_days: Mapping[dt.date, int], streaks: StreakState,
          today: dt.date, remind_from: dt.time, every_minutes: int,
          watch: tuple[str, str, str], zone: dt.tzinfo | None = None,
          due_dates: Sequence[dt.date] = ()) -> HookState:
    """The state for prompts from `today` on, assuming no fan is logged and no follow-up is
    done until the next refresh. `due_dates`: the due date of every open follow-up."""
    return HookState(
        watch=watch,
        until=epoch(today + dt.timedelta(days=HORIZON_DAYS), dt.time(), zone),
        windows=windows(calendar, fan_days, today, remind_from,
                        risk_day(streaks, calendar, today), zone=zone, due_dates=due_dates),
        every=max(every_minutes, 1) * 60,
        message=plain_message(),
        risk_message=(risk_message(streaks.current.length) if streaks.current.length
                      else plain_message()),
        followup_notes=followup_notes(),
    )


def state_text(state: HookState) -> str:
    """The state file's text (see the module docstring)."""
    journal, year, config = (path if "\n" not in path else "" for path in state.watch)
    return "\n".join([
        MAGIC,
        f"journal {journal}",
        f"year {year}",
        f"config {config}",
        f"every {state.every}",
        f"until {state.until}",
        f"message {one_line(state.message)}",
        f"risk {one_line(state.risk_message)}",
        f"followup1 {one_line(state.followup_notes[0])}",
        f"followups {one_line(state.followup_notes[1])}",
        *(f"window {w.start} {w.end} {w.kind} {w.due}" for w in state.windows),
        "",
    ])


HEADER = ("journal", "year", "config", "every", "until", "message", "risk", "followup1",
          "followups")


def parse_state(text: str) -> HookState | None:
    """A state file's content, or None when it is not one this version wrote."""
    lines = text.split("\n")
    if lines[0] != MAGIC:
        return None
    fields = dict(line.partition(" ")[::2] for line in lines[1:len(HEADER) + 1])
    if tuple(fields) != HEADER:
        return None
    try:
        found = []
        for line in lines[len(HEADER) + 1:]:
            if not line:
                break
            key, start, end, kind, due = line.split(" ")
            if key != "window":
                return None
            found.append(Window(int(start), int(end), int(kind), int(due)))
        return HookState(
            watch=(fields["journal"], fields["year"], fields["config"]),
            until=int(fields["until"]),
            windows=tuple(found),
            every=int(fields["every"]),
            message=fields["message"],
            risk_message=fields["risk"],
            followup_notes=(fields["followup1"], fields["followups"]),
        )
    except (IndexError, ValueError, TypeError):
        return None


# --- the shell snippets (package data in fanjournal/hooks/)

SHELLS = ("bash", "zsh", "fish")


def shell_quote(shell: str, text: str) -> str:
    """`text` as one word in `shell`: single quotes, with fish's own escapes inside them."""
    if shell == "fish":
        return "'" + text.replace("\\", "\\\\").replace("'", "\\'") + "'"
    import shlex

    return shlex.quote(text)


def fan_command() -> list[str]:
    """How to run the fan that is running now: the script's absolute path, else python -m."""
    import sys

    script = Path(sys.argv[0]) if sys.argv and sys.argv[0] else None
    if script is not None and script.name.startswith("fan") and script.suffix != ".py":
        resolved = script if script.is_absolute() else Path.cwd() / script
        if resolved.is_file() and os.access(resolved, os.X_OK):
            return [str(resolved)]
    return [sys.executable, "-m", "fanjournal"]


def snippet(shell: str, command: Sequence[str], state: Path, quiet: Path, every: int) -> str:
    """The hook for `shell`, with its files, fallback message and interval filled in."""
    template = (Path(__file__).parent / "hooks" / f"fan.{shell}").read_text(encoding="utf-8")
    def quote(text: str) -> str:
        return shell_quote(shell, text)

    values = {
        "@STATE@": quote(str(state)),
        "@QUIET@": quote(str(quiet)),
        "@MESSAGE@": quote(plain_message()),
        "@EVERY@": str(every),
        "@REFRESH@": " ".join([*map(quote, command), "hook", "--refresh"]),
    }
    for placeholder, value in values.items():
        template = template.replace(placeholder, value)
    return template
