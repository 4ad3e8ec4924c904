"""Where fan keeps its files: FAN_HOME when set, else the platform's folders (platformdirs).

The bottom of the package: it imports nothing of fan's, so every layer may ask it.
"""

import os
from pathlib import Path

APP = "fanjournal"


def home_override() -> Path | None:
    """FAN_HOME, when set: one folder for config, journal, state and caches (tests, portable)."""
    value = os.environ.get("FAN_HOME", "").strip()
    return Path(value).expanduser() if value else None


def _platform(kind: str) -> Path:
    import platformdirs

    return Path(getattr(platformdirs, f"user_{kind}_dir")(APP))


def config_dir() -> Path:
    home = home_override()
    return home if home is not None else _platform("config")


def config_path() -> Path:
    return config_dir() / "config.toml"


def templates_path() -> Path:
    """A user's own templates.toml, beside config.toml."""
    return config_dir() / "templates.toml"


def default_journal_dir() -> Path:
    home = home_override()
    return home / "journal" if home is not None else _platform("data") / "journal"


def state_dir() -> Path:
    """FAN_HOME when set, else the user's state folder (~/.local/state/fanjournal on Linux)."""
    home = home_override()
    return home if home is not None else _platform("state")


def cache_dir() -> Path:
    """$FAN_HOME/cache, or the user cache folder: files that are safe to delete."""
    home = home_override()
    return home / "cache" if home is not None else _platform("cache")
