"""The journal's data: moments and entries, their validation and their stored form."""

import datetime as dt
import re
from dataclasses import dataclass, field, fields, replace
from decimal import Decimal, InvalidOperation
from typing import Any

from fanjournal.errors import FanError
from fanjournal.i18n import _

MOMENTS = ("nee-maar", "klacht", "vraag", "niet-mijn-probleem", "zomaar")
DEFAULT_MOMENT = "zomaar"

# Words people type for a moment, in English and Dutch; unique prefixes work too.
MOMENT_ALIASES = {
    "no-but": "nee-maar",
    "nee": "nee-maar",
    "no": "nee-maar",
    "complaint": "klacht",
    "question": "vraag",
    "problem": "vraag",
    "not-my-problem": "niet-mijn-probleem",
    "just-because": "zomaar",
    "because": "zomaar",
}

MAX_TEXT = 10_000


def parse_moment(value: str) -> str:
    word = value.strip().lower().replace(" ", "-").replace("_", "-")
    if word in MOMENTS:
        return word
    if word in MOMENT_ALIASES:
        return MOMENT_ALIASES[word]
    matches = {m for m in MOMENTS if word and m.startswith(word)}
    matches |= {m for alias, m in MOMENT_ALIASES.items() if word and alias.startswith(word)}
    if len(matches) == 1:
        return matches.pop()
    raise FanError.usage(
        _("unknown moment {value!r}; choose one of: {moments}").format(
            value=value, moments=", ".join(MOMENTS)
        )
    )


def parse_text(value: str) -> str:
    text = value.strip()
    if not text:
        raise FanError.usage(_("the text is empty: say in a few words what you did for the "
                               "customer"))
    if len(text) > MAX_TEXT:
        raise FanError.usage(_("the text is longer than {n} characters").format(n=MAX_TEXT))
    return text


def parse_score(value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int | str):
        raise FanError.usage(_("score must be a whole number from 0 to 10"))
    try:
        score = int(value)
    except ValueError:
        raise FanError.usage(_("score must be a whole number from 0 to 10, not {v!r}").format(
            v=value)) from None
    if not 0 <= score <= 10:
        raise FanError.usage(_("score must be from 0 to 10, not {v}").format(v=score))
    return score


MAX_COST = Decimal(10) ** 9


def parse_cost(value: Any) -> Decimal:
    if isinstance(value, bool):
        raise FanError.usage(_("cost must be an amount such as 12.50"))
    try:
        amount = Decimal(str(value).strip().replace(",", "."))
    except InvalidOperation:
        raise FanError.usage(_("cost must be an amount such as 12.50, not {v!r}").format(v=value)) \
            from None
    if not amount.is_finite():
        raise FanError.usage(_("cost must be an amount such as 12.50, not {v!r}").format(v=value))
    if amount < 0:
        raise FanError.usage(_("cost cannot be negative ({v})").format(v=value))
    if amount.as_tuple().exponent < -2:  # type: ignore[operator]
        raise FanError.usage(_("cost has more than two decimals ({v})").format(v=value))
    if amount >= MAX_COST:
        raise FanError.usage(_("cost {v} is more than any one fan costs").format(v=value))
    return Decimal(f"{amount:f}")  # 1E+3 is kept as 1000


def parse_minutes(value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int | str):
        raise FanError.usage(_("minutes must be a whole number, 0 or more"))
    try:
        minutes = int(value)
    except ValueError:
        raise FanError.usage(_("minutes must be a whole number, 0 or more, not {v!r}").format(
            v=value)) from None
    if minutes < 0:
        raise FanError.usage(_("minutes cannot be negative ({v})").format(v=minutes))
    return minutes


def parse_tags(values: Any) -> tuple[str, ...]:
    if isinstance(values, str):
        values = [values]
    if not isinstance(values, list | tuple):
        raise FanError.usage(_("tags must be a list of words"))
    tags: list[str] = []
    for value in values:
        if not isinstance(value, str):
            raise FanError.usage(_("tags must be a list of words"))
        for part in value.split(","):
            tag = part.strip().lstrip("#").lower()
            if tag and tag not in tags:
                tags.append(tag)
    return tuple(tags)


