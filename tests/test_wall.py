"""The stories wall: cards, valid self-contained HTML, Markdown, and --anonymize."""

import datetime as dt
import json
import re
import stat
from html.parser import HTMLParser

import pytest
from hypothesis import given
from hypothesis import strategies as st

from fanjournal.entries import _NAME_FILLERS, anonymize
from fanjournal.model import Entry

from .conftest import assert_clean_error

NASTY = 'Fixed <script>alert("x")</script> & [link](http://evil) *now* | done'


@pytest.fixture
def stories(fan):
    """Three stories, one ordinary fan, and names that also appear inside the texts."""
    fan("add", "Drove the spare part to Anna's shop on a Saturday", "-c", "Anna de Vries",
        "--gold", "--quote", "You saved our weekend, we will tell everyone!", "-m", "klacht",
        "-d", "2026-11-18", "-t", "repair")
    fan("add", "Told Bram where to get it cheaper, and walked him there", "-c", "Bram Bakker",
        "--peak", "-m", "nee-maar", "-d", "2026-10-02")
    fan("add", NASTY, "-c", "O'Brien & Sons <b>", "--gold", "--peak",
        "--quote", "Anna told us about you.\nThank you!", "-d", "2026-11-19")
    fan("add", "An ordinary good day", "-c", "Cees")
    return fan


def test_cards_newest_first_with_quote(stories):
    result = stories("wall")
    assert result.exit_code == 0
    out = result.stdout
    assert out.startswith("Golden stories · 3 stories")
    assert out.index("19 November 2026") < out.index("18 November 2026") < out.index(
        "2 October 2026")
    assert "“You saved our weekend, we will tell everyone!”" in out
    assert "ordinary" not in out
    assert "<script>" in out  # shown as typed: Rich never reads data as markup


@pytest.mark.parametrize(("args", "ids"), [
    (("--gold",), ["2026-003", "2026-001"]),
    (("--peak",), ["2026-003", "2026-002"]),
    (("--month", "2026-10"), ["2026-002"]),
    (("--tag", "repair"), ["2026-001"]),
    (("--customer", "bram"), ["2026-002"]),
    (("--from", "2026-11-19"), ["2026-003"]),
])
def test_filters(stories, args, ids):
    data = json.loads(stories("wall", *args, "--format", "json").stdout)
    assert [s["id"] for s in data["stories"]] == ids


def test_empty_wall_says_how_to_start(fan, tmp_path):
    fan("add", "Nothing golden yet")
    result = fan("wall")
    assert result.exit_code == 0
    assert "fan add \"what you did\" --gold --quote" in result.stdout
    target = tmp_path / "wall.html"
    result = fan("wall", "--export", str(target))
    assert result.exit_code == 0 and "Nothing was written" in result.stdout
    assert not target.exists()


