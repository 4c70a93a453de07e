"""No HTTP 500 on bad input: every upload route answers each malformed or hostile file with a
clear error, and every route with an id in its path answers an id that cannot exist with 404.

The lists below are checked against the URL configuration: a new route whose view reads
request.FILES (or goes through core.imports.import_page) fails this module until it is added
to UPLOADS, and every <int:…> route is requested without being listed."""

from __future__ import annotations

import datetime as dt
import inspect
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from core import hostile_xlsx as hostile
from factories import make_community, make_county, make_member, make_street, make_user
from pingxing.ratings import services, sheets
from pingxing.ratings.models import CadreBasePay

pytestmark = pytest.mark.django_db
YEAR = 2010
SRC = Path(__file__).resolve().parents[1] / "src" / "pingxing"

# route name → (who posts, the file field, other form fields)
UPLOADS: dict[str, tuple[str, str, dict[str, str]]] = {
    "members:import": ("county", "file", {}),
    "orgs:import": ("county", "file", {}),
    "accounts:admin_import": ("county", "file", {}),
    "ratings:import": ("county", "file", {}),
    "ratings:base_pay_import": ("county", "file", {}),
    "ratings:evidence_upload": ("secretary", "evidence_file_major_criminal_cases",
                                {"evidence_for": "major_criminal_cases"}),
    "evaluations:tally_photo": ("secretary", "photo", {}),
    "pledges:fulfil": ("member", "evidence", {"done_on": "2010-03-05", "text": "走访"}),
    "points:entry_new": ("secretary", "evidence", {"item_code": "B01", "occurred_on": "2010-05-01", "times": "1"}),
    "training:import": ("county", "file", {}),
    "cadres:checkpoint": ("county", "evidence", {"result": "kept"}),
    "cadres:adjustment_propose": ("county", "files", {"grounds": "poor_attitude", "evidence": "群众反映"}),
    "grid:households_import": ("secretary", "file", {}),
    "grid:visit_new": ("secretary", "photos", {"kind": "visit", "occurred_on": "2010-05-01", "heard": "走访",
                                               "place": "社区"}),
    "grid:visit_queue": ("secretary", "photos", {"kind": "visit", "occurred_on": "2010-05-01", "heard": "走访",
                                                 "place": "社区"}),
    "grid:case_step": ("secretary", "file", {"action": "register"}),
    "grid:case_new": ("secretary", "file", {"category": "streetlight", "description": "路灯不亮"}),
    "grid:report": ("secretary", "photo", {}),
    "stations:activity_new": ("secretary", "photos", {"date": "2010-05-01", "title": "义诊", "kind": "service",
                                                       "participants": "12"}),
    "cobuilding:delivery_new": ("secretary", "evidence", {"done_on": "2010-05-01", "text": "巡逻"}),
    "plans:note_add": ("secretary", "evidence", {"noted_on": "2010-05-01", "text": "已走访"}),
    "publicity:photo_add": ("secretary", "photo", {"caption": "照片"}),
}
# an import whose columns are its own: the answer to a sheet with other headers names them
WRONG_HEADERS_ANSWERS = {"grid:households_import": "网格编号"}
# (file name, content, words the answer must show); the hostile files with their reasons
MALFORMED: list[tuple[str, bytes, str]] = [
    ("truncated-xml.xlsx", hostile.truncated_xml(), "损坏或不完整"),
    ("not-a-zip.xlsx", hostile.not_a_zip(), "不是 Excel .xlsx 文件"),
    ("garbage.xlsx", hostile.zip_of_garbage(), "损坏或不完整"),
    ("truncated.xlsx", hostile.truncated(), "损坏或不完整"),
    ("old.xlsx", hostile.old_xls(), ".xls"),
    ("no-workbook.xlsx", hostile.zip_without_workbook(), "没有 Excel 工作簿"),
    ("laughs.xlsx", hostile.billion_laughs(), "实体"),
    ("xxe.xlsx", hostile.external_entity(), "实体"),
    ("dimension.xlsx", hostile.huge_dimension(), "列数 16,384 超过上限"),
    ("bomb.xlsx", hostile.zip_bomb(), "解压后大小 300.0 MB 超过上限"),
    ("wrong-headers.xlsx", hostile.valid([["甲", "乙", "丙"], ["1", "2", "3"]]), "组织代码"),
]
# evidence takes photos, PDF and Word files: a spreadsheet is refused by its type, whatever it holds
EVIDENCE_ANSWER = "类型不允许"
# the photo of an evaluation's tally sheet: JPG or PNG only
PHOTO_ANSWER = "只接受照片（JPG/PNG）"
TYPE_ANSWERS = {"ratings:evidence_upload": EVIDENCE_ANSWER, "evaluations:tally_photo": PHOTO_ANSWER,
                "pledges:fulfil": EVIDENCE_ANSWER, "points:entry_new": EVIDENCE_ANSWER,
                "cadres:checkpoint": EVIDENCE_ANSWER, "cadres:adjustment_propose": EVIDENCE_ANSWER,
                **dict.fromkeys(("grid:visit_new", "grid:visit_queue", "grid:case_step", "grid:case_new",
                                 "grid:report", "cobuilding:delivery_new", "plans:note_add"), EVIDENCE_ANSWER),
                "stations:activity_new": PHOTO_ANSWER, "publicity:photo_add": PHOTO_ANSWER}
