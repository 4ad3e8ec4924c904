"""NPS: the maths (with Hypothesis), DOMAIN.md's published examples, and `fan nps`."""

import datetime as dt
import json
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from fanjournal import nps
from fanjournal.nps import Answer, group_of, score

from .conftest import assert_clean_error

scores = st.lists(st.integers(min_value=0, max_value=10), max_size=300)


def answers_with(promoters: int, passives: int, detractors: int) -> list[int]:
    return [10] * promoters + [8] * passives + [3] * detractors


@pytest.mark.parametrize(("value", "group"), [
    (0, "detractor"), (6, "detractor"), (7, "passive"), (8, "passive"), (9, "promoter"),
    (10, "promoter"),
])
def test_groups_follow_the_published_boundaries(value, group):
    assert group_of(value) == group


@pytest.mark.parametrize(("promoters", "passives", "detractors", "expected"), [
    # DOMAIN.md: banks score around −8 to −20, Apple around +60
    (5, 13, 7, -8),
    (2, 4, 4, -20),
    (30, 8, 12, 36),  # 60% − 24%
    (7, 2, 1, 60),
    (70, 20, 10, 60),
])
def test_published_examples_reproduce(promoters, passives, detractors, expected):
    result = score(answers_with(promoters, passives, detractors))
    assert result.value == expected
    assert (result.promoters, result.passives, result.detractors) == (
        promoters, passives, detractors)


def test_everyone_a_promoter_or_a_detractor_are_the_bounds():
    assert score([9, 10, 10]).value == 100
    assert score([0, 6, 3]).value == -100
    assert score([7, 8]).value == 0  # passives count in the total, not in the score
    assert score([]).value is None


def test_halves_round_away_from_zero():
    assert score(answers_with(1, 7, 0)).value == 13  # exactly +12.5
    assert score(answers_with(0, 7, 1)).value == -13  # exactly −12.5
    assert score(answers_with(1, 1, 1)).value == 0


@given(scores)
def test_nps_is_between_minus_100_and_100(values):
    result = score(values)
    if not values:
        assert result.value is None
        return
    assert -100 <= result.value <= 100
    promoters = sum(v >= 9 for v in values)
    detractors = sum(v <= 6 for v in values)
    assert result.exact == Fraction(100 * (promoters - detractors), len(values))
    assert abs(result.value - result.exact) <= Fraction(1, 2)
    assert result.answers == len(values)
    assert result.meaningful == (len(values) >= 10)


@given(scores)
def test_a_new_promoter_never_lowers_and_a_detractor_never_raises_it(values):
    before = score(values).value
    with_promoter = score([*values, 10]).value
    with_detractor = score([*values, 0]).value
    if before is not None:
        assert with_promoter >= before
        assert with_detractor <= before


@given(scores)
def test_group_percentages_add_up_to_about_100(values):
    result = score(values)
    total = sum(result.percent(g) for g in nps.GROUPS)
    assert total == 0 if not values else 98 <= total <= 102


def test_report_per_month_and_per_customer():
    day = dt.date(2026, 10, 5)
    answers = [
        Answer(day, 10, "Anna"), Answer(day, 3, "Bram"),
        Answer(dt.date(2026, 11, 2), 9, "anna"), Answer(dt.date(2026, 11, 3), 8),
        Answer(dt.date(2026, 9, 30), 0, "Outside"),  # before the period
    ]
    report = nps.report(answers, dt.date(2026, 10, 1), dt.date(2026, 11, 30))
    assert report.score.answers == 4
    assert [(m.month.month, m.score.value) for m in report.months] == [(10, 0), (11, 50)]
    assert [(c.customer, c.score.answers, c.last.score) for c in report.customers] == [
        ("anna", 2, 9), ("Bram", 1, 3)]


# --- the command


def add_answers(fan, *values, **options):
    for value in values:
        args = ["nps", "add", str(value)]
        for key, option in options.items():
            args += [f"--{key}", option]
        result = fan(*args)
        assert result.exit_code == 0, result


def test_empty_journal_gets_a_friendly_line(fan):
    result = fan("nps")
    assert result.exit_code == 0
    assert "No answers in this period yet" in result.stdout
    assert "fan nps add 9" in result.stdout


def test_nps_add_stores_a_survey_answer(fan, journal_dir):
    result = fan("nps", "add", "9", "--customer", "Anna", "--note", "Quick & kind", "-d", "-1")
    assert result.exit_code == 0
    assert result.stdout == "Added survey answer 2026-N001: 9 (promoter).\n"
    text = (journal_dir / "2026.toml").read_text()
    assert "[[nps]]" in text or "nps = [" in text
    assert 'note = "Quick & kind"' in text
    assert "2026-11-19" in text


def test_fans_scores_and_survey_answers_both_count(fan):
    fan("add", "Fixed it on the spot", "-c", "Anna", "--score", "10")
    fan("add", "Listened", "-c", "Bram", "--score", "4")
    add_answers(fan, 9, customer="Cees")
    data = json.loads(fan("nps", "--format", "json").stdout)
    assert (data["promoters"], data["passives"], data["detractors"]) == (2, 0, 1)
    assert data["nps"] == 33
    assert data["meaningful"] is False
    assert {a["entry"] or a["id"] for a in data["responses"]} == {"2026-001", "2026-002",
                                                                "2026-N001"}


