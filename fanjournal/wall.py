"""The golden stories wall: the gold and peak fans, newest first, ready to share.

Golden stories (a customer telling how someone went through fire for them) and peaks (the
moments people remember, Kahneman's peak-end rule) belong on the work floor: printed on the
compliments wall, posted on the intranet. A story is a fan marked `gold` or `peak`, with the
customer's own words (`quote`) when known. With `anonymize`, every customer name is replaced
by "Customer N" — on the card and inside the story and the quote — before anything is drawn.
"""

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from fanjournal.model import Entry


@dataclass(frozen=True)
class Story:
    id: str
    date: dt.date
    customer: str | None
    moment: str
    text: str
    quote: str | None
    gold: bool
    peak: bool

    def to_json(self) -> dict[str, Any]:
        return {"id": self.id, "date": self.date.isoformat(), "customer": self.customer,
                "moment": self.moment, "text": self.text, "quote": self.quote,
                "gold": self.gold, "peak": self.peak}


@dataclass(frozen=True)
class Wall:
    stories: tuple[Story, ...]  # newest first
    start: dt.date | None
    end: dt.date | None
    anonymized: bool

    def to_json(self) -> dict[str, Any]:
        return {"from": self.start.isoformat() if self.start else None,
                "to": self.end.isoformat() if self.end else None,
                "anonymized": self.anonymized,
                "stories": [s.to_json() for s in self.stories]}


def is_story(entry: Entry, gold: bool = True, peak: bool = True) -> bool:
    """Whether a fan belongs on the wall: gold or peak (or only one kind when asked)."""
    return (gold and entry.gold) or (peak and entry.peak)


def wall(entries: Iterable[Entry], start: dt.date | None = None, end: dt.date | None = None,
         *, gold: bool = True, peak: bool = True, anonymize: bool = False,
         known_customers: Iterable[str] = ()) -> Wall:
    """The stories among `entries` (already filtered by period, tag or customer), newest first.

    With `anonymize`, names are replaced consistently across the wall; `known_customers` (say,
    every customer in the journal) are scrubbed from the text too, as a story may name another
    customer than its own.
    """
    from fanjournal.entries import anonymize as scrub

    chosen = [e for e in entries if is_story(e, gold, peak)]
    chosen.sort(key=lambda e: (e.date, e.created, e.id), reverse=True)
    if anonymize:
        chosen = scrub(chosen, known=known_customers)
    stories = tuple(Story(e.id, e.date, e.customer, e.moment, e.text, e.quote, e.gold, e.peak)
                    for e in chosen)
    return Wall(stories, start, end, anonymize)


