"""The writes: the secretary's star target, checkpoints opening accountability, decisions."""

from __future__ import annotations

import datetime as dt

import pytest
from cadres_world import YEAR, approved_pledge, first_checkpoint

from pingxing.audit.models import AuditEntry
from pingxing.cadres import services
from pingxing.cadres.models import AccountabilityCase, LeadershipPost
from pingxing.cadres.services import CadreError


def test_an_unkept_cadre_pledge_opens_an_accountability_case(world):
    pledge = approved_pledge(world, world.member_post)
    checkpoint = first_checkpoint(pledge)
    services.checkpoint_record(checkpoint=checkpoint, result="not_kept", note="走访记录缺失", by=world.street_user)
    case = AccountabilityCase.objects.get(checkpoint=checkpoint)
    assert case.state == "open" and case.post == world.member_post and case.opened_automatically
    assert AuditEntry.objects.filter(action="cadre_account").exists()


def test_a_partly_kept_checkpoint_opens_no_case_but_the_street_may_open_one(world):
    pledge = approved_pledge(world, world.member_post)
    checkpoint = first_checkpoint(pledge)
    services.checkpoint_record(checkpoint=checkpoint, result="partly", note="完成一半", by=world.street_user)
    assert not AccountabilityCase.objects.exists()
    case = services.accountability_open(checkpoint=checkpoint, by=world.street_user)
    assert case.state == "open" and not case.opened_automatically
    with pytest.raises(CadreError, match="已启动问责"):
        services.accountability_open(checkpoint=checkpoint, by=world.street_user)


def test_a_kept_checkpoint_opens_nothing_and_a_checkpoint_is_recorded_once(world):
    pledge = approved_pledge(world, world.member_post)
    checkpoint = first_checkpoint(pledge)
    with pytest.raises(CadreError, match="检查意见"):
        services.checkpoint_record(checkpoint=checkpoint, result="not_kept", by=world.street_user)
    services.checkpoint_record(checkpoint=checkpoint, result="kept", by=world.street_user)
    assert not AccountabilityCase.objects.exists()
    with pytest.raises(CadreError, match="已记录过"):
        services.checkpoint_record(checkpoint=checkpoint, result="not_kept", note="x", by=world.street_user)


def test_the_secretarys_pledge_is_refused_without_a_star_target(world):
    with pytest.raises(CadreError, match="星级目标"):
        services.pledge_create(post=world.secretary_post, year=YEAR, by=world.secretary)
    with pytest.raises(CadreError, match="1 到 5"):
        services.pledge_create(post=world.secretary_post, year=YEAR, target_star=7, by=world.secretary)
    pledge = services.pledge_create(post=world.secretary_post, year=YEAR, target_star="4", by=world.secretary)
    assert pledge.target_star == 4
    other = services.pledge_create(post=world.member_post, year=YEAR, by=world.secretary)
    assert other.target_star is None


def test_a_pledge_needs_commitments_and_checkpoints_in_its_year(world):
    pledge = services.pledge_create(post=world.member_post, year=YEAR, by=world.secretary)
    with pytest.raises(CadreError, match="至少填写一项"):
        services.pledge_submit(pledge=pledge, by=world.secretary)
    with pytest.raises(CadreError, match="2010 年内"):
        services.commitment_add(pledge=pledge, text="x", due_dates=[dt.date(2011, 1, 1)], by=world.secretary)
    services.commitment_add(pledge=pledge, text="x", due_dates=[dt.date(2010, 6, 1)], by=world.secretary)
    services.pledge_submit(pledge=pledge, by=world.secretary)
    with pytest.raises(CadreError, match="原因"):
        services.pledge_return(pledge=pledge, reason=" ", by=world.street_user)
    services.pledge_return(pledge=pledge, reason="请写具体", by=world.street_user)
    assert pledge.state == "returned"


