"""Reads of service cases: the filtered list, the light of a row, the timeline, and the
selections the analysis meetings and dashboards build on (overdue, repeated, unsatisfied).

Every function takes a queryset already scoped by `access_cases.visible_cases(user)` (or the
cases of one grid or organization), so scope is decided in one place."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from django.db.models import Count, Max, Q, QuerySet
from django.urls import reverse
from django.utils import timezone

from pingxing.grid import workflow
from pingxing.grid.clock import GREEN, LIGHT_TEXT, RED, YELLOW, Light, local_date
from pingxing.grid.models import Grid, TeamMember
from pingxing.grid.models_cases import (
    CASE_STATE_CHOICES,
    CaseSource,
    CaseStep,
    Department,
    ServiceCase,
)
from pingxing.grid.workflow import TIMED_STATES

TIMED = [s.value for s in TIMED_STATES]
LIGHTS = (GREEN, YELLOW, RED)


@dataclass(frozen=True)
class CaseFilters:
    """The filters of the case list (GET parameters of `grid:cases`)."""

    state: str = ""
    category: str = ""
    grid: int | None = None
    light: str = ""
    source: str = ""
    q: str = ""
    community: int | None = None


def today_local(now: datetime | None = None) -> date:
    return local_date(now or timezone.now())


def light_q(light: str, today: date) -> Q:
    """The cases whose warning light is `light` today (only running cases have one)."""
    timed = Q(state__in=TIMED, deadline__isnull=False)
    if light == RED:
        return timed & Q(deadline__lt=today)
    if light == YELLOW:
        return timed & Q(deadline__gte=today, yellow_on__lte=today)
    if light == GREEN:
        return timed & Q(deadline__gte=today, yellow_on__gt=today)
    return Q()


def light_of(case: ServiceCase, today: date) -> Light | None:
    """The light of a listed case from its mirrored columns (no calendar query)."""
    if case.state not in TIMED or case.deadline is None:
        return None
    if today > case.deadline:
        return RED
    if case.yellow_on is not None and today >= case.yellow_on:
        return YELLOW
    return GREEN


def filtered_cases(cases: QuerySet[ServiceCase], filters: CaseFilters, *, today: date | None = None
                   ) -> QuerySet[ServiceCase]:
    """The list of `cases` narrowed by the filters, newest first, with what a row shows."""
    today = today or today_local()
    if filters.state:
        cases = cases.filter(state=filters.state)
    if filters.category:
        cases = cases.filter(category=filters.category)
    if filters.grid:
        cases = cases.filter(Q(grid_id=filters.grid) | Q(assigned_grid_id=filters.grid))
    if filters.community:
        cases = cases.filter(community_id=filters.community)
    if filters.source:
        cases = cases.filter(source=filters.source)
    if filters.light in LIGHTS:
        cases = cases.filter(light_q(filters.light, today))
    text = filters.q.strip()[:50]
    if text and text.isascii() and any(c.isdigit() for c in text):  # a case number: the unique index
        cases = cases.filter(number=text.upper())
    elif text:
        cases = cases.filter(title__icontains=text)
    return (cases.select_related("community", "grid")
            .only("pk", "number", "title", "category", "source", "state", "received_at", "deadline", "yellow_on",
                  "reopen_count", "supervised_count", "community__name", "grid__name")
            .order_by("-received_at", "-pk"))


def overdue_cases(cases: QuerySet[ServiceCase], *, today: date | None = None) -> QuerySet[ServiceCase]:
    """Running cases past their deadline (超期)."""
    return cases.filter(light_q(RED, today or today_local()))


def unsatisfied_cases(cases: QuerySet[ServiceCase], *, since: datetime | None = None) -> QuerySet[ServiceCase]:
    """Cases whose last follow-up answer was 不满意 (reopened, or reopened and closed again)."""
    found = cases.filter(satisfaction="dissatisfied")
    return found.filter(received_at__gte=since) if since else found


def repeated_reporters(cases: QuerySet[ServiceCase], *, since: datetime | None = None, at_least: int = 2
                       ) -> list[dict[str, Any]]:
    """[{"reporter_digest", "count"}] of reporters with at least `at_least` cases (the digest
    only: who they are stays encrypted on the case)."""
    rows = cases.exclude(reporter_digest="")
    if since:
        rows = rows.filter(received_at__gte=since)
    return list(rows.values("reporter_digest").annotate(count=Count("pk")).filter(count__gte=at_least)
                .order_by("-count", "reporter_digest"))


def repeated_addresses(cases: QuerySet[ServiceCase], *, since: datetime | None = None, at_least: int = 2
                       ) -> list[dict[str, Any]]:
    """[{"address", "count"}] of places reported at least `at_least` times."""
    rows = cases.exclude(address="")
    if since:
        rows = rows.filter(received_at__gte=since)
    return list(rows.values("address").annotate(count=Count("pk")).filter(count__gte=at_least)
                .order_by("-count", "address"))


def counts_by(cases: QuerySet[ServiceCase], field: str) -> dict[str, int]:
    """{value: number of cases} by one column (state, category, source, grid_id …)."""
    return {row[field]: row["n"] for row in cases.values(field).annotate(n=Count("pk")).order_by(field)}


def timeline(case: ServiceCase) -> list[CaseStep]:
    """Every step of the case, oldest first, with who took it and its files."""
    return list(CaseStep.objects.filter(case=case).select_related("by").prefetch_related("files")
                .order_by("at", "pk"))


def case_by_follow_code(digest: str) -> ServiceCase | None:
    found: ServiceCase | None = (ServiceCase.objects.select_related("community").filter(follow_code_hash=digest)
                                 .exclude(follow_code_hash="").first())
    return found


# --- what the pages show ---------------------------------------------------------------------

STATE_NAMES = {value: str(label) for value, label in CASE_STATE_CHOICES}
EXPORT_HEADERS = ("案件编号", "受理时间", "社区", "网格", "类别", "来源", "标题", "状态", "办结时限", "预警", "重办次数",
                  "督办次数")
MAX_EXPORT_ROWS = 20_000


def category_name(code: str) -> str:
    from pingxing.grid.services_cases import case_catalogue

    found = case_catalogue().get(code)
    return found.name if found else code


def row_view(case: ServiceCase, today: date, *, url_prefix: str = "") -> dict[str, Any]:
    """One line of a case list; `url_prefix` (the case page's URL without its id, from
    `case_url_prefix`) saves a URL reversal per row."""
    light = light_of(case, today)
    url = f"{url_prefix}{case.pk}/" if url_prefix else reverse("grid:case", args=[case.pk])
    return {"case": case, "url": url, "state": STATE_NAMES.get(case.state, case.state), "category": category_name(case.category),
            "source": CaseSource(case.source).label if case.source in CaseSource.values else case.source,
            "light": light, "light_text": LIGHT_TEXT[light] if light else ""}


LIST_CACHE_SECONDS = 300  # at most this stale for a renamed grid or community; any case change shows at once


def cases_version() -> str:
    """The newest change of any case (one indexed query): part of the case lists' cache key,
    so a list is rendered again as soon as any case is written."""
    newest = ServiceCase.objects.aggregate(newest=Max("updated_at"))["newest"]
    return newest.isoformat() if newest else "-"


def case_url_prefix() -> str:
    """The case page's URL up to its id ("/grid/cases/"), reversed once per list."""
    return reverse("grid:case", args=[0])[:-2]


