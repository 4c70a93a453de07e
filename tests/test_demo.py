"""The demo data: deterministic, loaded once, with one working login per role."""

from __future__ import annotations

import datetime as dt
import time

import pytest
from django.conf import settings as dj_settings
from django.db.models import Q
from django.utils import timezone

from pingxing.accounts.models import User
from pingxing.audit.models import AuditEntry
from pingxing.demo import DEMO_PASSWORD, demo_logins, load_demo_if_empty
from pingxing.members.models import Member
from pingxing.members.validators import id_number_error, phone_error
from pingxing.orgs.models import REGIONAL_KINDS, Organization, PartyGroup
from pingxing.orgs.queries import upgrade_candidates


@pytest.fixture
def demo(db):
    started = time.monotonic()
    assert load_demo_if_empty() is True
    return time.monotonic() - started


def _loading_twice_keeps_one_copy() -> None:
    counts = (Organization.objects.count(), Member.objects.count(), User.objects.count())
    assert load_demo_if_empty() is False
    assert (Organization.objects.count(), Member.objects.count(), User.objects.count()) == counts


def _demo_has_the_described_tree_and_about_600_members() -> None:
    keqiao = Organization.objects.get(name="柯桥街道党工委")
    huashe = Organization.objects.get(name="华舍街道党工委")
    below_keqiao = Organization.objects.within(keqiao).filter(level="organization")
    assert Organization.objects.filter(level="county").count() == 1
    assert below_keqiao.filter(kind="community").count() == 20
    assert below_keqiao.filter(kind="enterprise").count() == 3
    assert below_keqiao.filter(kind="institution").count() == 2
    assert below_keqiao.filter(kind="social_org").count() == 1
    assert Organization.objects.within(huashe).filter(kind="community").count() == 5
    assert 550 <= Member.objects.count() <= 650
    assert PartyGroup.objects.exists()
    assert [c.org.name for c in upgrade_candidates(keqiao)] == ["笛扬社区党总支", "柯亭社区党支部"]


def _demo_members_have_valid_fictional_ids_and_phones() -> None:
    sample = list(Member.objects.order_by("id")[:50])
    assert all(id_number_error(m.id_number) is None and m.id_number.startswith("330621") for m in sample)
    assert all(phone_error(m.phone) is None and m.phone[:3] in ("138", "139") for m in sample)


def _demo_load_writes_one_audit_entry() -> None:
    # One entry for the organizations, members and users; the demo campaigns go through
    # the real 评星晋级 services, so their steps are audited like any other.
    later_apps = ("ratings.", "evaluations.", "pledges.", "points.", "posts.", "training.", "cadres.", "grid.",
                  "cobuilding.", "stations.", "volunteers.", "plans.", "carefund.", "publicity.", "fivegood.")
    # the regional organizations (区域化党建) and outside units come later too, through orgs' and members' services
    regional = ("orgs.memberunit", "members.drawnmember", "orgs.outsideunit")
    rest = AuditEntry.objects.exclude(
        Q(*[Q(object_type__startswith=app) for app in later_apps], _connector=Q.OR)).exclude(object_type__in=regional)
    assert rest.filter(object_type="demo").count() == 1
    regional_orgs = {str(pk) for pk in Organization.objects.filter(kind__in=REGIONAL_KINDS).values_list("pk", flat=True)}
    assert len(regional_orgs) == 3
    assert set(rest.filter(object_type="orgs.organization").values_list("object_id", flat=True)) == regional_orgs
    working_elsewhere = {str(pk) for pk in Member.objects.filter(work_unit__isnull=False).values_list("pk", flat=True)}
    assert set(rest.filter(object_type="members.member").values_list("object_id", flat=True)) == working_elsewhere
    assert rest.count() == 1 + len(regional_orgs) + len(working_elsewhere)
    # how long it takes is a figure of benchmarks/demo_load.py, not a timed assertion here


def test_demo_is_deterministic_for_a_given_date(demo):
    first = list(Member.objects.order_by("id").values_list("name", "birth_date", "joined_on")[:20])
    cases = _case_outcomes()
    _delete_issue_13()
    _delete_campaigns()
    _delete_evaluations()
    Member.objects.all().delete()
    User.objects.all().delete()
    PartyGroup.objects.all().delete()
    _delete_orgs()
    assert load_demo_if_empty(today=timezone.localdate()) is True
    assert list(Member.objects.order_by("id").values_list("name", "birth_date", "joined_on")[:20]) == first
    assert _case_outcomes() == cases


