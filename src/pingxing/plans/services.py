"""Every write of groups, targets and plans: atomic, audited in the same transaction."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from pingxing.core.audit import AuditAction, audit_record
from pingxing.core.files import shortened_name, stored_name
from pingxing.core.http import ActingUser
from pingxing.core.uploads import MAX_BYTES, PHOTOS_AND_PDF, upload_problem
from pingxing.orgs.models import Organization, OrgLevel
from pingxing.plans.models import (
    Group,
    GroupMember,
    ItemState,
    PlanItem,
    Post,
    ProgressNote,
    StarTarget,
    TargetState,
)

MIN_YEAR, MAX_YEAR = 2000, 2100


class PlansError(Exception):
    """A refused write; the message is for the user."""


def _user(by: ActingUser | None) -> Any:
    return by if by is not None and by.pk else None


def _year(year: int) -> None:
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise PlansError(_("年度“%(year)s”无效。") % {"year": year})


def group_create(*, organization: Organization, year: int, name: str = "", office_place: str = "",
                 office_contact: str = "", office_phone: str = "", by: ActingUser | None,
                 request: Any = None) -> Group:
    """The street's leading group or an organization's working group of a year."""
    _year(year)
    leading = organization.level == OrgLevel.STREET
    kind = "leading" if leading else "working"
    label = _("领导小组") if leading else _("工作小组")
    name = (name or "").strip() or f"{organization.name}评星晋级{label}"
    try:
        with transaction.atomic():
            group: Group = Group.objects.create(
                organization=organization, kind=kind, year=year, name=name[:100],
                office_place=office_place.strip()[:100], office_contact=office_contact.strip()[:50],
                office_phone=office_phone.strip()[:20] or None)
            audit_record(action=AuditAction.CREATE, user=by, obj=group, organization=organization, request=request,
                         changes={"kind": [None, kind], "year": [None, year], "name": [None, group.name]})
    except IntegrityError:
        raise PlansError(_("%(year)s年度的小组已建立。") % {"year": year}) from None
    return group


def group_member_add(*, group: Group, name: str, post: str, unit: str = "", phone: str = "",
                     member: Any = None, user: Any = None, by: ActingUser | None,
                     request: Any = None) -> GroupMember:
    name = (name or "").strip()
    if not name:
        raise PlansError(_("请填写姓名。"))
    if post not in Post.values:
        raise PlansError(_("请选择组内职务。"))
    with transaction.atomic():
        gm: GroupMember = GroupMember.objects.create(group=group, name=name[:50], post=post, unit=unit.strip()[:100],
                                                     phone=phone.strip()[:20] or None, member=member, user=user)
        audit_record(action=AuditAction.CREATE, user=by, obj=gm, organization=group.organization, request=request,
                     changes={"name": [None, gm.name], "post": [None, post]})
    return gm


def group_member_remove(*, group_member: GroupMember, by: ActingUser | None, request: Any = None) -> None:
    with transaction.atomic():
        audit_record(action=AuditAction.DELETE, user=by, obj=group_member, request=request,
                     organization=group_member.group.organization,
                     changes={"name": [group_member.name, None], "post": [group_member.post, None]})
        group_member.delete()


def target_set(*, organization: Organization, year: int, star: int, by: ActingUser | None,
               request: Any = None) -> StarTarget:
    """Declare (or change) the year's target star; a change returns it to 已申报."""
    _year(year)
    if star not in range(1, 6):
        raise PlansError(_("目标星级应为1至5星。"))
    with transaction.atomic():
        current = StarTarget.objects.select_for_update().filter(organization=organization, year=year).first()
        old = current.star if current else None
        target: StarTarget = current or StarTarget(organization=organization, year=year)
        target.star = star
        target.state = TargetState.DECLARED
        target.declared_by = _user(by)
        target.declared_at = timezone.now()
        target.confirmed_by, target.confirmed_at = None, None
        target.save()
        audit_record(action="plan_target_set", user=by, obj=target, organization=organization, request=request,
                     changes={"star": [old, star], "year": [None, year]})
    return target


