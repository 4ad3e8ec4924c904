"""What the prompt hook (`fan hook bash|zsh|fish`) costs at every prompt.

Two measurements, for the states a prompt meets in a day:

1. **Time per prompt.** bash and zsh call the hook function (what PROMPT_COMMAND or precmd runs
   before each prompt) `--prompts` times in a loop and time every call with their own clock
   (`$EPOCHREALTIME`, a builtin, so no process is timed); the median is compared with an empty
   hook that only keeps `$?`. fish has no sub-second clock builtin: its figure is the mean of
   the loop, timed by one `date` before and one after.
2. **Processes per prompt.** Each shell runs interactively in a pseudo-terminal under
   `strace -f -e trace=execve,fork,vfork,clone,clone3`; Enter is pressed `--strace-prompts`
   times and every new process (a fork or clone that is not a thread, which also catches a
   subshell) and every program run (execve) after the first prompt is counted. A control hook
   that runs `date` at every prompt shows that the count sees process starts.

The state is the one fan writes: FAN_TODAY is Friday 2026-11-20 with fans on Thursday and Friday
and a new customer's follow-ups planned from Sunday (the first due on Monday), and the prompt's
clock is set with FAN_HOOK_NOW. Scenarios:

- done:    Friday 10:00, a fan logged today, no follow-up due: nothing to say
- quiet:   Monday 10:00, streak at risk and a follow-up due, but the prompt spoke a minute ago
- night:   Monday 03:00, before remind_from
- late:    four weeks on (the state was not refreshed): the most windows to walk; three
           follow-ups due, quiet
- missing: no state file: the snippet's fallback, reminder shown a minute ago

Usage:  python benchmarks/hook_cost.py [--prompts 1000] [--strace-prompts 200] [--json]
Needs the `fan` script installed next to this Python (pip install -e .), bash and zsh; fish and
strace are used when present.
"""

from __future__ import annotations

import argparse
import datetime as dt
import fcntl
import json
import os
import re
import select
import shutil
import signal
import statistics
import struct
import subprocess
import sys
import tempfile
import termios
import time
from pathlib import Path

TODAY = dt.date(2026, 11, 20)  # a Friday
SCENARIOS = {
    # name: (day offset from TODAY, hour, minute, reminded a minute ago, delete the state)
    "done": (0, 10, 0, False, False),
    "quiet": (3, 10, 0, True, False),
    "night": (3, 3, 0, False, False),
    "late": (28, 10, 0, True, False),
    "missing": (3, 10, 0, True, True),
}


def epoch(offset: int, hour: int, minute: int) -> int:
    moment = dt.datetime.combine(TODAY + dt.timedelta(days=offset), dt.time(hour, minute))
    return int(moment.astimezone().timestamp())


def fan_executable() -> str:
    found = shutil.which("fan", path=str(Path(sys.executable).parent)) or shutil.which("fan")
    if not found:
        sys.exit("hook_cost: the fan script is not installed (pip install -e .)")
    return found


class Setup:
    """A FAN_HOME with two fans, the snippet of each shell, and the env for a scenario."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.fan_home = root / "fanhome"
        self.env = {**os.environ, "FAN_HOME": str(self.fan_home), "FAN_TODAY": TODAY.isoformat(),
                    "LC_ALL": "C", "HOME": str(root)}
        self.env.pop("FAN_HOOK_DISABLE", None)
        fan = fan_executable()
        for args in (["add", "Thursday's fan", "-d", "2026-11-19"], ["add", "Friday's fan"],
                     ["follow-up", "plan", "A new customer", "--start", "2026-11-22"]):
            subprocess.run([fan, *args], env=self.env, check=True, capture_output=True)
        self.snippets = {}
        for shell in ("bash", "zsh", "fish"):
            path = root / f"hook.{shell}"
            path.write_text(subprocess.run([fan, "hook", shell], env=self.env, check=True,
                                           capture_output=True, text=True).stdout)
            self.snippets[shell] = path
        self.state = self.fan_home / "hook-state"
        self.saved_state = self.state.read_bytes()

    def scenario(self, name: str) -> dict[str, str]:
        offset, hour, minute, reminded, missing = SCENARIOS[name]
        now = epoch(offset, hour, minute)
        self.state.write_bytes(self.saved_state)
        os.utime(self.state, None)  # newer than the journal, as fan leaves it
        if missing:
            self.state.unlink()
        quiet = self.fan_home / "hook-quiet-until"
        if reminded:
            quiet.write_text(f"{now - 60 + 7200}\n")  # remind_every is 2h
        else:
            quiet.unlink(missing_ok=True)
        return {**self.env, "FAN_HOOK_NOW": str(now)}


# --- 1. time per prompt, timed inside the shell

BASH_LOOP = r"""
source "$SNIPPET"
__empty_hook() { local ret=$?; return "$ret"; }
measure() {
    local k t0 t1 out=()
    for ((k = 0; k < N; k++)); do
        t0=${EPOCHREALTIME/[.,]/}; "$1"; t1=${EPOCHREALTIME/[.,]/}
        out+=($((t1 - t0)))
    done
    echo "RESULT $1 ${out[*]}"
}
measure __empty_hook; measure __fan_hook; measure __empty_hook; measure __fan_hook
"""

ZSH_LOOP = r"""
zmodload zsh/datetime
source $SNIPPET
__empty_hook() { local ret=$?; return $ret }
measure() {
    local k t0 t1; local -a out
    for ((k = 0; k < N; k++)); do
        t0=$EPOCHREALTIME; $1; t1=$EPOCHREALTIME
        out+=($(( (t1 - t0) * 1e6 )))
    done
    print -r -- "RESULT $1 $out"
}
measure __empty_hook; measure __fan_hook; measure __empty_hook; measure __fan_hook
"""

FISH_LOOP = r"""
source $SNIPPET
function __empty_hook; end
for name in __empty_hook __fan_hook __empty_hook __fan_hook
    set -l t0 (date +%s%N)
    for k in (seq $N); $name; end
    set -l t1 (date +%s%N)
    echo RESULT $name (math "($t1 - $t0) / $N / 1000")
