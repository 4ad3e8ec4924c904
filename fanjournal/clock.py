"""The one clock: what "today" and "now" are, with FAN_TODAY as the override."""

import datetime as dt
import os

from fanjournal.errors import FanError
from fanjournal.i18n import _


def today() -> dt.date:
    """The local calendar date, or FAN_TODAY=YYYY-MM-DD when set (tests, back-filling)."""
    value = os.environ.get("FAN_TODAY", "").strip()
    if not value:
        return dt.date.today()
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise FanError.usage(
            _("FAN_TODAY must be a date like 2026-11-20, not {value!r}").format(value=value)
        ) from None


def now() -> dt.datetime:
    """The current local time with its UTC offset, to the second."""
    return dt.datetime.now().astimezone().replace(microsecond=0)
