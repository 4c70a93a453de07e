"""Regional Party building on the members' side (区域化党建, seed 四.2): drawing members of the
member units into a regional organization, and the outside unit a member works at."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from pingxing.core.access import deny, parse_id
from pingxing.core.http import AuthenticatedHttpRequest, actor_of
from pingxing.members import permissions, services_regional
from pingxing.members.access import get_member_for_user, visible_members
from pingxing.members.access_regional import get_drawn_member_for_user
from pingxing.members.models import Member
from pingxing.orgs.access import get_org_for_user, visible_outside_units
from pingxing.orgs.models import REGIONAL_KINDS, MemberUnit, Organization


def _errors(request: HttpRequest, exc: ValidationError) -> None:
    for errors in exc.message_dict.values():
        for error in errors:
            messages.error(request, error)


def drawn_candidates(user: Any, regional: Organization) -> list[tuple[int, str, int]]:
    """(member id, label, member unit id) of members of the current member units not drawn yet."""
    rows: list[tuple[int, str, int]] = []
    taken = set(regional.drawn_members.values_list("member_id", flat=True))
    units = regional.member_units.filter(left_on__isnull=True).select_related("organization", "outside_unit")
    for unit in units:
        q = (Q(organization__path__startswith=unit.organization.path) if unit.organization_id
             else Q(work_unit_id=unit.outside_unit_id))
        for member in visible_members(user).filter(q).exclude(pk__in=taken).order_by("name")[:300]:
            rows.append((member.pk, f"{member.name}（{unit.unit_name}）", unit.pk))
    return rows


@login_required
@require_POST
def drawn_add(request: AuthenticatedHttpRequest, org_id: int) -> HttpResponse:
    regional = get_org_for_user(request.user, org_id, request=request)
    if regional.kind not in REGIONAL_KINDS or not permissions.can_manage_drawn_members(actor_of(request.user),
                                                                                       regional.path):
        deny(request.user, "members.drawn", org_id, request)
    back = f"/members/?org={regional.pk}"
    choice = (request.POST.get("candidate") or "").split(":")
    pairs = {(m, u) for m, _label, u in drawn_candidates(request.user, regional)}
    if len(choice) != 2 or (parse_id(choice[0]), parse_id(choice[1])) not in pairs:
        messages.error(request, _("请选择要加入的党员（须来自现有成员单位）。"))
        return redirect(back)
    member = Member.objects.select_related("organization").get(pk=parse_id(choice[0]))
    unit = MemberUnit.objects.select_related("organization", "outside_unit").get(pk=parse_id(choice[1]))
    try:
        services_regional.drawn_member_add(regional=regional, member=member, member_unit=unit,
                                           joined_on=timezone.localdate(), by=request.user, request=request)
    except ValidationError as exc:
        _errors(request, exc)
    else:
        messages.success(request, _("党员“%(name)s”已加入%(org)s") % {"name": member.name, "org": regional.name})
    return redirect(back)


@login_required
@require_POST
def drawn_remove(request: AuthenticatedHttpRequest, drawn_id: int) -> HttpResponse:
    drawn = get_drawn_member_for_user(request.user, drawn_id, write=True, request=request)
    regional_id, name = drawn.regional_id, drawn.member.name
    services_regional.drawn_member_remove(drawn=drawn, by=request.user, request=request)
    messages.success(request, _("党员“%(name)s”已移出，其本单位组织关系不变。") % {"name": name})
    return redirect(f"/members/?org={regional_id}")


@login_required
@require_POST
def work_unit_set(request: AuthenticatedHttpRequest, member_id: int) -> HttpResponse:
    member = get_member_for_user(request.user, member_id, write=True, request=request)
    raw = request.POST.get("work_unit", "")
    unit = None
    if raw:
        unit = visible_outside_units(request.user).filter(pk=parse_id(raw)).first()
        if unit is None:
            messages.error(request, _("所选驻区单位不存在或无权查看。"))
            return redirect("members:detail", member.pk)
    try:
        services_regional.member_work_unit_set(member=member, unit=unit, by=request.user, request=request)
    except ValidationError as exc:
        _errors(request, exc)
    else:
        messages.success(request, _("已保存工作单位。"))
    return redirect("members:detail", member.pk)


def work_unit_choices(member: Member) -> list[tuple[int, str]]:
    street = member.organization.street()
    if street is None:
        return []
    return list(street.outside_units.order_by("name").values_list("pk", "name"))
