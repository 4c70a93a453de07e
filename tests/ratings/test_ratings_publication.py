"""发文公布 and the year-end report: the county publishes, documents list every organization."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.urls import reverse
from docx import Document
from pypdf import PdfReader

from factories import make_star_result, make_user
from pingxing.audit.models import AuditEntry
from pingxing.ratings import samples, services
from pingxing.ratings.models import CaseState, Publication, StarResult

pytestmark = pytest.mark.django_db
DOC_NUMBER = "绍县评星办〔2010〕3号"
TITLE = "关于公布2010年度城市社区党组织“评星晋级”评定结果的通知"


@pytest.fixture(autouse=True)
def _no_two_factor(settings):
    settings.REQUIRE_STAFF_2FA = False


def _assessed(county, org, star):
    case = county.case(org)
    facts = samples.facts_for_star(star, org.code, 2010, seed=1)
    services.declaration_submit(case=case, facts=facts, declared_star=star, by=county.secretary)
    services.assessment_submit(case=case, corrections={}, by=county.street_user)
    return case


@pytest.fixture
def ready(county):
    """笛扬 2★ and 柯亭 3★ approved; 华舍 4★ accepted and its notice period over."""
    for org, star in ((county.community, 2), (county.neighbour, 3)):
        services.case_approve(case=_assessed(county, org, star), by=county.county_user)
    case = _assessed(county, county.far_community, 4)
    services.acceptance_record(case=case, corrections={}, by=county.county_user,
                               inspection_date=dt.date(2010, 11, 20), inspectors="验收组", findings="符合")
    services.notice_start(case=case, by=county.county_user, starts_on=dt.date(2010, 12, 1))
    make_star_result(organization=county.community, year=2009, star=3)  # 3★ → 2★: a downgrade
    make_star_result(organization=county.far_community, year=2009, star=3)  # 3★ → 4★: an upgrade
    return county


def _publish(client, county, **overrides):
    data = {"doc_number": DOC_NUMBER, "title": TITLE, "issued_on": "2010-12-20", **overrides}
    return client.post(reverse("ratings:publish", args=[2010]), data)


def test_publish_form_prefills_the_builders_title_and_lists_publishable_cases(client, ready):
    client.force_login(ready.county_user)
    html = client.get(reverse("ratings:publish", args=[2010])).content.decode()
    assert f'value="{TITLE}"' in html
    assert "笛扬社区党总支" in html and "柯亭社区党支部" in html


def test_county_publishes_and_every_case_becomes_a_result(client, ready):
    client.force_login(ready.county_user)
    response = _publish(client, ready)
    publication = Publication.objects.get(doc_number=DOC_NUMBER)
    assert response.status_code == 302 and response["Location"] == reverse("ratings:publication", args=[publication.pk])
    stars = dict(StarResult.objects.filter(year=2010).values_list("organization__name", "star"))
    assert stars == {"笛扬社区党总支": 2, "柯亭社区党支部": 3, "华舍社区党支部": 4}
    assert ready.case(ready.far_community).state == CaseState.PUBLISHED
    html = client.get(response["Location"]).content.decode()
    # Five stars first: 华舍 (4★, 晋升一星) before 柯亭 (3★, 首次评定) before 笛扬 (2★, 降低一星).
    assert html.index("华舍社区党支部") < html.index("柯亭社区党支部") < html.index("笛扬社区党总支")
    assert "晋升一星" in html and "降低一星" in html and "首次评定" in html


def test_a_malformed_or_used_doc_number_is_refused_and_nothing_published(client, ready):
    client.force_login(ready.county_user)
    response = _publish(client, ready, doc_number="绍县评星办[2010]3号")
    assert response.status_code == 200 and "六角括号" in response.content.decode()
    assert not Publication.objects.exists()
    _publish(client, ready)
    again = _publish(client, ready)
    assert "已使用" in again.content.decode() and Publication.objects.count() == 1


@pytest.mark.parametrize("who", ["street_user", "secretary"])
def test_only_the_county_office_publishes(client, ready, who):
    client.force_login(getattr(ready, who))
    assert client.get(reverse("ratings:publish", args=[2010])).status_code == 404
    assert _publish(client, ready).status_code == 404
    assert not Publication.objects.exists() and not StarResult.objects.filter(year=2010).exists()
    assert ready.case(ready.community).state == CaseState.APPROVED
    assert AuditEntry.objects.filter(action="denied", object_type="ratings.results").exists()


def test_publication_downloads_docx_and_pdf_with_every_organization(client, ready):
    client.force_login(ready.county_user)
    _publish(client, ready)
    publication = Publication.objects.get()
    docx = client.get(reverse("ratings:publication_file", args=[publication.pk, "docx"]))
    assert docx.content[:2] == b"PK"
    document = Document(io.BytesIO(docx.content))
    cells = {cell.text for table in document.tables for row in table.rows for cell in row.cells}
    assert {"笛扬社区党总支", "柯亭社区党支部", "华舍社区党支部", "四星级", "降低一星"} <= cells
    pdf = client.get(reverse("ratings:publication_file", args=[publication.pk, "pdf"]))
    assert pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF")
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf.content)).pages)
    for name in ("笛扬社区党总支", "柯亭社区党支部", "华舍社区党支部", DOC_NUMBER):
        assert name in text
    assert client.get(reverse("ratings:publication_file", args=[publication.pk, "txt"])).status_code == 404


def test_year_end_report_lists_changes_and_commends_five_stars(client, county):
    for org, star, previous in ((county.community, 5, 4), (county.neighbour, 1, 3), (county.far_community, 5, None)):
        make_star_result(organization=org, year=2010, star=star, previous_star=previous)
    client.force_login(county.county_user)
    form = client.get(reverse("ratings:report", args=[2010]))
    assert "评星办〔2010〕1号" in form.content.decode()
    url = reverse("ratings:report_file", args=[2010, "docx"])
    docx = client.get(url, {"doc_number": "绍县评星办〔2011〕1号", "issued_on": "2011-01-10"})
    document = Document(io.BytesIO(docx.content))
    text = "\n".join(p.text for p in document.paragraphs)
    assert "笛扬社区党总支（柯桥街道党工委）、华舍社区党支部（华舍街道党工委）等2个五星级党组织" in text
    assert "晋级1个，降级1个" in text
    cells = [[c.text for c in row.cells] for table in document.tables for row in table.rows]
    assert ["1", "柯亭社区党支部", "柯桥街道党工委", "三星级", "一星级"] in cells  # the downgrade list
    pdf = client.get(reverse("ratings:report_file", args=[2010, "pdf"]))
    assert pdf.content.startswith(b"%PDF")
    assert "笛扬社区党总支" in "".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf.content)).pages)


def test_a_bad_report_number_is_shown_not_rendered(client, county):
    make_star_result(organization=county.community, year=2010, star=3)
    client.force_login(county.county_user)
    response = client.get(reverse("ratings:report_file", args=[2010, "pdf"]), {"doc_number": "通报2010"})
    assert response.status_code == 400 and "发文字号格式不正确" in response.content.decode()


def test_streets_cannot_generate_the_year_end_report(client, county):
    make_star_result(organization=county.community, year=2010, star=3)
    client.force_login(county.street_user)
    assert client.get(reverse("ratings:report_file", args=[2010, "docx"])).status_code == 404


def test_the_published_document_is_open_to_party_staff_but_not_to_members(client, ready):
    client.force_login(ready.county_user)
    _publish(client, ready)
    url = reverse("ratings:publication", args=[Publication.objects.get().pk])
    client.force_login(ready.secretary)
    assert "华舍社区党支部" in client.get(url).content.decode()
    client.force_login(make_user(role="member", organization=ready.community))
    assert client.get(url).status_code == 404