def _case_outcomes() -> list[tuple]:
    from pingxing.ratings.models import RatingCase

    return list(RatingCase.objects.order_by("campaign__year", "organization__code").values_list(
        "campaign__year", "organization__code", "state", "assessed_star", "final_star", "notice_ends_on"))


TODAY = dt.date(2026, 12, 1)


@pytest.fixture
def demo_on_1_december_2026(db):
    assert load_demo_if_empty(today=TODAY) is True


def _the_demo_runs_this_years_campaign_with_the_two_previous_years_published() -> None:
    from pingxing.ratings.models import Campaign, CaseState

    campaigns = {c.year: c for c in Campaign.objects.all()}
    assert sorted(campaigns) == [2024, 2025, 2026]
    for year in (2024, 2025):
        assert campaigns[year].publications.exists()
        assert set(campaigns[year].cases.values_list("state", flat=True)) == {CaseState.PUBLISHED}
    now = campaigns[2026]
    assert not now.publications.exists()
    assert {CaseState.DRAFT, CaseState.DECLARED, CaseState.ASSESSED, CaseState.APPROVED,
            CaseState.ON_NOTICE, CaseState.ACCEPTED} <= set(now.cases.values_list("state", flat=True))
    # Deadlines as the office sees them today: declaration just passed, the rest ahead.
    assert TODAY - dt.timedelta(days=7) <= now.declaration_deadline < TODAY
    assert now.assessment_deadline > TODAY
    assert now.county_deadline > now.assessment_deadline
    on_notice = list(now.cases.filter(state=CaseState.ON_NOTICE))
    assert on_notice
    assert all(c.notice_starts_on <= TODAY <= c.notice_ends_on for c in on_notice)


def _every_demo_timeline_lies_in_its_own_year_and_not_in_the_future() -> None:
    from pingxing.ratings.models import Campaign, FactSheet, Objection, Publication, Transition

    def years(rows, field, year_of):
        return {(year_of(row), timezone.localtime(getattr(row, field)).year) for row in rows}

    assert years(Transition.objects.select_related("case__campaign"), "at",
                 lambda t: t.case.campaign.year) == {(2024, 2024), (2025, 2025), (2026, 2026)}
    assert years(FactSheet.objects.select_related("case__campaign"), "created_at",
                 lambda s: s.case.campaign.year) == {(2024, 2024), (2025, 2025), (2026, 2026)}
    assert years(Publication.objects.select_related("campaign"), "published_at",
                 lambda p: p.campaign.year) == {(2024, 2024), (2025, 2025)}
    assert years(Objection.objects.select_related("case__campaign"), "filed_at",
                 lambda o: o.case.campaign.year) == {(2025, 2025), (2026, 2026)}
    assert years(Campaign.objects.all(), "opened_at", lambda c: c.year) == {(2024, 2024), (2025, 2025), (2026, 2026)}
    latest = max(Transition.objects.values_list("at", flat=True))
    assert timezone.localtime(latest).date() <= TODAY
    # Steps follow each other: a case is assessed after it was declared.
    for case_id, declared in Transition.objects.filter(action="declare").values_list("case_id", "at"):
        assessed = Transition.objects.filter(case_id=case_id, action="assess").values_list("at", flat=True).first()
        assert assessed is None or assessed > declared


def test_the_demo_on_1_december_2026(demo_on_1_december_2026):
    _the_demo_runs_this_years_campaign_with_the_two_previous_years_published()
    _every_demo_timeline_lies_in_its_own_year_and_not_in_the_future()


def test_the_demo_follows_another_date_even_beyond_the_holiday_calendar(db):
    from pingxing.ratings.models import Campaign, CaseState

    load_demo_if_empty(today=dt.date(2031, 3, 16))
    assert sorted(Campaign.objects.values_list("year", flat=True)) == [2029, 2030, 2031]
    assert Campaign.objects.get(year=2031).cases.filter(state=CaseState.ON_NOTICE).exists()
    assert not Member.objects.filter(joined_on__gt=dt.date(2031, 3, 16)).exists()


def _delete_campaigns() -> None:
    from pingxing.ratings import models as r

    for model in (r.FactCorrection, r.Transition, r.Objection, r.Evidence, r.StarResult, r.FactSheet,
                  r.Publication, r.RatingCase, r.CadreBasePay, r.Campaign):
        model.objects.all().delete()


