"""Reads of the analysis meetings (研判): their scopes, the periods due, held and missed, and
the facts an agenda is built from. The rules are in cadence.py and agenda.py (pure)."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from django.db.models import Min, Q
from django.utils import timezone

from pingxing.core.access import deny, parse_id
from pingxing.core.http import actor_of
from pingxing.grid import cadence
from pingxing.grid.agenda import AgendaFacts, CaseLine, repeat_window
from pingxing.grid.cadence import Level, Period, ScopeFacts
from pingxing.grid.catalogue import load_catalogue
from pingxing.grid.clock import LOCAL_TZ
from pingxing.grid.models import Grid, TeamMember
from pingxing.grid.models_cases import CaseStep, ServiceCase
from pingxing.grid.models_meetings import Meeting
from pingxing.grid.workflow import DONE_STATES
from pingxing.orgs.models import Organization

# How many periods the meetings page shows back from today.
PAGE_PERIODS = {Level.TEAM: 13, Level.ORGANIZATION: 7, Level.STREET: 6}


@lru_cache(maxsize=1)
def category_names() -> dict[str, str]:
    return {c.code: c.name for c in load_catalogue().categories}


@dataclass(frozen=True)
class Scope:
    """Who meets: a grid's team, a community's Party organization or the street."""

    level: Level
    organization: Organization  # the community (team, organization) or the street
    grid: Grid | None = None

    @property
    def key(self) -> str:
        if self.grid is not None:
            return f"g{self.grid.pk}"
        return f"{'o' if self.level is Level.ORGANIZATION else 's'}{self.organization.pk}"

    @property
    def name(self) -> str:
        if self.grid is not None:
            return f"{self.organization.name} · {self.grid.name}"
        return self.organization.name

    def cases_q(self, prefix: str = "") -> Q:
        if self.grid is not None:
            return Q(**{f"{prefix}grid": self.grid}) | Q(**{f"{prefix}grid__parent": self.grid})
        if self.level is Level.ORGANIZATION:
            return Q(**{f"{prefix}community": self.organization})
        return Q(**{f"{prefix}community__path__startswith": self.organization.path})

    def meetings(self) -> Any:
        if self.grid is not None:
            return Meeting.objects.filter(level=self.level, grid=self.grid)
        return Meeting.objects.filter(level=self.level, organization=self.organization, grid__isnull=True)


def led_grid_ids(user: Any) -> set[int]:
    """The grids whose team the user leads (an active TeamMember whose role leads)."""
    if not getattr(user, "is_authenticated", False):
        return set()
    return set(TeamMember.objects.filter(user_id=user.pk, role__leads=True, active=True)
               .values_list("grid_id", flat=True))


def facts_of(scope: Scope, user: Any, led: set[int] | None = None) -> ScopeFacts:
    if scope.grid is not None and led is None:
        led = led_grid_ids(user)
    return ScopeFacts(level=scope.level, org_id=scope.organization.pk, org_path=scope.organization.path,
                      grid_id=scope.grid.pk if scope.grid else None,
                      actor_leads_grid=scope.grid is not None and scope.grid.pk in (led or set()))


def parse_scope(key: Any) -> Scope | None:
    text = str(key or "")
    kind, number = text[:1], parse_id(text[1:])
    if kind == "g":
        grid = Grid.objects.select_related("community").filter(pk=number).first()
        return Scope(Level.TEAM, grid.community, grid) if grid is not None else None
    level = {"o": Level.ORGANIZATION, "s": Level.STREET}.get(kind)
    if level is None:
        return None
    org = Organization.objects.filter(pk=number, level=level.value).first()
    return Scope(level, org) if org is not None else None


def get_scope_for_user(user: Any, key: Any, *, check: Any = cadence.can_read_meetings, request: Any = None) -> Scope:
    """The scope named by `key` ("g12", "o5", "s3") if `check` allows the user; else an audited 404."""
    scope = parse_scope(key)
    if scope is None or not check(actor_of(user), facts_of(scope, user)):
        deny(user, "grid.meetings", key, request)
    return scope


def get_meeting_for_user(user: Any, meeting_id: Any, *, check: Any = cadence.can_read_meetings,
                         request: Any = None) -> tuple[Meeting, Scope]:
    meeting: Meeting | None = (Meeting.objects.select_related("organization", "grid", "recorded_by")
                               .filter(pk=parse_id(meeting_id)).first())
    if meeting is None:
        deny(user, "grid.meeting", meeting_id, request)
    scope = Scope(Level(meeting.level), meeting.organization, meeting.grid)
    if not check(actor_of(user), facts_of(scope, user)):
        deny(user, "grid.meeting", meeting_id, request)
    return meeting, scope


def own_scopes(user: Any) -> list[Scope]:
    """The scopes a user holds meetings for or oversees, for the meetings page's chooser."""
    actor = actor_of(user)
    led = led_grid_ids(user)
    scopes = [Scope(Level.TEAM, g.community, g)
              for g in Grid.objects.select_related("community").filter(pk__in=led).order_by("community_id", "code")]
    org = getattr(user, "organization", None)
    if org is None:
        return scopes
    if actor.role in cadence.ORG_STAFF and org.level == "organization":
        scopes.append(Scope(Level.ORGANIZATION, org))
        scopes += [Scope(Level.TEAM, org, g) for g in Grid.objects.filter(community=org).exclude(pk__in=led)
                   .order_by("code")]
    elif actor.role == "street":
        scopes.append(Scope(Level.STREET, org))
        scopes += [Scope(Level.ORGANIZATION, c)
                   for c in Organization.objects.filter(path__startswith=org.path, level="organization",
                                                        grids__isnull=False).distinct().order_by("path")]
    elif actor.role == "county":
        scopes += [Scope(Level.STREET, s) for s in Organization.objects.filter(
            path__startswith=org.path, level="street").order_by("path")]
    return scopes


