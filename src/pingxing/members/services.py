"""Writes of Party members (党员), each audited; sensitive values appear only as "***"."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from pingxing.core.audit import AuditAction, audit_record, model_changes, snapshot
from pingxing.core.http import ActingUser
from pingxing.members.models import Member, id_number_digest
from pingxing.members.validators import (
    id_birth_date,
    id_gender,
    id_number_error,
    identity_errors,
    normalize_id_number,
    phone_error,
)
from pingxing.orgs.models import Organization, OrgLevel, PartyGroup

MEMBER_FIELDS = (
    "name", "gender", "birth_date", "education", "joined_on", "occupation", "specialty",
    "phone", "id_number", "address", "party_group", "status", "is_mobile",
)
_AUDIT_FIELDS = tuple(
    f"{n}_id" if n == "party_group" else n for n in MEMBER_FIELDS
) + ("organization_id",)


def _snapshot(member: Member) -> dict[str, Any]:
    values = snapshot(member, _AUDIT_FIELDS)
    for name in ("phone", "address"):
        values[name] = values[name] or ""  # NULL and "" are the same empty value
    return values


def member_validate(member: Member, *, check_identity: bool = False) -> None:
    """Normalize and validate; raise ValidationError by field. The messages name the field,
    not the person (the form shows them beside the field; an import names the row).

    Birth date and gender follow from a valid ID number: left empty they are filled in from
    it; with `check_identity` a value that contradicts it is refused. (The member form always
    checks; spreadsheet imports and records registered before the rule are not checked yet.)"""
    member.name = (member.name or "").strip()
    member.id_number = normalize_id_number(member.id_number)
    member.phone = (member.phone or "").strip()
    member.address = (member.address or "").strip()
    errors: dict[str, list[str]] = {}
    if member.organization.level != OrgLevel.ORGANIZATION:
        errors["organization"] = [_("党员只能登记在基层党组织中")]
    if problem := id_number_error(member.id_number):
        errors["id_number"] = [problem]
    else:
        errors.update(_identity_mismatches(member, strict=check_identity))
    if problem := phone_error(member.phone):
        errors["phone"] = [problem]
    if member.party_group_id and member.party_group.organization_id != member.organization_id:
        errors["party_group"] = [_("党小组不属于所在党组织")]
    try:
        member.full_clean(exclude=["id_number_digest", *errors])
    except ValidationError as exc:
        for name, messages in exc.message_dict.items():
            errors.setdefault(name, []).extend(messages)
    if "id_number" not in errors:
        member.id_number_digest = id_number_digest(member.id_number)
        if Member.objects.filter(id_number_digest=member.id_number_digest).exclude(pk=member.pk).exists():
            errors["id_number"] = [_("身份证号已登记在系统中，不能重复登记")]
    if errors:
        raise ValidationError(errors)


def _identity_mismatches(member: Member, *, strict: bool) -> dict[str, list[str]]:
    """Fill in birth date and gender from the (valid) ID number; name any that contradict it."""
    if member.birth_date is None:
        member.birth_date = id_birth_date(member.id_number)
    if not member.gender:
        member.gender = id_gender(member.id_number) or ""
    if not strict:
        return {}
    return {name: [message] for name, message in
            identity_errors(member.id_number, member.birth_date, member.gender).items()}


def member_create(*, by: ActingUser | None, organization: Organization, request: Any = None, **fields: Any) -> Member:
    """Register a member of a Party organization."""
    unknown = set(fields) - set(MEMBER_FIELDS)
    if unknown:
        raise TypeError(f"member_create: unknown fields {sorted(unknown)}")
    member = Member(organization=organization, **fields)
    member_validate(member)
    with transaction.atomic():
        member.save()
        audit_record(action=AuditAction.CREATE, user=by, obj=member, organization=organization,
                     changes=model_changes(None, _snapshot(member)), request=request)
    return member


def member_update(*, member: Member, by: ActingUser | None, request: Any = None, **fields: Any) -> Member:
    """Change a member's record; `organization` may move them within the caller's scope."""
    unknown = set(fields) - {*MEMBER_FIELDS, "organization"}
    if unknown:
        raise TypeError(f"member_update: unknown fields {sorted(unknown)}")
    with transaction.atomic():
        locked: Member = Member.objects.select_for_update().get(pk=member.pk)
        before = _snapshot(locked)
        for name, value in fields.items():
            setattr(locked, name, value)
        member_validate(locked)
        locked.save()
        changes = model_changes(before, _snapshot(locked))
        if changes:
            audit_record(action=AuditAction.UPDATE, user=by, obj=locked,
                         organization=locked.organization, changes=changes, request=request)
    return locked


def member_delete(*, member: Member, by: ActingUser | None, request: Any = None) -> None:
    """Remove a member's record (e.g. transferred out); the audit keeps the non-sensitive values."""
    with transaction.atomic():
        audit_record(action=AuditAction.DELETE, user=by, obj=member, organization=member.organization,
                     changes=model_changes(_snapshot(member), None), request=request)
        member.delete()


