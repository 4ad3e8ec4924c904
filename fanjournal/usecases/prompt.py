"""The prompt reminder's state file: when it is rewritten, and what goes in it (the pure part
— what the hook says and when — is `fanjournal.reminder`)."""

from __future__ import annotations

import datetime as dt
import os
import time
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from fanjournal.reminder import (
    HORIZON_DAYS,
    QUIET_FILE,
    REFRESH_AFTER,
    STATE_FILE,
    HookState,
    build,
    parse_state,
    state_text,
)

if TYPE_CHECKING:
    from fanjournal.config import Settings
    from fanjournal.store import Journal


def state_path() -> Path:
    from fanjournal.paths import state_dir

    return state_dir() / STATE_FILE


def quiet_path() -> Path:
    from fanjournal.paths import state_dir

    return state_dir() / QUIET_FILE


def _mtime_ns(path: str | Path) -> int:
    try:
        return os.stat(path).st_mtime_ns
    except OSError:
        return 0


def _read_state(path: Path) -> HookState | None:
    try:
        return parse_state(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError):
        return None


def needs_refresh(path: Path, now: float | None = None) -> bool:
    """True when the state file is missing, unreadable, older than a week, or not newer than
    what it watches (the journal changed, by fan or by hand, or the config did)."""
    written = _mtime_ns(path)
    state = _read_state(path) if written else None
    if state is None:
        return True
    if (time.time() if now is None else now) - written / 1e9 > REFRESH_AFTER:
        return True
    return any(watched and _mtime_ns(watched) >= written for watched in state.watch)


def compute(settings: Settings, journal: Journal, today: dt.date) -> HookState:
    """Read what the state needs from the journal (the years the current streak spans, and the
    coming weeks) and build it."""
    from fanjournal.usecases.calendar import calendar_for, fan_days_of, load_streak

    horizon = today + dt.timedelta(days=HORIZON_DAYS)
    known = set(journal.years())
    streaks = load_streak(journal, settings, today, longest=False)
    calendar = calendar_for(journal, settings, today, horizon)
    fan_days = fan_days_of(journal, [y for y in range(today.year, horizon.year + 1) if y in known])
    return build(
        calendar=calendar,
        fan_days=fan_days,
        streaks=streaks,
        today=today,
        remind_from=settings.remind_from,
        every_minutes=settings.remind_every,
        watch=(str(journal.root), str(journal.path_for(today.year)), str(settings.path)),
        due_dates=open_due_dates(journal, today),
    )


def open_due_dates(journal: Journal, today: dt.date) -> list[dt.date]:
    """The due dates of the open follow-ups; none when their tables cannot be read (`fan due`
    and `fan status` say why): the streak reminder must not go down with them."""
    from fanjournal.errors import FanError
    from fanjournal.usecases.followups import next_due_dates

    try:
        return next_due_dates(journal, today)
    except FanError:
        return []


def refresh(today: dt.date) -> HookState:
    """Recompute the state from config and journal and write it (under the journal's lock, so a
    concurrent change cannot slip in between reading the journal and writing the state)."""
    from contextlib import nullcontext

    from fanjournal import config, i18n
    from fanjournal.files import atomic_write
    from fanjournal.usecases import open_journal

    i18n.reset()  # the messages follow config `language`, which this very command may have set
    settings = config.load()
    journal = open_journal(settings)
    path = state_path()
    guard = journal.lock() if journal.root.is_dir() else nullcontext()
    with guard:
        state = compute(settings, journal, today)
        atomic_write(path, state_text(state).encode("utf-8"))
    return state


def forget() -> None:
    """Remove the state file, so that prompts fall back to reminding."""
    try:
        state_path().unlink()
    except OSError:
        pass


def after_command(args: Sequence[str]) -> None:
    """Called after every successful fan command: rewrite the state when the journal or config
    changed (or the state is missing or a week old), and always after `fan status` (except
    `fan status --prompt`, which a prompt theme may run at every prompt).

    Never fails the command: a state that cannot be written is removed instead."""
    command = next((arg for arg in args if not arg.startswith("-")), None)
    if command in (None, "hook") or "--help" in args or "-h" in args:
        return
    try:
        from fanjournal import clock

        forced = command == "status" and "--prompt" not in args
        if forced or needs_refresh(state_path()):
            refresh(clock.today())
    except Exception:
        forget()
        if os.environ.get("FAN_DEBUG"):
            raise


