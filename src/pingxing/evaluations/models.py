"""民主评议党员 (two-ballot democratic evaluation of Party members), seed 三.2.一, and, as a second
subject of the same machinery, 民主评议班子成员 (members' and residents' representatives'
evaluation of the leadership, seed 四.1): `Evaluation.subject` says which (subjects.py).

Secrecy is a property of these tables, not of the code that reads them:

- `Ballot` holds the evaluation, the class of voter and the marks — no voter, no code, no
  time, and a random primary key, so nothing orders ballots by arrival; at close every ballot
  is rewritten in a random order in a new transaction (`ballots_shuffle`).
- `CastRecord` ("has voted") says that an account or a code voted; it has no link to a ballot.
- `Tracker` holds the random receipts given at casting, rewritten with the ballots; it links to
  neither a ballot nor a voter. A receipt is derived from the voter's idempotency key with a
  server key, and the has-voted row stores only another keyed digest of that key, so a replay
  gets its receipt back while nothing stored leads from a voter to a receipt.
- `VotingCode` rows of mass representatives hold only a hash of the code and whether the slip
  was handed out — never to whom. `MassRepresentative` names and contacts sit apart from codes.
"""

from __future__ import annotations

import uuid
from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from encrypted_fields.fields import EncryptedCharField

from pingxing.evaluations.proposal import Grade, VoterClass
from pingxing.evaluations.subjects import Satisfaction, Subject

# The five grades of the seed (三.2.一), translated on the pages; documents keep GRADE_TEXT.
GRADE_LABELS = {
    Grade.EXCELLENT: _("优秀"), Grade.QUALIFIED: _("合格"), Grade.BASICALLY_QUALIFIED: _("基本合格"),
    Grade.BASICALLY_UNQUALIFIED: _("基本不合格"), Grade.UNQUALIFIED: _("不合格"),
}
GRADE_CHOICES = [(g.value, GRADE_LABELS[g]) for g in Grade]
# The three grades of an evaluation of the leadership (民主评议班子成员).
SATISFACTION_LABELS = {
    Satisfaction.SATISFIED: _("满意"), Satisfaction.BASICALLY_SATISFIED: _("基本满意"),
    Satisfaction.DISSATISFIED: _("不满意"),
}
SATISFACTION_CHOICES = [(g.value, SATISFACTION_LABELS[g]) for g in Satisfaction]
# What a ballot of each subject offers: (value, label) in the ballot's order.
GRADE_CHOICES_OF = {Subject.MEMBERS.value: GRADE_CHOICES, Subject.LEADERSHIP.value: SATISFACTION_CHOICES}
SUBJECT_LABELS = {Subject.MEMBERS: _("民主评议党员"), Subject.LEADERSHIP: _("民主评议班子成员")}
SUBJECT_CHOICES = [(s.value, SUBJECT_LABELS[s]) for s in Subject]
CLASS_CHOICES = [(VoterClass.MEMBERS.value, _("党员民主测评")), (VoterClass.MASSES.value, _("党外群众代表测评"))]


class EvaluationState(models.TextChoices):
    PREPARATION = "preparation", _("准备")
    SELF_ASSESSMENT = "self_assessment", _("个人自评")
    BALLOTING = "balloting", _("民主测评")
    CLOSED = "closed", _("测评结束、计票")
    ASSESSED = "assessed", _("组织评定")
    PUBLISHED = "published", _("结果公布")


class ExcuseReason(models.TextChoices):
    ABROAD = "abroad", _("出国（境）半年以上")
    ILLNESS = "illness", _("长期患病")
    INCAPACITY = "incapacity", _("丧失行为能力")
    OTHER = "other", _("其他")