def parse_customer(value: Any) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str):
        raise FanError.usage(_("customer must be text"))
    return value.strip() or None


MAX_QUOTE = 2_000


def parse_quote(value: Any) -> str | None:
    """What the customer said, in their words (shown on the stories wall); empty means none."""
    if value is None:
        return None
    if not isinstance(value, str):
        raise FanError.usage(_("the quote must be text"))
    quote = value.strip()
    if len(quote) > MAX_QUOTE:
        raise FanError.usage(_("the quote is longer than {n} characters").format(n=MAX_QUOTE))
    return quote or None


# --- ids: one scheme for every kind of record a year file holds. An id is the year, the kind's
# letter and a number from the year's counter for that kind (`next_number`, `nps_next`,
# `follow_up_next`), so a removed record's id is never handed out again.

ID_KINDS: dict[str, tuple[str, str, str]] = {  # kind: (letter, counter key, example)
    "fan": ("", "next_number", "2026-017"),
    "nps": ("N", "nps_next", "2026-N004"),
    "follow_up": ("F", "follow_up_next", "2026-F007"),
}
ANY_ID = re.compile(r"^(\d{4})-([A-Za-z]?)(\d+)$")


def make_id(year: int, number: int, kind: str = "fan") -> str:
    return f"{year}-{ID_KINDS[kind][0]}{number:03d}"


def id_noun(kind: str) -> str:
    return {"fan": _("an entry id"), "nps": _("a survey answer id"),
            "follow_up": _("a follow-up id")}[kind]


def match_id(text: str, kind: str = "fan") -> tuple[int, int] | None:
    """(year, number) of an id of `kind` as typed or stored (2026-f7 = 2026-F007), or None."""
    match = ANY_ID.match(text)
    if not match or match.group(2).upper() != ID_KINDS[kind][0]:
        return None
    if kind == "fan" and len(match.group(3)) < 3:
        return None
    return int(match.group(1)), int(match.group(3))


def parse_id(text: str, kind: str = "fan") -> str:
    """An id of `kind` as typed, in its stored form; FanError (code 2) when it is not one."""
    found = match_id(text.strip(), kind)
    if found is None:
        raise FanError.usage(_("{id!r} is not {noun}; ids look like {example}").format(
            id=text, noun=id_noun(kind), example=ID_KINDS[kind][2]))
    return make_id(*found, kind)


def id_year(record_id: str) -> int:
    """The year of an id of any kind (its file); FanError (code 2) when it is not an id."""
    match = ANY_ID.match(record_id.strip())
    if not match:
        raise FanError.usage(_("{id!r} is not an id; ids look like 2026-017").format(id=record_id))
    return int(match.group(1))


def id_number(record_id: str) -> int:
    match = ANY_ID.match(record_id)
    return int(match.group(3)) if match else 0


@dataclass(frozen=True)
class Entry:
    """One logged fan: what you did, for whom, at which moment."""

    id: str
    date: dt.date
    created: dt.datetime
    text: str
    moment: str = DEFAULT_MOMENT
    customer: str | None = None
    tags: tuple[str, ...] = ()
    score: int | None = None
    cost: Decimal | None = None
    minutes: int | None = None
    peak: bool = False
    gold: bool = False
    quote: str | None = None  # what the customer said (schema 2)
    extra: dict[str, Any] = field(default_factory=dict, compare=False)

    def with_changes(self, **changes: Any) -> "Entry":
        return replace(self, **changes)

    def to_record(self) -> dict[str, Any]:
        """The stored form: known fields in a fixed order, empty ones left out, unknown kept."""
        record: dict[str, Any] = {"id": self.id, "date": self.date, "created": self.created}
        record["moment"] = self.moment
        if self.customer:
            record["customer"] = self.customer
        record["text"] = self.text
        if self.quote:
            record["quote"] = self.quote
        if self.tags:
            record["tags"] = list(self.tags)
        if self.score is not None:
            record["score"] = self.score
        if self.cost is not None:
            record["cost"] = str(self.cost)  # a string: exact decimal in TOML and JSON alike
        if self.minutes is not None:
            record["minutes"] = self.minutes
        if self.peak:
            record["peak"] = True
        if self.gold:
            record["gold"] = True
        for key, value in self.extra.items():
            record.setdefault(key, value)
        return record

    def to_json(self) -> dict[str, Any]:
        """Every model field by name (None where unset): the shape of `--format json`."""
        return {
            "id": self.id, "date": self.date.isoformat(), "created": self.created.isoformat(),
            "text": self.text, "moment": self.moment, "customer": self.customer,
            "tags": list(self.tags), "score": self.score,
            "cost": None if self.cost is None else str(self.cost), "minutes": self.minutes,
            "peak": self.peak, "gold": self.gold, "quote": self.quote,
        }


