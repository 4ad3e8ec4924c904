"""The prompt reminder's state: what it says for each day, when fan rewrites it, `fan hook`.

The shells themselves run in tests/test_hook_shells.py.
"""

import datetime as dt
import os
import time
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from fanjournal import reminder
from fanjournal.streaks import streak_state
from fanjournal.usecases import prompt
from fanjournal.workdays import Calendar

from .conftest import assert_clean_error

AMS = ZoneInfo("Europe/Amsterdam")
FRIDAY = dt.date(2026, 11, 20)
NINE_THIRTY = dt.time(9, 30)


def at(day: dt.date, hour: int, minute: int = 0) -> int:
    return int(dt.datetime.combine(day, dt.time(hour, minute), AMS).timestamp())


def day(text: str) -> dt.date:
    return dt.date.fromisoformat(text)


def state_for(fan_days, today=FRIDAY, calendar=None, due_dates=()):
    calendar = calendar or Calendar()
    return reminder.build(
        calendar=calendar, fan_days=fan_days, streaks=streak_state(fan_days, calendar, today),
        today=today, remind_from=NINE_THIRTY, every_minutes=120,
        watch=("/j", "/j/2026.toml", "/c/config.toml"), zone=AMS, due_dates=due_dates)


def kinds(state):
    """Window kinds by date (the windows are in Amsterdam time)."""
    return {dt.datetime.fromtimestamp(w.start, AMS).date(): w.kind for w in state.windows}


def dues(state):
    """Follow-ups due by date (the windows are in Amsterdam time)."""
    return {dt.datetime.fromtimestamp(w.start, AMS).date(): w.due for w in state.windows}


# --- the pure part


def test_windows_cover_working_days_from_remind_from_to_midnight():
    state = state_for({})
    first = state.windows[0]
    assert (first.start, first.end) == (at(FRIDAY, 9, 30), at(day("2026-11-21"), 0))
    dates = list(kinds(state))
    assert dates[:3] == [FRIDAY, day("2026-11-23"), day("2026-11-24")]  # no weekend
    assert len(dates) == 25  # five weeks of working days
    assert state.until == at(FRIDAY + dt.timedelta(days=reminder.HORIZON_DAYS), 0)
    assert state.every == 7200


def test_a_day_with_a_fan_is_done_and_the_next_working_day_is_at_risk():
    state = state_for({day("2026-11-19"): 1, FRIDAY: 2})
    marked = kinds(state)
    assert marked[FRIDAY] == reminder.DONE
    assert marked[day("2026-11-23")] == reminder.AT_RISK  # Monday keeps the 2-day streak
    assert marked[day("2026-11-24")] == reminder.REMIND
    assert "keep your 2-day streak" in state.risk_message


def test_no_fan_yet_today_puts_today_at_risk():
    state = state_for({day("2026-11-19"): 1})
    assert kinds(state)[FRIDAY] == reminder.AT_RISK
    assert "keep your 1-day streak" in state.risk_message


def test_without_a_streak_nothing_is_at_risk():
    state = state_for({day("2026-11-18"): 1})  # Thursday had none: the streak broke
    assert reminder.AT_RISK not in kinds(state).values()


def test_days_off_and_holidays_have_no_window():
    calendar = Calendar(off={day("2026-11-23"): "dentist"},
                        holidays={day("2026-12-25"): "Christmas"})
    marked = kinds(state_for({FRIDAY: 1}, calendar=calendar))
    assert day("2026-11-23") not in marked and day("2026-12-25") not in marked
    assert marked[day("2026-11-24")] == reminder.AT_RISK  # the next working day after Friday


def test_configured_workdays_decide_the_windows():
    calendar = Calendar(weekdays=frozenset({5, 6}))  # a weekend job
    assert {d.weekday() for d in kinds(state_for({}, calendar=calendar))} == {5, 6}


def test_windows_follow_daylight_saving_time():
    state = state_for({}, today=day("2027-03-26"))  # Europe goes to summer time on the 28th
    starts = [dt.datetime.fromtimestamp(w.start, AMS) for w in state.windows]
    assert {(s.hour, s.minute) for s in starts} == {(9, 30)}
    assert state.windows[0].end - state.windows[0].start == 14 * 3600 + 30 * 60


