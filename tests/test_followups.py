"""The first 100 days: schedule, due dates across month and year ends, storage, commands."""

import datetime as dt
import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from fanjournal import followups, model
from fanjournal.errors import FanError
from fanjournal.followups import Step, due_date, phase_for, plan, schedule
from fanjournal.store import Journal
from fanjournal.usecases import followups as follow_ups
from fanjournal.workdays import Calendar

from .conftest import assert_clean_error

DEFAULT = schedule([1, 3, 14, 30, 60, 100])
WEEKDAYS = Calendar()  # Monday to Friday



def ids(year: int, first: int = 1):
    """Follow-up ids handed out from `first` on, as a year file's counter does."""
    numbers = iter(range(first, first + 1000))
    return lambda: model.make_id(year, next(numbers), "follow_up")

def test_default_schedule_and_phases():
    assert [(s.day, s.phase) for s in DEFAULT] == [
        (1, "thank"), (3, "affirm"), (14, "activate"), (30, "acclimate"), (60, "accomplish"),
        (100, "advocate")]
    assert "handwritten card" in followups.suggested_action("thank")


@given(st.integers(min_value=0, max_value=99))
def test_never_asks_for_a_referral_before_day_100(day):
    assert phase_for(day) != "advocate"
    assert "referral" not in followups.suggested_action(phase_for(day))


def test_due_dates_across_a_month_end():
    touchpoints = plan("Anna", dt.date(2026, 11, 20), DEFAULT, ids(2026), WEEKDAYS)
    assert [(t.id, t.day, t.due.isoformat()) for t in touchpoints] == [
        ("2026-F001", 1, "2026-11-23"),  # Saturday 21st -> Monday
        ("2026-F002", 3, "2026-11-23"),
        ("2026-F003", 14, "2026-12-04"),
        ("2026-F004", 30, "2026-12-21"),  # Sunday 20th -> Monday
        ("2026-F005", 60, "2027-01-19"),
        ("2026-F006", 100, "2027-03-01"),  # Saturday 27 February -> Monday 1 March
    ]


def test_due_dates_across_a_year_end_skip_holidays():
    new_year = Calendar(holidays={dt.date(2027, 1, 1): "Nieuwjaarsdag"})
    steps = schedule([1, 12, 13])
    touchpoints = plan("Bram", dt.date(2026, 12, 20), steps, ids(2026, 7), new_year)
    assert [(t.id, t.due.isoformat()) for t in touchpoints] == [
        ("2026-F007", "2026-12-21"),
        ("2026-F008", "2027-01-04"),  # Friday 1 January is a holiday, then the weekend
        ("2026-F009", "2027-01-04"),
    ]
    assert all(t.start.year == 2026 for t in touchpoints)


def test_leap_day_and_no_calendar():
    assert due_date(dt.date(2027, 11, 21), 100) == dt.date(2028, 2, 29)
    assert due_date(dt.date(2027, 11, 21), 100, WEEKDAYS) == dt.date(2028, 2, 29)  # a Tuesday


@given(st.dates(min_value=dt.date(2000, 1, 1), max_value=dt.date(2100, 1, 1)),
       st.integers(min_value=0, max_value=366),
       st.frozensets(st.integers(min_value=0, max_value=6), min_size=1))
def test_a_touchpoint_is_never_earlier_than_its_day(start, day, weekdays):
    calendar = Calendar(weekdays=weekdays)
    due = due_date(start, day, calendar)
    earliest = start + dt.timedelta(days=day)
    assert due >= earliest
    assert calendar.is_working(due)
    assert not any(calendar.is_working(earliest + dt.timedelta(days=n))
                   for n in range((due - earliest).days))


def test_own_actions_from_config():
    steps = schedule([1, 14], {"14": "Call to ask how the first two weeks went"})
    assert steps == (Step(1), Step(14, "Call to ask how the first two weeks went"))
    with pytest.raises(Exception, match="day 15, which is not in follow_up_days"):
        schedule([1, 14], {"15": "Visit"})


