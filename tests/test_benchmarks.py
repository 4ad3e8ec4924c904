"""The benchmark tooling: the journal generator and the runner's logic, on tiny inputs.

Nothing here times anything: the runner's clock is replaced by a fake that returns fixed
durations, so ratios, targets and the quick guard are checked exactly.
"""

import datetime as dt
import json
import re
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from benchmarks import journals  # noqa: E402
from benchmarks import run as bench  # noqa: E402
from fanjournal import workdays  # noqa: E402
from fanjournal.model import MOMENTS  # noqa: E402
from fanjournal.store import Journal  # noqa: E402

TINY = journals.Size("3k", per_year=12, customers=8, years=2)
SMALL = journals.Size("30k", per_year=30, customers=20, years=2)


# --- the generator


def test_plan_is_deterministic_and_exact_per_year():
    first, second = journals.plan(TINY), journals.plan(TINY)
    assert first == second
    assert [p.year for p in first] == [2025, 2026]
    for year_plan in first:
        assert len(year_plan.entries) == TINY.per_year
        ids = [e.id for e in year_plan.entries]
        assert ids == [f"{year_plan.year}-{n:03d}" for n in range(1, TINY.per_year + 1)]
        dates = [e.date for e in year_plan.entries]
        assert dates == sorted(dates)
        assert all(d.year == year_plan.year and d <= journals.TODAY for d in dates)


def test_another_seed_gives_another_journal():
    assert journals.plan(TINY, seed=1) != journals.plan(TINY, seed=2)


def test_person_journal_is_realistic():
    plans = journals.plan(journals.PERSON)
    entries = [e for p in plans for e in p.entries]
    assert len(entries) == 3000
    assert len(plans) == 10
    assert {e.moment for e in entries} == set(MOMENTS)
    customers = [e.customer for e in entries if e.customer]
    assert 0.7 < len(customers) / len(entries) < 0.95
    assert len(set(customers)) > 50  # regulars and one-offs
    assert max(customers.count(c) for c in set(customers)) > 40  # a few come back often
    assert any(e.tags for e in entries) and any(not e.tags for e in entries)
    for name in ("peak", "gold"):
        share = sum(getattr(e, name) for e in entries) / len(entries)
        assert 0 < share < 0.1
    for name in ("score", "cost", "minutes"):
        share = sum(getattr(e, name) is not None for e in entries) / len(entries)
        assert 0.1 < share < 0.7
    assert any(e.date.weekday() >= 5 for e in entries)  # the odd fan on a weekend
    assert any("\n" in e.text for e in entries) and any('"' in e.text for e in entries)
    for year_plan in plans:
        off = [d.date for d in year_plan.days_off]
        assert all(d.weekday() < 5 and d.year == year_plan.year for d in off)
        if year_plan.year < journals.TODAY.year:
            assert 15 <= len(off) <= 25
        working = [d for d in workdays.days(dt.date(year_plan.year, 1, 1),
                                            min(journals.TODAY, dt.date(year_plan.year, 12, 31)))
                   if d.weekday() < 5 and d not in off]
        days_with_fans = {e.date for e in year_plan.entries}
        assert any(d not in days_with_fans for d in working)  # some days without a fan


def test_written_journal_reads_back_through_the_store(tmp_path):
    home = journals.build(tmp_path / "fan", TINY)
    journal = Journal(home / "journal")
    plans = journals.plan(TINY)
    assert journal.years() == [2025, 2026]
    assert journal.entries() == [e for p in plans for e in p.entries]
    for year_plan in plans:
        assert journal.summary(year_plan.year).records.days_off == year_plan.days_off
        assert journal.load(year_plan.year).next_number == TINY.per_year + 1
    assert not list((home / "journal").glob("*.bak"))


def test_fan_reads_the_generated_journal_and_adds_to_it(tmp_path, fan, monkeypatch):
    home = journals.build(tmp_path / "fan", TINY)
    monkeypatch.setenv("FAN_HOME", str(home))
    listed = fan("list", "--format", "json")
    assert listed.exit_code == 0, listed
    assert len(json.loads(listed.stdout)) == 2 * TINY.per_year
    added = fan("add", "Benchmarked", "-m", "vraag")
    assert added.exit_code == 0, added
    assert f"2026-{TINY.per_year + 1:03d}" in added.stdout


def test_template_is_reused_until_the_generator_changes(tmp_path, monkeypatch):
    home = journals.template(tmp_path, TINY)
    year_file = home / "journal" / "2026.toml"
    built = year_file.stat().st_mtime_ns
    assert journals.template(tmp_path, TINY) == home
    assert year_file.stat().st_mtime_ns == built
    monkeypatch.setattr(journals, "GENERATOR_VERSION", journals.GENERATOR_VERSION + 1)
    journals.template(tmp_path, TINY)
    assert year_file.stat().st_mtime_ns != built


