"""The prompt hook in real interactive bash, zsh and fish, each in its own pseudo-terminal.

Every test starts a shell whose rc file sources the snippet of `fan hook <shell>` twice (it must
install one hook), then types commands and reads what is printed before each prompt. The clock
is Friday 2026-11-20 for fan (FAN_TODAY) and, for the prompt, FAN_HOOK_NOW (epoch seconds).
FAN_HOME has a space and quotes in it, so the paths the snippet embeds must be quoted right.
"""

import datetime as dt
import fcntl
import os
import re
import select
import shutil
import signal
import struct
import subprocess
import termios
import time
from pathlib import Path

import pytest

from fanjournal import reminder

from .conftest import fan_executable

REMINDER = "fan: no fan yet today"
AT_RISK = "fan: keep your"
PROMPT = re.compile(rb"@P\[(\d+)\]@ ")
TIMEOUT = 15.0

SHELLS = [pytest.param(shell, marks=pytest.mark.skipif(
    shutil.which(shell) is None, reason=f"{shell} is not installed (.ci/run installs it)"))
    for shell in ("bash", "zsh", "fish")]


def now(date: str, hour: int, minute: int = 0) -> str:
    """FAN_HOOK_NOW for a local date and time (fan and the shells share the time zone)."""
    moment = dt.datetime.combine(dt.date.fromisoformat(date), dt.time(hour, minute))
    return str(int(moment.astimezone().timestamp()))


FRIDAY, SATURDAY, MONDAY, TUESDAY = "2026-11-20", "2026-11-21", "2026-11-23", "2026-11-24"


PROMPTS = {
    "bash": "PS1='@P[$?]@ '\n",
    "zsh": "PROMPT='@P[%?]@ '\nunsetopt prompt_sp\n",
    "fish": "set -g fish_greeting\nfunction fish_prompt; printf '@P[%s]@ ' $status; end\n",
}
# as the README says, and twice: sourcing it again must not add a second hook
README_RC = {
    "bash": 'eval "$(fan hook bash)"\n' * 2,
    "zsh": 'eval "$(fan hook zsh)"\n' * 2,
    "fish": "fan hook fish | source\n" * 2,
}


def export(shell: str, name: str, value: str) -> str:
    return f"set -gx {name} {value}" if shell == "fish" else f"export {name}={value}"


def unset(shell: str, name: str) -> str:
    return f"set -e {name}" if shell == "fish" else f"unset {name}"


class Shell:
    """An interactive shell in a pseudo-terminal: `run(line)` types a line and returns what
    was printed after it up to the next prompt (the command's output, then the hook's), and
    the exit status the prompt shows."""

    def __init__(self, shell: str, home: Path, env: dict[str, str], rc: str) -> None:
        self.name = shell
        if shell == "bash":
            (home / ".bashrc").write_text(rc)
            argv = ["bash", "--noprofile", "--rcfile", str(home / ".bashrc"), "-i"]
        elif shell == "zsh":
            (home / ".zshrc").write_text(rc)
            argv = ["zsh", "-i"]
        else:
            # an existing folder stops fish's first start from generating completions from
            # man pages in the background
            (home / ".local" / "share" / "fish" / "generated_completions").mkdir(
                parents=True, exist_ok=True)
            config = home / ".config" / "fish"
            config.mkdir(parents=True, exist_ok=True)
            (config / "config.fish").write_text(rc)
            argv = ["fish", "-i"]
        self.master, replica = os.openpty()
        fcntl.ioctl(replica, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 100, 0, 0))

        def controlling_terminal() -> None:  # job control needs one (fish refuses without)
            os.setsid()
            fcntl.ioctl(0, termios.TIOCSCTTY, 0)

        self.process = subprocess.Popen(argv, stdin=replica, stdout=replica, stderr=replica,
                                        env=env, cwd=home, preexec_fn=controlling_terminal)
        os.close(replica)
        self.buffer = b""
        self.count = 0
        self.startup, self.status = self._until_prompt()

    def _read(self, deadline: float) -> None:
        left = deadline - time.monotonic()
        if left <= 0:
            raise AssertionError(f"{self.name}: no prompt within {TIMEOUT}s; got {self.buffer!r}")
        ready, _, _ = select.select([self.master], [], [], left)
        if ready:
            try:
                chunk = os.read(self.master, 65536)
            except OSError:
                chunk = b""
            if not chunk:
                raise AssertionError(f"{self.name} exited; got {self.buffer!r}")
            self.buffer += chunk

    def _until(self, pattern: re.Pattern[bytes]) -> re.Match[bytes]:
        deadline = time.monotonic() + TIMEOUT
        while not (match := pattern.search(self.buffer)):
            self._read(deadline)
        return match

    def _until_prompt(self) -> tuple[str, int]:
        match = self._until(PROMPT)
        text = self.buffer[:match.start()]
        self.buffer = self.buffer[match.end():]
        return text.decode(errors="replace").replace("\r", ""), int(match.group(1))

    def run(self, line: str) -> str:
        """Type `line`; return what it and the hook printed. A marker printed first separates
        the output from the echo of the typed line."""
        self.count += 1
        marker = f"DONE{self.count}"
        os.write(self.master, f"printf '@%s@\\n' {marker}; {line}\n".encode())
        match = self._until(re.compile(rf"@{marker}@\r?\n".encode()))
        self.buffer = self.buffer[match.end():]
        output, self.status = self._until_prompt()
        return output

    def close(self) -> None:
        try:
            os.write(self.master, b"exit\n")
            self.process.wait(timeout=5)
        except (OSError, subprocess.TimeoutExpired):
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait()
        finally:
            os.close(self.master)


