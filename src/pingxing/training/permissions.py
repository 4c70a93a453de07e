"""Who manages, reads and records training (pure: plain values in).

- The street committee (which runs the street's Party school) and the county office manage the
  courses and sessions of organizations in their subtree and set the yearly hours targets of
  their own office.
- A Party organization's secretary and clerk manage their own organization's courses and
  sessions, and record attendance of the sessions they manage (people of their subtree).
- Party staff read the courses of their subtree and those of the offices above them (a
  community sees the street's Party school), and the hours of the people of their subtree.
- A member reads their own sessions and hours (through the trainee linked to their record).
- The administrator keeps accounts, not training records.
"""

from __future__ import annotations

from dataclasses import dataclass

from pingxing.accounts.roles import OFFICE_ROLES, ORG_STAFF_ROLES, SUBTREE_ROLES, Role
from pingxing.core.scope import NOTHING, Actor, Reach, own_org, own_record, subtree, within


@dataclass(frozen=True, slots=True)
class OrgFacts:
    """An organization: a course's organizer, a trainee's organization, an hours table's root."""

    org_path: str
    org_id: int
    member_id: int | None = None  # a trainee's member record, if any


def manage_reach(actor: Actor) -> Reach:
    """Creating courses and sessions, recording attendance."""
    if actor.role in OFFICE_ROLES:
        return subtree(actor)
    if actor.role in ORG_STAFF_ROLES:
        return own_org(actor)  # their organization's own courses only
    return NOTHING


def people_reach(actor: Actor) -> Reach:
    """Whose training records and hours the actor reads, and whose attendance they may record."""
    if actor.role in SUBTREE_ROLES:
        return subtree(actor)
    if actor.role == Role.MEMBER:
        return own_record(actor)
    return NOTHING


def can_manage_course(actor: Actor, organizer: OrgFacts) -> bool:
    return manage_reach(actor).covers(path=organizer.org_path, org_id=organizer.org_id)


def can_read_course(actor: Actor, organizer: OrgFacts) -> bool:
    if actor.role not in SUBTREE_ROLES:
        return False
    if within(organizer.org_path, actor.org_path):  # a course of the actor's subtree
        return True
    return within(actor.org_path, organizer.org_path)  # a course of an office above the actor


def can_record_for(actor: Actor, trainee: OrgFacts) -> bool:
    """Registering a trainee of that organization, recording their attendance."""
    if actor.role not in SUBTREE_ROLES:
        return False
    return people_reach(actor).covers(path=trainee.org_path)


def can_read_hours(actor: Actor, trainee: OrgFacts) -> bool:
    return people_reach(actor).covers(path=trainee.org_path, member_id=trainee.member_id)


def can_read_org_hours(actor: Actor, org: OrgFacts) -> bool:
    """The hours table of an organization (and everything below it)."""
    if actor.role not in SUBTREE_ROLES:
        return False
    return people_reach(actor).covers(path=org.org_path)


def can_set_targets(actor: Actor, org: OrgFacts) -> bool:
    """The yearly hours targets: the street committee or the county office, for their own office."""
    if actor.role not in OFFICE_ROLES:
        return False
    return actor.org_id is not None and actor.org_id == org.org_id


def can_add_courses(actor: Actor) -> bool:
    return manage_reach(actor).kind != "none"


def can_browse_training(actor: Actor) -> bool:
    """The 教育培训 menu entry: Party staff of an organization or office."""
    return actor.role in SUBTREE_ROLES and bool(actor.org_path)


def has_own_training(actor: Actor) -> bool:
    """The 我的培训 menu entry: a member with a linked record."""
    return actor.role == Role.MEMBER and actor.member_id is not None
