"""Issue 8 in a real browser: a first batch of 3 of 25 cases is published mid-year. The county
office sees true figures — 已公布 3, 评定中 22, shares of the published only — the batch's
document speaks of its batch, and the year-end report is not presented as the year's."""

from __future__ import annotations

import datetime as dt
import io
import re

import pytest
from playwright.sync_api import expect
from pypdf import PdfReader

from conftest import screenshot
from factories import PASSWORD, make_community, make_county, make_street, make_user
from pingxing.ratings import samples, services

pytestmark = pytest.mark.usefixtures("transactional_db")

YEAR = 2010
DOC_NUMBER = "绍县评星办〔2010〕5号"


def _county_with_three_approved():
    county = make_county(name="绍兴县委组织部")
    streets = [make_street(parent=county, name=name) for name in ("柯桥街道党工委", "华舍街道党工委")]
    orgs = [make_community(parent=streets[i % 2], name=f"第{i + 1:02d}社区党支部") for i in range(25)]
    county_user = make_user(role="county", organization=county, username="county_office")
    street_users = [make_user(role="street", organization=s) for s in streets]
    campaign = services.campaign_open(
        year=YEAR, by=county_user, declaration_deadline=dt.date(YEAR, 9, 30),
        assessment_deadline=dt.date(YEAR, 10, 31), county_deadline=dt.date(YEAR, 11, 30),
    )
    for i, star in enumerate((3, 2, 1)):  # three cases approved by the county (1–3★)
        org = orgs[i]
        case = campaign.cases.get(organization=org)
        secretary = make_user(role="secretary", organization=org)
        services.declaration_submit(case=case, facts=samples.facts_for_star(star, org.code, YEAR, seed=i),
                                    declared_star=star, by=secretary)
        services.assessment_submit(case=case, corrections={}, by=street_users[i % 2])
        services.case_approve(case=case, by=county_user)
    return county_user


def _pdf_text(page, url: str) -> str:
    response = page.context.request.get(url)
    assert response.status == 200
    return "".join(p.extract_text() for p in PdfReader(io.BytesIO(response.body())).pages)


def test_a_first_batch_of_three_of_twenty_five_is_published_as_a_batch(open_page):
    _county_with_three_approved()
    county = open_page(username="county_office", password=PASSWORD)

    county.goto(f"/ratings/{YEAR}/publish/")
    county.fill("#id_doc_number", DOC_NUMBER)
    county.click("#do-preview")
    expect(county.locator("#document-preview")).to_be_visible()
    county.click("#do-publish")
    county.wait_for_url(re.compile(r"/ratings/publication/\d+/$"))
    expect(county.locator(".messages")).to_contain_text("第1批")
    document = _pdf_text(county, county.url.rstrip("/") + ".pdf")
    assert "本批公布" in document and "3个" in document
    assert "本年度共评定" not in document.replace("\n", "")  # a batch never speaks for the year
    assert "22" in document  # the 22 still being rated are named as such

    county.goto(f"/ratings/dashboard/?year={YEAR}")
    expect(county.locator("#publication-status")).to_contain_text("已公布 3 个，评定中 22 个")
    row = county.locator("#targets-table tr[data-year='2010']")
    expect(row.locator("td.published")).to_have_text("3")
    expect(row.locator("td.in-progress")).to_have_text("22")
    # shares of the 3 published: 3★+ is 1 of 3 (33.3%), not 1 of 25
    expect(row.locator("td.target-share").first).to_contain_text("33.3%")
    screenshot(county, "partial-1-dashboard")

    county.goto(f"/ratings/{YEAR}/report/")
    expect(county.locator("#report-partial-warning")).to_be_visible()
    refused = county.context.request.get(f"/ratings/{YEAR}/report.pdf")
    assert refused.status == 400  # not without the county's confirmation
    county.check("#id_confirm_partial")
    with county.expect_download() as download:
        county.click("text=生成 PDF")
    report = "".join(p.extract_text() for p in PdfReader(download.value.path()).pages).replace("\n", "")
    assert "截至" in report and "评定中22个" in report
