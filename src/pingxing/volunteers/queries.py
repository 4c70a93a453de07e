"""党员志愿者 (volunteers): the reads."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.db.models import Count, QuerySet

from pingxing.volunteers import rules
from pingxing.volunteers.models import Activity, HoursEntry, SignUp, Team


def activity_list(activities: QuerySet[Activity], *, year: int) -> QuerySet[Activity]:
    return (activities.filter(date__year=year).select_related("organization", "team")
            .annotate(taken=Count("signups")).order_by("date", "pk"))


def member_signups(member_id: int, *, year: int) -> QuerySet[SignUp]:
    return SignUp.objects.filter(member_id=member_id, activity__date__year=year).select_related("activity")


def _facts(entries: QuerySet[HoursEntry]) -> list[rules.EntryFacts]:
    return [rules.EntryFacts(member_id=m, team_id=t, date=d, hours=h)
            for m, t, d, h in entries.values_list("member_id", "activity__team_id", "activity__date", "hours")]


def member_hours(member_id: int, *, year: int) -> dict[str, Any]:
    entries = HoursEntry.objects.filter(member_id=member_id)
    facts = _facts(entries)
    return {"year_total": rules.yearly_by_member(facts, year=year).get(member_id, Decimal("0")),
            "per_year": rules.per_year(facts),
            "entries": entries.filter(activity__date__year=year).select_related("activity")}


def team_hours(team: Team, *, year: int) -> dict[str, Any]:
    entries = HoursEntry.objects.filter(activity__team=team)
    facts = _facts(entries)
    by_member = rules.yearly_by_member(facts, year=year)
    names = dict(team.memberships.values_list("member_id", "member__name"))
    names.update(dict(entries.values_list("member_id", "member__name")))
    rows = sorted(((names.get(m, ""), h) for m, h in by_member.items()), key=lambda r: (-r[1], r[0]))
    return {"rows": rows, "total": rules.yearly_by_team(facts, year=year).get(team.pk, Decimal("0"))}



def confirm_lines(activity: Activity) -> list[tuple[SignUp, Decimal | None]]:
    confirmed: dict[int, Decimal] = {}
    for m, h in HoursEntry.objects.filter(activity=activity).values_list("member_id", "hours"):
        confirmed[m] = confirmed.get(m, Decimal("0")) + h
    return [(s, confirmed.get(s.member_id)) for s in activity.signups.select_related("member")]
