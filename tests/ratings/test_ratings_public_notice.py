"""The public notice page (公示): no login, key facts only, objections with bot resistance."""

from __future__ import annotations

import datetime as dt
import re
import time

import pytest
from django.urls import reverse

from factories import make_community
from pingxing.orgs.models import Organization
from pingxing.ratings import samples, services
from pingxing.ratings.models import CaseState, FactSheet, Objection, RatingCase
from pingxing.ratings.views.public import issue_form_token

pytestmark = pytest.mark.django_db
NOTICE = "/public/notice/"


def _on_notice(county, org, *, star=5):
    case = county.case(org)
    facts = samples.facts_for_star(star, org.code, 2010, seed=5)
    services.declaration_submit(case=case, facts=facts, declared_star=star, by=county.secretary)
    services.assessment_submit(case=case, corrections={}, by=county.street_user)
    services.acceptance_record(case=case, corrections={}, by=county.county_user,
                               inspection_date=dt.date(2010, 11, 2), inspectors="验收组", findings="属实")
    services.notice_start(case=case, by=county.county_user, starts_on=dt.date(2010, 11, 8))
    case.refresh_from_db()
    return case


def _objection(**overrides):
    data = {"name": "", "contact": "13900000000", "text": "该社区去年发生过一起刑事案件。",
            "token": issue_form_token(now=time.time() - 30), "website": ""}
    data.update(overrides)
    return data


def _post(client, case, data, ip="10.0.0.1"):
    return client.post(reverse("public:objection", args=[case.pk]), data, REMOTE_ADDR=ip)


def test_an_anonymous_visitor_sees_the_candidates_with_key_facts_and_the_standard(client, county):
    Organization.objects.filter(pk=county.community.pk).update(secretary_name="王书记")
    case = _on_notice(county, county.community)
    response = client.get(NOTICE)
    page = response.content.decode()
    assert response.status_code == 200
    assert county.community.name in page and county.street.name in page
    assert "五星级" in page and "2010年11月8日" in page
    assert "文明社区" in page and "全国" in page and "矛盾纠纷调处率" in page and "100%（12/12）" in page
    assert "文化社区等级" in page and "一级" in page
    assert 'id="standard-5"' in page  # the standard's own sentences for five stars
    assert county.neighbour.name not in page and county.far_community.name not in page
    assert "王书记" not in page
    assert f'id="case-{case.pk}"' in page


def test_an_objection_is_filed_and_its_author_is_never_shown(client, county):
    case = _on_notice(county, county.community)
    response = _post(client, case, _objection(name="李四", contact="lisi@example.org"))
    assert response.status_code == 302 and response.url == reverse("public:objection_receipt")
    objection = Objection.objects.get(case=case)
    assert (objection.name, objection.contact) == ("李四", "lisi@example.org")
    receipt = client.get(response.url).content.decode()
    assert "异议已提交" in receipt and "lisi@example.org" not in receipt and "李四" not in receipt
    page = client.get(NOTICE).content.decode()
    assert "lisi@example.org" not in page and "李四" not in page and "刑事案件。" not in page


def _receipt(client, case) -> str:
    response = _post(client, case, _objection())
    html = client.get(response.url).content.decode()
    return re.search(r'id="receipt-code">([A-Z0-9-]+)<', html).group(1)


def test_the_receipt_is_shown_once_and_stored_only_as_a_digest(client, county):
    case = _on_notice(county, county.community)
    code = _receipt(client, case)
    assert re.fullmatch(r"[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}", code)
    objection = Objection.objects.get(case=case)
    assert code not in objection.receipt_digest and len(objection.receipt_digest) == 64
    # shown once: the receipt page does not show it again
    assert code not in client.get(reverse("public:objection_receipt"), follow=True).content.decode()


def test_with_the_receipt_only_the_objector_sees_whether_and_how_it_was_answered(client, county):
    case = _on_notice(county, county.community)
    code = _receipt(client, case)
    status = reverse("public:objection_status")
    pending = client.post(status, {"code": code.lower().replace("-", " ")}).content.decode()
    assert "调查核实中，尚未答复" in pending and county.community.name in pending
    objection = Objection.objects.get(case=case)
    services.objection_respond(objection=objection, response="经走访核实，所述情况不属实。", upheld=False,
                               by=county.county_user)
    answered = client.post(status, {"code": code}).content.decode()
    assert "已答复" in answered and "经走访核实，所述情况不属实。" in answered and "异议不成立" in answered
    assert "lisi" not in answered and "张三" not in answered  # no objector, no other objection
    wrong = client.post(status, {"code": "AAAA-BBBB-CCCC"})
    assert wrong.status_code == 400 and "未找到" in wrong.content.decode()


def test_the_notice_reads_as_an_official_one_with_how_to_object(client, county):
    from pingxing.ratings.models import OfficeProfile

    _on_notice(county, county.community)
    OfficeProfile.objects.create(office=county.county, issuer_name="中共测试县委组织部",
                                 objection_address="测试县人民路1号组织部312室", objection_phone="0575-84123456")
    page = client.get(NOTICE).content.decode()
    assert "2010年度社区(居)党组织“评星晋级”四至五星级拟评定对象公示" in page
    assert "测试县人民路1号组织部312室" in page and "0575-84123456" in page
    assert "中共测试县委组织部" in page and re.search(r"公示期：2010年\d+月\d+日至2010年\d+月\d+日", page)


def test_a_filled_honeypot_is_refused_and_the_text_kept(client, county):
    case = _on_notice(county, county.community)
    response = _post(client, case, _objection(website="http://spam.example"))
    page = response.content.decode()
    assert response.status_code == 400
    assert "提交未被接受" in page and "该社区去年发生过一起刑事案件。" in page
    assert not Objection.objects.exists()


