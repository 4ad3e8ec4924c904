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

_resolving = False


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
    global _resolving
    _resolving = True
    try:
        from fanjournal import config

        chosen = config.configured_language()
    finally:
        _resolving = False
    if chosen in LANGUAGES:
        return chosen
    return locale_language()


@cache
def _translation() -> gettext.NullTranslations:
    return gettext.translation(DOMAIN, LOCALE_DIR, languages=[language()], fallback=True)


def _(message: str) -> str:
    """Translate `message` into the language in force."""
    if _resolving:  # a message raised while reading the language itself stays English
        return message
    return _translation().gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    """Translate a message whose form depends on the count `n`."""
    if _resolving:
        return singular if n == 1 else plural
    return _translation().ngettext(singular, plural, n)


def reset() -> None:
    """Forget the chosen language (tests and `fan config set language` change it)."""
    language.cache_clear()
    _translation.cache_clear()
