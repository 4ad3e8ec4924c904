"""`fan report`: periods, the figures, every format with the same numbers, export, bad input."""

import csv
import datetime as dt
import io
import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from fanjournal import dates, reports
from fanjournal.model import MOMENTS, Entry
from fanjournal.workdays import Calendar, DayOff

from .conftest import assert_clean_error
from .review_journal import d, working_weekdays, write

TODAY = d(2026, 11, 20)


def week_47(fan_home):
    """Week 47 with a missed Monday, a day off, a peak, a golden story and tricky data."""
    write(
        fan_home,
        [*working_weekdays(d(2026, 11, 9), d(2026, 11, 13)), d(2026, 11, 17)],
        entries=[
            {"date": d(2026, 11, 19), "moment": "klacht", "customer": "Anna de Vries",
             "text": "Heard her out, apologised and fixed the [bold]invoice[/bold] at once",
             "peak": True},
            {"date": d(2026, 11, 19), "moment": "vraag", "customer": "=HYPERLINK(\"x\")",
             "text": "Explained the <script>alert(1)</script> VAT line", "gold": True},
            {"date": d(2026, 11, 20), "moment": "nee-maar", "customer": "anna de vries",
             "text": "No, but the shop next door has it"},
        ],
        days_off=[DayOff(d(2026, 11, 18), "dentist")],
    )


def report_json(fan, *args) -> dict:
    result = fan("report", *args, "--format", "json")
    assert result.exit_code == 0, result
    return json.loads(result.stdout)


# --- periods


@pytest.mark.parametrize("text, kind, start, end, label", [
    (None, None, d(2026, 11, 16), d(2026, 11, 22), "2026-W47"),
    ("2026-W47", None, d(2026, 11, 16), d(2026, 11, 22), "2026-W47"),
    ("2026w47", "week", d(2026, 11, 16), d(2026, 11, 22), "2026-W47"),
    ("2026-W53", None, d(2026, 12, 28), d(2027, 1, 3), "2026-W53"),
    ("2027-W01", None, d(2027, 1, 4), d(2027, 1, 10), "2027-W01"),
    ("2026-W01", None, d(2025, 12, 29), d(2026, 1, 4), "2026-W01"),
    (None, "month", d(2026, 11, 1), d(2026, 11, 30), "2026-11"),
    ("2024-02", None, d(2024, 2, 1), d(2024, 2, 29), "2024-02"),
    (None, "year", d(2026, 1, 1), d(2026, 12, 31), "2026"),
    ("2025", "year", d(2025, 1, 1), d(2025, 12, 31), "2025"),
    ("yesterday", None, d(2026, 11, 16), d(2026, 11, 22), "2026-W47"),
    ("2026-10-15", "month", d(2026, 10, 1), d(2026, 10, 31), "2026-10"),
    ("2027-01-01", None, d(2026, 12, 28), d(2027, 1, 3), "2026-W53"),
])
def test_parse_period(text, kind, start, end, label):
    period = dates.parse_period(text, kind, TODAY)
    assert (period.start, period.end, period.label) == (start, end, label)


def test_weeks_starting_on_sunday_keep_the_iso_label():
    period = dates.parse_period("2026-W47", None, TODAY, week_start=6)
    assert (period.start, period.end, period.label) == (d(2026, 11, 15), d(2026, 11, 21),
                                                        "2026-W47")


def test_previous_periods():
    assert dates.parse_period("2027-W01", None, TODAY).previous().label == "2026-W53"
    assert dates.parse_period("2026-03", None, TODAY).previous().label == "2026-02"
    assert dates.parse_period("2026-01", None, TODAY).previous().label == "2025-12"
    assert dates.year_period(2026).previous().label == "2025"
    before = dates.date_range(d(2026, 11, 1), d(2026, 11, 10)).previous()
    assert (before.start, before.end) == (d(2026, 10, 22), d(2026, 10, 31))


# --- the week


def test_empty_journal_is_a_friendly_line(fan):
    for args in ([], ["--month"], ["--year"], ["--from", "2026-01-01"]):
        result = fan("report", *args)
        assert result.exit_code == 0, result
        assert 'fan add "what you did"' in result.stdout
    markdown = fan("report", "-f", "markdown")
    assert markdown.exit_code == 0 and "No fans in 2026-W47 yet" in markdown.stdout
    data = report_json(fan, "--year")
    assert data["fans"] == 0 and data["streak"]["current"]["length"] == 0
    assert fan("report", "-f", "csv").stdout.startswith("section,key,value,detail\n")


