"""The audit trail in Chinese words: object types, field labels, choice labels, facts and steps;
the client address of data changes; the partial username filter and the inverted date range."""

from __future__ import annotations

import io
import re

import pytest
from django.http import HttpResponse
from django.test import RequestFactory
from django.urls import reverse
from openpyxl import load_workbook

from factories import make_community, make_county, make_member, make_street, make_user
from pingxing import rubric
from pingxing.audit import queries
from pingxing.audit.middleware import AuditRequestMiddleware, current_request
from pingxing.audit.models import AuditEntry
from pingxing.core.audit import AuditAction, audit_record, model_changes, snapshot
from pingxing.orgs.services import org_create
from pingxing.ratings import factform, workflow

pytestmark = pytest.mark.django_db
LIST = "/audit/"
MIDDLEWARE = "pingxing.audit.middleware.AuditRequestMiddleware"


@pytest.fixture(autouse=True)
def _no_2fa(settings):
    settings.REQUIRE_STAFF_2FA = False


@pytest.fixture
def county():
    return make_county()


@pytest.fixture
def reader(client, county):
    client.force_login(make_user(role="county", organization=county, username="xianban"))
    return client


@pytest.fixture
def ratings_describers(monkeypatch):
    """What RatingsConfig.ready registers (ratings may import audit, not the other way round)."""
    monkeypatch.setattr(queries, "_DESCRIBERS", {})
    describe_fact = queries.facts_describer({s.name: s for s in rubric.contract_fields()}, factform.display)
    queries.register_value_describer("ratings.ratingcase", None, describe_fact)
    queries.register_value_describer("ratings.ratingcase", "draft_facts", describe_fact)
    queries.register_value_describer("ratings.ratingcase", "step", queries.labels_describer(workflow.ACTION_LABELS))
    queries.register_value_describer(
        "ratings.evidence", "field", queries.labels_describer({s.name: s.title for s in rubric.contract_fields()}))


def _page_rows(client, **params):
    response = client.get(LIST, params)
    assert response.status_code == 200
    return response, response.context["rows"]


def _has_ascii_word(text: str) -> bool:
    return re.search(r"[A-Za-z]{3,}", text) is not None


def test_an_organization_reads_by_type_name_field_labels_and_choice_labels(reader, county):
    street = make_street(parent=county, name="柯桥街道")
    org_create(code="K001", name="笛扬社区党总支", level="organization", kind="community", form="general_branch",
               parent=street, by=None)
    response, rows = _page_rows(reader, object_type="orgs.organization")
    (entry, type_label, changes), = [r for r in rows if r[0].action == AuditAction.CREATE]
    assert type_label == "党组织"
    described = {label: new for label, _old, new in changes}
    assert described["类别"] == "社区(居)党组织"
    assert described["层级"] == "基层党组织"
    assert described["组织形式"] == "党总支"
    body = response.content.decode()
    assert "社区(居)党组织" in body
    assert "orgs.organization</span>" not in body
    assert ">community<" not in body


def test_a_member_reads_with_the_label_of_the_education_choice(reader, county):
    member = make_member(organization=make_community(parent=make_street(parent=county)), education="bachelor")
    audit_record(action=AuditAction.CREATE, obj=member, organization=member.organization,
                 changes=model_changes(None, snapshot(member, ["name", "education"])))
    _response, rows = _page_rows(reader, object_type="members.member")
    (entry, type_label, changes), = rows
    assert type_label == "党员"
    assert ("文化程度", "—", "本科") in changes


def test_the_filter_offers_object_types_by_their_chinese_names(reader):
    response = reader.get(LIST)
    choices = dict(response.context["form"].fields["object_type"].choices)
    assert choices["ratings.ratingcase"] == "评星案卷"
    assert choices["ratings.evidence"] == "证明材料"  # a model without a Chinese verbose_name yet
    assert choices["orgs.organization"] == "党组织"
    assert not [label for code, label in choices.items() if code and _has_ascii_word(str(label))]


def test_the_export_names_object_types_fields_and_choices_in_chinese(reader, county):
    org_create(code="K002", name="华舍街道党工委", level="street", parent=county, by=None)
    response = reader.get(reverse("audit:export"), {"object_type": "orgs.organization"})
    ws = load_workbook(io.BytesIO(response.content)).active
    header, *rows = list(ws.iter_rows(values_only=True))
    assert header[5] == "对象类型"
    assert rows[0][5] == "党组织"
    assert "街道党工委" in rows[0][8]
    assert "street" not in rows[0][8]


def test_a_state_change_shows_the_state_labels(reader):
    audit_record(action=AuditAction.UPDATE, username="jiedao", object_type="ratings.ratingcase", object_id="7",
                 object_repr="2010 笛扬社区党总支", changes={"state": ["declared", "assessed"]})
    _response, rows = _page_rows(reader)
    entry, type_label, changes = rows[0]
    assert type_label == "评星案卷"
    assert changes == [("状态", "已申报，待街道考核", "街道已考核，待县审定/验收")]


def test_a_step_shows_its_chinese_name(reader, ratings_describers):
    audit_record(action=AuditAction.UPDATE, username="jiedao", object_type="ratings.ratingcase", object_id="7",
                 changes={"state": ["declared", "assessed"], "step": [None, "assess"]})
    _response, rows = _page_rows(reader)
    assert ("步骤", "—", "提交街道考核评定") in rows[0][2]


