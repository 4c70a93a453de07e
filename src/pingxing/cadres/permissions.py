"""Who may keep rosters, pledges and cases of community cadres (pure: plain values in).

- The secretary and the clerk of an organization keep its roster (两委班子) and draft its
  cadres' yearly pledges; the street and the county read everything in their subtree.
- The street (or the county) approves or returns a pledge and records every checkpoint: the
  judgement of whether a cadre kept a pledge belongs to the office above, not to a colleague,
  since an unkept pledge opens an accountability case.
- A cadre who is a member reads their own pledge; the members of the organization read its
  approved pledges.
- Accountability (问责) and adjustment (调整) cases: the street, the county and the
  organization's secretary only, never ordinary members nor the clerk. Either the secretary
  or the street proposes an adjustment; only the street decides it.
"""

from __future__ import annotations

from dataclasses import dataclass

from pingxing.accounts.roles import Role
from pingxing.core.scope import Actor, within

ORG_STAFF = frozenset({Role.SECRETARY, Role.CLERK})
OVERSEEING = frozenset({Role.STREET, Role.COUNTY})
EDITABLE = frozenset({"draft", "returned"})  # = models.EDITABLE_STATES (checked in tests)


@dataclass(frozen=True)
class OrgFacts:
    org_id: int
    org_path: str


@dataclass(frozen=True)
class PledgeFacts:
    org_id: int
    org_path: str
    state: str
    cadre_member_id: int | None = None


def oversees(actor: Actor, org_path: str) -> bool:
    if actor.role not in OVERSEEING:
        return False
    return within(org_path, actor.org_path)


def is_org_staff(actor: Actor, org_id: int) -> bool:
    if actor.role not in ORG_STAFF:
        return False
    return actor.org_id == org_id


def is_secretary_of(actor: Actor, org_id: int) -> bool:
    if actor.role != Role.SECRETARY:
        return False
    return actor.org_id == org_id


# --- the roster -----------------------------------------------------------------------------
def can_read_roster(actor: Actor, org: OrgFacts) -> bool:
    return oversees(actor, org.org_path) or is_org_staff(actor, org.org_id)


def can_keep_roster(actor: Actor, org: OrgFacts) -> bool:
    return is_org_staff(actor, org.org_id)


def can_view_structure(actor: Actor) -> bool:
    """The street's table of its communities' 两委 structure."""
    return actor.role in OVERSEEING and bool(actor.org_path)


# --- pledges --------------------------------------------------------------------------------
def can_draft_pledge(actor: Actor, pledge: PledgeFacts) -> bool:
    if not is_org_staff(actor, pledge.org_id):
        return False
    return pledge.state in EDITABLE


def can_review_pledge(actor: Actor, pledge: PledgeFacts) -> bool:
    if not oversees(actor, pledge.org_path):
        return False
    return pledge.state == "submitted"


def can_record_checkpoint(actor: Actor, pledge: PledgeFacts) -> bool:
    if not oversees(actor, pledge.org_path):
        return False
    return pledge.state == "approved"


def is_own_pledge(actor: Actor, pledge: PledgeFacts) -> bool:
    if actor.member_id is None or pledge.cadre_member_id is None:
        return False
    return actor.member_id == pledge.cadre_member_id


def can_read_pledge(actor: Actor, pledge: PledgeFacts) -> bool:
    if oversees(actor, pledge.org_path) or is_org_staff(actor, pledge.org_id):
        return True
    if is_own_pledge(actor, pledge):
        return True
    if actor.member_id is None or actor.org_id != pledge.org_id:
        return False
    return pledge.state == "approved"  # the organization's members read approved pledges


# --- accountability and adjustment cases ----------------------------------------------------
def can_read_cases(actor: Actor, org: OrgFacts) -> bool:
    return oversees(actor, org.org_path) or is_secretary_of(actor, org.org_id)


def can_decide_accountability(actor: Actor, org: OrgFacts) -> bool:
    """Opening a case by hand, deciding it or closing it: the street and the county."""
    return oversees(actor, org.org_path)


def can_propose_adjustment(actor: Actor, org: OrgFacts) -> bool:
    return oversees(actor, org.org_path) or is_secretary_of(actor, org.org_id)


def can_decide_adjustment(actor: Actor, org: OrgFacts) -> bool:
    if actor.role != Role.STREET:  # the street committee only (四.1)
        return False
    return within(org.org_path, actor.org_path)


def can_browse_cadres(actor: Actor) -> bool:
    """The 承诺与问责 menu entry."""
    if actor.role not in ORG_STAFF | OVERSEEING:
        return False
    return bool(actor.org_path)


def can_browse_cases(actor: Actor) -> bool:
    return actor.role in OVERSEEING | {Role.SECRETARY} and bool(actor.org_path)


def reads_org_pledges(actor: Actor) -> bool:
    """A member (cadre or not) reads their organization's approved cadre pledges."""
    return actor.member_id is not None and actor.org_id is not None


def can_read_report(actor: Actor, org: OrgFacts, cadre_member_id: int | None) -> bool:
    """A cadre's 述职 summary (it lists their accountability cases): those who read the cases,
    and the cadre themself."""
    if can_read_cases(actor, org):
        return True
    return actor.member_id is not None and actor.member_id == cadre_member_id


def shows_member_link(actor: Actor) -> bool:
    """The home page's link for members (staff reach the pages from the menu)."""
    return actor.role == Role.MEMBER and reads_org_pledges(actor)
