"""Community cadres (社区干部): the leadership roster (两委班子), their yearly pledges with
checkpoints (承诺), the accountability cases an unkept pledge opens (问责, 三.2.一) and the
adjustment of unqualified leadership members (调整, 四.1)."""

from __future__ import annotations

import datetime as dt

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from pingxing.members.models import Education, Gender


class Body(models.TextChoices):
    """The committees of a community, defined once."""

    PARTY_COMMITTEE = "party_committee", _("党组织委员会")
    RESIDENTS_COMMITTEE = "residents_committee", _("居民委员会")
    SUPERVISORY_COMMITTEE = "supervisory_committee", _("居务监督委员会")


class Position(models.TextChoices):
    SECRETARY = "secretary", _("书记")
    DEPUTY_SECRETARY = "deputy_secretary", _("副书记")
    DIRECTOR = "director", _("主任")
    DEPUTY_DIRECTOR = "deputy_director", _("副主任")
    MEMBER = "member", _("委员")


# Which positions each committee has (a party committee has no 主任, a residents' committee no 书记).
BODY_POSITIONS: dict[str, tuple[str, ...]] = {
    Body.PARTY_COMMITTEE: (Position.SECRETARY, Position.DEPUTY_SECRETARY, Position.MEMBER),
    Body.RESIDENTS_COMMITTEE: (Position.DIRECTOR, Position.DEPUTY_DIRECTOR, Position.MEMBER),
    Body.SUPERVISORY_COMMITTEE: (Position.DIRECTOR, Position.MEMBER),
}

AGE_BAND_LABELS = {"upto35": _("35岁及以下"), "36to45": _("36–45岁"), "46to55": _("46–55岁"),
                   "over55": _("56岁及以上")}


class PostQuerySet(models.QuerySet["LeadershipPost"]):
    def current(self, on: dt.date) -> PostQuerySet:
        """The posts held on `on`: started, not ended."""
        return self.filter(term_starts_on__lte=on).filter(Q(ended_on__isnull=True) | Q(ended_on__gt=on))


