"""The staff pages of service cases, as staff use them on a phone: the filtered list in a
bounded number of queries, the export, a case with its timeline and its step buttons, a new
case, files; and the menu entry."""

from __future__ import annotations

import io
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from grid_cases_world import at, bulk_cases, cases_world, closed_case, open_case, step
from openpyxl import load_workbook

pytestmark = pytest.mark.django_db
PNG = b"\x89PNG\r\n\x1a\n" + b"0" * 64


@pytest.fixture
def w(db, settings, tmp_path):
    settings.REQUIRE_STAFF_2FA = False
    settings.MEDIA_ROOT = tmp_path
    return cases_world()


def _menu(client) -> list[str]:
    html = client.get(reverse("core:home")).content.decode()
    block = re.search(r'<nav class="nav">(.*?)</nav>', html, re.S).group(1)
    return re.findall(r">([^<]+)</a>", block)


def test_the_menu_shows_cases_to_staff_and_team_members_only(client, w):
    for user, sees in ((w.street_user, True), (w.secretary, True), (w.county_user, True), (w.worker, True),
                       (w.member_user, False), (w.admin, False)):
        client.force_login(user)
        assert ("办事档案" in _menu(client)) is sees, user.role
    client.force_login(w.member_user)
    assert client.get(reverse("grid:cases")).status_code == 404


@pytest.mark.parametrize("params", ["", "?state=handling", "?light=red", "?light=yellow&category=clutter",
                                    "?q=案件1", "?source=staff&page=3"])
def test_the_list_takes_a_bounded_number_of_queries_whatever_the_number_of_cases(client, w, params,
                                                                                 django_assert_max_num_queries):
    bulk_cases(w, 500)
    bulk_cases(w, 20, community=w.b1, grid=w.grid_b1)  # another street's: never listed
    client.force_login(w.street_user)
    with django_assert_max_num_queries(14):
        response = client.get(reverse("grid:cases") + params)
    assert response.status_code == 200
    html = response.content.decode()
    assert f"BULK-{w.b1.pk}-" not in html
    if params == "?state=handling":
        assert html.count('class="card case-row"') == 30 and "处置" in html


def test_the_filters_narrow_the_list(client, w):
    lamp = step(open_case(w), "register", w.secretary, at("2026-03-02"))
    clutter = open_case(w, category="clutter", title="楼道堆物")
    client.force_login(w.secretary)
    url = reverse("grid:cases")
    assert lamp.number in client.get(url + "?state=registered").content.decode()
    assert clutter.number not in client.get(url + "?state=registered").content.decode()
    assert clutter.number in client.get(url + "?category=clutter").content.decode()
    assert lamp.number in client.get(url + f"?q={lamp.number}").content.decode()
    assert lamp.number in client.get(url + "?light=red").content.decode()  # registered in March: overdue now
    assert clutter.number not in client.get(url + "?light=red").content.decode()


def test_the_export_lists_the_filtered_cases_without_the_reporter(client, w):
    open_case(w, reporter_name="张三丰", reporter_contact="13812345678")
    client.force_login(w.street_user)
    response = client.get(reverse("grid:cases_export") + "?category=streetlight")
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.values)
    assert rows[0][0] == "案件编号" and len(rows) == 2 and rows[1][4] == "路灯损坏"
    assert "张三丰" not in str(rows) and "13812345678" not in str(rows)
    client.force_login(w.worker)
    assert client.get(reverse("grid:cases_export")).status_code == 404


def test_a_case_page_shows_the_timeline_and_the_steps_this_user_may_take(client, w):
    case = open_case(w, reporter_contact="13812345678")
    client.force_login(w.secretary)
    html = client.get(reverse("grid:case", args=[case.pk])).content.decode()
    assert 'id="action-register"' in html and 'id="action-decline"' in html and 'id="action-close"' not in html
    assert "138****5678" in html and "13812345678" not in html
    response = client.post(reverse("grid:case_step", args=[case.pk]), {"action": "register"}, follow=True)
    assert "已办理" in response.content.decode()
    case.refresh_from_db()
    assert case.state == "registered"
    html = client.get(reverse("grid:case", args=[case.pk])).content.decode()
    assert 'id="action-dispatch"' in html and f'value="team:{w.grid_a2.pk}"' in html
    response = client.post(reverse("grid:case_step", args=[case.pk]),
                           {"action": "dispatch", "target": f"team:{w.grid_a2.pk}",
                            "file": SimpleUploadedFile("现场.png", PNG)}, follow=True)
    case.refresh_from_db()
    assert case.state == "dispatched" and case.files.count() == 1
    html = response.content.decode()
    assert "现场.png" in html and "派遣" in html
    download = client.get(reverse("grid:case_file", args=[case.files.get().pk]))
    assert download.status_code == 200 and b"".join(download.streaming_content) == PNG
    client.force_login(w.handler)  # the receiver sees the case now, and may acknowledge or refuse it
    html = client.get(reverse("grid:case", args=[case.pk])).content.decode()
    assert 'id="action-acknowledge"' in html and 'id="action-refuse"' in html