# path values for the converters that are not ids, by route
OTHER_VALUES = {"accounts:admin_action": {"action": "deactivate"}, "ratings:step": {"action": "approve"},
                "carefund:statement": {"fmt": "pdf"}, "carefund:application_step": {"step": "review"}}
HUGE = "9" * 20
# pages that only read and might show an empty year for a year that cannot be (none now)
EMPTY_YEAR_PAGES: set[str] = set()


@pytest.fixture(autouse=True)
def _no_two_factor(settings):
    settings.REQUIRE_STAFF_2FA = False


@pytest.fixture
def users(db) -> dict[str, Any]:
    county = make_county()
    street = make_street(parent=county)
    community = make_community(parent=street)
    county_user = make_user(role="county", organization=county)
    campaign = services.campaign_open(
        year=YEAR, by=county_user, declaration_deadline=dt.date(YEAR, 9, 30),
        assessment_deadline=dt.date(YEAR, 10, 31), county_deadline=dt.date(YEAR, 11, 30),
    )
    secretary = make_user(role="secretary", organization=community)
    from pingxing.evaluations import services as evaluation_services

    evaluation = evaluation_services.evaluation_create(organization=community, year=YEAR, by=secretary)
    from pingxing.pledges import services as pledge_services

    member_user = make_user(role="member", organization=community, member=make_member(organization=community))
    sheet = pledge_services.sheet_for_member(member=member_user.member, year=YEAR, by=member_user)
    for area in ("conduct", "work", "service", "integrity"):
        pledge_services.item_add(sheet=sheet, area=area, text="承诺", due_date=dt.date(YEAR, 12, 31), by=member_user)
    pledge_services.sheet_submit(sheet=sheet, by=member_user)
    pledge_services.sheet_approve(sheet=sheet, by=secretary)
    pledge_services.sheet_publish(sheet=sheet, by=secretary)
    from pingxing.training import services as training_services

    course = training_services.course_create(title="培训", channel="party_school", audience=["committee_member"],
                                             organizer=street, year=YEAR, by=county_user)
    session = training_services.session_create(course=course, date=dt.date(YEAR, 5, 1), hours="2", by=county_user)
    from pingxing.cadres import services as cadre_services

    post = cadre_services.post_create(organization=community, body="party_committee", position="member",
                                      member=member_user.member, term_starts_on=dt.date(YEAR - 2, 3, 1), by=secretary)
    pledge = cadre_services.pledge_create(post=post, year=YEAR, by=secretary)
    cadre_services.commitment_add(pledge=pledge, text="每周走访", due_dates=[dt.date(YEAR, 6, 30)], by=secretary)
    cadre_services.pledge_submit(pledge=pledge, by=secretary)
    cadre_services.pledge_approve(pledge=pledge, by=county_user)
    checkpoint = pledge.commitments.first().checkpoints.first()
    from pingxing.grid import services as grid_services
    from pingxing.grid.services_cases import case_open

    grid = grid_services.grid_create(community=community, level="large", code="G1", name="网格", by=secretary)
    grid_case = case_open(community=community, category="streetlight", title="路灯", description="路灯不亮",
                          source="staff", by=secretary)
    from pingxing.cobuilding import services as cobuilding_services
    from pingxing.plans import services as plan_services
    from pingxing.stations import services as station_services

    station = station_services.station_save(organization=community, kind="station", name="服务站", address="社区",
                                            by=secretary)
    co_contract = cobuilding_services.contract_create(
        organization=community, title="共建协议", period_start=dt.date(YEAR, 1, 1),
        period_end=dt.date(YEAR, 12, 31), signed_on=dt.date(YEAR, 1, 5), by=secretary)
    co_item = cobuilding_services.item_add(contract=co_contract, area="public_security", content="联合巡逻",
                                           by=secretary)
    plan_item = plan_services.item_add(organization=community, year=YEAR, content="走访", owner_name="张三",
                                       due_on=dt.date(YEAR, 6, 30), by=secretary)
    from pingxing.publicity import services as publicity_services

    publicity_article = publicity_services.article_create(organization=community, kind="progress", title="报道",
                                                          body="正文", year=YEAR, by=secretary)
    return {"station": station, "cobuilding_contract": co_contract, "cobuilding_item": co_item,
            "plan_item": plan_item, "publicity_article": publicity_article,
            "grid": grid, "grid_case": grid_case, "training_session": session, "cadre_post": post, "checkpoint": checkpoint, "county": county_user, "secretary": secretary, "member": member_user,
            "case": campaign.cases.get(organization=community), "evaluation": evaluation,
            "pledge_item": sheet.items.first(), "points_member": make_member(organization=community)}