def test_below_ten_answers_it_says_not_yet_meaningful(fan):
    add_answers(fan, 10, 10, 9, 8, 7, 6, 3, 10, 9)
    result = fan("nps")
    assert "NPS +33" in result.stdout
    assert "Not yet meaningful: 9 answers so far" in result.stdout
    assert "1 more to go" in result.stdout
    add_answers(fan, 10)
    result = fan("nps")
    assert "NPS +40" in result.stdout
    assert "meaningful" not in result.stdout
    assert "Promoters (9–10)" in result.stdout and "60%" in result.stdout


def test_trend_per_month_and_per_customer(fan):
    add_answers(fan, 10, 9, date="2026-09-10", customer="Anna")
    add_answers(fan, 2, date="2026-10-01", customer="Bram")
    add_answers(fan, 8, date="2026-11-20")
    result = fan("nps")
    out = result.stdout
    assert "Per month" in out
    lines = [line for line in out.splitlines() if line.startswith("2026-")]
    assert [line.split()[:2] for line in lines] == [
        ["2026-09", "+100"], ["2026-10", "−100"], ["2026-11", "0"]]
    assert "Per customer" in out
    assert "Anna" in out and "Bram" in out


@pytest.mark.parametrize(("args", "count"), [
    (("--month", "2026-10"), 1), (("--month", "10"), 1), (("--month", "last"), 1),
    (("--month", "this"), 1), (("--year", "2026"), 4), (("--year", "last"), 1),
    (("--from", "2026-09-01", "--to", "2026-10-31"), 3), (("--customer", "ann"), 2),
])
def test_periods_and_customer_filter(fan, args, count):
    add_answers(fan, 10, 9, date="2026-09-10", customer="Anna")
    add_answers(fan, 2, date="2026-10-01", customer="Bram")
    add_answers(fan, 8, date="2026-11-20")
    add_answers(fan, 7, date="2025-06-01")
    data = json.loads(fan("nps", *args, "--format", "json").stdout)
    assert data["answers"] == len(data["responses"]) == count


def test_answers_list_and_remove(fan, journal_dir):
    add_answers(fan, 3, 9)
    listed = fan("nps", "--answers").stdout
    assert "2026-N001" in listed and "2026-N002" in listed
    result = fan("nps", "rm", "2026-n2")
    assert result.exit_code == 0
    assert "Removed survey answer 2026-N002 (9 on 2026-11-20)." in result.stdout
    add_answers(fan, 10)
    data = json.loads(fan("nps", "-f", "json").stdout)
    assert sorted(a["id"] for a in data["responses"]) == ["2026-N001", "2026-N003"]  # not reused


def test_json_journal_holds_answers_too(fan, journal_dir):
    fan("config", "set", "format", "json")
    add_answers(fan, 10, customer="Anna")
    stored = json.loads((journal_dir / "2026.json").read_text())
    assert stored["nps"] == [{"id": "2026-N001", "date": "2026-11-20", "score": 10,
                              "customer": "Anna"}]
    assert json.loads(fan("nps", "-f", "json").stdout)["nps"] == 100


@pytest.mark.parametrize(("args", "code", "message"), [
    (("nps", "add", "11"), 2, "score must be from 0 to 10, not 11"),
    (("nps", "add", "nine"), 2, "nine"),
    (("nps", "add", "9", "--date", "2026-12-01"), 2, "is in the future"),
    (("nps", "rm", "2026-N009"), 1, "no survey answer with id 2026-N009"),
    (("nps", "rm", "17"), 2, "not a survey answer id"),
    (("nps", "--month", "13"), 2, "cannot read the month '13'"),
    (("nps", "--year", "soon"), 2, "cannot read the year 'soon'"),
    (("nps", "--month", "10", "--year", "2026"), 2, "choose one of --week, --month, --year"),
    (("nps", "--from", "2026-11-01", "--to", "2026-10-01"), 2, "is after --to"),
    (("nps", "--format", "xml"), 2, "unknown format 'xml'"),
])
def test_bad_input_is_one_clear_line(fan, args, code, message):
    assert_clean_error(fan(*args), code=code, message=message)


def test_a_broken_survey_answer_names_file_and_field(fan, journal_dir):
    journal_dir.mkdir(parents=True)
    (journal_dir / "2026.toml").write_text(
        'schema_version = 2\n\n[[nps]]\nid = "2026-N001"\ndate = 2026-11-02\nscore = 12\n')
    result = fan("nps")
    assert_clean_error(result, code=1, message="survey answer 1, field 'score'")
    assert "2026.toml" in result.stderr


def test_removed_survey_ids_are_never_handed_out_again(fan):
    for answer in ("9", "8", "3"):
        assert fan("nps", "add", answer).exit_code == 0
    fan("nps", "rm", "2026-N003")
    fan("nps", "rm", "2026-N002")
    assert "2026-N004" in fan("nps", "add", "10").stdout
