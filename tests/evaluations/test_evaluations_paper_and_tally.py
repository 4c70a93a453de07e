"""Paper ballots entered twice by two clerks; a difference blocks the tally until settled. The
tally from the ballot table alone: the page and `pingxing evaluation tally` agree."""

from __future__ import annotations

import secrets

import pytest
from django.core.management import call_command
from evaluation_world import make_evaluation_world, marks_for

from pingxing.evaluations import services
from pingxing.evaluations.casting import ballot_cast_by_member
from pingxing.evaluations.models import Ballot
from pingxing.evaluations.services import EvaluationError

pytestmark = pytest.mark.django_db


@pytest.fixture
def closed():
    world = make_evaluation_world(members=6)
    for account, member in zip(world.accounts, world.members, strict=True):
        ballot_cast_by_member(evaluation=world.evaluation, user=account, request_key=secrets.token_urlsafe(12),
                              marks=marks_for(world, voter_member_id=member.pk, grade="excellent"))
    world.evaluation = services.evaluation_advance(evaluation=world.evaluation, by=world.secretary)
    return world


def test_one_difference_between_the_two_entries_is_flagged_and_blocks_the_tally(closed):
    w = closed
    sheet = marks_for(w, grade="qualified")
    typo = dict(sheet)
    first_key = next(iter(typo))
    typo[first_key] = {"g": "basically_qualified", "c": []}
    services.paper_entry_save(evaluation=w.evaluation, voter_class="masses", sheet_no=1, marks=sheet, by=w.secretary)
    with pytest.raises(EvaluationError, match="须由另一名工作人员"):
        services.paper_entry_save(evaluation=w.evaluation, voter_class="masses", sheet_no=1, marks=sheet,
                                  by=w.secretary)
    services.paper_entry_save(evaluation=w.evaluation, voter_class="masses", sheet_no=1, marks=typo, by=w.clerk)
    [state] = services.paper_sheets(w.evaluation)
    assert state.problem == "两遍录入不一致，须核对原始选票后再录入一遍"
    with pytest.raises(EvaluationError, match="第1号"):
        services.evaluation_tally(evaluation=w.evaluation, by=w.secretary)
    assert Ballot.objects.filter(evaluation=w.evaluation).count() == 6  # nothing of paper counted yet
    # The third entry, after checking the paper ballot, settles it.
    services.paper_entry_save(evaluation=w.evaluation, voter_class="masses", sheet_no=1, marks=sheet, by=w.secretary)
    assert services.paper_sheets(w.evaluation)[0].problem == ""
    services.evaluation_tally(evaluation=w.evaluation, by=w.secretary)
    masses = list(Ballot.objects.filter(evaluation=w.evaluation, voter_class="masses").values_list("marks", flat=True))
    assert masses == [sheet]


def test_the_page_and_the_command_give_the_same_figures(closed, client, capsys):
    w = closed
    tallied = services.evaluation_tally(evaluation=w.evaluation, by=w.secretary)
    call_command("evaluation", "tally", str(tallied.pk))
    printed = capsys.readouterr().out
    client.force_login(w.secretary)
    page = client.get(f"/evaluations/{tallied.pk}/").content.decode()
    voter = w.members[0]
    # Member 0 was graded excellent by the five other voters (never by themselves).
    assert f"{voter.name}：党员测评 优秀5、合格0" in printed
    entry = w.entries[voter.pk]
    row = page[page.index(f'id="entry-{entry.pk}"'):]
    assert "优秀5、合格0" in row[:row.index("</tr>")]
    assert "党员测评票：6 张" in printed and "党外群众代表测评票：不足 5 票，不公布" in printed
