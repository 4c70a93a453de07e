"""Access to training records: the one place a predicate becomes an object, a queryset or a 404."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.db.models import Q, QuerySet

from pingxing.core.access import deny, parse_id, reach_q
from pingxing.core.http import actor_of
from pingxing.core.scope import Actor
from pingxing.orgs.models import Organization
from pingxing.training import permissions
from pingxing.training.models import Course, Session, Trainee
from pingxing.training.permissions import OrgFacts

Check = Callable[[Actor, OrgFacts], bool]


def org_facts(org: Organization) -> OrgFacts:
    return OrgFacts(org_path=org.path, org_id=org.pk)


def trainee_facts(trainee: Trainee) -> OrgFacts:
    return OrgFacts(org_path=trainee.organization.path, org_id=trainee.organization_id,
                    member_id=trainee.member_id)


def get_course_for_user(user: Any, course_id: Any, *, check: Check = permissions.can_read_course,
                        request: Any = None) -> Course:
    """The course if `check` allows the user on its organizer (reading by default); else 404."""
    course: Course | None = Course.objects.select_related("organizer").filter(pk=parse_id(course_id)).first()
    if course is None or not check(actor_of(user), org_facts(course.organizer)):
        deny(user, "training.course", course_id, request)
    return course


def get_session_for_user(user: Any, session_id: Any, *, check: Check = permissions.can_read_course,
                         request: Any = None) -> Session:
    """The session if `check` allows the user on its course's organizer; else 404."""
    session: Session | None = (Session.objects.select_related("course__organizer")
                               .filter(pk=parse_id(session_id)).first())
    if session is None or not check(actor_of(user), org_facts(session.course.organizer)):
        deny(user, "training.session", session_id, request)
    return session


def get_hours_org_for_user(user: Any, org_id: Any, *, request: Any = None) -> Organization:
    """The organization whose hours table (it and below) the user may read; else 404."""
    org: Organization | None = Organization.objects.filter(pk=parse_id(org_id)).first()
    if org is None or not permissions.can_read_org_hours(actor_of(user), org_facts(org)):
        deny(user, "training.hours", org_id, request)
    return org


def get_target_org_for_user(user: Any, org_id: Any, *, request: Any = None) -> Organization:
    """The office whose hours targets the user sets; else 404."""
    org: Organization | None = Organization.objects.filter(pk=parse_id(org_id)).first()
    if org is None or not permissions.can_set_targets(actor_of(user), org_facts(org)):
        deny(user, "training.target", org_id, request)
    return org


def visible_courses(user: Any) -> QuerySet[Course]:
    """Courses of the user's subtree and of the offices above the user's organization."""
    actor = actor_of(user)
    if not permissions.can_browse_training(actor):
        return Course.objects.none()
    return Course.objects.filter(Q(organizer__path__startswith=actor.org_path)
                                 | Q(organizer__path__in=_ancestor_paths(actor.org_path)))


def manageable_orgs(user: Any) -> QuerySet[Organization]:
    """Organizations the user may give courses for."""
    reach = permissions.manage_reach(actor_of(user))
    orgs: QuerySet[Organization] = Organization.objects.filter(reach_q(reach, path="path", org="pk"))
    return orgs


def visible_trainees(user: Any) -> QuerySet[Trainee]:
    """Trainees whose records the user reads (a member: their own, through their member record)."""
    reach = permissions.people_reach(actor_of(user))
    trainees: QuerySet[Trainee] = Trainee.objects.filter(
        reach_q(reach, path="organization__path", member="member_id"))
    return trainees


def _ancestor_paths(path: str) -> list[str]:
    """"/1/2/3/" → ["/1/", "/1/2/"] (the organization itself excluded)."""
    parts = [p for p in path.split("/") if p]
    return ["/" + "/".join(parts[:i]) + "/" for i in range(1, len(parts))]