# --------------------------------------------------------------------------- the URL configuration
def _patterns(resolver: URLResolver | None = None, prefix: str = "", namespace: str = "") -> Iterator[tuple[str, str, URLPattern]]:
    for entry in (resolver or get_resolver()).url_patterns:
        if isinstance(entry, URLResolver):
            inner = f"{namespace}:{entry.namespace}" if namespace and entry.namespace else entry.namespace or namespace
            yield from _patterns(entry, prefix + str(entry.pattern), inner or "")
        elif entry.name:
            yield prefix + str(entry.pattern), f"{namespace}:{entry.name}" if namespace else entry.name, entry


def _reads_files(pattern: URLPattern) -> bool:
    try:
        source = inspect.getsource(inspect.unwrap(pattern.callback))
    except (OSError, TypeError):
        return False
    return "request.FILES" in source or "import_page(" in source


def test_the_upload_list_is_every_route_that_reads_a_file():
    found = {name for _route, name, pattern in _patterns() if _reads_files(pattern)}
    assert found == set(UPLOADS)
    # and the JSON API takes no files (a ninja File parameter would need its own entry here)
    assert [p.name for p in SRC.glob("*/api.py") if re.search(r"UploadedFile|\bFile\[|File\(", p.read_text())] == []


# --------------------------------------------------------------------------- uploads
def _post(client, users, name: str, upload: SimpleUploadedFile | None):
    who, field, extra = UPLOADS[name]
    client.force_login(users[who])
    args = {"ratings:import": [YEAR], "ratings:base_pay_import": [YEAR],
            "ratings:evidence_upload": [users["case"].pk],
            "evaluations:tally_photo": [users["evaluation"].pk],
            "pledges:fulfil": [users["pledge_item"].pk],
            "points:entry_new": [users["points_member"].organization_id],
            "training:import": [users["training_session"].pk],
            "cadres:checkpoint": [users["checkpoint"].pk],
            "cadres:adjustment_propose": [users["cadre_post"].pk],
            "grid:case_step": [users["grid_case"].pk],
            "stations:activity_new": [users["station"].pk],
            "cobuilding:delivery_new": [users["cobuilding_contract"].pk, users["cobuilding_item"].pk],
            "plans:note_add": [users["plan_item"].pk],
            "publicity:photo_add": [users["publicity_article"].pk]}.get(name, [])
    data: dict[str, Any] = dict(extra)
    if name == "points:entry_new":
        data["member"] = users["points_member"].pk
    if name in ("grid:visit_new", "grid:visit_queue"):
        data["grid"] = users["grid"].pk
    if name == "grid:case_new":
        data["community"] = users["secretary"].organization_id
    if upload is not None:
        data[field] = upload
    return client.post(reverse(name, args=args), data, follow=True)


@pytest.mark.parametrize("name", list(UPLOADS))
def test_every_upload_route_answers_each_malformed_file_with_its_reason(client, users, name):
    for filename, content, words in MALFORMED:
        response = _post(client, users, name, SimpleUploadedFile(filename, content))
        assert response.status_code in (200, 400), (filename, response.status_code)
        expected = TYPE_ANSWERS.get(name, words)
        if filename == "wrong-headers.xlsx":
            expected = WRONG_HEADERS_ANSWERS.get(name, expected)
        assert expected in response.content.decode(), (filename, expected)


