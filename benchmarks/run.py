"""Time `fan` as users feel it — whole processes — next to `python -c pass` and jrnl.

    python benchmarks/run.py                  # full run: writes benchmarks/RESULTS.md (~4 min)
    python benchmarks/run.py --with-jrnl      # also jrnl, in a throw-away venv in work/
    python benchmarks/run.py --quick          # CI guard: a few runs, fails on gross regressions
    python benchmarks/run.py --profile add-30k    # -X importtime and cProfile into profiles/
    python benchmarks/run.py --list           # the scenarios

How it measures:
- Each scenario is a whole process (`subprocess.run`, output to /dev/null), FAN_TODAY fixed, in
  its own fresh copy of a synthetic journal (`journals.py`). Warm-up runs first (they also build
  fan's cache, as on a real machine); adds then accumulate in that copy (at most `runs` entries
  on 3,000 or 30,000), except on the empty journal, which is emptied again before each add.
- Runs alternate with runs of `python -c pass` on the same interpreter (floor first on even runs,
  second on odd ones), and the ratio is the scenario's median over the median of *its own*
  interleaved floor runs: absolute times drift on a shared machine, ratios taken side by side hold.
- A full run measures a regular `pip install .` of this checkout in `benchmarks/work/venv`
  (reinstalled when the source changes), as users run it: an editable install adds a path finder
  to every Python start and inflates the floor. `--env current` measures the interpreter that
  runs this script instead (the default for `--quick`, which must be quick and offline).
- Median, min and max wall time, and the median CPU time (user + system) of the process, which
  drifts less on a busy machine.
- A scenario whose command does not exist yet (`fan <cmd> --help` fails) is skipped with a note.
  The shell-hook scenarios use `benchmarks/hook_cost.py` once `fan hook` and that script exist.

The quick mode fails (exit 1, one line per problem) only on gross regressions: `fan add` over
15x `python -c pass` (comparing minimums, which noise cannot push up), any process spawned by the
idle prompt hook, or a scenario that crashes.
"""

from __future__ import annotations

import argparse
import datetime as dt
import fnmatch
import hashlib
import os
import platform
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from benchmarks import journals  # noqa: E402

BENCH = ROOT / "benchmarks"
WORK = BENCH / "work"
RESULTS = BENCH / "RESULTS.md"
PROFILES = BENCH / "profiles"
TODAY = journals.TODAY.isoformat()
ADD_TEXT = "Called her back after closing time to check the repair really worked"
ADD_ARGS = ("add", ADD_TEXT, "-m", "vraag", "-c", "Anna de Vries", "-t", "phone")
JRNL_ADD_TEXT = f"{ADD_TEXT}. @Anna_de_Vries #phone"
GUARD_ADD_RATIO = 15.0


# --- what is measured


@dataclass(frozen=True)
class Scenario:
    name: str
    args: tuple[str, ...]  # after the program: fan <args>, jrnl <args>, python <args>
    tool: str = "fan"  # fan | python | jrnl | hook
    journal: str | None = None  # None: an empty FAN_HOME; else a journals.SIZES name
    needs: str | None = None  # the fan command that must exist (checked with --help)
    mutates: bool = False  # changes the journal (adds)
    quick: bool = False  # part of --quick

    @property
    def command(self) -> str:
        program = {"python": "python", "jrnl": "jrnl", "hook": "prompt"}.get(self.tool, "fan")
        shown = " ".join(_quote(a) for a in self.args)
        return f"{program} {shown}".strip()


def _quote(arg: str) -> str:
    if arg == ADD_TEXT:
        return '"…"'
    if arg == JRNL_ADD_TEXT:
        return '"… @Anna_de_Vries #phone"'
    return f'"{arg}"' if " " in arg else arg


FLOOR = Scenario("floor", ("-c", "pass"), tool="python", quick=True)

SCENARIOS: tuple[Scenario, ...] = (
    FLOOR,
    # not fan: the least any command pays that imports Typer (what the targets are up against)
    Scenario("import-typer", ("-c", "import typer"), tool="python"),
    Scenario("version", ("--version",), quick=True),
    Scenario("add-empty", ADD_ARGS, mutates=True, quick=True),
    Scenario("add-3k", ADD_ARGS, journal="3k", mutates=True, quick=True),
    Scenario("add-30k", ADD_ARGS, journal="30k", mutates=True),
    Scenario("list-n10-3k", ("list", "-n", "10"), journal="3k", quick=True),
    Scenario("list-n10-30k", ("list", "-n", "10"), journal="30k"),
    Scenario("status-3k", ("status",), journal="3k", needs="status", quick=True),
    Scenario("status-30k", ("status",), journal="30k", needs="status"),
    Scenario("report-week-3k", ("report",), journal="3k", needs="report", quick=True),
    Scenario("report-week-30k", ("report",), journal="30k", needs="report"),
    Scenario("report-year-3k", ("report", "--year"), journal="3k", needs="report"),
    Scenario("report-year-30k", ("report", "--year"), journal="30k", needs="report"),
    Scenario("list-json-3k", ("list", "--format", "json"), journal="3k"),
    Scenario("list-json-30k", ("list", "--format", "json"), journal="30k"),
    Scenario("hook-bash", ("bash",), tool="hook", needs="hook", quick=True),
    Scenario("hook-zsh", ("zsh",), tool="hook", needs="hook", quick=True),
    Scenario("jrnl-add-3k", (JRNL_ADD_TEXT,), tool="jrnl", journal="3k", mutates=True),
    Scenario("jrnl-list-n10-3k", ("-n", "10"), tool="jrnl", journal="3k"),
)
BY_NAME = {s.name: s for s in SCENARIOS}


