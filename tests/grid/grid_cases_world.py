"""The world of the service-case tests: the factories' world plus grids with teams, a
department and a household (imported by name; Django is imported inside the functions, as
the pure tests of this folder run without it)."""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace
from typing import Any

TZ = dt.timezone(dt.timedelta(hours=8))
LAMP = "streetlight"  # 3 working days, dispatched
CLUTTER = "clutter"  # 2 working days, simple (自办自结)


def at(day: str, hour: int = 10) -> dt.datetime:
    return dt.datetime.fromisoformat(day).replace(hour=hour, tzinfo=TZ)


def make_grid(*, community: Any, code: str, name: str, addresses: tuple[str, ...] = ()) -> Any:
    from pingxing.grid.models import Grid

    return Grid.objects.create(community=community, level="large", code=code, name=name, addresses=list(addresses))


def cases_world() -> SimpleNamespace:
    from factories import make_member, make_user, make_world
    from pingxing.grid.models import Household, TeamMember, TeamRole
    from pingxing.grid.models_cases import Department

    w = make_world()
    w.leader_role = TeamRole.objects.create(name="网格长", leads=True, order=1)
    w.worker_role = TeamRole.objects.create(name="网格员", order=2)
    w.grid_a1 = make_grid(community=w.a1, code="G01", name="甲一第一网格", addresses=("笛扬路1号", "笛扬路3号"))
    w.grid_a2 = make_grid(community=w.a2, code="G01", name="甲二第一网格")
    w.grid_b1 = make_grid(community=w.b1, code="G01", name="乙一第一网格")
    w.worker = make_user(role="member", organization=w.a1, member=w.m_a1_other)
    TeamMember.objects.create(grid=w.grid_a1, role=w.worker_role, name="网格员小王", user=w.worker)
    w.leader = make_user(role="member", organization=w.a1, member=make_member(organization=w.a1, name="网格长老李"))
    TeamMember.objects.create(grid=w.grid_a1, role=w.leader_role, name="网格长老李", user=w.leader)
    w.handler = make_user(role="member", organization=w.a2, member=w.m_a2)
    TeamMember.objects.create(grid=w.grid_a2, role=w.worker_role, name="网格员小张", user=w.handler)
    w.outsider = make_user(role="secretary", organization=w.a2)  # the sibling community's secretary
    w.department = Department.objects.create(street=w.street_a, name="城管中队")
    w.other_department = Department.objects.create(street=w.street_b, name="乙街道城管")
    w.household = Household.objects.create(grid=w.grid_a1, address="笛扬路1号101室", address_digest="d1",
                                           building="笛扬路1号")
    return w


def open_case(w: Any, *, category: str = LAMP, when: dt.datetime | None = None, **extra: Any) -> Any:
    from pingxing.grid.services_cases import case_open

    values = {"community": w.a1, "category": category, "title": "路灯不亮", "description": "笛扬路1号门口路灯坏了",
              "source": "staff", "by": w.secretary, "grid": w.grid_a1, "at": when or at("2026-03-02"), **extra}
    return case_open(**values)


def step(case: Any, action: str, by: Any, when: dt.datetime, reason: str = "", **data: Any) -> Any:
    from pingxing.grid.services_cases import case_step

    return case_step(case=case, action=action, by=by, reason=reason, data=data, at=when)


def closed_case(w: Any, *, start: str = "2026-03-02") -> Any:
    """A streetlight case taken through the whole loop to 结案 (not yet followed up)."""
    when = at(start)
    case = open_case(w, when=when)
    case = step(case, "register", w.secretary, when)
    case = step(case, "dispatch", w.street_user, when, to_kind="team", to=str(w.grid_a2.pk))
    case = step(case, "acknowledge", w.handler, at(start, 11))
    case = step(case, "feed_back", w.handler, at(start, 15), "已更换灯泡")
    case = step(case, "check_pass", w.clerk, at(start, 16))
    return step(case, "close", w.secretary, at(start, 17))


def bulk_cases(w: Any, count: int, *, community: Any = None, grid: Any = None) -> None:
    """`count` cases straight into the table (a list's query count must not depend on them)."""
    from pingxing.grid.models_cases import ServiceCase

    states = ["received", "registered", "dispatched", "handling", "fed_back", "closed", "followed_up"]
    base = at("2026-01-05")
    ServiceCase.objects.bulk_create([
        ServiceCase(number=f"BULK-{community.pk if community else 0}-{i:06d}", community=community or w.a1,
                    grid=grid or w.grid_a1, category=LAMP if i % 2 else CLUTTER, source="staff", title=f"案件{i}",
                    description="批量", state=states[i % len(states)], received_at=base + dt.timedelta(minutes=i),
                    deadline=dt.date(2026, 1, 8) if i % 3 else dt.date(2099, 1, 1),
                    yellow_on=dt.date(2026, 1, 7) if i % 3 else dt.date(2098, 1, 1), started_on=dt.date(2026, 1, 5))
        for i in range(count)
    ])
