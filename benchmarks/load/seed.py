"""Seed the load benchmark's database: a county of 2,000 community Party organizations
with three years of 评星晋级 campaigns (2008 and 2009 published, 2010 in progress).

This is a benchmark fixture, not a service path: it writes rows with `bulk_create`
straight into the tables, skips the audit chain and the workflow's row locks, and
sets `auto_now_add` timestamps to "now". What it writes is what the services would
have written: every fact sheet's star, explanation and blocking conditions come
from the rubric engine (`ratings.engine.judge`, cached per star and variant), and
every case's state is reached by the transitions of `ratings.workflow`.

    DATABASE_URL=postgres://… uv run pingxing migrate
    DATABASE_URL=postgres://… uv run python benchmarks/load/seed.py --out manifest.json

The manifest lists the logins (password `pingxing.demo.DEMO_PASSWORD`) and the case
each secretary declares, for the locustfile. Run against a database that already
holds this benchmark's county, it only rewrites the manifest.
"""

from __future__ import annotations

import argparse
import copy
import datetime as dt
import json
import os
import random
import sys
import time
from collections import defaultdict
from typing import Any

BENCH_CODE = "BENCH"
YEARS_PUBLISHED = (2008, 2009)
YEAR_OPEN = 2010
# Stars drift upwards over the three-year plan (weights for 0★…5★).
STAR_WEIGHTS = {2008: [1, 3, 4, 6, 3, 2], 2009: [0, 2, 3, 7, 4, 3], 2010: [0, 1, 2, 7, 5, 4]}
VARIANTS = 4  # different fact sets per star, so the heat map has spread
OVER_DECLARED = 0.1  # share of cases that declared one star too many and were corrected
# 2010: share of the cases (not on notice) at each stage; the rest are empty drafts.
STAGES_2010 = [("draft", 0.25), ("declared", 0.2), ("returned", 0.02), ("assessed", 0.15),
               ("approved", 0.15), ("accepted", 0.02), ("notice_done", 0.01)]
BATCH = 500


def _django() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "pingxing.settings")
    import django

    django.setup()


class Verdicts:
    """Facts and the engine's verdict per (star, variant), computed once each."""

    def __init__(self) -> None:
        self._cache: dict[tuple[int, int], tuple[dict[str, Any], Any]] = {}

    def get(self, star: int, variant: int) -> tuple[dict[str, Any], Any]:
        from pingxing.ratings import engine, samples

        key = (star, variant)
        if key not in self._cache:
            facts = samples.facts_for_star(star, "BENCH", YEAR_OPEN, seed=variant)
            verdict = engine.judge(facts)
            assert verdict.star == star, (star, variant, verdict.star)
            self._cache[key] = (facts, verdict)
        return self._cache[key]

    def for_org(self, star: int, variant: int, org: Any, year: int) -> tuple[dict[str, Any], Any, dict[str, Any]]:
        """The cached facts and verdict with the organization's identity and year filled in."""
        facts, verdict = self.get(star, variant)
        identity = {"org_code": org.code, "org_name": org.name, "year": year}
        explanation = copy.deepcopy(verdict.explanation)
        explanation.update(org_code=org.code, year=year)
        return {**facts, **identity}, verdict, explanation


# --- organizations and users -------------------------------------------------------------

def _organizations(streets: int, per_street: int) -> tuple[Any, list[Any], dict[int, list[Any]]]:
    from pingxing.orgs.models import Organization, OrgForm, OrgKind, OrgLevel

    county = Organization.objects.create(code=BENCH_CODE, name="压测县委组织部（评星晋级工作领导小组办公室）",
                                         level=OrgLevel.COUNTY)
    county.path = f"/{county.pk}/"
    county.save(update_fields=["path"])
    street_orgs = Organization.objects.bulk_create(
        Organization(code=f"{BENCH_CODE}{s:02d}", name=f"压测第{s}街道党工委", level=OrgLevel.STREET,
                     parent=county) for s in range(1, streets + 1))
    for street in street_orgs:
        street.path = f"{county.path}{street.pk}/"
    Organization.objects.bulk_update(street_orgs, ["path"])
    rng = random.Random(7)
    communities = Organization.objects.bulk_create(
        (Organization(code=f"{street.code}{i:03d}", name=f"{street.name[2:-3]}第{i}社区党支部",
                      level=OrgLevel.ORGANIZATION, kind=OrgKind.COMMUNITY, form=OrgForm.BRANCH,
                      parent=street, secretary_name=f"书记{rng.randrange(10000):04d}")
         for street in street_orgs for i in range(1, per_street + 1)), batch_size=BATCH)
    by_street: dict[int, list[Any]] = defaultdict(list)
    for org in communities:
        org.path = f"{org.parent.path}{org.pk}/"
        by_street[org.parent_id].append(org)
    Organization.objects.bulk_update(communities, ["path"], batch_size=BATCH)
    return county, street_orgs, by_street


