"""Writes of the democratic evaluation: each atomic and audited; casting is in casting.py.

The steps (亮程序) of a members' evaluation: preparation → self-assessment → balloting → closed
(paper sheets entered, then the tally) → organizational assessment (final grades) →
publication; of an evaluation of the leadership: preparation → balloting → closed (tally) →
publication. The step table is subjects.STEPS.
"""

from __future__ import annotations

import random
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from pingxing.core.audit import audit_record
from pingxing.evaluations import queries
from pingxing.evaluations.actions import EvaluationAction
from pingxing.evaluations.casting import (
    CastRefused,
    checked_marks,
    code_hash,
    gradable_entries,
    new_code,
)
from pingxing.evaluations.disclosure import disclosure_publish
from pingxing.evaluations.models import (
    Ballot,
    Evaluation,
    EvaluationState,
    ExcuseReason,
    MassRepresentative,
    PaperEntry,
    RollEntry,
    Tracker,
    VotingCode,
)
from pingxing.evaluations.proposal import GRADE_TEXT, Grade, Rules, available_rules, parse_rules
from pingxing.evaluations.subjects import Subject, has_step, next_step
from pingxing.evaluations.tally import MarksError, proposals

__all__ = ["CastRefused", "EvaluationError"]

# The steps `evaluation_advance` takes (the others: the tally, the grades and the publication).
ADVANCING = frozenset({EvaluationState.SELF_ASSESSMENT, EvaluationState.BALLOTING, EvaluationState.CLOSED})
MAX_CODES = 500
MAX_LEADERSHIP_ROLL = 30


class EvaluationError(Exception):
    """A step that cannot be taken; the message says why, in Chinese."""


def rules_for(key: str | None = None) -> Rules:
    from pathlib import Path

    found = available_rules([Path(d) for d in getattr(settings, "EVALUATION_RULE_DIRS", [])])
    if key is None:
        return found[sorted(found)[0]]
    if key not in found:
        raise EvaluationError(_("找不到结果规则“%(key)s”。") % {"key": key})
    return found[key]


def _audit(action: str, *, by: Any, evaluation: Evaluation, changes: Mapping[str, Any] | None = None,
           request: Any = None) -> None:
    audit_record(action=action, user=by, obj=evaluation, organization=evaluation.organization,
                 changes=dict(changes or {}), request=request)


def evaluation_create(*, organization: Any, year: int, by: Any, rules_key: str | None = None,
                      request: Any = None) -> Evaluation:
    """Start the year's evaluation with the roll taken from the organization: its full and
    probationary members, 流动 members included."""
    rules = rules_for(rules_key)
    if Evaluation.objects.filter(organization=organization, year=year, subject=Subject.MEMBERS).exists():
        raise EvaluationError(_("%(org)s的%(year)d年度民主评议已经开始。") % {"org": organization.name, "year": year})
    with transaction.atomic():
        evaluation: Evaluation = Evaluation.objects.create(
            organization=organization, year=year, rules_key=rules.key, rules_source=rules.source,
            min_ballots=rules.min_ballots, created_by=by)
        members = organization.members.order_by("name", "pk")
        RollEntry.objects.bulk_create([RollEntry(evaluation=evaluation, member=m) for m in members])
        _audit(EvaluationAction.STEP, by=by, evaluation=evaluation,
               changes={"state": [None, evaluation.state], "roll": [None, len(members)]}, request=request)
    return evaluation


