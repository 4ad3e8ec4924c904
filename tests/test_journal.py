import csv
import io
import json
import sys

import pytest

from .conftest import assert_clean_error


def entries(fan):
    return json.loads(fan("list", "--format", "json").stdout)


def test_add_confirms_with_id_and_todays_count(fan):
    assert fan("add", "Walked her to the car").stdout == "Added 2026-001 — 1 fan today.\n"
    assert fan("add", "Second").stdout == "Added 2026-002 — 2 fans today.\n"
    result = fan("add", "Backfilled", "-d", "yesterday")
    assert result.stdout == "Added 2026-003 — 1 fan on 2026-11-19.\n"


def test_add_stores_every_field(fan):
    result = fan("add", "  Fixed a printer that wasn't ours  ", "-m", "niet", "-c", "Anna Jansen",
                 "-t", "printer", "-t", "#Office,printer", "--score", "9", "--cost", "12.5",
                 "--minutes", "20", "--peak", "--gold", "-d", "monday")
    assert result.exit_code == 0
    (entry,) = entries(fan)
    assert entry == {
        "id": "2026-001", "date": "2026-11-16", "created": entry["created"],
        "text": "Fixed a printer that wasn't ours", "moment": "niet-mijn-probleem",
        "customer": "Anna Jansen", "tags": ["printer", "office"], "score": 9, "cost": "12.5",
        "minutes": 20, "peak": True, "gold": True, "quote": None,
    }
    assert entry["created"][10] == "T" and entry["created"][-6] in "+-"


def test_add_reads_the_text_from_stdin_when_piped(fan):
    result = fan("add", "-m", "vraag", input="Answered a question about invoices\n")
    assert result.exit_code == 0
    assert entries(fan)[0]["text"] == "Answered a question about invoices"
    assert entries(fan)[0]["moment"] == "vraag"


def test_default_moment_is_zomaar(fan):
    fan("add", "Flowers")
    assert entries(fan)[0]["moment"] == "zomaar"


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (["add", "x", "--score", "11"], 2, "score must be from 0 to 10, not 11"),
        (["add", "x", "--score", "nine"], 2, "'nine' is not a valid int"),
        (["add", "x", "--cost", "-3"], 2, "cost cannot be negative"),
        (["add", "x", "--cost", "a lot"], 2, "cost must be an amount"),
        (["add", "x", "--minutes", "-5"], 2, "minutes cannot be negative"),
        (["add", "x", "-m", "party"], 2, "unknown moment 'party'"),
        (["add", "x", "-d", "2026-11-21"], 2, "2026-11-21 is in the future"),
        (["add", "x", "-d", "someday"], 2, "cannot read the date 'someday'"),
        (["add", "   "], 2, "the text is empty"),
        (["add", "x", "--bogus"], 2, "No such option: --bogus"),
        (["show", "2026-999"], 1, "no entry with id 2026-999"),
        (["show", "banana"], 2, "'banana' is not an entry id"),
        (["edit", "2026-999", "--text", "x"], 1, "no entry with id 2026-999"),
        (["rm", "2026-999", "--yes"], 1, "no entry with id 2026-999"),
        (["list", "--format", "xml"], 2, "unknown format 'xml'"),
        (["list", "--from", "2026-11-10", "--to", "2026-11-01"], 2, "is after --to"),
        (["config", "set", "target", "0"], 2, "target must be a whole number above 0"),
        (["config", "set", "colour", "red"], 2, "unknown config key 'colour'"),
        (["config", "get", "colour"], 2, "unknown config key 'colour'"),
        (["frobnicate"], 2, "No such command 'frobnicate'"),
    ],
)
def test_bad_input_gets_one_clear_line(fan, args, code, message):
    fan("add", "an existing fan")
    result = fan(*args)
    assert_clean_error(result, code=code, message=message)
    assert len(entries(fan)) == 1


def test_empty_stdin_is_refused(fan):
    assert_clean_error(fan("add", input=""), code=2, message="the text is empty")


