"""五好党组织 (fivegood): who may see and act on a case (pure: plain values in).

The step table is ``fivegood.workflow``; these predicates judge an actor against it.
"""

from __future__ import annotations

from dataclasses import dataclass

from pingxing.accounts.roles import ORG_STAFF_ROLES, Role
from pingxing.core.scope import Actor, within
from pingxing.fivegood.workflow import EDITABLE_STATES, STEPS


@dataclass(frozen=True, slots=True)
class CaseFacts:
    org_id: int
    org_path: str
    state: str


def can_browse_fivegood(actor: Actor) -> bool:
    return actor.role in {Role.COUNTY, Role.STREET} | ORG_STAFF_ROLES


def can_open_assessment(actor: Actor) -> bool:
    return actor.role == Role.COUNTY


def can_publish_all(actor: Actor) -> bool:
    """Publishing the year's approved list at once: the county office, which opened the year."""
    return can_open_assessment(actor)


def can_see_overview(actor: Actor) -> bool:
    return actor.role in {Role.COUNTY, Role.STREET}


def can_view_case(actor: Actor, case: CaseFacts) -> bool:
    if actor.role == Role.COUNTY:
        return True
    if actor.role == Role.STREET:
        return within(case.org_path, actor.org_path)
    if actor.role in ORG_STAFF_ROLES:
        return actor.org_id is not None and actor.org_id == case.org_id
    return False


def can_edit_facts(actor: Actor, case: CaseFacts) -> bool:
    if actor.role not in ORG_STAFF_ROLES:   # only the organization's own staff self-assess
        return False
    if actor.org_id is None or actor.org_id != case.org_id:
        return False
    return case.state in EDITABLE_STATES


def can_take_step(actor: Actor, case: CaseFacts, action: str) -> bool:
    step = STEPS.get(action)
    if step is None or actor.role not in step.roles:
        return False
    if case.state not in step.from_states:
        return False
    return can_view_case(actor, case)


def steps_for(actor: Actor, case: CaseFacts) -> list[str]:
    """The actions the actor may take on the case now, in table order."""
    return [a for a in STEPS if can_take_step(actor, case, a)]