def test_draft_facts_read_by_the_contracts_titles_and_value_labels(reader, ratings_describers):
    audit_record(action=AuditAction.UPDATE, username="shuji", object_type="ratings.ratingcase", object_id="7",
                 changes={"civilized_community_level": ["county", "city"],
                          "supervision_committee_level": [None, 1]})
    _response, rows = _page_rows(reader)
    changes = rows[0][2]
    assert ("文明社区（已成功创建的最高级别）", "县级", "市级") in changes
    label, old, new = next(c for c in changes if c[0] == "居务监督委员会建设程度")
    assert (old, "已建立" in new) == ("未填", True)
    assert not [c for c in changes if _has_ascii_word(" ".join(c))]


def test_a_whole_draft_facts_change_is_shown_fact_by_fact(reader, ratings_describers):
    audit_record(action=AuditAction.UPDATE, username="shuji", object_type="ratings.ratingcase", object_id="7",
                 changes={"draft_facts": [{"civilized_community_level": "none", "leadership_complete": True},
                                          {"civilized_community_level": "city", "leadership_complete": True}]})
    _response, rows = _page_rows(reader)
    assert rows[0][2] == [("自评草稿·文明社区（已成功创建的最高级别）", "无", "市级")]


def test_evidence_names_the_fact_it_proves(reader, ratings_describers):
    audit_record(action=AuditAction.CREATE, username="shuji", object_type="ratings.evidence", object_id="3",
                 object_repr="证明材料 照片.jpg", changes={"field": [None, "leadership_complete"]})
    _response, rows = _page_rows(reader)
    entry, type_label, changes = rows[0]
    assert type_label == "证明材料"
    assert changes == [("对应事实", "—", "社区党组织和居委会班子健全")]


def test_event_keys_that_are_no_model_field_have_chinese_labels(reader):
    audit_record(action=AuditAction.IMPORT, username="demo", object_type="demo", object_repr="演示数据",
                 changes={"organizations": [None, 30], "members": [None, 500], "users": [None, 40]})
    audit_record(action=AuditAction.IMPORT, username="xianban", object_type="members.member",
                 changes={"rows": [None, 5]})
    _response, rows = _page_rows(reader)
    imported, demo = rows[0], rows[1]
    assert imported[2] == [("导入条数", "—", "5")]
    assert demo[1] == "演示数据"
    assert {label for label, _o, _n in demo[2]} == {"组织数", "党员数", "账号数"}


def test_the_writer_takes_the_client_address_of_the_request_being_answered(rf: RequestFactory):
    def view(request):
        assert current_request() is request
        audit_record(action=AuditAction.UPDATE, username="shuji", object_type="orgs.organization")
        return HttpResponse("ok")

    AuditRequestMiddleware(view)(rf.get("/", REMOTE_ADDR="203.0.113.9"))
    assert AuditEntry.objects.newest_first().first().ip_address == "203.0.113.9"
    assert current_request() is None  # nothing kept after the response
    audit_record(action=AuditAction.UPDATE, username="cli", object_type="orgs.organization")
    assert AuditEntry.objects.newest_first().first().ip_address == ""


def _open_campaign(client, county_user, year):
    client.force_login(county_user)
    return client.post(reverse("ratings:campaigns"), {
        "year": year, "standard_id": "shaoxing-county-2010-community",
        "declaration_deadline": f"{year}-09-30", "assessment_deadline": f"{year}-10-31",
        "county_deadline": f"{year}-11-30", "notice_working_days": 5,
    }, REMOTE_ADDR="198.51.100.23")


def test_a_data_change_made_through_a_page_carries_the_client_address(client, settings, county):
    # campaign_open is called without `request`: only the middleware can supply the address.
    settings.MIDDLEWARE = [MIDDLEWARE, *settings.MIDDLEWARE]
    make_community(parent=make_street(parent=county))
    response = _open_campaign(client, make_user(role="county", organization=county), 2011)
    assert response.status_code == 302
    created = AuditEntry.objects.get(action=AuditAction.CREATE, object_type="ratings.campaign")
    assert created.ip_address == "198.51.100.23"


def test_username_filter_matches_part_of_the_name(reader):
    for name in ("secretary_K001", "secretary_K002", "clerk_K001"):
        audit_record(action=AuditAction.LOGIN, username=name)
    _response, rows = _page_rows(reader, username="Secretary")
    assert sorted(e.username for e, _t, _c in rows) == ["secretary_K001", "secretary_K002"]
    _response, rows = _page_rows(reader, username="K001")
    assert sorted(e.username for e, _t, _c in rows) == ["clerk_K001", "secretary_K001"]


@pytest.mark.parametrize("htmx", [False, True])
def test_an_inverted_date_range_says_so_and_shows_no_rows(reader, htmx):
    audit_record(action=AuditAction.LOGIN, username="zhang")
    headers = {"HX-Request": "true"} if htmx else {}
    response = reader.get(LIST, {"date_from": "2026-02-01", "date_to": "2026-01-01"}, headers=headers)
    body = response.content.decode()
    assert "zhang" not in body
    if not htmx:
        assert response.context["rows"] == []
    assert "截止日期不能早于起始日期" in body
    assert "没有符合条件的记录" in body
    export = reader.get(reverse("audit:export"), {"date_from": "2026-02-01", "date_to": "2026-01-01"})
    assert len(list(load_workbook(io.BytesIO(export.content)).active.iter_rows())) == 1  # the header only
