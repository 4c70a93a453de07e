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


def _preview(client, **overrides):
    data = {"doc_number": DOC_NUMBER, "title": TITLE, "issued_on": "2010-12-20", **overrides}
    return client.post(reverse("ratings:publish", args=[2010]), data)


def _publish(client, county, **overrides):
    """Preview, then confirm with the previewed list, as the county clerk does."""
    preview = _preview(client, **overrides)
    if preview.status_code != 200 or "confirm-form" not in preview.content.decode():
        return preview
    ids = ",".join(str(pk) for pk in sorted(c.pk for c in preview.context["plan"].cases))
    data = {"doc_number": DOC_NUMBER, "title": TITLE, "issued_on": "2010-12-20", **overrides,
            "confirm": "True", "cases": ids}
    return client.post(reverse("ratings:publish", args=[2010]), data)


def test_publish_form_prefills_the_builders_title_and_lists_publishable_cases(client, ready):
    client.force_login(ready.county_user)
    html = client.get(reverse("ratings:publish", args=[2010])).content.decode()
    assert 'value="关于公布2010年度城市社区党组织“评星晋级”评定结果（第一批）的通知"' not in html  # nothing pending
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


# --- issuing: preview and confirmation ------------------------------------------------------

def _pdf_text(content: bytes) -> str:
    import re

    return re.sub(r"\s+", "", "".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages))


def test_issuing_shows_the_first_page_and_the_list_before_anything_is_numbered(client, ready):
    client.force_login(ready.county_user)
    response = _preview(client)
    html = response.content.decode()
    assert response.status_code == 200 and not Publication.objects.exists()
    assert 'id="document-preview" src="data:image/png;base64,' in html
    assert "此操作不可撤销" in html and DOC_NUMBER in html
    assert all(name in html for name in ("笛扬社区党总支", "柯亭社区党支部", "华舍社区党支部"))
    assert "县审定，不作公示" in html and "验收、公示，公示期满无异议" in html
    assert ready.case(ready.community).state == CaseState.APPROVED


def test_a_confirmation_for_a_list_that_changed_is_shown_again_not_issued(client, ready):
    client.force_login(ready.county_user)
    data = {"doc_number": DOC_NUMBER, "title": TITLE, "issued_on": "2010-12-20", "confirm": "True",
            "cases": str(ready.case(ready.community).pk)}
    response = client.post(reverse("ratings:publish", args=[2010]), data)
    assert response.status_code == 200 and "待发文名单已变化" in response.content.decode()
    assert not Publication.objects.exists()


# --- the documents tell each case's truth -----------------------------------------------------

def _object(county, case, *, count, upheld=False):
    for n in range(count):
        objection = services.objection_file(case=case, contact=f"1380000000{n}", text="异议内容",
                                            ip_address=f"10.0.0.{n}")
        services.objection_respond(objection=objection, response="经调查核实不成立", upheld=upheld,
                                   by=county.county_user)


def test_a_batch_without_objections_reads_no_objection_and_approved_ones_were_never_on_notice(client, ready):
    client.force_login(ready.county_user)
    _publish(client, ready)
    text = _pdf_text(client.get(reverse("ratings:publication_file", args=[Publication.objects.get().pk, "pdf"])).content)
    assert "公示期满无异议" in text
    assert "二至三星级党组织2个经社区(居)党组织自评申报" in text and "按规定不作公示" in text
    assert "公示期间收到异议" not in text


def test_a_case_with_answered_objections_never_reads_no_objection(client, ready):
    _object(ready, ready.case(ready.far_community), count=2)
    client.force_login(ready.county_user)
    _publish(client, ready)
    publication = Publication.objects.get()
    text = _pdf_text(client.get(reverse("ratings:publication_file", args=[publication.pk, "pdf"])).content)
    assert "华舍社区党支部公示期间收到异议2件，经调查核实均不成立" in text
    assert "无异议" not in text
    html = client.get(reverse("ratings:publication", args=[publication.pk])).content.decode()
    assert "收到异议2件（均不成立）" in html


@pytest.fixture
def partial(county):
    """笛扬 2★ approved and 华舍 4★ noticed; 柯亭 only declared: it stays 评定中."""
    services.case_approve(case=_assessed(county, county.community, 2), by=county.county_user)
    case = _assessed(county, county.far_community, 4)
    services.acceptance_record(case=case, corrections={}, by=county.county_user,
                               inspection_date=dt.date(2010, 11, 20), inspectors="验收组", findings="符合")
    services.notice_start(case=case, by=county.county_user, starts_on=dt.date(2010, 12, 1))
    services.declaration_submit(case=county.case(county.neighbour), declared_star=3, by=county.neighbour_secretary,
                                facts=samples.facts_for_star(3, county.neighbour.code, 2010, seed=1))
    return county


