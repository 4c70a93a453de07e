"""The evaluation of the leadership (民主评议班子成员): the same secret ballot, a roll of committee
members, every member of the organization voting (never on themselves), residents'
representatives with codes, three grades, a satisfaction rate, no proposals and no final grades."""

from __future__ import annotations

import secrets

import pytest
from django.apps import apps
from django.core.management import call_command
from django.db import connection
from leadership_world import (
    EXPECTED_MASSES,
    EXPECTED_MEMBERS,
    cast_fixture,
    leadership_marks,
    make_leadership_world,
)

from pingxing.evaluations import queries, services
from pingxing.evaluations.casting import CastRefused, ballot_cast_by_code, ballot_cast_by_member
from pingxing.evaluations.disclosure_models import Disclosure
from pingxing.evaluations.models import Ballot, CastRecord, Evaluation, Tracker
from pingxing.evaluations.services import EvaluationError
from pingxing.evaluations.subjects import Satisfaction, satisfaction_rate

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    return make_leadership_world()


def _key() -> str:
    return secrets.token_urlsafe(12)


def test_a_leadership_evaluation_runs_end_to_end_with_the_hand_computed_counts(world):
    w = world
    assert w.leadership.subject == "leadership" and w.leadership.state == "balloting"  # no self-assessment step
    cast_fixture(w)
    assert queries.turnout(w.leadership) == {"members": {"voted": 6, "entitled": 8},
                                             "masses": {"voted": 5, "entitled": 5}}
    closed = services.evaluation_advance(evaluation=w.leadership, by=w.secretary)
    assert closed.state == "closed"
    with pytest.raises(EvaluationError, match="计票完成后"):
        services.evaluation_publish(evaluation=closed, by=w.secretary)
    tallied = services.evaluation_tally(evaluation=closed, by=w.secretary)
    result = queries.evaluation_count(tallied)
    assert result.ballots == {"members": 6, "masses": 5} and not result.suppressed
    for entry, members, masses in zip(w.roll, EXPECTED_MEMBERS, EXPECTED_MASSES, strict=True):
        for voter_class, expected in (("members", members), ("masses", masses)):
            tally = result.tallies[entry.pk][voter_class]
            counts = tuple(tally.grades.get(g, 0) for g in Satisfaction)
            assert (*counts, tally.ballots) == expected[:4], (entry.member.name, voter_class)
    rate = result.tallies[w.roll[1].pk]["members"]
    assert satisfaction_rate(rate.grades, rate.ballots) == pytest.approx(5 / 6)
    # No proposal and no organizational grade for the leadership; publication follows the tally.
    assert not tallied.roll.exclude(proposed_grade="").exists()
    with pytest.raises(EvaluationError, match="不评定等次"):
        services.grades_record(evaluation=tallied, grades={}, body="支委会", on=None, by=w.secretary)
    published = services.evaluation_publish(evaluation=tallied, by=w.secretary)
    assert published.state == "published" and published.published_at is not None
    assert not Disclosure.objects.filter(evaluation=published).exists()  # no 五亮 snapshot
    with pytest.raises(EvaluationError):
        services.evaluation_advance(evaluation=published, by=w.secretary)


def test_every_member_of_the_organization_votes_but_never_on_themselves(world):
    w = world
    on_roll, not_on_roll = w.accounts[0], w.accounts[5]
    with pytest.raises(CastRefused, match="（或本人）"):
        ballot_cast_by_member(evaluation=w.leadership, user=on_roll, request_key=_key(),
                              marks=leadership_marks(w, ("satisfied", "satisfied", "satisfied")))
    ballot_cast_by_member(evaluation=w.leadership, user=not_on_roll, request_key=_key(),
                          marks=leadership_marks(w, ("satisfied", "satisfied", "satisfied")))
    with pytest.raises(CastRefused, match="不是本党组织的党员"):
        ballot_cast_by_member(evaluation=w.leadership, user=w.outsider, request_key=_key(),
                              marks=leadership_marks(w, ("satisfied", "satisfied", "satisfied")))
    with pytest.raises(CastRefused, match="不是本党组织的党员"):
        ballot_cast_by_member(evaluation=w.leadership, user=w.secretary, request_key=_key(),
                              marks=leadership_marks(w, ("satisfied", "satisfied", "satisfied")))
    # The who-has-not-voted list is every member with an account but the one who voted.
    missing = queries.members_not_voted(w.leadership)
    assert len(missing) == 7 and w.members[5].name not in missing and w.no_account.name not in missing


def test_a_ballot_marks_only_the_grades_of_its_subject(world):
    w = world
    five_grades = leadership_marks(w, (None, "excellent", "qualified"))
    with pytest.raises(CastRefused, match="选择一个等次"):
        ballot_cast_by_member(evaluation=w.leadership, user=w.accounts[0], request_key=_key(), marks=five_grades)
    code = services.codes_issue(evaluation=w.leadership, count_=1, by=w.secretary)[0]
    with pytest.raises(CastRefused, match="选择一个等次"):
        ballot_cast_by_code(code=code, request_key=_key(), marks=leadership_marks(w, ("excellent",) * 3))
    # …and the members' ballot refuses the leadership's three grades.
    entries = {e.member_id: e for e in w.members_evaluation.roll.all()}
    three_grades = {str(e.pk): {"g": "satisfied", "c": []} for m, e in entries.items() if m != w.members[0].pk}
    with pytest.raises(CastRefused, match="选择一个等次"):
        ballot_cast_by_member(evaluation=w.members_evaluation, user=w.accounts[0], request_key=_key(),
                              marks=three_grades)
    # Neither refusal left a trace; a conduct item is refused too (the leadership has no checklist).
    with pytest.raises(CastRefused, match="反向情形"):
        ballot_cast_by_code(code=code, request_key=_key(),
                            marks={str(e.pk): {"g": "satisfied", "c": ["absent"]} for e in w.roll})
    assert not Ballot.objects.exists() and not CastRecord.objects.exists()


