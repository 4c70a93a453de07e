"""结果运用: the seeded policy, exact pay arithmetic, the policy form, base pay and the Excel export."""

from __future__ import annotations

import datetime as dt
import io
import re
from decimal import Decimal

import pytest
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from factories import make_community, make_county, make_star_result, make_street, make_user
from pingxing.audit.models import AuditEntry
from pingxing.ratings import payroll, services, sheets
from pingxing.ratings.models import CadreBasePay, StarPolicy
from pingxing.rubric import load_standard

STD = load_standard()  # the 2010 standard: five levels, pay based on 三星级


@pytest.fixture(autouse=True)
def _no_two_factor(settings):
    settings.REQUIRE_STAFF_2FA = False


def _policy_entries(**overrides: str) -> dict[int, dict[str, object]]:
    entries = {
        5: {"pay_coefficient": "1.20", "fund_weight": "1.5", "award_eligible": True},
        4: {"pay_coefficient": "1.10", "fund_weight": "1.2", "award_eligible": True},
        3: {"pay_coefficient": "1.00", "fund_weight": "1.0", "award_eligible": False},
        2: {"pay_coefficient": "0.90", "fund_weight": "0.8", "award_eligible": False},
        1: {"pay_coefficient": "0.80", "fund_weight": "0.6", "award_eligible": False},
        0: {"pay_coefficient": "0.70", "fund_weight": "0.5", "award_eligible": False},
    }
    for key, value in overrides.items():
        name, star = key.rsplit("_", 1)
        entries[int(star)][name] = value
    return entries


def test_pay_is_exact_and_rounds_half_up_to_the_cent():
    assert payroll.pay_for(Decimal("36000.00"), Decimal("1.20")) == Decimal("43200.00")
    assert payroll.pay_for(Decimal("0.05"), Decimal("0.90")) == Decimal("0.05")  # 0.045 → 0.05
    assert payroll.pay_for(Decimal("12345.65"), Decimal("0.70")) == Decimal("8641.96")  # 8641.955
    assert payroll.pay_for(Decimal("0.10"), Decimal("1.10")) == Decimal("0.11")  # float would give 0.11000000000000001


def test_pay_rows_use_the_pay_frozen_with_each_result_and_leave_gaps_visible():
    policies = {p.star: p for p in payroll.validate_policy(_policy_entries(), STD)}

    def frozen(star, base=None):
        p = policies[star]
        return payroll.PublishedPay(star, p.pay_coefficient, p.fund_weight, p.award_eligible, base)

    rows = payroll.pay_rows(
        [(1, "A", "甲社区", "柯桥"), (2, "B", "乙社区", "柯桥"), (3, "C", "丙社区", "华舍"),
         (4, "D", "丁社区", "华舍"), (5, "E", "戊社区", "华舍")],
        published={1: frozen(5, Decimal("30000.00")), 2: frozen(0), 4: frozen(2)},
        base_pays={1: Decimal("99999.00"), 2: Decimal("30000.00"), 3: Decimal("1.00")},
        in_progress=[3], std=STD,
    )
    # the frozen base pay wins over one edited later; a result published without one takes the entered one
    assert [r.pay for r in rows] == [Decimal("36000.00"), Decimal("21000.00"), None, None, None]
    assert rows[0].base_pay_frozen and not rows[1].base_pay_frozen
    assert (rows[0].fund_weight, rows[0].award_eligible) == (Decimal("1.50"), True)
    assert [r.star_title for r in rows[2:]] == ["评定中", "二星级", "未参评"]
    totals = payroll.pay_totals(rows)
    # each column's total is the sum of exactly what that column shows
    assert (totals.base_total, totals.base_count) == (Decimal("60001.00"), 3)
    assert (totals.pay_total, totals.pay_count) == (Decimal("57000.00"), 2)


