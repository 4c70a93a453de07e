"""Members drawn into regional Party organizations (区域化党组织, seed 四.2), audited.

The drawn member keeps their home organization (their Party relation stays there)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from pingxing.core.audit import AuditAction, audit_record
from pingxing.core.http import ActingUser
from pingxing.members.models import DrawnMember, Member
from pingxing.orgs.models import MemberUnit, Organization, OutsideUnit
from pingxing.orgs.services_regional import check_regional


def member_comes_from(member: Member, unit: MemberUnit) -> bool:
    """Whether the member belongs to the member unit: a tree unit's organization (or below it),
    or an outside unit registered as the member's work place."""
    if unit.organization_id is not None:
        home: str = member.organization.path
        return unit.organization is not None and home.startswith(unit.organization.path)
    return member.work_unit_id is not None and member.work_unit_id == unit.outside_unit_id


def drawn_member_add(
    *, regional: Organization, member: Member, member_unit: MemberUnit, by: ActingUser | None,
    joined_on: dt.date, request: Any = None,
) -> DrawnMember:
    """Draw a member of one of the regional organization's member units into it."""
    check_regional(regional)
    if member_unit.regional_id != regional.pk or member_unit.left_on is not None:
        raise ValidationError({"member_unit": _("该单位不是“%(name)s”的现有成员单位") % {"name": regional.name}})
    if not member_comes_from(member, member_unit):
        raise ValidationError({"member": _("党员“%(member)s”不属于成员单位“%(unit)s”")
                               % {"member": member.name, "unit": member_unit.unit_name}})
    if DrawnMember.objects.filter(regional=regional, member=member).exists():
        raise ValidationError({"member": _("党员“%(member)s”已是本组织成员") % {"member": member.name}})
    drawn = DrawnMember(regional=regional, member=member, member_unit=member_unit, joined_on=joined_on)
    with transaction.atomic():
        drawn.save()
        audit_record(action="drawn_member_add", user=by, obj=drawn, organization=regional, request=request,
                     changes={"member": [None, member.pk], "member_unit": [None, member_unit.unit_name],
                              "joined_on": [None, joined_on.isoformat()]})
    return drawn


def drawn_member_remove(*, drawn: DrawnMember, by: ActingUser | None, request: Any = None) -> None:
    """Take a drawn member out of the regional organization; their home record is untouched."""
    with transaction.atomic():
        audit_record(action="drawn_member_end", user=by, obj=drawn, organization=drawn.regional,
                     request=request, changes={"member": [drawn.member_id, None]})
        drawn.delete()


def member_work_unit_set(
    *, member: Member, unit: OutsideUnit | None, by: ActingUser | None, request: Any = None,
) -> Member:
    """Record the outside unit (驻区单位) a member works at, in the member's own street."""
    street = member.organization.street()
    if unit is not None and (street is None or unit.street_id != street.pk):
        raise ValidationError({"work_unit": _("“%(name)s”不是本街道登记的驻区单位") % {"name": unit.name}})
    with transaction.atomic():
        before = member.work_unit_id
        member.work_unit = unit
        member.save(update_fields=["work_unit", "updated_at"])
        audit_record(action=AuditAction.UPDATE, user=by, obj=member, organization=member.organization,
                     request=request, changes={"work_unit_id": [before, member.work_unit_id]})
    return member