def test_copy_home_is_fresh_every_time(tmp_path):
    template = journals.build(tmp_path / "template", TINY)
    (template / ".fingerprint").write_text("x")
    target = journals.copy_home(template, tmp_path / "copy")
    (target / "journal" / "2026.toml").write_text("changed")
    journals.copy_home(template, target)
    assert (target / "journal" / "2026.toml").read_bytes() == \
        (template / "journal" / "2026.toml").read_bytes()
    assert not (target / ".fingerprint").exists()
    empty = journals.copy_home(None, target)
    assert list(empty.iterdir()) == []


def test_jrnl_text_has_one_header_per_entry():
    entries = [e for p in journals.plan(SMALL) for e in p.entries]
    text = journals.jrnl_text(entries)
    headers = re.findall(r"(?:^|\n)\[([^\]]+)\] ", text)  # the pattern jrnl itself parses with
    assert len(headers) == len(entries)
    stamps = [dt.datetime.strptime(h, journals.JRNL_TIMEFORMAT) for h in headers]
    assert stamps == sorted(stamps)
    assert [s.date() for s in stamps] == sorted(e.date for e in entries)
    with_customer = next(e for e in entries if e.customer)
    entry_text = journals.jrnl_entry(with_customer)
    assert "@" + with_customer.customer.replace(" ", "_") in entry_text
    assert entry_text.startswith(f"[{with_customer.date.isoformat()} ")


def test_jrnl_body_never_starts_a_new_entry():
    entry = journals.plan(TINY)[0].entries[0].with_changes(
        text="First line\n[2020-01-01 10:00] looks like a header", tags=("a",), peak=True)
    text = journals.jrnl_entry(entry)
    assert len(re.findall(r"(?:^|\n)\[([^\]]+)\] ", text)) == 1
    assert text.splitlines()[0].endswith("First line *")


# --- the runner, with a fake clock


FLOOR = 0.010


class FakeClock:
    """Stands in for `time_process`: fixed durations by command, and a record of the calls."""

    def __init__(self, durations, fail=()):
        self.durations = durations
        self.fail = fail
        self.calls = []

    def __call__(self, argv, env):
        name = "floor" if argv[0] == "py" else " ".join(argv[1:2])
        self.calls.append((name, env["FAN_HOME"]))
        if name in self.fail:
            raise bench.Failed("exit 70: fan: internal error")
        if name == "add" and argv[0] == "fan":
            # an add on the empty journal always starts from an empty FAN_HOME
            home = Path(env["FAN_HOME"])
            if "add-empty" in str(home):
                assert list(home.iterdir()) == []
            (home / "added").mkdir(exist_ok=True)
        seconds = FLOOR if name == "floor" else self.durations.get(name, 0.03)
        return seconds, seconds


@pytest.fixture
def runner(tmp_path, monkeypatch):
    """run(durations, available=..., fail=...) -> (results, clock) over the quick scenarios."""
    monkeypatch.setattr(bench, "HOOK_COST", tmp_path / "no-hook-cost.py")

    def run(durations, available=("status", "report", "hook"), fail=(), names=None,
            quick=True, runs=4):
        clock = FakeClock(durations, fail)
        tools = bench.Tools(python="py", fan="fan", time_one=clock,
                            available=lambda command: command in available)
        plan = bench.Plan(runs=runs, warmup=1, work=tmp_path / "work",
                          sizes={"3k": TINY, "30k": SMALL})
        return bench.run_all(bench.select(names, quick), tools, plan), clock

    return run


def test_quick_run_passes_the_guard_and_computes_ratios(runner):
    results, _clock = runner({"add": 0.05, "--version": 0.03})
    assert bench.guard(results) == []
    assert results["add-3k"].ratio == pytest.approx(5.0)
    assert results["version"].ratio == pytest.approx(3.0)
    assert results["floor"].median == pytest.approx(FLOOR)
    checks = {(c.target.scenario, c.target.wanted): c for c in bench.check_targets(results)}
    assert checks[("add-3k", "≤ 6× floor")].met is True
    assert checks[("version", "≤ 4× floor")].met is True
    assert checks[("add-30k", "≤ 6× floor")].met is None  # not in the quick set