@dataclass
class Result:
    scenario: Scenario
    status: str = "ok"  # ok | skipped | failed
    note: str = ""
    samples: list[float] = field(default_factory=list)  # seconds (hook: seconds per prompt)
    floor: list[float] = field(default_factory=list)  # interleaved `python -c pass` runs
    cpu: list[float] = field(default_factory=list)  # user + system seconds per run
    floor_cpu: list[float] = field(default_factory=list)
    processes: float | None = None  # hook: processes spawned per idle prompt

    @property
    def ok(self) -> bool:
        return self.status == "ok" and bool(self.samples)

    @property
    def median(self) -> float:
        return statistics.median(self.samples)

    @property
    def ratio(self) -> float | None:
        """Median over the median of the interleaved floor runs (None when not comparable)."""
        if not self.ok or not self.floor:
            return None
        return self.median / statistics.median(self.floor)

    @property
    def min_ratio(self) -> float | None:
        """Fastest over fastest: what the guard compares, since noise only ever adds time."""
        if not self.ok or not self.floor:
            return None
        return min(self.samples) / min(self.floor)


# --- the targets of issue 8


@dataclass(frozen=True)
class Target:
    scenario: str  # the row it is shown on
    wanted: str
    figure: Callable[[dict[str, Result]], float | None]
    limit: float
    unit: str  # how the figure is shown: "x" or "s" or "processes"
    at_least: bool = False  # the figure must be >= limit (else <=)


@dataclass(frozen=True)
class Check:
    target: Target
    value: float | None  # None: not measured

    @property
    def met(self) -> bool | None:
        if self.value is None:
            return None
        if self.target.at_least:
            return self.value >= self.target.limit
        return self.value <= self.target.limit

    def text(self) -> str:
        wanted = self.target.wanted
        if self.value is None:
            return f"{wanted}: not measured"
        figure = _figure(self.value, self.target.unit)
        return f"{wanted}: {'**met**' if self.met else '**not met**'} ({figure})"


def _figure(value: float, unit: str) -> str:
    if unit == "x":
        return f"{value:.1f}×"
    if unit == "s":
        return f"{value:.3f} s"
    return f"{value:g}"


def _ratio_of(name: str) -> Callable[[dict[str, Result]], float | None]:
    return lambda results: results[name].ratio if name in results else None


def _median_of(name: str) -> Callable[[dict[str, Result]], float | None]:
    def figure(results: dict[str, Result]) -> float | None:
        result = results.get(name)
        return result.median if result and result.ok else None

    return figure


def _relative(slower: str, faster: str) -> Callable[[dict[str, Result]], float | None]:
    def figure(results: dict[str, Result]) -> float | None:
        a, b = _median_of(slower)(results), _median_of(faster)(results)
        return a / b if a is not None and b else None

    return figure


def _processes_of(name: str) -> Callable[[dict[str, Result]], float | None]:
    def figure(results: dict[str, Result]) -> float | None:
        result = results.get(name)
        return result.processes if result and result.ok else None

    return figure


TARGETS: tuple[Target, ...] = (
    Target("version", "≤ 4× floor", _ratio_of("version"), 4, "x"),
    Target("add-empty", "≤ 6× floor", _ratio_of("add-empty"), 6, "x"),
    Target("add-3k", "≤ 6× floor", _ratio_of("add-3k"), 6, "x"),
    Target("add-30k", "≤ 6× floor", _ratio_of("add-30k"), 6, "x"),
    Target("add-30k", "≤ 1.2× add on empty", _relative("add-30k", "add-empty"), 1.2, "x"),
    Target("status-30k", "≤ 10× floor", _ratio_of("status-30k"), 10, "x"),
    Target("report-week-30k", "≤ 10× floor", _ratio_of("report-week-30k"), 10, "x"),
    Target("report-year-30k", "≤ 0.5 s (3,000-entry year)", _median_of("report-year-30k"),
           0.5, "s"),
    Target("jrnl-add-3k", "fan add ≥ 10× faster", _relative("jrnl-add-3k", "add-3k"), 10, "x",
           at_least=True),
    Target("hook-bash", "0 processes per idle prompt", _processes_of("hook-bash"), 0,
           "processes"),
    Target("hook-zsh", "0 processes per idle prompt", _processes_of("hook-zsh"), 0,
           "processes"),
)


