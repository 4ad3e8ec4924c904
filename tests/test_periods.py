"""One period vocabulary: the parser in dates.py, the optional-value options, and the same words
choosing the same days in `fan report`, `wall`, `nps`, `budget` and `list`."""

import datetime as dt
import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from fanjournal.cli.options import BARE, with_bare_values
from fanjournal.dates import FIRST_YEAR, LAST_YEAR, parse_period
from fanjournal.errors import FanError

from .conftest import assert_clean_error

TODAY = dt.date(2026, 11, 20)  # a Friday in ISO week 47
d = dt.date


# --- the parser


@pytest.mark.parametrize(("text", "kind", "start", "end"), [
    (None, "week", d(2026, 11, 16), d(2026, 11, 22)),
    ("this", "week", d(2026, 11, 16), d(2026, 11, 22)),
    ("deze", "week", d(2026, 11, 16), d(2026, 11, 22)),
    ("Last", "week", d(2026, 11, 9), d(2026, 11, 15)),
    ("vorige", "week", d(2026, 11, 9), d(2026, 11, 15)),
    ("2026-W01", "week", d(2025, 12, 29), d(2026, 1, 4)),
    ("monday", "week", d(2026, 11, 16), d(2026, 11, 22)),
    ("-7", "week", d(2026, 11, 9), d(2026, 11, 15)),
    (None, "month", d(2026, 11, 1), d(2026, 11, 30)),
    ("this", "month", d(2026, 11, 1), d(2026, 11, 30)),
    ("last", "month", d(2026, 10, 1), d(2026, 10, 31)),
    ("vorige", "month", d(2026, 10, 1), d(2026, 10, 31)),
    ("vorig", "month", d(2026, 10, 1), d(2026, 10, 31)),
    ("2024-2", "month", d(2024, 2, 1), d(2024, 2, 29)),
    ("11", "month", d(2026, 11, 1), d(2026, 11, 30)),
    ("3", "month", d(2026, 3, 1), d(2026, 3, 31)),
    ("2026-10-15", "month", d(2026, 10, 1), d(2026, 10, 31)),
    ("yesterday", "month", d(2026, 11, 1), d(2026, 11, 30)),
    (None, "year", d(2026, 1, 1), d(2026, 12, 31)),
    ("dit", "year", d(2026, 1, 1), d(2026, 12, 31)),
    ("last", "year", d(2025, 1, 1), d(2025, 12, 31)),
    ("vorig", "year", d(2025, 1, 1), d(2025, 12, 31)),
    ("2024", "year", d(2024, 1, 1), d(2024, 12, 31)),
    ("2025-06-10", "year", d(2025, 1, 1), d(2025, 12, 31)),
    ("last", None, d(2026, 11, 9), d(2026, 11, 15)),  # fan report last: last week
    ("2026", None, d(2026, 1, 1), d(2026, 12, 31)),
])
def test_words_for_each_kind(text, kind, start, end):
    period = parse_period(text, kind, TODAY)
    assert (period.start, period.end) == (start, end)
    assert period.kind == (kind or ("year" if text == "2026" else "week"))


def test_this_and_last_week_follow_the_configured_week_start():
    sunday = 6
    assert parse_period("this", "week", TODAY, sunday).start == d(2026, 11, 15)
    assert parse_period("last", "week", TODAY, sunday).start == d(2026, 11, 8)


@pytest.mark.parametrize(("text", "kind", "message"), [
    ("2026-11", "week", "cannot read the week '2026-11'; use this, last, 2026-W47 or a date"),
    ("47", "week", "cannot read the week '47'"),
    ("2026", "month", "cannot read the month '2026'; use this, last, 2026-11, 11 (that month "
                      "this year) or a date"),
    ("13", "month", "cannot read the month '13'"),
    ("0", "month", "cannot read the month '0'"),
    ("2026-13", "month", "cannot read the month '2026-13'"),
    ("2026-W47", "month", "cannot read the month '2026-W47'"),
    ("next", "month", "cannot read the month 'next'"),
    ("11", "year", "cannot read the year '11'; use this, last, 2026 or a date"),
    ("2026-11", "year", "cannot read the year '2026-11'"),
    ("11", None, "cannot read the period '11'; use 2026-W47, 2026-11, 2026, this, last or a"),
    ("2025-W53", "week", "2025 has no ISO week 53; it has 52 weeks"),
    ("1899", "year", "1899 is out of range"),
    ("0001-01-01", "month", "0001-01-01 is out of range"),
])
def test_unreadable_periods_name_the_forms_of_their_option(text, kind, message):
    with pytest.raises(FanError) as caught:
        parse_period(text, kind, TODAY)
    assert caught.value.message.startswith(message)
    assert caught.value.code == 2


def test_last_year_before_the_calendar_is_out_of_range():
    with pytest.raises(FanError, match="out of range"):
        parse_period("last", "year", d(FIRST_YEAR, 6, 1))


days = st.dates(min_value=d(FIRST_YEAR + 1, 1, 1), max_value=d(LAST_YEAR - 1, 12, 31))
kinds = st.sampled_from(["week", "month", "year"])