def test_a_period_to_come(fan, fan_home):
    week_47(fan_home)
    result = fan("report", "2027-W02")
    assert result.exit_code == 0
    assert "2027-W02 has not started yet" in result.stdout


def test_week_report_in_rich(fan, fan_home):
    week_47(fan_home)
    result = fan("report")
    assert result.exit_code == 0, result
    out = result.stdout
    assert out.startswith("Week 47 of 2026  Mon 16 Nov – Sun 22 Nov 2026\n")
    assert "4 fans on 3 of 4 working days so far · 1 day off" in out
    assert "-1 (-20%) against 2026-W46 (5 fans)" not in out  # the week is still running:
    assert "-1 (-20%) against the same days of 2026-W46 (5 fans, Mon 9 Nov – Fri 13 Nov" in out
    rows = {line.split("  ")[0]: " ".join(line.split()) for line in out.splitlines()
            if line[:3] in ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")}
    assert rows["Mon 16 Nov"] == "Mon 16 Nov 0"
    assert rows["Tue 17 Nov"] == "Tue 17 Nov 1 ● zomaar"
    assert rows["Wed 18 Nov"] == "Wed 18 Nov dentist"
    assert rows["Thu 19 Nov"] == "Thu 19 Nov 2 ●● klacht, vraag"
    assert rows["Fri 20 Nov"] == "Fri 20 Nov 1 ● nee-maar today"
    # the peak and the golden story in full, data never read as markup
    assert "★ peak  2026-007 · Thu 19 Nov · klacht · Anna de Vries" in out
    assert "fixed the [bold]invoice[/bold] at once" in out
    assert "◆ gold  2026-008" in out and "<script>alert(1)</script>" in out
    assert "Streak   3 working days (Tue 17 Nov – Fri 20 Nov 2026)" in out
    assert "Longest  5 working days (Mon 9 Nov – Fri 13 Nov 2026)" in out
    assert max(len(line) for line in out.splitlines()) <= 80


def test_week_report_numbers_in_json(fan, fan_home):
    week_47(fan_home)
    data = report_json(fan, "--week", "2026-W47")
    assert data["period"] == {"kind": "week", "label": "2026-W47", "start": "2026-11-16",
                              "end": "2026-11-22"}
    assert (data["fans"], data["working_days"], data["working_days_so_far"],
            data["active_days"], data["off_days"]) == (4, 4, 4, 3, 1)
    assert data["moments"] == {"nee-maar": 1, "klacht": 1, "vraag": 1,
                               "niet-mijn-probleem": 0, "zomaar": 1}
    assert [day["fans"] for day in data["days"]] == [0, 1, 0, 2, 1, 0, 0]
    assert data["days"][2] == {"date": "2026-11-18", "fans": 0, "working": False,
                               "reason": "dentist", "off": True, "future": False,
                               "moments": {}}
    assert data["days"][5]["future"] is True
    assert data["top_customers"][0] == {"customer": "Anna de Vries", "fans": 2}
    assert [story["id"] for story in data["stories"]] == ["2026-007", "2026-008"]
    assert data["previous"] == {"label": "2026-W46", "start": "2026-11-09",
                                "end": "2026-11-13", "fans": 5, "change": -1,
                                "percent": -20.0, "partial": True}
    assert data["streak"]["current"] == {"length": 3, "start": "2026-11-17",
                                         "end": "2026-11-20"}  # the day off keeps it
    assert data["streak"]["at_risk"] is False
    assert data["pace"]["fans"] == 9 and data["pace"]["year"] == 2026
    assert data["buckets"] == {"kind": None, "items": []}


def test_every_format_has_the_same_numbers(fan, fan_home):
    week_47(fan_home)
    for args in ([], ["--month"], ["--year"]):
        data = report_json(fan, *args)
        rows = list(csv.reader(io.StringIO(fan("report", *args, "-f", "csv").stdout)))
        assert rows[0] == ["section", "key", "value", "detail"]
        table = {(section, key): value for section, key, value, _detail in rows[1:]}
        assert int(table["summary", "fans"]) == data["fans"]
        assert int(table["summary", "active_days"]) == data["active_days"]
        for moment, count in data["moments"].items():
            assert int(table["moment", moment]) == count
        for day in data["days"]:
            assert int(table["day", day["date"]]) == day["fans"]
        assert int(table["streak", "current"]) == data["streak"]["current"]["length"]
        assert int(table["streak", "longest"]) == data["streak"]["longest"]["length"]
        assert int(table["pace", "difference"]) == data["pace"]["difference"]
        assert int(table["previous", "change"]) == data["previous"]["change"]
        markdown = fan("report", *args, "-f", "markdown").stdout
        rich = fan("report", *args).stdout
        for text in (markdown, rich):
            assert f"{data['fans']} fans on {data['active_days']} of" in text
            assert f"{data['pace']['fans']} / 300" in rich
            assert f"expected {data['pace']['expected_whole']} by now" in text


def test_customer_data_is_escaped_in_csv_and_markdown(fan, fan_home):
    week_47(fan_home)
    rows = list(csv.reader(io.StringIO(fan("report", "-f", "csv").stdout)))
    customers = [row[1] for row in rows if row[0] == "customer"]
    assert "'=HYPERLINK(\"x\")" in customers  # a spreadsheet will not run it
    markdown = fan("report", "-f", "markdown").stdout
    assert r"\<script\>alert\(1\)\</script\>" in markdown
    assert r"\[bold\]invoice\[/bold\]" in markdown
    assert "| Thu 19 Nov | 2 | klacht, vraag |  |" in markdown
    assert "| Wed 18 Nov | 0 |  | dentist |" in markdown


def test_a_past_week_is_over(fan, fan_home):
    # Week 46 was complete; its Friday is over, so the streak as of that week is judged then.
    write(fan_home, working_weekdays(d(2026, 11, 9), d(2026, 11, 12)))  # Mon..Thu
    data = report_json(fan, "2026-W46")
    assert data["as_of"] == "2026-11-15"
    assert data["streak"]["current"]["length"] == 0  # Friday 13 went by without a fan
    assert data["streak"]["at_risk"] is False
    assert data["previous"]["partial"] is False
    assert data["pace"]["elapsed"] == data["pace"]["working_days"] - 34  # through 13 Nov


def test_week_53_across_the_year_end(fan, fan_home, monkeypatch):
    write(fan_home, [d(2026, 12, 28), d(2026, 12, 31), d(2027, 1, 1), d(2027, 1, 2)])
    monkeypatch.setenv("FAN_TODAY", "2027-01-08")
    assert fan("config", "set", "holidays", "NL").exit_code == 0
    data = report_json(fan, "--week", "2026-W53")
    assert data["fans"] == 4 and data["working_days"] == 4 and data["off_days"] == 1
    assert data["days"][4]["reason"] == "New Year's Day"
    assert data["pace"]["year"] == 2027 and data["pace"]["fans"] == 2  # as of Sun 3 Jan
    rich = fan("report", "--week", "2026-W53").stdout
    assert rich.startswith("Week 53 of 2026  Mon 28 Dec 2026 – Sun 3 Jan 2027")
    assert report_json(fan, "2027-W01")["previous"]["label"] == "2026-W53"


# --- month, year, range


def test_month_report(fan, fan_home):
    week_47(fan_home)
    data = report_json(fan, "--month")
    assert data["period"]["label"] == "2026-11" and data["fans"] == 9
    assert len(data["days"]) == 30
    assert data["previous"]["label"] == "2026-10" and data["previous"]["partial"] is True
    assert (data["previous"]["start"], data["previous"]["end"]) == ("2026-10-01",
                                                                    "2026-10-20")
    out = fan("report", "--month", "2026-11").stdout
    assert out.startswith("November 2026")
    assert "Longest streak" not in out and "In 2026-11  5 working days" in out


def test_year_report_with_heatmap(fan, fan_home):
    week_47(fan_home)
    result = fan("report", "--year")
    assert result.exit_code == 0
    out = result.stdout
    assert out.startswith("2026  Thu 1 Jan – Thu 31 Dec 2026")
    lines = out.splitlines()
    top = lines.index("Calendar")
    header, rows = lines[top + 1], lines[top + 2:top + 9]
    assert header.split() == ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep",
                              "Oct", "Nov", "Dec"]
    assert [row[:3] for row in rows] == ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
    # week columns start on Monday 29 Dec 2025 (ISO week 1); week 47 (16 Nov) is column 46
    column = 4 + 46
    assert [row[column] for row in rows] == ["·", "░", "◦", "▒", "░", " ", " "]
    assert rows[0][4] == " " and rows[3][4] == "·"  # 29 Dec 2025 is outside; 1 Jan missed
    assert "less · ░ ▒ ▓ █ more   ◦ day off or holiday" in out
    assert "Fans per month" in out and "Top customers" in out
    assert " ".join(next(line for line in lines if line.startswith("Nov")).split()) == \
        "Nov █████████████████████████████████████████ 9 8/14 days".replace(
            "█████████████████████████████████████████", "█" * 40)
    assert max(len(line) for line in lines) <= 80
    data = report_json(fan, "--year")
    assert [b["fans"] for b in data["buckets"]["items"]] == [0] * 10 + [9, 0]
    assert data["buckets"]["kind"] == "month"