def test_runs_interleave_with_the_floor(runner):
    results, clock = runner({}, names="version", runs=4)
    floor = results["floor"]  # its own runs, then every interleaved one, wall and CPU alike
    assert len(floor.samples) == len(floor.cpu) == 8
    order = [name for name, _home in clock.calls]
    # floor warm-up, floor runs; then version: a warm-up, then floor/run, run/floor, …
    version = order[order.index("--version"):]
    assert version == ["--version", "floor", "--version", "--version", "floor",
                       "floor", "--version", "--version", "floor"]


def test_each_scenario_gets_its_own_journal_copy(runner, tmp_path):
    _results, clock = runner({}, names="add-3k,list-n10-3k")
    homes = {name: home for name, home in clock.calls if name in ("add", "list")}
    assert homes["add"] != homes["list"]
    assert not (Path(homes["list"]) / "added").exists()
    template = tmp_path / "work" / "journals" / "3k"
    assert (template / "journal" / "2026.toml").exists() and not (template / "added").exists()


def test_guard_fails_on_a_gross_add_regression_only(runner):
    results, _clock = runner({"add": 0.14})  # 14x: slow, but not gross
    assert bench.guard(results) == []
    results, _clock = runner({"add": 0.16})
    problems = bench.guard(results)
    assert len(problems) == 2  # add-empty and add-3k
    assert problems[0].startswith("add-empty: fan add took 16.0× python -c pass")


def test_guard_ignores_a_noisy_slow_run(runner, tmp_path):
    result = bench.Result(bench.BY_NAME["add-3k"], samples=[0.05, 0.05, 0.9, 0.05],
                          floor=[0.01, 0.01, 0.01, 0.01])
    assert bench.guard({"add-3k": result}) == []


def test_missing_commands_are_skipped_with_a_note(runner):
    results, _clock = runner({}, available=())
    for name in ("status-3k", "report-week-3k"):
        assert results[name].status == "skipped"
    assert results["status-3k"].note == "`fan status` does not exist yet"
    assert "hook" in results["hook-bash"].note or "hook_cost" in results["hook-bash"].note
    assert bench.guard(results) == []


def test_hook_scenarios_wait_for_hook_cost(runner):
    results, _clock = runner({}, names="hook-*")
    assert results["hook-bash"].status == "skipped"
    assert "hook_cost.py" in results["hook-bash"].note


def test_a_crash_fails_the_guard_with_its_message(runner):
    results, _clock = runner({}, fail=("status",))
    assert results["status-3k"].status == "failed"
    assert bench.guard(results) == [
        "status-3k failed: `fan status` exit 70: fan: internal error"]


def _result(name, median, floor=FLOOR):
    return bench.Result(bench.BY_NAME[name], samples=[median] * 3, floor=[floor] * 3)


def test_targets_met_and_not_met():
    results = {
        "add-empty": _result("add-empty", 0.050),
        "add-30k": _result("add-30k", 0.065),  # 6.5x floor, 1.3x empty
        "add-3k": _result("add-3k", 0.040),
        "jrnl-add-3k": _result("jrnl-add-3k", 0.600),  # 15x slower than fan add
        "report-year-30k": _result("report-year-30k", 0.7),
    }
    checks = {(c.target.scenario, c.target.wanted): c for c in bench.check_targets(results)}
    assert checks[("add-empty", "≤ 6× floor")].met is True
    assert checks[("add-30k", "≤ 6× floor")].met is False
    assert checks[("add-30k", "≤ 1.2× add on empty")].value == pytest.approx(1.3)
    assert checks[("add-30k", "≤ 1.2× add on empty")].met is False
    assert checks[("jrnl-add-3k", "fan add ≥ 10× faster")].met is True
    assert checks[("report-year-30k", "≤ 0.5 s (3,000-entry year)")].met is False
    assert checks[("status-30k", "≤ 10× floor")].met is None
    assert "**not met** (6.5×)" in checks[("add-30k", "≤ 6× floor")].text()


def test_report_shows_every_row_target_and_skip(runner):
    results, _clock = runner({"add": 0.05}, available=("status",))
    tools = bench.Tools(python="py", fan="fan", env_note="a test")
    plan = bench.Plan(runs=4, warmup=1, work=Path("."), sizes={})
    info = {"date": "2026-11-20 10:00 +0100", "cpus": "2", "cpu": "Test CPU",
            "python": "3.11.7", "system": "Linux", "fan": "0.1.0"}
    text = bench.report(results, tools, plan, info, "python benchmarks/run.py --quick")
    assert "2 CPUs, Test CPU" in text and "Python 3.11.7" in text and "2026-11-20" in text
    assert "| add-3k | `fan add \"…\" -m vraag -c \"Anna de Vries\" -t phone` | 50.0 ms" in text
    assert "| 5.0× | ≤ 6× floor: **met** (5.0×) |" in text
    assert "| report-week-3k | `fan report` | skipped |" in text
    assert "- report-week-3k: `fan report` does not exist yet" in text
    assert "Targets: 3 met, 0 not met, 8 not measured." in text