def test_policy_validation_names_star_and_field():
    with pytest.raises(payroll.ResultsInputError) as raised:
        payroll.validate_policy(_policy_entries(pay_coefficient_3="1.05", fund_weight_2="abc", pay_coefficient_1="0.123"), STD)
    errors = raised.value.errors
    assert "二星级 项目资金权重：“abc”不是数字" in errors
    assert "一星级 报酬系数：最多两位小数" in errors
    with pytest.raises(payroll.ResultsInputError) as raised:
        payroll.validate_policy(_policy_entries(pay_coefficient_3="1.05"), STD)
    assert raised.value.errors == ["三星级 报酬系数：三星级为基准，须为1.00"]
    with pytest.raises(payroll.ResultsInputError) as raised:
        payroll.validate_policy(_policy_entries(pay_coefficient_4="1.30"), STD)
    assert raised.value.errors == ["五星级 报酬系数：不能低于四星级"]


@pytest.mark.django_db
def test_migration_seeds_the_default_policy():
    rows = {p.star: (p.pay_coefficient, p.fund_weight, p.award_eligible) for p in StarPolicy.objects.all()}
    assert rows == {
        5: (Decimal("1.20"), Decimal("1.50"), True), 4: (Decimal("1.10"), Decimal("1.20"), True),
        3: (Decimal("1.00"), Decimal("1.00"), False), 2: (Decimal("0.90"), Decimal("0.80"), False),
        1: (Decimal("0.80"), Decimal("0.60"), False), 0: (Decimal("0.70"), Decimal("0.50"), False),
    }


@pytest.fixture
def town(db):
    county = make_county()
    keqiao = make_street(parent=county, name="柯桥街道党工委")
    huashe = make_street(parent=county, name="华舍街道党工委")
    a = make_community(parent=keqiao, name="笛扬社区党总支")
    b = make_community(parent=keqiao, name="柯亭社区党支部")
    c = make_community(parent=huashe, name="华舍社区党支部")
    make_star_result(organization=a, year=2010, star=5)
    make_star_result(organization=b, year=2010, star=2)
    make_star_result(organization=c, year=2010, star=0)
    for org, pay in ((a, "36000.00"), (b, "30000.00"), (c, "12345.65")):
        CadreBasePay.objects.create(organization=org, year=2010, base_pay=Decimal(pay))
    return county, keqiao, huashe, a, b, c


def _policy_post(**overrides: str) -> dict[str, str]:
    data = {}
    for star, entry in _policy_entries(**overrides).items():
        data[f"pay_coefficient_{star}"] = entry["pay_coefficient"]
        data[f"fund_weight_{star}"] = entry["fund_weight"]
        if entry["award_eligible"]:
            data[f"award_eligible_{star}"] = "on"
    return data


def test_county_edits_the_policy_and_the_change_is_audited(client, town):
    county, *_ = town
    client.force_login(make_user(role="county", organization=county))
    response = client.post(reverse("ratings:policy"), _policy_post(pay_coefficient_5="1.25", award_eligible_3="on"))
    assert response.status_code == 302
    five = StarPolicy.objects.get(star=5)
    assert five.pay_coefficient == Decimal("1.25") and StarPolicy.objects.get(star=3).award_eligible
    entry = AuditEntry.objects.get(object_type="ratings.starpolicy", object_id=str(five.pk))
    assert entry.changes == {"pay_coefficient": ["1.20", "1.25"]}


def test_bad_policy_is_refused_whole_with_the_errors_shown(client, town):
    county, *_ = town
    client.force_login(make_user(role="county", organization=county))
    response = client.post(reverse("ratings:policy"), _policy_post(pay_coefficient_5="1.30", fund_weight_0="-1"))
    assert response.status_code == 400
    html = response.content.decode()
    assert "未定星 项目资金权重：须为正数" in html
    assert StarPolicy.objects.get(star=5).pay_coefficient == Decimal("1.20")  # nothing half-saved


