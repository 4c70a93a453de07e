from __future__ import annotations

import datetime as dt
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from factories import fictional_id_number, make_members
from pingxing.audit.models import AuditEntry
from pingxing.members.models import Member

pytestmark = pytest.mark.django_db


def test_the_list_of_600_members_runs_a_fixed_small_number_of_queries(world, client, django_assert_max_num_queries):
    make_members(organization=world.a1, count=300)
    make_members(organization=world.a2, count=300)
    client.force_login(world.street_user)
    with django_assert_max_num_queries(10):
        response = client.get("/members/?page=3")
    assert response.status_code == 200
    assert len(response.context["page"]) == 50
    assert response.context["page"].paginator.count == 603


def test_the_list_filters_by_organization_status_mobile_and_name(world, client):
    Member.objects.filter(pk=world.m_a1_other.pk).update(status="probationary", is_mobile=True)
    client.force_login(world.street_user)
    names = lambda url: [m.name for m in client.get(url).context["page"]]  # noqa: E731
    assert names(f"/members/?org={world.a2.pk}") == ["甲二党员"]
    assert names("/members/?status=probationary") == ["甲一另一党员"]
    assert names("/members/?mobile=yes") == ["甲一另一党员"]
    assert sorted(names("/members/?q=甲一")) == ["甲一党员", "甲一另一党员"]


def test_htmx_requests_get_only_the_results_fragment(world, client):
    client.force_login(world.secretary)
    response = client.get("/members/?q=另一", headers={"HX-Request": "true"})
    body = response.content.decode()
    assert 'id="results"' in body and "<html" not in body and "甲一另一党员" in body


def test_a_clerk_registers_a_member_through_the_form(world, client):
    client.force_login(world.clerk)
    response = client.post("/members/new/", {
        "name": "新党员", "gender": "F", "birth_date": "1990-05-01", "education": "bachelor",
        "joined_on": "2015-07-01", "phone": "13812345678", "address": "", "organization": world.a1.pk,
        "status": "full", "id_number": fictional_id_number(n=902, birth=dt.date(1990, 5, 1)),
    })
    assert response.status_code == 302
    assert Member.objects.get(name="新党员").organization == world.a1


def test_a_duplicate_id_number_in_the_form_names_the_field(world, client):
    client.force_login(world.clerk)
    response = client.post("/members/new/", {
        "name": "重复", "gender": "", "birth_date": "", "education": "bachelor",
        "joined_on": "2015-07-01", "organization": world.a1.pk, "status": "full",
        "id_number": world.m_a2.id_number,
    })
    assert response.status_code == 200
    assert "已登记" in response.context["form"].errors["id_number"][0]
    assert not Member.objects.filter(name="重复").exists()


def test_the_grouping_page_proposes_and_creates_groups(world, client):
    make_members(organization=world.a1, count=10)
    client.force_login(world.secretary)
    page = client.get(f"/members/grouping/{world.a1.pk}/?basis=age&max_size=15")
    assert page.status_code == 200 and page.context["proposal"]
    response = client.post(f"/members/grouping/{world.a1.pk}/", {"basis": "age", "max_size": 15})
    assert response.status_code == 302
    assert not Member.objects.filter(organization=world.a1, party_group=None).exists()
    assert client.get(f"/members/grouping/{world.a2.pk}/?basis=age").status_code == 404


def test_the_export_is_masked_by_default_scoped_and_audited(world, client):
    client.force_login(world.secretary)
    response = client.get("/members/export.xlsx")
    ws = load_workbook(io.BytesIO(response.content)).active
    rows = [r for r in ws.iter_rows(min_row=2, values_only=True) if r[0]]
    assert sorted(r[0] for r in rows) == sorted(["甲一另一党员", "甲一党员"])
    assert world.m_a1.id_number not in str(rows)
    assert AuditEntry.objects.filter(action="export", object_type="members.member").count() == 1