def member_id_number_viewed(*, member: Member, by: ActingUser | None, request: Any = None) -> None:
    """Record an explicit look at a member's full ID number (a read of sensitive data)."""
    audit_record(action=AuditAction.VIEW_SENSITIVE, user=by, obj=member, organization=member.organization,
                 changes={"id_number": ["", "shown"]}, request=request)


def member_contact_viewed(*, member: Member, by: ActingUser | None, request: Any = None) -> None:
    """Record that the full phone and address were shown on the edit form (to be edited)."""
    audit_record(action=AuditAction.VIEW_SENSITIVE, user=by, obj=member, organization=member.organization,
                 changes={"phone": ["", "shown"], "address": ["", "shown"]}, request=request)


def party_groups_apply(
    *,
    organization: Organization,
    basis: str,
    proposal: Sequence[tuple[str, Iterable[int]]],
    by: ActingUser | None,
    request: Any = None,
) -> list[PartyGroup]:
    """Create the proposed Party groups (reusing same-named ones) and assign their members,
    all in one transaction. `proposal` is [(group name, member ids)]; ids outside the
    organization are refused."""
    from pingxing.orgs.services import party_group_create

    with transaction.atomic():
        own_ids = set(organization.members.values_list("pk", flat=True))
        existing = {g.name: g for g in organization.party_groups.all()}
        groups, assigned = [], {}
        for name, member_ids in proposal:
            ids = list(member_ids)
            if set(ids) - own_ids:
                raise ValidationError(_("党小组“%(name)s”中有不属于本组织的党员") % {"name": name})
            group = existing.get(name) or party_group_create(
                organization=organization, name=name, basis=basis, by=by, request=request
            )
            Member.objects.filter(pk__in=ids).update(party_group=group)
            groups.append(group)
            assigned[group.name] = len(ids)
        audit_record(
            action=AuditAction.UPDATE, user=by, obj=organization, organization=organization,
            changes={"party_group_assignment": [None, {"basis": basis, "groups": assigned}]},
            request=request,
        )
    return groups


def members_import(*, rows: list[dict[str, Any]], by: ActingUser | None, request: Any = None) -> list[Member]:
    """Save checked rows in one transaction: one import entry plus one create entry per member.
    Party groups named in the file and missing in the organization are created."""
    from pingxing.orgs.services import party_group_create

    created = []
    with transaction.atomic():
        audit_record(action=AuditAction.IMPORT, user=by, object_type="members.member",
                     changes={"rows": [None, len(rows)]}, request=request)
        groups: dict[tuple[int, str], Any] = {}
        for row in rows:
            values = {k: v for k, v in row.items() if k not in ("party_group_name", "row", "organization")}
            org, group_name = row["organization"], row["party_group_name"]
            if group_name:
                key = (org.pk, group_name)
                if key not in groups:
                    groups[key] = org.party_groups.filter(name=group_name).first() or party_group_create(
                        organization=org, name=group_name, by=by, request=request
                    )
                values["party_group"] = groups[key]
            created.append(member_create(by=by, organization=org, request=request, **values))
    return created
