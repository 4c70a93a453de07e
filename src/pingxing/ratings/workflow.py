"""The steps of a case (seed 三.1.一), as data: who may do what from which state.

No database: `ratings.services` applies a step under a row lock (core.statemachine);
tests walk the table without one. Which path a star takes comes from the standard
(`Standard.needs_acceptance`): in the 2010 standard,

    1–3★: community declares → street assesses → county approves (审定) → published
    4–5★: street assesses → county acceptance (验收) → public notice (公示) → published
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

# Labels and messages are shown to users: translated lazily, in the request's language.
from django.utils.translation import gettext_lazy as _


class CaseState(StrEnum):
    DRAFT = "draft"
    DECLARED = "declared"
    ASSESSED = "assessed"
    RETURNED_TO_COMMUNITY = "returned_community"
    RETURNED_TO_STREET = "returned_street"
    APPROVED = "approved"
    ACCEPTED = "accepted"
    ON_NOTICE = "on_notice"
    NOTICE_DONE = "notice_done"
    PUBLISHED = "published"


# States in which the community may still change its facts (form, import, evidence).
EDITABLE_STATES = frozenset({CaseState.DRAFT, CaseState.RETURNED_TO_COMMUNITY})
# States from which the county issues the results document.
PUBLISHABLE_STATES = frozenset({CaseState.APPROVED, CaseState.NOTICE_DONE})


class Part(StrEnum):
    """The part a user plays on a case."""

    COMMUNITY = "community"  # a secretary or clerk of the organization itself
    STREET = "street"
    COUNTY = "county"


class WorkflowError(Exception):
    """A step that is not allowed now; the message is for the user (zh-hans)."""


@dataclass(frozen=True)
class Step:
    action: str
    part: Part
    from_states: frozenset[CaseState]
    to_state: CaseState
    needs_reason: bool = False
    path: str = "any"  # any | approval | acceptance (which path the case's star takes)


S = CaseState
STEPS: dict[str, Step] = {
    s.action: s
    for s in (
        Step("declare", Part.COMMUNITY, frozenset(EDITABLE_STATES), S.DECLARED),
        Step("return_to_community", Part.STREET, frozenset({S.DECLARED}), S.RETURNED_TO_COMMUNITY, needs_reason=True),
        Step("assess", Part.STREET, frozenset({S.DECLARED, S.RETURNED_TO_STREET}), S.ASSESSED),
        Step("return_to_street", Part.COUNTY, frozenset({S.ASSESSED}), S.RETURNED_TO_STREET, needs_reason=True),
        Step("approve", Part.COUNTY, frozenset({S.ASSESSED}), S.APPROVED, path="approval"),
        Step("accept", Part.COUNTY, frozenset({S.ASSESSED}), S.ACCEPTED, path="acceptance"),
        # Acceptance found the facts give a star below the acceptance path: approved at that star.
        Step("accept_lower", Part.COUNTY, frozenset({S.ASSESSED}), S.APPROVED, needs_reason=True),
        Step("start_notice", Part.COUNTY, frozenset({S.ACCEPTED}), S.ON_NOTICE),
        Step("uphold_objection", Part.COUNTY, frozenset({S.ON_NOTICE}), S.ASSESSED, needs_reason=True),
        Step("close_notice", Part.COUNTY, frozenset({S.ON_NOTICE}), S.NOTICE_DONE),
        Step("publish", Part.COUNTY, frozenset(PUBLISHABLE_STATES), S.PUBLISHED),
    )
}

ACTION_LABELS = {
    "declare": _("提交自评申报"),
    "return_to_community": _("退回社区修改"),
    "assess": _("提交街道考核评定"),
    "return_to_street": _("退回街道重新考核"),
    "approve": _("县审定通过"),
    "accept": _("县验收通过"),
    "accept_lower": _("验收后按实际星级审定"),
    "start_notice": _("开始公示"),
    "uphold_objection": _("异议成立，退回重新验收"),
    "close_notice": _("公示期满"),
    "publish": _("发文公布"),
}

STATE_LABELS = {
    S.DRAFT: _("自评填报中"),
    S.DECLARED: _("已申报，待街道考核"),
    S.ASSESSED: _("街道已考核，待县审定/验收"),
    S.RETURNED_TO_COMMUNITY: _("退回社区修改"),
    S.RETURNED_TO_STREET: _("退回街道重新考核"),
    S.APPROVED: _("县已审定，待发文"),
    S.ACCEPTED: _("已验收，待公示"),
    S.ON_NOTICE: _("公示中"),
    S.NOTICE_DONE: _("公示结束，待发文"),
    S.PUBLISHED: _("已发文公布"),
}
STATE_CHOICES = [(state.value, STATE_LABELS[state]) for state in CaseState]


# Steps that are the outcome of another step, never a button of their own:
# an acceptance inspection that finds a lower star ends as "accept_lower".
_OUTCOMES_ONLY = frozenset({"accept_lower"})


def _path_ok(step: Step, acceptance: bool | None) -> bool:
    if step.path == "any":
        return True
    if acceptance is None:
        return False
    return acceptance is (step.path == "acceptance")


def next_state(
    *, state: str, action: str, part: str, acceptance: bool | None = None, reason: str = ""
) -> CaseState:
    """The state after `action`, or WorkflowError saying why it cannot happen now.

    `acceptance` says whether the case's star takes the acceptance path (from the standard)."""
    step = STEPS.get(action)
    if step is None:
        raise WorkflowError(_("未知的操作：%(action)s") % {"action": action})
    label = ACTION_LABELS[action]
    if part != step.part:
        raise WorkflowError(_("“%(action)s”不属于本单位的职责。") % {"action": label})
    if state not in step.from_states:
        raise WorkflowError(
            _("当前状态为“%(state)s”，不能“%(action)s”。")
            % {"state": STATE_LABELS.get(CaseState(state), state), "action": label}
        )
    if step.needs_reason and not reason.strip():
        raise WorkflowError(_("“%(action)s”须填写理由。") % {"action": label})
    if not _path_ok(step, acceptance):
        expected = _("县审定") if step.path == "approval" else _("县验收和公示")
        raise WorkflowError(_("按考核星级，该案卷不适用%(path)s。") % {"path": expected})
    return step.to_state


def available_actions(*, state: str, part: str | None, acceptance: bool | None = None) -> list[str]:
    """The actions `part` may take now (for buttons), in table order."""
    if part is None:
        return []
    found = []
    for step in STEPS.values():
        if step.action in _OUTCOMES_ONLY or step.part != part or state not in step.from_states:
            continue
        if not _path_ok(step, acceptance):
            continue
        found.append(step.action)
    return found
