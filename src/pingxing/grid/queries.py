"""Reads of the grid network: coverage of member–household links and visits, a household's
history, the household list, the street's table. Each in a fixed number of queries."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Prefetch, Q, QuerySet

from pingxing.grid.models import Grid, Household, HouseholdLink, Resident, TeamMember, Visit


@dataclass(frozen=True)
class Coverage:
    households: int = 0
    linked: int = 0  # households with a member–household link
    visited_30: int = 0  # households named by a visit in the last 30 days
    visited_90: int = 0

    @staticmethod
    def _share(part: int, whole: int) -> int | None:
        return round(100 * part / whole) if whole else None

    @property
    def linked_share(self) -> int | None:
        return self._share(self.linked, self.households)

    @property
    def visited_30_share(self) -> int | None:
        return self._share(self.visited_30, self.households)

    @property
    def visited_90_share(self) -> int | None:
        return self._share(self.visited_90, self.households)


def coverage(*, grid_ids: Iterable[int] | None = None, community_ids: Iterable[int] | None = None,
             today: dt.date) -> dict[int, Coverage]:
    """Per grid (when `grid_ids` is given: keyed by grid id) or per community (keyed by
    community id): households, households with a link, households visited in the last 30 and
    90 days. Three queries, whatever the number of grids."""
    if grid_ids is not None:
        key, ids = "grid_id", list(grid_ids)
    elif community_ids is not None:
        key, ids = "grid__community_id", list(community_ids)
    else:
        raise ValueError("coverage() needs grid_ids or community_ids")
    households = Household.objects.filter(**{f"{key}__in": ids})
    totals = dict(households.values(key).annotate(n=Count("pk")).values_list(key, "n"))
    linked = dict(households.filter(links__isnull=False).values(key)
                  .annotate(n=Count("pk", distinct=True)).values_list(key, "n"))
    since_30, since_90 = today - dt.timedelta(days=30), today - dt.timedelta(days=90)
    visited = {row[key]: row for row in households.filter(visits__occurred_on__gte=since_90,
                                                          visits__occurred_on__lte=today).values(key).annotate(
        v90=Count("pk", distinct=True), v30=Count("pk", distinct=True, filter=Q(visits__occurred_on__gte=since_30)))}
    return {
        i: Coverage(households=totals.get(i, 0), linked=linked.get(i, 0),
                    visited_30=visited[i]["v30"] if i in visited else 0,
                    visited_90=visited[i]["v90"] if i in visited else 0)
        for i in ids
    }


@dataclass(frozen=True)
class HistoryEntry:
    day: dt.date
    kind: str  # "visit" or "case"
    title: str
    text: str
    obj: Any


def household_history(*, household: Household, limit: int = 100) -> list[HistoryEntry]:
    """The visits and service cases naming the household, newest first (two queries)."""
    visits = (household.visits.select_related("recorded_by").order_by("-occurred_on", "-pk")[:limit])
    entries = [HistoryEntry(v.occurred_on, "visit", v.get_kind_display(), v.heard, v) for v in visits]
    cases = household.cases.order_by("-received_at")[:limit]
    entries += [HistoryEntry(c.received_at.date(), "case", c.title, c.get_state_display(), c) for c in cases]
    return sorted(entries, key=lambda e: (e.day, e.kind == "visit"), reverse=True)[:limit]


def household_list(households: QuerySet[Household], *, grid_id: int | None = None,
                   tag_id: int | None = None) -> QuerySet[Household]:
    """The household list with what each row shows: grid, tags, head of household, links."""
    if grid_id:
        households = households.filter(Q(grid_id=grid_id) | Q(grid__parent_id=grid_id))
    if tag_id:
        households = households.filter(tags__id=tag_id)
    heads = Resident.objects.filter(relation="户主").only("pk", "household_id", "name")
    return (households.select_related("grid").annotate(link_count=Count("links", distinct=True))
            .prefetch_related("tags", Prefetch("residents", queryset=heads, to_attr="heads"))
            .order_by("grid__code", "building", "pk"))


def grids_of_community(community: Any) -> list[Grid]:
    """The community's large grids, each with `small` (its small grids) and `team_size`."""
    grids = list(Grid.objects.filter(community=community)
                 .annotate(team_size=Count("team", filter=Q(team__active=True))).order_by("code"))
    large = [g for g in grids if g.parent_id is None]
    for g in large:
        g.small = [s for s in grids if s.parent_id == g.pk]
    return large


def team_of(grid: Grid) -> list[TeamMember]:
    return list(grid.team.filter(active=True).select_related("role", "member", "user").order_by("role__order", "name"))


def links_of(household: Household) -> list[HouseholdLink]:
    return list(household.links.select_related("member").order_by("since"))


def visits_of(visits: QuerySet[Visit], *, limit: int = 100) -> list[Visit]:
    return list(visits.select_related("grid", "recorded_by").annotate(photo_count=Count("photos", distinct=True),
                                                                       household_count=Count("households", distinct=True))
                .order_by("-occurred_on", "-pk")[:limit])


def street_table(*, communities: Iterable[Any], today: dt.date) -> list[tuple[Any, int, Coverage]]:
    """(community, grid count, coverage) of each community, for the street's table."""
    communities = list(communities)
    ids = [c.pk for c in communities]
    grids = dict(Grid.objects.filter(community_id__in=ids).values("community_id").annotate(n=Count("pk"))
                 .values_list("community_id", "n"))
    cover = coverage(community_ids=ids, today=today)
    return [(c, grids.get(c.pk, 0), cover[c.pk]) for c in communities]
