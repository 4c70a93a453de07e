"""Reads of the points ledger for pages, statements and exports; each computed in the
database with a fixed number of queries, whatever the number of members."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, IntegerField, Q, Sum, Value
from django.db.models.functions import Coalesce

from pingxing.members.models import Member
from pingxing.orgs.models import Organization, OrgLevel
from pingxing.points.models import Appeal, Exemption, PointEntry, PointsSetting
from pingxing.points.rules import (
    EntryFact,
    ItemTable,
    Statement,
    distribution,
    load_table,
    member_statements,
    quarter_of,
)


def quarter_range(year: int, quarter: int) -> tuple[dt.date, dt.date]:
    """The first and last day of a quarter."""
    start = dt.date(year, 3 * (quarter - 1) + 1, 1)
    end = dt.date(year + 1, 1, 1) if quarter == 4 else dt.date(year, 3 * quarter + 1, 1)
    return start, end - dt.timedelta(days=1)


def _period(entries: Any, year: int, quarter: int | None) -> Any:
    entries = entries.filter(year=year)
    if quarter is not None:
        start, end = quarter_range(year, quarter)
        entries = entries.filter(occurred_on__range=(start, end))
    return entries


def _sums(entries: Any, key: str) -> Any:
    zero = Value(0, output_field=IntegerField())
    return entries.values(key).annotate(
        bonus=Coalesce(Sum("points", filter=Q(points__gt=0)), zero),
        deduction=Coalesce(Sum("points", filter=Q(points__lt=0)), zero),
        n=Count("id"),
    ).order_by()


@dataclass(frozen=True)
class MemberRow:
    member_id: int
    name: str
    org_id: int
    statement: Statement
    exempt: str  # the exemption's reason label, "" when not exempt


def member_rows(members: Any, *, year: int, quarter: int | None = None,
                table: ItemTable | None = None) -> list[MemberRow]:
    """One statement per member of `members` (a queryset), in three queries."""
    table = table or load_table()
    people = list(members.order_by("organization__path", "name", "id").values_list("id", "name", "organization_id"))
    entries = _period(PointEntry.objects.filter(member__in=members), year, quarter)
    sums = {r["member_id"]: r for r in _sums(entries, "member_id")}
    labels = dict(Exemption._meta.get_field("reason").flatchoices)
    exempt = dict(Exemption.objects.filter(member__in=members, year=year).values_list("member_id", "reason"))
    rows = []
    for member_id, name, org_id in people:
        s = sums.get(member_id, {"bonus": 0, "deduction": 0, "n": 0})
        statement = Statement(key=member_id, base=table.base_points, bonus=s["bonus"], deduction=s["deduction"],
                              entries=s["n"])
        rows.append(MemberRow(member_id, name, org_id, statement, str(labels.get(exempt.get(member_id), ""))))
    return rows


def subtree_members(org: Organization) -> Any:
    """The members of an organization and everything below it."""
    return Member.objects.filter(organization__path__startswith=org.path)


def org_member_choices(org: Organization) -> list[tuple[int, str]]:
    """(id, name) of the organization's own members, for the clerk's forms."""
    return list(Member.objects.filter(organization=org).order_by("name", "id").values_list("id", "name"))


def org_names(org: Organization) -> dict[int, str]:
    return dict(Organization.objects.filter(path__startswith=org.path).values_list("id", "name"))


def member_statement(member: Member, *, year: int, quarter: int | None = None) -> Statement:
    rows = member_rows(Member.objects.filter(pk=member.pk), year=year, quarter=quarter)
    return rows[0].statement


def member_entries(member: Member, *, year: int) -> list[PointEntry]:
    """A member's entries of a year, newest first, with their appeal and reversal (one query)."""
    return list(
        PointEntry.objects.filter(member=member, year=year)
        .select_related("appeal", "reverses", "reversed_by", "recorded_by")
        .order_by("-occurred_on", "-id")
    )


@dataclass(frozen=True)
class OrgRow:
    org_id: int
    name: str
    members: int
    exempt: int
    bonus: int
    deduction: int
    average: float
    buckets: list[int]  # distribution of the members' balances (rules.distribution)


def org_rows(street: Organization, *, year: int, table: ItemTable | None = None) -> list[OrgRow]:
    """The street overview: per Party organization below `street`, the distribution of its
    members' yearly balances (four queries in all)."""
    table = table or load_table()
    orgs = list(Organization.objects.filter(path__startswith=street.path, level=OrgLevel.ORGANIZATION)
                .order_by("path").values_list("id", "name"))
    members = Member.objects.filter(organization__path__startswith=street.path)
    rows = member_rows(members, year=year, table=table)
    by_org: dict[int, list[MemberRow]] = {}
    for r in rows:
        by_org.setdefault(r.org_id, []).append(r)
    out = []
    for org_id, name in orgs:
        mine = by_org.get(org_id, [])
        balances = [r.statement.balance for r in mine if not r.exempt]
        out.append(OrgRow(
            org_id=org_id, name=name, members=len(mine), exempt=sum(1 for r in mine if r.exempt),
            bonus=sum(r.statement.bonus for r in mine), deduction=sum(r.statement.deduction for r in mine),
            average=round(sum(balances) / len(balances), 1) if balances else 0.0,
            buckets=distribution(balances),
        ))
    return out


