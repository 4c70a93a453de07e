from __future__ import annotations

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from pingxing.cobuilding.models import Contract, ContractItem, Evidence
from pingxing.orgs.services import outside_unit_create

pytestmark = pytest.mark.django_db
YEAR = 2010
PNG = b"\x89PNG\r\n\x1a\n" + b"0" * 32


@pytest.fixture
def unit(world):
    return outside_unit_create(street=world.street_a, name="甲街派出所", category="派出所", contact_name="王所长",
                               contact_phone="13800138000", by=world.street_user)


def _post(client, user, name, data, *args, status=302):
    client.force_login(user)
    response = client.post(reverse(f"cobuilding:{name}", args=args), data)
    assert response.status_code == status, response.content.decode()[:2000]
    return response


@pytest.fixture
def contract(client, world, unit):
    _post(client, world.secretary, "contract_new", {"title": "警民共建协议", "period_start": "2010-01-01",
                                                    "period_end": "2010-12-31", "signed_on": "2010-01-05"})
    contract = Contract.objects.get(title="警民共建协议")
    _post(client, world.secretary, "partner_new", {"outside_unit": unit.pk}, contract.pk)
    _post(client, world.secretary, "item_new", {"area": "public_security", "content": "联合夜间巡逻",
                                                "due_on": "2010-06-30", "expected": "每月两次"}, contract.pk)
    return contract


def _deliver(client, world, contract):
    item = ContractItem.objects.get(contract=contract)
    _post(client, world.secretary, "delivery_new",
          {"done_on": "2010-05-01", "text": "巡逻8次", "evidence": SimpleUploadedFile("巡逻.png", PNG)},
          contract.pk, item.pk)
    return Evidence.objects.get(delivery__item=item)


def _overview_status(client, world):
    client.force_login(world.street_user)
    response = client.get(reverse("cobuilding:overview"), {"year": YEAR})
    assert response.status_code == 200
    row = next(r for r in response.context["rows"] if r.contract.title == "警民共建协议")
    return row.status, response


def test_a_delivered_item_reviewed_by_both_sides_is_kept_on_the_streets_overview(client, world, contract, settings,
                                                                                tmp_path):
    settings.MEDIA_ROOT = tmp_path
    _deliver(client, world, contract)
    partner = contract.partners.get()
    _post(client, world.secretary, "review_new", {"year": YEAR, "partner": "", "verdict": "kept"}, contract.pk)
    _post(client, world.secretary, "review_new",
          {"year": YEAR, "partner": partner.pk, "verdict": "kept", "signed_for": "王所长"}, contract.pk)
    status, response = _overview_status(client, world)
    assert status == "kept"
    assert "履约率：100%" in response.content.decode()


def test_a_one_sided_review_is_pending_on_the_overview(client, world, contract, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    _deliver(client, world, contract)
    _post(client, world.secretary, "review_new", {"year": YEAR, "partner": "", "verdict": "kept"}, contract.pk)
    status, response = _overview_status(client, world)
    assert status == "pending"
    assert "待双方确认" in response.content.decode()


def test_an_outside_units_review_needs_its_signers_name(client, world, contract):
    partner = contract.partners.get()
    response = _post(client, world.secretary, "review_new",
                     {"year": YEAR, "partner": partner.pk, "verdict": "kept"}, contract.pk, status=400)
    assert "签字人" in response.content.decode()


def test_a_wrong_file_is_refused_with_its_name(client, world, contract):
    item = ContractItem.objects.get(contract=contract)
    response = _post(client, world.secretary, "delivery_new",
                     {"done_on": "2010-05-01", "text": "巡逻", "evidence": SimpleUploadedFile("a.png", b"MZ")},
                     contract.pk, item.pk, status=400)
    assert "a.png" in response.content.decode()
    assert not item.deliveries.exists()


def test_another_streets_user_gets_404_for_the_contract_and_its_evidence(client, world, contract, settings,
                                                                          tmp_path):
    from factories import make_user

    settings.MEDIA_ROOT = tmp_path
    evidence = _deliver(client, world, contract)
    client.force_login(world.secretary)
    response = client.get(reverse("cobuilding:evidence", args=[evidence.pk]))
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"\x89PNG")
    for close in response._resource_closers:  # not response.close(): it would end the test's DB connection
        close()
    client.force_login(make_user(role="street", organization=world.street_b))
    assert client.get(reverse("cobuilding:contract", args=[contract.pk])).status_code == 404
    assert client.get(reverse("cobuilding:evidence", args=[evidence.pk])).status_code == 404
    client.force_login(world.member_user)
    assert client.get(reverse("cobuilding:evidence", args=[evidence.pk])).status_code == 404
    client.logout()
    assert client.get(reverse("cobuilding:evidence", args=[evidence.pk])).status_code == 302


def test_the_public_page_needs_no_login_and_shows_no_contact(client, contract):
    response = client.get(reverse("cobuilding:public", args=[contract.pk]))
    page = response.content.decode()
    assert response.status_code == 200
    assert "警民共建协议" in page and "甲街派出所" in page and "联合夜间巡逻" in page
    assert "王所长" not in page and "13800138000" not in page and "8000" not in page


@pytest.mark.parametrize("bad", ["99999999999999999999", "0", "123456"])
def test_bad_ids_are_404(client, world, contract, bad):
    client.force_login(world.county_user)
    for name in ("contract", "public"):
        assert client.get(f"/cobuilding/{'public/' if name == 'public' else ''}{bad}/").status_code == 404
    assert client.get(f"/cobuilding/evidence/{bad}/").status_code == 404
    client.force_login(world.secretary)
    item = ContractItem.objects.get(contract=contract)
    assert client.post(f"/cobuilding/{contract.pk}/items/{bad}/deliveries/",
                       {"done_on": "2010-05-01", "text": "x"}).status_code == 404
    assert client.post(f"/cobuilding/{bad}/items/{item.pk}/deliveries/",
                       {"done_on": "2010-05-01", "text": "x"}).status_code == 404


def test_county_reads_and_member_is_refused(client, world, contract):
    client.force_login(world.county_user)
    assert client.get(reverse("cobuilding:contract", args=[contract.pk])).status_code == 200
    assert client.get(reverse("cobuilding:contracts")).status_code == 200
    client.force_login(world.member_user)
    assert client.get(reverse("cobuilding:contract", args=[contract.pk])).status_code == 404
    assert client.get(reverse("cobuilding:contracts")).status_code == 404
    assert client.post(reverse("cobuilding:review_new", args=[contract.pk]),
                       {"year": YEAR, "verdict": "kept"}).status_code == 404


def test_a_spreadsheet_or_an_empty_file_as_evidence_is_refused_by_its_reason(client, world, contract):
    item = ContractItem.objects.get(contract=contract)
    for upload, words in ((SimpleUploadedFile("a.xlsx", b"PK\x03\x04"), "类型不允许"),
                          (SimpleUploadedFile("empty.xlsx", b""), "空文件")):
        response = _post(client, world.secretary, "delivery_new", {"done_on": "2010-05-01", "text": "巡逻",
                                                                   "evidence": upload}, contract.pk, item.pk,
                         status=400)
        assert words in response.content.decode(), re.findall(r"alert\">([^<]*)", response.content.decode())
