"""Every write to the points ledger: entries, appeals and their decision, exemptions, the
ranking setting. Atomic, audited in the same transaction, refused with a Chinese message.

Caps per item per year are checked under a row lock on the member, so two clerks recording
at once cannot pass a cap together. No entry is ever changed: an upheld appeal appends a
reversing entry that cites the deduction.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from pingxing.core.audit import AuditAction, audit_record
from pingxing.core.files import shortened_name, stored_name
from pingxing.core.http import ActingUser
from pingxing.core.uploads import MAX_BYTES, PHOTOS_AND_PDF, upload_problem
from pingxing.members.models import Member
from pingxing.points.models import (
    Appeal,
    AppealState,
    Exemption,
    ExemptionReason,
    PointEntry,
    PointsSetting,
)
from pingxing.points.rules import ItemTable, cap_room, load_table

MIN_YEAR, MAX_YEAR = 2000, 2100


class PointsRefused(Exception):
    """A write the rules refuse; the message is for the user."""


def _check_evidence(upload: Any) -> None:
    problem = upload_problem(upload, allowed=PHOTOS_AND_PDF, max_bytes=MAX_BYTES)
    if problem:
        raise PointsRefused(problem)


def _lock_member(member: Member) -> Member:
    locked: Member = Member.objects.select_for_update().select_related("organization").get(pk=member.pk)
    return locked


def item_total(*, member: Member, year: int, item_code: str) -> int:
    """The net points a member has from one item in one year (reversals included)."""
    total = PointEntry.objects.filter(member=member, year=year, item_code=item_code).aggregate(s=Sum("points"))["s"]
    return int(total or 0)


def entry_record(*, member: Member, occurred_on: dt.date, item_code: str, by: ActingUser, note: str = "",
                 evidence: Any = None, times: int = 1, table: ItemTable | None = None,
                 source: str = "", request: Any = None) -> PointEntry:
    """Record one item for a member (its points × `times`), within the item's yearly cap.

    `source` names the record this entry is fed from ("volunteers.hours:12"): that record is the
    evidence (no upload needed), and the same source is recorded once (a retry returns the entry)."""
    table = table or load_table()
    source = (source or "").strip()[:60]
    if source:
        fed: PointEntry | None = PointEntry.objects.filter(source=source).first()
        if fed is not None:
            return fed
    year = occurred_on.year
    item = table.item(item_code)
    if item is None:
        raise PointsRefused(_("积分项目“%(code)s”不在积分项目表中。") % {"code": item_code})
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise PointsRefused(_("年度“%(year)s”无效。") % {"year": year})
    if times < 1:
        raise PointsRefused(_("次数应为正整数。"))
    if item.evidence_required and evidence is None and not source:
        raise PointsRefused(_("积分项目“%(item)s”须上传证明材料（照片或PDF）。") % {"item": item.name})
    if evidence is not None:
        _check_evidence(evidence)
    points = item.points * times
    with transaction.atomic():
        member = _lock_member(member)
        if item.is_deduction and Exemption.objects.filter(member=member, year=year).exists():
            raise PointsRefused(_("党员%(name)s %(year)s年度免于积分，不记扣分。") % {"name": member.name, "year": year})
        already = item_total(member=member, year=year, item_code=item.code)
        if abs(points) > cap_room(item, already):
            raise PointsRefused(
                _("“%(item)s”每年最多%(cap)d分，%(name)s %(year)s年度已记%(already)d分，不能再记%(points)d分。")
                % {"item": item.name, "cap": item.cap_per_year, "name": member.name, "year": year,
                   "already": abs(already), "points": abs(points)}
            )
        evidence_name = ""
        if evidence is not None:
            evidence_name = shortened_name(evidence.name, 200)
            evidence.name = stored_name(evidence.name)
        entry: PointEntry = PointEntry.objects.create(
            member=member, organization=member.organization, year=year, occurred_on=occurred_on, table_id=table.id,
            table_version=table.version, item_code=item.code, item_name=item.name, points=points,
            evidence=evidence or "", evidence_name=evidence_name, note=note[:200], source=source,
            recorded_by=by, recorded_at=timezone.now(),
        )
        audit_record(action="points_entry", user=by, obj=entry, object_repr=f"{member.name} {entry}",
                     organization=member.organization, request=request,
                     changes={"item": [None, item.code], "points": [None, points], "year": [None, year]})
    return entry


def fed_entry_reverse(*, source: str, reason: str, by: ActingUser, request: Any = None) -> PointEntry | None:
    """The record an entry was fed from no longer holds (e.g. the hours were corrected to none):
    append the reversing entry, once. None when nothing was fed or it is already reversed."""
    with transaction.atomic():
        original: PointEntry | None = (PointEntry.objects.select_for_update().select_related("member")
                                       .filter(source=source).first())
        if original is None or PointEntry.objects.filter(reverses=original).exists():
            return None
        reversal: PointEntry = PointEntry.objects.create(
            member=original.member, organization=original.organization, year=original.year,
            occurred_on=original.occurred_on, table_id=original.table_id, table_version=original.table_version,
            item_code=original.item_code, item_name=original.item_name, points=-original.points,
            reverses=original, note=(reason or "")[:200], recorded_by=by, recorded_at=timezone.now(),
        )
        audit_record(action=AuditAction.CREATE, user=by, obj=reversal, object_repr=f"{original.member.name} {reversal}",
                     organization=original.organization, request=request,
                     changes={"reverses": [None, original.pk], "points": [None, reversal.points]})
    return reversal


def appeal_file(*, entry: PointEntry, reason: str, by: ActingUser, request: Any = None) -> Appeal:
    """The member appeals one of their deductions (once per deduction)."""
    reason = (reason or "").strip()
    if not reason:
        raise PointsRefused(_("请填写申诉理由。"))
    if not entry.is_deduction:
        raise PointsRefused(_("只能对扣分记录提出申诉。"))
    with transaction.atomic():
        _lock_member(entry.member)
        if Appeal.objects.filter(entry=entry).exists():
            raise PointsRefused(_("这条扣分记录已经申诉过。"))
        appeal: Appeal = Appeal.objects.create(entry=entry, reason=reason[:500], filed_by=by, filed_at=timezone.now())
        audit_record(action="points_appeal", user=by, obj=appeal, object_repr=f"申诉 {entry}",
                     organization=entry.organization, request=request, changes={"entry": [None, entry.pk]})
    return appeal


def appeal_decide(*, appeal: Appeal, uphold: bool, decision: str, by: ActingUser,
                  request: Any = None) -> PointEntry | None:
    """The branch committee decides an appeal; an upheld appeal appends a reversing entry."""
    decision = (decision or "").strip()
    if not decision:
        raise PointsRefused(_("请填写决定理由。"))
    with transaction.atomic():
        _lock_member(appeal.entry.member)
        appeal = Appeal.objects.select_for_update().select_related("entry__member").get(pk=appeal.pk)
        if appeal.state != AppealState.PENDING:
            raise PointsRefused(_("这项申诉已经作出决定。"))
        reversal = None
        original = appeal.entry
        if uphold:
            reversal = PointEntry.objects.create(
                member=original.member, organization=original.organization, year=original.year,
                occurred_on=original.occurred_on,
                table_id=original.table_id, table_version=original.table_version, item_code=original.item_code,
                item_name=original.item_name, points=-original.points, reverses=original,
                note=(_("申诉成立，冲正第%(id)d号扣分记录") % {"id": original.pk})[:200], recorded_by=by,
                recorded_at=timezone.now(),
            )
        Appeal.objects.filter(pk=appeal.pk, state=AppealState.PENDING).update(
            state=AppealState.UPHELD if uphold else AppealState.REJECTED, decision=decision[:500],
            decided_by=by, decided_at=timezone.now(),
        )
        audit_record(action="points_decide", user=by, obj=appeal, object_repr=f"申诉 {original}",
                     organization=original.organization, request=request,
                     changes={"state": [AppealState.PENDING, AppealState.UPHELD if uphold else AppealState.REJECTED],
                              "reversal": [None, reversal.pk if reversal else None]})
    return reversal


def exemption_record(*, member: Member, year: int, reason: str, note: str = "", by: ActingUser,
                     request: Any = None) -> Exemption:
    """Record that a member is exempt from one year's points (age, illness, 流动)."""
    if reason not in ExemptionReason.values:
        raise PointsRefused(_("请选择免于积分的原因。"))
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise PointsRefused(_("年度“%(year)s”无效。") % {"year": year})
    table = load_table()
    age = year - member.birth_date.year  # the age reached in that year
    if reason == str(ExemptionReason.AGE) and age < table.exempt_age:
        raise PointsRefused(_("党员%(name)s %(year)s年满%(age)d周岁，未达到免于积分的年龄（%(limit)d周岁）。")
                            % {"name": member.name, "year": year, "age": age, "limit": table.exempt_age})
    with transaction.atomic():
        member = _lock_member(member)
        if Exemption.objects.filter(member=member, year=year).exists():
            raise PointsRefused(_("党员%(name)s %(year)s年度已登记免于积分。") % {"name": member.name, "year": year})
        exemption: Exemption = Exemption.objects.create(member=member, year=year, reason=reason, note=note[:200],
                                             recorded_by=by, recorded_at=timezone.now())
        audit_record(action=AuditAction.CREATE, user=by, obj=exemption, object_repr=f"免于积分 {member.name} {year}",
                     organization=member.organization, request=request,
                     changes={"reason": [None, reason], "year": [None, year]})
    return exemption


def setting_update(*, organization: Any, ranking_visible: bool, by: ActingUser, request: Any = None) -> PointsSetting:
    """Turn the organization's internal ranking on or off."""
    with transaction.atomic():
        setting: PointsSetting
        setting, _created = PointsSetting.objects.select_for_update().get_or_create(organization=organization)
        old = setting.ranking_visible
        setting.ranking_visible = ranking_visible
        setting.save()
        audit_record(action=AuditAction.UPDATE, user=by, obj=setting, object_repr=f"积分排名设置 {organization.name}",
                     organization=organization, request=request, changes={"ranking_visible": [old, ranking_visible]})
    return setting
