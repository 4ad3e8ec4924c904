"""Keep the gettext catalogues up to date with Babel.

    python scripts/i18n.py update    # extract every _()/ngettext() string, merge into each .po
    python scripts/i18n.py compile   # compile each .po into the .mo shipped in the wheel
    python scripts/i18n.py check     # untranslated strings or changed {fields} (exit 1 if any)

Translate in fanjournal/locale/<language>/LC_MESSAGES/fan.po (a translation marked fuzzy does
not count until you remove the fuzzy flag), then run compile and commit the .po and the .mo.
"""

import string
import sys
import tempfile
from pathlib import Path

from babel.messages.frontend import CommandLineInterface
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "fanjournal"
LOCALE_DIR = PACKAGE / "locale"
DOMAIN = "fan"
LANGUAGES = ("nl",)  # English is the source language
KEYWORDS = ["-k", "_", "-k", "ngettext:1,2"]


def pybabel(*args: str) -> None:
    CommandLineInterface().run(["pybabel", "-q", *args])


def po_path(language: str) -> Path:
    return LOCALE_DIR / language / "LC_MESSAGES" / f"{DOMAIN}.po"


def extract(pot: Path) -> None:
    pybabel("extract", "--no-default-keywords", *KEYWORDS, "--add-comments", "TRANSLATORS:",
            "--sort-by-file", "--project", "fan", "--msgid-bugs-address", "",
            "-o", str(pot), str(PACKAGE.relative_to(ROOT)))


def update() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        pot = Path(tmp) / f"{DOMAIN}.pot"
        extract(pot)
        for language in LANGUAGES:
            command = "update" if po_path(language).exists() else "init"
            extra = ["--ignore-obsolete"] if command == "update" else []
            pybabel(command, "-i", str(pot), "-d", str(LOCALE_DIR), "-D", DOMAIN,
                    "-l", language, *extra)
    check()


def compile_() -> None:
    """Each .po to its .mo with Babel's own writer (fuzzy entries left out).

    Not `pybabel compile`: its python-format check guesses %-formatting from any "%" followed
    by a letter (such as "% detractors") and reports errors for good translations; fan only
    uses {named} fields, which `check` compares instead.
    """
    for language in LANGUAGES:
        with po_path(language).open("rb") as handle:
            catalog = read_po(handle, locale=language)
        with po_path(language).with_suffix(".mo").open("wb") as handle:
            write_mo(handle, catalog, use_fuzzy=False)
        print(f"{language}: compiled {po_path(language).with_suffix('.mo').relative_to(ROOT)}")


def missing(language: str) -> list[str]:
    with po_path(language).open("rb") as handle:
        catalog = read_po(handle)
    gaps = []
    for message in catalog:
        if not message.id:
            continue
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        if message.fuzzy or not all(strings):
            gaps.append(message.id if isinstance(message.id, str) else message.id[0])
    return gaps


def fields(text: str) -> list[str]:
    """The {fields} of a str.format string, such as ["n", "id!r"]."""
    return sorted(f"{name}!{conversion}" if conversion else name
                  for _, name, _, conversion in string.Formatter().parse(text)
                  if name is not None)


def wrong_fields(language: str) -> list[str]:
    with po_path(language).open("rb") as handle:
        catalog = read_po(handle)
    problems = []
    for message in catalog:
        if not message.id or not message.string:
            continue
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        for index, translated in enumerate(strings):
            source = ids[min(index, len(ids) - 1)]
            if translated and fields(translated) != fields(source):
                problems.append(source)
    return problems


def check() -> int:
    status = 0
    for language in LANGUAGES:
        gaps = missing(language)
        for gap in gaps:
            print(f"{language}: untranslated: {gap!r}")
        for problem in wrong_fields(language):
            print(f"{language}: the {{fields}} differ from the English: {problem!r}")
            gaps.append(problem)
        print(f"{language}: {len(gaps)} untranslated or with different {{fields}}")
        status = status or (1 if gaps else 0)
    return status


def main(argv: list[str]) -> int:
    commands = {"update": update, "compile": compile_, "check": check}
    if len(argv) != 1 or argv[0] not in commands:
        print(__doc__, file=sys.stderr)
        return 2
    return commands[argv[0]]() or 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