def export_row(case: ServiceCase, today: date) -> list[Any]:
    row = row_view(case, today)
    return [case.number, timezone.localtime(case.received_at).strftime("%Y-%m-%d %H:%M"), case.community.name,
            case.grid.name if case.grid else "", row["category"], str(row["source"]), case.title, row["state"],
            case.deadline.isoformat() if case.deadline else "", row["light_text"], case.reopen_count,
            case.supervised_count]


def step_view(step: CaseStep, *, public: bool = False) -> dict[str, Any]:
    """A timeline entry. On the public page: the step, its time and the new state only — no
    staff names, and of the reasons only those written for the resident (feed-back of what was
    done, a refusal to register, the resident's own answer)."""
    action = (workflow.ACTION_TEXT.get(workflow.Action(step.action)) if step.action in ACTIONS
              else "合并" if step.action == "merge" else "受理")
    role = workflow.ROLE_TEXT.get(workflow.Role(step.actor_role), "") if step.actor_role in ROLES else ""
    who = "" if public else (str(step.by) if step.by_id else role)
    reason = step.reason if not public or step.action in PUBLIC_REASONS else ""
    return {"action": action, "role": role, "who": who, "at": step.at, "reason": reason,
            "state": STATE_NAMES.get(step.to_state, step.to_state), "data": {} if public else step.data,
            "files": [] if public else list(step.files.all())}


