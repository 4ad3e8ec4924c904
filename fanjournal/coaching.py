"""Coaching for each moment: the steps, the question to ask afterwards and what to answer.

The words are shipped TOML per language (fanjournal/data/coach.<language>.toml).
"""

from dataclasses import dataclass
from typing import Any

from fanjournal.model import MOMENTS


@dataclass(frozen=True)
class Coaching:
    moment: str
    title: str
    summary: str
    steps: tuple[str, ...]
    afterwards: str
    answer: str


def _coaching(moment: str, fields: dict[str, Any]) -> Coaching:
    return Coaching(
        moment=moment,
        title=str(fields["title"]),
        summary=str(fields["summary"]),
        steps=tuple(str(step) for step in fields["steps"]),
        afterwards=str(fields["afterwards"]),
        answer=str(fields["answer"]),
    )


def coaching(language: str) -> list[Coaching]:
    """Coaching for every moment, in the order of model.MOMENTS, in `language`."""
    from fanjournal.templates import shipped_document

    moments = shipped_document("coach", language)["moments"]
    return [_coaching(moment, moments[moment]) for moment in MOMENTS]


def for_moment(moment: str, language: str) -> Coaching:
    return next(c for c in coaching(language) if c.moment == moment)