@pytest.fixture
def start(tmp_path, fan, monkeypatch):
    """start(shell, at=FAN_HOOK_NOW, rc=..., env=...) -> Shell, closed after the test.

    Without `rc`, the shell sources the snippet (printed by an in-process `fan hook`, which is
    quicker than starting fan) twice."""
    sessions = []
    home = tmp_path / "home"
    fan_home = tmp_path / "it's a \"fan\" home"
    monkeypatch.setenv("FAN_HOME", str(fan_home))

    def run(shell: str, at: str, rc: str | None = None, env: dict | None = None) -> Shell:
        home.mkdir(exist_ok=True)
        if rc is None:
            snippet = home / f"hook.{shell}"
            snippet.write_text(fan("hook", shell).stdout)
            quoted = reminder.shell_quote(shell, str(snippet))
            rc = f"source {quoted}\nsource {quoted}\n"
        environment = {
            "HOME": str(home), "ZDOTDIR": str(home), "XDG_CONFIG_HOME": str(home / ".config"),
            "PATH": f"{Path(fan_executable()).parent}:/usr/local/bin:/usr/bin:/bin",
            "TERM": "xterm", "LANG": "C.UTF-8", "NO_COLOR": "1",
            "FAN_HOME": str(fan_home), "FAN_TODAY": FRIDAY, "FAN_HOOK_NOW": at,
            **({"TZ": os.environ["TZ"]} if "TZ" in os.environ else {}),
            **(env or {}),
        }
        session = Shell(shell, home, environment, PROMPTS[shell] + rc)
        sessions.append(session)
        return session

    run.fan_home = fan_home
    yield run
    for session in sessions:
        session.close()


def reminders(text: str) -> int:
    return text.count(REMINDER) + text.count(AT_RISK)


@pytest.mark.parametrize("shell", SHELLS)
def test_a_working_day_without_a_fan(shell, start):
    sh = start(shell, at=now(FRIDAY, 9, 0), rc=README_RC[shell])
    assert reminders(sh.startup) == 0, "not before remind_from (09:30)"
    out = sh.run(export(shell, "FAN_HOOK_NOW", now(FRIDAY, 9, 45)))
    assert reminders(out) == 1, f"one reminder, even though the hook was sourced twice: {out!r}"
    assert REMINDER in out
    assert reminders(sh.run(export(shell, "FAN_HOOK_NOW", now(FRIDAY, 11, 0)))) == 0, \
        "quiet for remind_every (2h)"
    out = sh.run(export(shell, "FAN_HOOK_NOW", now(FRIDAY, 11, 45)))
    assert reminders(out) == 1, "again after 2 hours"
    out = sh.run('fan add "Walked her to the car"')
    assert "Added 2026-001" in out and reminders(out) == 0
    for hour in (14, 17, 23):
        assert reminders(sh.run(export(shell, "FAN_HOOK_NOW", now(FRIDAY, hour)))) == 0, \
            "quiet once a fan is logged"
    assert reminders(sh.run(export(shell, "FAN_HOOK_NOW", now(SATURDAY, 11)))) == 0, "weekend"
    out = sh.run(export(shell, "FAN_HOOK_NOW", now(MONDAY, 10)))
    assert "fan: keep your 1-day streak: no fan yet today." in out, out


