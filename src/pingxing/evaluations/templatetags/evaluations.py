"""Template helpers of the evaluation pages: a roll entry's counts of one ballot class, and the
satisfaction rate of a committee member (evaluations of the leadership)."""

from __future__ import annotations

from typing import Any

from django import template
from django.utils.html import format_html_join
from django.utils.translation import gettext as _

from pingxing.evaluations.subjects import GRADES_OF, TEXT_OF, Subject, percent, satisfaction_rate

register = template.Library()


@register.filter
def get_entry(tallies: Any, pk: int) -> Any:
    return tallies.get(pk) if tallies else None


@register.simple_tag
def class_counts(tallies: Any, voter_class: str, count: Any, subject: str = Subject.MEMBERS) -> str:
    if voter_class in count.suppressed:
        return _("不公布")
    tally = (tallies or {}).get(voter_class)
    if tally is None:
        return "—"
    text = TEXT_OF[subject]
    return format_html_join("、", "{}{}", ((text[g], tally.grades.get(g, 0)) for g in GRADES_OF[subject]))


@register.simple_tag
def satisfaction(tallies: Any, voter_class: str, count: Any) -> str:
    """(满意 + 基本满意) / ballots of the class, as a percentage; 不公布 below the minimum."""
    if voter_class in count.suppressed:
        return _("不公布")
    tally = (tallies or {}).get(voter_class)
    if tally is None:
        return "—"
    return percent(satisfaction_rate(tally.grades, tally.ballots))
