"""Reads of pioneer pledges for pages, with bounded query counts."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Case, Count, IntegerField, Prefetch, Q, QuerySet, Value, When

from pingxing.pledges.models import (
    Fulfilment,
    FulfilmentState,
    PeerRated,
    PledgeArea,
    PledgeItem,
    PledgeSheet,
    SheetState,
)
from pingxing.pledges.scoring import Weights, YearEndScore, load_weights, year_end_score


def weights() -> Weights:
    return load_weights()


def score_of(sheet: PledgeSheet, weights_: Weights | None = None) -> YearEndScore:
    return year_end_score(self_score=sheet.self_score, peer_count=sheet.peer_count, peer_total=sheet.peer_total,
                          org_score=sheet.org_score, weights=weights_ or weights())


def in_area_order(items: QuerySet[PledgeItem]) -> QuerySet[PledgeItem]:
    """Items in the seed's order of the four areas (not the alphabetical order of their codes)."""
    order = Case(*(When(area=value, then=Value(i)) for i, value in enumerate(PledgeArea.values)),
                 output_field=IntegerField())
    return items.order_by(order, "due_date", "pk")


def with_items(sheets: QuerySet[PledgeSheet]) -> QuerySet[PledgeSheet]:
    """Sheets with their items (in area order) and the items' fulfilments, in three queries
    whatever the count."""
    return sheets.prefetch_related(
        Prefetch("items", queryset=in_area_order(PledgeItem.objects.all()).prefetch_related(
            Prefetch("fulfilments", queryset=Fulfilment.objects.order_by("done_on", "pk")))))


def staff_list(sheets: QuerySet[PledgeSheet], *, year: int) -> QuerySet[PledgeSheet]:
    """The organization's (or subtree's) sheets of a year with counts of items and fulfilments."""
    return (sheets.filter(year=year)
            .annotate(item_count=Count("items", distinct=True),
                      pending_count=Count("items__fulfilments",
                                          filter=Q(items__fulfilments__state=FulfilmentState.PENDING), distinct=True),
                      kept_count=Count("items__fulfilments",
                                       filter=Q(items__fulfilments__state=FulfilmentState.APPROVED), distinct=True))
            .order_by("organization__path", "member__name"))


def public_sheets(*, org_id: int, year: int) -> list[dict[str, Any]]:
    """The organization's published pledges of a year: names and pledge texts only."""
    sheets = (PledgeSheet.objects.filter(organization_id=org_id, year=year, state=SheetState.PUBLISHED)
              .select_related("member").order_by("member__name")
              .prefetch_related(Prefetch("items", queryset=in_area_order(PledgeItem.objects.all()))))
    return [{"name": s.member.name,
             "items": [{"area": i.get_area_display(), "text": i.text, "due_date": i.due_date} for i in s.items.all()]}
            for s in sheets]


def peers_to_rate(*, member: Any, year: int) -> list[tuple[PledgeSheet, bool]]:
    """The published sheets of the other members of the member's organization, and whether the
    member has rated each already."""
    sheets = list(PledgeSheet.objects.filter(organization_id=member.organization_id, year=year,
                                             state=SheetState.PUBLISHED)
                  .exclude(member=member).select_related("member").order_by("member__name"))
    rated = set(PeerRated.objects.filter(rater=member, sheet__in=sheets).values_list("sheet_id", flat=True))
    return [(sheet, sheet.pk in rated) for sheet in sheets]


@dataclass(frozen=True)
class EvaluationEntry:
    """The member's democratic evaluation of the same year, shown beside the pledges' score."""

    organization: str
    final_grade: str
    proposed_grade: str


def democratic_evaluation(*, member_id: int, year: int) -> EvaluationEntry | None:
    from pingxing.evaluations.models import RollEntry

    entry = (RollEntry.objects.filter(member_id=member_id, evaluation__year=year, evaluation__subject="members",
                                      excused=False)
             .select_related("evaluation__organization").first())
    if entry is None:
        return None
    return EvaluationEntry(organization=entry.evaluation.organization.name,
                           final_grade=entry.get_final_grade_display() if entry.final_grade else "",
                           proposed_grade=entry.get_proposed_grade_display() if entry.proposed_grade else "")


EXPORT_HEADERS = ("党组织", "党员", "状态", "承诺事项", "已认定践诺", "待审践诺", "自评分", "互评人数", "互评分",
                  "组织评价分", "综合得分")


def export_rows(sheets: QuerySet[PledgeSheet], *, year: int) -> list[list[Any]]:
    """One row per sheet of the staff list; the peer score only from the minimum of raters."""
    weights_ = weights()
    rows = []
    for sheet in staff_list(sheets, year=year):
        score = score_of(sheet, weights_)
        rows.append([sheet.organization.name, sheet.member.name, sheet.get_state_display(), sheet.item_count,
                     sheet.kept_count, sheet.pending_count, sheet.self_score, score.peer.raters,
                     float(score.peer.mean) if score.peer.mean is not None else None, sheet.org_score,
                     float(score.total) if score.total is not None else None])
    return rows


@dataclass(frozen=True)
class RollScore:
    """A roll member's pledge score beside the democratic evaluation (the main basis of 优秀党员)."""

    name: str
    state: str  # the sheet's state label, "" without a sheet
    self_score: Any
    peer_mean: Any  # None below the minimum of raters
    peer_raters: int
    org_score: Any
    total: Any


def roll_scores(*, organization_id: int, year: int, member_ids: list[int]) -> list[RollScore]:
    """The pledge scores of the given members in their organization's year, in two queries."""
    from pingxing.members.models import Member

    names = dict(Member.objects.filter(pk__in=member_ids).values_list("id", "name"))
    sheets = {s.member_id: s for s in PledgeSheet.objects.filter(organization_id=organization_id, year=year,
                                                                 member_id__in=member_ids)}
    weights_ = weights()
    rows = []
    for member_id in member_ids:
        sheet = sheets.get(member_id)
        if sheet is None:
            rows.append(RollScore(names.get(member_id, ""), "", None, None, 0, None, None))
            continue
        score = score_of(sheet, weights_)
        rows.append(RollScore(names.get(member_id, ""), str(sheet.get_state_display()), sheet.self_score,
                              score.peer.mean, score.peer.raters, sheet.org_score, score.total))
    return rows


@dataclass(frozen=True)
class PledgesOverview:
    published: int  # members whose pledges of the year are public
    kept: int  # approved fulfilments (践诺)
    pending: int  # fulfilments awaiting the clerk


def overview_by_org(*, org_ids: Any, year: int) -> dict[int, PledgesOverview]:
    """Per organization, the year's public pledges and their fulfilments, in two queries."""
    published = dict(PledgeSheet.objects.filter(organization_id__in=org_ids, year=year, state=SheetState.PUBLISHED)
                     .values("organization_id").annotate(n=Count("id")).values_list("organization_id", "n")
                     .order_by())
    fulfilments = (Fulfilment.objects.filter(item__sheet__organization_id__in=org_ids, item__sheet__year=year)
                   .values("item__sheet__organization_id")
                   .annotate(kept=Count("id", filter=Q(state=FulfilmentState.APPROVED)),
                             pending=Count("id", filter=Q(state=FulfilmentState.PENDING))).order_by())
    counts = {r["item__sheet__organization_id"]: (r["kept"], r["pending"]) for r in fulfilments}
    return {o: PledgesOverview(published.get(o, 0), *counts.get(o, (0, 0))) for o in set(published) | set(counts)}
