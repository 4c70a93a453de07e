"""The network's pages as their users see them: bounded queries, masked data, the visit page
and its JSON queue endpoint, the service worker, the menu."""

from __future__ import annotations

import datetime as dt
import uuid

from django.urls import reverse
from django.utils import timezone
from grid_network_world import photo

from pingxing.core import nav
from pingxing.grid import services
from pingxing.grid.models import Household, Visit


def _many_households(net, count=500):
    tags = services.situation_tags_ensure()
    homes = Household.objects.bulk_create([
        Household(grid=net.small if n % 2 else net.large, address=f"大楼{n}号", address_digest=services.address_digest(f"大楼{n}号"),
                  building=f"{n % 20}幢") for n in range(count)])
    Household.tags.through.objects.bulk_create([Household.tags.through(household_id=h.pk, situationtag_id=tags[0].pk)
                                                for h in homes[::7]])
    return homes


def test_the_household_list_is_bounded_and_filters_by_grid_and_tag(client, net, django_assert_max_num_queries):
    _many_households(net)
    client.force_login(net.clerk)
    with django_assert_max_num_queries(14):
        response = client.get(reverse("grid:households"))
    assert response.status_code == 200 and response.content.decode().count('href="/grid/households/') >= 500
    tag = services.situation_tags_ensure()[0]
    with django_assert_max_num_queries(14):
        html = client.get(reverse("grid:households"), {"grid": net.small.pk, "tag": tag.pk}).content.decode()
    assert html.count("<tr>") - 1 == Household.objects.filter(grid=net.small, tags=tag).count()


def test_the_community_page_and_street_table_are_bounded(client, net, django_assert_max_num_queries, settings):
    settings.REQUIRE_STAFF_2FA = False
    _many_households(net, 100)
    client.force_login(net.secretary)
    with django_assert_max_num_queries(16):
        html = client.get(reverse("grid:community", args=[net.a1.pk])).content.decode()
    assert "甲一第一小网格" in html and "联系户" in html
    client.force_login(net.street_user)
    with django_assert_max_num_queries(14):
        html = client.get(reverse("grid:home")).content.decode()
    assert 'id="street-table"' in html and net.a1.name in html and net.b1.name not in html


def test_the_household_page_masks_residents_and_shows_its_history(client, net, django_assert_max_num_queries):
    visit, _ = services.visit_record(grid=net.small, occurred_on=timezone.localdate(), heard="独居老人需要助餐",
                                     households=[net.homes[0]], by=net.worker_user)
    client.force_login(net.worker_user)
    with django_assert_max_num_queries(16):
        html = client.get(reverse("grid:household", args=[net.homes[0].pk])).content.decode()
    resident = net.homes[0].residents.get()
    assert resident.id_number not in html and resident.phone not in html
    assert resident.id_number_masked in html and "独居老人需要助餐" in html
    assert reverse("grid:visit", args=[visit.pk]) in html


def test_a_grid_worker_records_a_visit_on_the_phone_page(client, net):
    client.force_login(net.worker_user)
    page = client.get(reverse("grid:visit_new")).content.decode()
    assert "visit-queue.js" in page and "<script>" not in page and str(net.homes[0].building) in page
    response = client.post(reverse("grid:visit_new"), {
        "kind": "visit", "occurred_on": timezone.localdate().isoformat(), "grid": net.small.pk,
        "households": [net.homes[1].pk], "heard": "希望增加健身器材", "photos": [photo()],
        "concern_text": [""], "concern_category": [""]})
    visit = Visit.objects.get()
    assert response.status_code == 302 and visit.photos.count() == 1 and visit.member_id == net.m_worker.pk


def test_the_queue_endpoint_answers_json_and_saves_a_client_key_once(client, net):
    client.force_login(net.worker_user)
    key = str(uuid.uuid4())
    data = {"kind": "visit", "occurred_on": timezone.localdate().isoformat(), "grid": net.small.pk,
            "households": [net.homes[0].pk], "heard": "反映停车难", "client_key": key}
    first = client.post(reverse("grid:visit_queue"), {**data, "photos": [photo()]})
    again = client.post(reverse("grid:visit_queue"), {**data, "photos": [photo()]})
    assert (first.status_code, again.status_code) == (201, 200)
    assert first.json()["id"] == again.json()["id"] and Visit.objects.count() == 1
    bad = client.post(reverse("grid:visit_queue"), {**data, "client_key": str(uuid.uuid4()), "heard": ""})
    assert bad.status_code == 400 and "heard" in bad.json()["errors"]
    future = (timezone.localdate() + dt.timedelta(days=2)).isoformat()
    late = client.post(reverse("grid:visit_queue"), {**data, "client_key": str(uuid.uuid4()), "occurred_on": future})
    assert late.status_code == 400 and "occurred_on" in late.json()["errors"]