def pending_appeals(org: Organization) -> list[Appeal]:
    """Appeals the organization's committee has still to decide (one query)."""
    return list(Appeal.objects.filter(entry__organization__path__startswith=org.path, state="pending")
                .select_related("entry__member").order_by("filed_at"))


def ranking_on(org_id: int) -> bool:
    return bool(PointsSetting.objects.filter(organization_id=org_id, ranking_visible=True).exists())


def org_ranking(org: Organization, *, year: int) -> list[MemberRow]:
    """The organization's own members by balance (shown only where the organization turned it on)."""
    rows = [r for r in member_rows(Member.objects.filter(organization=org), year=year) if not r.exempt]
    return sorted(rows, key=lambda r: (-r.statement.balance, r.name))


def member_notice(member_id: int, *, year: int, table: ItemTable | None = None) -> dict[str, int]:
    """The home card of a member: the year's balance and deductions they have not appealed."""
    table = table or load_table()
    entries = PointEntry.objects.filter(member_id=member_id, year=year)
    total = entries.aggregate(s=Sum("points"))["s"] or 0
    open_deductions = entries.filter(points__lt=0, reverses=None, appeal=None, reversed_by=None).count()
    return {"balance": table.base_points + int(total), "open_deductions": open_deductions}


@dataclass(frozen=True)
class Ledger:
    entries: list[PointEntry]
    statement: Statement  # of the period asked for
    quarters: list[Statement]  # the four quarters of the year


def member_ledger(member: Member, *, year: int, quarter: int | None = None,
                  table: ItemTable | None = None) -> Ledger:
    """A member's page: the year's entries (one query) and the statements computed from them."""
    table = table or load_table()
    entries = member_entries(member, year=year)
    facts = [EntryFact(member.pk, e.organization_id, e.year, quarter_of(e.occurred_on.month), e.points)
             for e in entries]

    def one(q: int | None) -> Statement:
        return member_statements(facts, year=year, base=table.base_points, member_ids=[member.pk], quarter=q)[member.pk]

    return Ledger(entries=entries, statement=one(quarter), quarters=[one(q) for q in (1, 2, 3, 4)])


def roll_balances(*, year: int, member_ids: list[int]) -> list[MemberRow]:
    """The yearly statements of the given members (an evaluation's roll), in three queries."""
    rows = {r.member_id: r for r in member_rows(Member.objects.filter(pk__in=member_ids), year=year)}
    return [rows[m] for m in member_ids if m in rows]


def public_distribution(*, org_id: int, year: int, table: ItemTable | None = None) -> list[dict[str, Any]]:
    """How many of the organization's members fall in each band of yearly points ({"low", "high",
    "count"}; None for an open end): no names, so no ranking (亮结果 of the 五亮 page)."""
    from pingxing.points.rules import distribution

    table = table or load_table()
    balances = [r.statement.balance for r in member_rows(Member.objects.filter(organization_id=org_id), year=year,
                                                         table=table) if not r.exempt]
    if not balances:
        return []
    edges = (90, 100, 110, 120)
    bounds = [(None, edges[0]), *zip(edges, edges[1:], strict=False), (edges[-1], None)]
    return [{"low": low, "high": high - 1 if high is not None else None, "count": n}
            for (low, high), n in zip(bounds, distribution(balances, edges=edges), strict=True)]


@dataclass(frozen=True)
class PointsOverview:
    members: int  # members with yearly points (the exempt left out)
    average: Any  # Decimal with one place, None without members
    below: int  # members under 90 points


def overview_by_org(*, org_ids: Any, year: int, table: ItemTable | None = None) -> dict[int, PointsOverview]:
    """Per organization, its members' yearly points in figures — no names (three queries)."""
    from decimal import ROUND_HALF_UP, Decimal

    balances: dict[int, list[int]] = {}
    for row in member_rows(Member.objects.filter(organization_id__in=org_ids), year=year, table=table):
        if not row.exempt:
            balances.setdefault(row.org_id, []).append(row.statement.balance)
    return {o: PointsOverview(len(b), (Decimal(sum(b)) / len(b)).quantize(Decimal("0.1"), ROUND_HALF_UP),
                              sum(1 for x in b if x < 90)) for o, b in balances.items()}
