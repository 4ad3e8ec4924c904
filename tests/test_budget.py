"""The fan budget: exact Decimal sums, budgets shared out over periods, and `fan budget`."""

import csv
import datetime as dt
import io
import json
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from fanjournal import budget
from fanjournal.model import Entry
from fanjournal.render.budget import minutes_text, money

from .conftest import assert_clean_error

NOW = dt.datetime(2026, 11, 20, 10, 0).astimezone()


def entry(number: int, day: dt.date, cost: str | None = None, minutes: int | None = None,
          customer: str | None = None) -> Entry:
    return Entry(f"{day.year}-{number:03d}", day, NOW, f"fan {number}", customer=customer,
                 cost=None if cost is None else Decimal(cost), minutes=minutes)


cents = st.integers(min_value=0, max_value=100_000)


@given(st.lists(cents, max_size=200))
def test_costs_add_up_exactly(amounts):
    entries = [entry(n + 1, dt.date(2026, 11, 2), f"{a // 100}.{a % 100:02d}")
               for n, a in enumerate(amounts)]
    total = budget.total_cost(entries)
    assert isinstance(total, Decimal)
    assert total == Decimal(sum(amounts)) / 100


def test_ten_cents_thirty_times_is_three_euros_not_float_drift():
    entries = [entry(n + 1, dt.date(2026, 11, 2), "0.10") for n in range(30)]
    assert budget.total_cost(entries) == Decimal("3.00")
    assert sum(0.10 for _ in range(30)) != 3.0  # what a float would have said


def test_a_whole_month_gets_the_whole_budget():
    assert budget.money_budget(Decimal(100), dt.date(2026, 2, 1), dt.date(2026, 2, 28)) == \
        Decimal("100.00")


def test_a_week_gets_its_share_of_the_days():
    # 7 of November's 30 days
    assert budget.money_budget(Decimal(100), dt.date(2026, 11, 16), dt.date(2026, 11, 22)) == \
        Decimal("23.33")
    # across a month end: 3/31 of October and 4/30 of November
    assert budget.money_budget(Decimal(100), dt.date(2026, 10, 29), dt.date(2026, 11, 4)) == \
        (Decimal(300) / 31 + Decimal(400) / 30).quantize(Decimal("0.01"))


@given(st.integers(min_value=0, max_value=10_000_00), st.integers(2000, 2100))
def test_a_year_gets_twelve_monthly_budgets(amount_cents, year):
    monthly = Decimal(amount_cents) / 100
    assert budget.money_budget(monthly, dt.date(year, 1, 1), dt.date(year, 12, 31)) == \
        (monthly * 12).quantize(Decimal("0.01"))


@given(st.dates(min_value=dt.date(2000, 1, 1), max_value=dt.date(2100, 12, 31)),
       st.integers(min_value=0, max_value=40))
def test_splitting_a_month_keeps_its_budget_within_a_cent(day, cut):
    first, last = budget.month_bounds(day)
    cut_day = min(first + dt.timedelta(days=cut), last - dt.timedelta(days=1))
    whole = budget.money_budget(Decimal(100), first, last)
    parts = (budget.money_budget(Decimal(100), first, cut_day)
             + budget.money_budget(Decimal(100), cut_day + dt.timedelta(days=1), last))
    assert whole == Decimal("100.00")
    assert abs(parts - whole) <= Decimal("0.01")


def test_spent_against_budget():
    days = [entry(1, dt.date(2026, 11, 2), "60", 20), entry(2, dt.date(2026, 11, 3), "45.50"),
            entry(3, dt.date(2026, 10, 30), "99")]
    result = budget.spent(days, dt.date(2026, 11, 1), dt.date(2026, 11, 30), "100", 15, 21)
    assert result.money == Decimal("105.50")
    assert result.money_left == Decimal("-5.50")
    assert result.over_money
    assert (result.minutes, result.minutes_budget, result.over_minutes) == (20, 315, False)
    assert budget.spent([], dt.date(2026, 11, 1), dt.date(2026, 11, 30), None, None,
                        21).has_budget is False


def test_month_detail_and_projection():
    days = [entry(1, dt.date(2026, 11, 2), "12.50", 45), entry(2, dt.date(2026, 11, 2), None, 30),
            entry(3, dt.date(2026, 11, 10), "7.50")]
    result = budget.month(days, dt.date(2026, 11, 5), dt.date(2026, 11, 20), "100", 60, 21)
    assert [(d.date.day, d.money, d.minutes, d.over_minutes) for d in result.days] == [
        (2, Decimal("12.50"), 75, True), (10, Decimal("7.50"), 0, False)]
    assert [e.id for e in result.costly] == ["2026-001", "2026-003"]
    assert result.average_cost == Decimal("10.00")
    assert result.projected == Decimal("30.00")  # 20.00 in 20 of 30 days


def test_money_formats():
    assert money(Decimal("1234.5"), "EUR") == "€1,234.50"
    assert money(Decimal("-3"), "GBP") == "−£3.00"
    assert money(Decimal("12"), "CHF") == "CHF 12.00"
    assert minutes_text(95) == "1 h 35 min"
    assert minutes_text(120) == "2 h"
    assert minutes_text(5) == "5 min"


