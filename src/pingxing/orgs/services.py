"""Writes of the organization tree (组织架构) and Party groups (党小组), each audited."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from pingxing.core.audit import AuditAction, audit_record, model_changes, snapshot
from pingxing.core.http import ActingUser
from pingxing.orgs.models import (
    CHILD_LEVEL,
    Organization,
    OrgForm,
    OrgKind,
    OrgLevel,
    OutsideUnit,
    PartyGroup,
)

# Which level may sit below which: county → street → Party organization.
_PARENT_LEVEL: dict[Any, Any] = {
    OrgLevel.COUNTY: None, **{child: parent for parent, child in CHILD_LEVEL.items()},
}
_ORG_FIELDS = ("code", "name", "level", "kind", "form", "secretary_name")


def _check_org(org: Organization) -> None:
    if not org.code:
        raise ValidationError({"code": _("请填写组织代码")})
    if not org.name:
        raise ValidationError({"name": _("请填写组织名称（组织代码 %(code)s）") % {"code": org.code}})
    expected = _PARENT_LEVEL.get(org.level)
    if org.level not in _PARENT_LEVEL:
        raise ValidationError({"level": _("未知的层级：%(v)s") % {"v": org.level}})
    parent_level = org.parent.level if org.parent is not None else None
    if parent_level != expected:
        raise ValidationError({"parent": _("“%(name)s”的上级组织层级不正确") % {"name": org.name}})
    if org.level == OrgLevel.ORGANIZATION and (not org.kind or not org.form):
        raise ValidationError({"kind": _("基层党组织“%(name)s”须填写类别和组织形式") % {"name": org.name}})
    if org.kind and org.kind not in OrgKind.values:
        raise ValidationError({"kind": _("未知的类别：%(v)s") % {"v": org.kind}})
    if org.form and org.form not in OrgForm.values:
        raise ValidationError({"form": _("未知的组织形式：%(v)s") % {"v": org.form}})
    if org.level != OrgLevel.ORGANIZATION:
        org.kind, org.form = "", ""
    clash = Organization.objects.filter(code=org.code).exclude(pk=org.pk).exists()
    if clash:
        raise ValidationError({"code": _("组织代码“%(code)s”已被使用") % {"code": org.code}})


def org_create(
    *,
    code: str,
    name: str,
    level: str,
    kind: str = "",
    form: str = "",
    parent: Organization | None = None,
    secretary_name: str = "",
    by: ActingUser | None,
    request: Any = None,
    audit: bool = True,
) -> Organization:
    """Create an organization and its materialized path ("/<pk>/" at the root,
    parent.path + "<pk>/" below) in one transaction."""
    org = Organization(
        code=code.strip(), name=name.strip(), level=level, kind=kind, form=form,
        parent=parent, secretary_name=secretary_name.strip(),
    )
    _check_org(org)
    with transaction.atomic():
        org.save()
        org.path = f"{parent.path if parent is not None else '/'}{org.pk}/"
        org.save(update_fields=["path"])
        if audit:
            audit_record(
                action=AuditAction.CREATE, user=by, obj=org, organization=org, request=request,
                changes=model_changes(None, snapshot(org, (*_ORG_FIELDS, "parent_id"))),
            )
    return org


def org_update(*, org: Organization, by: ActingUser | None, request: Any = None, **fields: Any) -> Organization:
    """Change an organization's own fields (not its place in the tree)."""
    unknown = set(fields) - set(_ORG_FIELDS)
    if unknown:
        raise TypeError(f"org_update: unknown fields {sorted(unknown)}")
    with transaction.atomic():
        locked: Organization = Organization.objects.select_for_update(of=("self",)).select_related("parent").get(pk=org.pk)
        _apply_audited(locked, fields, _ORG_FIELDS, _check_org, by=by, organization=locked, request=request)
    return locked


def _check_group(group: PartyGroup) -> None:
    if group.organization.level != OrgLevel.ORGANIZATION:
        raise ValidationError({"organization": _("党小组只能设在基层党组织下")})
    if not group.name.strip():
        raise ValidationError({"name": _("请填写党小组名称")})
    clash = PartyGroup.objects.filter(organization=group.organization, name=group.name).exclude(pk=group.pk)
    if clash.exists():
        raise ValidationError({"name": _("本组织已有名为“%(name)s”的党小组") % {"name": group.name}})


_GROUP_FIELDS = ("name", "basis", "leader_name", "organization_id")


