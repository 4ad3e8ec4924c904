"""The words and ideas of `fan nee` and `fan idea`: the shipped ones with the user's own
templates.toml on top."""

from fanjournal.i18n import _
from fanjournal.paths import templates_path
from fanjournal.templates import Templates, with_user_file


def templates(language: str) -> Templates:
    """The templates in `language`; a user file that cannot be read is named in `problem`."""
    path = templates_path()
    source = problem = None
    try:
        source = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        pass
    except UnicodeDecodeError:
        problem = _("{path}: not UTF-8 text").format(path=path)
    except OSError as error:
        problem = _("cannot read {path}: {error}").format(path=path, error=error.strerror)
    return with_user_file(language, path, source, problem)
