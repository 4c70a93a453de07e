"""Helpers of the meetings and dashboard tests: grids, a team leader and service cases made with
the ORM directly (the cases part's services are written at the same time). Imported by name."""

from __future__ import annotations

import datetime as dt
import itertools
from types import SimpleNamespace
from typing import Any
from zoneinfo import ZoneInfo

TZ = ZoneInfo("Asia/Shanghai")
_numbers = itertools.count(1)


def at(day: dt.date, hour: int = 10) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour), tzinfo=TZ)


def make_grid(*, community: Any, code: str, parent: Any = None, name: str | None = None) -> Any:
    from pingxing.grid.models import Grid

    return Grid.objects.create(community=community, parent=parent, level="small" if parent else "large", code=code,
                               name=name or f"网格{code}")


def make_leader(*, grid: Any, user: Any, name: str = "网格长") -> Any:
    from pingxing.grid.models import TeamMember, TeamRole

    role, _ = TeamRole.objects.get_or_create(name="网格长", defaults={"leads": True, "order": 1})
    return TeamMember.objects.create(grid=grid, role=role, name=name, user=user)


def make_case(*, grid: Any, received: dt.date, state: str = "registered", deadline: dt.date | None = None,
              category: str = "clutter", reporter_digest: str = "", address: str = "", satisfaction: str = "",
              closed: dt.date | None = None, merged_into: Any = None, community: Any = None, title: str = "",
              save: bool = True) -> Any:
    from pingxing.grid import workflow
    from pingxing.grid.facts import facts_to_json
    from pingxing.grid.models_cases import ServiceCase
    from pingxing.grid.services_cases import case_catalogue

    n = next(_numbers)
    # the row's facts as the step table would hold them, so the real case steps can follow on
    kind = case_catalogue().category(category)
    registered = at(received) if state not in ("received", "not_registered") else None
    facts = workflow.CaseFacts(
        state=workflow.CaseState(state), category=category, time_limit_days=kind.time_limit_days,
        simple=kind.simple, refuse_window_hours=kind.refuse_window_hours, received_at=at(received),
        updated_at=at(received), registered_at=registered, started_on=received if deadline else None,
        deadline=deadline, closed_at=at(closed, 16) if closed else None,
        satisfaction=workflow.Satisfaction(satisfaction) if satisfaction else None)
    case = ServiceCase(facts=facts_to_json(facts), number=f"T{n:08d}", community=community or grid.community, grid=grid, category=category,
                       source="staff", title=title or f"案件{n}", description="测试案件", address=address, state=state,
                       received_at=at(received), deadline=deadline, reporter_digest=reporter_digest,
                       satisfaction=satisfaction, closed_at=at(closed, 16) if closed else None,
                       merged_into=merged_into, started_on=received if deadline else None)
    if save:
        case.save()
    return case


def follow_up(case: Any, *, on: dt.date, dissatisfied: bool) -> Any:
    from pingxing.grid.models_cases import CaseStep

    return CaseStep.objects.create(case=case, action="follow_up", from_state="closed",
                                   to_state="handling" if dissatisfied else "followed_up", actor_role="resident",
                                   at=at(on), data={"satisfaction": "dissatisfied" if dissatisfied else "satisfied"})


def meetings_world() -> SimpleNamespace:
    """make_world() plus: in community A1 a large grid G1 (with a small grid G1s) and a large
    grid G2, in A2 a grid G3; G1's team leader is a plain member account."""
    from factories import make_user, make_world

    w = make_world()
    w.g1 = make_grid(community=w.a1, code="A1-01", name="一网格")
    w.g1s = make_grid(community=w.a1, code="A1-01-1", parent=w.g1, name="一网格一小格")
    w.g2 = make_grid(community=w.a1, code="A1-02", name="二网格")
    w.g3 = make_grid(community=w.a2, code="A2-01", name="甲二网格")
    w.leader = make_user(role="member", organization=w.a1, member=w.m_a1_other)
    make_leader(grid=w.g1, user=w.leader)
    return w
