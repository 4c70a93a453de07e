"""Access to democratic evaluations: the one place a predicate becomes an object or a 404."""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet

from pingxing.core.access import deny, parse_id
from pingxing.core.http import actor_of
from pingxing.evaluations import permissions
from pingxing.evaluations.models import Evaluation, EvaluationState, RollEntry
from pingxing.evaluations.permissions import EvaluationFacts
from pingxing.evaluations.subjects import Subject


def facts_of(evaluation: Evaluation) -> EvaluationFacts:
    return EvaluationFacts(org_path=evaluation.organization.path, org_id=evaluation.organization_id,
                           state=evaluation.state, tallied=evaluation.tallied_at is not None)


def visible_evaluations(user: Any) -> QuerySet[Evaluation]:
    """Evaluations the user runs (own organization) or oversees (street, county subtree)."""
    actor = actor_of(user)
    base = Evaluation.objects.select_related("organization")
    if actor.role in permissions.RUNNING_ROLES and actor.org_id:
        return base.filter(organization_id=actor.org_id)
    if actor.role in permissions.OVERSEEING_ROLES and actor.org_path:
        return base.filter(organization__path__startswith=actor.org_path)
    return base.none()


def get_evaluation_for_user(user: Any, evaluation_id: Any, *, run: bool = False, request: Any = None) -> Evaluation:
    """The evaluation if the user may read it (or run it, with run=True); else 404."""
    evaluation: Evaluation | None = (
        Evaluation.objects.select_related("organization").filter(pk=parse_id(evaluation_id)).first())
    actor = actor_of(user)
    allowed = evaluation is not None and (
        permissions.can_run_evaluation(actor, facts_of(evaluation)) if run
        else permissions.can_read_evaluation(actor, facts_of(evaluation)))
    if evaluation is None or not allowed:
        deny(user, "evaluations.evaluation", evaluation_id, request)
    return evaluation


def own_roll_entries(user: Any) -> QuerySet[RollEntry]:
    """The roll entries of the user's own member record in members' evaluations (what they
    vote or self-assess in)."""
    member_id = getattr(user, "member_id", None)
    if member_id is None:
        return RollEntry.objects.none()
    return RollEntry.objects.filter(member_id=member_id, evaluation__subject=Subject.MEMBERS).select_related(
        "evaluation__organization")


def get_own_entry(user: Any, evaluation_id: Any, *, request: Any = None) -> RollEntry:
    """The user's own roll entry in an evaluation (a member voting or self-assessing); else 404."""
    entry: RollEntry | None = own_roll_entries(user).filter(evaluation_id=parse_id(evaluation_id), excused=False).first()
    if entry is None:
        deny(user, "evaluations.roll", evaluation_id, request)
    return entry


def open_for_member(user: Any) -> QuerySet[RollEntry]:
    states = [EvaluationState.SELF_ASSESSMENT, EvaluationState.BALLOTING]
    return own_roll_entries(user).filter(Q(evaluation__state__in=states), excused=False)


def _member_org_id(user: Any) -> int | None:
    """The organization of the user's own member record (None without one)."""
    member = getattr(user, "member", None) if getattr(user, "member_id", None) else None
    return None if member is None else int(member.organization_id)


def leadership_open_for_member(user: Any) -> QuerySet[Evaluation]:
    """Evaluations of the leadership the user votes in as a member: their organization's, in balloting."""
    org_id = _member_org_id(user)
    if org_id is None:
        return Evaluation.objects.none()
    return Evaluation.objects.filter(organization_id=org_id, subject=Subject.LEADERSHIP,
                                     state=EvaluationState.BALLOTING).select_related("organization")


def get_ballot_for_user(user: Any, evaluation_id: Any, *, request: Any = None) -> tuple[Evaluation, int]:
    """(evaluation, the voter's member id) of the members' ballot the user casts in their
    account: on the roll of a members' evaluation, or a member of the organization for an
    evaluation of the leadership; else 404."""
    from pingxing.evaluations.casting import member_may_vote

    member_id = getattr(user, "member_id", None)
    evaluation: Evaluation | None = (
        Evaluation.objects.select_related("organization").filter(pk=parse_id(evaluation_id)).first()
        if member_id is not None else None)
    if evaluation is None or not member_may_vote(evaluation, member_id):
        deny(user, "evaluations.roll", evaluation_id, request)
    return evaluation, int(user.member_id)