FIELD_NAMES = tuple(f.name for f in fields(Entry) if f.name != "extra")


class RecordError(ValueError):
    """A stored entry that does not validate; `field` names the culprit."""

    def __init__(self, field_name: str, message: str) -> None:
        super().__init__(message)
        self.field = field_name


def stored_date(value: Any, name: str) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        for parse in (dt.date.fromisoformat, lambda text: dt.datetime.fromisoformat(text).date()):
            try:
                return parse(value)
            except ValueError:
                pass
    raise RecordError(name, _("expected a date such as 2026-11-20"))


def _entry_date(value: Any) -> dt.date:
    from fanjournal.dates import check_year

    date = stored_date(value, "date")
    try:
        check_year(date.year, date.isoformat())
    except FanError as error:
        raise RecordError("date", error.message) from None
    return date


def _timestamp(value: Any, name: str) -> dt.datetime:
    if isinstance(value, str):
        try:
            value = dt.datetime.fromisoformat(value)
        except ValueError:
            raise RecordError(name, _("expected a timestamp such as 2026-11-20T10:15:00+01:00")) \
                from None
    try:
        if isinstance(value, dt.datetime):
            return value if value.tzinfo else value.astimezone()
        if isinstance(value, dt.date):
            return dt.datetime.combine(value, dt.time()).astimezone()
    except (OverflowError, ValueError):  # year 1 has no local time zone to speak of
        pass
    raise RecordError(name, _("expected a timestamp such as 2026-11-20T10:15:00+01:00"))


def _bool(value: Any, name: str) -> bool:
    if not isinstance(value, bool):
        raise RecordError(name, _("expected true or false"))
    return value


def entry_from_record(record: dict[str, Any]) -> Entry:
    """Validate a stored entry. Raises RecordError naming the field that is wrong."""
    if not isinstance(record, dict):
        raise RecordError("entry", _("expected a table of fields"))
    known = set(FIELD_NAMES)
    try:
        entry_id = record.get("id")
        if not isinstance(entry_id, str) or match_id(entry_id) is None:
            raise RecordError("id", _("expected an id such as 2026-017"))
        if "date" not in record:
            raise RecordError("date", _("missing"))
        text = record.get("text")
        if not isinstance(text, str) or not text.strip():
            raise RecordError("text", _("missing or empty"))
        checks: dict[str, Any] = {
            "id": entry_id,
            "date": _entry_date(record["date"]),
            "created": _timestamp(record.get("created", record["date"]), "created"),
            "text": text,
        }
        for name, parse in (
            ("moment", parse_moment),
            ("customer", parse_customer),
            ("tags", parse_tags),
            ("score", parse_score),
            ("cost", parse_cost),
            ("minutes", parse_minutes),
            ("quote", parse_quote),
        ):
            if record.get(name) is not None:
                try:
                    checks[name] = parse(record[name])
                except FanError as error:
                    raise RecordError(name, error.message) from None
        for name in ("peak", "gold"):
            if name in record:
                checks[name] = _bool(record[name], name)
    except RecordError:
        raise
    extra = {key: value for key, value in record.items() if key not in known}
    return Entry(**checks, extra=extra)
