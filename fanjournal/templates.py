""""Nee, maar…" templates and "zomaar" ideas: the shipped TOML per language, the user's own
templates.toml on top, placeholder filling, search and the idea of the day.

Placeholders are plain `{name}` words replaced by a regular expression; nothing in a template or
a value is ever evaluated or formatted, so a template can neither reach attributes nor run code,
and a filled-in value is never filled again.
"""

import datetime as dt
import hashlib
import re
import tomllib
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from functools import cache
from pathlib import Path
from typing import Any

from fanjournal.errors import FanError
from fanjournal.i18n import LANGUAGES, _

DATA_DIR = Path(__file__).parent / "data"
USER_FILE = "templates.toml"

PLACEHOLDER = re.compile(r"\{([A-Za-z_][A-Za-z0-9_]*)\}")
_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
_SITUATION_FIELDS = ("name", "aliases", "title", "no", "but")
_GROUP_FIELDS = ("title", "ideas")
_USER_TABLES = ("situations", "ideas", "placeholders")


@dataclass(frozen=True)
class Situation:
    """One situation where you must say no: the no, and what you can offer instead."""

    id: str
    name: str
    title: str
    no: str
    but: tuple[str, ...]
    aliases: tuple[str, ...] = ()
    own: bool = False  # comes from (or was changed by) the user's templates.toml

    @property
    def texts(self) -> tuple[str, ...]:
        return (self.no, *self.but)

    @property
    def words(self) -> tuple[str, ...]:
        """Every word that finds this situation: the id, its name and its aliases."""
        return tuple(dict.fromkeys((self.id, self.name, *self.aliases)))


@dataclass(frozen=True)
class IdeaGroup:
    id: str
    title: str
    ideas: tuple[str, ...]


@dataclass(frozen=True)
class Idea:
    group: str
    group_title: str
    index: int
    text: str

    @property
    def key(self) -> str:
        """The same for this idea in every language: its group and its place in it."""
        return f"{self.group}/{self.index}"


@dataclass(frozen=True)
class Placeholder:
    """How a placeholder shows in one language: its word there, and what to fill in."""

    name: str
    description: str


@dataclass(frozen=True)
class Templates:
    """What `fan nee` and `fan idea` work with, in one language."""

    language: str
    situations: tuple[Situation, ...]
    placeholders: Mapping[str, Placeholder]  # the name used in every language -> its local form
    groups: tuple[IdeaGroup, ...]
    user_path: Path
    problem: str | None = None  # why the user's file was left out, in one line

    def canonical(self, name: str) -> str:
        """The name a placeholder has in every language, for its local word ({klant} → customer)."""
        if name in self.placeholders:
            return name
        for key, placeholder in self.placeholders.items():
            if placeholder.name == name:
                return key
        return name

    def local(self, name: str) -> str:
        """The word for a placeholder in this language (customer → klant in Dutch)."""
        placeholder = self.placeholders.get(name)
        return placeholder.name if placeholder else name

    def describe(self, name: str) -> str:
        placeholder = self.placeholders.get(name)
        return placeholder.description if placeholder else name

    def used(self, situations: Iterable[Situation]) -> list[str]:
        """The placeholders (their names in every language) of `situations`, in order."""
        names = (self.canonical(n) for n in placeholders_in(t for s in situations
                                                              for t in s.texts))
        return list(dict.fromkeys(names))

    def filled(self, situation: Situation, values: Mapping[str, str]) -> Situation:
        """`situation` with `values` (by name in every language) filled in; what is still open
        shows with its word in this language."""
        return fill_situation(situation, values, self.canonical, self.local)


class TemplateError(ValueError):
    """A template file that does not validate: the problem and, when known, its line."""

    def __init__(self, problem: str, line: int | None = None) -> None:
        super().__init__(problem)
        self.problem = problem
        self.line = line


# --- placeholders: pure functions