def test_deciding_an_accountability_case_with_a_form_of_the_countys_list_or_closing_it(world):
    pledge = approved_pledge(world, world.member_post)
    checkpoint = first_checkpoint(pledge)
    services.checkpoint_record(checkpoint=checkpoint, result="not_kept", note="未办结", by=world.street_user)
    case = AccountabilityCase.objects.get()
    with pytest.raises(CadreError, match="问责方式"):
        services.accountability_decide(case=case, form="fine", decision="d", reason="r",
                                       decided_on=dt.date(2010, 7, 5), by=world.street_user)
    services.accountability_decide(case=case, form="reminder_talk", decision="提醒谈话一次", reason="情节较轻",
                                   decided_on=dt.date(2010, 7, 5), by=world.street_user)
    case.refresh_from_db()
    assert case.state == "decided" and case.form_label == "提醒谈话" and case.decided_by == world.street_user
    with pytest.raises(CadreError, match="已处理"):
        services.accountability_close(case=case, reason="x", decided_on=dt.date(2010, 7, 5), by=world.street_user)


def test_closing_without_action_needs_a_reason(world):
    pledge = approved_pledge(world, world.member_post)
    services.checkpoint_record(checkpoint=first_checkpoint(pledge), result="not_kept", note="未办结",
                               by=world.street_user)
    case = AccountabilityCase.objects.get()
    with pytest.raises(CadreError, match="理由"):
        services.accountability_close(case=case, reason="", decided_on=dt.date(2010, 7, 5), by=world.street_user)
    services.accountability_close(case=case, reason="客观原因", decided_on=dt.date(2010, 7, 5), by=world.street_user)
    assert AccountabilityCase.objects.get().state == "closed"


def test_deciding_an_adjustment_ends_the_post(world):
    case = services.adjustment_propose(post=world.resident_post, grounds=["poor_attitude", "strong_complaints"],
                                       evidence="居民多次反映", by_street=False, by=world.secretary)
    assert case.state == "proposed"
    with pytest.raises(CadreError, match="待决定"):
        services.adjustment_propose(post=world.resident_post, grounds=["poor_attitude"], evidence="再次",
                                    by_street=True, by=world.street_user)
    services.adjustment_decide(case=case, adjust=True, reason="经研究予以调整", decided_on=dt.date(2010, 8, 1),
                               successor="王新", by=world.street_user)
    post = LeadershipPost.objects.get(pk=world.resident_post.pk)
    assert post.ended_on == dt.date(2010, 8, 1)
    assert not LeadershipPost.objects.current(dt.date(2010, 8, 2)).filter(pk=post.pk).exists()
    assert AuditEntry.objects.filter(action="cadre_adjust").count() == 2


def test_keeping_a_cadre_leaves_the_post_and_grounds_must_be_of_the_list(world):
    with pytest.raises(CadreError, match="调整情形"):
        services.adjustment_propose(post=world.member_post, grounds=["lazy"], evidence="x", by_street=True,
                                    by=world.street_user)
    case = services.adjustment_propose(post=world.member_post, grounds=["poor_performance"], evidence="x",
                                       by_street=True, by=world.street_user)
    services.adjustment_decide(case=case, adjust=False, reason="整改到位", decided_on=dt.date(2010, 8, 1),
                               by=world.street_user)
    assert LeadershipPost.objects.get(pk=world.member_post.pk).ended_on is None


def test_the_party_committee_takes_members_of_the_organization_only(world):
    with pytest.raises(CadreError, match="党员中选择"):
        services.post_create(organization=world.a1, body="party_committee", position="member", name="某人",
                             birth_date=dt.date(1980, 1, 1), gender="M", education="college",
                             term_starts_on=dt.date(2010, 1, 1), by=world.secretary)
    with pytest.raises(CadreError, match="本组织"):
        services.post_create(organization=world.a1, body="party_committee", position="member", member=world.m_a2,
                             term_starts_on=dt.date(2010, 1, 1), by=world.secretary)
    with pytest.raises(CadreError, match="没有这一职务"):
        services.post_create(organization=world.a1, body="residents_committee", position="secretary",
                             member=world.m_a1_other, term_starts_on=dt.date(2010, 1, 1), by=world.secretary)


def test_the_pure_editable_states_are_the_models_ones():
    from pingxing.cadres.models import EDITABLE_STATES
    from pingxing.cadres.permissions import EDITABLE

    assert {str(s) for s in EDITABLE_STATES} == EDITABLE


def test_the_education_codes_of_the_structure_are_the_members_ones():
    from pingxing.cadres.structure import EDUCATION_ORDER
    from pingxing.members.models import Education

    assert tuple(Education.values) == EDUCATION_ORDER