PLAIN = 'fan: no fan yet today. Made a customer a fan? Log it: fan add "what you did"'
RISK = 'fan: keep your 1-day streak: no fan yet today. Log one: fan add "what you did"'
ESCAPES = re.compile(r"\x1b(\[[0-?]*[ -/]*[@-~]|\][^\x07\x1b]*(\x07|\x1b\\)|\([0-9A-Z]|[=>])")


def said(text: str) -> list[str]:
    """The lines the hook printed, without the terminal's escapes (and whatever fish draws
    before them on the same line)."""
    lines = ESCAPES.sub("", text).splitlines()
    return [line[line.index("fan: "):] for line in lines if "fan: " in line]


@pytest.mark.parametrize("shell", SHELLS)
def test_follow_ups_due(shell, start, fan):
    assert fan("add", "Thursday's fan", "-d", "2026-11-19").exit_code == 0
    # due 2026-11-11 and 11-13 (overdue by Friday), 11-24 (Tuesday), 12-10, …
    assert fan("follow-up", "plan", "Anna", "--start", "2026-11-10").exit_code == 0
    sh = start(shell, at=now(FRIDAY, 9))
    assert said(sh.startup) == [], "not before remind_from"
    out = sh.run(export(shell, "FAN_HOOK_NOW", now(FRIDAY, 9, 45)))
    assert said(out) == [f"{RISK} · 2 follow-ups due: see fan due"], (out, "one line for both")
    assert said(sh.run(export(shell, "FAN_HOOK_NOW", now(FRIDAY, 10)))) == [], "quiet for 2h"
    out = sh.run('fan add "Walked her to the car"')
    assert "Added 2026-002" in out and said(out) == []
    out = sh.run(export(shell, "FAN_HOOK_NOW", now(FRIDAY, 11, 45)))
    assert said(out) == ["fan: 2 follow-ups due: see fan due"], "a fan today: the note alone"
    out = sh.run("fan follow-up done 2026-F001")
    assert "Done: 2026-F001" in out and said(out) == []
    out = sh.run(export(shell, "FAN_HOOK_NOW", now(FRIDAY, 13, 45)) + "; false")
    assert said(out) == ["fan: 1 follow-up due: see fan due"]
    assert sh.status == 1, "the prompt still sees the command's exit status"
    assert "Skipped 2026-F002" in sh.run("fan follow-up skip 2026-F002")
    assert said(sh.run(export(shell, "FAN_HOOK_NOW", now(FRIDAY, 16)))) == [], "none due now"
    assert said(sh.run(export(shell, "FAN_HOOK_NOW", now(SATURDAY, 11)))) == [], "weekend"
    assert said(sh.run(export(shell, "FAN_HOOK_NOW", now(TUESDAY, 3)))) == [], "night"
    out = sh.run(export(shell, "FAN_HOOK_NOW", now(TUESDAY, 10)))
    assert said(out) == [f"{PLAIN} · 1 follow-up due: see fan due"]
    # the journal edited by hand since the state was written: the count may be wrong, so the
    # prompt leaves it out
    year_file = start.fan_home / "journal" / "2026.toml"
    later = time.time() + 5
    os.utime(year_file, (later, later))
    assert said(sh.run(export(shell, "FAN_HOOK_NOW", now(TUESDAY, 12, 30)))) == [PLAIN]


@pytest.mark.parametrize("shell", SHELLS)
def test_exit_status_disable_and_days_off(shell, start, tmp_path):
    journal = start.fan_home / "journal"
    journal.mkdir(parents=True)
    (journal / "2026.toml").write_text(
        'schema_version = 1\nnext_number = 1\n\n[[off]]\ndate = 2026-11-23\nreason = "dentist"\n')
    sh = start(shell, at=now(FRIDAY, 10), env={"FAN_HOOK_DISABLE": "1"})
    assert reminders(sh.startup) == 0, "FAN_HOOK_DISABLE=1"
    sh.run("false")
    assert sh.status == 1, "the prompt still sees the command's exit status"
    sh.run(export(shell, "FAN_HOOK_NOW", now(MONDAY, 10)))
    assert sh.status == 0
    assert reminders(sh.run(unset(shell, "FAN_HOOK_DISABLE"))) == 0, "a day off"
    assert reminders(sh.run(export(shell, "FAN_HOOK_NOW", now(TUESDAY, 10)))) == 1
    sh.run("false")
    assert sh.status == 1


