"""Synthetic, realistic journals for the benchmarks, written through fan's own store.

Two sizes, both ten years up to "today" with a fixed seed (the same bytes on every machine):

- `PERSON` — one person, 300 fans a year (3,000 entries): mostly one a working day, some days
  none, some two or three, a few on a weekend; about 20 days off a year as `[[off]]` sections.
- `TEAM` — a team of ten in one journal, 3,000 fans a year (30,000 entries).

Entries carry what real ones do: every moment (weighted like real use), recurring customers and
colleagues, tags, peaks, golden stories, scores, costs and minutes, the odd emoji or quote.

`plan()` is pure (entries and days off per year); `write()` saves a plan with
`fanjournal.store.Journal.change`, the same locked, atomic write path `fan add` uses, so the files
are exactly what fan itself would produce. `template()` keeps one built copy per size under
`benchmarks/work/` and rebuilds it when the generator or fan's storage code changes.
`jrnl_text()` turns the same entries into a jrnl plain-text journal for the comparison.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import itertools
import json
import random
import shutil
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from fanjournal import model, workdays
from fanjournal.model import Entry
from fanjournal.store import Journal

GENERATOR_VERSION = 1  # bump when the generated content changes
SEED = 20261120
TODAY = dt.date(2026, 11, 20)  # a Friday; FAN_TODAY for every benchmark run
YEARS = 10


@dataclass(frozen=True)
class Size:
    name: str
    per_year: int
    customers: int
    years: int = YEARS


PERSON = Size("3k", per_year=300, customers=120)
TEAM = Size("30k", per_year=3000, customers=900)
SIZES = {size.name: size for size in (PERSON, TEAM)}


@dataclass(frozen=True)
class YearPlan:
    year: int
    entries: tuple[Entry, ...]
    days_off: tuple[workdays.DayOff, ...]


# --- what the entries say

MOMENT_WEIGHTS = {"zomaar": 30, "vraag": 30, "klacht": 15, "nee-maar": 15,
                  "niet-mijn-probleem": 10}

TEXTS = {
    "zomaar": (
        "Sent {who} a handwritten card to thank them for ten years as a customer",
        "Dropped off a box of stroopwafels for {who}'s team, zomaar",
        "Remembered {who}'s birthday and called to congratulate",
        "Left a small plant on {who}'s desk after their busy week 🌱",
        "Brought {who} a coffee before the meeting started",
        "Wrote {who} a note: \"you made my day\" — and meant it",
        "Stuurde {who} een kaartje, zomaar",
    ),
    "vraag": (
        "Answered {who}'s question about the invoice within ten minutes and explained the VAT line",
        "Walked {who} through the new portal on the phone until every step worked",
        "Looked up an old order for {who} and sent the manual as a PDF",
        "Found the spare part {who} asked for in another branch and had it couriered",
        "Called {who} back after closing time to check the repair really worked",
        "Hielp {who} met de instellingen van de printer, ook al was dat niet onze printer",
    ),
    "klacht": (
        "Listened to {who}'s complaint about the late delivery, apologised and sent it express",
        "Refunded {who} the shipping costs and explained how we now prevent the delay",
        "Went to {who}'s office to fix the installation we got wrong the first time",
        "Let {who} vent for twenty minutes; solved it the same day and called back",
        "Klacht van {who} over de rekening: excuses, gecorrigeerd en een bos bloemen",
    ),
    "nee-maar": (
        "Nee, maar: we don't stock it, but I called a competitor who had it for {who}",
        "Could not deliver on Saturday, but drove it to {who} myself on Friday evening",
        "Said no to the discount, but gave {who} a free year of support instead",
        "No, that's not possible — but I showed {who} a workaround that does the job",
    ),
    "niet-mijn-probleem": (
        "Walked {who} to the car with an umbrella when it started pouring",
        "Helped {who} jump-start a car in the car park",
        "Found a good plumber for {who}, who had a leak at home",
        "Carried {who}'s groceries up three flights of stairs",
        "Booked a taxi for {who} when the train was cancelled",
    ),
}

ENDINGS = ("", "", "", ". They were really surprised", ". Said it was an exception",
           ". \"Wat heb ik daaraan verdiend?\" — \"Zomaar!\"", ". Followed up a week later")

FIRST = ("Anna", "Bram", "Carla", "Daan", "Eva", "Femke", "Gijs", "Hanna", "Ilse", "Joost",
         "Karin", "Lars", "Mila", "Noah", "Olga", "Pieter", "Quinten", "Roos", "Sanne", "Tom",
         "Ursula", "Vera", "Wouter", "Xander", "Yara", "Zoë", "Émile", "José", "Siobhan",
         "Mohammed")
LAST = ("de Vries", "Jansen", "Bakker", "Visser", "Smit", "Meijer", "de Boer", "Mulder",
        "de Groot", "Bos", "Vos", "Peters", "Hendriks", "van Dijk", "O'Brien", "Yılmaz")
COMPANIES = ("Bakkerij", "Garage", "Café", "Drukkerij", "Tandarts", "Kapsalon", "Notaris",
             "Fietsenmaker", "Bloemist", "Hotel")
TOWNS = ("Utrecht", "Zwolle", "Gent", "Leiden", "Breda", "Delft", "Assen", "Hoorn", "Venlo",
         "Antwerpen", "Arnhem", "Tilburg")
TAGS = ("phone", "email", "shop", "visit", "repair", "invoice", "delivery", "new-customer",
        "colleague", "gift", "follow-up", "weekend", "urgent", "b2b", "thank-you", "idea")
OFF_REASONS = ("sick", "training", "dentist", "moving house", "ziek", "")


def _customers(rng: random.Random, count: int) -> list[str]:
    people = [f"{first} {last}" for first in FIRST for last in LAST]
    companies = [f"{kind} {town}" for kind in COMPANIES for town in TOWNS]
    more = [f"{person} ({town})" for person in people for town in TOWNS]
    pool = people + companies
    if count > len(pool):
        pool += more
    return sorted(rng.sample(pool, count))


def _days_off(rng: random.Random, year: int, until: dt.date) -> list[workdays.DayOff]:
    """About 20 working days off: a summer holiday, the days around Christmas, a few singles."""
    chosen: dict[dt.date, str] = {}
    start = dt.date(year, 7, 1) + dt.timedelta(days=rng.randrange(45))
    for day in workdays.days(start, start + dt.timedelta(days=13)):
        chosen[day] = "summer holiday"
    for day in workdays.days(dt.date(year, 12, 24), dt.date(year, 12, 31)):
        chosen[day] = "christmas"
    for _ in range(rng.randrange(3, 7)):
        chosen.setdefault(dt.date(year, 1, 1) + dt.timedelta(days=rng.randrange(365)),
                          rng.choice(OFF_REASONS))
    return [workdays.DayOff(day, reason) for day, reason in sorted(chosen.items())
            if day.weekday() < 5 and day <= until]


def _entry(rng: random.Random, day: dt.date, customers: Sequence[str],
           weights: Sequence[float]) -> Entry:
    """One fan on `day`, without its id yet (ids follow date order, see `plan`)."""
    moment = rng.choices(tuple(MOMENT_WEIGHTS), tuple(MOMENT_WEIGHTS.values()))[0]
    customer = rng.choices(customers, cum_weights=weights)[0] if rng.random() < 0.85 else None
    if customer is None:
        who = rng.choice(("a visitor", "a colleague", "a neighbour"))
    else:  # people by first name, companies by their name
        who = customer.split()[0] if customer.split()[0] in FIRST else customer
    text = rng.choice(TEXTS[moment]).format(who=who) + rng.choice(ENDINGS)
    if rng.random() < 0.1:
        text += "\n\nWhat could we have done better? \"Nothing — thank you!\""
    offset = dt.timezone(dt.timedelta(hours=2 if 4 <= day.month <= 10 else 1))
    created = dt.datetime.combine(day, dt.time(rng.randrange(8, 19), rng.randrange(60)),
                                  tzinfo=offset)
    if rng.random() < 0.05:  # logged the next morning
        created += dt.timedelta(hours=15)
    return Entry(
        id="",
        date=day,
        created=created,
        text=text,
        moment=moment,
        customer=customer,
        tags=tuple(sorted(set(rng.sample(TAGS, rng.choice((0, 1, 1, 2, 2, 3)))))),
        score=rng.choice((6, 7, 8, 8, 9, 9, 10, 10)) if rng.random() < 0.4 else None,
        cost=Decimal(rng.randrange(50, 5000)) / 100 if rng.random() < 0.25 else None,
        minutes=rng.choice((5, 10, 15, 20, 30, 45, 60, 90)) if rng.random() < 0.5 else None,
        peak=rng.random() < 0.05,
        gold=rng.random() < 0.02,
    )


def plan(size: Size, today: dt.date = TODAY, seed: int = SEED) -> list[YearPlan]:
    """Entries and days off for each of `size.years` years up to `today` (pure, deterministic).

    Every year gets exactly `size.per_year` fans (the current one too, by today), spread at random
    over its working days with a few on weekends and days off, so some days have none.
    """
    rng = random.Random(f"{seed}-{size.name}")
    customers = _customers(rng, size.customers)
    rng.shuffle(customers)
    # regulars and one-offs: the n-th customer comes back about 1/n^0.8 as often as the first
    weights = list(itertools.accumulate(1 / (rank + 1) ** 0.8 for rank in range(len(customers))))
    plans = []
    for year in range(today.year - size.years + 1, today.year + 1):
        last = min(today, dt.date(year, 12, 31))
        off = _days_off(rng, year, last)
        off_days = {day.date for day in off}
        all_days = list(workdays.days(dt.date(year, 1, 1), last))
        working = [d for d in all_days if d.weekday() < 5 and d not in off_days]
        other = [d for d in all_days if d.weekday() >= 5 or d in off_days]
        days = sorted(rng.choice(other if rng.random() < 0.03 else working)
                      for _ in range(size.per_year))
        made = [_entry(rng, day, customers, weights) for day in days]
        made.sort(key=lambda e: (e.date, e.created))
        entries = tuple(e.with_changes(id=model.make_id(year, n))
                        for n, e in enumerate(made, start=1))
        plans.append(YearPlan(year, entries, tuple(off)))
    return plans


def write(journal_dir: Path, plans: Iterable[YearPlan], fmt: str = "toml") -> Journal:
    """Save each year through the store's locked, atomic write path (as `fan add` does)."""
    journal = Journal(journal_dir, fmt)
    for year_plan in plans:
        with journal.change(year_plan.year) as year_file:
            year_file.entries.extend(year_plan.entries)
            year_file.counters["fan"] = len(year_plan.entries) + 1
            year_file.days_off = list(year_plan.days_off)
    return journal


