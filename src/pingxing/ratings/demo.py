"""Three years of campaigns for the demo county, following the date the demo is loaded on:
the two previous years published, the current year under way with communities at every
stage, so every screen of `pingxing demo` has content a real office would recognise.

The current year's deadlines sit around today (declaration just passed, assessment and the
county's decision ahead), its on-notice cases are inside their notice period, and every
step's time (Transition.at, FactSheet.created_at, Publication.published_at,
Objection.filed_at) lies in its own year, on a working day, never after now. The standard
is the installed one; only the years are data. The audit trail keeps the real time of the
load: it records what happened on this machine, and its hash chain is not rewritten.
"""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

from django.db import transaction
from django.utils import timezone

from pingxing.accounts.models import Role, User
from pingxing.orgs.models import Organization
from pingxing.ratings import samples, services
from pingxing.ratings.calendar import add_working_days, is_working_day, working_period
from pingxing.ratings.models import (
    CadreBasePay,
    Campaign,
    FactSheet,
    Objection,
    Publication,
    RatingCase,
    Transition,
)

# Stars drift upwards over the three years, as the seed's three-year plan expects
# (weights of 0★ … 5★ for the year before last, last year and this year).
_STAR_WEIGHTS = [
    [1, 3, 4, 6, 3, 2],
    [0, 2, 3, 7, 4, 3],
    [0, 1, 2, 7, 5, 4],
]
# The stage each community has reached this year, cycled over the communities.
_STAGES_NOW = ["draft", "declared", "assessed", "approved", "returned", "on_notice", "accepted", "draft_empty"]
# Which sheet stage each step freezes, to stamp the sheet with the step's time.
_SHEET_OF_STEP = {"declare": "declaration", "assess": "assessment", "accept": "acceptance",
                  "accept_lower": "acceptance"}


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


class _Clock:
    """The demo's dates for one year: every day inside that year and not after `today`,
    moved back to a working day; times of day spread over office hours."""

    def __init__(self, year: int, today: dt.date) -> None:
        self.year = year
        self.first = dt.date(year, 1, 2)
        self.last = min(today, dt.date(year, 12, 31))
        self.now = timezone.now()

    def day(self, day: dt.date) -> dt.date:
        day = min(max(day, self.first), self.last)
        while not is_working_day(day) and day > self.first:
            day -= dt.timedelta(days=1)
        return day

    def at(self, day: dt.date, n: int) -> dt.datetime:
        """Office hours on `day`, varied by `n`, never after now."""
        moment = dt.datetime.combine(self.day(day), dt.time(9 + n % 8, (n * 17) % 60),
                                     tzinfo=timezone.get_current_timezone())
        return min(moment, self.now)


def _stamp(case: RatingCase, when: dict[str, dt.datetime]) -> None:
    """Put the case's steps and sheets at the demo's times (auto_now_add cannot be set on create)."""
    for action, at in when.items():
        Transition.objects.filter(case=case, action=action).update(at=at)
        stage = _SHEET_OF_STEP.get(action)
        if stage:
            FactSheet.objects.filter(case=case, stage=stage).update(created_at=at)
    if when:
        RatingCase.objects.filter(pk=case.pk).update(updated_at=max(when.values()))


def _declare_and_assess(case: RatingCase, star: int, rng: random.Random, users: dict[str, Any],
                        inspection_date: dt.date) -> None:
    secretary, street_user = _actors(case, users)
    facts = samples.plausible_facts_for_star(star, case.organization.code, case.campaign.year,
                                             seed=rng.randrange(1000), org_name=case.organization.name)
    services.declaration_submit(case=case, facts=facts, declared_star=star, by=secretary)
    services.assessment_submit(case=case, corrections={}, by=street_user,
                               inspection_date=inspection_date, inspectors="街道考核组")


def _to_county_decision(case: RatingCase, users: dict[str, Any], inspection_date: dt.date) -> None:
    county_user = users["county"]
    if case.assessed_star >= 4:
        services.acceptance_record(case=case, corrections={}, by=county_user,
                                   inspection_date=inspection_date, inspectors="县评星办验收组",
                                   findings="台账齐全，实地查看属实。")
    else:
        services.case_approve(case=case, by=county_user)


