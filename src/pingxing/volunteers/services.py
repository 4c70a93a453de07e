"""Every write of volunteer service: atomic, audited in the same transaction, errors in Chinese.
The hours ledger is written only here: hours_confirm by the organizer, hours_correct by a new
correcting entry (never by editing)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from pingxing.core.audit import AuditAction, audit_record
from pingxing.core.http import ActingUser
from pingxing.members.models import Member
from pingxing.orgs.models import Organization
from pingxing.points.services import PointsRefused, entry_record, fed_entry_reverse
from pingxing.volunteers import rules
from pingxing.volunteers.models import Activity, HoursEntry, Membership, SignUp, Specialty, Team

SIGNUP_PROBLEMS = {
    "closed": "该活动已停止报名。",
    "past": "该活动已结束，不能报名。",
    "already": "您已报名该活动。",
    "full": "该活动报名人数已满。",
}


class VolunteersError(Exception):
    """A refused write; the message is for the user."""


def team_create(*, organization: Organization, name: str, specialty: str, by: ActingUser,
                request: Any = None) -> Team:
    name = (name or "").strip()
    if not name:
        raise VolunteersError(_("请填写队伍名称。"))
    if specialty not in Specialty.values:
        raise VolunteersError(_("请选择服务类别。"))
    with transaction.atomic():
        team: Team = Team.objects.create(organization=organization, name=name[:100], specialty=specialty)
        audit_record(action=AuditAction.CREATE, user=by, obj=team, organization=organization, request=request,
                     changes={"name": [None, team.name], "specialty": [None, specialty]})
    return team


def team_member_add(*, team: Team, member: Member, joined_on: dt.date, by: ActingUser,
                    request: Any = None) -> Membership:
    try:
        with transaction.atomic():
            membership: Membership = Membership.objects.create(team=team, member=member, joined_on=joined_on)
            audit_record(action=AuditAction.CREATE, user=by, obj=membership, organization=team.organization,
                         request=request, object_repr=f"{member.name} {team.name}",
                         changes={"member_id": [None, member.pk]})
    except IntegrityError:
        raise VolunteersError(_("%(name)s已是该服务队队员。") % {"name": member.name}) from None
    return membership


def activity_create(*, organization: Organization, title: str, date: dt.date, planned_hours: Any, capacity: int,
                    place: str = "", team: Team | None = None, by: ActingUser, request: Any = None) -> Activity:
    title = (title or "").strip()
    hours = rules.parse_hours(planned_hours)
    if not title:
        raise VolunteersError(_("请填写活动名称。"))
    if hours is None:
        raise VolunteersError(_("计划时长应大于0、不超过12小时，以0.5小时为单位。"))
    if capacity < 1:
        raise VolunteersError(_("人数上限应为正整数。"))
    if not 2000 <= date.year <= 2100:
        raise VolunteersError(_("日期无效。"))
    with transaction.atomic():
        activity: Activity = Activity.objects.create(
            organization=organization, team=team, title=title[:100], date=date, planned_hours=hours,
            place=(place or "").strip()[:100], capacity=capacity, organizer=by)
        audit_record(action=AuditAction.CREATE, user=by, obj=activity, organization=organization, request=request,
                     changes={"title": [None, activity.title], "date": [None, date.isoformat()],
                              "capacity": [None, capacity]})
    return activity


def signup_create(*, activity: Activity, member: Member, by: ActingUser, today: dt.date | None = None,
                  request: Any = None) -> SignUp:
    today = today or timezone.localdate()
    with transaction.atomic():
        locked = Activity.objects.select_for_update().get(pk=activity.pk)
        facts = rules.ActivityFacts(date=locked.date, capacity=locked.capacity, taken=locked.signups.count(),
                                    signup_open=locked.signup_open)
        already = locked.signups.filter(member=member).exists()
        problem = rules.signup_problem(facts, today=today, already=already)
        if problem:
            raise VolunteersError(_(SIGNUP_PROBLEMS[problem]))
        signup: SignUp = SignUp.objects.create(activity=locked, member=member)
        audit_record(action=AuditAction.CREATE, user=by, obj=signup, organization=locked.organization,
                     request=request, object_repr=f"{member.name} {locked}")
    return signup


def signup_cancel(*, signup: SignUp, by: ActingUser, today: dt.date | None = None, request: Any = None) -> None:
    today = today or timezone.localdate()
    if not rules.can_cancel(signup.activity.date, today=today):
        raise VolunteersError(_("活动当天及之后不能取消报名。"))
    with transaction.atomic():
        audit_record(action=AuditAction.DELETE, user=by, obj=signup, organization=signup.activity.organization,
                     request=request, object_repr=f"{signup.member.name} {signup.activity}")
        signup.delete()


# the item of the points table (亮分制) that volunteer service earns; the confirmed hours are its evidence
POINTS_ITEM = "B01"


def points_source(entry: HoursEntry) -> str:
    return f"volunteers.hours:{entry.pk}"


def hours_confirm(*, activity: Activity, hours: Mapping[int, Any], by: ActingUser, feed_points: bool = False,
                  request: Any = None) -> list[HoursEntry]:
    """The organizer confirms the hours of the signed-up members who attended (member id → hours;
    empty: absent). All or nothing; the error names the member and the field.

    With `feed_points`, each confirmed entry is also recorded once in the member's points ledger
    (item POINTS_ITEM, the hours entry as its evidence); a member already at the item's yearly cap
    keeps the hours without the points (see `points_skipped` on the returned entries)."""
    signups = {s.member_id: s for s in activity.signups.select_related("member")}
    made: list[HoursEntry] = []
    with transaction.atomic():
        done = set(HoursEntry.objects.filter(activity=activity, corrects=None).values_list("member_id", flat=True))
        for member_id, value in hours.items():
            if value in (None, ""):
                continue
            signup = signups.get(member_id)
            if signup is None:
                raise VolunteersError(_("第%(id)s号党员未报名该活动。") % {"id": member_id})
            name = signup.member.name
            if member_id in done:
                raise VolunteersError(_("%(name)s的时长已确认，请用更正。") % {"name": name})
            checked = rules.parse_hours(value)
            if checked is None:
                raise VolunteersError(_("%(name)s的“时长”应大于0、不超过12小时，以0.5小时为单位。") % {"name": name})
            entry = HoursEntry(member_id=member_id, activity=activity, hours=checked, confirmed_by=by)
            entry.save()
            audit_record(action="vol_hours_ok", user=by, obj=entry, organization=activity.organization,
                         request=request, object_repr=f"{name} {activity}", changes={"hours": [None, str(checked)]})
            entry.points_skipped = ""
            if feed_points:
                entry.points_skipped = _feed_points(entry, signup.member, by=by, request=request)
            made.append(entry)
    return made


def _feed_points(entry: HoursEntry, member: Member, *, by: ActingUser, request: Any) -> str:
    """Record the points of one confirmed entry; "" when recorded, else why not (the hours stand)."""
    activity = entry.activity
    note = _("志愿服务：%(title)s %(hours)s小时") % {"title": activity.title, "hours": entry.hours}
    try:
        with transaction.atomic():
            entry_record(member=member, occurred_on=activity.date, item_code=POINTS_ITEM, by=by, note=note,
                         source=points_source(entry), request=request)
    except PointsRefused as refused:
        return str(refused)
    return ""


def hours_correct(*, entry: HoursEntry, hours: Any, reason: str, by: ActingUser,
                  request: Any = None) -> HoursEntry:
    """A correcting entry: the difference to the right hours (may be negative), with a reason."""
    reason = (reason or "").strip()
    if not reason:
        raise VolunteersError(_("请填写更正理由。"))
    right = Decimal("0") if hours in (None, "", "0", 0) else rules.parse_hours(hours)
    if right is None:
        raise VolunteersError(_("“时长”应为0到12小时，以0.5小时为单位。"))
    with transaction.atomic():
        current = sum((e.hours for e in HoursEntry.objects.filter(member=entry.member, activity=entry.activity)),
                      Decimal("0"))
        delta = right - current
        if delta == 0:
            raise VolunteersError(_("时长没有变化。"))
        fix = HoursEntry(member=entry.member, activity=entry.activity, hours=delta, reason=reason[:200],
                         corrects=entry, confirmed_by=by)
        fix.save()
        audit_record(action="vol_hours_fix", user=by, obj=fix, organization=entry.activity.organization,
                     request=request, changes={"hours": [str(current), str(right)], "reason": [None, reason]})
        if right == 0:  # not there after all: the points fed from the first entry go too
            first = entry.corrects or entry
            fed_entry_reverse(source=points_source(first), by=by, request=request,
                              reason=_("志愿服务时长更正为0：%(reason)s") % {"reason": reason[:150]})
    return fix