def test_a_past_year_is_complete(fan, fan_home):
    days = working_weekdays(d(2025, 1, 1), d(2025, 12, 31))  # 261
    write(fan_home, {day: 2 if index < 19 else 1 for index, day in enumerate(days)})
    data = report_json(fan, "--year", "2025")
    assert data["pace"]["elapsed"] == data["pace"]["working_days"] == 261
    assert data["pace"]["difference"] == -20 and data["pace"]["needed_per_day"] is None
    assert "the year is over: 20 short of 300" in fan("report", "2025").stdout


def test_range(fan, fan_home):
    week_47(fan_home)
    data = report_json(fan, "--from", "2026-11-10", "--to", "2026-11-19")
    assert data["period"]["label"] == "2026-11-10..2026-11-19" and data["fans"] == 7
    assert data["previous"]["start"] == "2026-10-31"
    data = report_json(fan, "--from", "2026-11-10")  # --to defaults to today
    assert data["period"]["end"] == "2026-11-20" and data["fans"] == 8
    data = report_json(fan, "--from", "2025-01-01", "--to", "2026-12-31")
    assert data["buckets"]["kind"] == "month" and len(data["buckets"]["items"]) == 24
    data = report_json(fan, "--from", "2024-01-01", "--to", "2026-12-31")
    assert data["buckets"]["kind"] == "year"
    assert [b["label"] for b in data["buckets"]["items"]] == ["2024", "2025", "2026"]