def _cases(campaign: Campaign) -> list[RatingCase]:
    """By street and code (not by tree path, which holds row ids): the same order on every load."""
    cases = campaign.cases.select_related("organization", "campaign")
    return list(cases.order_by("organization__parent__code", "organization__code"))


def _published_year(year: int, weights: list[int], rng: random.Random, users: dict[str, Any],
                    *, with_objection: bool) -> None:
    """A year run to the end: declared in September, assessed in October, decided in
    November, on notice from the first working day of December, published by the 20th."""
    clock = _Clock(year, dt.date(year, 12, 31))
    campaign = services.campaign_open(
        year=year, by=users["county"], declaration_deadline=clock.day(dt.date(year, 9, 30)),
        assessment_deadline=clock.day(dt.date(year, 10, 31)), county_deadline=clock.day(dt.date(year, 11, 30)),
    )
    notice_on = working_period(dt.date(year, 12, 1), 1).starts_on
    issued_on = clock.day(dt.date(year, 12, 20))
    publish_at = clock.at(issued_on, 1)
    timelines: list[tuple[RatingCase, dict[str, dt.datetime]]] = []
    objected = False
    for n, case in enumerate(_cases(campaign)):
        star = rng.choices(range(6), weights=weights)[0]
        assessed_on = clock.day(dt.date(year, 10, 8) + dt.timedelta(days=n % 20))
        decided_on = clock.day(dt.date(year, 11, 5) + dt.timedelta(days=n % 20))
        _declare_and_assess(case, star, rng, users, assessed_on)
        _to_county_decision(case, users, decided_on)
        when = {"declare": clock.at(dt.date(year, 9, 8) + dt.timedelta(days=n % 20), n),
                "assess": clock.at(assessed_on, n + 3), "approve": clock.at(decided_on, n + 5),
                "accept": clock.at(decided_on, n + 5), "accept_lower": clock.at(decided_on, n + 5),
                "close_notice": publish_at, "publish": publish_at}
        if case.state == "accepted":
            services.notice_start(case=case, by=users["county"], starts_on=notice_on)
            when["start_notice"] = clock.at(notice_on, 0)
            if with_objection and not objected:
                _answered_objection(case, users, clock, notice_on)
                objected = True
        timelines.append((case, when))
    publication = services.campaign_publish(
        campaign=campaign, doc_number=f"绍县评星办〔{year}〕{rng.randint(2, 9)}号",
        title=f"关于公布{year}年度城市社区党组织“评星晋级”评定结果的通知",
        issued_on=issued_on, by=users["county"], today=issued_on,
    )
    for case, when in timelines:
        _stamp(case, when)
    Publication.objects.filter(pk=publication.pk).update(published_at=publish_at)
    Campaign.objects.filter(pk=campaign.pk).update(opened_at=clock.at(dt.date(year, 4, 15), 0))


def _answered_objection(case: RatingCase, users: dict[str, Any], clock: _Clock, notice_on: dt.date) -> None:
    objection = services.objection_file(case=case, contact="demo@example.cn", ip_address="127.0.0.8",
                                        text="该社区党员活动室晚间未按公示时间开放。（演示数据）")
    services.objection_respond(objection=objection, upheld=False, by=users["county"],
                               response="经县评星办实地核查，活动室按公示时间开放，异议不成立。（演示数据）")
    filed_on = working_period(notice_on + dt.timedelta(days=1), 1).starts_on
    answered_on = working_period(filed_on + dt.timedelta(days=1), 1).starts_on
    Objection.objects.filter(pk=objection.pk).update(filed_at=clock.at(filed_on, 1),
                                                     responded_at=clock.at(answered_on, 6))