def test_ballots_carry_no_link_to_their_voters(world):
    w = world
    cast_fixture(w)
    services.evaluation_advance(evaluation=w.leadership, by=w.secretary)
    assert {f.column for f in Ballot._meta.concrete_fields} == {"id", "evaluation_id", "voter_class", "marks"}
    ballot_ids = {str(pk) for pk in Ballot.objects.values_list("pk", flat=True)}
    for model in apps.get_models():
        for field in model._meta.concrete_fields:
            if field.is_relation:
                assert field.related_model not in {Ballot, Tracker}, f"{model._meta.label}.{field.name}"
        if model is Ballot:
            continue
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(model._meta.db_table)}")
            for row in cursor.fetchall():
                assert not any(b in str(value) for value in row for b in ballot_ids), model._meta.db_table
    roll_keys = {str(e.pk) for e in w.roll}
    for marks in Ballot.objects.filter(evaluation=w.leadership).values_list("marks", flat=True):
        assert set(marks) <= roll_keys  # marks name committee members only, never a voter
    trackers = set(Tracker.objects.filter(evaluation=w.leadership).values_list("tracker", flat=True))
    assert len(trackers) == 11
    for row in CastRecord.objects.filter(evaluation=w.leadership).values():
        assert not trackers & {str(v) for v in row.values()}


def test_a_class_below_the_minimum_is_not_published(world):
    w = world
    cast_fixture(w)
    services.evaluation_advance(evaluation=w.leadership, by=w.secretary)
    Ballot.objects.filter(evaluation=w.leadership, voter_class="masses").first().delete()
    result = queries.evaluation_count(Evaluation.objects.get(pk=w.leadership.pk))
    assert result.suppressed == frozenset({"masses"})
    assert result.tallies[w.roll[0].pk]["masses"] is None


def test_the_roll_is_the_committee_members_given_and_one_a_year(world):
    w = world
    assert [e.member_id for e in w.roll] == [m.pk for m in w.committee]
    with pytest.raises(EvaluationError, match="已经开始"):
        services.leadership_evaluation_create(organization=w.org, year=w.leadership.year,
                                              member_ids=[w.members[0].pk], by=w.secretary)
    with pytest.raises(EvaluationError, match="须是本党组织的党员"):
        services.leadership_evaluation_create(organization=w.org, year=w.leadership.year + 1,
                                              member_ids=[w.members[0].pk, w.outsider.member_id], by=w.secretary)
    with pytest.raises(EvaluationError, match="请选择"):
        services.leadership_evaluation_create(organization=w.org, year=w.leadership.year + 1, member_ids=[],
                                              by=w.secretary)
    # The members' evaluation of the same year goes on beside it.
    assert Evaluation.objects.filter(organization=w.org, year=w.leadership.year).count() == 2
    with pytest.raises(EvaluationError, match="没有个人自评"):
        services.self_assessment_submit(entry=w.roll[0], text="本年度认真履职，述职述廉。" * 2, by=w.accounts[0])


def test_the_tally_command_prints_counts_and_satisfaction_rates(world, capsys):
    w = world
    cast_fixture(w)
    closed = services.evaluation_advance(evaluation=w.leadership, by=w.secretary)
    call_command("evaluation", "tally", str(closed.pk))
    printed = capsys.readouterr().out
    first = w.roll[0].member.name
    assert f"{first}：党员测评 满意3、基本满意1、不满意1（满意率80%）；群众测评 满意5、基本满意0、不满意0（满意率100%）" in printed
    assert "建议" not in printed


def test_paper_ballots_of_the_leadership_are_entered_twice_with_the_three_grades(world):
    w = world
    cast_fixture(w)
    closed = services.evaluation_advance(evaluation=w.leadership, by=w.secretary)
    sheet = leadership_marks(w, ("dissatisfied", "dissatisfied", "dissatisfied"))
    with pytest.raises(EvaluationError, match="选择一个等次"):
        services.paper_entry_save(evaluation=closed, voter_class="members", sheet_no=1,
                                  marks=leadership_marks(w, ("excellent",) * 3), by=w.secretary)
    services.paper_entry_save(evaluation=closed, voter_class="members", sheet_no=1, marks=sheet, by=w.secretary)
    services.paper_entry_save(evaluation=closed, voter_class="members", sheet_no=1, marks=sheet, by=w.clerk)
    tallied = services.evaluation_tally(evaluation=closed, by=w.secretary)
    result = queries.evaluation_count(tallied)
    assert result.ballots["members"] == 7
    assert result.tallies[w.roll[0].pk]["members"].grades[Satisfaction.DISSATISFIED] == 2


def test_the_slips_of_the_leadership_name_its_subject(world):
    from pingxing.evaluations.slips import slips_html

    html = slips_html(world.leadership, ["AAAAA-BBBBB"], base_url="https://example.org/")
    assert f"{world.leadership.year}年度民主评议班子成员 · 居民代表测评" in html