class Structure(HTMLParser):
    """Checks nesting while collecting what the tests look at."""

    VOID = {"meta", "br", "link", "img", "hr", "input"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.problems: list[str] = []
        self.tags: list[str] = []
        self.cards: list[list[str]] = []  # text of each <article>
        self.doctype = ""
        self.attrs: list[tuple[str, str | None]] = []

    def handle_decl(self, decl: str) -> None:
        self.doctype = decl

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        self.attrs += attrs
        if tag == "article":
            self.cards.append([])
        if tag not in self.VOID:
            self.stack.append(tag)

    def handle_endtag(self, tag):
        if not self.stack or self.stack[-1] != tag:
            self.problems.append(f"</{tag}> closes {self.stack[-1:]}")
        else:
            self.stack.pop()

    def handle_data(self, data):
        if "article" in self.stack and self.cards:
            self.cards[-1].append(data)


def parse(text: str) -> Structure:
    parser = Structure()
    parser.feed(text)
    parser.close()
    return parser


def test_html_export_is_valid_self_contained_and_escaped(stories, tmp_path):
    target = tmp_path / "wall.html"
    result = stories("wall", "--export", str(target))
    assert result.stdout == f"Wrote 3 stories to {target}.\n"
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    text = target.read_text()
    page = parse(text)
    assert page.doctype.lower() == "doctype html"
    assert page.problems == [] and page.stack == []
    assert page.tags[:2] == ["html", "head"]
    assert page.tags.count("article") == 3 and page.tags.count("h1") == 1
    assert {"title", "style", "body", "main", "blockquote", "time"} <= set(page.tags)
    # data is escaped: the only tags are ours, and the text reads back exactly as typed
    assert "script" not in page.tags and "b" not in page.tags
    first = "".join(page.cards[0])
    assert NASTY in first
    assert "O'Brien & Sons <b>" in first
    assert "Anna told us about you." in first and "Thank you!" in first
    assert "<br>" in text  # the quote's line break is kept
    # newest first, one card per story
    assert [re.search(r"\d+ \w+ 2026", "".join(c)).group(0) for c in page.cards] == [
        "19 November 2026", "18 November 2026", "2 October 2026"]
    # no external assets: nothing to fetch, nothing to run
    for needle in ("http://evil\"", "src=", "<link", "@import", "url(", "<script"):
        assert needle not in text
    assert all(not (value or "").startswith(("http", "//")) for _, value in page.attrs)
    # printable: print CSS with one card per page
    assert "@media print" in text and "break-after: page" in text and "@page" in text


def test_markdown_export_escapes_data(stories, tmp_path):
    target = tmp_path / "wall.md"
    assert stories("wall", "--export", str(target)).exit_code == 0
    text = target.read_text()
    assert text.startswith("# Golden stories\n")
    assert text.count("\n## ") == 3
    assert "\\<script\\>" in text and "\\[link\\]\\(http://evil\\)" in text
    assert "\\*now\\*" in text and "\\|" in text
    assert "> “You saved our weekend, we will tell everyone\\!”" in text
    assert stories("wall", "--format", "markdown").stdout == text


NAMES = ("Anna", "Vries", "Bram", "Bakker", "O'Brien", "Cees")


@pytest.mark.parametrize("fmt", ["cards", "html", "markdown", "json"])
def test_anonymize_leaves_no_name_anywhere(stories, fmt):
    out = stories("wall", "--anonymize", "--format", fmt).stdout
    for name in NAMES:
        assert name not in out, (name, out)
    assert "Customer 1" in out
    assert "Customer 2" in out


def test_anonymize_in_an_exported_file(stories, tmp_path):
    for name in ("wall.html", "wall.md"):
        target = tmp_path / name
        assert stories("wall", "--anonymize", "--customer", "anna", "--export",
                       str(target)).exit_code == 0
        text = target.read_text()
        for customer in NAMES:
            assert customer not in text
        assert "names replaced" in text


def test_anonymize_also_scrubs_customers_not_on_the_wall():
    now = dt.datetime(2026, 11, 20, 9).astimezone()
    story = Entry("2026-001", dt.date(2026, 11, 20), now, "Cees sent us to ANNA de vries",
                  customer="Bram", quote="thanks to Cees", gold=True)
    scrubbed = anonymize([story], known=["Cees", "Anna de Vries"])[0]
    assert (scrubbed.customer, scrubbed.text, scrubbed.quote) == (
        "Customer 1", "Customer 2 sent us to Customer 3", "thanks to Customer 2")


def test_customer_numbers_stay_consecutive_whatever_the_spelling():
    now = dt.datetime(2026, 11, 20, 9).astimezone()
    found = anonymize([Entry(f"2026-00{n}", dt.date(2026, 11, 20), now, "x", customer=name)
                       for n, name in enumerate(["Straße", "Aaı", "STRASSE", "Bob"], 1)])
    assert [e.customer for e in found] == ["Customer 1", "Customer 2", "Customer 1",
                                           "Customer 3"]


names = st.text(alphabet="abcdefghijklmnopqrstuvwxyzéèëïöüçñåøæß", min_size=3,
                max_size=12).map(str.capitalize).filter(
                    lambda n: n[0].isupper() and n.casefold() not in _NAME_FILLERS
                    and n != "Customer")  # the label itself


@given(st.lists(st.tuples(names, names), min_size=1, max_size=5, unique=True),
       st.text(max_size=40))
def test_anonymized_names_never_survive(customers, filler):
    now = dt.datetime(2026, 11, 20, 9).astimezone()
    full_names = [f"{first} {last}" for first, last in customers]
    entries = [Entry(f"2026-{n + 1:03d}", dt.date(2026, 11, 20), now,
                     f"{filler} {name} and {name.split()[0]}. {filler}", customer=name,
                     quote=f"{name.upper()}!")
               for n, name in enumerate(full_names)]
    for entry in anonymize(entries):
        for first, last in customers:
            for word in (first, last, f"{first} {last}".upper()):
                assert not re.search(rf"(?<!\w){re.escape(word)}(?!\w)",
                                     " ".join([entry.customer or "", entry.text[len(filler):],
                                               entry.quote or ""]).replace(filler, "")), word


@pytest.mark.parametrize(("args", "code", "message"), [
    (("wall", "--export", "wall.pdf"), 2, "--export needs a file ending in .html or .md"),
    (("wall", "--format", "pdf"), 2, "unknown format 'pdf'"),
    (("wall", "--month", "2026-11", "--year", "2026"), 2, "choose one of"),
])
def test_bad_input(stories, args, code, message):
    assert_clean_error(stories(*args), code=code, message=message)


def test_export_into_a_missing_folder_is_refused(stories, tmp_path):
    target = tmp_path / "no-such-folder" / "wall.html"
    assert_clean_error(stories("wall", "--export", str(target)), code=1,
                       message="no folder")
    assert not target.parent.exists()


def test_quote_on_add_show_and_edit(fan):
    fan("add", "Helped", "--gold", "-q", "  Best service ever  ")
    assert "“Best service ever”" in fan("show", "2026-001").stdout
    fan("edit", "2026-001", "--quote", "Even better")
    assert json.loads(fan("show", "2026-001", "-f", "json").stdout)["quote"] == "Even better"
    fan("edit", "2026-001", "--clear", "quote")
    assert json.loads(fan("show", "2026-001", "-f", "json").stdout)["quote"] is None


def test_the_installed_script_runs_the_stories_commands(fan_process, tmp_path):
    target = tmp_path / "wall.html"
    added = fan_process("add", "Gold", "-c", "Anna", "--gold", "--quote", "Wow",
                        "--new-customer")
    assert added.returncode == 0, added
    for args in (["wall", "--anonymize", "--export", str(target)], ["nps"], ["budget"],
                 ["due", "--ahead", "3"]):
        result = fan_process(*args)
        assert result.returncode == 0 and not result.stderr, (args, result)
    assert "Anna" not in target.read_text()
