"""The README's "Exit codes" table, walked: every example in it ends with its row's status."""

import re
import shlex

import pytest

from .conftest import assert_clean_error
from .test_docs import README


def rows() -> dict[int, list[str]]:
    """Status → the `fan …` commands its row gives as examples."""
    section = README.split("### Exit codes\n", 1)[1].split("\n#", 1)[0]
    found = re.findall(r"^\| (\d+) \| .+? \| (.+?) \|$", section, re.M)
    return {int(code): re.findall(r"`(fan [^`]+)`", examples) for code, examples in found}


RUNNABLE = [(code, command) for code, commands in rows().items() if code < 70
            for command in commands]


def test_the_table_has_every_status_and_the_rule_matches_the_code():
    from fanjournal import errors

    assert list(rows()) == [0, errors.STOPPED, errors.USAGE, errors.BUG, errors.INTERRUPTED]
    assert all(rows()[code] for code in (0, 1, 2, 130))


@pytest.fixture
def one_fan(fan):
    assert fan("add", "The fan the examples expect").exit_code == 0
    return fan


@pytest.mark.parametrize(("code", "command"), RUNNABLE, ids=[c for _code, c in RUNNABLE])
def test_each_example_ends_with_its_status(one_fan, code, command):
    words = shlex.split(command)
    assert words[0] == "fan"
    result = one_fan(*words[1:])
    assert result.exit_code == code, result
    if code:
        assert_clean_error(result, code=code)


def test_a_bug_ends_with_70(one_fan, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("a bug")

    monkeypatch.setattr("fanjournal.usecases.journal.select", broken)
    result = one_fan("list")
    assert_clean_error(result, code=70, message="internal error: RuntimeError('a bug')")


def test_ctrl_c_at_a_question_ends_with_130(one_fan):
    import os
    import pty
    import select
    import signal
    import subprocess
    import time

    from .conftest import fan_executable

    (command,) = rows()[130]
    leader, follower = pty.openpty()
    process = subprocess.Popen([fan_executable(), *shlex.split(command)[1:]], stdin=follower,
                               stdout=follower, stderr=follower, close_fds=True)
    os.close(follower)
    seen, deadline = b"", time.monotonic() + 120  # generous: a loaded machine starts slowly
    while not seen.rstrip().endswith(b"]:") and time.monotonic() < deadline:
        if select.select([leader], [], [], 0.2)[0]:
            seen += os.read(leader, 4096)
    if not seen.rstrip().endswith(b"]:"):
        process.kill()
        pytest.fail(f"fan rm never asked its question: {seen!r}")
    # Click writes the question, then input() writes its last character and blocks in read():
    # a SIGINT that lands between the two is noted but not acted on until read() returns (a
    # CPython race no person typing Ctrl-C can hit). So wait for that last space, then a moment.
    while not seen.endswith(b": ") and time.monotonic() < deadline:
        if select.select([leader], [], [], 0.2)[0]:
            seen += os.read(leader, 4096)
    time.sleep(0.5)
    process.send_signal(signal.SIGINT)
    code = process.wait(timeout=120)
    while select.select([leader], [], [], 0.2)[0]:
        try:
            chunk = os.read(leader, 4096)
        except OSError:
            break
        if not chunk:
            break
        seen += chunk
    os.close(leader)
    assert code == 130, seen
    assert b"fan: cancelled" in seen and b"Traceback" not in seen
    assert one_fan("show", "2026-001").exit_code == 0  # nothing was removed


@pytest.mark.parametrize(("parse", "value"), [
    ("model.parse_moment", "party"), ("model.parse_text", " "), ("model.parse_score", "11"),
    ("model.parse_cost", "-1"), ("model.parse_minutes", "x"), ("model.parse_tags", 3),
    ("model.parse_quote", "q" * 3000), ("model.parse_id", "1"), ("model.id_year", "x"),
    ("nps.parse_note", "n" * 3000), ("dates.parse_year", "26"), ("config.check_key", "colour"),
])
def test_parsers_of_typed_input_raise_usage_errors(parse, value):
    import importlib

    from fanjournal.errors import USAGE, FanError

    module, name = parse.split(".")
    function = getattr(importlib.import_module(f"fanjournal.{module}"), name)
    with pytest.raises(FanError) as caught:
        function(value)
    assert caught.value.code == USAGE


def test_typed_dates_raise_usage_errors_and_a_corrupt_file_stops(fan, journal_dir):
    import datetime as dt

    from fanjournal import dates
    from fanjournal.errors import STOPPED, USAGE, FanError

    today = dt.date(2026, 11, 20)
    for parse, text in ((dates.parse_date, "someday"), (dates.parse_date, "-99999"),
                        (dates.parse_past_date, "2026-11-21"), (dates.parse_date, "3000-01-01")):
        with pytest.raises(FanError) as caught:
            parse(text, today)
        assert caught.value.code == USAGE, text
    fan("add", "x")
    (journal_dir / "2026.toml").write_text("schema_version = 2\n[[fan]]\nid = 'x'\n")
    assert_clean_error(fan("list"), code=STOPPED)
