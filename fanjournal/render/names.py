"""Names of days and months in the language in force (one list of each, for every renderer)."""

import datetime as dt

from fanjournal.i18n import _


def weekday_name(day: dt.date) -> str:
    return (_("Mon"), _("Tue"), _("Wed"), _("Thu"), _("Fri"), _("Sat"), _("Sun"))[day.weekday()]


def weekday_long(day: dt.date) -> str:
    return (_("Monday"), _("Tuesday"), _("Wednesday"), _("Thursday"), _("Friday"),
            _("Saturday"), _("Sunday"))[day.weekday()]


def month_name(month: int) -> str:
    return (_("Jan"), _("Feb"), _("Mar"), _("Apr"), _("May"), _("Jun"), _("Jul"), _("Aug"),
            _("Sep"), _("Oct"), _("Nov"), _("Dec"))[month - 1]


def month_long(month: int) -> str:
    return (_("January"), _("February"), _("March"), _("April"), _("May"), _("June"),
            _("July"), _("August"), _("September"), _("October"), _("November"),
            _("December"))[month - 1]


def month_title(day: dt.date) -> str:
    """"November 2026": the month of `day` with its year."""
    return _("{month} {year}").format(month=month_long(day.month), year=day.year)