def leadership_evaluation_create(*, organization: Any, year: int, member_ids: Sequence[int], by: Any,
                                 request: Any = None) -> Evaluation:
    """Start the year's evaluation of the leadership (民主评议班子成员): the roll is the committee
    members given (members of the organization — the cadres app passes its 两委 roster); the
    organization's members vote in their accounts, residents' representatives with codes."""
    from pingxing.members.models import Member

    ids = list(dict.fromkeys(int(i) for i in member_ids))
    if not ids:
        raise EvaluationError(_("请选择参加评议的班子成员。"))
    if len(ids) > MAX_LEADERSHIP_ROLL:
        raise EvaluationError(_("班子成员评议最多%(n)d人。") % {"n": MAX_LEADERSHIP_ROLL})
    members = list(Member.objects.filter(pk__in=ids, organization=organization).order_by("name", "pk"))
    if len(members) != len(ids):
        raise EvaluationError(_("参加评议的班子成员须是本党组织的党员。"))
    if Evaluation.objects.filter(organization=organization, year=year, subject=Subject.LEADERSHIP).exists():
        raise EvaluationError(_("%(org)s的%(year)d年度班子成员民主评议已经开始。") % {
            "org": organization.name, "year": year})
    with transaction.atomic():
        evaluation: Evaluation = Evaluation.objects.create(
            organization=organization, year=year, subject=Subject.LEADERSHIP, rules_key="", rules_source="",
            created_by=by)
        RollEntry.objects.bulk_create([RollEntry(evaluation=evaluation, member=m) for m in members])
        _audit(EvaluationAction.STEP, by=by, evaluation=evaluation, request=request,
               changes={"state": [None, evaluation.state], "subject": [None, evaluation.subject],
                        "roll": [None, [m.pk for m in members]]})
    return evaluation


def entry_excuse(*, entry: RollEntry, reason: str, note: str = "", by: Any, request: Any = None) -> RollEntry:
    """Record a member excused from the count (abroad over six months, long illness, …), or,
    with an empty reason, put them back on the count."""
    if entry.evaluation.state not in {EvaluationState.PREPARATION, EvaluationState.SELF_ASSESSMENT}:
        raise EvaluationError(_("测评开始后不能再调整参评名单。"))
    if reason and reason not in ExcuseReason.values:
        raise EvaluationError(_("请选择不参加评议的原因。"))
    if reason == "other" and not note.strip():  # ExcuseReason.OTHER
        raise EvaluationError(_("原因为“其他”时请写明情况。"))
    with transaction.atomic():
        before = [entry.excused, entry.excuse_reason]
        entry.excused, entry.excuse_reason, entry.excuse_note = bool(reason), reason, note.strip()
        entry.save(update_fields=["excused", "excuse_reason", "excuse_note"])
        _audit(EvaluationAction.STEP, by=by, evaluation=entry.evaluation, request=request,
               changes={f"excused:{entry.member_id}": [before, [entry.excused, reason]]})
    return entry


def self_assessment_submit(*, entry: RollEntry, text: str, by: Any) -> RollEntry:
    if not has_step(entry.evaluation.subject, EvaluationState.SELF_ASSESSMENT):
        raise EvaluationError(_("班子成员评议没有个人自评环节。"))
    if entry.evaluation.state not in {EvaluationState.SELF_ASSESSMENT, EvaluationState.BALLOTING}:
        raise EvaluationError(_("现在不是个人自评阶段。"))
    text = text.strip()
    if not 10 <= len(text) <= 2000:
        raise EvaluationError(_("个人自评请写10至2000字。"))
    entry.self_summary, entry.self_submitted_at = text, timezone.now()
    entry.save(update_fields=["self_summary", "self_submitted_at"])
    return entry


def evaluation_advance(*, evaluation: Evaluation, by: Any, opens_at: Any = None, closes_at: Any = None,
                       self_until: Any = None, request: Any = None) -> Evaluation:
    """The next step of the procedure, with its dates. Closing the ballot shuffles the ballots."""
    target: Any = next_step(evaluation.subject, evaluation.state)  # compared with the (untyped) choices
    if target not in ADVANCING:
        raise EvaluationError(_("当前阶段不能这样推进。"))
    if target == EvaluationState.BALLOTING and not gradable_entries(evaluation):
        raise EvaluationError(_("参评名单为空，不能开始测评。"))
    with transaction.atomic():
        locked: Evaluation = Evaluation.objects.select_for_update().get(pk=evaluation.pk)
        if locked.state != evaluation.state:
            raise EvaluationError(_("评议进度已被他人更新，请刷新页面。"))
        before = locked.state
        locked.state = target
        if target == EvaluationState.SELF_ASSESSMENT:
            locked.self_assessment_until = self_until
        if target == EvaluationState.BALLOTING:
            locked.ballot_opens_at = opens_at or timezone.now()
            locked.ballot_closes_at = closes_at
        if target == EvaluationState.CLOSED:
            locked.closed_at = timezone.now()
        locked.save()
        _audit(EvaluationAction.STEP, by=by, evaluation=locked, changes={"state": [before, target]}, request=request)
    if target == EvaluationState.CLOSED:
        ballots_shuffle(evaluation=locked)
    return locked