ACTIONS = {a.value for a in workflow.Action}
ROLES = {r.value for r in workflow.Role}
PUBLIC_REASONS = {workflow.Action.DECLINE.value, workflow.Action.FEED_BACK.value, workflow.Action.FOLLOW_UP.value}


def public_status_note(case: ServiceCase) -> str:
    """Open311 status_notes: the latest step's name and its public reason."""
    if "steps" in getattr(case, "_prefetched_objects_cache", {}):
        steps = sorted(case.steps.all(), key=lambda s: (s.at, s.pk))
        step = steps[-1] if steps else None
    else:
        step = CaseStep.objects.filter(case=case).order_by("-at", "-pk").first()
    if step is None:
        return ""
    view = step_view(step, public=True)
    return f"{view['action']}：{view['reason']}" if view["reason"] else str(view["action"])


@dataclass(frozen=True)
class ActionView:
    action: str
    label: str
    needs_reason: bool


def case_actions(facts: workflow.CaseFacts, roles: tuple[workflow.Role, ...], now: datetime) -> list[ActionView]:
    """The steps this user may take now, for buttons (union over the roles they hold)."""
    allowed: set[workflow.Action] = set()
    for role in roles:
        allowed |= workflow.allowed_actions(facts, role, now)
    return [ActionView(a.value, workflow.ACTION_TEXT[a], workflow.STEPS[a].needs_reason)
            for a in workflow.Action if a in allowed]


def dispatch_targets(case: ServiceCase) -> list[tuple[str, list[tuple[str, str]]]]:
    """The receivers of a dispatch in the case's street: teams, people on teams, departments."""
    from pingxing.grid.services_cases import street_of

    street = street_of(case.community)
    grids = Grid.objects.filter(community__path__startswith=street.path).order_by("community_id", "code")
    people = (TeamMember.objects.filter(grid__community__path__startswith=street.path, active=True, user__isnull=False)
              .select_related("grid", "role").order_by("grid_id", "name"))
    departments = Department.objects.filter(street=street).order_by("name")
    return [
        (workflow.ASSIGNEE_KIND_TEXT[workflow.AssigneeKind.TEAM], [(f"team:{g.pk}", g.name) for g in grids]),
        (workflow.ASSIGNEE_KIND_TEXT[workflow.AssigneeKind.PERSON],
         list({f"person:{p.user_id}": f"{p.name}（{p.grid.name}·{p.role.name}）" for p in people}.items())),
        (workflow.ASSIGNEE_KIND_TEXT[workflow.AssigneeKind.DEPARTMENT],
         [(f"department:{d.pk}", d.name) for d in departments]),
    ]


def new_case_choices(user: Any) -> tuple[list[tuple[int, str]], list[tuple[int, str]]]:
    """The communities and grids the user may register a case for."""
    from pingxing.core.http import actor_of
    from pingxing.grid.access_cases import teams_of
    from pingxing.grid.permissions_cases import DISPATCHING_ROLES
    from pingxing.orgs.models import Organization

    actor, teams = actor_of(user), teams_of(user)
    reach = Q(pk__in=[])
    if actor.role in DISPATCHING_ROLES and actor.org_id:
        reach |= Q(pk=actor.org_id, level="organization")
    elif actor.role == "street" and actor.org_path:
        reach |= Q(path__startswith=actor.org_path, level="organization", grids__isnull=False)
    if teams.grids:  # a secretary who leads a grid team: both conditions, in one query
        reach |= Q(grids__in=teams.grids)
    communities = Organization.objects.filter(reach).distinct()
    community_list = [(o.pk, o.name) for o in communities.order_by("path")]
    grids = Grid.objects.filter(community_id__in=[pk for pk, _name in community_list]).order_by("community_id", "code")
    return community_list, [(g.pk, g.name) for g in grids]