@pytest.mark.parametrize("shell", SHELLS)
def test_settings_and_hand_edits(shell, start):
    sh = start(shell, at=now(FRIDAY, 8))
    assert reminders(sh.startup) == 0
    out = sh.run("fan config set remind_from 07:30 && fan config set remind_every 30m")
    assert reminders(out) == 1, "fan rewrote the state: 08:00 is after remind_from now"
    assert reminders(sh.run(export(shell, "FAN_HOOK_NOW", now(FRIDAY, 8, 20)))) == 0
    assert reminders(sh.run(export(shell, "FAN_HOOK_NOW", now(FRIDAY, 8, 30)))) == 1
    assert reminders(sh.run('fan add "Fixed a printer that was not ours"')) == 0
    # the journal edited by hand after fan wrote the state: never a wrong "you're done"
    year_file = start.fan_home / "journal" / "2026.toml"
    sh.run(export(shell, "FAN_HOOK_NOW", now(FRIDAY, 9)))
    year_file.write_text("schema_version = 2\nnext_number = 2\n")
    later = (start.fan_home / "hook-state").stat().st_mtime_ns + 5_000_000_000
    os.utime(year_file, ns=(later, later))  # newer than the state, to the tick: no sleep
    assert reminders(sh.run(export(shell, "FAN_HOOK_NOW", now(FRIDAY, 9, 30)))) == 1
    # a missing state reminds too
    (start.fan_home / "hook-state").unlink()
    assert reminders(sh.run(export(shell, "FAN_HOOK_NOW", now(FRIDAY, 11, 40)))) == 1


@pytest.mark.parametrize("shell", SHELLS)
def test_a_saved_snippet_writes_a_missing_state_when_sourced(shell, start, tmp_path):
    saved = tmp_path / f"hook.{shell}"
    env = {**os.environ, "FAN_HOME": str(start.fan_home), "FAN_TODAY": FRIDAY}
    saved.write_text(subprocess.run([fan_executable(), "hook", shell], env=env, check=True,
                                    capture_output=True, text=True, timeout=30).stdout)
    (start.fan_home / "hook-state").unlink()
    sh = start(shell, at=now(FRIDAY, 10), rc="")
    sh.run(f"source '{saved}'")
    assert (start.fan_home / "hook-state").read_text().startswith("fan-hook-state 2\n")


@pytest.mark.parametrize("shell", SHELLS)
def test_not_installed_in_a_non_interactive_shell(shell, tmp_path):
    env = {**os.environ, "FAN_HOME": str(tmp_path / "h"), "FAN_HOOK_NOW": now(FRIDAY, 10),
           "PATH": f"{Path(fan_executable()).parent}:{os.environ.get('PATH', '/usr/bin:/bin')}"}
    check = {
        "bash": 'eval "$(fan hook bash)"; echo "[$PROMPT_COMMAND]"; type __fan_hook',
        "zsh": 'eval "$(fan hook zsh)"; echo "[$precmd_functions]"; whence -w __fan_hook',
        "fish": 'fan hook fish | source; echo "[]"; functions -q __fan_hook; and echo defined',
    }[shell]
    result = subprocess.run([shell, "-c", check], env=env, capture_output=True, text=True,
                            timeout=30)
    assert result.stdout.splitlines()[0] == "[]"
    assert "function" not in result.stdout and "defined" not in result.stdout
    assert REMINDER not in result.stdout + result.stderr
    assert (tmp_path / "h" / "hook-state").exists(), "fan hook ran (and wrote the state)"


@pytest.mark.parametrize("kind", ["string", "array"])
def test_bash_prompt_command_string_or_array(kind, start):
    other = "__other() { other_saw=$?; }"
    first = "PROMPT_COMMAND=(__other)" if kind == "array" else "PROMPT_COMMAND='__other'"
    sh = start("bash", at=now(FRIDAY, 10), rc=f"{other}\n{first}\n{README_RC['bash']}")
    assert reminders(sh.startup) == 1
    out = sh.run("declare -p PROMPT_COMMAND")
    if kind == "array":
        assert 'declare -a PROMPT_COMMAND=([0]="__fan_hook" [1]="__other")' in out
    else:
        assert 'declare -- PROMPT_COMMAND="__fan_hook;__other"' in out
    sh.run("(exit 3)")
    assert "[3]" in sh.run('echo "[$other_saw]"'), "prompt commands after the hook see $?"


def test_zsh_keeps_other_precmd_functions(start):
    rc = "__other() { other_saw=$?; }\nprecmd_functions=(__other)\n" + README_RC["zsh"]
    sh = start("zsh", at=now(FRIDAY, 10), rc=rc)
    assert reminders(sh.startup) == 1
    assert "__fan_hook __other" in sh.run("echo $precmd_functions")
    sh.run("(exit 3)")
    assert sh.status == 3
    assert "[3]" in sh.run('echo "[$other_saw]"')
