"""Open311 GeoReport v2, driven with the spec's own examples (form-encoded POST, JSON and XML
answers): a request posted through the interface appears in the staff list, and its state
changes are visible through requests/{id}.json."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest
from django.urls import reverse
from django.utils import timezone
from grid_cases_world import cases_world, step

pytestmark = pytest.mark.django_db


@pytest.fixture
def w(db, settings):
    from pingxing.grid.services_cases import api_key_create

    settings.REQUIRE_STAFF_2FA = False
    w = cases_world()
    w.key_row, w.key = api_key_create(street=w.street_a, name="12345热线")
    return w


def url(name: str, fmt: str = "json", **kwargs) -> str:
    return reverse(f"open311:{name}", kwargs={"fmt": fmt, **kwargs})


def _post(client, w, fmt="json", **extra):
    values = {"api_key": w.key, "jurisdiction_id": "keqiao.shaoxing.example", "service_code": "C01",
              "lat": "30.083000", "long": "120.490000", "address_string": "笛扬路1号东侧",
              "first_name": "明", "last_name": "赵", "phone": "13600001234", "email": "zhao@example.com",
              "description": "路灯整晚不亮", **extra}
    return client.post(url("requests", fmt), values)


def test_the_catalogue_is_served_as_services_in_json_and_xml(client, w):
    services = client.get(url("services")).json()
    lamp = next(s for s in services if s["service_code"] == "C01")
    assert lamp == {"service_code": "C01", "service_name": "路灯损坏", "description": lamp["description"],
                    "metadata": False, "type": "realtime", "keywords": lamp["keywords"], "group": lamp["group"]}
    root = ET.fromstring(client.get(url("services", "xml")).content)
    assert root.tag == "services" and root.find("service/service_code").text == services[0]["service_code"]
    definition = client.get(url("service", code="C01")).json()
    assert definition == {"service_code": "C01", "attributes": []}
    xml = ET.fromstring(client.get(url("service", "xml", code="C01")).content)
    assert xml.tag == "service_definition" and xml.find("service_code").text == "C01"
    missing = client.get(url("service", code="NOPE"))
    assert missing.status_code == 404 and missing.json()[0]["code"] == 404


def test_a_posted_request_is_in_the_staff_list_and_its_steps_show_through_the_interface(client, w):
    answer = _post(client, w)
    assert answer.status_code == 200
    (created,) = answer.json()
    assert set(created) == {"service_request_id", "service_notice", "account_id"}
    from pingxing.grid.models_cases import ServiceCase

    case = ServiceCase.objects.get(public_id=created["service_request_id"])
    assert case.number in created["service_notice"] and case.source == "open311"
    assert (case.community, case.reporter_name, case.reporter_contact) == (w.a1, "赵 明", "13600001234")
    client.force_login(w.street_user)
    assert case.number in client.get(reverse("grid:cases")).content.decode()
    client.logout()

    detail = url("request", request_id=created["service_request_id"])
    (row,) = client.get(detail).json()
    assert (row["status"], row["service_code"], row["service_name"]) == ("open", "C01", "路灯损坏")
    assert row["lat"] == 30.083 and row["address"] == "笛扬路1号东侧" and row["expected_datetime"] is None
    now = timezone.now()
    case = step(case, "register", w.secretary, now)
    case = step(case, "dispatch", w.secretary, now, to_kind="department", to=str(w.department.pk))
    (row,) = client.get(detail).json()
    assert row["status"] == "open" and row["agency_responsible"] == "城管中队"
    assert row["expected_datetime"].startswith(case.deadline.isoformat())
    for action, reason in (("acknowledge", ""), ("feed_back", "已更换灯泡"), ("check_pass", ""), ("close", "")):
        case = step(case, action, w.secretary, now, reason)
    (row,) = client.get(detail).json()
    assert row["status"] == "closed" and row["status_notes"] == "结案"
    assert row["updated_datetime"] >= row["requested_datetime"]
    listed = client.get(url("requests") + "?status=closed&service_code=C01").json()
    assert [r["service_request_id"] for r in listed] == [created["service_request_id"]]
    assert client.get(url("requests") + "?status=open").json() == []
    body = client.get(detail).content.decode() + client.get(url("requests", "xml")).content.decode()
    for secret in ("赵", "13600001234", "zhao@example.com"):
        assert secret not in body


def test_requests_in_xml_parse_as_the_spec_shows(client, w):
    answer = ET.fromstring(_post(client, w, fmt="xml").content)
    assert answer.tag == "service_requests"
    request_id = answer.find("request/service_request_id").text
    listing = ET.fromstring(client.get(url("requests", "xml") + f"?service_request_id={request_id},nonsense").content)
    (request,) = listing.findall("request")
    assert request.find("status").text == "open" and request.find("service_code").text == "C01"
    detail = ET.fromstring(client.get(url("request", "xml", request_id=request_id)).content)
    assert detail.find("request/service_request_id").text == request_id


def test_errors_answer_in_the_spec_shape(client, w):
    from pingxing.grid.models_cases import ServiceCase

    for response, status in ((_post(client, w, api_key=""), 403), (_post(client, w, api_key="wrong"), 403),
                             (_post(client, w, service_code="NOPE"), 400),
                             (_post(client, w, lat="", long="", address_string=""), 400),
                             (_post(client, w, description=""), 400), (_post(client, w, lat="north"), 400),
                             (_post(client, w, jurisdiction_id="elsewhere.example"), 404),
                             (client.get(url("request", request_id="00000000-0000-0000-0000-000000000000")), 404),
                             (client.get(url("requests") + "?start_date=yesterday"), 400),
                             (client.get(url("requests") + "?status=pending"), 400)):
        assert response.status_code == status
        (error,) = response.json()
        assert error["code"] == status and error["description"]
    xml = ET.fromstring(_post(client, w, fmt="xml", api_key="").content)
    assert xml.tag == "errors" and xml.find("error/code").text == "403"
    w.key_row.active = False
    w.key_row.save()
    assert _post(client, w).status_code == 403
    assert ServiceCase.objects.count() == 0


def test_cases_from_visits_and_staff_are_never_published(client, w):
    from grid_cases_world import open_case

    open_case(w)
    assert client.get(url("requests")).json() == []


def test_the_apikey_command_prints_a_key_that_works_once_shown(client, w, capsys):
    from django.core.management import call_command

    from pingxing.grid.models_cases import ApiKey

    call_command("grid", "apikey", "区数据平台", "--street", w.street_a.code)
    key = capsys.readouterr().out.strip().splitlines()[-1]
    row = ApiKey.objects.get(name="区数据平台")
    assert key not in row.key_hash and len(key) >= 32
    w.key = key
    assert _post(client, w).status_code == 200