class LeadershipPost(models.Model):
    """One post on one committee: a member of the organization, or (for the residents' and the
    supervisory committees) a resident who is no Party member, named with their own details."""

    organization = models.ForeignKey("orgs.Organization", on_delete=models.PROTECT, related_name="leadership_posts",
                                     verbose_name=_("党组织"))
    body = models.CharField(_("班子"), max_length=24, choices=Body.choices)
    position = models.CharField(_("职务"), max_length=20, choices=Position.choices)
    member = models.ForeignKey("members.Member", on_delete=models.PROTECT, null=True, blank=True,
                               related_name="leadership_posts", verbose_name=_("党员"))
    # For a non-member only; a member's details come from the member record.
    name = models.CharField(_("姓名"), max_length=50, blank=True)
    birth_date = models.DateField(_("出生日期"), null=True, blank=True)
    gender = models.CharField(_("性别"), max_length=1, choices=Gender.choices, blank=True)
    education = models.CharField(_("文化程度"), max_length=16, choices=Education.choices, blank=True)
    term_starts_on = models.DateField(_("任职日期"))
    term_ends_on = models.DateField(_("届满日期"), null=True, blank=True)
    ended_on = models.DateField(_("离任日期"), null=True, blank=True)
    end_reason = models.CharField(_("离任原因"), max_length=200, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = PostQuerySet.as_manager()

    class Meta:
        verbose_name = _("两委班子职务")
        verbose_name_plural = _("两委班子职务")
        ordering = ["organization_id", "body", "pk"]

    def __str__(self) -> str:
        return f"{self.holder_name} {self.get_position_display()}"

    @property
    def holder_name(self) -> str:
        return self.member.name if self.member_id else self.name

    @property
    def holder_birth_date(self) -> dt.date | None:
        return self.member.birth_date if self.member_id else self.birth_date

    @property
    def holder_gender(self) -> str:
        return self.member.gender if self.member_id else self.gender

    @property
    def holder_education(self) -> str:
        return self.member.education if self.member_id else self.education

    @property
    def person_key(self) -> str:
        return f"m{self.member_id}" if self.member_id else f"n{self.name}|{self.birth_date}"

    @property
    def is_secretary(self) -> bool:
        return self.body == Body.PARTY_COMMITTEE and self.position == Position.SECRETARY

    @property
    def title(self) -> str:
        return f"{self.get_body_display()}{self.get_position_display()}"


class PledgeState(models.TextChoices):
    DRAFT = "draft", _("填写中")
    SUBMITTED = "submitted", _("待街道审核")
    RETURNED = "returned", _("已退回")
    APPROVED = "approved", _("已审核")


EDITABLE_STATES = frozenset({PledgeState.DRAFT, PledgeState.RETURNED})


class CadrePledge(models.Model):
    """A cadre's yearly pledge; the secretary's always carries the star target of the year (四.1)."""

    post = models.ForeignKey(LeadershipPost, on_delete=models.PROTECT, related_name="pledges",
                             verbose_name=_("干部"))
    organization = models.ForeignKey("orgs.Organization", on_delete=models.PROTECT, related_name="cadre_pledges")
    year = models.PositiveSmallIntegerField(_("年度"))
    target_star = models.PositiveSmallIntegerField(_("星级目标"), null=True, blank=True)
    state = models.CharField(_("状态"), max_length=12, choices=PledgeState.choices, default=PledgeState.DRAFT)
    return_reason = models.CharField(_("退回原因"), max_length=300, blank=True)
    approved_at = models.DateTimeField(null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("干部承诺")
        verbose_name_plural = _("干部承诺")
        ordering = ["organization_id", "post_id", "-year"]
        constraints = [models.UniqueConstraint(fields=["post", "year"], name="one_cadre_pledge_a_year")]

    def __str__(self) -> str:
        return f"{self.year}年度干部承诺"

    @property
    def is_editable(self) -> bool:
        return self.state in EDITABLE_STATES


class PledgeCommitment(models.Model):
    pledge = models.ForeignKey(CadrePledge, on_delete=models.CASCADE, related_name="commitments")
    text = models.CharField(_("承诺内容"), max_length=300)

    class Meta:
        ordering = ["pledge_id", "pk"]
        verbose_name = _("承诺事项")
        verbose_name_plural = _("承诺事项")

    def __str__(self) -> str:
        return self.text


class CheckResult(models.TextChoices):
    KEPT = "kept", _("已兑现")
    PARTLY = "partly", _("部分兑现")
    NOT_KEPT = "not_kept", _("未兑现")


class Checkpoint(models.Model):
    """A date by which part of a commitment is due; the street records the result there."""

    commitment = models.ForeignKey(PledgeCommitment, on_delete=models.CASCADE, related_name="checkpoints")
    due_on = models.DateField(_("检查日期"))
    result = models.CharField(_("兑现情况"), max_length=10, choices=CheckResult.choices, blank=True)
    note = models.CharField(_("检查意见"), max_length=300, blank=True)
    evidence = models.FileField(_("证明材料"), upload_to="cadres/%Y/", blank=True)
    original_name = models.CharField(max_length=200, blank=True)
    recorded_on = models.DateField(null=True, blank=True)
    recorded_by = models.ForeignKey("accounts.User", on_delete=models.PROTECT, null=True, blank=True,
                                    related_name="+")

    class Meta:
        ordering = ["commitment_id", "due_on", "pk"]
        verbose_name = _("承诺检查点")
        verbose_name_plural = _("承诺检查点")

    def __str__(self) -> str:
        return f"{self.commitment} @ {self.due_on}"


class CaseState(models.TextChoices):
    OPEN = "open", _("待处理")
    DECIDED = "decided", _("已问责")
    CLOSED = "closed", _("不予问责")


class AccountabilityCase(models.Model):
    """问责: opened by an unkept checkpoint (or by the street for a partly kept one)."""

    post = models.ForeignKey(LeadershipPost, on_delete=models.PROTECT, related_name="accountability_cases",
                             verbose_name=_("干部"))
    organization = models.ForeignKey("orgs.Organization", on_delete=models.PROTECT, related_name="+")
    checkpoint = models.OneToOneField(Checkpoint, on_delete=models.PROTECT, related_name="accountability_case")
    year = models.PositiveSmallIntegerField(_("年度"))
    state = models.CharField(_("状态"), max_length=10, choices=CaseState.choices, default=CaseState.OPEN)
    opened_automatically = models.BooleanField(default=True)
    opened_at = models.DateTimeField(auto_now_add=True)
    form = models.CharField(_("问责方式"), max_length=32, blank=True)  # a code of accountability_forms.toml
    form_label = models.CharField(max_length=50, blank=True)  # the label as it stood when decided
    decision = models.TextField(_("处理决定"), blank=True)
    reason = models.CharField(_("理由"), max_length=500, blank=True)
    decided_on = models.DateField(_("决定日期"), null=True, blank=True)
    decided_by = models.ForeignKey("accounts.User", on_delete=models.PROTECT, null=True, blank=True, related_name="+")

    class Meta:
        ordering = ["-opened_at", "-pk"]
        verbose_name = _("问责")
        verbose_name_plural = _("问责")

    def __str__(self) -> str:
        return f"问责 #{self.pk}"


class Ground(models.TextChoices):
    POOR_PERFORMANCE = "poor_performance", _("目标任务完成情况差")
    POOR_ATTITUDE = "poor_attitude", _("服务态度差")
    STRONG_COMPLAINTS = "strong_complaints", _("群众反映强烈")


class AdjustmentState(models.TextChoices):
    PROPOSED = "proposed", _("待街道决定")
    ADJUSTED = "adjusted", _("调整")
    KEPT = "kept", _("不调整")


class AdjustmentCase(models.Model):
    """调整: a proposal to adjust an unqualified leadership member; the street decides."""

    post = models.ForeignKey(LeadershipPost, on_delete=models.PROTECT, related_name="adjustment_cases",
                             verbose_name=_("干部"))
    organization = models.ForeignKey("orgs.Organization", on_delete=models.PROTECT, related_name="+")
    grounds = models.JSONField(_("调整情形"), default=list)
    evidence = models.TextField(_("事实依据"))
    proposed_by_street = models.BooleanField(default=False)
    proposed_by = models.ForeignKey("accounts.User", on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    proposed_at = models.DateTimeField(auto_now_add=True)
    state = models.CharField(_("状态"), max_length=10, choices=AdjustmentState.choices,
                             default=AdjustmentState.PROPOSED)
    reason = models.CharField(_("决定理由"), max_length=500, blank=True)
    decided_on = models.DateField(_("决定日期"), null=True, blank=True)
    decided_by = models.ForeignKey("accounts.User", on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    successor = models.CharField(_("接任人选"), max_length=50, blank=True)

    class Meta:
        ordering = ["-proposed_at", "-pk"]
        verbose_name = _("班子成员调整")
        verbose_name_plural = _("班子成员调整")

    def __str__(self) -> str:
        return f"调整 #{self.pk}"

    def ground_labels(self) -> list[str]:
        return [str(Ground(g).label) for g in self.grounds if g in Ground.values]


class AdjustmentFile(models.Model):
    case = models.ForeignKey(AdjustmentCase, on_delete=models.CASCADE, related_name="files")
    file = models.FileField(upload_to="cadres/%Y/")
    original_name = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["case_id", "pk"]
        verbose_name = _("调整材料")
        verbose_name_plural = _("调整材料")

    def __str__(self) -> str:
        return self.original_name
