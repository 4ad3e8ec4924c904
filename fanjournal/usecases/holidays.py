"""Public holidays of the configured country (config `holidays`), from the `holidays` package
(imported only when set), kept in a small cache file so the prompt path stays cheap."""

import datetime as dt
from collections.abc import Iterable
from pathlib import Path

from fanjournal.errors import FanError
from fanjournal.i18n import _


def public_holidays(country: str, years: Iterable[int]) -> dict[dt.date, str]:
    """Public holidays of `country` (e.g. "NL", or "US-CA" for a subdivision).

    Importing `holidays` and building a country costs about 0.2 s, too much for every `fan
    status --prompt`; so the holidays of each year are kept in a small cache file (see
    `holiday_cache_path`), valid for as long as the same `holidays` package is installed.
    """
    if not country:
        return {}
    from fanjournal.i18n import language

    names_in = language()  # holiday names in the tool's language where the package has it
    wanted = sorted(set(years))
    missing = [year for year in wanted if (country, names_in, year) not in _holiday_memo]
    if missing:
        stamp = _holidays_stamp()
        stamp = f"{stamp}:{names_in}" if stamp else ""
        cached = _read_holiday_cache(country, stamp)
        to_compute = [year for year in missing if year not in cached]
        if to_compute:
            cached.update(_compute_holidays(country, to_compute, names_in))
            _write_holiday_cache(country, stamp, cached)
        for year in missing:
            _holiday_memo[(country, names_in, year)] = cached[year]
    found: dict[dt.date, str] = {}
    for year in wanted:
        found.update(_holiday_memo[(country, names_in, year)])
    return found


_holiday_memo: dict[tuple[str, str, int], dict[dt.date, str]] = {}


def _compute_holidays(country: str, years: list[int],
                      names_in: str) -> dict[int, dict[dt.date, str]]:
    import holidays

    code, _sep, subdiv = country.partition("-")
    try:  # a language the country's names are not kept in falls back to their own
        found = holidays.country_holidays(code, subdiv=subdiv or None, years=years,
                                          language=names_in)
    except (NotImplementedError, KeyError):  # how the holidays package says "no such country"
        raise FanError(_("config holidays: {code!r} is not a country the holidays package knows "
                         "(try NL, BE, DE, GB, US)").format(code=country)) from None
    by_year: dict[int, dict[dt.date, str]] = {year: {} for year in years}
    for day, name in found.items():
        if day.year in by_year:
            by_year[day.year][day] = str(name)
    return by_year


def holiday_cache_path(country: str) -> Path:
    """$FAN_HOME/cache/holidays-NL.json, or the user cache folder (safe to delete)."""
    from fanjournal.paths import cache_dir

    return cache_dir() / f"holidays-{country}.json"


def _holidays_stamp() -> str:
    """Which `holidays` package is installed, found without importing it."""
    import importlib.util
    import os

    spec = importlib.util.find_spec("holidays")
    if spec is None or not spec.origin:
        return ""
    try:
        status = os.stat(spec.origin)
    except OSError:
        return ""
    return f"{spec.origin}:{status.st_mtime_ns}:{status.st_size}"


def _read_holiday_cache(country: str, stamp: str) -> dict[int, dict[dt.date, str]]:
    import json

    if not stamp:
        return {}
    try:
        document = json.loads(holiday_cache_path(country).read_text(encoding="utf-8"))
        if document.get("stamp") != stamp:
            return {}
        return {int(year): {dt.date.fromisoformat(day): str(name) for day, name in days.items()}
                for year, days in document["years"].items()}
    except (OSError, ValueError, TypeError, KeyError, AttributeError):
        return {}  # missing or damaged: computed again and rewritten


def _write_holiday_cache(country: str, stamp: str,
                         years: dict[int, dict[dt.date, str]]) -> None:
    import json

    from fanjournal.files import atomic_write

    if not stamp:
        return
    document = {"stamp": stamp, "country": country,
                "years": {str(year): {day.isoformat(): name for day, name in sorted(days.items())}
                          for year, days in sorted(years.items())}}
    try:
        atomic_write(holiday_cache_path(country),
                     json.dumps(document, ensure_ascii=False, indent=1).encode())
    except FanError:
        pass  # a cache that cannot be written only costs time