class Evaluation(models.Model):
    """One organization's evaluation of one year and one subject, with its steps and dates (亮程序)."""

    organization = models.ForeignKey("orgs.Organization", on_delete=models.PROTECT, related_name="evaluations",
                                     verbose_name=_("党组织"))
    year = models.PositiveIntegerField(_("年度"))
    subject = models.CharField(_("评议对象"), max_length=12, choices=SUBJECT_CHOICES, default=Subject.MEMBERS.value)
    state = models.CharField(_("进度"), max_length=20, choices=EvaluationState.choices,
                             default=EvaluationState.PREPARATION)
    # The result rules (members' evaluations only; empty for the leadership, which has none).
    rules_key = models.CharField(_("结果规则"), max_length=80, blank=True)
    rules_source = models.TextField(editable=False, blank=True)  # the rules file as it was at the start
    min_ballots = models.PositiveSmallIntegerField(_("公布所需最少票数"), default=5)
    self_assessment_until = models.DateField(_("个人自评截止"), null=True, blank=True)
    ballot_opens_at = models.DateTimeField(_("测评开始"), null=True, blank=True)
    ballot_closes_at = models.DateTimeField(_("测评截止"), null=True, blank=True)
    closed_at = models.DateTimeField(_("测评结束于"), null=True, blank=True)
    tallied_at = models.DateTimeField(_("计票完成于"), null=True, blank=True)
    assessed_on = models.DateField(_("组织评定日期"), null=True, blank=True)
    assessed_by_body = models.CharField(_("评定会议"), max_length=20, blank=True)
    published_at = models.DateTimeField(_("结果公布于"), null=True, blank=True)
    # Kept for the paper tally: the hand-count sheet, photographed (evidence).
    tally_photo = models.FileField(_("计票单照片"), upload_to="evaluations/%Y/", blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("民主评议")
        verbose_name_plural = _("民主评议")
        constraints = [models.UniqueConstraint(fields=["organization", "year", "subject"],
                                               name="one_evaluation_a_year_per_subject")]

    def __str__(self) -> str:
        return f"{self.organization} {self.year}年度{SUBJECT_LABELS[Subject(self.subject)]}"

    @property
    def is_leadership(self) -> bool:
        return self.subject == Subject.LEADERSHIP

    @property
    def grade_choices(self) -> list[tuple[str, Any]]:
        """(value, label) of the grades a ballot of this evaluation marks."""
        return GRADE_CHOICES_OF[self.subject]


class RollEntry(models.Model):
    """A member on the roll of an evaluation (参评党员, or a committee member being evaluated),
    with the self-assessment and the grades (members' evaluations only)."""

    evaluation = models.ForeignKey(Evaluation, on_delete=models.CASCADE, related_name="roll")
    member = models.ForeignKey("members.Member", on_delete=models.PROTECT, related_name="evaluation_entries")
    excused = models.BooleanField(_("不参加评议"), default=False)
    excuse_reason = models.CharField(_("不参加的原因"), max_length=12, choices=ExcuseReason.choices, blank=True)
    excuse_note = models.CharField(_("说明"), max_length=200, blank=True)
    self_summary = models.TextField(_("个人自评"), blank=True)
    self_submitted_at = models.DateTimeField(null=True, blank=True)
    proposed_grade = models.CharField(_("建议等次"), max_length=24, choices=GRADE_CHOICES, blank=True)
    proposal_text = models.TextField(_("建议依据"), blank=True)
    final_grade = models.CharField(_("评定等次"), max_length=24, choices=GRADE_CHOICES, blank=True)
    final_reason = models.TextField(_("与建议不同的理由"), blank=True)

    class Meta:
        verbose_name = _("参评党员")
        verbose_name_plural = _("参评党员")
        constraints = [models.UniqueConstraint(fields=["evaluation", "member"], name="one_entry_per_member")]
        ordering = ["pk"]

    def __str__(self) -> str:
        return str(self.member)


class MassRepresentative(models.Model):
    """A non-Party mass representative registered by the organization. Nothing links a
    representative to a code or a ballot."""

    evaluation = models.ForeignKey(Evaluation, on_delete=models.CASCADE, related_name="representatives")
    name = models.CharField(_("姓名"), max_length=50)
    contact = EncryptedCharField(_("联系方式"), max_length=50, blank=True, null=True)
    note = models.CharField(_("身份"), max_length=100, blank=True)

    class Meta:
        verbose_name = _("党外群众代表")
        verbose_name_plural = _("党外群众代表")

    def __str__(self) -> str:
        return self.name


class VotingCode(models.Model):
    """A one-time voting code of a mass representative: its hash only (the code itself is
    printed once on a slip), and whether the slip was handed out — not to whom."""

    evaluation = models.ForeignKey(Evaluation, on_delete=models.CASCADE, related_name="codes")
    code_hash = models.CharField(max_length=64, unique=True)
    handed_out = models.BooleanField(_("已发放"), default=False)

    class Meta:
        verbose_name = _("投票码")
        verbose_name_plural = _("投票码")

    def __str__(self) -> str:
        return f"code #{self.pk}"


class CastRecord(models.Model):
    """"Has voted": an account (member) or a code (mass representative) has cast its one
    ballot, online or on paper. No link to the ballot."""

    evaluation = models.ForeignKey(Evaluation, on_delete=models.CASCADE, related_name="cast_records")
    voter_class = models.CharField(max_length=8, choices=CLASS_CHOICES)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                             related_name="+")
    code = models.OneToOneField(VotingCode, null=True, blank=True, on_delete=models.PROTECT, related_name="cast")
    on_paper = models.BooleanField(default=False)
    # HMAC of the idempotency key of the casting request: a retry with the same key is answered
    # with the same receipt; a different request of the same voter is refused.
    request_digest = models.CharField(max_length=64, blank=True)

    class Meta:
        verbose_name = _("投票记录")
        verbose_name_plural = _("投票记录")
        constraints = [
            models.UniqueConstraint(fields=["evaluation", "user"], condition=Q(user__isnull=False),
                                    name="one_ballot_per_account"),
            models.CheckConstraint(condition=Q(user__isnull=False) | Q(code__isnull=False) | Q(on_paper=True),
                                   name="cast_by_someone"),
        ]

    def __str__(self) -> str:
        return f"voted ({self.voter_class})"