def test_a_street_reads_the_policy_but_cannot_change_it(client, town):
    _county, keqiao, *_ = town
    client.force_login(make_user(role="street", organization=keqiao))
    assert 'name="pay_coefficient_5"' not in client.get(reverse("ratings:policy")).content.decode()
    assert client.post(reverse("ratings:policy"), _policy_post(pay_coefficient_5="1.25")).status_code == 404
    assert StarPolicy.objects.get(star=5).pay_coefficient == Decimal("1.20")


def test_pay_table_multiplies_base_pay_by_the_published_stars_coefficient(client, town):
    county, *_ = town
    client.force_login(make_user(role="county", organization=county))
    html = client.get(reverse("ratings:pay", args=[2010])).content.decode()
    assert "43200.00" in html  # 36000 × 1.20
    assert "27000.00" in html  # 30000 × 0.90
    assert "8641.96" in html  # 12345.65 × 0.70 = 8641.955
    assert 'id="pay-total">78841.96<' in html


def test_street_sees_and_edits_only_its_communities(client, town):
    _county, keqiao, _huashe, a, b, c = town
    client.force_login(make_user(role="street", organization=keqiao))
    html = client.get(reverse("ratings:pay", args=[2010])).content.decode()
    assert "笛扬社区党总支" in html and "华舍社区党支部" not in html
    response = client.post(reverse("ratings:base_pay_save", args=[2010]),
                           {f"base_pay_{a.pk}": "40000", f"base_pay_{c.pk}": "1"})
    assert response.status_code == 302
    assert CadreBasePay.objects.get(organization=a, year=2010).base_pay == Decimal("40000.00")
    assert CadreBasePay.objects.get(organization=c, year=2010).base_pay == Decimal("12345.65")  # not its own


def test_a_bad_base_pay_names_the_community_and_saves_nothing(client, town):
    county, _keqiao, _huashe, a, b, _c = town
    client.force_login(make_user(role="county", organization=county))
    response = client.post(reverse("ratings:base_pay_save", args=[2010]),
                           {f"base_pay_{a.pk}": "50000", f"base_pay_{b.pk}": "三万"})
    assert response.status_code == 400
    assert "柯亭社区党支部 基本报酬：“三万”不是数字" in response.content.decode()
    assert CadreBasePay.objects.get(organization=a, year=2010).base_pay == Decimal("36000.00")


def _xlsx(rows: list[tuple]) -> io.BytesIO:
    wb = Workbook()
    ws = wb.active
    ws.append(sheets.BASE_PAY_COLUMNS)
    for row in rows:
        ws.append(row)
    buffer = io.BytesIO()
    wb.save(buffer)
    buffer.seek(0)
    buffer.name = "base.xlsx"
    return buffer


def test_base_pay_import_is_all_or_nothing_with_row_errors(client, town):
    county, _keqiao, _huashe, a, b, c = town
    client.force_login(make_user(role="county", organization=county))
    bad = _xlsx([(a.code, a.name, 50000), ("NOPE", "", 1), (b.code, b.name, "-5")])
    response = client.post(reverse("ratings:base_pay_import", args=[2010]), {"file": bad})
    html = response.content.decode()
    assert response.status_code == 400
    assert "第3行 组织代码：“NOPE”不是本辖区的社区党组织" in html and "第4行 基本报酬（元/年）：须为非负数" in html
    assert CadreBasePay.objects.get(organization=a, year=2010).base_pay == Decimal("36000.00")
    good = _xlsx([(a.code, a.name, 50000), (c.code, c.name, "20000.5")])
    assert client.post(reverse("ratings:base_pay_import", args=[2010]), {"file": good}).status_code == 302
    assert CadreBasePay.objects.get(organization=c, year=2010).base_pay == Decimal("20000.50")
    assert AuditEntry.objects.filter(action="import", object_type="ratings.cadrebasepay").count() == 2