def test_state_file_round_trips_and_is_line_based():
    state = state_for({FRIDAY: 1}, due_dates=[day("2026-11-24")])
    text = reminder.state_text(state)
    lines = text.splitlines()
    assert lines[0] == "fan-hook-state 2"
    keys = [line.split(" ", 1)[0] for line in lines[1:]]
    assert keys == ["journal", "year", "config", "every", "until", "message", "risk",
                    "followup1", "followups", *["window"] * len(state.windows)]
    assert lines[8:10] == ["followup1 @N@ follow-up due: see fan due",
                           "followups @N@ follow-ups due: see fan due"]
    assert lines[10:13] == [f"window {at(FRIDAY, 9, 30)} {at(day('2026-11-21'), 0)} 1 0",
                            f"window {at(day('2026-11-23'), 9, 30)} {at(day('2026-11-24'), 0)} 2 0",
                            f"window {at(day('2026-11-24'), 9, 30)} {at(day('2026-11-25'), 0)} 0 1"]
    assert reminder.parse_state(text) == state


def test_follow_ups_count_on_their_day_and_stay_due_after_it():
    due_dates = [day("2026-11-11"), FRIDAY, day("2026-11-22"), day("2026-11-24"),
                 day("2026-11-24"), day("2027-02-01")]
    counted = dues(state_for({}, due_dates=due_dates))
    assert counted[FRIDAY] == 2  # one overdue since the 11th, one due today
    assert counted[day("2026-11-23")] == 3  # due on Sunday (a day off added since): Monday
    assert counted[day("2026-11-24")] == 5
    assert set(list(counted.values())[2:]) == {5}  # February is past the five weeks
    assert set(dues(state_for({})).values()) == {0}


def test_follow_up_counts_skip_days_without_a_window():
    calendar = Calendar(off={day("2026-11-23"): "dentist"})
    counted = dues(state_for({}, calendar=calendar, due_dates=[day("2026-11-23")]))
    assert day("2026-11-23") not in counted
    assert (counted[FRIDAY], counted[day("2026-11-24")]) == (0, 1)


def test_the_follow_up_notes_say_what_status_says():
    from fanjournal.render.followups import due_line

    one, more = reminder.followup_notes()
    assert one.replace("@N@", "1") == due_line(1)
    assert more.replace("@N@", "7") == due_line(7)


def test_the_follow_up_notes_in_dutch(monkeypatch):
    from fanjournal import i18n

    monkeypatch.setenv("LC_ALL", "nl_NL.UTF-8")
    i18n.reset()  # the autouse fixture resets it again afterwards
    assert reminder.followup_notes() == ("@N@ follow-up aan de beurt: zie fan due",
                                         "@N@ follow-ups aan de beurt: zie fan due")


@given(st.text())
def test_messages_stay_on_one_line(text):
    assert "\n" not in reminder.one_line(text) and "\r" not in reminder.one_line(text)


VERSION_1 = ("fan-hook-state 1\njournal /j\nyear /j/2026.toml\nconfig /c\nevery 7200\n"
             "until 1798416000\nmessage fan: m\nrisk fan: r\nwindow 1795426200 1795478400 2\n")


@pytest.mark.parametrize("text", ["", "fan-hook-state 2\n", "garbage", "fan-hook-state 1\nx\n",
                                  VERSION_1, VERSION_1.replace("state 1", "state 2")])
def test_a_foreign_state_file_is_not_read(text):
    assert reminder.parse_state(text) is None


def test_risk_message_is_translated_with_the_count():
    assert reminder.risk_message(12) == (
        'fan: keep your 12-day streak: no fan yet today. Log one: fan add "what you did"')


@pytest.mark.parametrize("shell", ["bash", "zsh", "fish"])
def test_quoting_keeps_any_text_one_word(shell):
    # checked for real in test_hook_shells.py; here: the quotes are balanced and escaped
    quoted = reminder.shell_quote(shell, "it's a \\ \"path\" $HOME")
    assert quoted.startswith("'") and quoted.endswith("'")


# --- when fan rewrites the state


@pytest.fixture
def state_file(fan_home):
    return fan_home / "hook-state"


def written(path):
    return reminder.parse_state(path.read_text())


SECOND = 1_000_000_000  # in nanoseconds


