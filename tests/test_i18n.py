"""Both languages are complete: every UI string has a Dutch translation with the same {fields},
the compiled catalogue matches its source, the TOML data exists in both languages with the same
shape, and each command speaks Dutch when config or locale say so."""

import re
import string
from functools import cache
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import read_mo
from babel.messages.pofile import read_po

from fanjournal import coaching, i18n, templates
from fanjournal.model import MOMENTS

PACKAGE = Path(i18n.__file__).parent
PO = PACKAGE / "locale" / "nl" / "LC_MESSAGES" / "fan.po"
MO = PO.with_suffix(".mo")
KEYWORDS = {"_": None, "ngettext": (1, 2)}


@cache
def ui_strings() -> dict[str, tuple[str, ...]]:
    """Every _() and ngettext() string in fanjournal/, as Babel's extractor finds them."""
    found = {}
    for filename, _lineno, message, _comments, _context in extract_from_dir(
            PACKAGE, method_map=[("**.py", "python")], keywords=KEYWORDS):
        ids = message if isinstance(message, tuple) else (message,)
        found[ids[0]] = (*ids, filename)
    return found


def catalogue() -> dict[str, tuple[tuple[str, ...], tuple[str, ...], bool]]:
    with PO.open("rb") as handle:
        po = read_po(handle)
    result = {}
    for message in po:
        if not message.id:
            continue
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        result[ids[0]] = (ids, strings, message.fuzzy)
    return result


def fields(text: str) -> list[str]:
    return sorted(f"{name}!{conversion}" if conversion else name
                  for _, name, _, conversion in string.Formatter().parse(text)
                  if name is not None)


# --- the gettext catalogue


def test_there_are_ui_strings_to_check():
    assert len(ui_strings()) > 100


def test_every_ui_string_has_a_dutch_translation():
    translated = catalogue()
    missing = []
    for msgid, (*ids, filename) in ui_strings().items():
        entry = translated.get(msgid)
        if entry is None or entry[2] or not all(entry[1]) or list(entry[0]) != ids:
            missing.append(f"{filename}: {msgid!r}")
    assert not missing, ("strings without a Dutch translation (run `python scripts/i18n.py "
                         "update`, translate fanjournal/locale/nl/LC_MESSAGES/fan.po, then "
                         "`python scripts/i18n.py compile`):\n" + "\n".join(missing))


def test_translations_keep_every_placeholder():
    wrong = []
    for msgid, (ids, strings, _fuzzy) in catalogue().items():
        for index, translated in enumerate(strings):
            source = ids[min(index, len(ids) - 1)]
            if translated and fields(translated) != fields(source):
                wrong.append(f"{msgid!r}: {fields(source)} became {fields(translated)}")
    assert not wrong, "\n".join(wrong)


def test_translations_keep_the_rich_markup_of_help_texts():
    markup = re.compile(r"\[/?(?:bold|italic|dim|b|i|u)\]")
    wrong = [msgid for msgid, (ids, strings, _fuzzy) in catalogue().items()
             for index, translated in enumerate(strings)
             if translated and sorted(markup.findall(translated))
             != sorted(markup.findall(ids[min(index, len(ids) - 1)]))]
    assert not wrong, "\n".join(wrong)


def test_the_compiled_catalogue_matches_the_po_file():
    with PO.open("rb") as handle:
        po = read_po(handle)
    with MO.open("rb") as handle:
        mo = read_mo(handle)

    def plain(value):
        return tuple(value) if isinstance(value, list | tuple) else value

    expected = {plain(m.id): plain(m.string) for m in po if m.id and m.string and not m.fuzzy}
    compiled = {plain(m.id): plain(m.string) for m in mo if m.id}
    assert compiled == expected, "the .mo is out of date: run `python scripts/i18n.py compile`"


def test_the_catalogue_declares_dutch_plurals():
    with PO.open("rb") as handle:
        po = read_po(handle)
    assert str(po.locale) == "nl"
    assert po.plural_forms == "nplurals=2; plural=(n != 1);"


