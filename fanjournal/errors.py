"""The one error type for everything a user can cause."""


class FanError(Exception):
    """A problem the user can fix: shown as one line on stderr, then exit with `code`."""

    def __init__(self, message: str, code: int = 1) -> None:
        super().__init__(message)
        self.message = message
        self.code = code