def date_back(state_file, seconds=60):
    """Date the state and what it watches back by explicit mtimes: what it watches 2*seconds
    ago, the state `seconds` ago. The state is then fresh, and whatever fan writes from now on
    is newer than both, with no sleep for the clock to tick. Returns the state's mtime."""
    now = time.time_ns()
    for watched in written(state_file).watch:
        if os.path.exists(watched):
            os.utime(watched, ns=(now - 2 * seconds * SECOND,) * 2)
    os.utime(state_file, ns=(now - seconds * SECOND,) * 2)
    return state_file.stat().st_mtime_ns


def test_fan_add_writes_the_state(fan, state_file):
    fan("add", "Walked her to the car")
    state = written(state_file)
    assert kinds_local(state)[FRIDAY] == reminder.DONE


def kinds_local(state):
    return {dt.datetime.fromtimestamp(w.start).date(): w.kind for w in state.windows}


def test_a_command_that_changes_nothing_leaves_a_fresh_state_alone(fan, state_file):
    fan("add", "One")
    before = state_file.stat().st_mtime_ns
    fan("list")
    fan("config", "get", "target")
    assert state_file.stat().st_mtime_ns == before


def test_every_change_rewrites_it(fan, state_file, journal_dir):
    fan("add", "One")
    assert kinds_local(written(state_file))[FRIDAY] == reminder.DONE
    fan("rm", "2026-001", "--yes")
    assert kinds_local(written(state_file))[FRIDAY] == reminder.REMIND


def dues_local(state):
    return {dt.datetime.fromtimestamp(w.start).date(): w.due for w in state.windows}


def test_follow_ups_are_counted_and_every_change_to_them_rewrites_it(fan, state_file):
    # day 1, 3, 14, …: due 2026-11-11, 11-13 (overdue by Friday the 20th), 11-24, 12-10, …
    assert fan("follow-up", "plan", "Anna", "--start", "2026-11-10").exit_code == 0
    counted = dues_local(written(state_file))
    assert (counted[FRIDAY], counted[day("2026-11-23")], counted[day("2026-11-24")],
            counted[day("2026-12-10")]) == (2, 2, 3, 4)
    assert fan("follow-up", "done", "2026-F001").exit_code == 0
    assert dues_local(written(state_file))[FRIDAY] == 1
    assert fan("follow-up", "skip", "2026-F002").exit_code == 0
    counted = dues_local(written(state_file))
    assert (counted[FRIDAY], counted[day("2026-11-24")]) == (0, 1)


def test_a_follow_up_closed_in_last_years_file_rewrites_it(fan, state_file):
    # a plan stored in 2025 with touchpoints due in 2026: closing one changes 2025.toml only
    assert fan("follow-up", "plan", "Bram", "--start", "2025-12-01").exit_code == 0
    assert dues_local(written(state_file))[FRIDAY] == 6  # all overdue: day 100 was in March
    before = date_back(state_file)
    assert not prompt.needs_refresh(state_file)
    assert fan("follow-up", "done", "2025-F001").exit_code == 0
    assert state_file.stat().st_mtime_ns > before
    assert dues_local(written(state_file))[FRIDAY] == 5


def test_unreadable_follow_ups_leave_the_streak_reminder_working(fan, state_file, journal_dir):
    fan("add", "One")
    year_file = journal_dir / "2026.toml"
    year_file.write_text(year_file.read_text() + '\n[[follow_up]]\nid = "nonsense"\n')
    fan("list")
    state = written(state_file)
    assert kinds_local(state)[FRIDAY] == reminder.DONE
    assert set(dues_local(state).values()) == {0}
    assert_clean_error(fan("due"), code=1, message="expected an id such as 2026-F007")


def test_the_messages_follow_the_language(fan, state_file):
    fan("config", "set", "language", "nl")
    assert written(state_file).message.startswith("fan: nog geen fan vandaag")
    assert written(state_file).followup_notes[1] == "@N@ follow-ups aan de beurt: zie fan due"


def test_a_config_change_rewrites_it(fan, state_file):
    fan("add", "One")
    fan("config", "set", "remind_every", "30m")
    assert written(state_file).every == 1800
    fan("config", "set", "workdays", "mon,tue")
    assert {d.weekday() for d in kinds_local(written(state_file))} == {0, 1}


