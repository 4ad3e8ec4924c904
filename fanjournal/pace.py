"""Pace toward the yearly target (pure; "today" is a parameter).

For one calendar year, as of `today`:

- **fans** — fans dated in the year up to and including today (any day, working or not);
- **elapsed** — working days of the year that are over: those *before* today (today is not over
  until it is over, as with streaks); **remaining** — working days from today (included) to
  31 December, so elapsed + remaining = the working days of the year;
- **expected** — target × elapsed ÷ working days in the year; **difference** — fans minus the
  expected number rounded to a whole fan (positive: ahead, negative: behind);
- **projected** — the year-end total at the rate so far: fans × working days ÷ elapsed (none
  before the first working day is over);
- **needed per day** — fans still needed to reach the target ÷ remaining working days (0 once
  the target is reached, none when the year is over without reaching it).

A year that is over counts every working day as elapsed; a year still to come counts none.
"""

import datetime as dt
import math
from collections.abc import Mapping
from dataclasses import dataclass

from fanjournal.workdays import Calendar


def round_half_up(value: float) -> int:
    """Round to a whole number, halves up (Python's round() rounds halves to even)."""
    return math.floor(value + 0.5)


@dataclass(frozen=True)
class Pace:
    year: int
    target: int
    fans: int
    working_days: int
    elapsed: int
    remaining: int
    expected: float
    difference: int
    projected: int | None
    needed_per_day: float | None

    @property
    def reached(self) -> bool:
        return self.fans >= self.target

    @property
    def expected_whole(self) -> int:
        """The expected number as shown to people: rounded to a whole fan, halves up."""
        return round_half_up(self.expected)


def pace_on(fan_days: Mapping[dt.date, int], calendar: Calendar, target: int, year: int,
            today: dt.date, *, day_over: bool = False) -> Pace:
    """Pace for `year` as of `today` (with `day_over=True`, today counts as elapsed too).

    `calendar` must know the days off and holidays of `year`.
    """
    first, last = dt.date(year, 1, 1), dt.date(year, 12, 31)
    fans = sum(count for day, count in fan_days.items()
               if first <= day <= last and day <= today and count > 0)
    working = calendar.working_days(first, last)
    total = len(working)
    if day_over:
        elapsed = sum(1 for day in working if day <= today)
    else:
        elapsed = sum(1 for day in working if day < today)
    remaining = total - elapsed
    expected = target * elapsed / total if total else 0.0
    projected = round_half_up(fans * total / elapsed) if elapsed else None
    if fans >= target:
        needed: float | None = 0.0
    elif remaining:
        needed = (target - fans) / remaining
    else:
        needed = None
    return Pace(
        year=year, target=target, fans=fans, working_days=total, elapsed=elapsed,
        remaining=remaining, expected=expected, difference=fans - round_half_up(expected),
        projected=projected, needed_per_day=needed,
    )
