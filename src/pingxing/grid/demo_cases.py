"""Demo data of service cases: a year of cases in every state across the grids the network
demo made, all through the services (so every case has its timeline and audit entries):
cases from visits, from staff, from residents (with follow codes nobody keeps), from Open311
and the 12345 hotline; overdue and supervised ones, extensions, a dissatisfied follow-up that
reopened a case, declined ones. Nothing when there are no grids or it was loaded already."""

from __future__ import annotations

import contextlib
import datetime as dt
import random
from typing import Any

from django.utils import timezone

from pingxing.grid.clock import LOCAL_TZ

CASES_PER_GRID = 6
MAX_CASES = 228
DEMO_CLIENT = "12345热线平台（演示）"
DEPARTMENTS = ("城管中队", "派出所", "市场监管所", "住建办", "供电所")
CONCERNS = {
    "streetlight": ("路灯不亮", "晚上小区门口的路灯不亮，出行不便"),
    "clutter": ("楼道堆物", "楼道里堆放纸箱杂物，影响通行"),
    "sanitation": ("垃圾未清运", "垃圾桶满了两天没人清运"),
    "street_vending": ("流动摊贩占道", "早上菜贩在人行道上摆摊"),
}
FINALS = ("received", "registered", "declined", "dispatched", "handling", "fed_back", "checked", "closed",
          "followed_up", "followed_up", "followed_up", "reopened", "overdue", "extended")


class _Demo:
    def __init__(self, rng: random.Random, now: dt.datetime) -> None:
        self.rng, self.now = rng, now

    def step(self, case: Any, action: str, by: Any, when: dt.datetime, reason: str = "", **data: Any) -> Any:
        from pingxing.grid.services_cases import case_step

        if when > self.now:
            raise _Later
        return case_step(case=case, action=action, by=by, reason=reason, data=data, at=when)


class _Later(Exception):
    """The next step would lie after today: the case stays where it is."""


def _users(street: Any) -> dict[str, Any]:
    from pingxing.accounts.models import User

    staff = {u.organization_id: u for u in User.objects.filter(role__in=("secretary", "clerk"),
                                                                organization__path__startswith=street.path)}
    return {"street": User.objects.filter(role="street", organization=street).first(), "staff": staff}


def _walk(demo: _Demo, case: Any, final: str, dispatcher: Any, handler: tuple[Any, dict[str, str]],
          worker: Any) -> None:
    rng, t = demo.rng, case.received_at
    if final == "received":
        return
    if final == "declined":
        demo.step(case, "decline", dispatcher, t + dt.timedelta(hours=2), "不属于本社区管辖范围，已告知反映人向物业反映")
        return
    if worker is not None and case.category in ("clutter", "street_vending") and rng.random() < 0.5:
        case = demo.step(case, "self_handle", worker, t + dt.timedelta(hours=1))
        if final in ("registered", "dispatched"):
            return
    else:
        case = demo.step(case, "register", dispatcher, t + dt.timedelta(hours=1))
        if final == "registered":
            return
        by, target = handler
        case = demo.step(case, "dispatch", dispatcher, t + dt.timedelta(hours=2), **target)
        if final == "dispatched":
            return
        case = demo.step(case, "acknowledge", by, t + dt.timedelta(hours=5))
    by = worker if case.self_handled else handler[0]
    if final == "overdue":
        late = dt.datetime.combine(case.deadline + dt.timedelta(days=2), dt.time(10), tzinfo=LOCAL_TZ)
        demo.step(case, "supervise", dispatcher, late, "已超期，请承办人说明原因并尽快办结")
        return
    if final == "extended":
        case = demo.step(case, "ask_extension", by, t + dt.timedelta(days=1), "需等待配件到货", days=3)
        case = demo.step(case, "grant_extension", dispatcher, t + dt.timedelta(days=1, hours=3))
    if final in ("handling", "extended"):
        return
    case = demo.step(case, "feed_back", by, t + dt.timedelta(days=1, hours=6), "已到现场处置完毕，并拍照留存")
    if final == "fed_back":
        return
    if not case.self_handled:
        case = demo.step(case, "check_pass", dispatcher, t + dt.timedelta(days=2))
        if final == "checked":
            return
    case = demo.step(case, "close", worker if case.self_handled else dispatcher, t + dt.timedelta(days=2, hours=2))
    if final == "closed":
        return
    answer = "dissatisfied" if final == "reopened" else rng.choice(("satisfied", "satisfied", "basically"))
    reason = "问题没有彻底解决，过两天又出现了" if answer == "dissatisfied" else ""
    demo.step(case, "follow_up", None if case.source == "resident" else dispatcher, t + dt.timedelta(days=3),
              reason, satisfaction=answer)