def placeholders_in(texts: str | Iterable[str]) -> list[str]:
    """The placeholder names in `texts`, each once, in order of first appearance."""
    if isinstance(texts, str):
        texts = [texts]
    names: dict[str, None] = {}
    for text in texts:
        for match in PLACEHOLDER.finditer(text):
            names.setdefault(match.group(1), None)
    return list(names)


def _same(name: str) -> str:
    return name


def fill(text: str, values: Mapping[str, str], key: Callable[[str], str] = _same,
         shown: Callable[[str], str] = _same) -> str:
    """`text` with each `{name}` that has a non-empty value replaced; the rest stay open.

    `key` maps a name in the text to the name in `values`; an open one is written
    `{shown(key)}`. One pass with re.sub: a value that itself contains `{name}` is not filled
    again.
    """

    def value_of(match: re.Match[str]) -> str:
        name = key(match.group(1))
        value = values.get(name)
        return value if value else "{" + shown(name) + "}"

    return PLACEHOLDER.sub(value_of, text)


def fill_situation(situation: Situation, values: Mapping[str, str],
                   key: Callable[[str], str] = _same,
                   shown: Callable[[str], str] = _same) -> Situation:
    return replace(situation, no=fill(situation.no, values, key, shown),
                   but=tuple(fill(text, values, key, shown) for text in situation.but))


def parse_fill(items: Sequence[str]) -> dict[str, str]:
    """`--fill name=value` options as a dict; FanError (exit 2) for anything else."""
    values: dict[str, str] = {}
    for item in items:
        name, equals, value = item.partition("=")
        name = name.strip().strip("{}")
        if not equals or not _NAME.fullmatch(name):
            raise FanError.usage(_("--fill takes name=value, such as --fill customer=Anna, not "
                                   "{item!r}").format(item=item))
        values[name] = value.strip()
    return values


# --- situations: finding and searching (pure)


def word(text: str) -> str:
    """How a typed situation word is compared: lower case, spaces and underscores as hyphens."""
    return "-".join(text.strip().lower().replace("_", " ").split())


def find_situation(templates: Templates, typed: str) -> Situation:
    """The situation an id, name, alias or unique beginning of one of them means."""
    wanted = word(typed)
    if wanted:
        for situation in templates.situations:
            if wanted in situation.words:
                return situation
        matches = [s for s in templates.situations
                   if any(w.startswith(wanted) for w in s.words)]
        if len(matches) == 1:
            return matches[0]
        if matches:
            raise FanError.usage(_("{typed!r} fits more than one situation: {names}").format(
                typed=typed, names=", ".join(s.name for s in matches)))
    if templates.problem:  # it may be one of your own: the broken file stops the command
        raise FanError(_("unknown situation {typed!r}, and your own templates were left out: "
                         "{problem}").format(typed=typed, problem=templates.problem))
    raise FanError.usage(_("unknown situation {typed!r}; see the list with: fan nee").format(
        typed=typed))


def search(templates: Templates, text: str) -> list[Situation]:
    """Situations with `text` (any case) in a title, a no, a but, or a word that finds them."""
    needle = text.strip().casefold()
    if not needle:
        raise FanError.usage(_("--search needs a word to look for"))
    return [s for s in templates.situations
            if needle in " ".join((s.title, *s.texts, *s.words)).casefold()]


# --- ideas (pure)


def all_ideas(templates: Templates) -> list[Idea]:
    return [Idea(group.id, group.title, index, text)
            for group in templates.groups for index, text in enumerate(group.ideas)]


def _shuffled(ideas: Sequence[Idea], cycle: int) -> list[Idea]:
    # sha256, not hash(): the same order in every run, on every machine, in every language
    return sorted(ideas, key=lambda idea: hashlib.sha256(
        f"{cycle}:{idea.key}".encode()).hexdigest())


def idea_of_the_day(ideas: Sequence[Idea], day: dt.date) -> Idea:
    """The same idea all day. Days walk through a shuffled list, so in any run of len(ideas)
    days starting at a multiple of it, no idea comes twice."""
    if not ideas:
        raise FanError(_("there are no ideas to choose from"))
    cycle, position = divmod(day.toordinal(), len(ideas))
    return _shuffled(ideas, cycle)[position]


