"""领导小组与工作计划 (plans): the reads (the achieved star is read from ratings.StarResult)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Max, Prefetch

from pingxing.orgs.models import Organization, OrgLevel
from pingxing.plans import rules
from pingxing.plans.models import Group, GroupMember, PlanItem, ProgressNote, StarTarget
from pingxing.ratings.models import StarResult

OUTCOME_LABELS = {rules.Outcome.ACHIEVED: "达成", rules.Outcome.MISSED: "未达成",
                  rules.Outcome.PENDING: "待评定", rules.Outcome.NO_TARGET: "未申报"}


def achieved_stars(org_ids: Iterable[int], year: int) -> dict[int, int]:
    """The published star of each organization for a year."""
    return dict(StarResult.objects.filter(organization_id__in=list(org_ids), year=year)
                .values_list("organization_id", "star"))


def item_facts(item: PlanItem, last_note_on: dt.date | None) -> rules.ItemFacts:
    return rules.ItemFacts(state=item.state, due_on=item.due_on, last_note_on=last_note_on)


def groups_of(org: Organization, year: int) -> list[Group]:
    return list(Group.objects.filter(organization=org, year=year)
                .prefetch_related(Prefetch("members", queryset=GroupMember.objects.order_by("pk"))))


def items_of(org: Organization, year: int, today: dt.date) -> list[PlanItem]:
    """The plan's items with their notes; each gets `.behind` and `.overdue`."""
    items = list(PlanItem.objects.filter(organization=org, year=year)
                 .prefetch_related(Prefetch("notes", queryset=ProgressNote.objects.order_by("noted_on", "pk"))))
    for item in items:
        notes = list(item.notes.all())
        facts = item_facts(item, notes[-1].noted_on if notes else None)
        item.behind = rules.is_behind(facts, today)  # type: ignore[attr-defined]
        item.overdue = rules.is_overdue(facts, today)  # type: ignore[attr-defined]
    return items


@dataclass
class OverviewRow:
    org: Organization
    target: StarTarget | None
    achieved: int | None
    outcome: str
    outcome_label: str
    rate: int | None
    behind: list[PlanItem] = field(default_factory=list)


def overview(*, root: Organization, year: int, today: dt.date) -> list[OverviewRow]:
    """One row per Party organization below `root`: target, achieved star, outcome, progress, behind."""
    orgs = list(Organization.objects.filter(path__startswith=root.path, level=OrgLevel.ORGANIZATION)
                .order_by("path"))
    ids = [o.pk for o in orgs]
    targets = {t.organization_id: t for t in StarTarget.objects.filter(organization_id__in=ids, year=year)}
    stars = achieved_stars(ids, year)
    items: dict[int, list[PlanItem]] = {}
    for item in (PlanItem.objects.filter(organization_id__in=ids, year=year)
                 .annotate(last_note_on=Max("notes__noted_on"))):
        items.setdefault(item.organization_id, []).append(item)
    rows = []
    for org in orgs:
        target = targets.get(org.pk)
        result = rules.outcome(target.star if target else None, stars.get(org.pk))
        own = items.get(org.pk, [])
        behind = [i for i in own if rules.is_behind(item_facts(i, i.last_note_on), today)]  # type: ignore[attr-defined]
        rows.append(OverviewRow(org=org, target=target, achieved=stars.get(org.pk), outcome=result,
                                outcome_label=OUTCOME_LABELS[result],
                                rate=rules.progress_rate([i.state for i in own]), behind=behind))
    return rows


def outcome_label(target: StarTarget | None, achieved: int | None) -> str:
    return OUTCOME_LABELS[rules.outcome(target.star if target else None, achieved)]


def dashboard_rows(*, street: Any, year: int, today: dt.date) -> list[OverviewRow]:
    """The overview's rows with a target; one query only when no organization below declared one."""
    if not StarTarget.objects.filter(organization__path__startswith=street.path, year=year).exists():
        return []
    return [r for r in overview(root=street, year=year, today=today) if r.target is not None]
