"""`pingxing evaluation tally ID`: the tally of a closed evaluation from the ballot table alone."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from pingxing.core.access import parse_id
from pingxing.evaluations import queries
from pingxing.evaluations.models import Evaluation
from pingxing.evaluations.proposal import CLASS_TEXT, GRADE_TEXT, GRADES, VoterClass, parse_rules
from pingxing.evaluations.subjects import (
    SATISFACTION_GRADES,
    SATISFACTION_TEXT,
    percent,
    satisfaction_rate,
)
from pingxing.evaluations.tally import proposals


class Command(BaseCommand):
    help = "民主评议计票 / tally a democratic evaluation: pingxing evaluation tally ID"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("action", choices=["tally"])
        parser.add_argument("evaluation_id")

    def handle(self, *args: Any, **options: Any) -> None:
        evaluation = Evaluation.objects.select_related("organization").filter(
            pk=parse_id(options["evaluation_id"])).first()
        if evaluation is None:
            raise CommandError(f"没有编号为 {options['evaluation_id']} 的民主评议")
        if evaluation.closed_at is None:
            raise CommandError("测评结束前不计票，也不显示任何票数")
        result = queries.evaluation_count(evaluation)
        self.stdout.write(f"{evaluation}（结果规则 {evaluation.rules_key}）")
        labels = {VoterClass.MEMBERS.value: "党员测评票", VoterClass.MASSES.value: "党外群众代表测评票"}
        for voter_class, n in result.ballots.items():
            shown = f"不足 {evaluation.min_ballots} 票，不公布" if voter_class in result.suppressed else f"{n} 张"
            self.stdout.write(f"{labels[voter_class]}：{shown}")
        if evaluation.is_leadership:
            self._leadership(evaluation, result)
            return
        proposed = proposals(result, parse_rules(evaluation.rules_source))
        for entry in evaluation.roll.filter(excused=False).select_related("member").order_by("pk"):
            parts = []
            for voter_class in VoterClass:
                tally = result.tallies[entry.pk][voter_class.value]
                if tally is None:
                    parts.append(f"{CLASS_TEXT[voter_class]} 不公布")
                    continue
                parts.append(f"{CLASS_TEXT[voter_class]} " + "、".join(
                    f"{GRADE_TEXT[g]}{tally.grades.get(g, 0)}" for g in GRADES))
            self.stdout.write(f"{entry.member.name}：{'；'.join(parts)} → 建议{GRADE_TEXT[proposed[entry.pk].grade]}")

    def _leadership(self, evaluation: Evaluation, result: Any) -> None:
        """Each committee member's counts and satisfaction rate per class (no proposal)."""
        for entry in evaluation.roll.filter(excused=False).select_related("member").order_by("pk"):
            parts = []
            for voter_class in VoterClass:
                tally = result.tallies[entry.pk][voter_class.value]
                if tally is None:
                    parts.append(f"{CLASS_TEXT[voter_class]} 不公布")
                    continue
                counts = "、".join(f"{SATISFACTION_TEXT[g]}{tally.grades.get(g, 0)}" for g in SATISFACTION_GRADES)
                rate = percent(satisfaction_rate(tally.grades, tally.ballots))
                parts.append(f"{CLASS_TEXT[voter_class]} {counts}（满意率{rate}）")
            self.stdout.write(f"{entry.member.name}：{'；'.join(parts)}")