def test_jrnl_row_shows_the_speed_up():
    results = {"add-3k": _result("add-3k", 0.05), "jrnl-add-3k": _result("jrnl-add-3k", 0.6),
               "list-n10-3k": _result("list-n10-3k", 0.2),
               "jrnl-list-n10-3k": _result("jrnl-list-n10-3k", 0.1)}
    text = bench.table(results, bench.check_targets(results))
    assert "fan is 12.0× faster; fan add ≥ 10× faster: **met** (12.0×)" in text
    assert "| jrnl is 2.0× faster |" in text


def test_a_single_process_count_is_understood_too():
    assert bench._processes(0) == 0.0
    assert bench._processes((0.0, 0.5)) == 0.5


def test_select_by_name_and_glob():
    names = [s.name for s in bench.select("add-*,status-30k", quick=False)]
    assert names == ["floor", "add-empty", "add-3k", "add-30k", "status-30k"]
    assert all(s.quick for s in bench.select(None, quick=True))
    assert "add-30k" not in [s.name for s in bench.select(None, quick=True)]
    with pytest.raises(SystemExit, match="no scenario matches nope"):
        bench.select("nope", quick=False)


def test_importtime_summary_sorts_by_cumulative_time():
    raw = ("import time: self [us] | cumulative | imported package\n"
           "import time:       100 |        100 |   tomllib._re\n"
           "import time:      2000 |       2100 | tomllib\n"
           "import time:     30000 |      45000 | typer\n")
    text = bench.importtime_summary(raw, "add-3k: fan add")
    assert "all top-level imports: 47.1 ms" in text
    lines = [line for line in text.splitlines() if line.strip().endswith(("typer", "tomllib"))]
    assert lines[0].split() == ["45.0", "30.0", "typer"]


def test_list_names_every_scenario(capsys):
    assert bench.main(["--list"]) == 0
    out = capsys.readouterr().out
    for scenario in bench.SCENARIOS:
        assert scenario.name in out


class FakeHookCost:
    """Stands in for benchmarks/hook_cost.py (written with the hook) and records the calls."""

    SCENARIOS = {"done": (), "quiet": (), "night": (), "late": (), "missing": ()}

    def __init__(self, processes=None, control=1.0):
        self.processes = processes or {}
        self.control = control
        self.setups = 0

    def fan_executable(self):
        return "the current environment's fan"

    def Setup(self, root):  # noqa: N802 — the real one is a class
        self.setups += 1
        assert root.is_dir()
        return root

    def time_per_prompt(self, setup, shell, state, prompts):
        assert self.fan_executable() == "fan"  # the fan being measured
        return {"empty_us": 10.0, "hook_us": {"bash": 200.0, "zsh": 800.0}[shell] + len(state)}

    def processes_per_prompt(self, setup, shell, state, prompts, control=False):
        """(new processes, programs run) per prompt, as hook_cost.py counts them."""
        if control:
            return self.control, self.control
        return self.processes.get((shell, state), (0.0, 0.0))


@pytest.fixture
def hook_cost(monkeypatch, tmp_path):
    def install(**options):
        fake = FakeHookCost(**options)
        monkeypatch.setitem(sys.modules, "benchmarks.hook_cost", fake)
        (tmp_path / "hook_cost.py").write_text("")
        monkeypatch.setattr(bench, "HOOK_COST", tmp_path / "hook_cost.py")
        monkeypatch.setattr(bench.shutil, "which", lambda name: f"/usr/bin/{name}")
        monkeypatch.setattr(bench, "strace_unusable", lambda: None)
        return fake

    return install


def _hooks(tmp_path, runs=30):
    tools = bench.Tools(python="py", fan="fan", time_one=FakeClock({}),
                        available=lambda command: True)
    plan = bench.Plan(runs=runs, warmup=0, work=tmp_path / "work", sizes={})
    return bench.run_all(bench.select("hook-*", quick=False), tools, plan)


