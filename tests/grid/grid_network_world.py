"""The network part's test world: make_world() plus, in community A1, a large grid with a small
grid inside, a team (网格长 with an account, 网格员 by member record, a 民警 who is no member)
and three households; a grid in A2 for the sibling community."""

from __future__ import annotations

import datetime as dt
import io
from types import SimpleNamespace
from typing import Any

from factories import fictional_id_number, make_member, make_user, make_world

# The smallest PNG there is (1×1), for photo uploads.
PNG = (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89"
       b"\x00\x00\x00\rIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00\x05\x18\xd8N\x00\x00\x00\x00IEND\xaeB`\x82")
TODAY = dt.date(2026, 6, 15)


def photo(name: str = "photo.png") -> Any:
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(name, PNG, content_type="image/png")


def make_network_world() -> SimpleNamespace:
    from pingxing.grid import services
    from pingxing.grid.models import TeamRole

    w = make_world()
    services.team_roles_ensure()
    services.situation_tags_ensure()
    w.roles = {r.name: r for r in TeamRole.objects.all()}
    w.large = services.grid_create(community=w.a1, level="large", code="A", name="甲一第一大网格", by=w.secretary)
    w.small = services.grid_create(community=w.a1, level="small", code="A-1", name="甲一第一小网格", parent=w.large,
                                   by=w.secretary)
    w.other_grid = services.grid_create(community=w.a2, level="large", code="A", name="甲二大网格", by=w.secretary)
    w.m_leader = make_member(organization=w.a1, name="网格长党员")
    w.leader_user = make_user(role="member", organization=w.a1, member=w.m_leader)
    w.m_worker = make_member(organization=w.a1, name="网格员党员")
    w.worker_user = make_user(role="member", organization=w.a1, member=w.m_worker)
    services.team_member_add(grid=w.small, role=w.roles["网格长"], member=w.m_leader, user=w.leader_user, by=w.secretary)
    services.team_member_add(grid=w.small, role=w.roles["网格员"], member=w.m_worker, by=w.secretary)
    services.team_member_add(grid=w.small, role=w.roles["民警"], name="派出所民警", unit="柯桥派出所", by=w.secretary)
    w.homes = [services.household_create(grid=w.small, address=f"甲一小区{n}幢{n}01室", building=f"{n}幢",
                                         by=w.secretary) for n in range(1, 4)]
    services.resident_add(household=w.homes[0], name="户主甲", relation="户主",
                          id_number=fictional_id_number(n=501), phone="13900000501", by=w.secretary)
    return w


def sheet(rows: list[list[Any]]) -> io.BytesIO:
    """An .xlsx upload with the household import's header and `rows`."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    from pingxing.core.excel import build_workbook
    from pingxing.grid.importing import COLUMNS

    wb = build_workbook("民情档案", COLUMNS, rows)
    buffer = io.BytesIO()
    wb.save(buffer)
    return SimpleUploadedFile("households.xlsx", buffer.getvalue())
