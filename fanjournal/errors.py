"""The one error type for everything a user can cause, and the exit statuses `fan` ends with.

The rule (README "Exit codes" lists examples, and a test runs each of them):

- USAGE (2): something typed that cannot be read — an unknown option, moment, situation, key or
  format, a malformed id, date or period, a value out of range (a score of 11, a date in the
  future or beyond 2999). Also what was typed into the editor for `fan edit`, and FAN_TODAY.
- STOPPED (1): a state that stops the command — no such entry, a corrupt or unreadable file or
  config, a busy journal, a follow-up already done, a folder that is not there.
- BUG (70, EX_SOFTWARE): anything else; never raised on purpose (cli/base.py FanGroup).
- INTERRUPTED (130): Ctrl-C, or the end of input at a question.
"""

STOPPED = 1
USAGE = 2
BUG = 70
INTERRUPTED = 130


class FanError(Exception):
    """A problem the user can fix: shown as one line on stderr, then exit with `code`."""

    def __init__(self, message: str, code: int = STOPPED) -> None:
        super().__init__(message)
        self.message = message
        self.code = code

    @classmethod
    def usage(cls, message: str) -> "FanError":
        """Something typed that cannot be read or is out of range: exit status 2."""
        return cls(message, USAGE)
