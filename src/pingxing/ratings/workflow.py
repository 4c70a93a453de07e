"""The steps of a case (seed 三.1.一), as data: who may do what from which state.

No database: the services apply it under a row lock; tests walk it without one.

    1–3★: community declares → street assesses → county approves (审定) → published
    4–5★: street assesses → county acceptance (验收) → public notice (公示) → published
"""

from __future__ import annotations

from dataclasses import dataclass

# Labels and messages are shown to users: translated lazily, in the request's language.
from django.utils.translation import gettext_lazy as _

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

COMMUNITY = "community"  # a secretary or clerk of the organization itself
STREET = "street"
COUNTY = "county"

# Stars from which the county inspects and publishes a notice instead of approving.
ACCEPTANCE_FROM_STAR = 4


class WorkflowError(Exception):
    """A step that is not allowed now; the message is for the user (zh-hans)."""


@dataclass(frozen=True)
class Step:
    action: str
    actor: str
    from_states: frozenset[str]
    to_state: str
    needs_reason: bool = False
    star_path: str = "any"  # any | approval (≤3★) | acceptance (≥4★)


STEPS: dict[str, Step] = {
    s.action: s
    for s in (
        Step("declare", COMMUNITY, frozenset({DRAFT, RETURNED_TO_COMMUNITY}), DECLARED),
        Step("return_to_community", STREET, frozenset({DECLARED}), RETURNED_TO_COMMUNITY, needs_reason=True),
        Step("assess", STREET, frozenset({DECLARED, RETURNED_TO_STREET}), ASSESSED),
        Step("return_to_street", COUNTY, frozenset({ASSESSED}), RETURNED_TO_STREET, needs_reason=True),
        Step("approve", COUNTY, frozenset({ASSESSED}), APPROVED, star_path="approval"),
        Step("accept", COUNTY, frozenset({ASSESSED}), ACCEPTED, star_path="acceptance"),
        # Acceptance found the facts give fewer than 4 stars: the county approves at that star.
        Step("accept_lower", COUNTY, frozenset({ASSESSED}), APPROVED, needs_reason=True),
        Step("start_notice", COUNTY, frozenset({ACCEPTED}), ON_NOTICE),
        Step("uphold_objection", COUNTY, frozenset({ON_NOTICE}), ASSESSED, needs_reason=True),
        Step("close_notice", COUNTY, frozenset({ON_NOTICE}), NOTICE_DONE),
        Step("publish", COUNTY, frozenset({APPROVED, NOTICE_DONE}), PUBLISHED),
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
    DRAFT: _("自评填报中"),
    DECLARED: _("已申报，待街道考核"),
    ASSESSED: _("街道已考核，待县审定/验收"),
    RETURNED_TO_COMMUNITY: _("退回社区修改"),
    RETURNED_TO_STREET: _("退回街道重新考核"),
    APPROVED: _("县已审定，待发文"),
    ACCEPTED: _("已验收，待公示"),
    ON_NOTICE: _("公示中"),
    NOTICE_DONE: _("公示结束，待发文"),
    PUBLISHED: _("已发文公布"),
}


# Steps that are the outcome of another step, never a button of their own:
# an acceptance inspection that finds fewer than 4 stars ends as "accept_lower".
_OUTCOMES_ONLY = frozenset({"accept_lower"})


def path_for_star(star: int) -> str:
    return "acceptance" if star >= ACCEPTANCE_FROM_STAR else "approval"


def next_state(*, state: str, action: str, actor: str, star: int | None = None, reason: str = "") -> str:
    """The state after `action`, or WorkflowError saying why it cannot happen now."""
    step = STEPS.get(action)
    if step is None:
        raise WorkflowError(_("未知的操作：%(action)s") % {"action": action})
    label = ACTION_LABELS[action]
    if actor != step.actor:
        raise WorkflowError(_("“%(action)s”不属于本单位的职责。") % {"action": label})
    if state not in step.from_states:
        raise WorkflowError(
            _("当前状态为“%(state)s”，不能“%(action)s”。")
            % {"state": STATE_LABELS.get(state, state), "action": label}
        )
    if step.needs_reason and not reason.strip():
        raise WorkflowError(_("“%(action)s”须填写理由。") % {"action": label})
    if step.star_path != "any" and (star is None or path_for_star(star) != step.star_path):
        expected = _("县审定（一至三星级）") if step.star_path == "approval" else _("县验收（四至五星级）")
        raise WorkflowError(_("考核星级为%(star)s星，不适用%(path)s。") % {"star": star, "path": expected})
    return step.to_state


def available_actions(*, state: str, actor: str, star: int | None = None) -> list[str]:
    """The actions `actor` may take now (for buttons), in table order."""
    found = []
    for step in STEPS.values():
        if step.action in _OUTCOMES_ONLY or step.actor != actor or state not in step.from_states:
            continue
        if step.star_path != "any" and (star is None or path_for_star(star) != step.star_path):
            continue
        found.append(step.action)
    return found
