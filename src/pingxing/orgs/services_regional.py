"""Writes of regional Party organizations' member units (区域化党建成员单位, seed 四.2), audited."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from pingxing.core.audit import AuditAction, audit_record
from pingxing.core.http import ActingUser
from pingxing.orgs.models import (
    REGIONAL_KINDS,
    MemberUnit,
    MemberUnitRole,
    Organization,
    OrgLevel,
    OutsideUnit,
)


def check_regional(regional: Organization, *, field: str = "regional") -> None:
    """Only regional, association and industry-chain organizations have member units."""
    if regional.level != OrgLevel.ORGANIZATION or regional.kind not in REGIONAL_KINDS:
        raise ValidationError({field: _("“%(name)s”不是区域化党组织（区域化、专业协会或产业链党组织），不能设成员单位")
                               % {"name": regional.name}})


def _check_unit(regional: Organization, organization: Organization | None, outside_unit: OutsideUnit | None) -> None:
    if (organization is None) == (outside_unit is None):
        raise ValidationError({"organization": _("请选择一个本系统党组织或一个驻区单位（只选其一）")})
    street = regional.street()
    if organization is not None:
        if organization.pk == regional.pk or organization.level != OrgLevel.ORGANIZATION:
            raise ValidationError({"organization": _("成员单位须是另一个基层党组织")})
        if street is None or not organization.path.startswith(street.path):
            raise ValidationError({"organization": _("“%(name)s”不在本街道") % {"name": organization.name}})
        if MemberUnit.objects.filter(regional=regional, organization=organization, left_on__isnull=True).exists():
            raise ValidationError({"organization": _("“%(name)s”已是成员单位") % {"name": organization.name}})
    if outside_unit is not None:
        if street is None or outside_unit.street_id != street.pk:
            raise ValidationError({"outside_unit": _("“%(name)s”不是本街道登记的驻区单位") % {"name": outside_unit.name}})
        if MemberUnit.objects.filter(regional=regional, outside_unit=outside_unit, left_on__isnull=True).exists():
            raise ValidationError({"outside_unit": _("“%(name)s”已是成员单位") % {"name": outside_unit.name}})


def member_unit_add(
    *, regional: Organization, by: ActingUser | None, joined_on: dt.date,
    organization: Organization | None = None, outside_unit: OutsideUnit | None = None,
    role: str = "member", request: Any = None,
) -> MemberUnit:
    """Add a member unit (an organization of the tree or an outside unit) to a regional organization."""
    check_regional(regional)
    if role not in MemberUnitRole.values:
        raise ValidationError({"role": _("未知的角色：%(v)s") % {"v": role}})
    _check_unit(regional, organization, outside_unit)
    unit = MemberUnit(regional=regional, organization=organization, outside_unit=outside_unit, role=role,
                      joined_on=joined_on)
    with transaction.atomic():
        unit.save()
        audit_record(action="member_unit_add", user=by, obj=unit, organization=regional, request=request,
                     changes={"unit": [None, unit.unit_name], "role": [None, role],
                              "joined_on": [None, joined_on.isoformat()]})
    return unit


def member_unit_remove(
    *, member_unit: MemberUnit, by: ActingUser | None, left_on: dt.date, request: Any = None,
) -> MemberUnit:
    """A member unit leaves (the row stays as history); its drawn members must be removed first."""
    with transaction.atomic():
        locked: MemberUnit = (MemberUnit.objects.select_for_update(of=("self",))
                              .select_related("regional", "organization", "outside_unit").get(pk=member_unit.pk))
        if locked.left_on is not None:
            raise ValidationError({"member_unit": _("该成员单位已退出")})
        if locked.drawn_members.exists():
            raise ValidationError({"member_unit": _("请先移出来自“%(name)s”的党员") % {"name": locked.unit_name}})
        if left_on < locked.joined_on:
            raise ValidationError({"left_on": _("退出日期不能早于加入日期")})
        locked.left_on = left_on
        locked.save(update_fields=["left_on"])
        audit_record(action="member_unit_end", user=by, obj=locked, organization=locked.regional,
                     request=request, changes={"left_on": [None, left_on.isoformat()]})
    return locked


def outside_unit_update(*, unit: OutsideUnit, by: ActingUser | None, request: Any = None, **fields: Any) -> OutsideUnit:
    """Change an outside unit's name, category, address, contact or note (phone audited as changed only)."""
    allowed = {"name", "category", "address", "contact_name", "contact_phone", "note"}
    if set(fields) - allowed:
        raise TypeError(f"outside_unit_update: unknown fields {sorted(set(fields) - allowed)}")
    with transaction.atomic():
        locked: OutsideUnit = OutsideUnit.objects.select_for_update(of=("self",)).get(pk=unit.pk)
        changes: dict[str, Any] = {}
        for name, value in fields.items():
            value = value.strip() if isinstance(value, str) else value
            if name == "contact_phone":
                value = value or None
            if getattr(locked, name) != value:
                changes[name] = ["***", "***"] if name == "contact_phone" else [getattr(locked, name), value]
                setattr(locked, name, value)
        if not locked.name:
            raise ValidationError({"name": _("请填写单位名称")})
        clash = OutsideUnit.objects.filter(street_id=locked.street_id, name=locked.name).exclude(pk=locked.pk)
        if clash.exists():
            raise ValidationError({"name": _("本街道已登记名为“%(name)s”的单位") % {"name": locked.name}})
        locked.save()
        if changes:
            audit_record(action=AuditAction.UPDATE, user=by, obj=locked, organization=locked.street,
                         changes=changes, request=request)
    return locked