def check_targets(results: dict[str, Result]) -> list[Check]:
    return [Check(t, t.figure(results)) for t in TARGETS]


def guard(results: dict[str, Result]) -> list[str]:
    """The gross regressions the quick mode fails on, one line each (empty: all good)."""
    problems = []
    for result in results.values():
        name = result.scenario.name
        if result.status == "failed":
            problems.append(f"{name} failed: {result.note}")
        elif name.startswith("add-") and result.min_ratio is not None \
                and result.min_ratio > GUARD_ADD_RATIO:
            problems.append(f"{name}: fan add took {result.min_ratio:.1f}× python -c pass even "
                            f"at its fastest (the limit is {GUARD_ADD_RATIO:g}×)")
        elif result.scenario.tool == "hook" and result.ok and result.processes:
            problems.append(f"{name}: the idle prompt spawned {result.processes:g} processes "
                            "per prompt (it must spawn none)")
    return problems


# --- running processes


class Failed(Exception):
    """A measured command exited non-zero; the message is its last line of stderr."""


@dataclass
class Tools:
    """Where the programs are, and how one run is timed (tests pass a fake `time_one`)."""

    python: str  # the interpreter `fan` runs on: the floor
    fan: str
    jrnl: str | None = None
    jrnl_note: str = ""
    env_note: str = ""
    time_one: Callable[[Sequence[str], dict[str, str]], tuple[float, float]] | None = None
    available: Callable[[str], bool] | None = None

    def program(self, tool: str) -> str:
        if tool == "python":
            return self.python
        if tool == "jrnl":
            assert self.jrnl
            return self.jrnl
        return self.fan


def time_process(argv: Sequence[str], env: dict[str, str]) -> tuple[float, float]:
    """Wall and CPU (user + system) seconds of one whole process; Failed if it exits non-zero."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    completed = subprocess.run(argv, env=env, stdin=subprocess.DEVNULL,
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if completed.returncode != 0:
        lines = completed.stderr.decode(errors="replace").strip().splitlines() or ["(no message)"]
        raise Failed(f"exit {completed.returncode}: {lines[-1]}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu


def base_env(home: Path) -> dict[str, str]:
    """A small, fixed environment: nothing from the caller's shell leaks into the timings."""
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": str(home / "home"),
        "LANG": "C.UTF-8",
        "NO_COLOR": "1",
        "COLUMNS": "80",
        "TERM": "dumb",
        "FAN_TODAY": TODAY,
        "FAN_HOME": str(home / "fan"),
        "XDG_CONFIG_HOME": str(home / "config"),
        "XDG_DATA_HOME": str(home / "data"),
    }
    if "TZ" in os.environ:
        env["TZ"] = os.environ["TZ"]
    return env


_help_cache: dict[str, bool] = {}


def fan_has(tools: Tools, command: str) -> bool:
    """Whether `fan <command> --help` works, i.e. the command exists at this stage."""
    if tools.available is not None:
        return tools.available(command)
    key = f"{tools.fan} {command}"
    if key not in _help_cache:
        with tempfile.TemporaryDirectory() as tmp:
            env = base_env(Path(tmp))
            done = subprocess.run([tools.fan, command, "--help"], env=env,
                                  stdin=subprocess.DEVNULL, capture_output=True)
        _help_cache[key] = done.returncode == 0
    return _help_cache[key]


# --- a scenario, start to end


@dataclass
class Plan:
    runs: int
    warmup: int
    work: Path
    sizes: dict[str, journals.Size]
    progress: Callable[[str], None] = lambda line: None
    cache: dict[str, object] = field(default_factory=dict)  # set-ups shared by scenarios


def prepare_home(scenario: Scenario, plan: Plan) -> Path:
    """A fresh folder for one scenario: fan/ (FAN_HOME) from the journal template, home/."""
    base = plan.work / "run" / scenario.name
    if base.exists():
        shutil.rmtree(base)
    template = None
    if scenario.journal is not None:
        template = journals.template(plan.work, plan.sizes[scenario.journal])
    journals.copy_home(template, base / "fan")
    for name in ("home", "config", "data"):
        (base / name).mkdir(parents=True, exist_ok=True)
    return base


def why_skipped(scenario: Scenario, tools: Tools) -> str | None:
    if scenario.tool == "jrnl" and not tools.jrnl:
        return tools.jrnl_note or "jrnl not requested (run with --with-jrnl)"
    if scenario.needs and not fan_has(tools, scenario.needs):
        return f"`fan {scenario.needs}` does not exist yet"
    if scenario.tool == "hook":
        return hook_unavailable(scenario)
    return None