def test_excel_export_keeps_numbers_as_numbers_with_a_totals_row(client, town):
    county, *_ = town
    client.force_login(make_user(role="county", organization=county))
    response = client.get(reverse("ratings:pay_export", args=[2010]))
    ws = load_workbook(io.BytesIO(response.content)).active
    rows = list(ws.iter_rows(values_only=True))
    assert rows[0] == sheets.PAY_HEADERS
    five = next(r for r in rows if r[2] == "笛扬社区党总支")
    assert five[4:] == ("五星级", 36000, 1.2, 43200, 1.5, "是")
    assert isinstance(five[7], int | float)
    assert rows[-1][0] == "合计（基本报酬3个社区，核定报酬3个社区）"
    assert rows[-1][5] == pytest.approx(78345.65) and rows[-1][7] == pytest.approx(78841.96)
    # each total is the sum of exactly the cells above it
    assert rows[-1][5] == pytest.approx(sum(r[5] for r in rows[1:-1] if r[5] is not None))
    assert rows[-1][7] == pytest.approx(sum(r[7] for r in rows[1:-1] if r[7] is not None))
    assert AuditEntry.objects.filter(action="export", object_type="ratings.pay").exists()


def test_secretaries_cannot_see_pay(client, town):
    *_, a, _b, _c = town
    client.force_login(make_user(role="secretary", organization=a))
    assert client.get(reverse("ratings:pay", args=[2010])).status_code == 404
    assert client.get(reverse("ratings:pay_export", args=[2010])).status_code == 404
    response = client.post(reverse("ratings:base_pay_save", args=[2010]), {f"base_pay_{a.pk}": "99999"})
    assert response.status_code == 404
    assert CadreBasePay.objects.get(organization=a, year=2010).base_pay == Decimal("36000.00")


def test_publishing_freezes_the_pay_and_a_later_policy_edit_leaves_it(client, county):
    """The acceptance case of issue 8: a published year keeps its pay after the policy changes."""
    from pingxing.ratings import samples
    from pingxing.ratings.models import CadreBasePay, StarResult

    case = county.case(county.community)
    facts = samples.facts_for_star(2, county.community.code, 2010, seed=1)
    services.declaration_submit(case=case, facts=facts, declared_star=2, by=county.secretary)
    services.assessment_submit(case=case, corrections={}, by=county.street_user)
    services.case_approve(case=case, by=county.county_user)
    CadreBasePay.objects.create(organization=county.community, year=2010, base_pay=Decimal("36000.00"))
    services.campaign_publish(campaign=county.campaign, doc_number="测〔2010〕1号", title="评定结果",
                              issued_on=dt.date(2010, 12, 20), by=county.county_user)
    result = StarResult.objects.get(organization=county.community, year=2010)
    assert (result.pay_coefficient, result.base_pay) == (Decimal("0.90"), Decimal("36000.00"))
    client.force_login(county.county_user)
    pay = _pay_of(client, county.community)
    assert pay == "32400.00"
    entries = _policy_entries(pay_coefficient_2="0.75", pay_coefficient_1="0.70", pay_coefficient_0="0.60")
    services.star_policy_update(entries=entries, std=STD, by=county.county_user)
    assert _pay_of(client, county.community) == "32400.00"  # 2010 stays as published
    with pytest.raises(payroll.ResultsInputError, match="已随结果锁定"):
        services.base_pays_set(year=2010, values={county.community: Decimal("40000.00")}, by=county.county_user)
    assert CadreBasePay.objects.get(organization=county.community, year=2010).base_pay == Decimal("36000.00")


def _pay_of(client, org) -> str:
    html = client.get(reverse("ratings:pay", args=[2010])).content.decode()
    row = re.search(rf'<tr data-org="{org.pk}">(.*?)</tr>', html, re.S).group(1)
    return re.search(r'<td class="pay">([^<]*)</td>', row).group(1)
