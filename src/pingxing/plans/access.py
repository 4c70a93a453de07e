"""Access to groups, targets and plans: an object or one 404 for missing and forbidden."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.db.models import QuerySet

from pingxing.core.access import deny, parse_id, reach_q
from pingxing.core.http import actor_of
from pingxing.core.scope import Actor
from pingxing.orgs.models import Organization
from pingxing.plans import permissions
from pingxing.plans.models import Group, GroupMember, PlanItem, ProgressNote, StarTarget
from pingxing.plans.permissions import OrgFacts

Check = Callable[[Actor, OrgFacts], bool]


def org_facts(org: Organization) -> OrgFacts:
    return OrgFacts(org_path=org.path, org_id=org.pk)


def get_org_for_user(user: Any, org_id: Any, *, check: Check = permissions.can_read_plans,
                     request: Any = None) -> Organization:
    org: Organization | None = Organization.objects.filter(pk=parse_id(org_id)).first()
    if org is None or not check(actor_of(user), org_facts(org)):
        deny(user, "plans.org", org_id, request)
    return org


def get_group_for_user(user: Any, group_id: Any, *, check: Check = permissions.can_edit_plans,
                       request: Any = None) -> Group:
    group: Group | None = Group.objects.select_related("organization").filter(pk=parse_id(group_id)).first()
    if group is None or not check(actor_of(user), org_facts(group.organization)):
        deny(user, "plans.group", group_id, request)
    return group


def get_group_member_for_user(user: Any, gm_id: Any, *, check: Check = permissions.can_edit_plans,
                              request: Any = None) -> GroupMember:
    gm: GroupMember | None = (GroupMember.objects.select_related("group__organization")
                              .filter(pk=parse_id(gm_id)).first())
    if gm is None or not check(actor_of(user), org_facts(gm.group.organization)):
        deny(user, "plans.groupmember", gm_id, request)
    return gm


def get_target_for_user(user: Any, target_id: Any, *, check: Check = permissions.can_confirm_target,
                        request: Any = None) -> StarTarget:
    target: StarTarget | None = (StarTarget.objects.select_related("organization")
                                 .filter(pk=parse_id(target_id)).first())
    if target is None or not check(actor_of(user), org_facts(target.organization)):
        deny(user, "plans.target", target_id, request)
    return target


def get_item_for_user(user: Any, item_id: Any, *, check: Check = permissions.can_edit_plans,
                      request: Any = None) -> PlanItem:
    item: PlanItem | None = PlanItem.objects.select_related("organization").filter(pk=parse_id(item_id)).first()
    if item is None or not check(actor_of(user), org_facts(item.organization)):
        deny(user, "plans.item", item_id, request)
    return item


def get_note_for_user(user: Any, note_id: Any, *, check: Check = permissions.can_read_plans,
                      request: Any = None) -> ProgressNote:
    note: ProgressNote | None = (ProgressNote.objects.select_related("item__organization")
                                 .filter(pk=parse_id(note_id)).first())
    if note is None or not check(actor_of(user), org_facts(note.item.organization)):
        deny(user, "plans.note", note_id, request)
    return note


def visible_orgs(user: Any) -> QuerySet[Organization]:
    orgs: QuerySet[Organization] = Organization.objects.filter(
        reach_q(permissions.read_reach(actor_of(user)), path="path", org="pk"))
    return orgs