def test_fields_helper_reads_conversions():
    assert fields("{id!r} and {n} of {n}") == ["id!r", "n", "n"]


# --- the TOML data: the same shape in both languages


def data(kind: str, language: str) -> dict:
    return templates.shipped_document(kind, language)


def test_nee_situations_exist_in_both_languages_with_the_same_placeholders():
    en, nl = data("nee", "en")["situations"], data("nee", "nl")["situations"]
    assert list(en) == list(nl)
    assert len(en) >= 12
    for situation in en:
        assert len(en[situation]["but"]) == len(nl[situation]["but"]), situation
        pairs = [(en[situation]["no"], nl[situation]["no"]),
                 *zip(en[situation]["but"], nl[situation]["but"], strict=True)]
        for english, dutch in pairs:
            assert sorted(templates.placeholders_in(english)) == \
                sorted(templates.placeholders_in(dutch)), (situation, english, dutch)
        for key in ("title", "no"):
            assert en[situation][key].strip() and nl[situation][key].strip()


def test_every_placeholder_is_described_in_both_languages():
    for language in ("en", "nl"):
        loaded = templates.shipped(language)
        used = templates.placeholders_in(t for s in loaded.situations for t in s.texts)
        assert set(used) == set(loaded.placeholders), language


def test_placeholder_words_are_distinct_in_each_language():
    en, nl = templates.shipped("en"), templates.shipped("nl")
    assert set(en.placeholders) == set(nl.placeholders)
    for loaded in (en, nl):
        words = [loaded.local(name) for name in loaded.placeholders]
        assert len(words) == len(set(words)), loaded.language
        for word in words:  # a local word never means a different placeholder elsewhere
            assert loaded.canonical(word) in loaded.placeholders
            assert word not in loaded.placeholders or loaded.local(word) == word


def test_every_template_has_a_no_and_at_least_one_but():
    for language in ("en", "nl"):
        for situation in templates.shipped(language).situations:
            assert situation.no and situation.but, (language, situation.id)


def test_situation_words_are_unique_within_each_language():
    for language in ("en", "nl"):
        words = [w for s in templates.shipped(language).situations for w in s.words]
        assert len(words) == len(set(words)), language


def test_ideas_exist_in_both_languages_in_the_same_groups_and_numbers():
    en, nl = data("ideas", "en")["groups"], data("ideas", "nl")["groups"]
    assert list(en) == list(nl)
    for group in en:
        assert len(en[group]["ideas"]) == len(nl[group]["ideas"]), group
    assert sum(len(g["ideas"]) for g in en.values()) >= 40
    assert len(en) >= 5


def test_coaching_exists_for_every_moment_in_both_languages():
    for language in ("en", "nl"):
        assert [c.moment for c in coaching.coaching(language)] == list(MOMENTS)
    for english, dutch in zip(coaching.coaching("en"), coaching.coaching("nl"), strict=True):
        assert len(english.steps) == len(dutch.steps), english.moment
        assert english.steps and english.afterwards and english.answer
        assert dutch.steps and dutch.afterwards and dutch.answer
    assert set(data("coach", "en")["moments"]) == set(MOMENTS)
    assert set(data("coach", "nl")["moments"]) == set(MOMENTS)


def test_the_idea_of_the_day_is_the_same_idea_in_both_languages():
    import datetime as dt

    en = templates.all_ideas(templates.shipped("en"))
    nl = templates.all_ideas(templates.shipped("nl"))
    for offset in range(60):
        day = dt.date(2026, 11, 1) + dt.timedelta(days=offset)
        assert templates.idea_of_the_day(en, day).key == templates.idea_of_the_day(nl, day).key


# --- choosing the language


