"""Casting: one ballot per account or code, replays answered with the same receipt, nobody
grades themselves, nothing counted is visible before the tally."""

from __future__ import annotations

import json
import secrets

import pytest
from evaluation_world import make_evaluation_world, marks_for

from pingxing.audit.models import AuditEntry
from pingxing.evaluations import services
from pingxing.evaluations.casting import CastRefused, ballot_cast_by_code, ballot_cast_by_member
from pingxing.evaluations.models import Ballot, CastRecord, Tracker

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    return make_evaluation_world()


def _key() -> str:
    return secrets.token_urlsafe(16)


def test_a_member_casts_one_ballot_and_a_retry_gets_the_same_receipt(world):
    voter, member = world.accounts[0], world.members[0]
    key = _key()
    first = ballot_cast_by_member(evaluation=world.evaluation, user=voter, request_key=key,
                                  marks=marks_for(world, voter_member_id=member.pk))
    again = ballot_cast_by_member(evaluation=world.evaluation, user=voter, request_key=key,
                                  marks=marks_for(world, voter_member_id=member.pk))
    assert again.receipt == first.receipt and again.repeated
    with pytest.raises(CastRefused, match="已经投过票"):
        ballot_cast_by_member(evaluation=world.evaluation, user=voter, request_key=_key(),
                              marks=marks_for(world, voter_member_id=member.pk))
    assert Ballot.objects.count() == 1 and CastRecord.objects.count() == 1
    assert list(Tracker.objects.values_list("tracker", flat=True)) == [first.receipt]


def test_a_member_cannot_grade_themselves(world):
    voter = world.accounts[0]
    with pytest.raises(CastRefused, match="不在本次评议名单上的人员（或本人）"):
        ballot_cast_by_member(evaluation=world.evaluation, user=voter, request_key=_key(),
                              marks=marks_for(world))  # includes their own entry
    assert not Ballot.objects.exists() and not CastRecord.objects.exists()


def test_a_ballot_must_grade_everyone_on_the_roll(world):
    voter, member = world.accounts[0], world.members[0]
    marks = marks_for(world, voter_member_id=member.pk)
    marks.pop(next(iter(marks)))
    with pytest.raises(CastRefused, match="未选择等次"):
        ballot_cast_by_member(evaluation=world.evaluation, user=voter, request_key=_key(), marks=marks)


def test_a_code_votes_once(world):
    code = services.codes_issue(evaluation=world.evaluation, count_=1, by=world.secretary)[0]
    cast = ballot_cast_by_code(code=code.lower(), request_key=_key(), marks=marks_for(world))
    assert cast.receipt
    with pytest.raises(CastRefused, match="已经投过票"):
        ballot_cast_by_code(code=code, request_key=_key(), marks=marks_for(world))
    with pytest.raises(CastRefused, match="投票码不正确"):
        ballot_cast_by_code(code="AAAAA-BBBBB-CCCCC-DDDDD-EEEEE-FF", request_key=_key(), marks=marks_for(world))


def test_the_audit_trail_says_who_voted_never_what(world):
    voter, member = world.accounts[1], world.members[1]
    cast = ballot_cast_by_member(evaluation=world.evaluation, user=voter, request_key=_key(),
                                 marks=marks_for(world, voter_member_id=member.pk, grade="excellent"))
    entry = AuditEntry.objects.filter(action="eval_voted").get()
    assert entry.user_id == voter.pk
    text = json.dumps(entry.changes, ensure_ascii=False) + entry.object_repr
    assert "excellent" not in text and cast.receipt not in text


def test_no_figure_is_visible_before_the_tally_to_any_role(world, client):
    for account, member in zip(world.accounts[:5], world.members[:5], strict=True):
        ballot_cast_by_member(evaluation=world.evaluation, user=account, request_key=_key(),
                              marks=marks_for(world, voter_member_id=member.pk, grade="excellent"))
    url = f"/evaluations/{world.evaluation.pk}/"
    for user in (world.secretary, world.clerk, world.street_user, world.county_user):
        client.force_login(user)
        body = client.get(url).content.decode()
        assert 'id="results"' not in body and "优秀5" not in body and "建议等次" not in body
        api = client.get(f"/api/evaluations/{world.evaluation.pk}").json()
        assert api["results"] is None
    for user in (world.accounts[0], world.other_secretary):
        client.force_login(user)
        assert client.get(url).status_code == 404


def test_a_class_with_four_ballots_is_not_published(world, client):
    codes = services.codes_issue(evaluation=world.evaluation, count_=4, by=world.secretary)
    for code in codes:
        ballot_cast_by_code(code=code, request_key=_key(), marks=marks_for(world, grade="excellent"))
    for account, member in zip(world.accounts, world.members, strict=True):
        ballot_cast_by_member(evaluation=world.evaluation, user=account, request_key=_key(),
                              marks=marks_for(world, voter_member_id=member.pk))
    closed = services.evaluation_advance(evaluation=world.evaluation, by=world.secretary)
    services.evaluation_tally(evaluation=closed, by=world.secretary)
    client.force_login(world.secretary)
    body = client.get(f"/evaluations/{world.evaluation.pk}/").content.decode()
    assert "不足 5 票，不公布" in body
    assert "党员测评票：6 张" in body.replace("\n", "")
    api = client.get(f"/api/evaluations/{world.evaluation.pk}").json()
    assert api["results"]["ballots"] == {"members": 6, "masses": None}


def test_the_sheet_of_slips_prints_each_code_once_and_only_its_hash_is_kept(world, client):
    import io

    from pypdf import PdfReader

    from pingxing.evaluations.casting import code_hash
    from pingxing.evaluations.models import VotingCode

    client.force_login(world.secretary)
    response = client.post(f"/evaluations/{world.evaluation.pk}/codes/", {"count": "3"})
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert "no-store" in response["Cache-Control"]
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
    printed = {line.strip() for line in text.splitlines() if line.count("-") == 5}
    assert len(printed) == 3
    stored = set(VotingCode.objects.values_list("code_hash", flat=True))
    assert stored == {code_hash(code) for code in printed}
    assert not any(code in str(stored) for code in printed)


def test_the_organization_sees_who_has_not_voted_yet_but_nothing_of_the_ballots(world, client):
    ballot_cast_by_member(evaluation=world.evaluation, user=world.accounts[0], request_key=_key(),
                          marks=marks_for(world, voter_member_id=world.members[0].pk))
    client.force_login(world.secretary)
    page = client.get(f"/evaluations/{world.evaluation.pk}/").content.decode()
    block = page[page.index('id="not-voted"'):]
    block = block[:block.index("</details>")]
    assert "尚未在网上投票的党员 5 人" in block
    assert world.members[0].name not in block and world.members[1].name in block