def test_bad_fan_today_is_a_clear_error(fan, monkeypatch):
    monkeypatch.setenv("FAN_TODAY", "friday")
    assert_clean_error(fan("add", "x"), code=2, message="FAN_TODAY must be a date")


def test_usage_errors_point_to_help(fan):
    result = fan("add", "x", "--score", "nine")
    assert "(see 'fan add --help')" in result.stderr


@pytest.fixture
def sample(fan):
    fan("add", "Refund without receipt", "-m", "nee-maar", "-c", "Anna", "-t", "refund",
        "-d", "2026-11-02")
    fan("add", "Complaint about delivery solved", "-m", "klacht", "-c", "Bram", "--peak",
        "-d", "2026-11-10")
    fan("add", "Umbrella to the car", "-m", "niet-mijn-probleem", "-c", "anna", "--gold",
        "-d", "2026-11-18")
    fan("add", "Last year's fan", "-d", "2025-12-30")
    fan("add", "Flowers for the receptionist", "-t", "Colleague")


@pytest.mark.parametrize(
    ("args", "ids"),
    [
        ([], ["2025-001", "2026-001", "2026-002", "2026-003", "2026-004"]),
        (["--from", "2026-11-05"], ["2026-002", "2026-003", "2026-004"]),
        (["--to", "2026-11-02"], ["2025-001", "2026-001"]),
        (["--moment", "klacht"], ["2026-002"]),
        (["-m", "complaint"], ["2026-002"]),
        (["--customer", "ANNA"], ["2026-001", "2026-003"]),
        (["--tag", "colleague"], ["2026-004"]),
        (["--search", "CAR"], ["2026-003"]),
        (["--peak"], ["2026-002"]),
        (["--gold"], ["2026-003"]),
        (["-n", "2"], ["2026-003", "2026-004"]),
        (["-n", "0"], []),
        (["-n", "10", "--customer", "anna"], ["2026-001", "2026-003"]),
        (["--from", "2026-01-01", "-n", "1", "-m", "nee"], ["2026-001"]),
    ],
)
def test_list_filters(fan, sample, args, ids):
    result = fan("list", "--format", "json", *args)
    assert result.exit_code == 0
    assert [e["id"] for e in json.loads(result.stdout)] == ids


def test_list_table_fits_80_columns_without_colour(fan, sample):
    result = fan("list")
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert "2026-002" in result.stdout and "Umbrella to the car" in result.stdout
    assert all(len(line) <= 80 for line in lines), lines
    assert "\x1b[" not in result.stdout
    assert lines[-1].strip() == "5 fans"


def test_list_on_an_empty_journal_says_how_to_start(fan):
    result = fan("list")
    assert result.exit_code == 0
    assert 'fan add "what you did"' in result.stdout
    assert fan("list", "-f", "json").stdout == "[]\n"


def test_csv_has_every_field_and_neutralises_formulas(fan):
    fan("add", "=HYPERLINK(\"http://evil\")", "-c", "+31 6 1234", "-t", "a", "-t", "b")
    rows = list(csv.reader(io.StringIO(fan("list", "-f", "csv").stdout)))
    assert rows[0] == ["id", "date", "created", "text", "moment", "customer", "tags", "score",
                       "cost", "minutes", "peak", "gold", "quote"]
    assert rows[1][3] == "'=HYPERLINK(\"http://evil\")"
    assert rows[1][5] == "'+31 6 1234"
    assert rows[1][6] == "a;b"


def test_markdown_escapes_table_breaking_text(fan):
    fan("add", "Fixed | the *pipe* <b>now</b>\nnext line", "-c", "[Anna](http://x)")
    out = fan("list", "-f", "markdown").stdout
    row = out.splitlines()[2]
    assert row.count(" | ") == 6  # the text's pipe is escaped, so 7 cells remain
    assert "\\|" in row and "\\*pipe\\*" in row and "\\<b\\>" in row
    assert "\\[Anna\\]\\(http://x\\)" in row


