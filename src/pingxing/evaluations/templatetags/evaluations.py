"""Template helpers of the evaluation pages: a member's counts of one ballot class."""

from __future__ import annotations

from typing import Any

from django import template
from django.utils.html import format_html_join
from django.utils.translation import gettext as _

from pingxing.evaluations.proposal import GRADE_TEXT, GRADES

register = template.Library()


@register.filter
def get_entry(tallies: Any, pk: int) -> Any:
    return tallies.get(pk) if tallies else None


@register.simple_tag
def class_counts(tallies: Any, voter_class: str, count: Any) -> str:
    if voter_class in count.suppressed:
        return _("不公布")
    tally = (tallies or {}).get(voter_class)
    if tally is None:
        return "—"
    return format_html_join("、", "{}{}", ((GRADE_TEXT[g], tally.grades.get(g, 0)) for g in GRADES))