def ballots_shuffle(*, evaluation: Evaluation) -> int:
    """Rewrite every ballot and tracker of the evaluation in a random order with new random
    keys, in a transaction of its own: neither row order, keys nor row versions then follow
    the order of casting."""
    rng = random.SystemRandom()
    with transaction.atomic():
        ballots = list(Ballot.objects.filter(evaluation=evaluation).values_list("voter_class", "marks"))
        trackers = list(Tracker.objects.filter(evaluation=evaluation).values_list("tracker", flat=True))
        Ballot.objects.filter(evaluation=evaluation).delete()
        Tracker.objects.filter(evaluation=evaluation).delete()
        rng.shuffle(ballots)
        rng.shuffle(trackers)
        Ballot.objects.bulk_create([Ballot(evaluation=evaluation, voter_class=c, marks=m) for c, m in ballots])
        Tracker.objects.bulk_create([Tracker(evaluation=evaluation, tracker=t) for t in trackers])
    _vacuum_old_versions()
    return len(ballots)


def _vacuum_old_versions() -> None:
    """On PostgreSQL the rows just deleted stay in the table file as dead versions (with the
    transaction ids of their casting) until vacuumed: vacuum them now, when not inside a
    transaction (a test's, or a caller's)."""
    from django.db import connection

    if connection.vendor != "postgresql" or connection.in_atomic_block:
        return
    with connection.cursor() as cursor:
        for model in (Ballot, Tracker):
            cursor.execute(f"VACUUM {connection.ops.quote_name(model._meta.db_table)}")


def representative_add(*, evaluation: Evaluation, name: str, contact: str = "", note: str = "", by: Any,
                       request: Any = None) -> MassRepresentative:
    if not name.strip():
        raise EvaluationError(_("请填写群众代表的姓名。"))
    with transaction.atomic():
        rep: MassRepresentative = MassRepresentative.objects.create(evaluation=evaluation, name=name.strip()[:50],
                                                contact=contact.strip() or None, note=note.strip()[:100])
        _audit(EvaluationAction.STEP, by=by, evaluation=evaluation, request=request,
               changes={"representatives": [None, evaluation.representatives.count()]})
    return rep


def codes_issue(*, evaluation: Evaluation, count_: int, by: Any, request: Any = None) -> list[str]:
    """New one-time codes of mass representatives, returned once (for the sheet of slips) and
    stored only as hashes, marked as handed out — to nobody in particular."""
    if evaluation.state in {EvaluationState.CLOSED, EvaluationState.ASSESSED, EvaluationState.PUBLISHED}:
        raise EvaluationError(_("测评已经结束，不能再签发投票码。"))
    if not 1 <= count_ <= MAX_CODES:
        raise EvaluationError(_("一次签发1至%(n)d个投票码。") % {"n": MAX_CODES})
    codes = [new_code() for _ in range(count_)]
    with transaction.atomic():
        VotingCode.objects.bulk_create([VotingCode(evaluation=evaluation, code_hash=code_hash(c), handed_out=True)
                                        for c in codes])
        _audit(EvaluationAction.CODES, by=by, evaluation=evaluation, request=request,
               changes={"codes": [None, count_]})
    return codes


# --- paper ballots -------------------------------------------------------------------------

def paper_entry_save(*, evaluation: Evaluation, voter_class: str, sheet_no: int, marks: Mapping[str, Any],
                     by: Any, request: Any = None) -> PaperEntry:
    """One clerk's entry of one paper ballot sheet: the first and the second entry come from
    two different clerks; a third (by either) settles a difference."""
    if evaluation.state != EvaluationState.CLOSED or evaluation.tallied_at is not None:
        raise EvaluationError(_("纸质选票在测评结束后、计票完成前录入。"))
    entries = gradable_entries(evaluation)
    try:
        clean = checked_marks(evaluation, dict(marks), entries)
    except MarksError as error:
        raise EvaluationError(_("第%(n)d号选票：%(why)s") % {"n": sheet_no, "why": error}) from None
    with transaction.atomic():
        existing = list(PaperEntry.objects.select_for_update().filter(
            evaluation=evaluation, voter_class=voter_class, sheet_no=sheet_no).order_by("entry_no"))
        if len(existing) >= 3 or (len(existing) == 2 and existing[0].marks == existing[1].marks):
            raise EvaluationError(_("第%(n)d号选票已经录入完毕。") % {"n": sheet_no})
        if len(existing) == 1 and existing[0].clerk_id == by.pk:
            raise EvaluationError(_("第%(n)d号选票须由另一名工作人员再录入一遍。") % {"n": sheet_no})
        entry: PaperEntry = PaperEntry.objects.create(evaluation=evaluation, voter_class=voter_class, sheet_no=sheet_no,
                                          entry_no=len(existing) + 1, marks=clean, clerk=by)
        _audit(EvaluationAction.PAPER, by=by, evaluation=evaluation, request=request,
               changes={"sheet": [None, f"{voter_class}#{sheet_no}/{entry.entry_no}"]})
    return entry


