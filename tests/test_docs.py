"""The README documents every command, and CI runs exactly the README's test command."""

import re
from pathlib import Path

import pytest
import typer

from fanjournal.cli import app

ROOT = Path(__file__).parent.parent
README = (ROOT / "README.md").read_text()


def commands():
    group = typer.main.get_command(app)

    def walk(command, path):
        subcommands = getattr(command, "commands", None)
        if subcommands:
            for name, sub in subcommands.items():
                yield from walk(sub, [*path, name])
        else:
            yield path, command

    return list(walk(group, []))


def test_there_are_commands():
    names = {" ".join(path) for path, _ in commands()}
    assert {"add", "list", "show", "edit", "rm", "config set"} <= names


@pytest.mark.parametrize("path", [" ".join(p) for p, _ in commands()])
def test_every_command_has_help_and_is_in_the_readme(fan, path):
    result = fan(*path.split(), "--help")
    assert result.exit_code == 0, result
    command = {" ".join(p): c for p, c in commands()}[path]
    assert (command.help or "").strip(), f"fan {path} has no help text"
    group = path.split()[0]
    assert re.search(rf"fan {re.escape(group)}\b", README), f"fan {group} is not in README.md"


def test_ci_runs_the_readme_test_command():
    quick_start = README.split("## Quick start", 1)[1].split("\n## ", 1)[0]
    blocks = re.findall(r"```sh\n(.*?)\n```", quick_start, re.S)
    assert len(blocks) == 2, "the Quick start has two commands"
    ci = (ROOT / ".ci" / "run").read_text()
    assert blocks[1].strip() in ci.splitlines()
    assert "pip install ." in blocks[0] and "fan add" in blocks[0]


def test_changelog_has_an_unreleased_section():
    assert "## [Unreleased]" in (ROOT / "CHANGELOG.md").read_text()


def _helps(language: str) -> dict[str, str]:
    import json
    import os
    import subprocess
    import sys

    script = (
        "import json, typer\n"
        "from fanjournal.cli import app\n"
        "def walk(c, p):\n"
        "    subs = getattr(c, 'commands', None)\n"
        "    out = {' '.join(p): c.help or ''}\n"
        "    for n, s in (subs or {}).items(): out.update(walk(s, [*p, n]))\n"
        "    return out\n"
        "print(json.dumps(walk(typer.main.get_command(app), [])))\n"
    )
    env = {**os.environ, "LANG": f"{language}.UTF-8"}
    done = subprocess.run([sys.executable, "-c", script], env=env, capture_output=True,
                          text=True, check=True)
    return json.loads(done.stdout)


def test_every_command_help_is_translated():
    english, dutch = _helps("en_GB"), _helps("nl_NL")
    assert english.keys() == dutch.keys()
    same = [name for name in english if english[name] and english[name] == dutch[name]]
    assert not same, f"help text not translated for: {same}"
