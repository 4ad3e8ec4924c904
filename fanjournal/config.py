"""config.toml: where it lives, the keys it may hold, their defaults and validation."""

import copy
import datetime as dt
import os
import re
import tomllib
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from fanjournal.errors import FanError
from fanjournal.files import write_toml
from fanjournal.i18n import _
from fanjournal.paths import config_path, default_journal_dir

WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


# --- value parsers: each takes what the user typed or what TOML held, returns the stored value


def _positive_int(value: Any) -> int:
    if isinstance(value, bool):
        raise ValueError(_("a whole number above 0"))
    try:
        number = int(value)
    except (TypeError, ValueError):
        raise ValueError(_("a whole number above 0")) from None
    if number <= 0 or (isinstance(value, float) and value != number):
        raise ValueError(_("a whole number above 0"))
    return number


def _non_negative_int(value: Any) -> int:
    if isinstance(value, bool):
        raise ValueError(_("a whole number, 0 or more"))
    try:
        number = int(value)
    except (TypeError, ValueError):
        raise ValueError(_("a whole number, 0 or more")) from None
    if number < 0:
        raise ValueError(_("a whole number, 0 or more"))
    return number


def _money(value: Any) -> str:
    try:
        amount = Decimal(str(value).strip())
    except InvalidOperation:
        raise ValueError(_("an amount such as 100 or 12.50")) from None
    if not amount.is_finite() or amount < 0:
        raise ValueError(_("an amount such as 100 or 12.50"))
    return str(amount)


def _choice(*choices: str) -> Callable[[Any], str]:
    def parse(value: Any) -> str:
        text = str(value).strip().lower()
        if text not in choices:
            raise ValueError(_("one of: {choices}").format(choices=", ".join(choices)))
        return text

    return parse


def _weekday(value: Any) -> str:
    text = str(value).strip().lower()[:3]
    if text not in WEEKDAYS:
        raise ValueError(_("a weekday such as mon or monday"))
    return text


def _weekdays(value: Any) -> list[str]:
    items = value if isinstance(value, list) else str(value).replace(" ", ",").split(",")
    days = [_weekday(item) for item in items if str(item).strip()]
    if not days:
        raise ValueError(_("a list of weekdays such as mon,tue,wed,thu,fri"))
    return sorted(set(days), key=WEEKDAYS.index)


def _country(value: Any) -> str:
    text = str(value).strip().upper()
    if text and not re.fullmatch(r"[A-Z]{2,3}(-[A-Z0-9]{1,3})?", text):
        raise ValueError(_("a country code such as NL or BE, or empty for none"))
    return text


def _duration(value: Any) -> str:
    text = str(value).strip().lower()
    if not re.fullmatch(r"(\d+h)?(\d+m)?", text) or not text or duration_minutes(text) <= 0:
        raise ValueError(_("a duration such as 2h, 90m or 1h30m"))
    return text


def duration_minutes(text: str) -> int:
    match = re.fullmatch(r"(?:(\d+)h)?(?:(\d+)m)?", text)
    if not match:
        return 0
    return int(match.group(1) or 0) * 60 + int(match.group(2) or 0)


def _clock_time(value: Any) -> str:
    text = str(value).strip()
    try:
        parsed = dt.time.fromisoformat(text)
    except ValueError:
        raise ValueError(_("a time of day such as 09:30")) from None
    return parsed.strftime("%H:%M")


def _day_list(value: Any) -> list[int]:
    items = value if isinstance(value, list) else str(value).replace(" ", ",").split(",")
    days = sorted({_non_negative_int(item) for item in items if str(item).strip()})
    if not days or days[-1] > 366:
        raise ValueError(_("a list of day numbers such as 1,3,14,30,60,100"))
    return days


class DayActions(dict[str, str]):
    """`follow_up_actions`: day number (as text, a TOML key) -> your own suggested action.
    Shown as `14=Call them; 30=Visit` (how `fan config set` takes it)."""

    def __str__(self) -> str:
        return "; ".join(f"{day}={text}" for day, text in self.items())


MAX_ACTION = 300


def _day_actions(value: Any) -> DayActions:
    """A TOML table {14 = "Call them"} or the text "14=Call them; 30=Visit"; empty for none."""
    expected = _("day=action pairs such as \"14=Call to ask how it goes; 30=Visit\"")
    if isinstance(value, dict):
        pairs = list(value.items())
    elif isinstance(value, str):
        pairs = []
        for item in value.split(";"):
            if not item.strip():
                continue
            day, sep, text = item.partition("=")
            if not sep:
                raise ValueError(expected)
            pairs.append((day, text))
    else:
        raise ValueError(expected)
    actions: dict[int, str] = {}
    for day, text in pairs:
        try:
            number = _non_negative_int(str(day).strip())
        except ValueError:
            raise ValueError(expected) from None
        if number > 366 or not isinstance(text, str) or not text.strip():
            raise ValueError(expected)
        if len(text.strip()) > MAX_ACTION:
            raise ValueError(_("actions of at most {n} characters").format(n=MAX_ACTION))
        actions[number] = " ".join(text.split())
    return DayActions((str(day), actions[day]) for day in sorted(actions))


def _path(value: Any) -> str:
    text = str(value).strip()
    if not text:
        raise ValueError(_("a folder path"))
    return text


@dataclass(frozen=True)
class Key:
    name: str
    default: Any
    parse: Callable[[Any], Any]
    help: str