def _day_start(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time.min, tzinfo=LOCAL_TZ)


def received_within(period: Period, prefix: str = "") -> Q:
    return Q(**{f"{prefix}received_at__gte": _day_start(period.start),
                f"{prefix}received_at__lt": _day_start(period.end + dt.timedelta(days=1))})


def scope_starts(scopes: Iterable[Scope]) -> dict[str, dt.date]:
    """When each scope began to have grid work: its first grid, case or meeting (so a new
    network is not told of meetings missed before it existed). Three queries a scope."""
    scopes = list(scopes)
    out: dict[str, dt.date] = {}

    def keep(key: str, value: Any) -> None:
        if value is None:
            return
        day = timezone.localtime(value, LOCAL_TZ).date() if isinstance(value, dt.datetime) else value
        out[key] = min(out.get(key, day), day)

    for scope in scopes:
        q_grid = (Q(pk=scope.grid.pk) | Q(parent=scope.grid)) if scope.grid is not None else (
            Q(community=scope.organization) if scope.level is Level.ORGANIZATION
            else Q(community__path__startswith=scope.organization.path))
        first = Grid.objects.filter(q_grid).aggregate(g=Min("created_at"))["g"]
        keep(scope.key, first)
        keep(scope.key, ServiceCase.objects.filter(scope.cases_q()).aggregate(c=Min("received_at"))["c"])
        keep(scope.key, scope.meetings().aggregate(m=Min("period_start"))["m"])
    return out


@dataclass(frozen=True)
class PeriodRow:
    period: Period
    label: str
    meeting: Meeting | None
    missed: bool
    current: bool


def period_rows(scope: Scope, *, today: dt.date, count: int | None = None) -> list[PeriodRow]:
    """The scope's recent periods, newest first: held (with the meeting), missed or due."""
    count = count or PAGE_PERIODS[scope.level]
    start = scope_starts([scope]).get(scope.key, today)
    earliest = cadence.period_of(scope.level, today).start
    for _ in range(count - 1):
        earliest = cadence.period_of(scope.level, earliest - dt.timedelta(days=1)).start
    due = cadence.due_periods(scope.level, start=max(start, earliest), today=today)
    held = {m.period_start: m for m in scope.meetings().filter(period_start__gte=earliest)
            .select_related("recorded_by")}
    missed = set(cadence.missed(held, due, today))
    return [PeriodRow(p, cadence.period_label(scope.level, p), held.get(p.start), p in missed,
                      p.contains(today)) for p in reversed(due)]


def missed_recently(scope: Scope, *, today: dt.date) -> list[Period]:
    """The scope's missed periods within the home page's look-back."""
    start = scope_starts([scope]).get(scope.key, today)
    start = max(start, today - dt.timedelta(days=cadence.LOOKBACK_DAYS[scope.level]))
    due = cadence.due_periods(scope.level, start=start, today=today)
    held = set(scope.meetings().filter(period_start__gte=start - dt.timedelta(days=31))
               .values_list("period_start", flat=True))
    return cadence.missed(held, due, today)