@pytest.mark.parametrize("args, code, message", [
    (["--week", "2025-W53"], 2, "2025 has no ISO week 53; it has 52 weeks"),
    (["2026-W00"], 2, "2026 has no ISO week 0"),
    (["--month", "2026-13"], 2, "cannot read the month '2026-13'; use this, last, 2026-11"),
    (["--month", "2026"], 2, "cannot read the month '2026'"),
    (["--year", "2026-W47"], 2, "cannot read the year '2026-W47'; use this, last, 2026 or"),
    (["--week", "--month"], 2, "choose one of --week, --month, --year or --from/--to"),
    (["someday"], 2, "cannot read the period 'someday'; use 2026-W47, 2026-11, 2026, this"),
    (["--from", "2026-11-10", "--to", "2026-11-01"], 2, "is after --to"),
    (["--from", "2026-11-01", "--week"], 2, "choose one of --week, --month, --year or"),
    (["2026-W47", "--from", "2026-11-01"], 2, "'2026-W47' and --from both choose the period"),
    (["2026-W47", "--month", "last"], 2, "'2026-W47' and --month both choose the period"),
    (["2026-11", "--week"], 2, "cannot read the week '2026-11'"),
    (["--format", "pdf"], 2, "unknown format 'pdf'"),
    (["--export", "report.pdf"], 2, "--export saves .html or .svg"),
    (["--export", "report.html", "--format", "json"], 2, "leave out --format"),
])
def test_bad_input(fan, args, code, message):
    assert_clean_error(fan("report", *args), code=code, message=message)


# --- export


def test_export_html_and_svg(fan, fan_home, tmp_path):
    week_47(fan_home)
    page = tmp_path / "out" / "week.html"
    result = fan("report", "--export", str(page))
    assert result.exit_code == 0 and result.stdout == f"Saved 2026-W47 to {page}\n"
    html = page.read_text()
    assert html.startswith("<!DOCTYPE html>")
    assert "<title>fan report: Week 47 of 2026</title>" in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html and "<script>" not in html
    assert "Anna de Vries" in html and "color: #" in html  # colours, even with NO_COLOR
    assert oct(page.stat().st_mode & 0o777) == "0o600"
    picture = tmp_path / "year.svg"
    assert fan("report", "--year", "--export", str(picture)).exit_code == 0
    svg = picture.read_text()
    assert svg.lstrip().startswith("<svg") and "fan&#160;report:&#160;2026" in svg
    assert "&lt;script&gt;" in svg