def _keys() -> dict[str, Key]:
    keys = [
        Key("target", 300, _positive_int, _("fans to make in a year")),
        Key("format", "toml", _choice("toml", "json"), _("file format for new journal years")),
        Key("journal", None, _path, _("folder holding the journal (default: the data dir)")),
        Key("language", None, _choice("en", "nl"), _("language of the tool: en or nl")),
        Key("workdays", list(WEEKDAYS[:5]), _weekdays, _("your working weekdays")),
        Key("week_start", "mon", _weekday, _("first day of the week in reports")),
        Key("holidays", "", _country, _("country whose public holidays are days off")),
        Key("remind_every", "2h", _duration, _("time between prompt reminders")),
        Key("remind_from", "09:30", _clock_time, _("no prompt reminder before this time")),
        Key("budget_money_month", None, _money, _("money to spend on fans each month")),
        Key("budget_minutes_day", None, _non_negative_int, _("minutes to spend on fans a day")),
        Key("currency", "EUR", _choice_currency, _("currency of costs and budget")),
        Key("follow_up_days", [1, 3, 14, 30, 60, 100], _day_list,
            _("days after a new customer's start to follow up")),
        Key("follow_up_actions", DayActions(), _day_actions,
            _("your own action for a follow-up day, e.g. 14=Call them")),
    ]
    return {key.name: key for key in keys}


def _choice_currency(value: Any) -> str:
    text = str(value).strip().upper()
    if not re.fullmatch(r"[A-Z]{3}", text):
        raise ValueError(_("a three-letter currency code such as EUR"))
    return text


def keys() -> dict[str, Key]:
    return _keys()


_read_memo: dict[tuple[Path, int, int, int], dict[str, Any]] = {}


def _read_file(path: Path) -> dict[str, Any]:
    """config.toml as a dict; read once per command however often it is asked for (the
    language, the settings, the prompt state), and again only when the file changed."""
    try:
        with path.open("rb") as handle:
            status = os.fstat(handle.fileno())
            key = (path, status.st_ino, status.st_mtime_ns, status.st_size)
            if key not in _read_memo:
                _read_memo[key] = tomllib.load(handle)
            return copy.deepcopy(_read_memo[key])
    except FileNotFoundError:
        return {}
    except UnicodeDecodeError:
        raise FanError(_("{path}: not UTF-8 text").format(path=path)) from None
    except tomllib.TOMLDecodeError as error:
        raise FanError(_("{path}: not valid TOML: {error}").format(path=path, error=error)) \
            from None
    except OSError as error:
        raise FanError(_("cannot read {path}: {error}").format(path=path, error=error.strerror)) \
            from None


@dataclass(frozen=True)
class Settings:
    """The validated settings, typed: built once per command by `load()`."""

    path: Path  # config.toml
    values: dict[str, Any]  # every key as validated, defaults included (`fan config show`)
    journal_dir: Path
    format: str
    target: int
    language: str | None
    workdays: frozenset[int]  # 0 = Monday
    week_start: int  # 0 = Monday
    holidays: str  # a country code, or ""
    remind_every: int  # minutes
    remind_from: dt.time
    budget_money_month: Decimal | None
    budget_minutes_day: int | None
    currency: str
    follow_up_days: tuple[int, ...]
    follow_up_actions: dict[str, str]

    def __getitem__(self, name: str) -> Any:
        return self.values[name]


def _journal_dir(chosen: str | None, config_file: Path) -> Path:
    if chosen:
        path = Path(chosen).expanduser()
        return path if path.is_absolute() else config_file.parent / path
    return default_journal_dir()


def load() -> Settings:
    path = config_path()
    raw = _read_file(path)
    known = keys()
    values = {name: key.default for name, key in known.items()}
    for name, value in raw.items():
        if name not in known:
            continue  # a newer version's key: kept in the file, ignored here
        try:
            values[name] = known[name].parse(value)
        except ValueError as error:
            raise FanError(
                _("{path}: {key} must be {expected}").format(path=path, key=name, expected=error)
            ) from None
    money, minutes = values["budget_money_month"], values["budget_minutes_day"]
    return Settings(
        path=path,
        values=values,
        journal_dir=_journal_dir(values["journal"], path),
        format=values["format"],
        target=values["target"],
        language=values["language"],
        workdays=frozenset(WEEKDAYS.index(day) for day in values["workdays"]),
        week_start=WEEKDAYS.index(values["week_start"]),
        holidays=values["holidays"],
        remind_every=duration_minutes(values["remind_every"]),
        remind_from=dt.time.fromisoformat(values["remind_from"]),
        budget_money_month=None if money is None else Decimal(money),
        budget_minutes_day=minutes,
        currency=values["currency"],
        follow_up_days=tuple(values["follow_up_days"]),
        follow_up_actions=dict(values["follow_up_actions"]),
    )


def check_key(name: str) -> Key:
    known = keys()
    if name not in known:
        raise FanError.usage(
            _("unknown config key {key!r}; known keys: {keys}").format(
                key=name, keys=", ".join(known)
            )
        )
    return known[name]


def parse_value(name: str, text: str) -> Any:
    key = check_key(name)
    try:
        return key.parse(text)
    except ValueError as error:
        raise FanError.usage(_("{key} must be {expected}").format(key=name, expected=error)) \
            from None


def set_value(name: str, text: str) -> Any:
    """Validate `text` for `name` and write it to config.toml, keeping everything else."""
    value = parse_value(name, text)
    path = config_path()
    raw = _read_file(path)
    raw[name] = value
    write_toml(path, raw)
    return value


def unset_value(name: str) -> None:
    check_key(name)
    path = config_path()
    raw = _read_file(path)
    if name in raw:
        del raw[name]
        write_toml(path, raw)
