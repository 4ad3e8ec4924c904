"""A sweep: every option that takes a value, given odd values, ends in success or in one clear
line on stderr — never an internal error or a traceback."""

import pytest

from .conftest import assert_clean_error

ODD = ["", "-1", "99999999999999999999", "2026-02-30", "9999-12-31", "x", "\x00", "[red]x",
       "2026-W99", "2026-13", "nan", "2026-11-20..2026-11-01", "{customer}", "2026-F999", "☃" * 80]

OPTIONS = [
    ["add", "x", "-d"], ["add", "x", "--score"], ["add", "x", "--cost"], ["add", "x", "--minutes"],
    ["add", "x", "-m"], ["add", "x", "--quote"], ["list", "--from"], ["list", "-n"], ["show"],
    ["edit", "2026-001", "--date"], ["edit", "2026-001", "--cost"], ["rm"], ["status", "-f"],
    ["report"], ["report", "--week"], ["report", "--from"], ["off"], ["off", "--rm"], ["nee"],
    ["nee", "price", "--fill"], ["coach"], ["wall", "--month"], ["nps", "--year"], ["nps", "add"],
    ["nps", "rm"], ["budget", "--month"], ["follow-up", "plan", "X", "--start"],
    ["follow-up", "done"], ["due", "--ahead"], ["config", "set", "target"],
    ["config", "set", "workdays"], ["config", "set", "holidays"],
    ["config", "set", "remind_from"], ["config", "set", "follow_up_actions"], ["hook"],
]


@pytest.fixture
def journal_with_one_of_each(fan):
    for args in (["add", "seed", "-c", "Anna", "--score", "9", "--cost", "3", "--gold"],
                 ["nps", "add", "9"], ["follow-up", "plan", "Bob"], ["off", "2026-11-18"]):
        assert fan(*args).exit_code == 0, args


@pytest.mark.parametrize("command", OPTIONS, ids=" ".join)
def test_odd_values_never_crash(fan, journal_with_one_of_each, command):
    for value in ODD:
        result = fan(*command, value)
        if result.exit_code != 0:
            assert_clean_error(result)
            assert result.exit_code != 70, (command, value, result)


@pytest.mark.parametrize("args", [["wall", "--year", "0000"], ["nps", "--year", "9999"],
                                  ["budget", "--month", "9999-12"]])
def test_years_out_of_range_in_period_options(fan, args):
    assert_clean_error(fan(*args), code=2, message="out of range")


def test_nps_defaults_to_this_month_and_the_eleven_before(fan, monkeypatch):
    import json

    for today in ("2026-11-20", "2026-03-31", "2027-01-01"):
        monkeypatch.setenv("FAN_TODAY", today)
        data = json.loads(fan("nps", "-f", "json").stdout)
        year, month = int(today[:4]), int(today[5:7])
        first_year, first_month = divmod(year * 12 + month - 1 - 11, 12)
        assert data["from"] == f"{first_year}-{first_month + 1:02d}-01", (today, data["from"])