def another_idea(ideas: Sequence[Idea], day: dt.date, pick: int) -> Idea:
    """An idea other than today's; `pick` is any whole number (a random one from the caller)."""
    todays = idea_of_the_day(ideas, day)
    others = [idea for idea in ideas if idea.key != todays.key]
    if not others:
        return todays
    return others[pick % len(others)]


# --- reading and validating template files


def _line_of(source: str, table: str, name: str, key: str | None = None) -> int | None:
    """The line of `[table.name]` in `source`, or of `key = …` inside it (best effort)."""
    header = re.compile(r"\s*\[\s*" + re.escape(table) + r"\s*\.\s*(\"|')?" + re.escape(name)
                        + r"(\"|')?\s*\]\s*(#.*)?$")
    any_header = re.compile(r"\s*\[")
    key_line = re.compile(r"\s*(\"|')?" + re.escape(key or "") + r"(\"|')?\s*=") if key else None
    found = None
    for number, line in enumerate(source.splitlines(), start=1):
        if found is None:
            if header.match(line):
                found = number
                if key_line is None:
                    return found
        elif any_header.match(line):
            break
        elif key_line is not None and key_line.match(line):
            return number
    return found


def _text(value: Any, what: str) -> str:
    if not isinstance(value, str) or not value.strip():
        raise ValueError(_("{what} must be text").format(what=what))
    return value.strip()


def _texts(value: Any, what: str) -> tuple[str, ...]:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not value:
        raise ValueError(_("{what} must be a list of texts, such as [\"…\", \"…\"]").format(
            what=what))
    return tuple(_text(item, what) for item in value)


def _words(value: Any, what: str) -> tuple[str, ...]:
    texts = _texts(value, what)
    words = tuple(word(text) for text in texts)
    if not all(words):
        raise ValueError(_("{what} must be a list of texts, such as [\"…\", \"…\"]").format(
            what=what))
    return words


def _table(value: Any, what: str) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise ValueError(_("{what} must be a table").format(what=what))
    return value


def _situations(document: dict[str, Any], source: str, base: Mapping[str, Situation],
                own: bool) -> dict[str, Situation]:
    """The [situations.ID] tables of one file, merged over `base` field by field."""
    result = dict(base)
    try:
        tables = _table(document.get("situations", {}), "[situations]")
    except ValueError as error:
        raise TemplateError(str(error), _first_line(source, "situations")) from None
    for raw_id, fields in tables.items():
        situation_id = word(raw_id)

        def where(key: str | None = None, raw: str = raw_id) -> int | None:
            return _line_of(source, "situations", raw, key)

        old = base.get(situation_id)
        _check_situation(raw_id, fields, old is None, where)
        checked = _situation_fields(raw_id, fields, where)
        if old is None:
            old = Situation(id=situation_id, name=situation_id, title=situation_id, no="",
                            but=())
        result[situation_id] = replace(old, own=own, **checked)
    return result


def _check_situation(raw_id: str, fields: Any, new: bool,
                     where: Callable[..., int | None]) -> None:
    """Refuse a situation without a name, that is not a table, with an unknown key or, when it
    is `new`, without the words every situation needs."""
    if not word(raw_id):
        raise TemplateError(_("a situation needs a name, such as [situations.parking]"),
                            where())
    if not isinstance(fields, dict):
        raise TemplateError(_("situation {id!r} must be a table, such as "
                              "[situations.{id}]").format(id=raw_id), where())
    for key in fields:
        if key not in _SITUATION_FIELDS:
            raise TemplateError(_("situation {id!r}: unknown key {key!r}; use {keys}").format(
                id=raw_id, key=key, keys=", ".join(_SITUATION_FIELDS)), where(key))
    if new:
        for key in ("no", "but"):
            if key not in fields:
                raise TemplateError(_("situation {id!r} needs {key!r}").format(
                    id=raw_id, key=key), where())