def test_a_refused_step_is_shown_not_a_500(client, w):
    case = open_case(w)
    client.force_login(w.secretary)
    response = client.post(reverse("grid:case_step", args=[case.pk]), {"action": "decline"}, follow=True)
    assert response.status_code == 200 and "须填写" in response.content.decode()
    response = client.post(reverse("grid:case_step", args=[case.pk]), {"action": "nonsense"}, follow=True)
    assert "未知的操作" in response.content.decode()


def test_cases_outside_the_users_reach_answer_404(client, w):
    case = closed_case(w)
    client.force_login(w.outsider)  # the sibling community's secretary
    assert client.get(reverse("grid:case", args=[case.pk])).status_code == 404
    assert client.post(reverse("grid:case_step", args=[case.pk]), {"action": "follow_up"}).status_code == 404
    assert client.get(reverse("grid:case", args=[99999999])).status_code == 404


def test_staff_register_a_new_case_with_a_reporter_and_a_photo(client, w):
    client.force_login(w.secretary)
    assert client.get(reverse("grid:case_new")).status_code == 200
    response = client.post(reverse("grid:case_new"), {
        "community": w.a1.pk, "category": "streetlight", "grid": w.grid_a1.pk, "household": w.household.pk,
        "title": "", "description": "路灯闪烁", "address": "笛扬路3号", "reporter_name": "李四",
        "reporter_contact": "13900001111", "file": SimpleUploadedFile("灯.png", PNG)}, follow=True)
    html = response.content.decode()
    assert "已受理，案件编号" in html and "路灯闪烁" in html
    from pingxing.grid.models_cases import ServiceCase

    case = ServiceCase.objects.get(description="路灯闪烁")
    assert case.household == w.household and case.reporter_name == "李四" and case.files.count() == 1
    bad = client.post(reverse("grid:case_new"), {"community": w.a1.pk, "category": "streetlight",
                                                 "description": "x", "file": SimpleUploadedFile("a.exe", b"MZ")})
    assert bad.status_code == 400 and "类型不允许" in bad.content.decode()
    client.force_login(w.member_user)
    assert client.get(reverse("grid:case_new")).status_code == 404


def test_the_api_lists_and_moves_cases_like_the_pages(client, w):
    import json

    case = open_case(w, reporter_name="张三丰")
    client.force_login(w.secretary)
    listed = client.get("/api/grid/cases?state=received").json()
    assert [c["number"] for c in listed] == [case.number]
    detail = client.get(f"/api/grid/cases/{case.pk}").json()
    assert "register" in detail["allowed_actions"] and "张三丰" not in json.dumps(detail)
    moved = client.post(f"/api/grid/cases/{case.pk}/steps", {"action": "register"}, content_type="application/json")
    assert moved.status_code == 200 and moved.json()["state"] == "registered"
    refused = client.post(f"/api/grid/cases/{case.pk}/steps", {"action": "close"}, content_type="application/json")
    assert refused.status_code == 400 and "不能" in refused.json()["detail"]
    client.force_login(w.outsider)
    assert client.get(f"/api/grid/cases/{case.pk}").status_code == 404


def test_a_secretary_who_also_leads_a_grid_team_opens_the_new_case_form(client, w):
    from pingxing.grid.models import TeamMember

    # the demo's community secretaries are their grids' 网格长: a dispatcher and a team member at once
    TeamMember.objects.create(grid=w.grid_a1, role=w.leader_role, name="书记", user=w.secretary)
    client.force_login(w.secretary)
    response = client.get(reverse("grid:case_new"))
    assert response.status_code == 200
    page = response.content.decode()
    assert w.a1.name in page and w.grid_a1.name in page and w.a2.name not in page


def test_a_step_shows_in_the_list_at_once_though_the_rows_are_cached(client, w):
    case = open_case(w)
    client.force_login(w.secretary)
    url = reverse("grid:cases") + "?state=registered"
    assert case.number not in client.get(url).content.decode()
    assert case.number not in client.get(url).content.decode()  # the second view comes from the cache
    step(case, "register", w.secretary, at("2026-03-02"))
    assert case.number in client.get(url).content.decode()


def test_a_repeated_list_reads_no_case_rows_until_a_case_changes(client, w):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    bulk_cases(w, 40)
    client.force_login(w.street_user)
    url = reverse("grid:cases") + "?page=2"
    first = client.get(url).content.decode()
    with CaptureQueriesContext(connection) as ctx:
        again = client.get(url).content.decode()
    case_reads = [q["sql"] for q in ctx.captured_queries
                  if '"grid_servicecase"' in q["sql"] and "MAX(" not in q["sql"].upper()]
    assert case_reads == []
    assert again.count('class="card case-row"') == first.count('class="card case-row"') == 10
    # Another reader of another reach gets their own rows, not these.
    client.force_login(w.outsider)
    assert 'class="card case-row"' not in client.get(url).content.decode()
