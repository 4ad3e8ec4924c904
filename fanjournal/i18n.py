"""Translation of every user-facing string: gettext `_()` and the choice of language.

The language is config `language` (en/nl), else the locale (LC_ALL, LC_MESSAGES, LANG), else
English. Source strings are English; catalogues live in `fanjournal/locale/<lang>/LC_MESSAGES/`.
"""

import gettext
import os
from functools import cache
from pathlib import Path

LANGUAGES = ("en", "nl")
DOMAIN = "fan"
LOCALE_DIR = Path(__file__).parent / "locale"


def locale_language() -> str:
    """The supported language named by the environment's locale, or "en"."""
    for var in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(var, "")
        if value:
            code = value.split(".")[0].split("_")[0].lower()
            return code if code in LANGUAGES else "en"
    return "en"


@cache
def language() -> str:
    """The language in force: config `language`, else the locale, else English."""
    chosen = configured_language()
    return chosen if chosen in LANGUAGES else locale_language()


def configured_language() -> str | None:
    """config.toml's `language` as written, or None: read here, silently, because every message
    (a broken config.toml's among them) needs the language before the settings are checked."""
    import tomllib

    from fanjournal.paths import config_path

    try:
        with config_path().open("rb") as handle:
            value = tomllib.load(handle).get("language")
    except (OSError, ValueError):  # missing, unreadable or not TOML: config.load says so
        return None
    return value.strip().lower() if isinstance(value, str) else None


@cache
def _translation() -> gettext.NullTranslations:
    return gettext.translation(DOMAIN, LOCALE_DIR, languages=[language()], fallback=True)


def _(message: str) -> str:
    """Translate `message` into the language in force."""
    return _translation().gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    """Translate a message whose form depends on the count `n`."""
    return _translation().ngettext(singular, plural, n)


def reset() -> None:
    """Forget the chosen language (tests and `fan config set language` change it)."""
    language.cache_clear()
    _translation.cache_clear()