def test_rich_markup_in_data_is_shown_literally(fan):
    fan("add", "[bold red]not markup[/]", "-c", "[link=http://x]Anna[/link]")
    out = fan("list").stdout
    assert "[bold red]not markup[/]" in out
    shown = fan("show", "2026-001").stdout
    assert "[link=http://x]Anna[/link]" in shown


def test_list_anonymize_hides_names_everywhere(fan):
    fan("add", "Drove Anna Jansen home", "-c", "Anna Jansen")
    fan("add", "Called Bram back", "-c", "Bram")
    fan("add", "Anna Jansen again", "-c", "anna jansen")
    out = fan("list", "-f", "json", "--anonymize").stdout
    assert "Anna" not in out and "Bram" not in out and "anna" not in out
    data = json.loads(out)
    assert [e["customer"] for e in data] == ["Customer 1", "Customer 2", "Customer 1"]
    assert data[0]["text"] == "Drove Customer 1 home"


def test_show_prints_every_set_field(fan):
    fan("add", "Answered", "-c", "Anna", "--score", "10", "--cost", "3", "--minutes", "15",
        "--peak")
    out = fan("show", "2026-001").stdout
    for expected in ("2026-001", "2026-11-20", "Anna", "Answered", "10/10", "3 EUR", "15",
                     "zomaar (just because)"):
        assert expected in out
    data = json.loads(fan("show", "2026-001", "-f", "json").stdout)
    assert data["score"] == 10


def test_edit_with_flags(fan):
    fan("add", "Old text", "-c", "Anna", "--score", "6", "-t", "x")
    result = fan("edit", "2026-001", "--text", "New text", "-m", "klacht", "--gold",
                 "--clear", "score", "--customer", "", "-t", "y")
    assert result.stdout == "Updated 2026-001.\n"
    (entry,) = entries(fan)
    assert (entry["text"], entry["moment"], entry["gold"], entry["score"], entry["customer"],
            entry["tags"]) == ("New text", "klacht", True, None, None, ["y"])


def test_edit_refuses_bad_values_and_changes_nothing(fan):
    fan("add", "Keep me", "--score", "6")
    assert_clean_error(fan("edit", "2026-001", "--score", "12"), message="score")
    assert_clean_error(fan("edit", "2026-001", "--clear", "text"), code=2, message="--clear")
    assert_clean_error(fan("edit", "2026-001", "-d", "2025-06-01"), message="add it again")
    assert_clean_error(fan("edit", "2026-001"), code=2, message="no changes given")
    assert entries(fan)[0]["score"] == 6


def test_edit_in_the_editor(fan, editor):
    fan("add", "Typo in thsi", "-c", "Anna")
    editor("thsi", "this")
    assert fan("edit", "2026-001").exit_code == 0
    assert entries(fan)[0]["text"] == "Typo in this"


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ('moment = "zomaar"', 'moment = "nope"', "field 'moment'"),
        ('moment = "zomaar"', "moment = ", "not valid TOML"),
        ("date = 2026-11-20", "date = 2026-12-24", "in the future"),
        ('moment = "zomaar"', 'id = "2026-002"', "id cannot be changed"),
    ],
)
def test_invalid_edit_changes_nothing(fan, editor, journal_dir, old, new, message):
    fan("add", "Original")
    before = (journal_dir / "2026.toml").read_text()
    editor(old, new)
    assert_clean_error(fan("edit", "2026-001"), code=2, message=message)
    assert (journal_dir / "2026.toml").read_text() == before


def test_editor_failure_changes_nothing(fan, editor):
    fan("add", "Original")
    editor("Original", "Changed", status=3)
    assert_clean_error(fan("edit", "2026-001"), message="exited with status 3")
    assert entries(fan)[0]["text"] == "Original"


def test_rm_needs_yes_without_a_terminal(fan):
    fan("add", "Keep")
    assert_clean_error(fan("rm", "2026-001"), code=2, message="--yes")
    assert len(entries(fan)) == 1
    assert fan("rm", "2026-001", "-y").stdout == "Removed 2026-001.\n"
    assert entries(fan) == []


