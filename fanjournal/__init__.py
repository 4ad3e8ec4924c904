"""fan — make one customer a fan every working day."""

__version__ = "0.1.0"


def version_line() -> str:
    return f"fan {__version__}"