def measure(scenario: Scenario, tools: Tools, plan: Plan) -> Result:
    """Time one process scenario: warm-ups, then `runs` runs interleaved with the floor."""
    result = Result(scenario)
    reason = why_skipped(scenario, tools)
    if reason:
        result.status, result.note = "skipped", reason
        return result
    base = prepare_home(scenario, plan)
    env = base_env(base)
    if scenario.tool == "jrnl":
        write_jrnl_journal(base, plan, tools)
    if scenario.tool == "hook":
        return measure_hook(scenario, result, env, tools, plan)
    argv = [tools.program(scenario.tool), *scenario.args]
    floor = [tools.python, *FLOOR.args]
    time_one = tools.time_one or time_process

    def one() -> tuple[float, float]:
        if scenario.mutates and scenario.journal is None:
            journals.copy_home(None, base / "fan")  # "empty" means empty, every time
        return time_one(argv, env)

    try:
        for _ in range(plan.warmup):
            one()
        for run in range(plan.runs):
            if run % 2 == 0:
                floor_wall, floor_cpu = time_one(floor, env)
                wall, cpu = one()
            else:
                wall, cpu = one()
                floor_wall, floor_cpu = time_one(floor, env)
            result.samples.append(wall)
            result.cpu.append(cpu)
            result.floor.append(floor_wall)
            result.floor_cpu.append(floor_cpu)
    except Failed as error:
        result.status, result.note = "failed", f"`{scenario.command}` {error}"
        result.samples.clear()
    return result


def run_all(scenarios: Iterable[Scenario], tools: Tools, plan: Plan) -> dict[str, Result]:
    results: dict[str, Result] = {}
    for scenario in scenarios:
        plan.progress(f"{scenario.name:<18} {scenario.command}")
        if scenario is FLOOR:
            result = measure_floor(tools, plan)
        else:
            result = measure(scenario, tools, plan)
        results[scenario.name] = result
        plan.progress("    " + progress_line(result))
    if FLOOR.name in results:  # the floor row: every floor run of the whole session
        floor = results[FLOOR.name]
        for result in results.values():
            if result is not floor:
                floor.samples.extend(result.floor)
                floor.cpu.extend(result.floor_cpu)
    return results


def measure_floor(tools: Tools, plan: Plan) -> Result:
    result = Result(FLOOR)
    env = base_env(prepare_home(FLOOR, plan))
    time_one = tools.time_one or time_process
    for _ in range(plan.warmup):
        time_one([tools.python, *FLOOR.args], env)
    for _ in range(plan.runs):
        wall, cpu = time_one([tools.python, *FLOOR.args], env)
        result.samples.append(wall)
        result.cpu.append(cpu)
    result.floor = list(result.samples)
    return result


def progress_line(result: Result) -> str:
    if not result.ok:
        return f"{result.status}: {result.note}"
    line = f"median {_time(result.median, result.scenario)}"
    if result.ratio is not None:
        line += f", {result.ratio:.1f}× python -c pass"
    if result.processes is not None:
        line += f", {result.processes:g} processes per prompt"
    return line


def _time(seconds: float, scenario: Scenario) -> str:
    if scenario.tool == "hook":
        return f"{seconds * 1e6:.0f} µs"
    return f"{seconds * 1e3:.1f} ms"


# --- the prompt hook: measured by benchmarks/hook_cost.py (written with the hook)

HOOK_COST = BENCH / "hook_cost.py"


def hook_unavailable(scenario: Scenario) -> str | None:
    if not HOOK_COST.exists():
        return "benchmarks/hook_cost.py (the hook's own cost measurement) does not exist yet"
    if shutil.which(scenario.args[0]) is None:
        return f"{scenario.args[0]} is not installed"
    return None


IDLE_STATES = ("done", "quiet", "night")  # hook_cost's prompt states where nothing is due


def _processes(counted: float | Sequence[float]) -> float:
    """hook_cost's count per prompt: one number, or (new processes, programs run) — a fork
    without exec (a subshell) and an exec each mean a process was started, so take the most."""
    if isinstance(counted, int | float):
        return float(counted)
    return float(max(counted))