def test_party_staff_may_export_full_numbers_on_request(world, client):
    client.force_login(world.secretary)
    response = client.get("/members/export.xlsx?full=on")
    assert world.m_a1.id_number in str(list(load_workbook(io.BytesIO(response.content)).active.values))
    client.force_login(world.admin)
    response = client.get("/members/export.xlsx?full=on")
    assert world.m_a1.id_number not in str(list(load_workbook(io.BytesIO(response.content)).active.values))


def test_the_template_has_chinese_headers_and_drop_downs(world, client):
    client.force_login(world.secretary)
    ws = load_workbook(io.BytesIO(client.get("/members/template.xlsx").content)).active
    headers = [c.value for c in ws[1]]
    assert headers[:3] == ["姓名*", "性别*", "出生日期*"] and "身份证号*" in headers
    assert any('"男,女"' in dv.formula1 for dv in ws.data_validations.dataValidation)


def test_the_member_page_offers_an_account_to_whoever_may_open_one(client, world):
    from pingxing.accounts.models import User

    client.force_login(world.street_user)
    html = client.get(reverse("members:detail", args=[world.m_a1_other.pk])).content.decode()
    assert 'id="open-account"' in html and f"member={world.m_a1_other.pk}" in html
    client.force_login(world.clerk)  # the organization's own staff manage no accounts
    assert 'id="open-account"' not in client.get(reverse("members:detail", args=[world.m_a1_other.pk])).content.decode()
    client.force_login(world.county_user)  # a member who already has an account is not offered one
    assert User.objects.filter(member=world.m_a1).exists()
    assert 'id="open-account"' not in client.get(reverse("members:detail", args=[world.m_a1.pk])).content.decode()


def _new_member_post(world, **overrides):
    data = {"name": "赵敏", "gender": "", "birth_date": "", "education": "bachelor",
            "joined_on": "2015-07-01", "phone": "13812345678", "organization": world.a1.pk,
            "status": "full", "id_number": fictional_id_number(n=904, birth=dt.date(1988, 2, 29))}
    data.update(overrides)
    return data


def test_the_form_fills_in_birth_date_and_gender_from_the_id_number(world, client):
    client.force_login(world.clerk)
    assert client.post("/members/new/", _new_member_post(world)).status_code == 302
    member = Member.objects.get(name="赵敏")
    assert (member.birth_date, member.gender) == (dt.date(1988, 2, 29), "F")


def test_a_gender_against_the_id_number_is_an_error_and_the_typed_number_stays(world, client):
    client.force_login(world.clerk)
    number = fictional_id_number(n=904, birth=dt.date(1988, 2, 29))
    response = client.post("/members/new/", _new_member_post(world, gender="M", birth_date="1988-03-01"))
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert "1988-02-29" in errors["birth_date"][0] and "女" in errors["gender"][0]
    assert not any("赵敏" in m for ms in errors.values() for m in ms)  # no name prefix
    assert f'value="{number}"' in response.content.decode()  # the ID number is not lost
    assert not Member.objects.filter(name="赵敏").exists()


def test_a_service_error_keeps_the_typed_id_number_on_the_form(world, client):
    client.force_login(world.clerk)
    response = client.post("/members/new/", _new_member_post(world, phone="123"))
    assert response.status_code == 200
    assert "phone" in response.context["form"].errors
    assert f'value="{fictional_id_number(n=904, birth=dt.date(1988, 2, 29))}"' in response.content.decode()


def test_an_older_record_that_contradicts_its_id_number_stays_editable(world, client):
    member = world.m_a1
    client.force_login(world.secretary)
    response = client.post(f"/members/{member.pk}/edit/", {
        "name": "新名字", "gender": member.gender, "birth_date": member.birth_date.isoformat(),
        "education": member.education, "joined_on": member.joined_on.isoformat(),
        "organization": member.organization_id, "status": member.status, "id_number": "",
    })
    assert response.status_code == 302