def _year_in_progress(year: int, weights: list[int], rng: random.Random, users: dict[str, Any],
                      today: dt.date) -> None:
    """This year, as the office sees it today: the declaration deadline has just passed, the
    street's and the county's are 10 and 20 working days ahead; cases on notice are inside
    their period."""
    clock = _Clock(year, today)
    campaign = services.campaign_open(
        year=year, by=users["county"], declaration_deadline=clock.day(today - dt.timedelta(days=3)),
        assessment_deadline=add_working_days(today + dt.timedelta(days=1), 10),
        county_deadline=add_working_days(today + dt.timedelta(days=1), 20),
    )
    # The latest working day up to three days back: the notice still runs for days.
    notice_on = min(working_period(today - dt.timedelta(days=3), 1).starts_on, today)
    for n, case in enumerate(_cases(campaign)):
        stage = _STAGES_NOW[n % len(_STAGES_NOW)]
        star = rng.choices(range(6), weights=weights)[0]
        if stage in ("on_notice", "accepted"):
            star = max(star, 4)
        secretary, street_user = _actors(case, users)
        if stage == "draft_empty":
            continue
        facts = samples.plausible_facts_for_star(star, case.organization.code, year, seed=n)
        if stage == "draft":
            services.declaration_save_draft(case=case, facts=dict(list(facts.items())[:25]), by=secretary)
            RatingCase.objects.filter(pk=case.pk).update(updated_at=clock.at(today - dt.timedelta(days=5 + n % 9), n))
            continue
        services.declaration_submit(case=case, facts=facts, declared_star=star, by=secretary)
        when = {"declare": clock.at(today - dt.timedelta(days=40 - n % 20), n)}
        if stage == "returned":
            services.case_return(case=case, reason="居务公开档案缺少第三季度资料，请补充后重新申报。",
                                 by=street_user, part="street")
            when["return_to_community"] = clock.at(today - dt.timedelta(days=15), n + 2)
        elif stage != "declared":
            assessed_on = clock.day(today - dt.timedelta(days=18 - n % 8))
            services.assessment_submit(case=case, corrections={}, by=street_user,
                                       inspection_date=assessed_on, inspectors="街道考核组")
            when["assess"] = clock.at(assessed_on, n + 3)
            if stage != "assessed":
                decided_on = clock.day(today - dt.timedelta(days=9 - n % 5))
                _to_county_decision(case, users, decided_on)
                for action in ("approve", "accept", "accept_lower"):
                    when[action] = clock.at(decided_on, n + 5)
                if stage == "on_notice" and case.state == "accepted":
                    services.notice_start(case=case, by=users["county"], starts_on=notice_on)
                    when["start_notice"] = clock.at(notice_on, 0)
                    objection = services.objection_file(
                        case=case, contact="demo@example.cn", ip_address="127.0.0.9",
                        text="该社区公开栏上月内容未及时更新。（演示数据）")
                    Objection.objects.filter(pk=objection.pk).update(
                        filed_at=clock.at(max(notice_on, today - dt.timedelta(days=1)), n + 1))
        _stamp(case, when)
    Campaign.objects.filter(pk=campaign.pk).update(opened_at=clock.at(today - dt.timedelta(days=75), 0))


def _base_pay(years: range, rng: random.Random) -> None:
    """Base pay of every community's cadres, before any year is published (publishing freezes it)."""
    communities = list(Organization.objects.communities().order_by("parent__code", "code"))
    CadreBasePay.objects.bulk_create(
        CadreBasePay(organization=org, year=year, base_pay=36000 + 1200 * rng.randint(0, 5))
        for year in years for org in communities
    )


def load_campaigns(seed: int = 2010, today: dt.date | None = None) -> None:
    """Campaigns of the year before last and last year (published) and of this year (under
    way), for the date `today` (the local date by default); base pay for every community."""
    users = _users()
    if users["county"] is None or Campaign.objects.exists():
        return
    today = today or timezone.localdate()
    year = today.year
    rng = random.Random(seed)
    with transaction.atomic():
        _base_pay(range(year - 2, year + 1), rng)
        _published_year(year - 2, _STAR_WEIGHTS[0], rng, users, with_objection=False)
        _published_year(year - 1, _STAR_WEIGHTS[1], rng, users, with_objection=True)
        _year_in_progress(year, _STAR_WEIGHTS[2], rng, users, today)