def measure_hook(scenario: Scenario, result: Result, env: dict[str, str], tools: Tools,
                 plan: Plan) -> Result:
    """Per-prompt cost and processes per idle prompt, measured by hook_cost.py's own code.

    Time: the median of `prompts` hook calls timed inside the shell, on a prompt where a fan
    was logged today ("done"); the other prompt states go in the note. Processes: the most
    started per prompt (under strace in a pseudo-terminal) over the idle states, once a control
    hook that runs `date` has been seen. What this machine cannot measure (no strace, ptrace not
    allowed) leaves the figure out with a note: the guard fails on regressions, not on that.
    """
    import importlib

    shell = scenario.args[0]
    quick = plan.runs < 10
    prompts, strace_prompts = (200, 20) if quick else (1000, 200)
    try:
        hook_cost: Any = importlib.import_module("benchmarks.hook_cost")
        if hasattr(hook_cost, "fan_executable"):  # the fan being measured, not this Python's
            hook_cost.fan_executable = lambda: tools.fan
        if "hook_setup" not in plan.cache:  # one journal and snippets for every shell
            root = plan.work / "run" / "hook-setup"
            if root.exists():
                shutil.rmtree(root)
            root.mkdir(parents=True)
            plan.cache["hook_setup"] = hook_cost.Setup(root)
        setup = plan.cache["hook_setup"]
        states = ("done",) if quick else tuple(hook_cost.SCENARIOS)
        times = {state: hook_cost.time_per_prompt(setup, shell, state, prompts)
                 for state in states}
    except (Exception, SystemExit) as error:  # another module's failure: report it, go on
        result.status, result.note = "skipped", f"benchmarks/hook_cost.py failed: {error}"
        return result
    result.samples = [times["done"]["hook_us"] / 1e6]
    others = "".join(f"{state} {figures['hook_us']:.0f} µs; "
                     for state, figures in times.items() if state != "done")
    result.note = (f"median of {prompts} prompts with a fan logged today; {others}an empty "
                   f"hook {times['done']['empty_us']:.0f} µs")
    why_not = strace_unusable()
    if why_not is None:
        try:
            control = _processes(hook_cost.processes_per_prompt(setup, shell, "done", 5,
                                                                control=True))
            if control < 1:
                why_not = (f"strace saw {control:g} processes per prompt for a control hook "
                           "that runs `date` at every prompt")
            else:
                counts = {state: _processes(hook_cost.processes_per_prompt(
                    setup, shell, state, strace_prompts)) for state in IDLE_STATES}
                result.processes = max(counts.values())
                result.note += f"; processes counted over {strace_prompts} prompts each: " \
                    + ", ".join(f"{state} {n:g}" for state, n in counts.items())
        except (Exception, SystemExit) as error:
            why_not = f"counting failed: {error}"
    if why_not is not None:
        result.note += f"; processes not counted ({why_not})"
    return result


def strace_unusable() -> str | None:
    """Why strace cannot count processes here (not installed, ptrace not allowed), or None."""
    if shutil.which("strace") is None:
        return "strace is not installed"
    try:
        done = subprocess.run(["strace", "-f", "-qq", "-o", os.devnull, "true"],
                              capture_output=True, text=True, timeout=30)
    except (OSError, subprocess.TimeoutExpired) as error:
        return f"strace does not run: {error}"
    if done.returncode != 0:
        lines = done.stderr.strip().splitlines() or [f"exit {done.returncode}"]
        return f"strace does not run here: {lines[-1]}"
    return None


# --- jrnl, in its own throw-away venv


def jrnl_venv(work: Path) -> tuple[str | None, str]:
    """`pip install jrnl` into work/jrnl-venv (kept for the next run); (path, note)."""
    venv = work / "jrnl-venv"
    jrnl = venv / "bin" / "jrnl"
    if not jrnl.exists():
        try:
            subprocess.run([sys.executable, "-m", "venv", "--clear", str(venv)], check=True,
                           capture_output=True, timeout=300)
            subprocess.run([str(venv / "bin" / "pip"), "install", "-q", "jrnl"], check=True,
                           capture_output=True, timeout=600)
        except (subprocess.CalledProcessError, subprocess.TimeoutExpired, OSError) as error:
            output = getattr(error, "stderr", b"") or b""
            last = output.decode(errors="replace").strip().splitlines()[-1:] or [str(error)]
            return None, f"jrnl could not be installed ({last[0]})"
    return str(jrnl), ""


def jrnl_version(jrnl: str) -> str:
    try:
        out = subprocess.run([jrnl, "--version"], capture_output=True, text=True, timeout=60,
                             env=base_env(Path(tempfile.gettempdir()))).stdout
    except (OSError, subprocess.TimeoutExpired):
        return "?"
    match = re.search(r"v(\d[\w.]*)", out)
    return match.group(1) if match else "?"


def write_jrnl_journal(base: Path, plan: Plan, tools: Tools) -> None:
    """jrnl's config (XDG_CONFIG_HOME/jrnl/jrnl.yaml) and the same entries as a jrnl journal."""
    assert tools.jrnl
    size = plan.sizes[BY_NAME["jrnl-add-3k"].journal or "3k"]
    entries = [e for year in journals.plan(size) for e in year.entries]
    journal = base / "jrnl" / "journal.txt"
    journal.parent.mkdir(parents=True, exist_ok=True)
    journal.write_text(journals.jrnl_text(entries), encoding="utf-8")
    config = base / "config" / "jrnl" / "jrnl.yaml"
    config.parent.mkdir(parents=True, exist_ok=True)
    config.write_text(
        "colors:\n  body: none\n  date: none\n  tags: none\n  title: none\n"
        "default_hour: 9\ndefault_minute: 0\neditor: ''\nencrypt: false\nhighlight: true\n"
        "indent_character: '|'\n"
        f"journals:\n  default:\n    journal: {journal}\n"
        "linewrap: 79\ntagsymbols: '#@'\ntemplate: false\n"
        f"timeformat: '{journals.JRNL_TIMEFORMAT}'\nversion: '{jrnl_version(tools.jrnl)}'\n",
        encoding="utf-8")


# --- which fan: a regular install of this checkout, or the current interpreter's