# --- invariants of the pure computation


@st.composite
def journals(draw):
    start = d(2026, 12, 1)
    offsets = st.integers(min_value=0, max_value=60)
    specs = draw(st.lists(st.tuples(offsets, st.sampled_from(MOMENTS), st.booleans()),
                          max_size=40))
    entries = [Entry(id=f"{(start + dt.timedelta(days=o)).year}-{i + 1:03d}",
                     date=start + dt.timedelta(days=o),
                     created=dt.datetime(2026, 12, 1, tzinfo=dt.UTC),
                     text="x", moment=moment, peak=peak, customer=f"C{o % 3}")
                   for i, (o, moment, peak) in enumerate(specs)]
    off = draw(st.sets(offsets, max_size=8))
    calendar = Calendar(off={start + dt.timedelta(days=o): "" for o in off})
    today = start + dt.timedelta(days=draw(offsets))
    kind = draw(st.sampled_from(["week", "month", "range"]))
    anchor = start + dt.timedelta(days=draw(offsets))
    if kind == "range":
        period = dates.date_range(anchor, anchor + dt.timedelta(days=draw(offsets)))
    else:
        period = dates.parse_period(anchor.isoformat(), kind, today)
    return period, entries, calendar, today


@settings(max_examples=100, deadline=None)
@given(journals())
def test_report_figures_agree(case):
    period, entries, calendar, today = case
    fan_days: dict[dt.date, int] = {}
    for entry in entries:
        fan_days[entry.date] = fan_days.get(entry.date, 0) + 1
    inside = [e for e in entries if period.start <= e.date <= period.end]
    report = reports.report_on(period, inside, fan_days, calendar, today, 300)
    counted = sum(1 for e in inside if e.date <= today)
    assert report.fans == counted == sum(day.fans for day in report.days)
    assert report.fans == sum(n for _m, n in report.moments)
    if report.buckets:
        assert report.fans == sum(b.fans for b in report.buckets)
    assert report.active_days <= report.working_days_so_far <= report.working_days
    assert report.period_longest.length <= report.streak.longest.length
    assert report.streak.longest.length >= report.streak.current.length
    assert report.previous.change == report.fans - report.previous.fans
    assert all(day.fans == 0 for day in report.days if day.future)
    assert len(report.days) == period.length


def test_dates_far_away_are_refused(fan, monkeypatch):
    for args in (["0001"], ["--week", "9999-W52"], ["--from", "0001-01-01", "--to", "0001-01-05"],
                 ["1899-12-31"], ["--month", "0000-01"]):
        assert_clean_error(fan("report", *args), code=2, message="is out of range")
    assert_clean_error(fan("off", "9999-12-31"), code=2, message="is out of range")
    monkeypatch.setenv("FAN_TODAY", "9999-12-31")
    assert_clean_error(fan("status"), code=2, message="9999-12-31 is out of range")
    assert_clean_error(fan("report"), code=2, message="9999-12-31 is out of range")


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet="0123456789-Ww.:ab ", max_size=14),
       st.sampled_from([[], ["--week"], ["--month"], ["--year"]]))
def test_any_period_text_gives_a_report_or_one_clean_line(period, kind):
    from typer.testing import CliRunner

    from fanjournal.cli import app

    result = CliRunner().invoke(app, ["report", "--format", "json", *kind, "--", period],
                                prog_name="fan")
    if result.exit_code == 0:
        assert json.loads(result.stdout)["period"]["label"]
    else:
        assert_clean_error(result)
        assert result.exit_code in (1, 2)


def test_real_process_year_view_piped_has_no_colour_codes(fan_process, fan_home):
    week_47(fan_home)
    result = fan_process("report", "--year", env={"NO_COLOR": "", "TERM": "xterm-256color"})
    assert result.returncode == 0 and result.stderr == "", result
    assert "\x1b[" not in result.stdout and "less · ░ ▒ ▓ █ more" in result.stdout
    assert max(len(line) for line in result.stdout.splitlines()) <= 80


def test_a_finished_period_is_not_so_far(fan, monkeypatch):
    fan("add", "x", "-d", "2026-11-17")
    monkeypatch.setenv("FAN_TODAY", "2026-11-30")
    past = fan("report", "--week", "2026-W47").stdout
    assert "1 fan on 1 of 5 working days" in past and "so far" not in past
    monkeypatch.setenv("FAN_TODAY", "2026-11-20")
    assert "so far" in fan("report").stdout