def party_group_create(
    *, organization: Organization, name: str, by: ActingUser | None, basis: str = "other",
    leader_name: str = "", request: Any = None,
) -> PartyGroup:
    """Create a Party group (党小组) of a Party organization."""
    group = PartyGroup(organization=organization, name=name.strip(), basis=basis, leader_name=leader_name.strip())
    _check_group(group)
    with transaction.atomic():
        group.save()
        audit_record(action=AuditAction.CREATE, user=by, obj=group, organization=organization,
                     changes=model_changes(None, snapshot(group, _GROUP_FIELDS)), request=request)
    return group


def party_group_update(*, group: PartyGroup, by: ActingUser | None, request: Any = None, **fields: Any) -> PartyGroup:
    """Rename a Party group or change its basis or leader."""
    allowed = {"name", "basis", "leader_name"}
    if set(fields) - allowed:
        raise TypeError(f"party_group_update: unknown fields {sorted(set(fields) - allowed)}")
    with transaction.atomic():
        # Reload: a bound ModelForm may already have changed the instance in memory.
        group = PartyGroup.objects.select_for_update(of=("self",)).select_related("organization").get(pk=group.pk)
        _apply_audited(group, fields, _GROUP_FIELDS, _check_group, by=by, organization=group.organization,
                       request=request)
    return group


def party_group_delete(*, group: PartyGroup, by: ActingUser | None, request: Any = None) -> None:
    """Delete a Party group; its members stay in the organization without a group."""
    with transaction.atomic():
        before = snapshot(group, _GROUP_FIELDS)
        member_count = group.members.count()
        group.members.update(party_group=None)
        audit_record(action=AuditAction.DELETE, user=by, obj=group, organization=group.organization,
                     changes={**model_changes(before, None), "member_count": [member_count, 0]},
                     request=request)
        group.delete()


def _apply_audited(obj: Any, fields: dict[str, Any], names: Any, check: Any, *, by: ActingUser | None,
                   organization: Any, request: Any) -> None:
    """Set the fields (text trimmed), check, save, and audit what really changed."""
    before = snapshot(obj, names)
    for name, value in fields.items():
        setattr(obj, name, value.strip() if isinstance(value, str) else value)
    check(obj)
    obj.save()
    changes = model_changes(before, snapshot(obj, names))
    if changes:
        audit_record(action=AuditAction.UPDATE, user=by, obj=obj, organization=organization,
                     changes=changes, request=request)


def orgs_import(*, rows: list[dict[str, Any]], by: ActingUser | None, request: Any = None) -> list[Organization]:
    """Save checked rows in one transaction: one import entry plus one create entry per organization."""
    created: dict[str, Organization] = {}
    with transaction.atomic():
        audit_record(action=AuditAction.IMPORT, user=by, object_type="orgs.organization",
                     changes={"rows": [None, len(rows)]}, request=request)
        remaining = list(rows)
        while remaining:
            ready = [r for r in remaining if r["parent_code"] not in {x["code"] for x in remaining}]
            if not ready:
                raise ValidationError("上级组织代码存在循环引用")
            parents = {o.code: o for o in Organization.objects.filter(code__in=[r["parent_code"] for r in ready])}
            for row in ready:
                parent = created.get(row["parent_code"]) or parents[row["parent_code"]]
                created[row["code"]] = org_create(
                    code=row["code"], name=row["name"], level=row["level"], kind=row["kind"],
                    form=row["form"], parent=parent, secretary_name=row["secretary_name"],
                    by=by, request=request,
                )
            remaining = [r for r in remaining if r not in ready]
    return list(created.values())


_UNIT_FIELDS = ("name", "category", "address", "contact_name", "contact_phone", "note")


def outside_unit_create(
    *, street: Organization, name: str, by: ActingUser | None, category: str = "", address: str = "",
    contact_name: str = "", contact_phone: str = "", note: str = "", request: Any = None,
) -> OutsideUnit:
    """Register an outside unit (驻区单位) with a street; its name is unique in the street."""
    if street.level != OrgLevel.STREET:
        raise ValidationError({"street": _("驻区单位须登记在街道党工委下")})
    name = name.strip()
    if not name:
        raise ValidationError({"name": _("请填写单位名称")})
    if OutsideUnit.objects.filter(street=street, name=name).exists():
        raise ValidationError({"name": _("本街道已登记名为“%(name)s”的单位") % {"name": name}})
    unit = OutsideUnit(street=street, name=name, category=category.strip(), address=address.strip(),
                       contact_name=contact_name.strip(), contact_phone=contact_phone.strip() or None,
                       note=note.strip())
    with transaction.atomic():
        unit.save()
        audit_record(action=AuditAction.CREATE, user=by, obj=unit, organization=street, request=request,
                     changes=model_changes(None, snapshot(unit, ("name", "category", "address", "contact_name"))))
    return unit
