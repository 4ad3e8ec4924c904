"""Every test gets its own FAN_HOME, a fixed today, English, no colour and 80 columns."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from fanjournal import i18n
from fanjournal.cli import app

TODAY = "2026-11-20"  # a Friday in ISO week 47


@pytest.fixture(autouse=True)
def fan_home(tmp_path, monkeypatch):
    home = tmp_path / "fanhome"
    monkeypatch.setenv("FAN_HOME", str(home))
    monkeypatch.setenv("FAN_TODAY", TODAY)
    monkeypatch.setenv("COLUMNS", "80")
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.setenv("LANG", "C.UTF-8")
    for var in ("LC_ALL", "LC_MESSAGES", "VISUAL", "EDITOR", "FAN_DEBUG", "FAN_HOOK_DISABLE"):
        monkeypatch.delenv(var, raising=False)
    i18n.reset()
    yield home
    i18n.reset()


@pytest.fixture
def journal_dir(fan_home) -> Path:
    return fan_home / "journal"


class Result:
    def __init__(self, exit_code: int, stdout: str, stderr: str) -> None:
        self.exit_code = exit_code
        self.stdout = stdout
        self.stderr = stderr

    @property
    def output(self) -> str:
        return self.stdout + self.stderr

    def __repr__(self) -> str:
        return f"Result({self.exit_code}, stdout={self.stdout!r}, stderr={self.stderr!r})"


@pytest.fixture
def fan():
    """Run a fan command in-process: fan("add", "text", input=None) -> Result."""

    def run(*args: str, input: str | None = None) -> Result:
        i18n.reset()
        runner = CliRunner()
        result = runner.invoke(app, list(args), input=input, prog_name="fan")
        if result.exception and not isinstance(result.exception, SystemExit):
            raise result.exception
        return Result(result.exit_code, result.stdout, result.stderr)

    return run


def fan_executable() -> str:
    found = shutil.which("fan", path=str(Path(sys.executable).parent)) or shutil.which("fan")
    assert found, "the fan console script is not installed (pip install -e '.[test]')"
    return found


@pytest.fixture
def fan_process():
    """Run the installed `fan` script in a real process: fan_process(*args, input=...)."""

    def run(*args: str, input: str | None = None, env: dict | None = None,
            timeout: float = 60) -> subprocess.CompletedProcess:
        return subprocess.run(
            [fan_executable(), *args], input=input, capture_output=True, text=True,
            env={**os.environ, **(env or {})}, timeout=timeout,
            stdin=None if input is not None else subprocess.DEVNULL,
        )

    return run


def assert_clean_error(result, *, code=None, message=None):
    """One clear line on stderr, a non-zero exit and no traceback."""
    exit_code = getattr(result, "exit_code", getattr(result, "returncode", None))
    stderr = result.stderr
    assert exit_code not in (0, None), result
    if code is not None:
        assert exit_code == code, result
    assert "Traceback" not in stderr + result.stdout, result
    lines = [line for line in stderr.splitlines() if line.strip()]
    assert len(lines) == 1, result
    assert lines[0].startswith("fan: "), result
    if message is not None:
        assert message in lines[0], result


@pytest.fixture
def editor(tmp_path, monkeypatch):
    """An $EDITOR that applies a Python replacement to the file it is given."""

    def use(old: str, new: str, status: int = 0):
        script = tmp_path / "editor.py"
        script.write_text(
            "import sys, pathlib\n"
            "p = pathlib.Path(sys.argv[1])\n"
            f"p.write_text(p.read_text().replace({old!r}, {new!r}))\n"
            f"sys.exit({status})\n"
        )
        monkeypatch.setenv("EDITOR", f"{sys.executable} {script}")

    return use