def home_flags(user: Any, *, today: dt.date) -> list[str]:
    """The plain flags of the meetings the user's level should have held and did not."""
    actor = actor_of(user)
    scopes = [Scope(Level.TEAM, g.community, g) for g in Grid.objects.select_related("community")
              .filter(pk__in=led_grid_ids(user)).order_by("code")]
    org = getattr(user, "organization", None)
    if org is not None and actor.role in cadence.ORG_STAFF and org.level == "organization":
        scopes.append(Scope(Level.ORGANIZATION, org))
    elif org is not None and actor.role == "street" and org.level == "street":
        scopes.append(Scope(Level.STREET, org))
    flags = []
    for scope in scopes:
        prefix = f"{scope.grid.name}：" if scope.grid is not None else ""
        flags += [prefix + cadence.missed_text(scope.level, p) for p in missed_recently(scope, today=today)]
    return flags


# --- the facts of an agenda --------------------------------------------------------------------

_LINE_FIELDS = ("pk", "number", "title", "category", "grid_id", "state", "received_at", "deadline", "address",
                "reporter_digest")


def _lines(rows: Iterable[dict[str, Any]]) -> tuple[CaseLine, ...]:
    return tuple(CaseLine(id=r["pk"], number=r["number"], title=r["title"], category=r["category"],
                          grid_id=r["grid_id"], state=r["state"],
                          received_on=timezone.localtime(r["received_at"], LOCAL_TZ).date(),
                          deadline=r["deadline"], address=r["address"] or "",
                          reporter_digest=r["reporter_digest"] or "") for r in rows)


def _counts(scope: Scope, period: Period, live: Q) -> dict[tuple[str, int | None], int]:
    from django.db.models import Count

    rows = (ServiceCase.objects.filter(scope.cases_q(), live, received_within(period))
            .values("category", "grid_id").annotate(n=Count("pk")).order_by())
    return {(r["category"], r["grid_id"]): r["n"] for r in rows}


def agenda_facts(scope: Scope, period: Period) -> AgendaFacts:
    """What the agenda of `scope` for `period` is built from (six queries, whatever the size)."""
    live = Q(merged_into__isnull=True)  # a merged duplicate is dealt with in the case it joined
    cases = ServiceCase.objects.filter(scope.cases_q(), live)
    open_rows = (cases.exclude(state__in=[s.value for s in DONE_STATES])
                 .filter(deadline__lt=period.end).values(*_LINE_FIELDS).order_by("deadline", "pk"))
    recent_rows = (cases.filter(received_within(repeat_window(period)))
                   .exclude(reporter_digest="", address="").values(*_LINE_FIELDS).order_by("pk"))
    step_cases = (CaseStep.objects.filter(scope.cases_q("case__"), action="follow_up", to_state="handling",
                                          at__gte=_day_start(period.start),
                                          at__lt=_day_start(period.end + dt.timedelta(days=1)))
                  .values_list("case_id", flat=True))
    unsatisfied_rows = (ServiceCase.objects.filter(pk__in=step_cases).values(*_LINE_FIELDS).order_by("pk"))
    counts = _counts(scope, period, live)
    previous = _counts(scope, period.previous(), live)
    grid_ids = {g for _, g in (*counts, *previous) if g is not None}
    open_lines, recent, unsatisfied = _lines(open_rows), _lines(recent_rows), _lines(unsatisfied_rows)
    grid_ids |= {c.grid_id for c in (*open_lines, *recent, *unsatisfied) if c.grid_id is not None}
    names = dict(Grid.objects.filter(pk__in=grid_ids).values_list("pk", "name"))
    return AgendaFacts(period=period, counts=counts, previous_counts=previous, open_cases=open_lines,
                       recent_cases=recent, unsatisfied=unsatisfied, category_names=category_names(),
                       grid_names=names)


def meetings_by_scope(scopes: Iterable[Scope]) -> dict[str, Meeting]:
    """The last meeting of each scope (for the chooser)."""
    out: dict[str, Meeting] = {}
    by_level: dict[Level, list[Scope]] = defaultdict(list)
    for scope in scopes:
        by_level[scope.level].append(scope)
    for level, group in by_level.items():
        if level is Level.TEAM:
            rows = Meeting.objects.filter(level=level, grid_id__in=[s.grid.pk for s in group if s.grid])
            keyed = {f"g{m.grid_id}": m for m in rows.order_by("period_start")}
        else:
            rows = Meeting.objects.filter(level=level, grid__isnull=True,
                                          organization_id__in=[s.organization.pk for s in group])
            prefix = "o" if level is Level.ORGANIZATION else "s"
            keyed = {f"{prefix}{m.organization_id}": m for m in rows.order_by("period_start")}
        out.update(keyed)
    return out


def case_ids_by_number(scope: Scope, numbers: Iterable[str]) -> dict[str, int]:
    """{number: id} of the scope's cases among `numbers` (a decision names its cases by number)."""
    return dict(ServiceCase.objects.filter(scope.cases_q(), number__in=list(numbers)).values_list("number", "pk"))
