"""Demo data of the analysis meetings (研判), from the demo's grids and cases (loaded before):
team meetings most weeks of the last three months, organization meetings every fortnight but
one missed recently, street meetings monthly but one missed — so the home pages of the street
and community logins show their flags. A merge and an escalation are decided through the
services.

The meetings themselves are written in bulk (a few thousand rows would take too long one by
one); their agendas are built by the same pure builder from facts read once for the street.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from typing import Any

from django.db import transaction
from django.utils import timezone

from pingxing.grid import cadence
from pingxing.grid.agenda import (
    AgendaFacts,
    CaseLine,
    build_agenda,
    normalize_address,
    repeat_window,
)
from pingxing.grid.cadence import Level, Period
from pingxing.grid.clock import LOCAL_TZ

TEAM_WEEKS = 13
ORG_FORTNIGHTS = 6
STREET_MONTHS = 4


def _recent(level: Level, today: dt.date, count: int) -> list[Period]:
    """The last `count` periods of `level` that have ended, oldest first."""
    out: list[Period] = []
    period = cadence.period_of(level, today)
    while len(out) < count:
        period = cadence.period_of(level, period.start - dt.timedelta(days=1))
        out.append(period)
    return out[::-1]


def _last_missable(level: Level, periods: list[Period], today: dt.date) -> Period | None:
    """The newest period past its grace (left without a meeting, it is flagged)."""
    gone = cadence.missed([], periods, today)
    return gone[-1] if gone else None


class _Facts:
    """Every live case of the streets, read once, and the 不满意 follow-ups."""

    def __init__(self, street_paths: list[str], since: dt.date) -> None:
        from pingxing.grid.models_cases import CaseStep, ServiceCase
        from pingxing.grid.queries_meetings import category_names

        q = ServiceCase.objects.filter(merged_into__isnull=True, community__path__startswith=street_paths[0])
        for path in street_paths[1:]:
            q = q | ServiceCase.objects.filter(merged_into__isnull=True, community__path__startswith=path)
        rows = q.values("pk", "number", "title", "category", "grid_id", "grid__parent_id", "state", "received_at",
                        "deadline", "address", "reporter_digest", "community_id", "community__path")
        self.lines: list[tuple[CaseLine, int | None, int, str]] = []
        for r in rows:
            line = CaseLine(id=r["pk"], number=r["number"], title=r["title"], category=r["category"],
                            grid_id=r["grid_id"], state=r["state"],
                            received_on=timezone.localtime(r["received_at"], LOCAL_TZ).date(),
                            deadline=r["deadline"], address=r["address"] or "", reporter_digest=r["reporter_digest"] or "")
            self.lines.append((line, r["grid__parent_id"], r["community_id"], r["community__path"]))
        self.unsatisfied: dict[int, list[dt.date]] = defaultdict(list)
        since_at = dt.datetime.combine(since, dt.time.min, tzinfo=LOCAL_TZ)
        for case_id, at in (CaseStep.objects.filter(action="follow_up", to_state="handling", at__gte=since_at)
                            .values_list("case_id", "at")):
            self.unsatisfied[case_id].append(timezone.localtime(at, LOCAL_TZ).date())
        self.names = category_names()

    def scope_lines(self, *, grid_id: int | None = None, community_id: int | None = None,
                    path: str = "") -> list[CaseLine]:
        if grid_id is not None:
            return [x for x, parent, _c, _p in self.lines if grid_id in (x.grid_id, parent)]
        if community_id is not None:
            return [x for x, _g, c, _p in self.lines if c == community_id]
        return [x for x, _g, _c, p in self.lines if p.startswith(path)]

    def agenda(self, lines: list[CaseLine], period: Period, grid_names: dict[int, str]) -> dict[str, Any]:
        def counts(p: Period) -> dict[tuple[str, int | None], int]:
            out: dict[tuple[str, int | None], int] = defaultdict(int)
            for x in lines:
                if p.contains(x.received_on):
                    out[(x.category, x.grid_id)] += 1
            return out

        window = repeat_window(period)
        facts = AgendaFacts(
            period=period, counts=counts(period), previous_counts=counts(period.previous()),
            open_cases=tuple(x for x in lines if x.deadline is not None and x.deadline < period.end),
            recent_cases=tuple(x for x in lines if window.contains(x.received_on)),
            unsatisfied=tuple(x for x in lines if any(period.contains(d) for d in self.unsatisfied.get(x.id, ()))),
            category_names=self.names, grid_names=grid_names)
        return build_agenda(facts).to_json()


def _conclusion(agenda: dict[str, Any]) -> str:
    hot = agenda["by_category"][0]["name"] if agenda["by_category"] else ""
    parts = [f"本期受理{agenda['total']}件" + (f"，{hot}较为集中，请网格员加强巡查" if hot else "") + "。"]
    if agenda["overdue"]:
        parts.append(f"超期案件{len(agenda['overdue'])}件，逐件明确责任人和办结时间。")
    if agenda["unsatisfied"]:
        parts.append("回访不满意的案件重新办理，办结后再次回访。")
    return "".join(parts)


def load_meetings(*, today: dt.date | None = None) -> None:
    """Demo data of the meetings part; nothing when it exists already."""
    from pingxing.accounts.models import User
    from pingxing.grid.models import Grid, TeamMember
    from pingxing.grid.models_meetings import Meeting
    from pingxing.orgs.models import Organization

    today = today or timezone.localdate()
    if Meeting.objects.exists() or not Grid.objects.exists():
        return
    grids = list(Grid.objects.select_related("community").order_by("community__path", "code"))
    community_ids = sorted({g.community_id for g in grids}, key=lambda pk: pk)
    communities = {o.pk: o for o in Organization.objects.filter(pk__in=community_ids)}
    streets = [s for s in Organization.objects.filter(level="street").order_by("path")
               if any(c.path.startswith(s.path) for c in communities.values())]
    if not streets:
        return
    users: dict[tuple[int, str], Any] = {}
    for u in User.objects.filter(organization__in=[*communities, *(s.pk for s in streets)], is_active=True,
                                 role__in=("secretary", "clerk", "street")).order_by("pk"):
        users.setdefault((u.organization_id, u.role), u)
    leaders: dict[int, Any] = {}
    for tm in TeamMember.objects.filter(role__leads=True, active=True, user__isnull=False).select_related("user"):
        leaders.setdefault(tm.grid_id, tm.user)
    since = today - dt.timedelta(days=7 * TEAM_WEEKS + 120)
    facts = _Facts([s.path for s in streets], since)
    grid_names = {g.pk: g.name for g in grids}
    rows: list[Meeting] = []

    def add(level: Level, org: Any, grid: Any, period: Period, lines: list[CaseLine], by: Any, place: str,
            attendees: str) -> None:
        agenda = facts.agenda(lines, period, grid_names)
        held = period.end - dt.timedelta(days=2)  # a Friday for a week
        rows.append(Meeting(level=level.value, organization=org, grid=grid, period_start=period.start,
                            period_end=period.end, held_on=held, place=place, attendees=attendees,
                            agenda=agenda, conclusions=_conclusion(agenda), recorded_by=by))

    weeks = _recent(Level.TEAM, today, TEAM_WEEKS)
    for g in grids:
        by = leaders.get(g.pk)
        if by is None:
            continue
        lines = facts.scope_lines(grid_id=g.pk)
        for n, week in enumerate(weeks):
            if (g.pk + n) % 7 == 3 and n < len(weeks) - 4:  # most weeks; none missed lately
                continue
            add(Level.TEAM, g.community, g, week, lines, by, f"{g.name}服务站", "网格长、网格员、党员、民警")
    fortnights = _recent(Level.ORGANIZATION, today, ORG_FORTNIGHTS)
    gone = _last_missable(Level.ORGANIZATION, fortnights, today)
    for pk in community_ids:
        by = users.get((pk, "secretary")) or users.get((pk, "clerk"))
        if by is None:
            continue
        lines = facts.scope_lines(community_id=pk)
        for period in fortnights:
            if period != gone:
                add(Level.ORGANIZATION, communities[pk], None, period, lines, by, "社区党群服务中心会议室",
                    "社区党组织书记、委员，各网格长")
    months = _recent(Level.STREET, today, STREET_MONTHS)
    gone_month = _last_missable(Level.STREET, months, today)
    for street in streets:
        by = users.get((street.pk, "street"))
        if by is None:
            continue
        lines = facts.scope_lines(path=street.path)
        for period in months:
            if period != gone_month:
                add(Level.STREET, street, None, period, lines, by, "街道办事处会议室", "街道党工委委员，各社区党组织书记")
    with transaction.atomic():
        Meeting.objects.bulk_create(rows, batch_size=500)
    _decisions(users, communities, today)


def _decisions(users: dict[tuple[int, str], Any], communities: dict[int, Any], today: dt.date) -> None:
    """One merge (two cases at the same place) and one escalation (an overdue case), decided by
    the newest organization meeting of the first community that has them."""
    from pingxing.grid import services_meetings
    from pingxing.grid.models_cases import ServiceCase
    from pingxing.grid.models_meetings import Meeting
    from pingxing.grid.queries_meetings import Scope
    from pingxing.grid.services_meetings import MeetingError

    for meeting in Meeting.objects.filter(level="organization").select_related("organization").order_by(
            "organization__path", "-period_start"):
        by = users.get((meeting.organization_id, "secretary"))
        if by is None or meeting.decisions.exists():
            continue
        scope = Scope(Level.ORGANIZATION, meeting.organization)
        live = ServiceCase.objects.filter(community=meeting.organization, merged_into__isnull=True)
        places: dict[str, list[int]] = defaultdict(list)
        for pk, address in live.exclude(state__in=("closed", "followed_up", "not_registered")).exclude(address="") \
                .values_list("pk", "address").order_by("pk")[:2000]:
            places[normalize_address(address)].append(pk)
        pair = next((ids[:2] for ids in places.values() if len(ids) >= 2), None)
        overdue = live.filter(state__in=("registered", "dispatched", "handling", "fed_back", "checked"),
                              deadline__lt=today).order_by("deadline").values_list("pk", flat=True).first()
        if pair is None and overdue is None:
            continue
        try:
            if pair is not None:
                services_meetings.decision_add(meeting=meeting, scope=scope, kind="merge", case_ids=pair, by=by,
                                               text="两件反映同一地点的同一问题，合并办理，由主案件统一答复。")
            if overdue is not None:
                services_meetings.decision_add(meeting=meeting, scope=scope, kind="escalate", case_ids=[overdue],
                                               by=by, text="超期未办结，提请督办，三日内报告办理情况。")
        except MeetingError:
            continue
        return
