"""Access to rosters, pledges and cases: the one place a predicate becomes an object, a
queryset or an audited 404 (the same answer for missing and forbidden)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.db.models import Q, QuerySet

from pingxing.accounts.roles import Role
from pingxing.cadres import permissions
from pingxing.cadres.models import (
    AccountabilityCase,
    AdjustmentCase,
    AdjustmentFile,
    CadrePledge,
    Checkpoint,
    LeadershipPost,
    PledgeCommitment,
    PledgeState,
)
from pingxing.cadres.permissions import OrgFacts, PledgeFacts
from pingxing.core.access import deny, parse_id
from pingxing.core.http import actor_of
from pingxing.core.scope import Actor
from pingxing.orgs.models import Organization, OrgLevel

PledgeCheck = Callable[[Actor, PledgeFacts], bool]
OrgCheck = Callable[[Actor, OrgFacts], bool]


def org_facts(org: Any) -> OrgFacts:
    return OrgFacts(org_id=org.pk, org_path=org.path)


def pledge_facts(pledge: CadrePledge) -> PledgeFacts:
    return PledgeFacts(org_id=pledge.organization_id, org_path=pledge.organization.path, state=pledge.state,
                       cadre_member_id=pledge.post.member_id)


def get_org_for_user(user: Any, org_id: Any, *, check: OrgCheck = permissions.can_read_roster,
                     request: Any = None) -> Organization:
    """A Party organization whose roster the user may read (or `check`), else an audited 404."""
    org: Organization | None = Organization.objects.filter(pk=parse_id(org_id), level=OrgLevel.ORGANIZATION).first()
    if org is None or not check(actor_of(user), org_facts(org)):
        deny(user, "cadres.org", org_id, request)
    return org


def get_post_for_user(user: Any, post_id: Any, *, check: OrgCheck = permissions.can_read_roster,
                      request: Any = None) -> LeadershipPost:
    post: LeadershipPost | None = (LeadershipPost.objects.select_related("organization", "member")
                                   .filter(pk=parse_id(post_id)).first())
    if post is None or not check(actor_of(user), org_facts(post.organization)):
        deny(user, "cadres.post", post_id, request)
    return post


def _pledges() -> QuerySet[CadrePledge]:
    return CadrePledge.objects.select_related("organization", "post__member", "post__organization")


def get_pledge_for_user(user: Any, pledge_id: Any, *, check: PledgeCheck = permissions.can_read_pledge,
                        request: Any = None) -> CadrePledge:
    """The pledge if `check` allows the user (reading by default); else an audited 404."""
    pledge: CadrePledge | None = _pledges().filter(pk=parse_id(pledge_id)).first()
    if pledge is None or not check(actor_of(user), pledge_facts(pledge)):
        deny(user, "cadres.pledge", pledge_id, request)
    return pledge


def get_commitment_for_user(user: Any, commitment_id: Any, *, check: PledgeCheck,
                            request: Any = None) -> PledgeCommitment:
    found: PledgeCommitment | None = (PledgeCommitment.objects.select_related(
        "pledge__organization", "pledge__post__member").filter(pk=parse_id(commitment_id)).first())
    if found is None or not check(actor_of(user), pledge_facts(found.pledge)):
        deny(user, "cadres.commitment", commitment_id, request)
    return found


def get_checkpoint_for_user(user: Any, checkpoint_id: Any, *, check: PledgeCheck = permissions.can_read_pledge,
                            request: Any = None) -> Checkpoint:
    found: Checkpoint | None = (Checkpoint.objects.select_related(
        "commitment__pledge__organization", "commitment__pledge__post__member")
        .filter(pk=parse_id(checkpoint_id)).first())
    if found is None or not check(actor_of(user), pledge_facts(found.commitment.pledge)):
        deny(user, "cadres.checkpoint", checkpoint_id, request)
    return found


def get_accountability_for_user(user: Any, case_id: Any, *, check: OrgCheck = permissions.can_read_cases,
                                request: Any = None) -> AccountabilityCase:
    found: AccountabilityCase | None = (AccountabilityCase.objects.select_related(
        "organization", "post__member", "checkpoint__commitment__pledge", "decided_by")
        .filter(pk=parse_id(case_id)).first())
    if found is None or not check(actor_of(user), org_facts(found.organization)):
        deny(user, "cadres.account", case_id, request)
    return found


def get_adjustment_for_user(user: Any, case_id: Any, *, check: OrgCheck = permissions.can_read_cases,
                            request: Any = None) -> AdjustmentCase:
    found: AdjustmentCase | None = (AdjustmentCase.objects.select_related("organization", "post__member")
                                    .filter(pk=parse_id(case_id)).first())
    if found is None or not check(actor_of(user), org_facts(found.organization)):
        deny(user, "cadres.adjust", case_id, request)
    return found


def get_adjustment_file_for_user(user: Any, file_id: Any, *, request: Any = None) -> AdjustmentFile:
    found: AdjustmentFile | None = (AdjustmentFile.objects.select_related("case__organization")
                                    .filter(pk=parse_id(file_id)).first())
    if found is None or not permissions.can_read_cases(actor_of(user), org_facts(found.case.organization)):
        deny(user, "cadres.file", file_id, request)
    return found


def _scope(actor: Actor, *, field: str = "organization") -> Q | None:
    """The offices' subtree or the organization's staff; None for everyone else."""
    if actor.role in permissions.OVERSEEING and actor.org_path:
        return Q(**{f"{field}__path__startswith": actor.org_path})
    if actor.role in permissions.ORG_STAFF and actor.org_id is not None:
        return Q(**{f"{field}_id": actor.org_id})
    return None


def visible_pledges(user: Any) -> QuerySet[CadrePledge]:
    """Pledges of the offices' subtree, of the staff's organization; a member's own pledge and
    the approved pledges of their organization."""
    actor = actor_of(user)
    scope = _scope(actor)
    if scope is not None:
        return _pledges().filter(scope)
    if actor.member_id is not None and actor.org_id is not None:
        return _pledges().filter(Q(post__member_id=actor.member_id)
                                 | Q(organization_id=actor.org_id, state=PledgeState.APPROVED))
    return _pledges().none()


def visible_posts(user: Any) -> QuerySet[LeadershipPost]:
    scope = _scope(actor_of(user))
    base = LeadershipPost.objects.select_related("organization", "member")
    return base.filter(scope) if scope is not None else base.none()


def _case_scope(user: Any) -> Q | None:
    actor = actor_of(user)
    if actor.role in permissions.OVERSEEING and actor.org_path:
        return Q(organization__path__startswith=actor.org_path)
    if actor.role == Role.SECRETARY and actor.org_id is not None:
        return Q(organization_id=actor.org_id)
    return None


def visible_accountability(user: Any) -> QuerySet[AccountabilityCase]:
    scope = _case_scope(user)
    base = AccountabilityCase.objects.select_related("organization", "post__member", "checkpoint__commitment")
    return base.filter(scope) if scope is not None else base.none()


def visible_adjustments(user: Any) -> QuerySet[AdjustmentCase]:
    scope = _case_scope(user)
    base = AdjustmentCase.objects.select_related("organization", "post__member")
    return base.filter(scope) if scope is not None else base.none()


def get_post_for_report(user: Any, post_id: Any, *, request: Any = None) -> LeadershipPost:
    """A post whose holder's 述职 summary the user may read, else an audited 404."""
    post: LeadershipPost | None = (LeadershipPost.objects.select_related("organization", "member")
                                   .filter(pk=parse_id(post_id)).first())
    if post is None or not permissions.can_read_report(actor_of(user), org_facts(post.organization), post.member_id):
        deny(user, "cadres.report", post_id, request)
    return post