@dataclass(frozen=True)
class SheetState:
    voter_class: str
    sheet_no: int
    marks: Mapping[str, Any] | None  # the agreed marks, or None
    problem: str  # "" when agreed


def paper_sheets(evaluation: Evaluation) -> list[SheetState]:
    """Every paper sheet and whether its entries agree (the third entry settles a difference
    when it equals one of the two)."""
    grouped: dict[tuple[str, int], list[PaperEntry]] = {}
    for entry in evaluation.paper_entries.order_by("voter_class", "sheet_no", "entry_no"):
        grouped.setdefault((entry.voter_class, entry.sheet_no), []).append(entry)
    states = []
    for (voter_class, sheet_no), entries in grouped.items():
        marks = [e.marks for e in entries]
        if len(marks) == 1:
            states.append(SheetState(voter_class, sheet_no, None, _("只录入了一遍")))
        elif marks[0] == marks[1]:
            states.append(SheetState(voter_class, sheet_no, marks[0], ""))
        elif len(marks) == 3 and marks[2] in marks[:2]:
            states.append(SheetState(voter_class, sheet_no, marks[2], ""))
        else:
            states.append(SheetState(voter_class, sheet_no, None, _("两遍录入不一致，须核对原始选票后再录入一遍")))
    return states


PHOTO_MAX_BYTES = 10 * 1024 * 1024


def tally_photo_attach(*, evaluation: Evaluation, upload: Any, by: Any, request: Any = None) -> Evaluation:
    """The photo of the hand-count tally sheet (计票单), kept as evidence of the paper count."""
    from pingxing.core.files import stored_name
    from pingxing.core.uploads import PHOTOS, upload_problem

    if upload is None:
        raise EvaluationError(_("请选择计票单照片。"))
    problem = upload_problem(upload, allowed=PHOTOS, max_bytes=PHOTO_MAX_BYTES)
    if problem:
        raise EvaluationError(problem)
    upload.name = stored_name(upload.name)
    with transaction.atomic():
        evaluation.tally_photo = upload
        evaluation.save(update_fields=["tally_photo"])
        _audit(EvaluationAction.PAPER, by=by, evaluation=evaluation, request=request,
               changes={"tally_photo": [None, "attached"]})
    return evaluation


# --- tally, grades, publication ---------------------------------------------------------------

def evaluation_tally(*, evaluation: Evaluation, by: Any, request: Any = None) -> Evaluation:
    """Count: the agreed paper sheets become ballots, all ballots are shuffled once more, and
    (members' evaluations) each member's grade is proposed by the rules. Refused while any
    paper sheet disagrees."""
    if evaluation.state != EvaluationState.CLOSED or evaluation.tallied_at is not None:
        raise EvaluationError(_("只有测评结束、尚未计票时才能计票。"))
    sheets = paper_sheets(evaluation)
    open_sheets = [s for s in sheets if s.problem]
    if open_sheets:
        first = open_sheets[0]
        raise EvaluationError(_("还有%(n)d张纸质选票未核对一致（如第%(no)d号：%(why)s），不能计票。") % {
            "n": len(open_sheets), "no": first.sheet_no, "why": first.problem})
    with transaction.atomic():
        Ballot.objects.bulk_create([Ballot(evaluation=evaluation, voter_class=s.voter_class, marks=dict(s.marks or {}))
                                    for s in sheets])
        locked: Evaluation = Evaluation.objects.select_for_update().get(pk=evaluation.pk)
        locked.tallied_at = timezone.now()
        locked.save(update_fields=["tallied_at"])
        result = queries.evaluation_count(locked)
        if has_step(locked.subject, EvaluationState.ASSESSED):  # proposals prepare the assessment
            proposed = proposals(result, parse_rules(locked.rules_source))
            for entry in locked.roll.filter(excused=False):
                proposal = proposed[entry.pk]
                entry.proposed_grade, entry.proposal_text = proposal.grade.value, proposal.explanation
                entry.save(update_fields=["proposed_grade", "proposal_text"])
        _audit(EvaluationAction.TALLY, by=by, evaluation=locked, request=request,
               changes={"ballots": [None, dict(result.ballots)], "paper_sheets": [None, len(sheets)]})
    ballots_shuffle(evaluation=locked)
    return locked


