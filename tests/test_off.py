"""`fan off`: recording, listing and removing days off, stored as [[off]] in the year files."""

import json
import tomllib

import pytest

from fanjournal.workdays import DayOff

from .conftest import assert_clean_error
from .review_journal import d, working_weekdays, write


def stored_off(journal_dir, year: int) -> list[dict]:
    with (journal_dir / f"{year}.toml").open("rb") as handle:
        return tomllib.load(handle).get("off", [])


def test_record_one_day_with_a_reason(fan, journal_dir):
    result = fan("off", "2026-12-24", "--reason", "Christmas shopping")
    assert result.exit_code == 0, result
    assert result.stdout == "Recorded 1 day off: Thu 24 Dec 2026.\n"
    assert stored_off(journal_dir, 2026) == [{"date": d(2026, 12, 24),
                                              "reason": "Christmas shopping"}]
    assert oct(((journal_dir / "2026.toml").stat().st_mode) & 0o777) == "0o600"


def test_date_words_work(fan, journal_dir):
    assert fan("off", "today").exit_code == 0  # Friday 20 November
    assert fan("off", "tuesday").exit_code == 0
    assert fan("off", "--", "-10").exit_code == 0  # "--" before a days-ago number
    assert stored_off(journal_dir, 2026) == [{"date": d(2026, 11, 10)},
                                             {"date": d(2026, 11, 17)},
                                             {"date": d(2026, 11, 20)}]


def test_a_range_across_the_year_end_skips_free_weekdays(fan, journal_dir):
    result = fan("off", "2026-12-24..2027-01-04", "-r", "Christmas holiday")
    assert result.exit_code == 0, result
    assert result.stdout == ("Recorded 8 days off: Thu 24 Dec 2026 – Mon 4 Jan 2027. "
                             "Skipped 4 days that are not working weekdays.\n")
    assert [o["date"] for o in stored_off(journal_dir, 2026)] == [
        d(2026, 12, 24), d(2026, 12, 25), d(2026, 12, 28), d(2026, 12, 29), d(2026, 12, 30),
        d(2026, 12, 31)]
    assert [o["date"] for o in stored_off(journal_dir, 2027)] == [d(2027, 1, 1),
                                                                   d(2027, 1, 4)]


def test_a_single_free_day_is_recorded_with_a_note(fan, journal_dir):
    result = fan("off", "2026-11-21")
    assert result.exit_code == 0
    assert "(It is not one of your working weekdays anyway.)" in result.stdout
    assert stored_off(journal_dir, 2026) == [{"date": d(2026, 11, 21)}]


def test_recording_again_is_idempotent_and_can_change_the_reason(fan, journal_dir):
    assert fan("off", "2026-12-24").exit_code == 0
    assert fan("off", "2026-12-24").stdout == "Already recorded: Thu 24 Dec 2026.\n"
    result = fan("off", "2026-12-24", "--reason", "dentist")
    assert result.stdout == "Changed the reason of 1 day off: Thu 24 Dec 2026.\n"
    assert stored_off(journal_dir, 2026) == [{"date": d(2026, 12, 24), "reason": "dentist"}]


def test_days_off_sit_beside_the_entries(fan, journal_dir):
    assert fan("add", "Walked her to the car").exit_code == 0
    assert fan("off", "2026-11-18", "-r", "sick").exit_code == 0
    assert fan("list", "--format", "json").stdout.count('"id"') == 1
    with (journal_dir / "2026.toml").open("rb") as handle:
        document = tomllib.load(handle)
    assert len(document["fan"]) == 1 and document["off"] == [{"date": d(2026, 11, 18),
                                                               "reason": "sick"}]


def test_remove(fan, journal_dir):
    assert fan("off", "2026-12-24..2026-12-31").exit_code == 0
    result = fan("off", "--rm", "2026-12-24")
    assert result.exit_code == 0 and result.stdout == "Removed 1 day off: Thu 24 Dec 2026.\n"
    result = fan("off", "--rm", "2026-12-28..2026-12-31")
    assert result.stdout == "Removed 4 days off: Mon 28 Dec – Thu 31 Dec 2026.\n"
    assert [o["date"] for o in stored_off(journal_dir, 2026)] == [d(2026, 12, 25)]
    assert fan("off", "--rm", "2026-12-25").exit_code == 0
    assert "off" not in tomllib.loads((journal_dir / "2026.toml").read_text())
    assert_clean_error(fan("off", "--rm", "2026-12-25"), code=1,
                       message="no day off recorded on Fri 25 Dec 2026")


def test_list_groups_runs(fan, fan_home):
    assert fan("off").stdout.startswith("No days off recorded.")
    assert fan("off", "2026-12-24..2027-01-04", "-r", "Christmas holiday").exit_code == 0
    assert fan("off", "2026-11-18", "-r", "sick").exit_code == 0
    assert fan("off", "2026-11-19", "-r", "training").exit_code == 0
    result = fan("off", "--list")
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[1].split() == ["Wed", "18", "Nov", "2026", "1", "sick"]
    assert lines[2].split() == ["Thu", "19", "Nov", "2026", "1", "training"]
    assert " ".join(lines[3].split()) == "Thu 24 Dec 2026 – Mon 4 Jan 2027 8 Christmas holiday"
    assert fan("off").stdout == result.stdout  # no arguments lists too
    data = json.loads(fan("off", "--list", "--format", "json").stdout)
    assert data["days_off"][2] == {"start": "2026-12-24", "end": "2027-01-04",
                                   "reason": "Christmas holiday", "days": 8}
    assert data["holidays"] == []


