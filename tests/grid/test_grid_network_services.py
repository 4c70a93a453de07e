"""The network's writes: grids, boundaries, households, visits feeding everything, grading."""

from __future__ import annotations

import datetime as dt
import uuid

import pytest
from grid_network_world import TODAY, photo

from pingxing.grid import queries, services
from pingxing.grid.models import Household, Visit, VisitPhoto
from pingxing.grid.services import Concern, GridError

SQUARE = {"type": "Polygon", "coordinates": [[[120.48, 30.07], [120.49, 30.07], [120.49, 30.08], [120.48, 30.07]]]}


def test_grid_codes_are_unique_per_community_only(net):
    with pytest.raises(GridError, match="编号"):
        services.grid_create(community=net.a1, level="large", code="A", name="重复", by=net.secretary)
    # A2 already has its own grid "A": codes repeat across communities
    assert net.other_grid.code == net.large.code


def test_a_small_grid_sits_inside_a_large_grid_of_the_same_community(net):
    with pytest.raises(GridError, match="大网格"):
        services.grid_create(community=net.a1, level="small", code="X", name="无上级", by=net.secretary)
    with pytest.raises(GridError, match="大网格"):
        services.grid_create(community=net.a1, level="small", code="X", name="跨社区", parent=net.other_grid,
                             by=net.secretary)
    with pytest.raises(GridError, match="大网格"):
        services.grid_create(community=net.a1, level="small", code="X", name="小中小", parent=net.small, by=net.secretary)


@pytest.mark.parametrize(("text", "message"), [
    ("{not json", "不是有效的 JSON"),
    ('{"type": "Point", "coordinates": [1, 2]}', "Polygon"),
    ('{"type": "Polygon", "coordinates": [[["a", "b"], [1, 2]]]}', "数字"),
    ('{"type": "Polygon", "coordinates": []}', "数字"),
    ("[1, 2]", "GeoJSON"),
])
def test_a_bad_boundary_is_refused_naming_the_field(text, message):
    with pytest.raises(GridError, match=message) as caught:
        services.boundary_parse(text)
    assert caught.value.field == "boundary"


def test_a_polygon_or_multipolygon_boundary_is_kept_as_data(net):
    assert services.boundary_parse("") is None
    multi = {"type": "MultiPolygon", "coordinates": [SQUARE["coordinates"]]}
    assert services.boundary_error(multi) is None
    grid = services.grid_create(community=net.a1, level="large", code="B", name="乙", boundary=SQUARE, by=net.secretary)
    grid.refresh_from_db()
    assert grid.boundary == SQUARE


def test_an_address_has_one_household_file_whatever_its_spaces(net):
    with pytest.raises(GridError, match="住址"):
        services.household_create(grid=net.small, address=" 甲一小区 1幢101室", by=net.secretary)
    household = Household.objects.get(pk=net.homes[0].pk)
    assert household.address_digest == services.address_digest("甲一小区1幢101室")
    assert household.address == "甲一小区1幢101室"


def test_a_resident_id_number_is_checked_and_kept_with_its_digest(net):
    with pytest.raises(GridError, match="校验位"):
        services.resident_add(household=net.homes[1], name="乙", relation="户主", id_number="330621197001010010",
                              by=net.secretary)
    resident = net.homes[0].residents.get()
    assert resident.id_number_masked.startswith("3306") and "*" in resident.id_number_masked
    assert resident.id_number_digest and resident.birth_year == 1970


def _visit(net, **kwargs):
    values = {"grid": net.small, "occurred_on": TODAY - dt.timedelta(days=3), "heard": "反映楼道灯坏了",
              "households": [net.homes[0]], "by": net.worker_user, "today": TODAY}
    values.update(kwargs)
    return services.visit_record(**values)


def test_a_visit_feeds_the_household_file_and_the_members_coverage(net):
    visit, created = _visit(net, needs_note="需要助餐服务", tag=services.situation_tags_ensure()[0])
    assert created and visit.member_id == net.m_worker.pk
    history = queries.household_history(household=net.homes[0])
    assert [e.obj for e in history if e.kind == "visit"] == [visit]
    home = Household.objects.get(pk=net.homes[0].pk)
    assert "需要助餐服务" in home.needs and home.tags.count() == 1
    cover = queries.coverage(grid_ids=[net.small.pk], today=TODAY)[net.small.pk]
    assert (cover.households, cover.visited_30, cover.visited_90, cover.linked) == (3, 1, 1, 0)
    services.household_link(member=net.m_worker, household=net.homes[1], by=net.secretary)
    by_community = queries.coverage(community_ids=[net.a1.pk], today=TODAY)[net.a1.pk]
    assert (by_community.households, by_community.linked, by_community.linked_share) == (3, 1, 33)
    old, _ = _visit(net, occurred_on=TODAY - dt.timedelta(days=60), households=[net.homes[2]])
    cover = queries.coverage(grid_ids=[net.small.pk], today=TODAY)[net.small.pk]
    assert (cover.visited_30, cover.visited_90) == (1, 2)


def test_a_repeated_client_key_saves_once(net):
    key = uuid.uuid4()
    first, created = _visit(net, client_key=key, photos=[photo()])
    again, created_again = _visit(net, client_key=key, photos=[photo()])
    assert created and not created_again and first.pk == again.pk
    assert Visit.objects.count() == 1 and VisitPhoto.objects.count() == 1


def test_a_visit_names_households_of_its_own_grid_and_at_most_six_photos(net):
    other = services.household_create(grid=net.other_grid, address="甲二小区1幢", by=net.secretary)
    with pytest.raises(GridError, match="不在该网格"):
        _visit(net, households=[other])
    with pytest.raises(GridError, match="6"):
        _visit(net, photos=[photo(f"p{i}.png") for i in range(7)])
    with pytest.raises(GridError, match="晚于今天"):
        _visit(net, occurred_on=TODAY + dt.timedelta(days=1))
    assert Visit.objects.count() == 0


def test_each_concern_opens_a_prefilled_case(net):
    code = services.case_catalogue().codes[0]
    visit, _ = _visit(net, concerns=[Concern("楼道堆放杂物", code), Concern("路灯不亮", code)])
    cases = list(visit.cases.order_by("pk"))
    assert [c.title for c in cases] == ["楼道堆放杂物", "路灯不亮"]
    assert all(c.grid_id == net.small.pk and c.household_id == net.homes[0].pk for c in cases)
    assert all(c.source == "visit" and c.visit_id == visit.pk and visit.heard in c.description for c in cases)
    assert {e.kind for e in queries.household_history(household=net.homes[0])} == {"visit", "case"}


def test_an_unknown_concern_category_is_refused(net):
    with pytest.raises(GridError, match="类别"):
        _visit(net, concerns=[Concern("楼道堆放杂物", "no_such_code")])


def test_only_the_grids_leader_grades_a_visit(net):
    visit, _ = _visit(net)
    for user in (net.worker_user, net.secretary, net.street_user):
        with pytest.raises(GridError, match="网格长"):
            services.visit_grade(visit=visit, grade="good", by=user)
    services.visit_grade(visit=visit, grade="good", note="记录详实", by=net.leader_user)
    visit.refresh_from_db()
    assert (visit.grade, visit.review_note, visit.reviewed_by_id) == ("good", "记录详实", net.leader_user.pk)