def test_config_path_get_set_unset(fan, fan_home):
    out = fan("config", "path").stdout
    assert f"config:  {fan_home / 'config.toml'}" in out
    assert f"journal: {fan_home / 'journal'}" in out
    assert fan("config", "get", "target").stdout == "300\n"
    assert fan("config", "set", "target", "250").stdout == "target = 250\n"
    assert fan("config", "get", "target").stdout == "250\n"
    assert "target = 250" in (fan_home / "config.toml").read_text()
    assert fan("config", "set", "workdays", "mon,tue,WED").exit_code == 0
    assert fan("config", "get", "workdays").stdout == "mon,tue,wed\n"
    fan("config", "unset", "target")
    assert fan("config", "get", "target").stdout == "300\n"
    assert "target" in fan("config", "show").stdout


def test_config_journal_moves_the_journal(fan, tmp_path):
    elsewhere = tmp_path / "synced"
    fan("config", "set", "journal", str(elsewhere))
    fan("add", "Moved")
    assert (elsewhere / "2026.toml").exists()


def test_broken_config_is_a_clear_error(fan, fan_home):
    fan_home.mkdir(parents=True, exist_ok=True)
    (fan_home / "config.toml").write_text("target = 0\n")
    assert_clean_error(fan("add", "x"), message="target must be a whole number above 0")
    (fan_home / "config.toml").write_text("target = [\n")
    assert_clean_error(fan("list"), message="not valid TOML")


def test_version_and_help(fan):
    from fanjournal import __version__

    assert fan("--version").stdout == f"fan {__version__}\n"
    for command in ("add", "list", "show", "edit", "rm", "config"):
        result = fan(command, "--help")
        assert result.exit_code == 0 and "Usage" in result.stdout


def test_installed_script_and_module_both_run(fan_process):
    result = fan_process("add", "From the real entry point", "-c", "Anna")
    assert result.returncode == 0, result.stderr
    assert result.stdout == "Added 2026-001 — 1 fan today.\n"
    listed = fan_process("list")
    assert "From the real entry point" in listed.stdout and "\x1b[" not in listed.stdout
    import subprocess

    module = subprocess.run([sys.executable, "-m", "fanjournal", "--version"],
                            capture_output=True, text=True)
    assert module.returncode == 0 and module.stdout.startswith("fan ")


def test_installed_script_errors_have_no_traceback(fan_process):
    result = fan_process("add", "x", "--score", "11")
    assert_clean_error(result, code=2, message="score must be from 0 to 10")
    result = fan_process("add", stdin_text := "")  # noqa: F841 - empty piped text
    assert_clean_error(result, code=2, message="the text is empty")


def _run_in_pty(args, answers, timeout=30, env=None):
    """Run the installed fan on a pseudo-terminal, typing each answer after its prompt."""
    import os
    import pty
    import select
    import subprocess
    import time

    from .conftest import fan_executable

    leader, follower = pty.openpty()
    proc = subprocess.Popen([fan_executable(), *args], stdin=follower, stdout=follower,
                            stderr=follower, env={**os.environ, **(env or {})}, close_fds=True)
    os.close(follower)
    seen, pending, deadline = b"", list(answers), time.monotonic() + timeout
    while time.monotonic() < deadline:
        ready, _, _ = select.select([leader], [], [], 0.2)
        if ready:
            try:
                chunk = os.read(leader, 4096)
            except OSError:
                break
            if not chunk:
                break
            seen += chunk
            if pending and seen.rstrip().endswith((b":", b"]:", b"?")):
                os.write(leader, pending.pop(0).encode() + b"\r")
        elif proc.poll() is not None:
            break
    proc.wait(timeout=timeout)
    os.close(leader)
    return proc.returncode, seen.decode(errors="replace")


