"""Access to the points ledger: the one place a predicate becomes an object or a 404."""

from __future__ import annotations

from typing import Any

from pingxing.core.access import deny, parse_id, reach_q
from pingxing.core.http import actor_of
from pingxing.members.models import Member
from pingxing.orgs.models import Organization
from pingxing.points import permissions
from pingxing.points.models import Appeal, PointEntry
from pingxing.points.permissions import LedgerFacts


def facts_of(member: Member) -> LedgerFacts:
    return LedgerFacts(org_path=member.organization.path, org_id=member.organization_id, member_id=member.pk)


def org_facts(org: Organization) -> LedgerFacts:
    return LedgerFacts(org_path=org.path, org_id=org.pk)


def get_ledger_member_for_user(user: Any, member_id: Any, *, keep: bool = False, request: Any = None) -> Member:
    """The member whose ledger the user may read (or keep, with keep=True); else 404."""
    member: Member | None = Member.objects.select_related("organization").filter(pk=parse_id(member_id)).first()
    actor = actor_of(user)
    allowed = member is not None and (
        permissions.can_keep_ledger(actor, facts_of(member)) if keep
        else permissions.can_read_ledger(actor, facts_of(member)))
    if member is None or not allowed:
        deny(user, "points.ledger", member_id, request)
    return member


def get_ledger_org_for_user(user: Any, org_id: Any, *, keep: bool = False, request: Any = None) -> Organization:
    """The organization whose points table the user may read (or keep); else 404. Members have
    no organization table: they read their own ledger only."""
    org: Organization | None = Organization.objects.filter(pk=parse_id(org_id)).first()
    actor = actor_of(user)
    allowed = org is not None and permissions.can_browse_points(actor) and (
        permissions.can_keep_ledger(actor, org_facts(org)) if keep
        else permissions.can_read_ledger(actor, org_facts(org)))
    if org is None or not allowed:
        deny(user, "points.org", org_id, request)
    return org


def get_own_deduction(user: Any, entry_id: Any, *, request: Any = None) -> PointEntry:
    """A deduction of the user's own ledger, to appeal; else 404."""
    entry: PointEntry | None = (PointEntry.objects.select_related("member__organization", "organization")
                                .filter(pk=parse_id(entry_id)).first())
    if entry is None or not permissions.can_appeal(actor_of(user), facts_of(entry.member)):
        deny(user, "points.entry", entry_id, request)
    return entry


def get_appeal_for_user(user: Any, appeal_id: Any, *, request: Any = None) -> Appeal:
    """An appeal the user's committee decides; else 404."""
    appeal: Appeal | None = (Appeal.objects.select_related("entry__member__organization", "entry__organization")
                             .filter(pk=parse_id(appeal_id)).first())
    if appeal is None or not permissions.can_decide_appeal(actor_of(user), facts_of(appeal.entry.member)):
        deny(user, "points.appeal", appeal_id, request)
    return appeal


def visible_ledger_members(user: Any) -> Any:
    """Members whose ledger the user may read."""
    reach = permissions.ledger_read_reach(actor_of(user))
    return Member.objects.filter(reach_q(reach, path="organization__path", member="pk"))
