"""Organizational handling (组织处置) of members graded 基本不合格 or 不合格: a case per roll entry,
its steps (整改 / 限期改正 → 劝退 → 除名) and the talks held. The rules are in handling_rules.py.
Handling is not a disciplinary sanction."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from pingxing.evaluations.handling_rules import Outcome, StepKind

__all__ = ["HandlingCase", "HandlingStep", "HandlingTalk", "OUTCOME_CHOICES", "STEP_CHOICES"]

STEP_CHOICES = [
    (StepKind.RECTIFY.value, _("整改")),
    (StepKind.CORRECT.value, _("限期改正")),
    (StepKind.PERSUADE.value, _("劝其退党")),
    (StepKind.EXPEL.value, _("除名")),
]
OUTCOME_CHOICES = [
    (Outcome.PASSED.value, _("已改正（通过）")),
    (Outcome.NOT_PASSED.value, _("未改正（未通过）")),
    (Outcome.WITHDREW.value, _("接受劝退、退党")),
    (Outcome.REFUSED.value, _("坚持不退党")),
    (Outcome.EXPELLED.value, _("已除名")),
]


class HandlingCase(models.Model):
    """The handling of one member after one evaluation (one case per roll entry)."""

    entry = models.OneToOneField("evaluations.RollEntry", on_delete=models.PROTECT, related_name="handling",
                                 verbose_name=_("参评党员"))
    opened_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    opened_at = models.DateTimeField(auto_now_add=True)
    closed_on = models.DateField(_("处置结束日期"), null=True, blank=True)
    outcome = models.CharField(_("处置结果"), max_length=12, choices=OUTCOME_CHOICES, blank=True)

    class Meta:
        verbose_name = _("组织处置")
        verbose_name_plural = _("组织处置")

    def __str__(self) -> str:
        return f"组织处置 #{self.pk}"


class HandlingStep(models.Model):
    """One step of a case: its draft by the branch committee, the street's pre-review, the
    branch meeting's vote, the approval by the level above and its outcome at the deadline."""

    case = models.ForeignKey(HandlingCase, on_delete=models.CASCADE, related_name="steps")
    kind = models.CharField(_("处置措施"), max_length=10, choices=STEP_CHOICES)
    # 支委会 drafting (for 整改: the rectification plan, with its helper)
    drafted_on = models.DateField(_("支委会研究日期"), null=True, blank=True)
    draft_text = models.TextField(_("处置意见（草案）"), blank=True)
    helper = models.ForeignKey("members.Member", null=True, blank=True, on_delete=models.PROTECT,
                               related_name="+", verbose_name=_("帮扶人"))
    due_on = models.DateField(_("期限"), null=True, blank=True)
    # 街道预审
    prereviewed_on = models.DateField(_("预审日期"), null=True, blank=True)
    prereview_passed = models.BooleanField(_("预审通过"), null=True, blank=True)
    prereview_note = models.CharField(_("预审意见"), max_length=500, blank=True)
    prereviewed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                       related_name="+")
    # 支部党员大会表决
    meeting_on = models.DateField(_("党员大会日期"), null=True, blank=True)
    entitled = models.PositiveIntegerField(_("应到会有表决权的正式党员"), null=True, blank=True)
    present = models.PositiveIntegerField(_("实到"), null=True, blank=True)
    votes_for = models.PositiveIntegerField(_("赞成"), null=True, blank=True)
    votes_against = models.PositiveIntegerField(_("反对"), null=True, blank=True)
    abstained = models.PositiveIntegerField(_("弃权"), null=True, blank=True)
    # 上级党组织批准
    approved_on = models.DateField(_("批准日期"), null=True, blank=True)
    approved_by_body = models.CharField(_("批准机关"), max_length=100, blank=True)
    approval_ref = models.CharField(_("批复文号"), max_length=60, blank=True)
    approved_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                    related_name="+")
    # The review at the deadline, or the member's answer
    outcome = models.CharField(_("结果"), max_length=12, choices=OUTCOME_CHOICES, blank=True)
    outcome_on = models.DateField(_("结果日期"), null=True, blank=True)
    outcome_note = models.TextField(_("结果说明"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("处置步骤")
        verbose_name_plural = _("处置步骤")
        ordering = ["case_id", "pk"]
        constraints = [models.UniqueConstraint(fields=["case", "kind"], name="one_step_of_a_kind_per_case")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} #{self.pk}"


class HandlingTalk(models.Model):
    """A talk (谈心谈话) with the member, logged with its date."""

    step = models.ForeignKey(HandlingStep, on_delete=models.CASCADE, related_name="talks")
    talked_on = models.DateField(_("谈话日期"))
    talker = models.CharField(_("谈话人"), max_length=50)
    summary = models.TextField(_("谈话要点"))
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("谈心谈话")
        verbose_name_plural = _("谈心谈话")
        ordering = ["talked_on", "pk"]

    def __str__(self) -> str:
        return f"谈话 {self.talked_on}"