class Ballot(models.Model):
    """One secret ballot: its class and its marks, {roll entry id: {"g": grade, "c": [conduct codes]}}."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    evaluation = models.ForeignKey(Evaluation, on_delete=models.CASCADE, related_name="ballots")
    voter_class = models.CharField(max_length=8, choices=CLASS_CHOICES)
    marks = models.JSONField()

    class Meta:
        verbose_name = _("测评票")
        verbose_name_plural = _("测评票")

    def __str__(self) -> str:
        return f"ballot ({self.voter_class})"


class Tracker(models.Model):
    """A receipt given at casting; after close the list is published so anyone can find theirs."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    evaluation = models.ForeignKey(Evaluation, on_delete=models.CASCADE, related_name="trackers")
    tracker = models.CharField(max_length=32)

    class Meta:
        verbose_name = _("回执号")
        verbose_name_plural = _("回执号")
        constraints = [models.UniqueConstraint(fields=["evaluation", "tracker"], name="one_tracker")]

    def __str__(self) -> str:
        return self.tracker


class PaperEntry(models.Model):
    """One paper ballot sheet as one clerk entered it. Two clerks enter every sheet apart; the
    sheet counts only once their entries agree (or a third entry settles the difference)."""

    evaluation = models.ForeignKey(Evaluation, on_delete=models.CASCADE, related_name="paper_entries")
    voter_class = models.CharField(max_length=8, choices=CLASS_CHOICES)
    sheet_no = models.PositiveIntegerField(_("选票编号"))
    entry_no = models.PositiveSmallIntegerField()  # 1 and 2: the two clerks; 3: the settling entry
    marks = models.JSONField()
    clerk = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = _("纸质选票录入")
        verbose_name_plural = _("纸质选票录入")
        constraints = [models.UniqueConstraint(fields=["evaluation", "voter_class", "sheet_no", "entry_no"],
                                               name="one_entry_per_sheet_and_clerk")]

    def __str__(self) -> str:
        return f"sheet {self.voter_class}#{self.sheet_no}/{self.entry_no}"
from pingxing.evaluations.disclosure_models import *  # noqa: F403,E402
from pingxing.evaluations.handling_models import *  # noqa: F403,E402