def test_due_lists_open_touchpoints_by_date():
    touchpoints = plan("Anna", dt.date(2026, 11, 2), DEFAULT, ids(2026), WEEKDAYS)
    touchpoints[0] = followups.Touchpoint(**{**touchpoints[0].__dict__,
                                             "done": dt.date(2026, 11, 3)})
    due = followups.due(touchpoints, dt.date(2026, 11, 20))
    assert [(d.touchpoint.day, d.days_late) for d in due] == [(3, 15), (14, 4)]
    assert len(followups.due(touchpoints, dt.date(2026, 11, 20), ahead=14)) == 3


# --- on the journal and the command line


def plan_for(fan, customer="Anna de Vries", *args):
    result = fan("add", "Welcomed them with a handwritten card", "-c", customer,
                 "--new-customer", *args)
    assert result.exit_code == 0, result
    return result


def test_add_new_customer_plans_the_first_100_days(fan, journal_dir):
    result = plan_for(fan)
    assert result.stdout.splitlines() == [
        "Added 2026-001 — 1 fan today.",
        "Planned 6 follow-ups for Anna de Vries over the first 100 days. The first, "
        "2026-F001, is due 2026-11-23 (in 3 days): see fan due.",
    ]
    text = (journal_dir / "2026.toml").read_text()
    assert text.count('customer = "Anna de Vries"') == 7  # the fan and six touchpoints
    assert 'entry = "2026-001"' in text
    assert not (journal_dir / "2027.toml").exists()  # the plan lives in its start year
    listed = fan("follow-up", "list", "anna").stdout
    assert "Anna de Vries — first day 2026-11-20  (fan 2026-001)" in listed
    assert "2027-03-01" in listed and "planned" in listed


def test_plans_crossing_the_year_end_are_due_next_year(fan, journal_dir, monkeypatch):
    monkeypatch.setenv("FAN_TODAY", "2026-12-30")
    plan_for(fan, "Bram")
    monkeypatch.setenv("FAN_TODAY", "2027-01-05")
    fan("add", "A fan in the new year")
    result = fan("due")
    assert result.exit_code == 0
    lines = [line for line in result.stdout.splitlines() if line.startswith("2026-F")]
    # day 1 (31 Dec), day 3 (2 Jan, a Saturday, so Monday 4 Jan) — day 14 is later
    assert [line.split()[0] for line in lines] == ["2026-F001", "2026-F002"]
    assert "5 days late" in lines[0] and "1 day late" in lines[1]
    journal = Journal(journal_dir)
    assert follow_ups.due_count(journal, dt.date(2027, 1, 5)) == 2
    assert follow_ups.due_count(journal, dt.date(2027, 1, 13)) == 3
    assert follow_ups.next_due_dates(journal, dt.date(2027, 1, 5))[:3] == [
        dt.date(2026, 12, 31), dt.date(2027, 1, 4), dt.date(2027, 1, 13)]
    assert "2026-F001" in (journal_dir / "2026.toml").read_text()
    assert "follow_up" not in (journal_dir / "2027.toml").read_text()


def test_done_skip_and_log(fan, monkeypatch):
    plan_for(fan)
    monkeypatch.setenv("FAN_TODAY", "2026-12-07")
    due = json.loads(fan("due", "--format", "json").stdout)
    assert [d["id"] for d in due] == ["2026-F001", "2026-F002", "2026-F003"]
    assert due[0]["days_late"] == 14 and "handwritten" in due[0]["action"]

    result = fan("follow-up", "done", "2026-f1")
    assert result.stdout == "Done: 2026-F001, day 1 for Anna de Vries.\n"
    assert_clean_error(fan("follow-up", "done", "2026-F001"), code=1,
                       message="2026-F001 was already done on 2026-12-07")

    result = fan("follow-up", "done", "2026-F003", "--log")
    assert "Logged as fan 2026-002." in result.stdout
    logged = json.loads(fan("show", "2026-002", "-f", "json").stdout)
    assert logged["customer"] == "Anna de Vries" and logged["tags"] == ["follow-up"]
    assert "day 14 of their first 100 days" in logged["text"]

    assert fan("follow-up", "skip", "2026-F002").exit_code == 0
    assert fan("due").stdout == "No follow-ups due today.\n"
    listed = fan("follow-up", "list", "Anna").stdout
    assert "done 2026-12-07" in listed and "skipped 2026-12-07" in listed
    data = json.loads(fan("follow-up", "list", "-f", "json").stdout)
    assert data[0]["touchpoints"][2]["logged"] == "2026-002"