@pytest.mark.parametrize(("age", "message"), [(0, "提交过快"), (3 * 3600, "表单已过期")])
def test_a_form_sent_too_soon_or_too_late_is_refused(client, county, age, message):
    case = _on_notice(county, county.community)
    response = _post(client, case, _objection(token=issue_form_token(now=time.time() - age)))
    page = response.content.decode()
    assert response.status_code == 400
    assert message in page and "13900000000" in page
    assert not Objection.objects.exists()


def test_a_forged_token_is_refused(client, county):
    case = _on_notice(county, county.community)
    response = _post(client, case, _objection(token="eyJ0IjoxfQ:forged:sig"))
    assert response.status_code == 400 and "表单无效" in response.content.decode()
    assert not Objection.objects.exists()


def test_one_client_is_rate_limited_but_others_are_not(client, county):
    case = _on_notice(county, county.community)
    for _ in range(services.OBJECTIONS_PER_CLIENT_PER_HOUR):
        assert _post(client, case, _objection()).status_code == 302
    response = _post(client, case, _objection(text="第六条异议"))
    assert response.status_code == 400
    assert "提交过于频繁" in response.content.decode() and "第六条异议" in response.content.decode()
    assert _post(client, case, _objection(), ip="10.0.0.2").status_code == 302
    assert Objection.objects.count() == services.OBJECTIONS_PER_CLIENT_PER_HOUR + 1


def test_an_ended_notice_is_listed_as_ended_and_takes_no_objections(client, county):
    case = _on_notice(county, county.community)
    services.notice_close(case=case, by=county.county_user, today=case.notice_ends_on + dt.timedelta(days=1))
    page = client.get(NOTICE).content.decode()
    assert 'id="notice-ended"' in page and county.community.name in page
    assert f'id="case-{case.pk}"' not in page
    response = _post(client, case, _objection())
    assert response.status_code == 400 and "不在公示期内" in response.content.decode()
    assert not Objection.objects.exists()


def test_a_case_never_on_notice_cannot_be_objected_to(client, county):
    response = _post(client, county.case(county.neighbour), _objection())
    assert response.status_code == 404


def test_the_notice_page_runs_a_fixed_number_of_queries(client, county, django_assert_max_num_queries):
    facts = samples.best_facts("X", 2010)
    orgs = [make_community(parent=county.other_street, name=f"公示社区{i}") for i in range(12)]
    cases = RatingCase.objects.bulk_create(
        RatingCase(campaign=county.campaign, organization=org, state=CaseState.ON_NOTICE, assessed_star=4 + i % 2,
                   notice_starts_on=dt.date(2010, 11, 8), notice_ends_on=dt.date(2010, 11, 12))
        for i, org in enumerate(orgs)
    )
    FactSheet.objects.bulk_create(
        FactSheet(case=case, stage=stage, number=n, facts={**facts, "org_code": case.organization.code},
                  star=5, standard_id=county.campaign.standard_id,
                  standard_version=county.campaign.standard_version, created_by=county.county_user)
        for case in cases for n, stage in ((1, "declaration"), (2, "assessment"))
    )
    with django_assert_max_num_queries(4):  # version, the county office, cases with their latest facts, ended
        page = client.get(NOTICE).content.decode()
    assert page.count('class="notice"') == 12
    assert page.count("全国") >= 12 and "四星级" in page and "五星级" in page
    with django_assert_max_num_queries(2):  # unchanged since: the two versions only
        assert client.get(NOTICE).content.decode().count('class="notice"') == 12


def test_the_notice_page_shows_a_new_notice_at_once(client, county):
    assert 'id="no-notice"' in client.get(NOTICE).content.decode()
    case = _on_notice(county, county.community)
    page = client.get(NOTICE).content.decode()
    assert f'id="case-{case.pk}"' in page and 'id="no-notice"' not in page


def test_the_objection_page_shows_the_case_and_a_fresh_form(client, county):
    case = _on_notice(county, county.community, star=4)
    page = client.get(reverse("public:objection", args=[case.pk])).content.decode()
    assert county.community.name in page and "四星级" in page
    assert 'id="objection-form"' in page and 'name="token"' in page and 'name="website"' in page


def test_one_form_files_one_objection_only(client, county):
    case = _on_notice(county, county.community)
    form = _objection()
    assert _post(client, case, form).status_code == 302
    response = _post(client, case, form | {"text": "同一表单再次提交"})
    assert response.status_code == 400
    assert "该表单已提交过" in response.content.decode()
    assert Objection.objects.count() == 1
    assert _post(client, case, _objection()).status_code == 302  # a fresh form is accepted


def test_a_refused_objection_can_be_corrected_and_resent_with_the_same_form(client, county):
    case = _on_notice(county, county.community)
    form = _objection(contact="")
    response = _post(client, case, form)
    assert response.status_code == 400 and "请填写联系方式" in response.content.decode()
    assert _post(client, case, form | {"contact": "13900000000"}).status_code == 302
    assert Objection.objects.count() == 1


def test_a_signed_token_without_a_nonce_is_refused(client, county):
    from django.core import signing

    from pingxing.ratings.notice import TOKEN_SALT

    case = _on_notice(county, county.community)
    old_style = signing.dumps({"t": time.time() - 30}, salt=TOKEN_SALT)
    response = _post(client, case, _objection(token=old_style))
    assert response.status_code == 400 and "表单无效" in response.content.decode()
    assert not Objection.objects.exists()