def _situation_fields(raw_id: str, fields: dict[str, Any],
                      where: Callable[..., int | None]) -> dict[str, Any]:
    """The fields of [situations.ID], each read as its kind of value (the others are words)."""
    situation_id = word(raw_id)

    def name(value: Any, what: str) -> str:  # an empty name falls back to the id
        return word(_text(value, what)) or situation_id

    read: dict[str, Callable[[Any, str], Any]] = {
        "no": _text, "title": _text, "but": _texts, "name": name}
    checked: dict[str, Any] = {}
    try:
        for key, value in fields.items():
            parse: Callable[[Any, str], Any] = read.get(key, _words)
            checked[key] = parse(value, f"situations.{raw_id}.{key}")
    except ValueError as error:
        raise TemplateError(str(error), where(key)) from None
    return checked


def _groups(document: dict[str, Any], source: str, base: Sequence[IdeaGroup],
            table: str) -> list[IdeaGroup]:
    """The idea groups of one file; ideas in a group that already exists are added to it."""
    result = {group.id: group for group in base}
    try:
        tables = _table(document.get(table, {}), f"[{table}]")
    except ValueError as error:
        raise TemplateError(str(error), _first_line(source, table)) from None
    for raw_id, fields in tables.items():
        group_id = word(raw_id)

        def where(key: str | None = None, raw: str = raw_id) -> int | None:
            return _line_of(source, table, raw, key)

        if not group_id or not isinstance(fields, dict):
            raise TemplateError(_("idea group {id!r} must be a table, such as [{table}.{id}] "
                                  "with ideas = [\"…\"]").format(id=raw_id, table=table), where())
        for key in fields:
            if key not in _GROUP_FIELDS:
                raise TemplateError(_("idea group {id!r}: unknown key {key!r}; use {keys}")
                                    .format(id=raw_id, key=key, keys=", ".join(_GROUP_FIELDS)),
                                    where(key))
        if "ideas" not in fields:
            raise TemplateError(_("idea group {id!r} needs 'ideas'").format(id=raw_id), where())
        key = "ideas"
        try:
            ideas = _texts(fields["ideas"], f"{table}.{raw_id}.ideas")
            key = "title"
            title = _text(fields["title"], f"{table}.{raw_id}.title") if "title" in fields \
                else None
        except ValueError as error:
            raise TemplateError(str(error), where(key)) from None
        old = result.get(group_id)
        if old is None:
            result[group_id] = IdeaGroup(group_id, title or raw_id, ideas)
        else:
            result[group_id] = IdeaGroup(group_id, title or old.title, old.ideas + ideas)
    return list(result.values())


def _placeholders(document: dict[str, Any], source: str) -> dict[str, Placeholder]:
    try:
        table = _table(document.get("placeholders", {}), "[placeholders]")
    except ValueError as error:
        raise TemplateError(str(error), _first_line(source, "placeholders")) from None
    result = {}
    for name, value in table.items():
        line = None
        for number, text in enumerate(source.splitlines(), start=1):
            if re.match(r"\s*(\"|')?" + re.escape(name) + r"(\"|')?\s*=", text):
                line = number
                break
        if not _NAME.fullmatch(name):
            raise TemplateError(_("{name!r} cannot be a placeholder name; use letters, digits "
                                  "and _").format(name=name), line)
        try:
            if isinstance(value, dict):  # { name = "klant", description = "…" }
                unknown = set(value) - {"name", "description"}
                if unknown:
                    raise ValueError(_("placeholders.{name}: unknown key {key!r}; use name, "
                                       "description").format(name=name, key=min(unknown)))
                local = _text(value.get("name", name), f"placeholders.{name}.name")
                if not _NAME.fullmatch(local):
                    raise ValueError(_("{name!r} cannot be a placeholder name; use letters, "
                                       "digits and _").format(name=local))
                about = _text(value.get("description", local),
                              f"placeholders.{name}.description")
                result[name] = Placeholder(local, about)
            else:
                result[name] = Placeholder(name, _text(value, f"placeholders.{name}"))
        except ValueError as error:
            raise TemplateError(str(error), line) from None
    return result


