"""五好党组织 (fivegood): the states and steps of a case, as data (who may do what from where).

Steps (as the star rating's 1–3★ path): the organization's secretary or clerk fills in the
self-assessment and submits it; the street assesses (and may correct facts, with a
reason) or returns it; the county approves (or returns it to the street) and publishes.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from pingxing.accounts.roles import ORG_STAFF_ROLES, Role


class CaseState(StrEnum):
    DRAFT = "draft"
    SUBMITTED = "submitted"
    RETURNED_TO_ORG = "returned_org"
    ASSESSED = "assessed"
    RETURNED_TO_STREET = "returned_street"
    APPROVED = "approved"
    PUBLISHED = "published"

    @property
    def label(self) -> str | Promise:
        return STATE_LABELS[self]


STATE_LABELS = {
    CaseState.DRAFT: _("自评中"),
    CaseState.SUBMITTED: _("已提交，待街道评定"),
    CaseState.RETURNED_TO_ORG: _("退回党组织"),
    CaseState.ASSESSED: _("街道已评定，待县审定"),
    CaseState.RETURNED_TO_STREET: _("退回街道"),
    CaseState.APPROVED: _("县已审定，待公布"),
    CaseState.PUBLISHED: _("已公布"),
}

#: states in which the organization may still change its self-assessment
EDITABLE_STATES = frozenset({CaseState.DRAFT, CaseState.RETURNED_TO_ORG})
S = CaseState


@dataclass(frozen=True, slots=True)
class Step:
    action: str
    roles: frozenset[str]
    from_states: frozenset[CaseState]
    to_state: CaseState
    needs_reason: bool = False


_ORG = frozenset(ORG_STAFF_ROLES)
_STREET = frozenset({Role.STREET})
_COUNTY = frozenset({Role.COUNTY})
STEPS: dict[str, Step] = {
    s.action: s
    for s in (
        Step("submit", _ORG, EDITABLE_STATES, S.SUBMITTED),
        Step("return_org", _STREET, frozenset({S.SUBMITTED}), S.RETURNED_TO_ORG, needs_reason=True),
        Step("assess", _STREET, frozenset({S.SUBMITTED, S.RETURNED_TO_STREET}), S.ASSESSED),
        Step("return_street", _COUNTY, frozenset({S.ASSESSED}), S.RETURNED_TO_STREET, needs_reason=True),
        Step("approve", _COUNTY, frozenset({S.ASSESSED}), S.APPROVED),
        Step("publish", _COUNTY, frozenset({S.APPROVED}), S.PUBLISHED),
    )
}
ACTION_LABELS = {"submit": _("提交自评"), "return_org": _("退回党组织"), "assess": _("街道评定"),
                 "return_street": _("退回街道"), "approve": _("县审定"), "publish": _("公布")}


