"""The only place the campaign talks to the rubric engine: facts in, verdict out."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from pingxing import rubric
from pingxing.rubric.explain import rating_to_dict


@dataclass(frozen=True)
class Verdict:
    star: int | None  # None when the facts are invalid
    max_star: int = 0  # the standard's highest level
    vetoed: bool = False
    explanation: dict[str, Any] = field(default_factory=dict)
    blocking_conditions: list[str] = field(default_factory=list)
    errors: list[dict[str, str]] = field(default_factory=list)


def standard(standard_id: str | None = None) -> rubric.Standard:
    """An installed standard, or one of the county's own in settings.RUBRIC_STANDARD_DIRS."""
    from django.conf import settings

    return _standard(standard_id, tuple(str(d) for d in settings.RUBRIC_STANDARD_DIRS))


@lru_cache(maxsize=16)
def _standard(standard_id: str | None, search: tuple[str, ...]) -> rubric.Standard:
    return rubric.load_standard(standard_id, search=search)


def standards() -> list[rubric.StandardInfo]:
    """The standards a campaign may be opened against."""
    from django.conf import settings

    return rubric.list_standards(tuple(str(d) for d in settings.RUBRIC_STANDARD_DIRS))


def judge(facts: dict[str, Any], standard_id: str | None = None) -> Verdict:
    """Validate and rate one organization's facts; field-named errors when invalid."""
    std = standard(standard_id)
    valid, errors = rubric.validate_facts(facts)
    if valid is None:
        return Verdict(
            star=None, max_star=std.max_star,
            errors=[{"field": e.field, "message": e.message_zh, "message_en": e.message_en} for e in errors],
        )
    rating = rubric.evaluate(std, valid)
    return Verdict(
        star=rating.star,
        max_star=std.max_star,
        vetoed=bool(rating.vetoed),
        explanation=rating_to_dict(rating),
        blocking_conditions=_blocking(rating),
    )


def error_messages(errors: list[dict[str, str]]) -> dict[str, str]:
    """Field → message in the user's language (the engine words every error in both)."""
    from django.utils.translation import get_language

    key = "message_en" if (get_language() or "").startswith("en") else "message"
    return {e["field"]: e.get(key) or e["message"] for e in errors}


def _blocking(rating: rubric.Rating) -> list[str]:
    """Ids of the conditions (and vetoes) that keep the organization from the next star."""
    ids = []
    for gap in rating.next_star_gaps:
        item = getattr(gap, "condition", None) or getattr(gap, "veto", None)
        ids.append(item.id)
    return ids
