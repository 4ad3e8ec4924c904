"""Entries as data: which match a filter, the editable TOML of `fan edit`, anonymising (pure)."""

import datetime as dt
import tomllib
from collections.abc import Iterable
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
        if self.start and entry.date < self.start:
            return False
        if self.end and entry.date > self.end:
            return False
        if self.moment and entry.moment != self.moment:
            return False
        if self.customer and self.customer.casefold() not in (entry.customer or "").casefold():
            return False
        if self.tag and self.tag.lower().lstrip("#") not in entry.tags:
            return False
        if self.peak and not entry.peak:
            return False
        if self.gold and not entry.gold:
            return False
        if self.search:
            needle = self.search.casefold()
            haystack = " ".join([entry.text, entry.customer or "", *entry.tags]).casefold()
            if needle not in haystack:
                return False
        return True


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
    import re

    names: dict[str, str] = {}  # casefolded full name (in any spelling) -> "Customer N"
    spellings: dict[str, str] = {}  # the name as written, upper and lower case -> its label
    count = 0
    for name in [e.customer for e in entries if e.customer] + [n for n in known if n.strip()]:
        name = name.strip()
        if name.casefold() not in names:
            count += 1
            names[name.casefold()] = _("Customer {n}").format(n=count)
        for spelling in (name, name.casefold(), name.upper(), name.lower()):
            spellings.setdefault(spelling, names[name.casefold()])
            names.setdefault(spelling.casefold(), names[name.casefold()])
    if not names:
        return entries
    parts: dict[str, str] = {}  # a capitalised part of a name -> that name's "Customer N"
    for name in sorted(spellings, key=len, reverse=True):
        # "O'Brien" and "Jean-Pierre" whole, and their pieces ("Brien", "Jean") too
        for part in re.findall(r"\w+(?:['’-]\w+)*", name) + re.findall(r"\w+", name):
            if len(part) >= 3 and part[0].isupper() and part.casefold() not in _NAME_FILLERS:
                parts.setdefault(part, spellings[name])

    def alternatives(words: Iterable[str]) -> str:
        return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))  # longest 1st

    any_part = f"|{alternatives(parts)}" if parts else ""
    pattern = re.compile(rf"(?<!\w)(?:(?i:{alternatives(spellings)}){any_part})(?!\w)")

    def scrub(text: str) -> str:
        return pattern.sub(
            lambda m: names.get(m.group(0).casefold()) or parts.get(m.group(0), m.group(0)), text)

    # a tag that is a name, or a word of one ("anna", "devries"), goes too
    name_words: set[str] = set()
    for name in spellings:
        words = [w.casefold() for w in re.findall(r"\w+", name)]
        name_words |= {"".join(words[i:j]) for i in range(len(words))
                       for j in range(i + 1, len(words) + 1)}  # "anna", "devries", "annadevries"

    def tags(entry: Entry) -> tuple[str, ...]:
        return tuple(t for t in entry.tags if re.sub(r"\W+", "", t).casefold() not in name_words)

    return [e.with_changes(customer=names[e.customer.strip().casefold()] if e.customer else None,
                           text=scrub(e.text), quote=scrub(e.quote) if e.quote else None,
                           tags=tags(e))
            for e in entries]
