"""Net Promoter Score: answers to "how likely, 0–10, are you to recommend us?" and the score.

Promoters answer 9–10, passives 7–8, detractors 0–6; NPS = % promoters − % detractors, from −100
(everyone a detractor) to +100 (everyone a promoter). Answers come from two places: the `score`
of a fan (`fan add --score 9`) and survey answers not tied to a fan (`fan nps add 9`), stored as
`[[nps]]` tables in the year file of their date, with ids such as `2026-N004`.

Rounding: the score is computed from the counts and rounded once, half away from zero (an exact
+12.5 shows as +13, −12.5 as −13); the percentages shown beside it are rounded on their own.
Below MEANINGFUL answers the number is shown but called not yet meaningful.
"""

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction
from typing import TYPE_CHECKING, Any

from fanjournal.errors import FanError
from fanjournal.i18n import _
from fanjournal.model import (
    RecordError,
    match_id,
    parse_customer,
    parse_id,
    parse_score,
    stored_date,
)

if TYPE_CHECKING:
    from fanjournal.model import Entry

SECTION = "nps"
MEANINGFUL = 10  # fewer answers than this: the score is not yet meaningful
MAX_NOTE = 2_000
GROUPS = ("promoter", "passive", "detractor")


def group_of(score: int) -> str:
    """promoter (9–10), passive (7–8) or detractor (0–6)."""
    if score >= 9:
        return "promoter"
    if score >= 7:
        return "passive"
    return "detractor"


@dataclass(frozen=True)
class Answer:
    """One 0–10 answer: from a fan's score (`entry` set) or a survey (`id` set)."""

    date: dt.date
    score: int
    customer: str | None = None
    note: str | None = None
    id: str | None = None  # a survey answer's id (2026-N004)
    entry: str | None = None  # the fan whose score this is
    extra: dict[str, Any] = field(default_factory=dict, compare=False)

    @property
    def group(self) -> str:
        return group_of(self.score)

    def to_record(self) -> dict[str, Any]:
        record: dict[str, Any] = {"id": self.id, "date": self.date, "score": self.score}
        if self.customer:
            record["customer"] = self.customer
        if self.note:
            record["note"] = self.note
        for key, value in self.extra.items():
            record.setdefault(key, value)
        return record

    def to_json(self) -> dict[str, Any]:
        return {"id": self.id, "entry": self.entry, "date": self.date.isoformat(),
                "score": self.score, "group": self.group, "customer": self.customer,
                "note": self.note}


def _round(value: Fraction) -> int:
    """Round to a whole number, halves away from zero (12.5 -> 13, -12.5 -> -13)."""
    exact = Decimal(value.numerator) / Decimal(value.denominator)
    return int(exact.quantize(Decimal(1), rounding=ROUND_HALF_UP))


@dataclass(frozen=True)
class Score:
    """The NPS of a set of answers."""

    promoters: int
    passives: int
    detractors: int

    @property
    def answers(self) -> int:
        return self.promoters + self.passives + self.detractors

    @property
    def exact(self) -> Fraction | None:
        """% promoters − % detractors, exactly; None without answers."""
        if not self.answers:
            return None
        return Fraction(100 * (self.promoters - self.detractors), self.answers)

    @property
    def value(self) -> int | None:
        """The NPS, a whole number from −100 to +100 (None without answers)."""
        exact = self.exact
        return None if exact is None else _round(exact)

    @property
    def meaningful(self) -> bool:
        return self.answers >= MEANINGFUL

    def percent(self, group: str) -> int:
        """The share of one group, in whole percents (0 without answers)."""
        if not self.answers:
            return 0
        count = {"promoter": self.promoters, "passive": self.passives,
                 "detractor": self.detractors}[group]
        return _round(Fraction(100 * count, self.answers))

    def to_json(self) -> dict[str, Any]:
        return {"nps": self.value, "answers": self.answers, "meaningful": self.meaningful,
                "promoters": self.promoters, "passives": self.passives,
                "detractors": self.detractors,
                "percent": {group: self.percent(group) for group in GROUPS}}


def score(answers: Iterable[Answer] | Iterable[int]) -> Score:
    """The NPS of answers (Answer objects or bare 0–10 scores)."""
    counts = dict.fromkeys(GROUPS, 0)
    for answer in answers:
        value = answer.score if isinstance(answer, Answer) else answer
        counts[group_of(value)] += 1
    return Score(counts["promoter"], counts["passive"], counts["detractor"])