def test_list_shows_public_holidays_when_configured(fan):
    assert fan("config", "set", "holidays", "NL").exit_code == 0
    result = fan("off", "--list")
    assert "Public holidays (NL) in 2026" in result.stdout
    assert "Mon 27 Apr 2026" in result.stdout and "King's Day" in result.stdout
    data = json.loads(fan("off", "--list", "-f", "json").stdout)
    assert {"date": "2026-04-27", "name": "King's Day"} in data["holidays"]


def test_json_journal_stores_dates_as_text(fan, fan_home):
    assert fan("config", "set", "format", "json").exit_code == 0
    assert fan("off", "2026-12-24", "-r", "shopping").exit_code == 0
    document = json.loads((fan_home / "journal" / "2026.json").read_text())
    assert document["off"] == [{"date": "2026-12-24", "reason": "shopping"}]
    assert "Thu 24 Dec 2026" in fan("off", "--list").stdout
    assert fan("off", "--rm", "2026-12-24").exit_code == 0


def test_a_day_off_keeps_the_streak(fan, fan_home):
    write(fan_home, [d(2026, 11, 16), d(2026, 11, 17), d(2026, 11, 19)])
    assert json.loads(fan("status", "-f", "json").stdout)["streak"]["current"]["length"] == 1
    assert fan("off", "2026-11-18", "-r", "sick").exit_code == 0
    data = json.loads(fan("status", "-f", "json").stdout)
    assert data["streak"]["current"] == {"length": 3, "start": "2026-11-16",
                                         "end": "2026-11-19"}
    assert data["streak"]["at_risk"]


def test_reason_text_is_not_markup(fan):
    assert fan("off", "2026-12-24", "-r", "[bold red]party[/]").exit_code == 0
    assert "[bold red]party[/]" in fan("off", "--list").stdout


def test_broken_off_section_is_a_clean_error(fan, fan_home):
    write(fan_home, working_weekdays(d(2026, 11, 16), d(2026, 11, 19)),
          days_off=[DayOff(d(2026, 11, 20))])
    path = fan_home / "journal" / "2026.toml"
    path.write_text(path.read_text().replace("date = 2026-11-20", 'date = "someday"'))
    assert_clean_error(fan("off", "--list"), code=1, message="day off 1, field 'date'")
    assert_clean_error(fan("status"), code=1, message="day off 1, field 'date'")
    assert_clean_error(fan("off", "2026-12-24"), code=1, message="day off 1, field 'date'")
    assert "The journal was not changed" in fan("status").stderr  # and how to mend it


@pytest.mark.parametrize("args, code, message", [
    (["someday"], 2, "cannot read the date 'someday'"),
    (["2026-12-31..2026-12-24"], 2, "ends before it starts"),
    (["2026-01-01..2027-06-01"], 2, "at most 366 days"),
    (["2026-12-26..2026-12-27"], 1, "has no working weekdays"),
    (["--reason", "sick"], 2, "give the date the reason is for"),
    (["--list", "2026-12-24"], 2, "--list takes no date"),
    (["--rm", "2026-12-24", "2026-12-25"], 2, "after --rm only"),
    (["--rm", "2026-12-24", "--reason", "x"], 2, "--reason goes with a date to record"),
    (["2026-12-24", "--format", "json"], 2, "--format goes with --list"),
    (["--list", "--format", "xml"], 2, "unknown format 'xml'"),
    (["2026-12-24", "--reason", "x" * 201], 2, "longer than 200 characters"),
    (["2026-12-24", "--reason", "one\ntwo"], 2, "must be one line"),
])
def test_bad_input(fan, journal_dir, args, code, message):
    assert_clean_error(fan("off", *args), code=code, message=message)
    assert not (journal_dir / "2026.toml").exists()


# --- the public-holiday cache (holidays are computed once per installed `holidays` package)


def test_public_holidays_are_cached(fan, fan_home, monkeypatch):
    from fanjournal.usecases import holidays

    monkeypatch.setattr(holidays, "_holiday_memo", {})
    first = holidays.public_holidays("NL", [2026, 2027])
    path = holidays.holiday_cache_path("NL")
    assert path == fan_home / "cache" / "holidays-NL.json" and path.exists()
    assert oct(path.stat().st_mode & 0o777) == "0o600"

    def no_computing(country, years, names_in):
        raise AssertionError(f"computed {country} {years} again")

    monkeypatch.setattr(holidays, "_holiday_memo", {})
    monkeypatch.setattr(holidays, "_compute_holidays", no_computing)
    assert holidays.public_holidays("NL", [2027, 2026]) == first
    assert first[d(2026, 4, 27)] == "King's Day" and d(2027, 1, 1) in first


def test_a_damaged_or_stale_holiday_cache_is_rebuilt(fan, fan_home, monkeypatch):
    from fanjournal.usecases import holidays

    monkeypatch.setattr(holidays, "_holiday_memo", {})
    expected = holidays.public_holidays("NL", [2026])
    path = holidays.holiday_cache_path("NL")
    for damage in ("{not json", json.dumps({"stamp": "an older holidays", "years": {
            "2026": {"2026-06-01": "Made-up Day"}}})):
        path.write_text(damage)
        monkeypatch.setattr(holidays, "_holiday_memo", {})
        assert holidays.public_holidays("NL", [2026]) == expected
        assert json.loads(path.read_text())["years"]["2026"]["2026-04-27"] == "King's Day"


def test_holiday_names_follow_the_language(fan, monkeypatch):
    from fanjournal import i18n
    from fanjournal.usecases import holidays

    monkeypatch.setattr(holidays, "_holiday_memo", {})
    assert holidays.public_holidays("NL", [2026])[d(2026, 12, 25)] == "Christmas Day"
    fan("config", "set", "language", "nl")
    i18n.reset()
    assert holidays.public_holidays("NL", [2026])[d(2026, 12, 25)] == "Eerste kerstdag"