@pytest.mark.parametrize("name", list(UPLOADS))
def test_every_upload_route_answers_an_empty_file_and_no_file(client, users, name):
    response = _post(client, users, name, SimpleUploadedFile("empty.xlsx", b""))
    assert response.status_code in (200, 400)
    page = response.content.decode()
    # an evidence route may refuse it by its type or as empty: both name the problem
    expected = (TYPE_ANSWERS[name], "空文件", "文件为空") if name in TYPE_ANSWERS else ("所提交的是空文件", "文件为空")
    assert any(words in page for words in expected), (name, re.findall(r"<li class=\"msg-[^>]*>([^<]*)", page))
    response = _post(client, users, name, None)  # the import pages then just show the form again
    assert response.status_code in (200, 201, 400)  # 201: the offline queue saved a visit without photos


def test_evidence_with_an_allowed_type_but_other_content_is_refused_not_crashed(client, users):
    for filename, content in (("scan.pdf", b"GIF89a"), ("photo.png", b""), ("notes.docx", hostile.not_a_zip())):
        response = _post(client, users, "ratings:evidence_upload", SimpleUploadedFile(filename, content))
        assert response.status_code == 200
        assert "内容与扩展名不符" in response.content.decode(), filename
    assert not users["case"].evidence.exists()


# --------------------------------------------------------------------------- ids
def _id_routes() -> list[tuple[str, str, list[str]]]:
    routes = []
    for route, name, pattern in _patterns():
        ints = [key for key, conv in pattern.pattern.converters.items() if type(conv).__name__ == "IntConverter"]
        if ints:
            routes.append((route, name, ints))
    return routes


def _path(route: str, name: str, ints: list[str], value: str) -> str:
    def fill(match: re.Match[str]) -> str:
        converter, key = match.group(1) or "str", match.group(2)
        if key in ints:
            return value
        return OTHER_VALUES.get(name, {}).get(key, "pdf" if converter == "str" else "x")
    return "/" + re.sub(r"<(?:(\w+):)?(\w+)>", fill, route)


@pytest.mark.parametrize(("route", "name", "ints"), _id_routes(), ids=[r[1] for r in _id_routes()])
def test_an_id_that_cannot_exist_answers_404_on_every_id_route(client, users, route, name, ints):
    client.force_login(users["county"])
    for value in (HUGE, "0", "-1", "1" + "0" * 19):
        path = _path(route, name, ints, value)
        for method in (client.get, client.post):
            response = method(path)
            allowed = (404, 405, 200) if name in EMPTY_YEAR_PAGES else (404, 405)
            assert response.status_code in allowed, (method.__name__, path, response.status_code)
        if name in EMPTY_YEAR_PAGES:
            continue
        assert 404 in (client.get(path).status_code, client.post(path).status_code), path


def _api_routes() -> list[str]:
    return [route for route, _name, _pattern in _patterns() if route.startswith("api/") and "<" in route]


@pytest.mark.parametrize("route", _api_routes())
def test_the_api_answers_an_impossible_id_with_a_client_error(client, users, route):
    client.force_login(users["county"])
    for value in (HUGE, "0", "-1", "abc", "1e3"):
        path = "/" + re.sub(r"<(?:\w+:)?\w+>", value, route)
        response = client.get(path)
        assert 400 <= response.status_code < 500, (path, response.status_code)


def test_the_api_has_id_routes_to_try():
    assert {"api/orgs/<org_id>", "api/members/<member_id>"} <= set(_api_routes())


def test_a_pay_write_for_a_year_that_cannot_be_is_404_and_saves_nothing(client, users):
    org = users["case"].organization
    client.force_login(users["county"])
    for year in (HUGE, "40000", "0"):
        assert client.post(f"/ratings/{year}/pay/base/", {f"base_pay_{org.pk}": "1000"}).status_code == 404
        sheet = hostile.valid([list(sheets.BASE_PAY_COLUMNS), [org.code, org.name, 1000]])
        upload = SimpleUploadedFile("pay.xlsx", sheet)
        assert client.post(f"/ratings/{year}/pay/import/", {"file": upload}).status_code == 404
    assert not CadreBasePay.objects.exists()
    upload = SimpleUploadedFile("pay.xlsx", sheet)  # the same file for the campaign's year is saved
    assert client.post(f"/ratings/{YEAR}/pay/import/", {"file": upload}).status_code == 302
    assert CadreBasePay.objects.get().base_pay == 1000