@dataclass(frozen=True)
class MonthScore:
    month: dt.date  # the first of the month
    score: Score


@dataclass(frozen=True)
class CustomerScore:
    customer: str
    score: Score
    last: Answer  # the newest answer


@dataclass(frozen=True)
class Report:
    """Everything `fan nps` shows for a period."""

    start: dt.date
    end: dt.date
    score: Score
    months: tuple[MonthScore, ...]  # every month of the period, empty ones included
    customers: tuple[CustomerScore, ...]  # most answers first, then by name
    answers: tuple[Answer, ...]  # oldest first

    def to_json(self) -> dict[str, Any]:
        return {
            "from": self.start.isoformat(), "to": self.end.isoformat(),
            **self.score.to_json(),
            "months": [{"month": m.month.strftime("%Y-%m"), **m.score.to_json()}
                       for m in self.months],
            "customers": [{"customer": c.customer, "last_score": c.last.score,
                           "last_date": c.last.date.isoformat(), **c.score.to_json()}
                          for c in self.customers],
            "responses": [a.to_json() for a in self.answers],
        }


def _months(start: dt.date, end: dt.date) -> list[dt.date]:
    month = start.replace(day=1)
    found = []
    while month <= end:
        found.append(month)
        month = (month + dt.timedelta(days=32)).replace(day=1)
    return found


def report(answers: Iterable[Answer], start: dt.date, end: dt.date) -> Report:
    """The NPS of the answers dated within [start, end], per month and per customer."""
    chosen = sorted((a for a in answers if start <= a.date <= end),
                    key=lambda a: (a.date, a.id or a.entry or ""))
    months = tuple(MonthScore(m, score(a for a in chosen if a.date.replace(day=1) == m))
                   for m in _months(start, end))
    by_customer: dict[str, list[Answer]] = {}
    for answer in chosen:
        if answer.customer:
            by_customer.setdefault(answer.customer.casefold(), []).append(answer)
    customers = tuple(sorted(
        (CustomerScore(items[-1].customer or "", score(items), items[-1])
         for items in by_customer.values()),
        key=lambda c: (-c.score.answers, c.customer.casefold())))
    return Report(start, end, score(chosen), months, customers, tuple(chosen))


def from_entries(entries: Iterable["Entry"]) -> list[Answer]:
    """The answers carried by fans' scores."""
    return [Answer(e.date, e.score, e.customer, entry=e.id) for e in entries
            if e.score is not None]


# --- survey answers in the journal


def parse_note(value: Any) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str):
        raise FanError.usage(_("the note must be text"))
    note = value.strip()
    if len(note) > MAX_NOTE:
        raise FanError.usage(_("the note is longer than {n} characters").format(n=MAX_NOTE))
    return note or None


def answers_from(sections: dict[str, Any], where: str) -> list[Answer]:
    """The `[[nps]]` tables of one year file, validated."""
    records = sections.get(SECTION, [])
    if not isinstance(records, list):
        raise FanError(_("{file}: 'nps' must be a list of tables").format(file=where))
    found: list[Answer] = []
    seen: set[str] = set()
    for index, record in enumerate(records):
        try:
            if not isinstance(record, dict):
                raise RecordError("nps", _("expected a table of fields"))
            raw_id = record.get("id")
            if not isinstance(raw_id, str) or match_id(raw_id, "nps") is None:
                raise RecordError("id", _("expected an id such as 2026-N004"))
            for name in ("date", "score"):
                if name not in record:
                    raise RecordError(name, _("missing"))
            checks: dict[str, Any] = {"id": parse_id(raw_id, "nps"),
                                      "date": stored_date(record["date"], "date")}
            for name, parse in (("score", parse_score), ("customer", parse_customer),
                                ("note", parse_note)):
                try:
                    checks[name] = parse(record.get(name))
                except FanError as error:
                    raise RecordError(name, error.message) from None
            known = {"id", "date", "score", "customer", "note"}
            answer = Answer(**checks, extra={k: v for k, v in record.items() if k not in known})
        except RecordError as error:
            raise FanError(_("{file}: survey answer {n}, field '{field}': {problem}").format(
                file=where, n=index + 1, field=error.field, problem=error)) from None
        if answer.id in seen:
            raise FanError(_("{file}: survey answer id {id} is used twice").format(
                file=where, id=answer.id))
        seen.add(checks["id"])
        found.append(answer)
    return found


