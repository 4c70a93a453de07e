"""Access to volunteer records: the one place a predicate becomes an object, a queryset or a 404."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.db.models import QuerySet

from pingxing.core.access import deny, parse_id, reach_q
from pingxing.core.http import actor_of
from pingxing.core.scope import Actor
from pingxing.members.models import Member
from pingxing.orgs.models import Organization
from pingxing.volunteers import permissions
from pingxing.volunteers.models import Activity, SignUp, Team
from pingxing.volunteers.permissions import OrgFacts

Check = Callable[[Actor, OrgFacts], bool]


def org_facts(org: Organization) -> OrgFacts:
    return OrgFacts(org_path=org.path, org_id=org.pk)


def get_activity_for_user(user: Any, activity_id: Any, *, check: Check = permissions.can_read,
                          request: Any = None) -> Activity:
    activity: Activity | None = (Activity.objects.select_related("organization", "team")
                                 .filter(pk=parse_id(activity_id)).first())
    if activity is None or not check(actor_of(user), org_facts(activity.organization)):
        deny(user, "volunteers.activity", activity_id, request)
    return activity


def get_team_for_user(user: Any, team_id: Any, *, check: Check = permissions.can_read,
                      request: Any = None) -> Team:
    team: Team | None = Team.objects.select_related("organization").filter(pk=parse_id(team_id)).first()
    if team is None or not check(actor_of(user), org_facts(team.organization)):
        deny(user, "volunteers.team", team_id, request)
    return team


def get_signup_for_user(user: Any, signup_id: Any, *, request: Any = None) -> SignUp:
    """The user's own sign-up (a member cancels only their own)."""
    actor = actor_of(user)
    signup: SignUp | None = (SignUp.objects.select_related("activity__organization", "member")
                             .filter(pk=parse_id(signup_id)).first())
    if signup is None or actor.member_id is None or signup.member_id != actor.member_id:
        deny(user, "volunteers.signup", signup_id, request)
    return signup


def visible_activities(user: Any) -> QuerySet[Activity]:
    """Staff: activities of their subtree; a member: of their organization and the offices above."""
    actor = actor_of(user)
    if permissions.can_browse(actor):
        return Activity.objects.filter(organization__path__startswith=actor.org_path)
    if permissions.has_own(actor):
        return Activity.objects.filter(organization__path__in=_ancestor_paths(actor.org_path, include_self=True))
    return Activity.objects.none()


def visible_teams(user: Any) -> QuerySet[Team]:
    actor = actor_of(user)
    if not permissions.can_browse(actor):
        return Team.objects.none()
    return Team.objects.filter(organization__path__startswith=actor.org_path)


def manageable_orgs(user: Any) -> QuerySet[Organization]:
    reach = permissions.manage_reach(actor_of(user))
    orgs: QuerySet[Organization] = Organization.objects.filter(reach_q(reach, path="path", org="pk"))
    return orgs


def team_candidates(team: Team) -> list[tuple[int, str]]:
    """Members of the team's organization and its subtree who are not in the team yet."""
    taken = team.memberships.values_list("member_id", flat=True)
    rows = (Member.objects.filter(organization__path__startswith=team.organization.path)
            .exclude(pk__in=taken).order_by("name").values_list("pk", "name")[:500])
    return [(pk, name) for pk, name in rows]


def _ancestor_paths(path: str, *, include_self: bool) -> list[str]:
    parts = [p for p in path.split("/") if p]
    end = len(parts) + 1 if include_self else len(parts)
    return ["/" + "/".join(parts[:i]) + "/" for i in range(1, end)]