@given(days, days, kinds, st.integers(min_value=0, max_value=6))
def test_a_date_names_the_period_holding_it_and_its_label_names_it_again(day, today, kind,
                                                                          week_start):
    period = parse_period(day.isoformat(), kind, today, week_start)
    assert period.kind == kind and period.start <= day <= period.end
    if kind != "week" or week_start == 0:  # the label of a Sunday week names its ISO week
        assert parse_period(period.label, kind, today, week_start) == period
        assert parse_period(period.label, None, today, week_start) == period


@given(days, kinds)
def test_last_is_the_one_before_this(today, kind):
    this = parse_period("this", kind, today)
    assert parse_period("last", kind, today) == this.previous()
    assert parse_period(None, kind, today) == this
    assert this.start <= today <= this.end


@given(st.text(max_size=12), st.sampled_from(["week", "month", "year", None]))
def test_any_text_is_a_period_or_a_usage_error(text, kind):
    try:
        period = parse_period(text, kind, TODAY)
    except FanError as error:
        assert error.code in (1, 2) and "\n" not in error.message
    else:
        assert period.start <= period.end


# --- --week, --month and --year with or without a value


@pytest.mark.parametrize(("args", "mended"), [
    (["--month"], ["--month=" + BARE]),
    (["--month", "2026-11"], ["--month", "2026-11"]),
    (["--month=last"], ["--month=last"]),
    (["--month", "--format", "json"], ["--month=" + BARE, "--format", "json"]),
    (["--week", "-3"], ["--week", "-3"]),  # three days ago, not an option
    (["--week", "-n", "3"], ["--week=" + BARE, "-n", "3"]),
    (["--year", "--"], ["--year=" + BARE, "--"]),
    (["--search", "--month"], ["--search", "--month"]),  # the value of --search
    (["-s", "--year", "--month"], ["-s", "--year", "--month=" + BARE]),
    (["2026-10-15", "--month"], ["2026-10-15", "--month=" + BARE]),
    (["--", "--month"], ["--", "--month"]),
])
def test_the_options_take_an_optional_value(args, mended):
    import typer

    from fanjournal.cli import app

    command = typer.main.get_command(app).commands["list"]
    context = command.make_context("list", [], resilient_parsing=True)
    assert with_bare_values(args, command.get_params(context)) == mended


def test_a_group_leaves_its_subcommand_alone():
    assert with_bare_values(["--month", "add", "9"], [], {"add"}) == ["--month=", "add", "9"]
    assert with_bare_values(["add", "--month"], [], {"add"}) == ["add", "--month"]


# --- the same words choose the same days in every command

FANS = [d(2025, 6, 10), d(2026, 10, 15), d(2026, 11, 9), d(2026, 11, 17), d(2026, 11, 20)]


@pytest.fixture
def journal(fan):
    for day in FANS:
        result = fan("add", f"Fan of {day}", "--gold", "--score", "9", "--cost", "1",
                     "-d", day.isoformat())
        assert result.exit_code == 0, result
    return fan


def _days(fan, command, args):
    """(first day, last day) the command covered; None for an open end."""
    result = fan(*command, *args, "--format", "json")
    assert result.exit_code == 0, (command, args, result)
    data = json.loads(result.stdout)
    if command == ["list"]:
        return [d.fromisoformat(entry["date"]) for entry in data]
    if command == ["report"]:
        return data["period"]["start"], data["period"]["end"]
    return data["from"], data["to"]


SPANS = [
    (["--week"], "2026-11-16", "2026-11-22"),
    (["--week", "last"], "2026-11-09", "2026-11-15"),
    (["--week=2026-W46"], "2026-11-09", "2026-11-15"),
    (["--week", "2026-11-18"], "2026-11-16", "2026-11-22"),
    (["--month"], "2026-11-01", "2026-11-30"),
    (["--month=last"], "2026-10-01", "2026-10-31"),
    (["--month", "10"], "2026-10-01", "2026-10-31"),
    (["--month", "vorige"], "2026-10-01", "2026-10-31"),
    (["--year"], "2026-01-01", "2026-12-31"),
    (["--year", "vorig"], "2025-01-01", "2025-12-31"),
    (["--year", "2025-06-10"], "2025-01-01", "2025-12-31"),
    (["--from", "2026-11-10", "--to", "2026-11-18"], "2026-11-10", "2026-11-18"),
    (["--from", "-4"], "2026-11-16", None),  # up to today
    (["--to", "2026-10-31"], None, "2026-10-31"),  # from the journal's first year
]


@pytest.mark.parametrize(("args", "start", "end"), SPANS, ids=lambda v: " ".join(v)
                         if isinstance(v, list) else None)