def test_add_asks_for_text_and_moment_on_a_terminal(fan):
    code, screen = _run_in_pty(["add"], ["Fixed the coffee machine", "niet"])
    assert code == 0, screen
    assert "What did you do for the customer?" in screen
    assert "Added 2026-001 — 1 fan today." in screen
    (entry,) = entries(fan)
    assert (entry["text"], entry["moment"]) == ("Fixed the coffee machine", "niet-mijn-probleem")


def test_rm_asks_on_a_terminal_and_no_keeps_the_entry(fan):
    fan("add", "Keep me")
    code, screen = _run_in_pty(["rm", "2026-001"], ["n"])
    assert code == 1 and "Nothing removed." in screen
    assert len(entries(fan)) == 1
    code, screen = _run_in_pty(["rm", "2026-001"], ["y"])
    assert code == 0 and "Removed 2026-001." in screen
    assert entries(fan) == []


def test_csv_cells_keep_plain_numbers_and_quote_formulas():
    from fanjournal.render.text import csv_cell

    assert csv_cell(-256) == "-256"
    assert csv_cell("-1.5") == "-1.5"
    assert csv_cell("-1+1") == "'-1+1"
    assert csv_cell("@SUM(A1)") == "'@SUM(A1)"
    assert csv_cell(None) == ""


@pytest.mark.parametrize(
    ("words", "cword", "expected"),
    [("fan st", 1, "status"), ("fan add x -m k", 4, "klacht"), ("fan config get tar", 3, "target")],
)
def test_shell_completion_offers_commands_and_values(fan_process, words, cword, expected):
    result = fan_process(env={"_FAN_COMPLETE": "complete_bash", "COMP_WORDS": words,
                              "COMP_CWORD": str(cword)})
    assert result.returncode == 0, result.stderr
    assert expected in result.stdout.split()


def test_colour_on_a_terminal_unless_no_color(fan, monkeypatch):
    fan("add", "Coloured", "-c", "Anna", "--peak")
    monkeypatch.delenv("NO_COLOR")
    import re

    def colours(screen):  # SGR parameters that set a colour (30–49, 90–107), not bold or dim
        params = [p for seq in re.findall(r"\x1b\[([0-9;]*)m", screen) for p in seq.split(";")]
        return [p for p in params if p.isdigit() and (30 <= int(p) <= 49 or 90 <= int(p) <= 107)]

    code, screen = _run_in_pty(["list"], [], env={"TERM": "xterm-256color"})
    assert code == 0 and colours(screen)
    code, screen = _run_in_pty(["list"], [], env={"TERM": "xterm-256color", "NO_COLOR": "1"})
    assert code == 0 and "Coloured" in screen and not colours(screen)


def test_version_from_the_installed_script(fan_process):
    from fanjournal import __version__

    for flag in ("--version", "-V"):
        result = fan_process(flag)
        assert (result.returncode, result.stdout, result.stderr) == (0, f"fan {__version__}\n", "")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["list", "--from", ""], "cannot read the date ''"),
        (["add", "x", "-d", ""], "cannot read the date ''"),
        (["follow-up", "plan", "Bo", "--start", "9999-12-31"], "out of range"),
        (["due", "--ahead", "99999999999999999999"], "--ahead"),
        (["report", "--from", ""], "cannot read the date ''"),
    ],
)
def test_edge_values_found_by_fuzzing_get_one_line(fan, args, message):
    assert_clean_error(fan(*args), message=message)


def test_anonymize_drops_tags_that_name_the_customer(fan):
    fan("add", "Helped", "-c", "Anna de Vries", "-t", "anna", "-t", "devries", "-t", "repair")
    data = json.loads(fan("list", "-f", "json", "--anonymize").stdout)
    assert data[0]["tags"] == ["repair"]


def test_a_config_file_that_is_not_utf8_is_one_clear_line(fan, fan_home):
    fan_home.mkdir(parents=True, exist_ok=True)
    (fan_home / "config.toml").write_bytes(b'target = "\xff"\n')
    result = fan("status")
    assert result.exit_code == 1, result
    assert "config.toml: not UTF-8 text" in result.stderr and "internal error" not in result.stderr