def test_language_from_config_from_locale_and_the_default(fan, monkeypatch):
    assert i18n.language() == "en"
    monkeypatch.setenv("LANG", "nl_NL.UTF-8")
    i18n.reset()
    assert i18n.language() == "nl"
    monkeypatch.setenv("LANG", "fr_FR.UTF-8")
    i18n.reset()
    assert i18n.language() == "en"
    fan("config", "set", "language", "nl")
    i18n.reset()
    assert i18n.language() == "nl"


def test_config_language_wins_over_the_locale(fan, monkeypatch):
    monkeypatch.setenv("LANG", "nl_NL.UTF-8")
    fan("config", "set", "language", "en")
    assert fan("idea").stdout.startswith("Your idea for today:")


# --- every command of this area, end to end, in both languages

DUTCH_AND_ENGLISH = [
    (("nee",), '"Nee, maar…": kies de situatie', '"No, but…": pick the situation'),
    (("nee", "price"), "prijs — De klant vraagt om een lagere prijs of korting",
     "price — The customer asks for a lower price or a discount"),
    (("nee", "--search", "koerier"), "bezorgen — ", None),
    (("nee", "--search", "courier"), None, "delivery — "),
    (("coach",), "De momenten om een fan te maken:", "The moments to make a fan:"),
    (("coach", "klacht"), "Vraag: \"Wat hadden we beter kunnen doen?\"",
     "Ask: \"What could we have done better?\""),
    (("coach", "zomaar"), "\"Nergens aan: zomaar!\"", "\"Nothing at all: just because!\""),
    (("idea",), "Jouw idee voor vandaag:", "Your idea for today:"),
    (("idea", "--another"), "Een ander idee:", "Another idea:"),
    (("idea", "--all"), "Even bellen om te vragen hoe het gaat",
     "A call just to ask how it's going"),
]


@pytest.mark.parametrize(("args", "dutch", "english"), DUTCH_AND_ENGLISH)
def test_commands_speak_dutch_with_config_language_nl(fan, args, dutch, english):
    if english:
        assert english in " ".join(fan(*args).stdout.split())
    fan("config", "set", "language", "nl")
    if dutch:
        assert dutch in " ".join(fan(*args).stdout.split())


@pytest.mark.parametrize(("args", "dutch", "english"), DUTCH_AND_ENGLISH)
def test_commands_speak_dutch_with_a_dutch_locale(fan, monkeypatch, args, dutch, english):
    monkeypatch.setenv("LANG", "nl_NL.UTF-8")
    if dutch:
        assert dutch in " ".join(fan(*args).stdout.split())


def test_dutch_situation_words_and_english_ids_both_work_in_dutch(fan):
    fan("config", "set", "language", "nl")
    for typed in ("prijs", "korting", "price", "gar"):
        result = fan("nee", typed)
        assert result.exit_code == 0, (typed, result)
    assert fan("nee", "gar").stdout.startswith("garantie — De garantie is verlopen")


def test_nee_log_and_errors_in_dutch(fan):
    fan("config", "set", "language", "nl")
    result = fan("nee", "prijs", "--log", "-c", "Anna")
    assert result.stdout.endswith("2026-001 toegevoegd — 1 fan vandaag.\n")
    assert "Het spijt me, Anna, ik kan de prijs" in result.stdout
    listed = fan("list", "--format", "json").stdout
    assert "Nee, maar… — De klant vraagt om een lagere prijs of korting" in listed
    error = fan("nee", "parkeren")
    assert error.stderr == "fan: onbekende situatie 'parkeren'; bekijk de lijst met: fan nee\n"
    assert fan("nee", "prijs", "--fill", "klant").stderr.startswith(
        "fan: --fill neemt naam=waarde")


def test_dutch_in_a_real_process_from_the_locale(fan_process):
    result = fan_process("coach", "vraag", env={"LANG": "nl_NL.UTF-8", "LC_ALL": ""})
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("vraag — Als een klant een vraag of een probleem heeft")
    assert "Noteer het: fan add" in result.stdout
