"""The stories: the compliments wall and survey answers (NPS)."""

import datetime as dt
from dataclasses import dataclass, replace

from fanjournal import nps
from fanjournal.dates import Span, months_before
from fanjournal.errors import FanError
from fanjournal.i18n import _
from fanjournal.model import parse_customer, parse_id, parse_score
from fanjournal.store import Journal
from fanjournal.wall import Wall


def wall(journal: Journal, start: dt.date | None, end: dt.date | None, *,
         customer: str | None = None, tag: str | None = None, gold: bool = True,
         peak: bool = True, anonymize: bool = False) -> Wall:
    """The compliments wall of [start, end] (an open end: all time that way), filtered by
    customer and tag; with `anonymize`, every customer the journal knows is scrubbed from the
    stories' text too."""
    from fanjournal import wall as stories
    from fanjournal.entries import Filter

    where = Filter(start=start, end=end, customer=customer, tag=tag)
    found = [entry for entry in journal.entries(start, end) if where.matches(entry)]
    known = customers_in(journal) if anonymize else ()
    return stories.wall(found, start, end, gold=gold, peak=peak, anonymize=anonymize,
                        known_customers=known)


def customers_in(journal: Journal) -> set[str]:
    """Every customer name the journal holds: fans, survey answers and follow-ups, all years
    (for `anonymize`, so a story naming another customer does not leak that name)."""
    names: set[str] = set()
    for year in journal.years():
        year_file = journal.load(year)
        names |= {e.customer for e in year_file.entries if e.customer}
        names |= {a.customer for a in year_file.answers if a.customer}
        names |= {t.customer for t in year_file.touchpoints}
    return names


# --- survey answers


def answers(journal: Journal, start: dt.date, end: dt.date) -> list[nps.Answer]:
    """Every answer dated within [start, end]: fans' scores and survey answers."""
    found = nps.from_entries(journal.entries(start, end))
    for year in journal.years():
        if start.year <= year <= end.year:
            found += [a for a in journal.summary(year).records.answers if start <= a.date <= end]
    return found


@dataclass(frozen=True)
class NpsView:
    """`fan nps`: the score and trend of [start, end]."""

    report: nps.Report
    start: dt.date
    end: dt.date


def nps_view(journal: Journal, span: Span | None, today: dt.date,
             customer: str | None = None) -> NpsView:
    """The NPS of the period asked for (default: this month and the 11 before), for one
    customer (part of the name will do) or all; a period running on past today stops today."""
    from fanjournal.usecases.calendar import closed

    if span is None:
        start, end = months_before(today.replace(day=1), 11), today
    else:
        chosen = closed(journal, span, today)
        start, end = chosen.start, chosen.end
    if start <= today < end:
        end = today
    found = answers(journal, start, end)
    if customer:
        wanted = customer.strip().casefold()
        found = [a for a in found if a.customer and wanted in a.customer.casefold()]
    return NpsView(nps.report(found, start, end), start, end)


def add_answer(journal: Journal, when: dt.date, value: int, customer: str | None = None,
               note: str | None = None) -> nps.Answer:
    """Store one survey answer in its year's file; its id is never reused."""
    answer = nps.Answer(when, parse_score(value), parse_customer(customer), nps.parse_note(note))
    with journal.change(when.year) as year_file:
        answer = replace(answer, id=year_file.allocate("nps"))
        year_file.answers.append(answer)
    return answer


def remove_answer(journal: Journal, answer_id: str) -> nps.Answer:
    wanted = parse_id(answer_id, "nps")
    with journal.change(int(wanted[:4])) as year_file:
        index = next((i for i, a in enumerate(year_file.answers) if a.id == wanted), None)
        if index is None:
            raise FanError(_("no survey answer with id {id} (see fan nps --answers)").format(
                id=wanted))
        return year_file.answers.pop(index)