def test_a_first_batch_of_part_of_the_year_speaks_of_its_batch(client, partial):
    ready = partial
    client.force_login(ready.county_user)
    html = client.get(reverse("ratings:publish", args=[2010])).content.decode()
    batch_title = "关于公布2010年度城市社区党组织“评星晋级”评定结果（第一批）的通知"
    assert f'value="{batch_title}"' in html
    _publish(client, ready, title=batch_title)
    publication = Publication.objects.get()
    assert publication.batch == 1
    text = _pdf_text(client.get(reverse("ratings:publication_file", args=[publication.pk, "pdf"])).content)
    assert "（第一批）" in text and "本批公布城市社区党组织2个" in text and "本年度另有1个党组织正在评定中" in text
    assert "本年度共评定" not in text


# --- the year-end report waits for the whole year, or says how far it goes ------------------

def test_the_report_of_a_partial_year_needs_a_confirmation_and_is_marked_as_of_today(client, partial):
    ready = partial
    client.force_login(ready.county_user)
    _publish(client, ready, title="关于公布2010年度城市社区党组织“评星晋级”评定结果（第一批）的通知")
    page = client.get(reverse("ratings:report", args=[2010])).content.decode()
    assert "评定中1个" in page and 'id="report-partial-warning"' in page
    url = reverse("ratings:report_file", args=[2010, "pdf"])
    refused = client.get(url)
    assert refused.status_code == 400 and "须勾选确认" in refused.content.decode()
    from django.utils import timezone
    today = timezone.localdate()
    pdf = client.get(url, {"confirm_partial": "on"})
    assert pdf.content.startswith(b"%PDF")
    assert f"截至{today.month}月{today.day}日（评定中1个）" in _pdf_text(pdf.content)


# --- 发文与公示设置: the issuer and its 发文字号 -----------------------------------------------

PROFILE = {"issuer_mark": "中共绍兴县委组织部文件", "issuer_name": "中共绍兴县委组织部", "doc_prefix": "绍县组",
           "printer": "中共绍兴县委组织部办公室", "objection_address": "绍兴县委组织部组织科",
           "objection_phone": "0575-84123456"}


def test_issuer_and_doc_number_come_from_the_office_profile(client, ready):
    from pingxing.ratings.models import OfficeProfile

    client.force_login(ready.county_user)
    response = client.post(reverse("ratings:office_profile"), PROFILE)
    assert response.status_code == 302
    assert OfficeProfile.objects.get(office=ready.county).doc_prefix == "绍县组"
    assert AuditEntry.objects.filter(object_type="ratings.officeprofile").exists()
    html = client.get(reverse("ratings:publish", args=[2010])).content.decode()
    assert 'value="绍县组〔2010〕1号"' in html
    refused = _preview(client)  # 绍县评星办〔2010〕3号: another issuer's number
    assert "机关代字应为“绍县组”" in refused.content.decode() and "confirm-form" not in refused.content.decode()
    _publish(client, ready, doc_number="绍县组〔2010〕1号")
    publication = Publication.objects.get()
    pdf = client.get(reverse("ratings:publication_file", args=[publication.pk, "pdf"])).content
    with __import__("pdfplumber").open(io.BytesIO(pdf)) as document:
        first = document.pages[0].extract_text().replace(" ", "")
        last = document.pages[-1].extract_text().replace(" ", "")
    assert "中共绍兴县委组织部文件" in first and "绍县组〔2010〕1号" in first
    assert "中共绍兴县委组织部办公室" in last
    assert 'value="绍县组〔2010〕2号"' in client.get(reverse("ratings:publish", args=[2010])).content.decode()


def test_a_mark_of_another_issuer_is_refused_with_a_chinese_error(client, ready):
    client.force_login(ready.county_user)
    response = client.post(reverse("ratings:office_profile"), PROFILE | {"issuer_mark": "绍兴县评星办文件"})
    html = response.content.decode()
    assert response.status_code == 400 and "不是同一机关" in html and 'value="绍兴县评星办文件"' in html


@pytest.mark.parametrize("who", ["street_user", "secretary"])
def test_only_the_county_office_edits_the_office_profile(client, ready, who):
    from pingxing.ratings.models import OfficeProfile

    client.force_login(getattr(ready, who))
    assert client.get(reverse("ratings:office_profile")).status_code == 404
    assert client.post(reverse("ratings:office_profile"), PROFILE).status_code == 404
    assert not OfficeProfile.objects.exists()
