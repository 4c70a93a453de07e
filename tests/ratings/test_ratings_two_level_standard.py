"""A county's own two-level standard runs through a whole campaign — declare, assess,
approve (1★) or accept and publicly notify (2★), publish — and through the dashboard, the
pay policy and the documents, with no code written for it."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from django.urls import reverse

from factories import make_community, make_county, make_street, make_user
from pingxing.ratings import engine, issuing, samples, services
from pingxing.ratings.models import StarResult
from pingxing.ratings.workflow import CaseState, WorkflowError

STANDARDS = Path(__file__).parent / "standards"
STANDARD_ID = "test-county-2030-community"
YEAR = 2030


@pytest.fixture
def two_levels(settings, db):
    settings.RUBRIC_STANDARD_DIRS = [str(STANDARDS)]
    settings.REQUIRE_STAFF_2FA = False
    county = make_county()
    street = make_street(parent=county, name="测试街道党工委")
    orgs = [make_community(parent=street, name=f"测试{n}社区党支部") for n in ("一", "二", "三")]
    users = {
        "county": make_user(role="county", organization=county),
        "street": make_user(role="street", organization=street),
        **{f"sec{i}": make_user(role="secretary", organization=org) for i, org in enumerate(orgs)},
    }
    campaign = services.campaign_open(
        year=YEAR, by=users["county"], standard_id=STANDARD_ID, declaration_deadline=dt.date(YEAR, 9, 30),
        assessment_deadline=dt.date(YEAR, 10, 31), county_deadline=dt.date(YEAR, 11, 30),
    )
    return county, orgs, users, campaign


def _facts(org, *, star: int) -> dict:
    facts = samples.best_facts(org.code, YEAR)  # rates 2★ under this standard
    if star == 1:
        facts["civilized_community_level"] = "county"  # below 市级: level 2 fails
    return facts


def test_the_standard_is_found_in_the_countys_folder_and_has_two_levels(two_levels):
    std = engine.standard(STANDARD_ID)
    assert (std.max_star, std.star_title(2), std.star_title(0)) == (2, "二星级", "未定星")
    assert std.needs_acceptance(2) and not std.needs_acceptance(1)
    assert STANDARD_ID in {s.id for s in engine.standards()}


def test_a_two_level_campaign_from_declaration_to_dashboard(client, two_levels):
    county, orgs, users, campaign = two_levels
    one, two, untouched = (campaign.cases.get(organization=o) for o in orgs)
    # 1★: declare → assess → approve (审定)
    services.declaration_submit(case=one, facts=_facts(orgs[0], star=1), declared_star=1, by=users["sec0"])
    services.assessment_submit(case=one, corrections={}, by=users["street"])
    assert one.assessed_star == 1
    services.case_approve(case=one, by=users["county"])
    # 2★: the top level goes through acceptance and the public notice, as the standard says
    services.declaration_submit(case=two, facts=_facts(orgs[1], star=2), declared_star=2, by=users["sec1"])
    services.assessment_submit(case=two, corrections={}, by=users["street"])
    with pytest.raises(WorkflowError, match="不适用县审定"):  # the top level is accepted, not approved
        services.case_approve(case=two, by=users["county"])
    services.acceptance_record(case=two, corrections={}, by=users["county"], inspection_date=dt.date(YEAR, 11, 1),
                               inspectors="验收组", findings="属实")
    services.notice_start(case=two, by=users["county"], starts_on=dt.date(YEAR, 11, 4))
    publication = services.campaign_publish(
        campaign=campaign, doc_number=f"测县组〔{YEAR}〕1号", title="关于公布评定结果的通知",
        issued_on=dt.date(YEAR, 12, 1), by=users["county"], today=dt.date(YEAR, 12, 1),
    )
    one.refresh_from_db()
    two.refresh_from_db()
    assert (one.state, two.state) == (CaseState.PUBLISHED, CaseState.PUBLISHED)
    assert sorted(StarResult.objects.filter(year=YEAR).values_list("star", flat=True)) == [1, 2]
    assert untouched.state == CaseState.DRAFT

    client.force_login(users["county"])
    html = client.get(reverse("ratings:dashboard")).content.decode()
    distribution = re.findall(r"<tr[^>]*><td>(.+?)</td><td>(\d+)</td>", _table(html, "distribution-table"))
    assert distribution == [("二星级", "1"), ("一星级", "1"), ("未定星", "0"), ("评定中", "1")]
    targets = _table(html, "targets-table")
    assert "一星级以上" in targets and "二星级" in targets and "五星级" not in targets
    assert "100.0%" in targets and "50.0%" in targets  # of the 2 published: both 1★+, one 2★

    policy = client.get(reverse("ratings:policy")).content.decode()
    assert "二星级" in policy and "五星级" not in policy

    doc = issuing.publication_document(publication)
    text = "".join(getattr(block, "text", "") for block in doc.body)
    # every sentence from the recorded facts of the two cases, levels named by the standard
    assert "一星级党组织1个经社区(居)党组织自评申报" in text and "二星级党组织1个在街道党工委考核评定的基础上" in text
    assert "本批公布城市社区党组织2个" in text
    assert "一星级为基准" in text and "五星" not in text
    for fmt in ("docx", "pdf"):
        response = client.get(reverse("ratings:publication_file", args=[publication.pk, fmt]))
        assert response.status_code == 200 and len(response.content) > 1000


def _table(html: str, table_id: str) -> str:
    return re.search(rf'<table id="{table_id}">(.*?)</table>', html, re.S).group(1)