def grades_record(*, evaluation: Evaluation, grades: Mapping[int, tuple[str, str]], body: str, on: Any,
                  by: Any, request: Any = None) -> Evaluation:
    """The organization's final grades (支委会 or 党员大会): {roll entry id: (grade, reason)};
    a reason is required wherever the grade differs from the proposal (不唯票数)."""
    if not has_step(evaluation.subject, EvaluationState.ASSESSED):
        raise EvaluationError(_("班子成员评议不评定等次，计票后即可公布结果。"))
    if evaluation.tallied_at is None or evaluation.state not in {EvaluationState.CLOSED, EvaluationState.ASSESSED}:
        raise EvaluationError(_("计票完成后才能评定等次；结果公布后不能再改。"))
    entries = {e.pk: e for e in evaluation.roll.filter(excused=False).select_related("member")}
    errors = []
    for pk, entry in entries.items():
        grade, reason = grades.get(pk, ("", ""))
        if grade not in {g.value for g in Grade}:
            errors.append(_("请为“%(name)s”选择评定等次。") % {"name": entry.member.name})
        elif grade != entry.proposed_grade and not reason.strip():
            errors.append(_("“%(name)s”的评定等次（%(grade)s）与建议不同，请写明理由。") % {
                "name": entry.member.name, "grade": GRADE_TEXT[Grade(grade)]})
    if errors:
        raise EvaluationError("；".join(errors))
    with transaction.atomic():
        changes = {}
        for pk, entry in entries.items():
            grade, reason = grades[pk]
            changes[f"grade:{entry.member_id}"] = [entry.final_grade or None, grade]
            entry.final_grade, entry.final_reason = grade, reason.strip() if grade != entry.proposed_grade else ""
            entry.save(update_fields=["final_grade", "final_reason"])
        evaluation.state, evaluation.assessed_on, evaluation.assessed_by_body = EvaluationState.ASSESSED, on, body
        evaluation.save(update_fields=["state", "assessed_on", "assessed_by_body"])
        _audit(EvaluationAction.GRADE, by=by, evaluation=evaluation, changes=changes, request=request)
    return evaluation


def evaluation_publish(*, evaluation: Evaluation, by: Any, request: Any = None) -> Evaluation:
    """Publish the results: a members' evaluation once assessed (with its 五亮 snapshot), an
    evaluation of the leadership once tallied."""
    following: Any = next_step(evaluation.subject, evaluation.state)
    if following != EvaluationState.PUBLISHED or evaluation.tallied_at is None:
        if evaluation.subject == Subject.LEADERSHIP:
            raise EvaluationError(_("计票完成后才能公布结果。"))
        raise EvaluationError(_("组织评定完成后才能公布结果。"))
    with transaction.atomic():
        before = evaluation.state
        evaluation.state, evaluation.published_at = EvaluationState.PUBLISHED, timezone.now()
        evaluation.save(update_fields=["state", "published_at"])
        _audit(EvaluationAction.PUBLISH, by=by, evaluation=evaluation,
               changes={"state": [before, EvaluationState.PUBLISHED]}, request=request)
        if evaluation.subject == Subject.MEMBERS:
            disclosure_publish(evaluation=evaluation, by=by, request=request)  # the 五亮 snapshot
    return evaluation


def roll_names(entries: Sequence[RollEntry]) -> dict[int, str]:
    return {e.pk: e.member.name for e in entries}
