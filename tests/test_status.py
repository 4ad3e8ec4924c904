"""`fan status`: today, streak, week and pace on fixed journals (FAN_TODAY = Fri 2026-11-20)."""

import json

import pytest

from fanjournal.workdays import DayOff

from .conftest import assert_clean_error
from .review_journal import d, working_weekdays, write

WEEK_47 = working_weekdays(d(2026, 11, 16), d(2026, 11, 19))  # Mon..Thu


def status_json(fan) -> dict:
    result = fan("status", "--format", "json")
    assert result.exit_code == 0, result
    return json.loads(result.stdout)


def test_empty_journal_is_a_friendly_line(fan):
    result = fan("status")
    assert result.exit_code == 0
    assert "No fans yet" in result.stdout and 'fan add "what you did"' in result.stdout
    data = status_json(fan)
    assert data["total_fans"] == 0 and data["streak"]["current"]["length"] == 0
    assert data["pace"]["fans"] == 0 and data["pace"]["target"] == 300
    prompt = fan("status", "--prompt")
    assert prompt.exit_code == 0 and prompt.stdout == "★0 0/300"


def test_no_fan_yet_today_is_at_risk(fan, fan_home):
    write(fan_home, WEEK_47)
    result = fan("status")
    assert result.exit_code == 0
    assert "no fan yet" in result.stdout
    assert "4 working days since Mon 16 Nov" in result.stdout
    assert "at risk" in result.stdout
    data = status_json(fan)
    assert data["streak"] == {
        "current": {"length": 4, "start": "2026-11-16", "end": "2026-11-19"},
        "longest": {"length": 4, "start": "2026-11-16", "end": "2026-11-19"},
        "at_risk": True,
    }
    assert data["fans_today"] == 0 and data["working_today"] is True
    assert data["week"]["label"] == "2026-W47" and data["week"]["fans"] == 4
    assert fan("status", "--prompt").stdout == "★4! 4/300"


def test_a_fan_today_makes_it_safe(fan, fan_home):
    write(fan_home, WEEK_47)
    assert fan("add", "Called back within the hour").exit_code == 0
    result = fan("status")
    assert "✓ 1 fan" in result.stdout and "safe today" in result.stdout
    data = status_json(fan)
    assert data["streak"]["current"]["length"] == 5 and not data["streak"]["at_risk"]
    assert data["week"] == {"kind": "week", "label": "2026-W47", "start": "2026-11-16",
                            "end": "2026-11-22", "fans": 5, "working_days": 5,
                            "active_days": 5}
    assert fan("status", "--prompt").stdout == "★5 5/300"


def test_a_day_off_today_is_not_at_risk(fan, fan_home):
    write(fan_home, WEEK_47, days_off=[DayOff(d(2026, 11, 20), "training")])
    result = fan("status")
    assert "no fan needed: training" in result.stdout
    assert "safe: today is not a working day" in result.stdout
    data = status_json(fan)
    assert data["working_today"] is False and data["reason_today"] == "training"
    assert data["streak"]["current"]["length"] == 4 and not data["streak"]["at_risk"]
    assert data["week"]["working_days"] == 4


def test_a_missed_day_breaks_the_streak(fan, fan_home):
    write(fan_home, [d(2026, 11, 16), d(2026, 11, 17), d(2026, 11, 19)])  # no Wednesday
    data = status_json(fan)
    assert data["streak"]["current"] == {"length": 1, "start": "2026-11-19",
                                         "end": "2026-11-19"}
    assert data["streak"]["longest"]["length"] == 2


def test_streak_across_the_year_end_with_dutch_holidays(fan, fan_home, monkeypatch):
    # 2026-W53 runs Mon 28 Dec .. Sun 3 Jan; Fri 25 Dec and Fri 1 Jan are Dutch holidays.
    days = working_weekdays(d(2026, 12, 21), d(2027, 1, 5),
                            skip=[d(2026, 12, 25), d(2027, 1, 1)])
    write(fan_home, days)
    monkeypatch.setenv("FAN_TODAY", "2027-01-05")
    assert status_json(fan)["streak"]["current"]["length"] == 2  # no holidays configured
    assert fan("config", "set", "holidays", "NL").exit_code == 0
    data = status_json(fan)
    assert data["streak"]["current"] == {"length": 10, "start": "2026-12-21",
                                         "end": "2027-01-05"}
    # the prompt reads the previous year only because the streak reaches into it
    assert fan("status", "--prompt").stdout == "★10 2/300"
    monkeypatch.setenv("FAN_TODAY", "2027-01-01")  # the holiday itself: safe, not at risk
    data = status_json(fan)
    assert data["streak"]["current"]["length"] == 8 and not data["streak"]["at_risk"]
    assert data["reason_today"] == "New Year's Day"


def test_iso_week_53(fan, fan_home, monkeypatch):
    write(fan_home, [d(2026, 12, 28), d(2026, 12, 29), d(2027, 1, 2)])
    monkeypatch.setenv("FAN_TODAY", "2026-12-31")
    week = status_json(fan)["week"]
    assert week["label"] == "2026-W53"
    assert (week["start"], week["end"]) == ("2026-12-28", "2027-01-03")
    assert week["fans"] == 2 and week["working_days"] == 5  # Mon 28 Dec .. Fri 1 Jan
    assert fan("config", "set", "holidays", "NL").exit_code == 0
    assert status_json(fan)["week"]["working_days"] == 4  # 1 Jan is a holiday
    monkeypatch.setenv("FAN_TODAY", "2027-01-03")
    week = status_json(fan)["week"]
    assert week["label"] == "2026-W53" and week["fans"] == 3


