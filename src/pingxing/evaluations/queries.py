"""Reads of the democratic evaluation. Figures of the ballots exist only after the tally."""

from __future__ import annotations

from typing import Any

from django.db.models import Count as DbCount
from django.db.models import QuerySet

from pingxing.evaluations.models import (
    Ballot,
    CastRecord,
    Evaluation,
    RollEntry,
    Tracker,
    VotingCode,
)
from pingxing.evaluations.subjects import Subject, grades_of
from pingxing.evaluations.tally import Count, count


def evaluation_count(evaluation: Evaluation) -> Count:
    """The tally from the ballot table alone (the page, the report and the command agree)."""
    roll = list(evaluation.roll.filter(excused=False).values_list("pk", flat=True))
    ballots = Ballot.objects.filter(evaluation=evaluation).values_list("voter_class", "marks").iterator(chunk_size=2000)
    return count(ballots, roll, min_ballots=evaluation.min_ballots, grade_set=grades_of(evaluation.subject))


def leadership_voters(evaluation: Evaluation) -> QuerySet[Any]:
    """The members' class of an evaluation of the leadership: every member of the organization
    with an account (on the roll or not)."""
    from pingxing.members.models import Member

    return Member.objects.filter(organization_id=evaluation.organization_id, user__isnull=False)


def turnout(evaluation: Evaluation) -> dict[str, dict[str, int]]:
    """Per class: how many voted (accounts, codes, on paper) of how many could."""
    voted = dict(CastRecord.objects.filter(evaluation=evaluation).values("voter_class")
                 .annotate(n=DbCount("pk")).values_list("voter_class", "n"))
    paper = dict(evaluation.paper_entries.filter(entry_no=1).values("voter_class")
                 .annotate(n=DbCount("pk")).values_list("voter_class", "n"))
    entitled_members = (leadership_voters(evaluation).count() if evaluation.subject == Subject.LEADERSHIP
                        else evaluation.roll.filter(excused=False).count())
    codes = VotingCode.objects.filter(evaluation=evaluation, handed_out=True).count()
    return {
        "members": {"voted": voted.get("members", 0) + paper.get("members", 0), "entitled": entitled_members},
        "masses": {"voted": voted.get("masses", 0) + paper.get("masses", 0), "entitled": codes},
    }


def trackers(evaluation: Evaluation) -> list[str]:
    return sorted(Tracker.objects.filter(evaluation=evaluation).values_list("tracker", flat=True))


def roll_of(evaluation: Evaluation) -> QuerySet[RollEntry]:
    return evaluation.roll.select_related("member").order_by("excused", "member__name", "pk")


def members_not_voted(evaluation: Evaluation) -> list[str]:
    """Names of the members who may vote online and have not yet (the who-voted list is not
    secret: the organization reminds those who have not): the roll of a members' evaluation,
    the organization's members with an account for the leadership's."""
    voted = CastRecord.objects.filter(evaluation=evaluation, user__isnull=False).values_list("user__member_id", flat=True)
    if evaluation.subject == Subject.LEADERSHIP:
        return list(leadership_voters(evaluation).exclude(pk__in=voted).order_by("name").values_list("name", flat=True))
    entries = evaluation.roll.filter(excused=False).exclude(member_id__in=voted).select_related("member")
    return [e.member.name for e in entries.order_by("member__name")]


def has_voted(evaluation: Evaluation, user: Any) -> bool:
    return CastRecord.objects.filter(evaluation=evaluation, user=user).exists()


def evaluations_within(root_path: str) -> QuerySet[Evaluation]:
    return Evaluation.objects.filter(organization__path__startswith=root_path).select_related("organization")


def members_of(organization_id: int) -> list[tuple[int, str]]:
    """(id, name) of the organization's members: the choice of a leadership evaluation's roll."""
    from pingxing.members.models import Member

    return list(Member.objects.filter(organization_id=organization_id).order_by("name", "pk")
                .values_list("pk", "name"))