def test_hook_rows_come_from_hook_cost(hook_cost, tmp_path):
    fake = hook_cost()
    results = _hooks(tmp_path)
    assert fake.setups == 1  # one set-up for both shells
    bash = results["hook-bash"]
    assert bash.ok and bash.median == pytest.approx(204e-6) and bash.processes == 0
    assert "late 204 µs" in bash.note and "an empty hook 10 µs" in bash.note
    assert bench.guard(results) == []
    checks = {(c.target.scenario, c.target.wanted): c for c in bench.check_targets(results)}
    assert checks[("hook-zsh", "0 processes per idle prompt")].met is True
    row = bench.table(results, bench.check_targets(results)).splitlines()[3]
    assert row.startswith("| hook-bash | `prompt bash` | 204 µs | — | — | — | — |")


def test_idle_prompt_that_starts_a_process_fails_the_guard(hook_cost, tmp_path):
    hook_cost(processes={("zsh", "quiet"): (0.05, 0.0)})  # a subshell: a fork, no exec
    results = _hooks(tmp_path, runs=5)
    assert results["hook-zsh"].processes == 0.05
    assert bench.guard(results) == [
        "hook-zsh: the idle prompt spawned 0.05 processes per prompt (it must spawn none)"]


def test_a_process_count_that_misses_the_control_is_not_trusted(hook_cost, tmp_path):
    hook_cost(control=0.0)
    results = _hooks(tmp_path, runs=5)
    bash = results["hook-bash"]
    assert bash.ok and bash.processes is None
    assert "processes not counted (strace saw 0 processes per prompt for a control hook" \
        in bash.note
    assert bench.guard(results) == []  # cannot count here: not a regression
    checks = {(c.target.scenario, c.target.wanted): c for c in bench.check_targets(results)}
    assert checks[("hook-bash", "0 processes per idle prompt")].met is None


def test_without_a_working_strace_the_time_is_still_measured(hook_cost, tmp_path, monkeypatch):
    hook_cost()
    monkeypatch.setattr(bench, "strace_unusable", lambda: "strace is not installed")
    bash = _hooks(tmp_path, runs=5)["hook-bash"]
    assert bash.ok and bash.processes is None and bash.median == pytest.approx(204e-6)
    assert bash.note.endswith("; processes not counted (strace is not installed)")


def test_a_broken_hook_measurement_is_a_note_not_a_crash(hook_cost, tmp_path):
    fake = hook_cost()

    def broken(*args):
        raise SystemExit("hook_cost: bash gave no figures")

    fake.time_per_prompt = broken
    results = _hooks(tmp_path, runs=5)
    assert results["hook-bash"].status == "skipped"
    assert results["hook-bash"].note == \
        "benchmarks/hook_cost.py failed: hook_cost: bash gave no figures"


def test_report_says_what_importing_typer_costs():
    results = {"floor": _result("floor", FLOOR), "import-typer": _result("import-typer", 0.06)}
    tools = bench.Tools(python="py", fan="fan", env_note="a test")
    plan = bench.Plan(runs=3, warmup=0, work=Path("."), sizes={})
    info = {"date": "today", "cpus": "2", "cpu": "CPU", "python": "3.11", "system": "Linux",
            "fan": "0.1.0"}
    text = bench.report(results, tools, plan, info, "python benchmarks/run.py")
    assert "`python -c 'import typer'` alone takes 6.0× the floor (60.0 ms against 10.0 ms)" \
        in text


@pytest.mark.parametrize(("add_seconds", "code"), [(0.05, 0), (0.2, 1)])
def test_quick_mode_exit_status_and_message(monkeypatch, tmp_path, capsys, add_seconds, code):
    monkeypatch.setattr(bench, "WORK", tmp_path / "work")
    monkeypatch.setattr(bench, "RESULTS", tmp_path / "RESULTS.md")
    monkeypatch.setattr(bench, "HOOK_COST", tmp_path / "no-hook-cost.py")
    monkeypatch.setattr(bench.journals, "SIZES", {"3k": TINY, "30k": SMALL})
    tools = bench.Tools(python="py", fan="fan", time_one=FakeClock({"add": add_seconds}),
                        available=lambda command: True)
    monkeypatch.setattr(bench, "choose_tools", lambda env, work, progress: tools)
    assert bench.main(["--quick"]) == code
    captured = capsys.readouterr()
    assert "| add-3k |" in captured.out and "**met**" not in captured.out
    failures = [line for line in captured.err.splitlines() if "FAIL" in line]
    if code:
        assert failures == [
            "benchmarks: FAIL: add-empty: fan add took 20.0× python -c pass even at its fastest "
            "(the limit is 15×)",
            "benchmarks: FAIL: add-3k: fan add took 20.0× python -c pass even at its fastest "
            "(the limit is 15×)"]
    else:
        assert failures == []
        assert "benchmarks: quick guard passed (no gross regression)" in captured.err
    assert not (tmp_path / "RESULTS.md").exists()  # a quick run only prints