def test_every_command_reads_the_same_days(journal, args, start, end):
    first = dt.date(2025, 1, 1).isoformat()  # 1 January of the journal's first year
    today = TODAY.isoformat()
    closed = (start or first, end or today)
    assert _days(journal, ["report"], args) == closed
    assert _days(journal, ["nps"], args) == (closed[0], min(closed[1], today))
    assert _days(journal, ["budget"], args) == closed
    assert _days(journal, ["wall"], args) == (start, end)
    inside = [day for day in FANS if (start is None or day.isoformat() >= start)
              and (end is None or day.isoformat() <= end)]
    assert _days(journal, ["list"], args) == inside


def test_budget_shows_a_month_in_detail_and_other_periods_as_sums(journal):
    month = json.loads(journal("budget", "--month=last", "-f", "json").stdout)
    assert month["month"] == "2026-10" and month["fans"] == 1 and "fans_with_cost" in month
    week = json.loads(journal("budget", "--week", "-f", "json").stdout)
    assert week["period"] == {"kind": "week", "label": "2026-W47"}
    assert (week["fans"], week["money"]) == (2, "2.00")
    assert "fans_with_cost" not in week
    journal("config", "set", "budget_money_month", "100")
    year = journal("budget", "--year")
    assert year.stdout.startswith("Fan budget — 2026\n")
    assert "€4.00 of €1,200.00 spent" in year.stdout and "4 fans in this period" in year.stdout
    assert journal("budget", "--week").stdout.startswith("Fan budget — Week 47 of 2026\n")


def test_defaults_stay_per_command(journal):
    assert _days(journal, ["report"], []) == ("2026-11-16", "2026-11-22")
    assert _days(journal, ["nps"], []) == ("2025-12-01", "2026-11-20")
    assert _days(journal, ["budget"], []) == ("2026-11-01", "2026-11-30")
    assert _days(journal, ["wall"], []) == (None, None)
    assert _days(journal, ["list"], []) == FANS


def test_a_bare_option_does_not_swallow_what_follows(journal):
    listed = json.loads(journal("list", "--month", "-n", "1", "-f", "json").stdout)
    assert [entry["date"] for entry in listed] == ["2026-11-20"]
    assert journal("list", "--year", "--peak").stdout.startswith("No fans found")
    assert journal("list", "--search", "--month").stdout.startswith("No fans found")
    report = json.loads(journal("report", "2026-10-15", "--month", "-f", "json").stdout)
    assert report["period"]["label"] == "2026-10"
    report = json.loads(journal("report", "--year", "--format=json").stdout)
    assert report["period"]["label"] == "2026"
    added = journal("nps", "--month", "add", "7")
    assert added.exit_code == 0 and "Added survey answer 2026-N001" in added.stdout


def test_report_period_argument_keeps_working(journal):
    for args, label in ((["2026-W46"], "2026-W46"), (["2026-10"], "2026-10"),
                        (["2025"], "2025"), (["2026-10-15"], "2026-W42"),
                        (["2026-10-15", "--year"], "2026"), (["last"], "2026-W46")):
        data = json.loads(journal("report", *args, "-f", "json").stdout)
        assert data["period"]["label"] == label, args


COMMANDS = [["report"], ["wall"], ["nps"], ["budget"], ["list"]]


@pytest.mark.parametrize("command", COMMANDS, ids=" ".join)
@pytest.mark.parametrize(("args", "message"), [
    (["--month", "13"], "cannot read the month '13'; use this, last, 2026-11, 11"),
    (["--month=2026"], "cannot read the month '2026'"),
    (["--week", "2026-W60"], "2026 has no ISO week 60"),
    (["--week", "soon"], "cannot read the week 'soon'; use this, last, 2026-W47 or a date"),
    (["--year", "soon"], "cannot read the year 'soon'; use this, last, 2026 or a date"),
    (["--year", "3000"], "3000 is out of range"),
    (["--week", "--month"], "choose one of --week, --month, --year or --from/--to"),
    (["--year", "2025", "--from", "2025-03-01"], "choose one of --week, --month, --year"),
    (["--from", "2026-11-10", "--to", "2026-11-01"], "--from 2026-11-10 is after --to"),
])
def test_unreadable_periods_are_usage_errors_everywhere(fan, command, args, message):
    assert_clean_error(fan(*command, *args), code=2, message=message)


def test_dutch_messages_name_the_dutch_words(fan, monkeypatch):
    monkeypatch.setenv("LANG", "nl_NL.UTF-8")
    result = fan("list", "--month", "soms")
    assert_clean_error(result, code=2, message="kan de maand 'soms' niet lezen; gebruik deze, "
                                               "vorige, 2026-11")
    assert fan("list", "--month", "vorige").exit_code == 0


@pytest.mark.parametrize(("words", "expected"), [
    ("fan report --month ", ["this", "last", "2026-11", "2026-10"]),
    ("fan nps --week 2026", ["2026-W47", "2026-W46"]),
    ("fan list --year l", ["last"]),
])
def test_shell_completion_offers_period_words(fan_process, words, expected):
    result = fan_process(env={"_FAN_COMPLETE": "complete_bash", "COMP_WORDS": words,
                              "COMP_CWORD": str(len(words.split(" ")) - 1)})
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == expected