def test_pace_pinned_with_holidays_and_a_day_off(fan, fan_home):
    # 250 fans before today; 253 working days in 2026 (NL holidays, one day off), 224 of them
    # over by Friday 20 November (see tests/test_pace.py for the arithmetic).
    days = working_weekdays(d(2026, 1, 2), d(2026, 11, 19))  # 230 weekdays
    fans = {day: 2 if index < 20 else 1 for index, day in enumerate(days)}
    write(fan_home, fans, days_off=[DayOff(d(2026, 11, 18), "sick")])
    assert fan("config", "set", "holidays", "NL").exit_code == 0
    pace = status_json(fan)["pace"]
    assert pace == {"year": 2026, "target": 300, "fans": 250, "working_days": 253,
                    "elapsed": 224, "remaining": 29, "expected": 265.61,
                    "expected_whole": 266, "difference": -16, "projected": 282,
                    "needed_per_day": 1.72, "reached": False}
    result = fan("status")
    assert "250 / 300" in result.stdout
    assert "expected 266 by now: 16 behind" in result.stdout
    assert "on course for 282" in result.stdout
    assert "1.7 fans a working day to reach 300 (29 working days left)" in result.stdout


def test_target_from_config(fan, fan_home):
    write(fan_home, WEEK_47)
    assert fan("config", "set", "target", "200").exit_code == 0
    assert status_json(fan)["pace"]["target"] == 200
    assert fan("status", "--prompt").stdout == "★4! 4/200"


def test_longest_streak_from_an_earlier_year(fan, fan_home):
    write(fan_home, [*working_weekdays(d(2024, 3, 4), d(2024, 3, 29)), *WEEK_47])
    longest = status_json(fan)["streak"]["longest"]
    assert longest == {"length": 20, "start": "2024-03-04", "end": "2024-03-29"}
    assert "longest: 20 working days (Mon 4 Mar – Fri 29 Mar 2024)" in fan("status").stdout


def test_other_workdays(fan, fan_home):
    write(fan_home, [d(2026, 11, 14), d(2026, 11, 17), d(2026, 11, 18), d(2026, 11, 19)])
    assert fan("config", "set", "workdays", "tue,wed,thu,fri,sat").exit_code == 0
    assert status_json(fan)["streak"]["current"]["length"] == 4  # Sat 14 .. Thu 19


def test_week_start_sunday(fan, fan_home):
    write(fan_home, [d(2026, 11, 15), *WEEK_47])  # Sunday 15 Nov belongs to this week now
    assert fan("config", "set", "week_start", "sun").exit_code == 0
    week = status_json(fan)["week"]
    assert (week["start"], week["end"], week["fans"]) == ("2026-11-15", "2026-11-21", 5)


@pytest.mark.parametrize("args, code, message", [
    (["--format", "yaml"], 2, "unknown format 'yaml'"),
    (["--prompt", "--format", "json"], 2, "--prompt prints its own plain segment"),
])
def test_bad_options(fan, args, code, message):
    assert_clean_error(fan("status", *args), code=code, message=message)


def test_unknown_holiday_country_is_a_clean_error(fan, fan_home):
    write(fan_home, WEEK_47)
    assert fan("config", "set", "holidays", "XX").exit_code == 0
    assert_clean_error(fan("status"), code=1, message="'XX' is not a country")


def test_broken_year_file_is_a_clean_error(fan, fan_home):
    write(fan_home, WEEK_47)
    (fan_home / "journal" / "2026.toml").write_text("[[fan]\n")
    assert_clean_error(fan("status"), code=1, message="not valid TOML")
    assert_clean_error(fan("status", "--prompt"), code=1, message="not valid TOML")


def test_real_process_fits_80_columns_without_colour_when_piped(fan_process, fan_home):
    write(fan_home, [*working_weekdays(d(2024, 3, 4), d(2024, 3, 29)), *WEEK_47])
    for env in ({"NO_COLOR": "1"}, {"NO_COLOR": "", "TERM": "xterm-256color"}):
        result = fan_process("status", env=env)
        assert result.returncode == 0, result
        assert "\x1b[" not in result.stdout
        assert max(len(line) for line in result.stdout.splitlines()) <= 80
    prompt = fan_process("status", "--prompt")
    assert prompt.stdout == "★4! 4/300" and prompt.stderr == ""


def test_the_prompt_reads_only_the_years_the_streak_reaches(fan_home, monkeypatch):
    from fanjournal import config, reports
    from fanjournal.store import Journal
    from fanjournal.usecases import calendar, review

    write(fan_home, [d(2025, 3, 3), *working_weekdays(d(2026, 12, 21), d(2027, 1, 5))])
    journal = Journal(fan_home / "journal")
    read: list[int] = []
    summary = journal.summary
    monkeypatch.setattr(journal, "summary", lambda year: (read.append(year), summary(year))[1])
    glance = review.glance(journal, config.load(), d(2027, 1, 5))
    assert glance.streak.current == reports.Streak(12, d(2026, 12, 21), d(2027, 1, 5))
    assert glance.fans_year == 3 and set(read) == {2027, 2026}  # 2026 breaks it: 2025 unread
    read.clear()
    glance = review.glance(journal, config.load(), d(2027, 1, 4))
    assert glance.streak.current.length == 11 and set(read) == {2027, 2026}
    read.clear()
    state = calendar.load_streak(journal, config.load(), d(2026, 11, 20), longest=False)
    assert state.current.length == 0 and set(read) == {2026}


def test_a_streak_of_years_on_the_prompt(fan, fan_home):
    write(fan_home, [d(2022, 6, 1), *working_weekdays(d(2023, 12, 29), d(2026, 11, 19))])
    current = status_json(fan)["streak"]["current"]
    assert current["start"] == "2023-12-29" and current["length"] == 1 + 262 + 261 + 231
    assert fan("status", "--prompt").stdout == "★755! 231/300"