def target_confirm(*, target: StarTarget, by: ActingUser | None, request: Any = None) -> StarTarget:
    """The street agrees a declared target."""
    with transaction.atomic():
        target = StarTarget.objects.select_for_update().get(pk=target.pk)
        if target.state == TargetState.CONFIRMED:
            raise PlansError(_("该评星目标已确认。"))
        target.state = TargetState.CONFIRMED
        target.confirmed_by = _user(by)
        target.confirmed_at = timezone.now()
        target.save(update_fields=["state", "confirmed_by", "confirmed_at"])
        audit_record(action="plan_target_ok", user=by, obj=target, organization=target.organization,
                     request=request, changes={"state": [TargetState.DECLARED, TargetState.CONFIRMED]})
    return target


def item_add(*, organization: Organization, year: int, content: str, owner_name: str, due_on: dt.date,
             owner_user: Any = None, by: ActingUser | None, request: Any = None) -> PlanItem:
    _year(year)
    content, owner_name = (content or "").strip(), (owner_name or "").strip()
    if not content:
        raise PlansError(_("请填写工作内容。"))
    if not owner_name:
        raise PlansError(_("请填写责任人。"))
    with transaction.atomic():
        item: PlanItem = PlanItem.objects.create(organization=organization, year=year, content=content[:300],
                                                 owner_name=owner_name[:50], owner_user=owner_user, due_on=due_on,
                                                 created_by=_user(by))
        audit_record(action=AuditAction.CREATE, user=by, obj=item, organization=organization, request=request,
                     changes={"content": [None, item.content], "due_on": [None, due_on.isoformat()]})
    return item


def item_update(*, item: PlanItem, state: str, due_on: dt.date | None = None, by: ActingUser | None,
                request: Any = None) -> PlanItem:
    if state not in ItemState.values:
        raise PlansError(_("请选择进度。"))
    with transaction.atomic():
        item = PlanItem.objects.select_for_update().get(pk=item.pk)
        changes: dict[str, list[Any]] = {"state": [item.state, state]}
        item.state = state
        if due_on is not None and due_on != item.due_on:
            changes["due_on"] = [item.due_on.isoformat(), due_on.isoformat()]
            item.due_on = due_on
        item.save(update_fields=["state", "due_on"])
        audit_record(action=AuditAction.UPDATE, user=by, obj=item, organization=item.organization,
                     request=request, changes=changes)
    return item


def note_add(*, item: PlanItem, noted_on: dt.date, text: str, evidence: Any = None, by: ActingUser | None,
             request: Any = None) -> ProgressNote:
    """A progress note with an optional evidence file (photo or PDF)."""
    text = (text or "").strip()
    if evidence is not None and (problem := upload_problem(evidence, allowed=PHOTOS_AND_PDF, max_bytes=MAX_BYTES)):
        raise PlansError(problem)
    if not text:
        raise PlansError(_("请填写进展情况。"))
    evidence_name = ""
    if evidence is not None:
        evidence_name = shortened_name(evidence.name, 200)
        evidence.name = stored_name(evidence.name)
    with transaction.atomic():
        note: ProgressNote = ProgressNote.objects.create(item=item, noted_on=noted_on, text=text[:500],
                                                         evidence=evidence or "", evidence_name=evidence_name,
                                                         by=_user(by))
        if item.state == ItemState.NOT_STARTED:
            PlanItem.objects.filter(pk=item.pk).update(state=ItemState.IN_PROGRESS)
        audit_record(action=AuditAction.CREATE, user=by, obj=note, organization=item.organization, request=request,
                     object_repr=f"{item.content[:50]} {noted_on}",
                     changes={"noted_on": [None, noted_on.isoformat()], "evidence": [None, bool(evidence_name)]})
    return note
