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
from pingxing.evaluations.tally import Count, count


def evaluation_count(evaluation: Evaluation) -> Count:
    """The tally from the ballot table alone (the page, the report and the command agree)."""
    roll = list(evaluation.roll.filter(excused=False).values_list("pk", flat=True))
    ballots = Ballot.objects.filter(evaluation=evaluation).values_list("voter_class", "marks").iterator(chunk_size=2000)
    return count(ballots, roll, min_ballots=evaluation.min_ballots)


def turnout(evaluation: Evaluation) -> dict[str, dict[str, int]]:
    """Per class: how many voted (accounts, codes, on paper) of how many could."""
    voted = dict(CastRecord.objects.filter(evaluation=evaluation).values("voter_class")
                 .annotate(n=DbCount("pk")).values_list("voter_class", "n"))
    paper = dict(evaluation.paper_entries.filter(entry_no=1).values("voter_class")
                 .annotate(n=DbCount("pk")).values_list("voter_class", "n"))
    entitled_members = evaluation.roll.filter(excused=False).count()
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
    """Names of the members on the roll who have not voted online yet (the who-voted list is
    not secret: the organization reminds those who have not)."""
    voted = CastRecord.objects.filter(evaluation=evaluation, user__isnull=False).values_list("user__member_id", flat=True)
    entries = evaluation.roll.filter(excused=False).exclude(member_id__in=voted).select_related("member")
    return [e.member.name for e in entries.order_by("member__name")]


def has_voted(evaluation: Evaluation, user: Any) -> bool:
    return CastRecord.objects.filter(evaluation=evaluation, user=user).exists()


def evaluations_within(root_path: str) -> QuerySet[Evaluation]:
    return Evaluation.objects.filter(organization__path__startswith=root_path).select_related("organization")
