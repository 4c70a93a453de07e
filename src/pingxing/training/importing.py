"""The attendance sheet of one session (Excel), all-or-nothing: every row is checked — ID
number, category, hours, organization, duplicates in the sheet and in the session — before
anything is saved, and every bad row is reported with its number and column."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.utils.translation import gettext as _

from pingxing.core.excel import Column, RowError, as_text, read_rows_checked
from pingxing.core.http import actor_of
from pingxing.members.models import Member, id_number_digest
from pingxing.members.validators import id_number_error, normalize_id_number
from pingxing.orgs.models import Organization
from pingxing.training.access import org_facts
from pingxing.training.models import Attendance, Session, Trainee, TraineeCategory
from pingxing.training.permissions import can_record_for
from pingxing.training.services import as_hours

NAME, ID_NUMBER, CATEGORY, ORG_CODE, HOURS = "姓名", "身份证号", "类别", "所在组织代码", "学时"
CATEGORY_LABELS = {str(label): value for value, label in TraineeCategory.choices}
COLUMNS = (
    Column(NAME, required=True),
    Column(ID_NUMBER, required=True, text=True, width=22),
    Column(CATEGORY, choices=tuple(CATEGORY_LABELS)),
    Column(ORG_CODE, text=True),
    Column(HOURS, width=8),
)


@dataclass
class AttendanceImport:
    rows: list[dict[str, Any]] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)
    raw_rows: dict[int, dict[str, Any]] | None = None


def _category(text: str) -> str | None:
    if text in CATEGORY_LABELS:
        return CATEGORY_LABELS[text]
    return text if text in TraineeCategory.values else None


def parse_attendance(file: Any, *, user: Any, session: Session) -> AttendanceImport:
    """Read and check every row of a session's attendance sheet; saves nothing. A known ID
    number is the registered trainee (or member); an unknown one a new trainee, who needs a
    name and a category. Organizations and people must lie within the user's reach."""
    result = AttendanceImport()
    raw, unreadable = read_rows_checked(file, COLUMNS)
    if unreadable is not None:
        result.errors.append(unreadable)
        return result
    result.raw_rows = dict(raw)
    actor = actor_of(user)
    ids = {n: normalize_id_number(as_text(c.get(ID_NUMBER))) for n, c in raw}
    digests = {n: id_number_digest(v) for n, v in ids.items() if v and not id_number_error(v)}
    trainees = {t.id_number_digest: t for t in Trainee.objects.filter(
        id_number_digest__in=digests.values()).select_related("organization")}
    members = {m.id_number_digest: m for m in Member.objects.filter(
        id_number_digest__in=digests.values()).select_related("organization")}
    recorded = set(Attendance.objects.filter(session=session).values_list("trainee_id", flat=True))
    orgs = {o.code: o for o in Organization.objects.filter(code__in={as_text(c.get(ORG_CODE)) for _n, c in raw})}
    seen: dict[str, int] = {}
    for number, cells in raw:
        errors: list[RowError] = []

        def bad(column: str, reason: str, number: int = number, errors: list[RowError] = errors) -> None:
            errors.append(RowError(number, column, reason))

        name = as_text(cells.get(NAME))
        if not name:
            bad(NAME, _("必填项为空"))
        id_number = ids[number]
        if not id_number:
            bad(ID_NUMBER, _("必填项为空"))
        elif problem := id_number_error(id_number):
            bad(ID_NUMBER, problem)
        category_text = as_text(cells.get(CATEGORY))
        category = _category(category_text) if category_text else None
        if category_text and category is None:
            bad(CATEGORY, _("“%(v)s”不是可选值（%(all)s）") % {"v": category_text, "all": "/".join(CATEGORY_LABELS)})
        hours_text = as_text(cells.get(HOURS))
        hours: Decimal | None = None
        if hours_text:
            hours = as_hours(hours_text)
            if hours is None:
                bad(HOURS, _("“%(v)s”不是数字") % {"v": hours_text})
            elif hours <= 0:
                bad(HOURS, _("学时应大于0"))
            elif hours > session.hours:
                bad(HOURS, _("学时%(h)s超过本场学时%(max)s") % {"h": hours, "max": session.hours})
        code = as_text(cells.get(ORG_CODE))
        org = orgs.get(code) if code else None
        if code and org is None:
            bad(ORG_CODE, _("未知的组织代码“%(code)s”") % {"code": code})
        digest = digests.get(number)
        trainee = trainees.get(digest) if digest else None
        member = members.get(digest) if digest and trainee is None else None
        known = trainee or member
        if digest in seen:
            bad(ID_NUMBER, _("与第 %(n)s 行的身份证号重复") % {"n": seen[digest]})
        elif digest:
            seen[digest] = number
        if known is not None:
            if name and name != known.name:
                bad(NAME, _("与该身份证号已登记的姓名不符"))
            if org is not None and org.pk != known.organization_id:
                bad(ORG_CODE, _("与该人员已登记的所在组织（%(org)s）不符") % {"org": known.organization.name})
            org = known.organization
        if trainee is not None:
            if category and category != trainee.category:
                bad(CATEGORY, _("与该人员已登记的类别（%(c)s）不符") % {"c": trainee.get_category_display()})
            category = trainee.category
            if trainee.pk in recorded:
                bad(ID_NUMBER, _("该人员本场参训记录已登记"))
        elif member is not None:
            category = category or TraineeCategory.MEMBER
        elif digest and not category:
            bad(CATEGORY, _("新参训人员须填写类别"))
        if org is None and not code:
            org = session.course.organizer
        if org is not None and not can_record_for(actor, org_facts(org)):
            bad(ORG_CODE if code else NAME, _("“%(org)s”不在您的管理范围内") % {"org": org.name})
        result.errors.extend(errors)
        result.rows.append({"row": number, "trainee": trainee, "member": member, "name": name,
                            "category": category, "organization": org, "digest": digest,
                            "tail": id_number[-4:], "hours": hours})
    return result
