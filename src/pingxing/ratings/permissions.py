"""Who may do what in the 评星晋级 campaign (pure: plain values in, no database).

A case's scope is written once (`case_reach`); the part a user plays on a case
(community, street, county) once (`case_part`); each step combines that with the step
table of `workflow` and, where the star decides the path, the standard's procedure.
"""

from __future__ import annotations

from dataclasses import dataclass

from pingxing.accounts.roles import OFFICE_ROLES, ORG_STAFF_ROLES, Role
from pingxing.core.scope import EVERYTHING, NOTHING, Actor, Reach, own_org, subtree, within
from pingxing.ratings.workflow import EDITABLE_STATES, STEPS, CaseState, Part


@dataclass(frozen=True, slots=True)
class CaseFacts:
    """What the predicates need to know of a case."""

    org_id: int
    org_path: str
    state: str
    acceptance: bool | None = None  # whether its star takes the acceptance path (None: no star yet)
    notice_over: bool = False  # the public notice period has ended


def case_reach(actor: Actor) -> Reach:
    """The cases a user sees: the offices their subtree, a Party organization's staff its own."""
    if actor.role == Role.ADMIN:
        return EVERYTHING
    if actor.role in OFFICE_ROLES:
        return subtree(actor)
    if actor.role in ORG_STAFF_ROLES:
        return own_org(actor)
    return NOTHING


def case_part(actor: Actor, case: CaseFacts) -> Part | None:
    """The part this user plays on this case: community, street, county or none."""
    if not within(case.org_path, actor.org_path):
        return None
    if actor.role == Role.COUNTY:
        return Part.COUNTY
    if actor.role == Role.STREET:
        return Part.STREET
    if actor.role in ORG_STAFF_ROLES and case.org_id == actor.org_id:
        return Part.COMMUNITY
    return None


def can_read_case(actor: Actor, case: CaseFacts) -> bool:
    return case_reach(actor).covers(path=case.org_path, org_id=case.org_id)


def can_attempt(actor: Actor, case: CaseFacts, action: str) -> bool:
    """Whether the step is the actor's to take at all (whether it can be taken now, the
    service answers with a reason)."""
    return case_part(actor, case) is STEPS[action].part


def _may_take(actor: Actor, case: CaseFacts, action: str) -> bool:
    step = STEPS[action]
    if case_part(actor, case) is not step.part:
        return False
    if case.state not in step.from_states:
        return False
    if step.path == "any":
        return True
    if case.acceptance is None:
        return False
    return case.acceptance is (step.path == "acceptance")


def can_open_declaration(actor: Actor, case: CaseFacts) -> bool:
    """The declaration page (read-only once submitted): the organization's own staff."""
    return case_part(actor, case) is Part.COMMUNITY


def can_open_assessment(actor: Actor, case: CaseFacts) -> bool:
    """The street assessment page: the street committee above the organization."""
    return case_part(actor, case) is Part.STREET


def can_open_acceptance(actor: Actor, case: CaseFacts) -> bool:
    """The county acceptance page: the county office."""
    return case_part(actor, case) is Part.COUNTY


def can_declare(actor: Actor, case: CaseFacts) -> bool:
    """自评申报 (and drafts, evidence): the organization's own secretary or clerk."""
    return _may_take(actor, case, "declare")


def can_edit_declaration(actor: Actor, case: CaseFacts) -> bool:
    if case_part(actor, case) is not Part.COMMUNITY:
        return False
    return case.state in EDITABLE_STATES


def can_assess(actor: Actor, case: CaseFacts) -> bool:
    """街道考核评定: the street committee above the organization."""
    return _may_take(actor, case, "assess")


def can_return_to_community(actor: Actor, case: CaseFacts) -> bool:
    return _may_take(actor, case, "return_to_community")


def can_return_to_street(actor: Actor, case: CaseFacts) -> bool:
    return _may_take(actor, case, "return_to_street")


def can_approve(actor: Actor, case: CaseFacts) -> bool:
    """县审定: the county office, for a star below the acceptance path."""
    return _may_take(actor, case, "approve")


def can_inspect(actor: Actor, case: CaseFacts) -> bool:
    """县验收 (inspection): the county office, for a star on the acceptance path."""
    return _may_take(actor, case, "accept")


def can_start_notice(actor: Actor, case: CaseFacts) -> bool:
    return _may_take(actor, case, "start_notice")


def can_close_notice(actor: Actor, case: CaseFacts) -> bool:
    if not case.notice_over:  # the notice runs its full period
        return False
    return _may_take(actor, case, "close_notice")


def can_respond_to_objection(actor: Actor, case: CaseFacts) -> bool:
    """异议处理: the county office, while the case is on notice."""
    if case_part(actor, case) is not Part.COUNTY:
        return False
    return case.state == CaseState.ON_NOTICE


def can_publish(actor: Actor, case: CaseFacts) -> bool:
    """发文公布 of this case: the county office, once approved or through the notice."""
    return _may_take(actor, case, "publish")


# --- the campaign and its results -------------------------------------------------------------


def can_take_part_in_campaigns(actor: Actor) -> bool:
    """The campaign pages: the offices, the organizations' staff and administrators."""
    if actor.role == Role.ADMIN:
        return True
    return actor.role in OFFICE_ROLES | ORG_STAFF_ROLES and bool(actor.org_path)


def can_open_campaign(actor: Actor) -> bool:
    """开启年度评星: the county office."""
    return actor.role == Role.COUNTY and actor.org_id is not None


def can_import_facts(actor: Actor) -> bool:
    """Facts of many communities from one sheet: the county office and the street committees."""
    return actor.role in OFFICE_ROLES and actor.org_id is not None


def can_view_results(actor: Actor) -> bool:
    """The results pages (dashboard, pay, changes): the county office and the streets."""
    return actor.role in OFFICE_ROLES and actor.org_id is not None


def can_manage_results(actor: Actor) -> bool:
    """Publishing, the year-end report and the pay policy: the county office."""
    return actor.role == Role.COUNTY and actor.org_id is not None


def can_read_publications(actor: Actor) -> bool:
    """Published documents: every Party staff user of the county."""
    return actor.role in OFFICE_ROLES | ORG_STAFF_ROLES and actor.org_id is not None


def can_view_public_notice(actor: Actor) -> bool:
    """The public notice is public (the menu entry is for everyone signed in)."""
    return True