def build(fan_home: Path, size: Size, today: dt.date = TODAY, seed: int = SEED) -> Path:
    """A fresh FAN_HOME holding the journal of `size` (default config); returns fan_home."""
    if fan_home.exists():
        shutil.rmtree(fan_home)
    write(fan_home / "journal", plan(size, today, seed))
    for backup in (fan_home / "journal").glob("*.bak"):  # a first save leaves none; be sure
        backup.unlink()
    return fan_home


def _fingerprint(size: Size, today: dt.date, seed: int) -> str:
    """Changes whenever the content or fan's way of storing it could change."""
    import fanjournal

    package = Path(fanjournal.__file__).parent
    digest = hashlib.sha256()
    digest.update(json.dumps([GENERATOR_VERSION, size.name, size.per_year, size.customers,
                              size.years, today.isoformat(), seed]).encode())
    for name in ("store.py", "model.py", "workdays.py"):
        digest.update((package / name).read_bytes())
    digest.update(Path(__file__).read_bytes())
    return digest.hexdigest()[:16]


def template(work: Path, size: Size, today: dt.date = TODAY, seed: int = SEED) -> Path:
    """A built FAN_HOME for `size` under `work`, reused while its fingerprint matches.

    Never run fan against the template itself: copy it (see `copy_home`).
    """
    fan_home = work / "journals" / size.name
    stamp = fan_home / ".fingerprint"
    wanted = _fingerprint(size, today, seed)
    if stamp.exists() and stamp.read_text() == wanted:
        return fan_home
    build(fan_home, size, today, seed)
    stamp.write_text(wanted)
    return fan_home


