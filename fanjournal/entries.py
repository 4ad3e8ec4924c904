"""Entries as data: which match a filter, the editable TOML of `fan edit`, anonymising (pure)."""

import datetime as dt
import re
import tomllib
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from fanjournal import model
from fanjournal.errors import FanError
from fanjournal.i18n import _
from fanjournal.model import Entry


@dataclass(frozen=True)
class Filter:
    start: dt.date | None = None
    end: dt.date | None = None
    moment: str | None = None
    customer: str | None = None
    tag: str | None = None
    search: str | None = None
    peak: bool = False
    gold: bool = False

    def matches(self, entry: Entry) -> bool:
        return all(passes(self, entry) for passes in _CRITERIA)


def _words_of(entry: Entry) -> str:
    """What --search looks through: the text, the customer and the tags."""
    return " ".join([entry.text, entry.customer or "", *entry.tags]).casefold()


# What each field of a Filter asks of an entry; a field that is not set lets every entry pass.
_CRITERIA: tuple[Callable[[Filter, Entry], bool], ...] = (
    lambda f, e: not f.start or e.date >= f.start,
    lambda f, e: not f.end or e.date <= f.end,
    lambda f, e: not f.moment or e.moment == f.moment,
    lambda f, e: not f.customer or f.customer.casefold() in (e.customer or "").casefold(),
    lambda f, e: not f.tag or f.tag.lower().lstrip("#") in e.tags,
    lambda f, e: not f.peak or e.peak,
    lambda f, e: not f.gold or e.gold,
    lambda f, e: not f.search or f.search.casefold() in _words_of(e),
)


# --- the entry as a TOML document, for `fan edit` in $EDITOR

EDITABLE = ("date", "moment", "customer", "text", "tags", "score", "cost", "minutes", "peak",
            "gold", "quote")


def editable_toml(entry: Entry) -> str:
    import tomli_w

    record = entry.to_record()
    head = _("# Edit fan {id}. Save and close to apply; empty fields may be deleted.\n"
             "# moment: {moments}\n").format(id=entry.id, moments=", ".join(model.MOMENTS))
    body = {k: v for k, v in record.items() if k not in ("id", "created")}
    return head + tomli_w.dumps(body)


def parse_edited(text: str, original: Entry, today: dt.date) -> dict[str, Any]:
    """The changes an edited TOML document asks for; FanError if it does not validate."""
    try:
        document = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise FanError.usage(_("the edited entry is not valid TOML ({error}); nothing was "
                               "changed").format(error=error)) from None
    if "id" in document and document["id"] != original.id:
        raise FanError.usage(_("the id cannot be changed; nothing was changed"))
    record = {"id": original.id, "created": original.created, **document}
    try:
        edited = model.entry_from_record(record)
    except model.RecordError as error:
        raise FanError.usage(_("field '{field}': {problem}; nothing was changed").format(
            field=error.field, problem=error)) from None
    if edited.date > today:
        raise FanError.usage(_("{date} is in the future; nothing was changed").format(
            date=edited.date.isoformat()))
    changes: dict[str, Any] = {name: getattr(edited, name) for name in EDITABLE}
    changes["text"] = model.parse_text(edited.text)
    changes["extra"] = edited.extra
    return changes


# Capitalised words of a name that say nothing about who it is: never scrubbed on their own.
_NAME_FILLERS = frozenset({
    "the", "and", "for", "van", "der", "den", "het", "een", "ten", "ter", "von", "les", "del",
    "ltd", "inc", "llc", "gmbh", "co", "company", "group", "bakery", "shop", "store", "sons",
    "zonen", "partners", "bros",
})


def anonymize(entries: list[Entry], known: Iterable[str] = ()) -> list[Entry]:
    """Replace each customer's name by "Customer N" (stable within the list), also in the text
    and the quote.

    `known` adds names to scrub from the text that are not a customer of these entries (say,
    every customer in the journal: a story may mention another one). A full name is replaced
    wherever it stands as a word, in any case; each capitalised part of a name of three letters
    or more ("Anna" and "Vries" of "Anna de Vries") is replaced where it appears capitalised, so
    a first name alone does not leak either.
    """
    names, spellings = _labels([e.customer for e in entries if e.customer]
                               + [n for n in known if n.strip()])
    if not names:
        return entries
    scrub = _scrubber(names, spellings)
    name_words = _name_words(spellings)

    def tags(entry: Entry) -> tuple[str, ...]:
        return tuple(t for t in entry.tags if re.sub(r"\W+", "", t).casefold() not in name_words)

    return [e.with_changes(customer=names[e.customer.strip().casefold()] if e.customer else None,
                           text=scrub(e.text), quote=scrub(e.quote) if e.quote else None,
                           tags=tags(e))
            for e in entries]


def _labels(customers: list[str]) -> tuple[dict[str, str], dict[str, str]]:
    """The label of each name ("Customer N", numbered in order of first appearance), by the
    casefolded name and by each spelling: as written, in upper and in lower case."""
    names: dict[str, str] = {}  # casefolded full name (in any spelling) -> "Customer N"
    spellings: dict[str, str] = {}  # the name as written, upper and lower case -> its label
    count = 0
    for name in customers:
        name = name.strip()
        if name.casefold() not in names:
            count += 1
            names[name.casefold()] = _("Customer {n}").format(n=count)
        for spelling in (name, name.casefold(), name.upper(), name.lower()):
            spellings.setdefault(spelling, names[name.casefold()])
            names.setdefault(spelling.casefold(), names[name.casefold()])
    return names, spellings


def _name_parts(spellings: dict[str, str]) -> dict[str, str]:
    """Each capitalised part of a name (three letters or more, not a filler) -> its label."""
    parts: dict[str, str] = {}
    for name in sorted(spellings, key=len, reverse=True):
        # "O'Brien" and "Jean-Pierre" whole, and their pieces ("Brien", "Jean") too
        for part in re.findall(r"\w+(?:['’-]\w+)*", name) + re.findall(r"\w+", name):
            if len(part) >= 3 and part[0].isupper() and part.casefold() not in _NAME_FILLERS:
                parts.setdefault(part, spellings[name])
    return parts


def _scrubber(names: dict[str, str], spellings: dict[str, str]) -> Callable[[str], str]:
    """A function that replaces every full name (any case) and capitalised name part by its
    label."""
    parts = _name_parts(spellings)

    def alternatives(words: Iterable[str]) -> str:
        return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))  # longest 1st

    any_part = f"|{alternatives(parts)}" if parts else ""
    pattern = re.compile(rf"(?<!\w)(?:(?i:{alternatives(spellings)}){any_part})(?!\w)")

    def scrub(text: str) -> str:
        return pattern.sub(
            lambda m: names.get(m.group(0).casefold()) or parts.get(m.group(0), m.group(0)), text)

    return scrub


def _name_words(spellings: dict[str, str]) -> set[str]:
    """A name's words and runs of them, joined and casefolded ("anna", "devries",
    "annadevries"): a tag that is one of these goes too."""
    name_words: set[str] = set()
    for name in spellings:
        words = [w.casefold() for w in re.findall(r"\w+", name)]
        name_words |= {"".join(words[i:j]) for i in range(len(words))
                       for j in range(i + 1, len(words) + 1)}
    return name_words