def _delete_evaluations() -> None:
    from django.db import connection

    from pingxing.evaluations import models as e
    from pingxing.pledges import models as pledges
    from pingxing.points import models as points

    # The points ledger refuses deletes in Python (append-only): a test clears it in SQL.
    with connection.cursor() as cursor:
        for model in (points.Appeal, points.PointEntry, points.Exemption, points.PointsSetting):
            cursor.execute(f"DELETE FROM {connection.ops.quote_name(model._meta.db_table)}")
    pledges.PeerRated.objects.all().delete()
    pledges.PledgeSheet.objects.all().delete()
    from pingxing.cadres import models as cadres
    from pingxing.grid import models as grid

    for model in (grid.MeetingDecision, grid.Meeting, grid.CaseFile, grid.CaseStep, grid.ServiceCase, grid.ApiKey,
                  grid.Department, grid.VisitPhoto, grid.Visit, grid.HouseholdLink, grid.Resident, grid.Household,
                  grid.TeamMember, grid.CaseCounter):
        model.objects.all().delete()
    grid.Grid.objects.filter(parent__isnull=False).delete()  # small grids before the large ones
    grid.Grid.objects.all().delete()
    from pingxing.posts import models as posts
    from pingxing.training import models as training

    for model in (cadres.AdjustmentFile, cadres.AdjustmentCase, cadres.AccountabilityCase, cadres.CadrePledge,
                  cadres.LeadershipPost, posts.PostReview, posts.Drive, posts.PioneerPost, training.Attendance,
                  training.Trainee, training.Session, training.Course, training.HoursTarget):
        model.objects.all().delete()

    # has-voted rows and handling cases protect what they point at: they go first
    e.CastRecord.objects.all().delete()
    e.HandlingCase.objects.all().delete()
    e.Evaluation.objects.all().delete()


def _delete_issue_13() -> None:
    """Co-building, stations, volunteers, the care fund, plans, publicity, 五好 and the regional
    organizations' rows, the children first."""
    from django.db import connection

    from pingxing.carefund import models as cf
    from pingxing.cobuilding import models as co
    from pingxing.fivegood import models as fg
    from pingxing.members import models as members
    from pingxing.orgs import models as orgs
    from pingxing.plans import models as plans
    from pingxing.publicity import models as pub
    from pingxing.stations import models as st
    from pingxing.volunteers import models as vol

    with connection.cursor() as cursor:  # the hours ledger is append-only
        cursor.execute(f"DELETE FROM {connection.ops.quote_name(vol.HoursEntry._meta.db_table)}")
    cf.Application.objects.all().delete()
    cf.Entry.objects.all().delete()
    cf.Posting.objects.filter(reverses__isnull=False).delete()
    for model in (cf.Posting, cf.Account, cf.HardshipRecord, cf.Fund, fg.Assessment,
                  pub.ArticleStep, pub.ArticlePhoto, pub.Article,
                  vol.SignUp, vol.Activity, vol.Membership, vol.Team,
                  st.RemoteSession, st.RemoteEducationSite, st.ActivityPhoto, st.Activity, st.StationStaff, st.Station,
                  co.Evidence, co.Review, co.Delivery, co.ContractItem, co.Partner, co.Contract,
                  plans.ProgressNote, plans.PlanItem, plans.StarTarget, plans.GroupMember, plans.Group,
                  members.DrawnMember, orgs.MemberUnit):
        model.objects.all().delete()
    members.Member.objects.filter(work_unit__isnull=False).update(work_unit=None)
    orgs.OutsideUnit.objects.all().delete()


def _delete_orgs() -> None:
    for org in Organization.objects.order_by("-path"):
        org.delete()


def _every_demo_login_can_log_in(client, settings) -> None:
    settings.REQUIRE_STAFF_2FA = False
    for label, username in demo_logins():
        response = client.post("/accounts/login/", {"username": username, "password": DEMO_PASSWORD})
        assert response.status_code == 302, label
        response = client.get("/")
        assert response.status_code == 200, label
        assert response.wsgi_request.user.username == username
        assert User.objects.get(username=username).role in {"county", "street", "secretary", "clerk", "member",
                                                             "admin"}
        client.logout()


def test_the_loaded_demo(demo, client, settings):
    """The checks that only read the demo share one load of it (a load is the slow part)."""
    _loading_twice_keeps_one_copy()
    _demo_has_the_described_tree_and_about_600_members()
    _demo_members_have_valid_fictional_ids_and_phones()
    _demo_load_writes_one_audit_entry()
    _every_demo_login_can_log_in(client, settings)


def test_demo_password_passes_the_password_policy(db):
    from django.contrib.auth.password_validation import validate_password

    validate_password(DEMO_PASSWORD, User(username="street_keqiao"))
    assert len(dj_settings.AUTH_PASSWORD_VALIDATORS) >= 5
