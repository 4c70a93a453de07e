"""证明材料: files attached to facts (the write). Only photos, PDF and Word files, 20 MB at most."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from pingxing import rubric
from pingxing.core.audit import AuditAction, audit_record
from pingxing.core.files import shortened_name, stored_name
from pingxing.core.http import ActingUser
from pingxing.core.uploads import DOCUMENTS, upload_problem
from pingxing.ratings.models import Evidence, RatingCase


class EvidenceRefused(Exception):
    pass


def evidence_add(*, case: RatingCase, field: str, upload: Any, by: ActingUser) -> Evidence:
    """Attach one file to one fact of a case that is still being declared."""
    if not case.is_editable:
        raise EvidenceRefused(_("申报已提交，不能再上传证明材料。"))
    if field not in {s.name for s in rubric.contract_fields()}:
        raise EvidenceRefused(_("请选择证明材料对应的考评事实。"))
    if upload is None:
        raise EvidenceRefused(_("请选择要上传的文件。"))
    problem = upload_problem(upload, allowed=DOCUMENTS)
    if problem:
        raise EvidenceRefused(problem)
    original_name = shortened_name(upload.name, Evidence._meta.get_field("original_name").max_length or 200)
    upload.name = stored_name(upload.name)
    with transaction.atomic():
        item: Evidence = Evidence.objects.create(case=case, field=field, file=upload,
                                                 original_name=original_name, uploaded_by=by)
        audit_record(action=AuditAction.CREATE, user=by, obj=item, object_repr=f"证明材料 {item.original_name}",
                     organization=case.organization, changes={"field": [None, field]})
    return item