def _users(county: Any, streets: list[Any], by_street: dict[int, list[Any]], *,
           county_users: int, secretaries_per_street: int) -> dict[str, Any]:
    from django.contrib.auth.hashers import make_password

    from pingxing.accounts.models import Role, User
    from pingxing.demo import DEMO_PASSWORD

    password = make_password(DEMO_PASSWORD)  # hashed once: PBKDF2 per user would take minutes
    rows = [User(username=f"bench_county_{n}", role=Role.COUNTY, organization=county,
                 display_name=f"县评星办{n}", password=password) for n in range(1, county_users + 1)]
    rows += [User(username=f"bench_street_{i:02d}", role=Role.STREET, organization=street,
                  display_name=f"{street.name}工作人员", password=password)
             for i, street in enumerate(streets, start=1)]
    for street in streets:
        step = max(1, len(by_street[street.pk]) // secretaries_per_street)
        for org in by_street[street.pk][::step][:secretaries_per_street]:
            rows.append(User(username=f"bench_sec_{org.code[len(BENCH_CODE):]}", role=Role.SECRETARY,
                             organization=org, display_name=org.secretary_name, password=password))
    users = User.objects.bulk_create(rows, batch_size=BATCH)
    return {
        "county": [u for u in users if u.role == Role.COUNTY],
        "streets": {u.organization_id: u for u in users if u.role == Role.STREET},
        "secretaries": {u.organization_id: u for u in users if u.role == Role.SECRETARY},
    }


# --- campaigns -------------------------------------------------------------------------

class Writer:
    """Collects the rows of one campaign, then writes them in a few bulk inserts."""

    def __init__(self, campaign: Any, verdicts: Verdicts, users: dict[str, Any], rng: random.Random) -> None:
        self.campaign, self.verdicts, self.users, self.rng = campaign, verdicts, users, rng
        self.county_user = users["county"][0]
        self.sheets: list[tuple[Any, Any, list[tuple[str, Any, Any]]]] = []  # (case, sheet, corrections)
        self.transitions: list[Any] = []
        self.numbers: dict[int, int] = defaultdict(int)

    def street_user(self, org: Any) -> Any:
        return self.users["streets"][org.parent_id]

    def secretary(self, org: Any) -> Any:
        return self.users["secretaries"].get(org.pk, self.street_user(org))

    def sheet(self, case: Any, stage: str, star: int, variant: int, by: Any,
              corrected_from: dict[str, Any] | None = None, **inspection: Any) -> dict[str, Any]:
        from pingxing.ratings.models import FactSheet

        facts, verdict, explanation = self.verdicts.for_org(star, variant, case.organization, self.campaign.year)
        self.numbers[id(case)] += 1
        number = self.numbers[id(case)]
        sheet = FactSheet(
            case=case, stage=stage, number=number, facts=facts, star=verdict.star, vetoed=verdict.vetoed,
            explanation=explanation, blocking_conditions=verdict.blocking_conditions,
            standard_id=self.campaign.standard_id, standard_version=self.campaign.standard_version,
            created_by=by, **inspection)
        corrections = []
        if corrected_from is not None:
            corrections = [(name, corrected_from.get(name), value) for name, value in facts.items()
                           if corrected_from.get(name) != value]
        self.sheets.append((case, sheet, corrections))
        return facts

    def move(self, case: Any, action: str, by: Any, reason: str = "") -> None:
        from pingxing.ratings import workflow
        from pingxing.ratings.models import Transition

        step = workflow.STEPS[action]
        assert case.state in step.from_states, (case.state, action)
        self.transitions.append(Transition(case=case, from_state=case.state, to_state=step.to_state,
                                           action=action, reason=reason, by=by))
        case.state = step.to_state

    def declare_and_assess(self, case: Any, star: int) -> dict[str, Any]:
        """Declaration (sometimes one star too many), then the street's assessment."""
        org, year = case.organization, self.campaign.year
        variant = self.rng.randrange(VARIANTS)
        declared = star + 1 if star < 5 and self.rng.random() < OVER_DECLARED else star
        declared_facts = self.sheet(case, "declaration", declared, variant, self.secretary(org))
        case.draft_facts, case.declared_star = declared_facts, declared
        self.move(case, "declare", self.secretary(org))
        facts = self.sheet(case, "assessment", star, variant, self.street_user(org),
                           corrected_from=declared_facts if declared != star else None,
                           inspection_date=dt.date(year, 10, 15), inspectors="街道考核组",
                           findings="台账资料齐全，实地查看与申报基本一致。")
        case.assessed_star = star
        self.move(case, "assess", self.street_user(org))
        return facts

    def county_decision(self, case: Any, star: int, notice_start: dt.date | None) -> None:
        """审定 for 1–3 stars; 验收 and, from `notice_start`, 公示 for 4–5 stars."""
        from pingxing.ratings.calendar import add_working_days

        year = self.campaign.year
        if star < 4:
            self.move(case, "approve", self.county_user)
            case.final_star = star
            return
        self.sheet(case, "acceptance", star, self.rng.randrange(VARIANTS), self.county_user,
                   inspection_date=dt.date(year, 11, 10), inspectors="县评星办验收组",
                   findings="台账齐全，实地查看属实。")
        self.move(case, "accept", self.county_user)
        if notice_start is not None:
            self.move(case, "start_notice", self.county_user)
            case.notice_starts_on = notice_start
            case.notice_ends_on = add_working_days(notice_start, self.campaign.notice_working_days)

    def save(self) -> None:
        from pingxing.ratings.models import FactCorrection, FactSheet, Transition

        FactSheet.objects.bulk_create([s for _c, s, _k in self.sheets], batch_size=BATCH)
        FactCorrection.objects.bulk_create(
            (FactCorrection(sheet=sheet, field=name, declared_value=old, corrected_value=new,
                            reason="经实地核查，申报数据与台账不符，按台账更正。")
             for _c, sheet, corrections in self.sheets for name, old, new in corrections),
            batch_size=BATCH)
        Transition.objects.bulk_create(self.transitions, batch_size=BATCH)


def _campaign(year: int, county_user: Any) -> Any:
    from pingxing.ratings import engine
    from pingxing.ratings.models import Campaign

    std = engine.standard()
    return Campaign.objects.create(
        year=year, standard_id=std.id, standard_version=std.version, opened_by=county_user,
        declaration_deadline=dt.date(year, 9, 30), assessment_deadline=dt.date(year, 10, 31),
        county_deadline=dt.date(year, 11, 30))


def _cases(campaign: Any, communities: list[Any]) -> list[Any]:
    from pingxing.ratings.models import RatingCase

    cases = [RatingCase(campaign=campaign, organization=org) for org in communities]
    return RatingCase.objects.bulk_create(cases, batch_size=BATCH)


def _published_year(year: int, communities: list[Any], writer_args: tuple, previous: dict[int, int]) -> dict[int, int]:
    from pingxing.ratings import services
    from pingxing.ratings.models import Publication, RatingCase, StarResult

    verdicts, users, rng = writer_args
    campaign = _campaign(year, users["county"][0])
    writer = Writer(campaign, verdicts, users, rng)
    cases = _cases(campaign, communities)
    stars: dict[int, int] = {}
    for case in cases:
        star = rng.choices(range(6), weights=STAR_WEIGHTS[year])[0]
        writer.declare_and_assess(case, star)
        writer.county_decision(case, star, notice_start=dt.date(year, 12, 1))
        if case.state == "on_notice":
            writer.move(case, "close_notice", writer.county_user)
        writer.move(case, "publish", writer.county_user)
        case.final_star = star
        stars[case.organization_id] = star
    RatingCase.objects.bulk_update(cases, ["state", "draft_facts", "declared_star", "assessed_star", "final_star",
                                           "notice_starts_on", "notice_ends_on"], batch_size=BATCH)
    writer.save()
    publication = Publication.objects.create(
        campaign=campaign, doc_number=f"压测县评星办〔{year}〕{rng.randint(2, 9)}号",
        title=f"关于公布{year}年度城市社区党组织“评星晋级”评定结果的通知",
        issued_on=dt.date(year, 12, 20), published_by=writer.county_user)
    last_sheet = {case.pk: sheet for case, sheet, _k in writer.sheets}  # sheets are in number order
    StarResult.objects.bulk_create(
        (StarResult(organization=case.organization, year=year, star=case.final_star,
                    previous_star=previous.get(case.organization_id), case=case, publication=publication,
                    standard_id=campaign.standard_id, standard_version=campaign.standard_version,
                    blocking_conditions=last_sheet[case.pk].blocking_conditions,
                    downgrade_reasons=services._downgrade_reasons(
                        last_sheet[case.pk], previous.get(case.organization_id), case.final_star))
         for case in cases), batch_size=BATCH)
    return stars


def _year_in_progress(communities: list[Any], writer_args: tuple, *, on_notice: int,
                      secretaries: dict[int, Any]) -> None:
    """2010: `on_notice` cases on public notice (with objections), the others spread over the stages;
    the secretaries' own communities are still drafting, as during the declaration weeks."""
    from django.utils import timezone

    from pingxing.ratings import services
    from pingxing.ratings.models import Objection, RatingCase

    verdicts, users, rng = writer_args
    campaign = _campaign(YEAR_OPEN, users["county"][0])
    writer = Writer(campaign, verdicts, users, rng)
    cases = _cases(campaign, communities)
    others = [c for c in cases if c.organization_id not in secretaries]
    rng.shuffle(others)
    stages = {id(c): "on_notice" for c in others[:on_notice]}
    start = on_notice
    for stage, share in STAGES_2010:
        count = round(share * len(others))
        stages.update((id(c), stage) for c in others[start:start + count])
        start += count
    today = dt.date.today()  # noqa: DTZ011 - a calendar date, as notice dates are
    for case in cases:
        stage = stages.get(id(case), "draft" if case.organization_id in secretaries else "draft_empty")
        star = rng.choices(range(6), weights=STAR_WEIGHTS[YEAR_OPEN])[0]
        if stage in ("on_notice", "accepted", "notice_done"):
            star = max(star, 4)
        elif stage == "approved":
            star = min(star, 3)
        if stage == "draft_empty":
            continue
        if stage == "draft":
            facts, _v, _e = verdicts.for_org(star, rng.randrange(VARIANTS), case.organization, YEAR_OPEN)
            case.draft_facts = dict(list(facts.items())[:30])
            continue
        if stage in ("declared", "returned"):
            facts = writer.sheet(case, "declaration", star, rng.randrange(VARIANTS),
                                 writer.secretary(case.organization))
            case.draft_facts, case.declared_star = facts, star
            writer.move(case, "declare", writer.secretary(case.organization))
            if stage == "returned":
                writer.move(case, "return_to_community", writer.street_user(case.organization),
                            reason="居务公开档案缺少第三季度资料，请补充后重新申报。")
            continue
        writer.declare_and_assess(case, star)
        if stage == "assessed":
            continue
        notice = today - dt.timedelta(days=2) if stage == "on_notice" else None
        if stage == "notice_done":
            notice = today - dt.timedelta(days=20)
        writer.county_decision(case, star, notice_start=notice)
        if stage == "notice_done":
            writer.move(case, "close_notice", writer.county_user)
    RatingCase.objects.bulk_update(cases, ["state", "draft_facts", "declared_star", "assessed_star", "final_star",
                                           "notice_starts_on", "notice_ends_on"], batch_size=BATCH)
    writer.save()
    now = timezone.now()
    Objection.objects.bulk_create(
        Objection(case=case, contact=f"bench{n}@example.cn", text="该社区公开栏9月份内容未及时更新。（压测数据）",
                  client_digest=services.client_digest(f"10.0.{n // 250}.{n % 250}"),
                  response="经核查，公开栏已于10月补齐。" if n % 2 else "", upheld=False if n % 2 else None,
                  responded_by=writer.county_user if n % 2 else None, responded_at=now if n % 2 else None)
        for n, case in enumerate(c for c in cases if c.state == "on_notice") if n % 3 == 0)


def seed(*, streets: int = 10, per_street: int = 200, secretaries_per_street: int = 5, county_users: int = 5,
         on_notice: int = 60, random_seed: int = 2010) -> dict[str, Any]:
    """Write the benchmark county and its three campaigns; return the manifest."""
    from django.db import transaction

    from pingxing.orgs.models import Organization
    from pingxing.ratings.models import CadreBasePay

    if Organization.objects.filter(code=BENCH_CODE).exists():
        return manifest()
    if Organization.objects.exists():
        raise SystemExit("seed: the database already holds other organizations; use an empty database")
    rng = random.Random(random_seed)
    with transaction.atomic():
        county, street_orgs, by_street = _organizations(streets, per_street)
        users = _users(county, street_orgs, by_street, county_users=county_users,
                       secretaries_per_street=secretaries_per_street)
        communities = [org for street in street_orgs for org in by_street[street.pk]]
        args = (Verdicts(), users, rng)
        previous: dict[int, int] = {}
        for year in YEARS_PUBLISHED:
            previous = _published_year(year, communities, args, previous)
        _year_in_progress(communities, args, on_notice=on_notice, secretaries=users["secretaries"])
        CadreBasePay.objects.bulk_create(
            (CadreBasePay(organization=org, year=year, base_pay=36000 + 1200 * rng.randint(0, 5))
             for year in (*YEARS_PUBLISHED, YEAR_OPEN) for org in communities), batch_size=BATCH)
    return manifest()


def manifest() -> dict[str, Any]:
    """The logins of the benchmark county and each secretary's 2010 case."""
    from pingxing.accounts.models import Role, User
    from pingxing.demo import DEMO_PASSWORD
    from pingxing.orgs.models import Organization
    from pingxing.ratings.models import RatingCase

    county = Organization.objects.get(code=BENCH_CODE)
    users = User.objects.filter(organization__path__startswith=county.path).order_by("username")
    cases = dict(RatingCase.objects.filter(campaign__year=YEAR_OPEN, organization__path__startswith=county.path)
                 .values_list("organization_id", "pk"))
    return {
        "password": DEMO_PASSWORD,
        "year": YEAR_OPEN,
        "organizations": Organization.objects.filter(path__startswith=county.path).count(),
        "communities": len(cases),
        "on_notice": RatingCase.objects.filter(state="on_notice", organization__path__startswith=county.path).count(),
        "county": [u.username for u in users if u.role == Role.COUNTY],
        "streets": [u.username for u in users if u.role == Role.STREET],
        "secretaries": [{"username": u.username, "case": cases[u.organization_id]}
                        for u in users if u.role == Role.SECRETARY],
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="seed the load benchmark's database (DATABASE_URL)")
    parser.add_argument("--streets", type=int, default=10)
    parser.add_argument("--per-street", type=int, default=200, help="community organizations per street")
    parser.add_argument("--secretaries-per-street", type=int, default=5)
    parser.add_argument("--on-notice", type=int, default=60, help="2010 cases on public notice")
    parser.add_argument("--out", default="", help="write the manifest (JSON) here; default stdout")
    args = parser.parse_args(argv)
    _django()
    started = time.monotonic()
    data = seed(streets=args.streets, per_street=args.per_street, on_notice=args.on_notice,
                secretaries_per_street=args.secretaries_per_street)
    text = json.dumps(data, ensure_ascii=False, indent=1)
    if args.out:
        with open(args.out, "w", encoding="utf-8") as fh:
            fh.write(text)
        print(f"seeded {data['organizations']} organizations ({data['communities']} communities, "
              f"{data['on_notice']} on notice) in {time.monotonic() - started:.1f}s → {args.out}")
    else:
        print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