def test_done_with_own_text_and_date(fan):
    plan_for(fan)
    result = fan("follow-up", "done", "2026-F001", "--log", "--text", "Sent a card", "-d", "-1")
    assert result.exit_code == 0
    assert json.loads(fan("show", "2026-002", "-f", "json").stdout)["text"] == "Sent a card"


def test_one_running_plan_per_customer(fan):
    plan_for(fan)
    result = fan("add", "Another welcome", "-c", "anna de vries", "--new-customer")
    assert_clean_error(result, code=1, message="Anna de Vries already has a follow-up plan")
    assert len(json.loads(fan("list", "-f", "json").stdout)) == 1  # nothing was added
    for touchpoint_id in [f"2026-F00{n}" for n in range(1, 7)]:
        fan("follow-up", "skip", touchpoint_id)
    assert fan("follow-up", "plan", "Anna de Vries").exit_code == 0
    assert "2026-F007" in fan("follow-up", "list", "Anna").stdout


def test_plan_with_a_future_start_and_list(fan):
    result = fan("follow-up", "plan", "Cees", "--start", "2026-12-01")
    assert "The first, 2026-F001, is due 2026-12-02 (in 12 days)" in result.stdout
    assert fan("due").stdout == "No follow-ups due today.\n"
    assert "2026-F001" in fan("due", "--ahead", "12").stdout
    assert fan("follow-up", "list", "Nobody").stdout.startswith("No follow-up plan for Nobody")


def test_configured_schedule_and_actions(fan):
    assert fan("config", "set", "follow_up_days", "2,10").exit_code == 0
    result = fan("config", "set", "follow_up_actions", "10=Call to ask how the start went")
    assert result.stdout == "follow_up_actions = 10=Call to ask how the start went\n"
    fan("follow-up", "plan", "Dina", "--start", "2026-11-10")
    data = json.loads(fan("due", "-f", "json").stdout)
    assert [(d["day"], d["action"]) for d in data] == [
        (2, followups.suggested_action("affirm")), (10, "Call to ask how the start went")]
    fan("config", "set", "follow_up_actions", "14=Visit")
    assert_clean_error(fan("follow-up", "plan", "Eva"), code=1,
                       message="follow_up_actions has an action for day 14")


def test_json_journal(fan, journal_dir, monkeypatch):
    fan("config", "set", "format", "json")
    plan_for(fan)
    stored = json.loads((journal_dir / "2026.json").read_text())
    assert stored["follow_up"][0] == {
        "id": "2026-F001", "customer": "Anna de Vries", "start": "2026-11-20", "day": 1,
        "due": "2026-11-23", "entry": "2026-001"}
    monkeypatch.setenv("FAN_TODAY", "2026-11-23")
    assert fan("follow-up", "done", "2026-F001").exit_code == 0
    assert len(json.loads(fan("due", "-f", "json").stdout)) == 1


def test_empty_list(fan):
    assert "No running follow-up plans" in fan("follow-up", "list").stdout


@pytest.mark.parametrize(("args", "code", "message"), [
    (("add", "x", "--new-customer"), 2, "--new-customer needs --customer"),
    (("follow-up", "done", "F7"), 2, "not a follow-up id"),
    (("follow-up", "done", "2026-F099"), 1, "no follow-up with id 2026-F099"),
    (("follow-up", "skip", "2026-F099"), 1, "no follow-up with id 2026-F099"),
    (("follow-up", "done", "2026-F001", "--text", "x"), 2, "--text goes with --log"),
    (("follow-up", "plan", "  "), 2, "needs the customer's name"),
    (("follow-up", "plan", "Anna", "--start", "someday"), 2, "cannot read the date"),
    (("due", "--ahead", "-1"), 2, "-1"),
    (("due", "--format", "xml"), 2, "unknown format"),
    (("config", "set", "follow_up_actions", "Call them"), 2, "day=action pairs"),
    (("config", "set", "follow_up_days", "1,400"), 2, "follow_up_days must be"),
])
def test_bad_input_is_one_clear_line(fan, args, code, message):
    assert_clean_error(fan(*args), code=code, message=message)


def test_text_needs_log(fan):
    plan_for(fan)
    assert_clean_error(fan("follow-up", "done", "2026-F001", "--text", "x"), code=2,
                       message="--text goes with --log")