def _parse_toml(source: str) -> dict[str, Any]:
    try:
        return tomllib.loads(source)
    except tomllib.TOMLDecodeError as error:
        message = str(error)
        found = re.search(r"\s*\(at (?:line (\d+), column \d+|end of document)\)$", message)
        line = None
        if found:  # at the end of the document: the last line, where the file stopped short
            line = int(found.group(1)) if found.group(1) else max(len(source.splitlines()), 1)
        problem = message[:found.start()] if found else message
        raise TemplateError(_("not valid TOML: {problem}").format(problem=problem), line) \
            from None


@cache
def _shipped_document(kind: str, language: str) -> tuple[str, dict[str, Any]]:
    path = DATA_DIR / f"{kind}.{language}.toml"
    source = path.read_text(encoding="utf-8")
    return source, _parse_toml(source)


def shipped_document(kind: str, language: str) -> dict[str, Any]:
    """A shipped data file (nee, coach or ideas) in `language`, English if there is none."""
    if language not in LANGUAGES:
        language = "en"
    return _shipped_document(kind, language)[1]


@cache
def shipped(language: str) -> Templates:
    """The shipped situations, placeholders and ideas in `language`."""
    if language not in LANGUAGES:
        language = "en"
    source, document = _shipped_document("nee", language)
    situations = _situations(document, source, {}, own=False)
    placeholders = _placeholders(document, source)
    idea_source, idea_document = _shipped_document("ideas", language)
    groups = _groups(idea_document, idea_source, (), "groups")
    return Templates(language, tuple(situations.values()), placeholders, tuple(groups),
                     Path(USER_FILE))


def merge_user(base: Templates, source: str) -> Templates:
    """`base` with a user's templates.toml (its text) on top; TemplateError if it is broken."""
    document = _parse_toml(source)
    for key in document:
        if key not in _USER_TABLES:
            raise TemplateError(
                _("unknown table {key!r}; use [situations.NAME], [ideas.GROUP] or "
                  "[placeholders]").format(key=key), _first_line(source, key))
    current = {s.id: s for s in base.situations}
    situations = _situations(document, source, current, own=True)
    groups = _groups(document, source, base.groups, "ideas")
    placeholders = dict(base.placeholders)
    for name, placeholder in _placeholders(document, source).items():
        shipped_form = placeholders.get(name)
        if shipped_form is not None and placeholder.name == name:  # only a new description
            placeholder = Placeholder(shipped_form.name, placeholder.description)
        placeholders[name] = placeholder
    return replace(base, situations=tuple(situations.values()), groups=tuple(groups),
                   placeholders=placeholders)


def _first_line(source: str, key: str) -> int | None:
    pattern = re.compile(r"\s*\[*\s*(\"|')?" + re.escape(key) + r"(\"|')?\s*[.=\]]")
    for number, line in enumerate(source.splitlines(), start=1):
        if pattern.match(line):
            return number
    return None


def problem_line(path: Path, error: TemplateError) -> str:
    if error.line is None:
        return _("{path}: {problem}").format(path=path, problem=error.problem)
    return _("{path}, line {line}: {problem}").format(path=path, line=error.line,
                                                      problem=error.problem)


def with_user_file(language: str, path: Path, source: str | None,
                   problem: str | None = None) -> Templates:
    """Shipped templates in `language` with the user's file (its text `source`, None when there
    is none) on top.

    A broken user file does not stop the shipped templates: they are returned with `problem`
    set to one line naming the file, the line and what is wrong.
    """
    base = replace(shipped(language), user_path=path, problem=problem)
    if source is None or problem is not None:
        return base
    try:
        return merge_user(base, source)
    except TemplateError as error:
        return replace(base, problem=problem_line(path, error))