def copy_home(template_home: Path | None, target: Path) -> Path:
    """`target` as a fresh copy of `template_home` (or empty when None); mtimes preserved."""
    if target.exists():
        shutil.rmtree(target)
    if template_home is None:
        target.mkdir(parents=True)
    else:
        shutil.copytree(template_home, target, ignore=shutil.ignore_patterns(".fingerprint"))
    return target


# --- the same entries for jrnl

JRNL_TIMEFORMAT = "%Y-%m-%d %H:%M"


def jrnl_entry(entry: Entry) -> str:
    """One entry in jrnl's plain-text format: `[date] title` then the body, customer as @tag."""
    stamp = dt.datetime.combine(entry.date, entry.created.time())
    text = entry.text.replace("\n[", "\n (")  # a body line must not look like an entry header
    tags = " ".join(["@" + entry.customer.replace(" ", "_")] if entry.customer else [])
    tags = " ".join(filter(None, [tags, *("#" + t for t in entry.tags)]))
    star = " *" if entry.peak or entry.gold else ""
    first, _sep, rest = text.partition("\n")
    body = "\n".join(filter(None, [rest.strip("\n"), tags]))
    return f"[{stamp.strftime(JRNL_TIMEFORMAT)}] {first}{star}" + (f"\n{body}" if body else "") \
        + "\n"


def jrnl_text(entries: Iterable[Entry]) -> str:
    """A whole jrnl journal, oldest first, entries separated by a blank line (as jrnl writes)."""
    return "\n".join(jrnl_entry(e) for e in sorted(entries, key=lambda e: (e.date, e.created)))