def load_service_cases(*, today: dt.date | None = None) -> None:
    """Demo data of the cases part; nothing when it exists already."""
    from pingxing.grid.models import Grid, TeamMember, Visit
    from pingxing.grid.models_cases import ApiKey, Department
    from pingxing.grid.services_cases import (
        api_key_create,
        case_open,
        case_open_from_visit,
        street_of,
    )

    if ApiKey.objects.filter(name=DEMO_CLIENT).exists():  # loaded already (the network demo may
        return                                           # have opened cases from its visits)
    grids = list(Grid.objects.select_related("community").order_by("community_id", "code"))
    if not grids:
        return
    today = today or timezone.localdate()
    now = dt.datetime.combine(today, dt.time(18), tzinfo=LOCAL_TZ)
    rng = random.Random(20260312)
    demo = _Demo(rng, now)
    streets = {g.community_id: street_of(g.community) for g in grids}
    departments: dict[int, list[Any]] = {}
    users: dict[int, dict[str, Any]] = {}
    for street in {s.pk: s for s in streets.values()}.values():
        departments[street.pk] = [Department.objects.get_or_create(street=street, name=n)[0] for n in DEPARTMENTS]
        users[street.pk] = _users(street)
        if not ApiKey.objects.filter(street=street).exists():
            api_key_create(street=street, name=DEMO_CLIENT)  # the key itself is thrown away
    team_users = {}
    for tm in TeamMember.objects.filter(user__isnull=False, active=True).select_related("user"):
        team_users.setdefault(tm.grid_id, tm.user)
    visits = list(Visit.objects.select_related("grid__community").order_by("-occurred_on")[:40])
    picked = rng.sample(grids, min(len(grids), MAX_CASES // CASES_PER_GRID))
    count = 0
    for grid in picked:
        street = streets[grid.community_id]
        who = users[street.pk]
        dispatcher = who["staff"].get(grid.community_id) or who["street"]
        if dispatcher is None:
            continue
        worker = team_users.get(grid.pk)
        for n in range(CASES_PER_GRID):
            category = rng.choice(list(CONCERNS))
            title, text = CONCERNS[category]
            age = rng.randint(0, 360) if n else rng.randint(0, 20)
            when = dt.datetime.combine(today - dt.timedelta(days=age), dt.time(8 + rng.randint(0, 9)),
                                       tzinfo=LOCAL_TZ) + dt.timedelta(minutes=rng.randint(0, 59))
            source = rng.choice(("staff", "resident", "open311", "hotline", "visit"))
            visit = next((v for v in visits if v.grid_id == grid.pk), None)
            if source == "visit" and visit is not None and worker is not None:
                case = case_open_from_visit(visit=visit, category=category, title=title, description=text,
                                            by=worker, at=min(now - dt.timedelta(hours=1), max(when, dt.datetime.combine(
                                                visit.occurred_on, dt.time(20), tzinfo=LOCAL_TZ))))
                visits.remove(visit)
            else:
                source = "staff" if source == "visit" else source
                resident = source in ("resident", "open311", "hotline")
                case = case_open(
                    community=grid.community, category=category, title=title, description=text, grid=grid,
                    source=source, by=None if resident else dispatcher, at=when, address=f"{grid.name}附近",
                    reporter_name=rng.choice(("陈", "王", "李", "张")) + "先生" if resident else "",
                    reporter_contact=f"139{rng.randint(10_000_000, 99_999_999)}" if resident else "")
            target = ({"to_kind": "team", "to": str(grid.pk)} if worker is not None
                      else {"to_kind": "department", "to": str(rng.choice(departments[street.pk]).pk)})
            handler = (worker if worker is not None else dispatcher, target)
            final = FINALS[count % len(FINALS)] if age > 10 else FINALS[count % 7]
            with contextlib.suppress(_Later):
                _walk(demo, case, final, dispatcher, handler, worker)
            count += 1