def source_fingerprint() -> str:
    digest = hashlib.sha256()
    for path in sorted([ROOT / "pyproject.toml", *(ROOT / "fanjournal").rglob("*")]):
        if path.is_file() and "__pycache__" not in path.parts:
            digest.update(str(path.relative_to(ROOT)).encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def installed_fan(work: Path) -> tuple[str, str] | None:
    """`pip install .` of this checkout into work/venv, as the README's quick start does.

    Reinstalled when the source changed. Built from a clean copy of the package (no stale
    build/ folder). None when it cannot be installed (e.g. offline).
    """
    venv = work / "venv"
    python, fan = venv / "bin" / "python", venv / "bin" / "fan"
    stamp = venv / ".fingerprint"
    wanted = source_fingerprint()
    if fan.exists() and stamp.exists() and stamp.read_text() == wanted:
        return str(python), str(fan)
    try:
        if not python.exists():
            subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True,
                           capture_output=True, timeout=300)
        with tempfile.TemporaryDirectory() as tmp:
            source = Path(tmp) / "fanjournal-src"
            source.mkdir()
            shutil.copytree(ROOT / "fanjournal", source / "fanjournal",
                            ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
            for name in ("pyproject.toml", "README.md", "LICENSE"):
                if (ROOT / name).exists():
                    shutil.copy2(ROOT / name, source / name)
            pip = [str(venv / "bin" / "pip"), "install", "-q", "--disable-pip-version-check"]
            subprocess.run([*pip, str(source)], check=True, capture_output=True, timeout=900)
            subprocess.run([*pip, "--no-deps", "--force-reinstall", str(source)], check=True,
                           capture_output=True, timeout=900)
    except (subprocess.CalledProcessError, subprocess.TimeoutExpired, OSError):
        return None
    stamp.write_text(wanted)
    return str(python), str(fan)


def current_fan() -> tuple[str, str]:
    fan = Path(sys.executable).parent / "fan"
    found = str(fan) if fan.exists() else shutil.which("fan")
    if not found:
        raise SystemExit("benchmarks: no `fan` next to this Python; pip install -e . first")
    return sys.executable, found


def choose_tools(env: str, work: Path, progress: Callable[[str], None]) -> Tools:
    if env == "installed":
        progress("installing this checkout into benchmarks/work/venv (pip install .) …")
        found = installed_fan(work)
        if found:
            return Tools(python=found[0], fan=found[1],
                         env_note="a regular `pip install .` of this checkout in its own venv")
        python, fan = current_fan()
        return Tools(python=python, fan=fan, env_note=(
            "the current environment (`pip install .` into a venv failed); if it is an "
            "editable install, every Python start there also loads the editable finder, which "
            "raises the floor and flatters the ratios"))
    python, fan = current_fan()
    return Tools(python=python, fan=fan, env_note=f"the current environment ({python})")


# --- the report


def machine() -> dict[str, str]:
    model = "?"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        model = platform.processor() or "?"
    try:
        commit = subprocess.run(["git", "-C", str(ROOT), "rev-parse", "--short", "HEAD"],
                                capture_output=True, text=True, timeout=30).stdout.strip()
        changed = subprocess.run(["git", "-C", str(ROOT), "status", "--porcelain", "--",
                                  "fanjournal", "pyproject.toml"],
                                 capture_output=True, text=True, timeout=30).stdout.strip()
        if commit and changed:
            commit += " with uncommitted changes to fanjournal/"
    except OSError:
        commit = "?"
    import fanjournal

    return {
        "cpus": str(os.cpu_count()),
        "cpu": model,
        "python": platform.python_version(),
        "system": f"{platform.system()} {platform.release()}",
        "fan": f"{fanjournal.__version__} (commit {commit or '?'})",
        "date": dt.datetime.now().astimezone().strftime("%Y-%m-%d %H:%M %z"),
    }


def table(results: dict[str, Result], checks: Sequence[Check]) -> str:
    by_row: dict[str, list[str]] = {}
    for check in checks:
        by_row.setdefault(check.target.scenario, []).append(check.text())
    speedups = {"jrnl-add-3k": "add-3k", "jrnl-list-n10-3k": "list-n10-3k"}
    lines = ["| scenario | command | median | min | max | CPU | × floor | target |",
             "| --- | --- | ---: | ---: | ---: | ---: | ---: | --- |"]
    for name, result in results.items():
        scenario = result.scenario
        notes = list(by_row.get(name, []))
        if name in speedups and result.ok:
            fan_result = results.get(speedups[name])
            if fan_result is not None and fan_result.ok:
                speedup = result.median / fan_result.median
                notes.insert(0, f"fan is {speedup:.1f}× faster" if speedup >= 1
                             else f"jrnl is {1 / speedup:.1f}× faster")
        if not result.ok:
            cells = [result.status, "", "", "", ""]
            notes = [result.note] + [n for n in notes if "not measured" not in n]
        else:
            cpu = _time(statistics.median(result.cpu), scenario) if result.cpu else "—"
            ratio = f"{result.ratio:.1f}×" if result.ratio is not None else "—"
            if scenario is FLOOR:
                ratio = "1.0×"
            low, high = (_time(min(result.samples), scenario), _time(max(result.samples), scenario))
            if scenario.tool == "hook":  # one median from the shell's own clock
                low = high = "—"
            cells = [_time(result.median, scenario), low, high, cpu, ratio]
            if result.note:
                notes.append(result.note)
        lines.append(f"| {name} | `{scenario.command}` | " + " | ".join(cells)
                     + f" | {'; '.join(notes)} |")
    return "\n".join(lines)


def report(results: dict[str, Result], tools: Tools, plan: Plan, info: dict[str, str],
           command: str) -> str:
    checks = check_targets(results)
    met = [c for c in checks if c.met]
    missed = [c for c in checks if c.met is False]
    unknown = [c for c in checks if c.met is None]
    out = [
        "# fan benchmarks",
        "",
        f"Written by `{command}` on {info['date']}: {plan.runs} timed runs per scenario "
        f"after {plan.warmup} warm-up, each a whole process, `FAN_TODAY={TODAY}`. See "
        "`benchmarks/run.py` for the method; **× floor** is the median over the median of "
        "`python -c pass` runs interleaved with that scenario's runs (same interpreter). CPU is "
        "the median user + system time of the process.",
        "",
        f"- Machine: {info['cpus']} CPUs, {info['cpu']}; {info['system']}",
        f"- Python {info['python']}; fan {info['fan']}, measured in {tools.env_note}",
        "- Journals: `3k` = one person, 10 years × 300 fans; `30k` = a team, 10 years × 3,000 "
        f"(seed {journals.SEED}, `benchmarks/journals.py`)",
    ]
    if tools.jrnl:
        out.append(f"- jrnl {jrnl_version(tools.jrnl)} in its own venv, the same 3k entries in "
                   "its plain-text format")
    out += ["", table(results, checks), "",
            f"Targets: {len(met)} met, {len(missed)} not met, {len(unknown)} not measured.", ""]
    for check in checks:
        out.append(f"- {check.target.scenario}: {check.text()}")
    typer_result = results.get("import-typer")
    if typer_result is not None and typer_result.ok and typer_result.ratio is not None:
        floor = statistics.median(typer_result.floor)
        out += ["", f"`python -c 'import typer'` alone takes {typer_result.ratio:.1f}× the floor "
                f"({_time(typer_result.median, FLOOR)} against {_time(floor, FLOOR)}): every fan "
                "command imports Typer before it does anything, so no command that does can meet "
                "a target below that ratio."]
    if missed:
        out += ["", "What stands in the way of the targets not met, measured piece by piece: "
                "README.md, section Performance."]
    skipped = [r for r in results.values() if not r.ok]
    if skipped:
        out += ["", "Not measured:", ""]
        out += [f"- {r.scenario.name}: {r.note}" for r in skipped]
    return "\n".join(out) + "\n"


# --- profile


def profile(name: str, tools: Tools, plan: Plan, out: Path) -> list[Path]:
    """`python -X importtime` and cProfile of one fan scenario, as text summaries in `out`."""
    scenario = BY_NAME.get(name)
    if scenario is None or scenario.tool != "fan":
        fans = ", ".join(s.name for s in SCENARIOS if s.tool == "fan")
        raise SystemExit(f"benchmarks: --profile takes a fan scenario: {fans}")
    reason = why_skipped(scenario, tools)
    if reason:
        raise SystemExit(f"benchmarks: cannot profile {name}: {reason}")
    base = prepare_home(scenario, plan)
    env = base_env(base)
    time_process([tools.fan, *scenario.args], env)  # warm: caches built, .pyc written
    out.mkdir(parents=True, exist_ok=True)
    module = [tools.python, "-X", "importtime", "-m", "fanjournal", *scenario.args]
    done = subprocess.run(module, env=env, capture_output=True, text=True)
    importtime = out / f"{name}.importtime.txt"
    importtime.write_text(importtime_summary(done.stderr, f"{name}: {scenario.command}"))
    dump = out / f"{name}.prof"
    subprocess.run([tools.python, "-m", "cProfile", "-o", str(dump), "-m", "fanjournal",
                    *scenario.args], env=env, capture_output=True, check=False)
    cprofile = out / f"{name}.cprofile.txt"
    cprofile.write_text(cprofile_summary(dump, f"{name}: {scenario.command}"))
    return [importtime, cprofile, dump]


def importtime_summary(stderr: str, title: str, top: int = 30) -> str:
    """The slowest imports by cumulative time, then the raw `-X importtime` output."""
    rows = []
    for line in stderr.splitlines():
        match = re.match(r"import time:\s+(\d+) \|\s+(\d+) \|( *)(\S+)", line)
        if match:
            rows.append((int(match.group(2)), int(match.group(1)), len(match.group(3)) // 2,
                         match.group(4)))
    total = sum(cumulative for cumulative, _self, depth, _name in rows if depth == 0)
    lines = [f"# -X importtime — {title}", f"# all top-level imports: {total / 1000:.1f} ms",
             f"# the {top} slowest by cumulative time (ms, cumulative / self):", ""]
    for cumulative, self_us, depth, name in sorted(rows, reverse=True)[:top]:
        lines.append(f"{cumulative / 1000:8.1f} {self_us / 1000:8.1f}  {'  ' * depth}{name}")
    lines += ["", "# raw output", stderr]
    return "\n".join(lines)


def cprofile_summary(dump: Path, title: str, top: int = 35) -> str:
    import io
    import pstats

    if not dump.exists():
        return f"# cProfile — {title}\n(no profile was written)\n"
    buffer = io.StringIO()
    stats = pstats.Stats(str(dump), stream=buffer)
    stats.strip_dirs().sort_stats("cumulative").print_stats(top)
    stats.sort_stats("tottime").print_stats(top)
    return f"# cProfile — {title}\n" + buffer.getvalue()


# --- command line


def select(names: str | None, quick: bool) -> list[Scenario]:
    chosen = [s for s in SCENARIOS if s.quick] if quick else list(SCENARIOS)
    if names:
        patterns = [n.strip() for n in names.split(",") if n.strip()]
        unknown = [p for p in patterns if not any(fnmatch.fnmatch(s.name, p) for s in SCENARIOS)]
        if unknown:
            raise SystemExit(f"benchmarks: no scenario matches {', '.join(unknown)} (see --list)")
        chosen = [s for s in SCENARIOS if any(fnmatch.fnmatch(s.name, p) for p in patterns)]
    if FLOOR not in chosen:
        chosen.insert(0, FLOOR)
    return chosen


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="benchmarks/run.py", description="Time fan next to python -c pass (and jrnl).")
    parser.add_argument("--quick", action="store_true",
                        help="CI guard: quick scenarios, a few runs, fail on gross regressions")
    parser.add_argument("--runs", type=int, help="timed runs per scenario (default 30, quick 5)")
    parser.add_argument("--warmup", type=int, help="warm-up runs per scenario (default 3)")
    parser.add_argument("--only", metavar="NAMES",
                        help="comma-separated scenario names or globs (add-*,status-30k)")
    parser.add_argument("--with-jrnl", action="store_true",
                        help="also time jrnl, pip-installed into benchmarks/work/jrnl-venv")
    parser.add_argument("--env", choices=("installed", "current"),
                        help="installed: pip install . into benchmarks/work/venv (default); "
                             "current: the fan next to this Python (default with --quick)")
    parser.add_argument("--output", type=Path,
                        help="where to write the results (default benchmarks/RESULTS.md for a "
                             "full run; --quick writes nothing unless asked)")
    parser.add_argument("--profile", metavar="SCENARIO",
                        help="write -X importtime and cProfile output to benchmarks/profiles/")
    parser.add_argument("--list", action="store_true", help="list the scenarios and exit")
    return parser.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    if args.list:
        for s in SCENARIOS:
            journal = f"{s.journal} journal" if s.journal else "empty journal"
            extra = " (quick)" if s.quick else ""
            print(f"{s.name:<18} {s.command:<40} {journal}{extra}")
        return 0

    def progress(line: str) -> None:
        print(line, file=sys.stderr, flush=True)

    quick = args.quick
    plan = Plan(runs=args.runs or (5 if quick else 30),
                warmup=args.warmup if args.warmup is not None else (1 if quick else 3),
                work=WORK, sizes=dict(journals.SIZES), progress=progress)
    info = machine()  # the commit and date of the code about to be installed and measured
    tools = choose_tools(args.env or ("current" if quick else "installed"), WORK, progress)
    if args.profile:
        for path in profile(args.profile, tools, plan, PROFILES):
            print(path.relative_to(ROOT))
        return 0
    scenarios = select(args.only, quick)
    if args.with_jrnl and any(s.tool == "jrnl" for s in scenarios):
        progress("installing jrnl into benchmarks/work/jrnl-venv …")
        tools.jrnl, tools.jrnl_note = jrnl_venv(WORK)
    elif not args.with_jrnl:
        tools.jrnl_note = "jrnl not requested (run with --with-jrnl)"
    started = time.perf_counter()
    results = run_all(scenarios, tools, plan)
    command = "python benchmarks/run.py" + "".join(
        f" {a}" for a in (argv if argv is not None else sys.argv[1:]))
    output = args.output or (None if quick else RESULTS)
    if output:
        output.write_text(report(results, tools, plan, info, command))
        progress(f"wrote {output}")
    else:  # the targets are judged by full runs only (--quick measures an editable install)
        print(table(results, []))
    progress(f"benchmarks took {time.perf_counter() - started:.0f} s")
    if quick:
        problems = guard(results)
        for problem in problems:
            print(f"benchmarks: FAIL: {problem}", file=sys.stderr)
        if problems:
            return 1
        print("benchmarks: quick guard passed (no gross regression)", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
