"""The county office's 发文与公示设置: who issues its documents and where objections go."""

from __future__ import annotations

import re
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from pingxing.core.audit import AuditAction, audit_record, model_changes, snapshot
from pingxing.core.http import ActingUser
from pingxing.orgs.models import Organization
from pingxing.ratings.models import OfficeProfile

PROFILE_FIELDS = ("issuer_mark", "issuer_name", "doc_prefix", "printer", "objection_address", "objection_phone")
# A 机关代字 is the head of a 发文字号 ("绍县组" in "绍县组〔2010〕5号"): no brackets, digits or spaces.
_PREFIX = re.compile(r"^[^\s〔〕\[\]（）()\d]+$")


def _check(values: dict[str, str]) -> None:
    """The mark and the signature name one issuer; the prefix can head a 发文字号."""
    errors: dict[str, str] = {}
    mark, name, prefix = values["issuer_mark"], values["issuer_name"], values["doc_prefix"]
    if mark and not mark.endswith("文件"):
        errors["issuer_mark"] = _("发文机关标志应以“文件”结尾，如“中共绍兴县委组织部文件”。")
    elif mark and name and not mark.startswith(name):
        errors["issuer_mark"] = _("发文机关标志“%(mark)s”与发文机关署名“%(name)s”不是同一机关："
                                  "标志应为署名加“文件”。") % {"mark": mark, "name": name}
    if prefix and not _PREFIX.match(prefix):
        errors["doc_prefix"] = _("发文字号机关代字“%(prefix)s”不能含空格、数字或括号，如“绍县组”。") % {"prefix": prefix}
    if errors:
        raise ValidationError(errors)


def office_profile_update(*, office: Organization, by: ActingUser, request: Any = None, **values: str) -> OfficeProfile:
    """Save the office's issuing and objection settings (one row per office), audited.

    `values` are the fields of `PROFILE_FIELDS`; blank ones fall back to what the documents
    derive from the office's name. ValidationError names the field that is wrong."""
    unknown = set(values) - set(PROFILE_FIELDS)
    if unknown:
        raise TypeError(f"office_profile_update: unknown fields {sorted(unknown)}")
    cleaned = {field: str(values.get(field, "") or "").strip() for field in PROFILE_FIELDS}
    _check(cleaned)
    with transaction.atomic():
        profile = OfficeProfile.objects.select_for_update().filter(office=office).first()
        before = snapshot(profile) if profile is not None else None
        profile = profile or OfficeProfile(office=office)
        for field, value in cleaned.items():
            setattr(profile, field, value)
        profile.full_clean()
        changes = model_changes(before, snapshot(profile))
        changes.pop("id", None)
        if changes or before is None:
            profile.save()
            audit_record(action=AuditAction.UPDATE if before else AuditAction.CREATE, user=by, obj=profile,
                         object_repr=f"发文与公示设置 {office.name}", organization=office, changes=changes,
                         request=request)
    return profile
