"""五好党组织 (fivegood): ids to objects, or an audited 404 (missing and forbidden alike)."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from pingxing.accounts.roles import ORG_STAFF_ROLES, Role
from pingxing.core.access import deny, parse_id
from pingxing.core.http import actor_of
from pingxing.fivegood import permissions
from pingxing.fivegood.models import Case
from pingxing.fivegood.permissions import CaseFacts


def case_facts(case: Case) -> CaseFacts:
    return CaseFacts(org_id=case.organization_id, org_path=case.organization.path, state=case.state)


def get_case_for_user(user: Any, case_id: Any, *, action: str = "view", request: Any = None) -> Case:
    """The case when the user may see it (``action`` "view"), edit its facts ("edit") or
    take the step ``action``; else 404."""
    case: Case | None = (Case.objects.select_related("organization", "assessment")
                         .filter(pk=parse_id(case_id)).first())
    if case is None:
        deny(user, "fivegood.case", case_id, request)
    actor, facts = actor_of(user), case_facts(case)
    allowed = permissions.can_view_case(actor, facts)
    if allowed and action == "edit":
        allowed = permissions.can_edit_facts(actor, facts)
    elif allowed and action != "view":
        allowed = permissions.can_take_step(actor, facts, action)
    if not allowed:
        deny(user, "fivegood.case", case_id, request)
    return case


def visible_cases(user: Any) -> QuerySet[Case]:
    actor = actor_of(user)
    cases = Case.objects.select_related("organization", "assessment", "result")
    if actor.role == Role.COUNTY:
        return cases
    if actor.role == Role.STREET and actor.org_path:
        return cases.filter(organization__path__startswith=actor.org_path)
    if actor.role in ORG_STAFF_ROLES and actor.org_id is not None:
        return cases.filter(organization_id=actor.org_id)
    return cases.none()