def test_the_queue_endpoint_needs_a_login_and_a_team(client, net):
    assert client.post(reverse("grid:visit_queue"), {}).status_code == 401
    client.force_login(net.member_user)  # a member on no team
    assert client.post(reverse("grid:visit_queue"), {}).status_code == 400
    assert client.get(reverse("grid:visit_new")).status_code == 404


def test_the_service_worker_is_javascript_for_the_grid_scope(client):
    response = client.get("/grid/sw.js")
    body = response.content.decode()
    assert response.status_code == 200 and response["Content-Type"].startswith("application/javascript")
    assert reverse("grid:visit_new") in body and "grid/visit-queue.js" in body


def test_the_leader_grades_from_the_visit_page_and_others_cannot(client, net):
    visit, _ = services.visit_record(grid=net.small, occurred_on=timezone.localdate(), heard="环境卫生",
                                     households=[net.homes[0]], by=net.worker_user)
    client.force_login(net.worker_user)
    assert 'id="grade-form"' not in client.get(reverse("grid:visit", args=[visit.pk])).content.decode()
    assert client.post(reverse("grid:visit_grade", args=[visit.pk]), {"grade": "good"}).status_code == 404
    client.force_login(net.leader_user)
    assert 'id="grade-form"' in client.get(reverse("grid:visit", args=[visit.pk])).content.decode()
    client.post(reverse("grid:visit_grade", args=[visit.pk]), {"grade": "fair", "note": "可更具体"})
    visit.refresh_from_db()
    assert visit.grade == "fair"


def test_pages_of_another_community_are_404(client, net):
    other = services.household_create(grid=net.other_grid, address="甲二小区1幢", by=net.secretary)
    client.force_login(net.clerk)
    assert client.get(reverse("grid:household", args=[other.pk])).status_code == 404
    assert client.get(reverse("grid:grid", args=[net.other_grid.pk])).status_code == 404
    assert client.get(reverse("grid:community", args=[net.a2.pk])).status_code == 404
    client.force_login(net.worker_user)
    assert client.get(reverse("grid:household", args=[net.homes[0].pk])).status_code == 200
    assert client.get(reverse("grid:community", args=[net.a1.pk])).status_code == 404


def test_the_staff_keep_grids_and_teams_from_their_pages(client, net):
    client.force_login(net.secretary)
    client.post(reverse("grid:grid_new", args=[net.a1.pk]), {"level": "small", "parent": net.large.pk, "code": "A-2",
                                                              "name": "第二小网格", "boundary": "{bad"})
    assert not net.a1.grids.filter(code="A-2").exists()
    response = client.post(reverse("grid:grid_new", args=[net.a1.pk]), {
        "level": "small", "parent": net.large.pk, "code": "A-2", "name": "第二小网格", "addresses": "1幢\n2幢"})
    grid = net.a1.grids.get(code="A-2")
    assert response.status_code == 302 and grid.addresses == ["1幢", "2幢"]
    client.post(reverse("grid:team_add", args=[grid.pk]), {"role": net.roles["医生"].pk, "name": "社区医生",
                                                           "unit": "卫生服务站"})
    assert 'id="team"' in (html := client.get(reverse("grid:grid", args=[grid.pk])).content.decode())
    assert "社区医生" in html


def test_the_menu_shows_the_diary_only_to_people_on_a_team(client, net):
    def labels(user):
        return [str(label) for label, _url in nav.menu_for(user)]
    assert "民情日记" in labels(net.worker_user) and "网格化管理" in labels(net.worker_user)
    assert "民情日记" not in labels(net.member_user) and "网格化管理" not in labels(net.member_user)
    assert "网格化管理" in labels(net.clerk) and "民情日记" not in labels(net.clerk)
    client.force_login(net.worker_user)
    for _label, url in nav.menu_for(net.worker_user):
        assert client.get(url, follow=True).status_code == 200, url
