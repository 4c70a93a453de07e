"""Three years of campaigns for the demo county: 2008 and 2009 published, 2010 under way
with communities at every stage, so every screen of `pingxing demo` has content."""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

from django.db import transaction

from pingxing.accounts.models import Role, User
from pingxing.ratings import samples, services
from pingxing.ratings.models import CadreBasePay, Campaign, RatingCase

# Stars drift upwards over the three-year plan, as the seed's targets expect.
_STAR_WEIGHTS = {
    2008: [1, 3, 4, 6, 3, 2],
    2009: [0, 2, 3, 7, 4, 3],
    2010: [0, 1, 2, 7, 5, 4],
}
# The stage each 2010 community has reached, cycled over the communities.
_STAGES_2010 = ["draft", "declared", "assessed", "approved", "returned", "on_notice", "accepted", "draft_empty"]


def _users() -> dict[str, Any]:
    county_user = User.objects.filter(role=Role.COUNTY).order_by("pk").first()
    street_users = {u.organization_id: u for u in User.objects.filter(role=Role.STREET).order_by("-pk")}
    secretaries = {u.organization_id: u for u in User.objects.filter(role__in=[Role.SECRETARY, Role.CLERK])}
    return {"county": county_user, "streets": street_users, "secretaries": secretaries}


def _actors(case: RatingCase, users: dict[str, Any]) -> tuple[Any, Any]:
    org = case.organization
    street = org.street()
    street_user = users["streets"].get(street.pk if street else None, users["county"])
    return users["secretaries"].get(org.pk, street_user), street_user


def _open(year: int, county_user: Any) -> Campaign:
    return services.campaign_open(
        year=year, by=county_user, declaration_deadline=dt.date(year, 9, 30),
        assessment_deadline=dt.date(year, 10, 31), county_deadline=dt.date(year, 11, 30),
    )


def _declare_and_assess(case: RatingCase, star: int, rng: random.Random, users: dict[str, Any]) -> None:
    secretary, street_user = _actors(case, users)
    facts = samples.plausible_facts_for_star(star, case.organization.code, case.campaign.year, seed=rng.randrange(1000),
                                   org_name=case.organization.name)
    services.declaration_submit(case=case, facts=facts, declared_star=star, by=secretary)
    services.assessment_submit(case=case, corrections={}, by=street_user,
                               inspection_date=dt.date(case.campaign.year, 10, 15), inspectors="街道考核组")


def _to_county_decision(case: RatingCase, users: dict[str, Any], year: int) -> None:
    county_user = users["county"]
    if case.assessed_star >= 4:
        services.acceptance_record(case=case, corrections={}, by=county_user,
                                   inspection_date=dt.date(year, 11, 10), inspectors="县评星办验收组",
                                   findings="台账齐全，实地查看属实。")
    else:
        services.case_approve(case=case, by=county_user)


def _published_year(year: int, rng: random.Random, users: dict[str, Any]) -> None:
    campaign = _open(year, users["county"])
    for case in campaign.cases.select_related("organization", "campaign").order_by("organization__path"):
        star = rng.choices(range(6), weights=_STAR_WEIGHTS[year])[0]
        _declare_and_assess(case, star, rng, users)
        _to_county_decision(case, users, year)
        if case.state == "accepted":
            services.notice_start(case=case, by=users["county"], starts_on=dt.date(year, 12, 1))
    services.campaign_publish(
        campaign=campaign, doc_number=f"绍县评星办〔{year}〕{rng.randint(2, 9)}号",
        title=f"关于公布{year}年度城市社区党组织“评星晋级”评定结果的通知",
        issued_on=dt.date(year, 12, 20), by=users["county"], today=dt.date(year, 12, 20),
    )


def _year_in_progress(year: int, rng: random.Random, users: dict[str, Any]) -> None:
    campaign = _open(year, users["county"])
    cases = list(campaign.cases.select_related("organization", "campaign").order_by("organization__path"))
    for index, case in enumerate(cases):
        stage = _STAGES_2010[index % len(_STAGES_2010)]
        star = rng.choices(range(6), weights=_STAR_WEIGHTS[year])[0]
        if stage in ("on_notice", "accepted"):
            star = max(star, 4)
        secretary, street_user = _actors(case, users)
        if stage == "draft_empty":
            continue
        if stage == "draft":
            facts = samples.plausible_facts_for_star(star, case.organization.code, year, seed=index)
            services.declaration_save_draft(case=case, facts=dict(list(facts.items())[:25]), by=secretary)
            continue
        facts = samples.plausible_facts_for_star(star, case.organization.code, year, seed=index)
        services.declaration_submit(case=case, facts=facts, declared_star=star, by=secretary)
        if stage == "declared":
            continue
        if stage == "returned":
            services.case_return(case=case, reason="居务公开档案缺少第三季度资料，请补充后重新申报。",
                                 by=street_user, part="street")
            continue
        services.assessment_submit(case=case, corrections={}, by=street_user,
                                   inspection_date=dt.date(year, 10, 15), inspectors="街道考核组")
        if stage == "assessed":
            continue
        _to_county_decision(case, users, year)
        if stage == "on_notice" and case.state == "accepted":
            services.notice_start(case=case, by=users["county"])
            services.objection_file(case=case, contact="demo@example.cn", ip_address="127.0.0.9",
                                      text="该社区公开栏9月份内容未及时更新。（演示数据）")


def load_campaigns(seed: int = 2010) -> None:
    """Campaigns 2008, 2009 (published) and 2010 (in progress); base pay for every community."""
    users = _users()
    if users["county"] is None or Campaign.objects.exists():
        return
    rng = random.Random(seed)
    with transaction.atomic():
        _published_year(2008, rng, users)
        _published_year(2009, rng, users)
        _year_in_progress(2010, rng, users)
        CadreBasePay.objects.bulk_create(
            CadreBasePay(organization=case.organization, year=year, base_pay=36000 + 1200 * rng.randint(0, 5))
            for year in (2008, 2009, 2010)
            for case in RatingCase.objects.filter(campaign__year=2010).select_related("organization")
        )