end
"""


def time_per_prompt(setup: Setup, shell: str, scenario: str, prompts: int) -> dict[str, float]:
    script = {"bash": BASH_LOOP, "zsh": ZSH_LOOP, "fish": FISH_LOOP}[shell]
    argv = {"bash": ["bash", "--norc", "--noprofile", "-i", "-c", script],
            "zsh": ["zsh", "-f", "-i", "-c", script],
            "fish": ["fish", "--no-config", "-i", "-c", script]}[shell]
    env = {**setup.scenario(scenario), "SNIPPET": str(setup.snippets[shell]), "N": str(prompts)}
    result = subprocess.run(argv, env=env, capture_output=True, text=True, timeout=600,
                            stdin=subprocess.DEVNULL)
    found: dict[str, list[float]] = {}
    for line in result.stdout.splitlines():
        if line.startswith("RESULT "):
            _word, name, *values = line.split()
            found.setdefault(name, []).extend(float(v) for v in values)
        elif line.strip():
            raise SystemExit(f"hook_cost: {shell}/{scenario} printed {line!r} in the loop")
    if set(found) != {"__empty_hook", "__fan_hook"}:
        raise SystemExit(f"hook_cost: {shell} gave no figures: {result.stderr[-500:]}")
    if shell == "fish":  # one mean per run: the second run of each is the warm one
        return {"empty_us": found["__empty_hook"][-1], "hook_us": found["__fan_hook"][-1]}
    warm = prompts  # the second run of each, after a warm-up run
    return {"empty_us": statistics.median(found["__empty_hook"][warm:]),
            "hook_us": statistics.median(found["__fan_hook"][warm:])}


# --- 2. processes per prompt, counted with strace in a pseudo-terminal

PROMPT = re.compile(rb"@P@ ")
RC = {
    "bash": "PS1='@P@ '\nsource {snippet}\n{control}",
    "zsh": "PROMPT='@P@ '\nunsetopt prompt_sp\nsource {snippet}\n{control}",
    "fish": "set -g fish_greeting\nfunction fish_prompt; printf '@P@ '; end\nsource {snippet}\n"
            "{control}",
}
CONTROL = {  # a hook that starts one process at every prompt
    "bash": "__control() { command date >/dev/null; }\n"
            "PROMPT_COMMAND=\"__control;$PROMPT_COMMAND\"",
    "zsh": "__control() { command date >/dev/null }\nprecmd_functions+=(__control)",
    "fish": "function __control --on-event fish_prompt; command date >/dev/null; end",
}


def _pty_shell(argv: list[str], env: dict[str, str], cwd: Path) -> tuple[subprocess.Popen, int]:
    master, replica = os.openpty()
    fcntl.ioctl(replica, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 100, 0, 0))

    def controlling_terminal() -> None:
        os.setsid()
        fcntl.ioctl(0, termios.TIOCSCTTY, 0)

    process = subprocess.Popen(argv, stdin=replica, stdout=replica, stderr=replica, env=env,
                               cwd=cwd, preexec_fn=controlling_terminal)
    os.close(replica)
    return process, master


def _wait_prompts(master: int, count: int, timeout: float = 120) -> None:
    seen, buffer = 0, b""
    deadline = time.monotonic() + timeout
    while seen < count:
        left = deadline - time.monotonic()
        if left <= 0:
            raise SystemExit(f"hook_cost: saw {seen} of {count} prompts: {buffer[-300:]!r}")
        ready, _, _ = select.select([master], [], [], left)
        if ready:
            chunk = os.read(master, 65536)
            buffer = buffer[-16:] + chunk
            seen += len(PROMPT.findall(buffer))
            buffer = PROMPT.sub(b"", buffer)


NEW_PROCESS = re.compile(r"\b(fork|vfork|clone|clone3)\(")


def _events(log: Path) -> tuple[int, int]:
    """(new processes, programs run) so far: fork/vfork/clone calls that are not threads, and
    execve calls."""
    try:
        lines = log.read_text().splitlines()
    except FileNotFoundError:
        return 0, 0
    forks = sum(1 for line in lines if NEW_PROCESS.search(line) and "CLONE_THREAD" not in line)
    return forks, sum(1 for line in lines if "execve(" in line)


def processes_per_prompt(setup: Setup, shell: str, scenario: str, prompts: int,
                         control: bool = False) -> tuple[float, float]:
    home = setup.root / f"home-{shell}"
    home.mkdir(exist_ok=True)
    rc = RC[shell].format(snippet=setup.snippets[shell], control=CONTROL[shell] if control else "")
    env = {**setup.scenario(scenario), "HOME": str(home), "ZDOTDIR": str(home), "TERM": "xterm",
           "XDG_CONFIG_HOME": str(home / ".config")}
    if shell == "bash":
        (home / ".bashrc").write_text(rc)
        argv = ["bash", "--noprofile", "--rcfile", str(home / ".bashrc"), "-i"]
    elif shell == "zsh":
        (home / ".zshrc").write_text(rc)
        argv = ["zsh", "-i"]
    else:
        # an existing folder stops fish's first start from generating completions in the
        # background (a Python process strace would count)
        (home / ".local" / "share" / "fish" / "generated_completions").mkdir(parents=True,
                                                                          exist_ok=True)
        (home / ".config" / "fish").mkdir(parents=True, exist_ok=True)
        (home / ".config" / "fish" / "config.fish").write_text(rc)
        argv = ["fish", "-i"]
    log = setup.root / f"strace-{shell}-{scenario}-{int(control)}.log"
    process, master = _pty_shell(["strace", "-f", "-qq", "-e",
                                  "trace=execve,fork,vfork,clone,clone3", "-o", str(log), *argv],
                                 env, home)
    try:
        _wait_prompts(master, 1)
        time.sleep(0.2)  # let startup work finish before counting
        before = _events(log)
        for _ in range(prompts):
            os.write(master, b"\n")
            _wait_prompts(master, 1)
        after = _events(log)
        os.write(master, b"exit\n")
        process.wait(timeout=10)
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)  # strace and the shell, started here
            process.wait()
        os.close(master)
    return (after[0] - before[0]) / prompts, (after[1] - before[1]) / prompts


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--prompts", type=int, default=1000, help="hook calls timed per run")
    parser.add_argument("--strace-prompts", type=int, default=200,
                        help="prompts drawn under strace per shell and scenario")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    options = parser.parse_args()

    shells = [s for s in ("bash", "zsh", "fish") if shutil.which(s)]
    results: dict[str, dict] = {"prompts": options.prompts, "time": {}, "processes": {}}
    with tempfile.TemporaryDirectory(prefix="fan-hook-cost-") as tmp:
        setup = Setup(Path(tmp))
        for shell in shells:
            results["time"][shell] = {name: time_per_prompt(setup, shell, name, options.prompts)
                                      for name in SCENARIOS}
        if shutil.which("strace"):
            for shell in shells:
                counts = {name: processes_per_prompt(setup, shell, name, options.strace_prompts)
                          for name in ("done", "quiet", "night", "missing")}
                counts["control (date)"] = processes_per_prompt(
                    setup, shell, "done", max(options.strace_prompts // 10, 5), control=True)
                results["processes"][shell] = counts

    if options.json:
        print(json.dumps(results, indent=2))
        return
    print(f"Time per prompt (median of {options.prompts} calls; fish: mean), microseconds")
    print(f"{'shell':<6} {'scenario':<9} {'empty hook':>11} {'fan hook':>9} {'added':>7}")
    for shell, scenarios in results["time"].items():
        for name, figures in scenarios.items():
            print(f"{shell:<6} {name:<9} {figures['empty_us']:>11.1f} {figures['hook_us']:>9.1f}"
                  f" {figures['hook_us'] - figures['empty_us']:>7.1f}")
    if results["processes"]:
        print(f"\nProcesses per prompt: forks / programs run (strace -f, "
              f"{options.strace_prompts} prompts)")
        for shell, counts in results["processes"].items():
            print(f"{shell:<6} " + "  ".join(f"{name} {forks:.2f}/{execs:.2f}"
                                             for name, (forks, execs) in counts.items()))
    else:
        print("\n(strace is not installed: processes per prompt not counted)")


if __name__ == "__main__":
    main()