def test_a_broken_touchpoint_names_file_and_field(fan, journal_dir):
    journal_dir.mkdir(parents=True)
    (journal_dir / "2026.toml").write_text(
        'schema_version = 2\n\n[[follow_up]]\nid = "2026-F001"\ncustomer = "Anna"\n'
        'start = 2026-11-02\nday = "soon"\ndue = 2026-11-03\n')
    result = fan("due")
    assert_clean_error(result, code=1, message="follow-up 1, field 'day'")
    assert "2026.toml" in result.stderr


def test_status_mentions_due_follow_ups(fan, monkeypatch):
    plan_for(fan)
    assert "follow-up" not in fan("status").stdout  # nothing due on the first day
    monkeypatch.setenv("FAN_TODAY", "2026-11-23")
    assert "2 follow-ups due: see fan due" in fan("status").stdout
    assert json.loads(fan("status", "-f", "json").stdout)["follow_ups_due"] == 2


# --- compound commands change the journal once: all or nothing


def test_add_new_customer_saves_no_fan_when_the_plan_fails(fan, journal_dir, monkeypatch):
    fan("add", "An earlier fan")
    before = (journal_dir / "2026.toml").read_bytes()

    def broken_plan(*args, **kwargs):
        raise FanError("the plan cannot be made")

    monkeypatch.setattr(followups, "plan", broken_plan)
    result = fan("add", "Welcomed them", "-c", "Anna", "--new-customer")
    assert_clean_error(result, code=1, message="the plan cannot be made")
    assert (journal_dir / "2026.toml").read_bytes() == before  # no fan without its plan
    assert "Welcomed them" not in fan("list").stdout


def test_follow_up_done_log_across_years_is_all_or_nothing(fan, journal_dir, monkeypatch):
    from fanjournal import files

    monkeypatch.setenv("FAN_TODAY", "2026-12-30")
    plan_for(fan, "Bram")
    monkeypatch.setenv("FAN_TODAY", "2027-01-05")
    fan("add", "A fan in the new year")
    old_2026 = (journal_dir / "2026.toml").read_bytes()
    old_2027 = (journal_dir / "2027.toml").read_bytes()
    real_write = files.atomic_write
    written: list[str] = []

    def fail_on_the_second_year_file(path, data, durable=True):
        if path.name in ("2026.toml", "2027.toml"):
            written.append(path.name)
            if len(written) == 2:
                raise FanError(f"cannot write {path}: disk full")
        real_write(path, data, durable)

    monkeypatch.setattr("fanjournal.store.atomic_write", fail_on_the_second_year_file)
    result = fan("follow-up", "done", "2026-F001", "--log")
    assert_clean_error(result, code=1, message="disk full")
    # the touchpoint's year was written, the fan's failed, and the first was put back
    assert written == ["2026.toml", "2027.toml", "2026.toml"]
    monkeypatch.setattr("fanjournal.store.atomic_write", real_write)
    # the year written first got its earlier bytes back: no fan without its closed touchpoint
    assert (journal_dir / "2026.toml").read_bytes() == old_2026
    assert (journal_dir / "2027.toml").read_bytes() == old_2027
    assert "Follow-up for Bram" not in fan("list").stdout
    done = fan("follow-up", "done", "2026-F001", "--log")
    assert done.exit_code == 0, done
    assert "Logged as fan 2027-002" in done.stdout
    assert "2026-F001" not in fan("due").stdout


def test_ids_are_never_reused_for_any_kind(fan, journal_dir):
    plan_for(fan, "Anna")
    first = [line.split()[0] for line in fan("follow-up", "list").stdout.splitlines()
             if line.strip().startswith("2026-F")]
    fan("follow-up", "skip", *first)
    plan_for(fan, "Anna")  # a second plan once the first has nothing open
    text = (journal_dir / "2026.toml").read_text()
    assert "follow_up_next = 13" in text  # 6 touchpoints each, numbered on from the counter
    assert text.count('id = "2026-F007"') == 1
    answer = fan("nps", "add", "9")
    assert "2026-N001" in answer.stdout
    fan("nps", "rm", "2026-N001")
    assert "2026-N002" in fan("nps", "add", "8").stdout