def test_a_hand_edit_is_noticed_by_the_next_command(fan, state_file, journal_dir):
    fan("add", "One")
    year_file = journal_dir / "2026.toml"
    year_file.write_text('schema_version = 2\nnext_number = 2\n')
    later = state_file.stat().st_mtime_ns + 5 * SECOND
    os.utime(year_file, ns=(later, later))  # the edit is newer than the state, to the tick
    fan("list")
    assert kinds_local(written(state_file))[FRIDAY] == reminder.REMIND


def test_status_always_rewrites_it(fan, state_file):
    fan("add", "One")
    state_file.write_text("fan-hook-state 1\nout of date\n")
    os.utime(state_file, None)
    prompt.after_command(["status"])
    assert written(state_file) is not None


def test_a_week_old_state_is_rewritten(fan, state_file):
    fan("add", "One")
    week_ago = time.time() - 8 * 86400
    os.utime(state_file, (week_ago, week_ago))
    assert prompt.needs_refresh(state_file)
    fan("list")
    assert not prompt.needs_refresh(state_file)


def test_help_and_version_write_nothing(fan, state_file):
    fan("--version")
    fan("add", "--help")
    assert not state_file.exists()


def test_a_broken_journal_removes_the_state_and_the_command_still_reports(fan, state_file,
                                                                         journal_dir):
    fan("add", "One")
    (journal_dir / "2026.toml").write_text("this is [not toml\n")
    result = fan("list")
    assert_clean_error(result, code=1, message="not valid TOML")
    prompt.after_command(["config", "get", "target"])
    assert not state_file.exists()  # prompts fall back to reminding


def test_the_streak_is_read_across_years(fan, state_file):
    # a streak from 2025-12-29 through 2026-01-02: the state must read last year to count it
    for date in ("2025-12-29", "2025-12-30", "2025-12-31", "2026-01-01", "2026-01-02"):
        fan("add", "x", "-d", date)
    state = prompt.refresh(dt.date(2026, 1, 2))
    assert "keep your 5-day streak" in state.risk_message


def test_public_holidays_have_no_window(fan, state_file):
    fan("config", "set", "holidays", "NL")
    state = prompt.refresh(dt.date(2026, 12, 21))
    marked = kinds_local(state)
    assert dt.date(2026, 12, 25) not in marked and dt.date(2026, 12, 24) in marked  # Christmas


# --- fan hook


@pytest.mark.parametrize("shell", ["bash", "zsh", "fish"])
def test_fan_hook_prints_the_snippet_and_writes_the_state(fan, shell, state_file):
    result = fan("hook", shell)
    assert result.exit_code == 0
    assert "__fan_hook" in result.stdout
    assert str(state_file) in result.stdout
    assert "@" + "STATE@" not in result.stdout
    assert written(state_file) is not None


def test_fan_hook_refresh_only_writes_the_state(fan, state_file):
    result = fan("hook", "--refresh")
    assert (result.exit_code, result.stdout) == (0, "")
    assert written(state_file) is not None


@pytest.mark.parametrize(("args", "code", "message"), [
    (["hook"], 2, "name your shell: fan hook bash, fan hook zsh or fan hook fish"),
    (["hook", "tcsh"], 2, "unknown shell 'tcsh'; choose one of: bash, zsh, fish"),
])
def test_fan_hook_bad_input(fan, args, code, message):
    assert_clean_error(fan(*args), code=code, message=message)


def test_fan_hook_with_a_broken_journal_still_prints_the_snippet(fan, journal_dir, state_file):
    journal_dir.mkdir(parents=True)
    (journal_dir / "2026.toml").write_text("broken = [\n")
    result = fan("hook", "bash")
    assert result.exit_code == 0 and "__fan_hook" in result.stdout
    assert result.stderr.startswith("fan: ") and "not valid TOML" in result.stderr
    assert not state_file.exists()
    assert_clean_error(fan("hook", "--refresh"), code=1, message="not valid TOML")


def test_shell_names_complete():
    from fanjournal.cli.hook import _complete_shell

    assert _complete_shell("") == ["bash", "zsh", "fish"]
    assert _complete_shell("f") == ["fish"]


def test_the_snippet_runs_the_fan_that_printed_it(fan_process):
    import shlex

    from .conftest import fan_executable

    result = fan_process("hook", "bash")
    assert f"{shlex.quote(fan_executable())} hook --refresh >/dev/null" in result.stdout