def test_dutch_money_uses_a_decimal_comma(fan):
    from fanjournal import i18n

    fan("config", "set", "language", "nl")
    i18n.reset()
    assert money(Decimal("1234.5"), "EUR") == "€ 1.234,50"


# --- the command


def test_budget_without_a_budget_says_how_to_set_one(fan):
    fan("add", "Coffee for the waiting customer", "--cost", "3.20", "--minutes", "5")
    result = fan("budget")
    assert result.exit_code == 0
    assert "Fan budget — November 2026" in result.stdout
    assert "€3.20 spent (no money budget set)" in result.stdout
    assert "fan config set budget_money_month 100" in result.stdout


def test_budget_shows_spent_left_and_the_fans_that_cost(fan):
    fan("config", "set", "budget_money_month", "100")
    fan("config", "set", "budget_minutes_day", "30")
    fan("add", "Flowers", "-c", "Anna", "--cost", "12.50", "--minutes", "45", "-d", "-3")
    fan("add", "Coffee", "-c", "Bram", "--cost", "0.10")
    fan("add", "Coffee", "-c", "Bram", "--cost", "0.20")
    fan("add", "Call back", "--minutes", "10")
    fan("add", "Last month", "--cost", "50", "-d", "2026-10-30")
    result = fan("budget")
    out = result.stdout
    assert "€12.80 of €100.00 spent, €87.20 left" in out
    # November 2026 has 21 working days (Monday to Friday): 30 minutes each
    assert "55 min of 10 h 30 min spent, 9 h 35 min left" in out
    assert "What the money went to" in out
    assert out.index("Flowers") < out.index("Coffee")  # most expensive first
    data = json.loads(fan("budget", "--format", "json").stdout)
    assert data["money"] == "12.80" and data["money_budget"] == "100.00"
    assert data["currency"] == "EUR"
    assert data["minutes_budget"] == 630 and data["working_days"] == 21
    assert [d["over_minutes"] for d in data["days"]] == [True, False]
    october = json.loads(fan("budget", "--month", "2026-10", "-f", "json").stdout)
    assert october["money"] == "50.00"
    assert october["projected"] is None


def test_over_budget_is_said_plainly(fan):
    fan("config", "set", "budget_money_month", "10")
    fan("config", "set", "currency", "usd")
    fan("add", "Taxi home for a stranded customer", "--cost", "25")
    assert "$25.00 of $10.00 spent, $15.00 over budget" in fan("budget").stdout


def test_a_month_without_fans(fan):
    result = fan("budget", "--month", "2026-01")
    assert result.exit_code == 0
    assert "No fans logged this month yet." in result.stdout


@pytest.mark.parametrize(("args", "code", "message"), [
    (("budget", "--month", "2026-13"), 2, "cannot read the month"),
    (("budget", "--format", "csv"), 2, "unknown format 'csv'"),
    (("add", "x", "--cost", "1.234"), 2, "more than two decimals"),
    (("config", "set", "budget_money_month", "lots"), 2, "budget_money_month must be"),
])
def test_bad_input(fan, args, code, message):
    assert_clean_error(fan(*args), code=code, message=message)


# --- in fan status and fan report


def test_status_and_report_show_spent_against_budget(fan):
    fan("config", "set", "budget_money_month", "100")
    fan("add", "Flowers", "--cost", "12.50", "--minutes", "20", "-d", "2026-11-17")
    status = fan("status").stdout
    assert "Fan budget, November 2026" in status
    assert "€12.50 of €100.00 spent, €87.50 left" in status
    assert "20 min spent (no time budget set)" in status
    data = json.loads(fan("status", "-f", "json").stdout)
    assert data["budget"]["money"] == "12.50" and data["budget"]["money_budget"] == "100.00"
    # the week of 16–22 November gets 7/30 of the monthly budget
    report = fan("report").stdout
    assert "€12.50 of €23.33 spent, €10.83 left" in report
    assert json.loads(fan("report", "-f", "json").stdout)["budget"]["money_budget"] == "23.33"
    markdown = fan("report", "--month", "-f", "markdown").stdout
    assert "## Fan budget\n\n- Money: €12.50 of €100.00 spent, €87.50 left\n" in markdown
    rows = list(csv.reader(io.StringIO(fan("report", "-f", "csv").stdout)))
    assert ["budget", "money", "12.50", ""] in rows
    assert ["budget", "money_budget", "23.33", ""] in rows


def test_report_export_carries_the_budget(fan, tmp_path):
    fan("config", "set", "budget_money_month", "100")
    fan("add", "Flowers", "--cost", "12.50", "-d", "2026-11-17")
    page = tmp_path / "week.html"
    assert fan("report", "--export", str(page)).exit_code == 0
    html = page.read_text()
    assert "Fan budget" in html and "€12.50 of €23.33 spent" in html


def test_status_stays_quiet_without_budget_or_spending(fan):
    fan("add", "A kind word")
    assert "budget" not in fan("status").stdout.lower()
    assert "budget" not in fan("report", "-f", "markdown").stdout.lower()
